// A page that makes every kind of request from every kind of context, to measure how complete
// the privacy evidence is: what the server saw against what the visit recorded (the
// privacy-accuracy benchmark and test/e2e/privacy-evidence.test.ts).
//
// The top document (kiemthu.sandbox) loads a script, a style with a web font, an image, a
// redirected image, a video, and from its script a fetch, an XHR, a beacon, an event source, a
// WebSocket, a dedicated and a shared worker (each fetching); a CSP report is sent for an image
// its policy blocks. It frames tienich.sandbox (another site: an out-of-process frame), which
// fetches, opens a WebSocket, starts a worker and frames khung.sandbox (a third site, depth 2).
// Every resource's path says who asked for it: /bang-chung/r/<top|k1|k2>-<kind>.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SiteResponse } from './sites.ts';

export const EVIDENCE_PAGE = '/bang-chung/moi-nguon';
export const EVIDENCE_HOSTS = { top: 'kiemthu.sandbox', frame1: 'tienich.sandbox', frame2: 'khung.sandbox' } as const;
export const EVIDENCE_FRAME_PAGES = { frame1: '/bang-chung/khung-1', frame2: '/bang-chung/khung-2' } as const;
const R = '/bang-chung/r/';

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

function html(title: string, body: string, csp: string, head = ''): SiteResponse {
  return {
    status: 200,
    headers: { 'content-type': HTML, 'content-security-policy': csp },
    body: `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${title}</title>
${head}</head>
<body><h1>${title}</h1>
${body}
</body></html>
`,
  };
}

/** What a script in a frame of `who` does: a fetch, and optionally a WebSocket and a worker. */
function frameScript(who: 'k1' | 'k2', host: string, opts: { socket: boolean; worker: boolean }): string {
  return `<img src="${R}${who}-image.gif" alt="" width="1" height="1">
<script>
fetch('${R}${who}-fetch').catch(function () {});
${opts.socket ? `try { var s = new WebSocket('wss://${host}/bang-chung/ws?from=${who}'); s.onopen = function () { s.send('{"khung":"${who}"}'); }; } catch (e) {}` : ''}
${opts.worker ? `try { new Worker('${R}${who}-worker.js'); } catch (e) {}` : ''}
</script>`;
}

/** A portal page embedding three trackers' frames: a video player, a social widget, an ad. */
export const TRACKER_FRAMES_PAGE = '/bang-chung/khung-theo-doi';
export const TRACKER_FRAME_HOSTS = ['www.youtube.com', 'platform.twitter.com', 'googleads.g.doubleclick.net'] as const;

// Inside each tracker's frame: its measurement request (an EasyPrivacy rule matches each), a
// cookie from its server and one from its script, and an identifier in its storage.
const TRACKER_FRAMES: Record<string, { path: string; title: string; beacon: string; cookie: string; scriptCookie: string; storageKey: string }> = {
  'www.youtube.com': { path: '/embed/gioi-thieu-dich-vu-cong', title: 'Video giới thiệu', beacon: '/api/stats/qoe?event=streamingstats&cpn=k3J9xQ2mZpL0aV7e', cookie: 'VISITOR_INFO1_LIVE', scriptCookie: 'yt_phien', storageKey: 'yt-player-bandwidth' },
  'platform.twitter.com': { path: '/widgets/bai-dang.html', title: 'Bài đăng mạng xã hội', beacon: '/i/jot?l=%7B%22su_kien%22%3A%22xem%22%7D', cookie: 'guest_id', scriptCookie: 'tw_widget', storageKey: '__widgetsettings' },
  'googleads.g.doubleclick.net': { path: '/pagead/ads', title: 'Quảng cáo', beacon: '/pagead/viewthroughconversion/987654/?random=8812734', cookie: 'IDE', scriptCookie: '__gads_k', storageKey: 'goog_ad_id' },
};

function trackerFrame(host: string, path: string): SiteResponse | null {
  const f = TRACKER_FRAMES[host];
  if (!f || f.path !== path) return null;
  return {
    status: 200,
    headers: {
      'content-type': HTML, 'content-security-policy': "default-src 'self' 'unsafe-inline'",
      'set-cookie': `${f.cookie}=Qm9uZ2RhLXRoZW8tZG9pLTEyMzQ1Njc4; Max-Age=15552000; Path=/; Secure; SameSite=None`,
    },
    body: `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${f.title}</title></head>
<body><p>${f.title}</p>
<img src="${f.beacon}" alt="" width="1" height="1">
<script>
document.cookie = '${f.scriptCookie}=c8f1e2d3b4a59687; max-age=31536000; path=/; secure; samesite=none';
try { localStorage.setItem('${f.storageKey}', 'a9F3kQ7zL2mX8vB1'); } catch (e) {}
</script>
</body></html>
`,
  };
}

export function evidenceFixture(path: string, host: string): SiteResponse | null {
  const tracker = trackerFrame(host, path);
  if (tracker) return tracker;
  if (path === TRACKER_FRAMES_PAGE && host === EVIDENCE_HOSTS.top) {
    const frames = TRACKER_FRAME_HOSTS.map((h) => `<iframe src="https://${h}${TRACKER_FRAMES[h]!.path}" title="${TRACKER_FRAMES[h]!.title}" width="300" height="150"></iframe>`).join('\n');
    return html('Trang có khung của bên theo dõi', `<p>Trang nhúng video, bài đăng mạng xã hội và quảng cáo của bên thứ ba.</p>\n${frames}`,
      `default-src 'self'; frame-src ${TRACKER_FRAME_HOSTS.map((h) => `https://${h}`).join(' ')}`);
  }
  if (path === EVIDENCE_PAGE && host === EVIDENCE_HOSTS.top) {
    const csp = [
      "default-src 'self'", "script-src 'self' 'unsafe-inline'", `frame-src https://${EVIDENCE_HOSTS.frame1}`,
      `connect-src 'self' wss://${EVIDENCE_HOSTS.top}`, "img-src 'self'", "media-src 'self'", "font-src 'self'", "style-src 'self'",
      `report-uri ${R}top-csp-report`,
    ].join('; ');
    return html('Mọi loại yêu cầu', `<p class="chu">Trang tải mọi loại tài nguyên từ mọi ngữ cảnh để đo độ đầy đủ của bằng chứng.</p>
<img src="${R}top-image.gif" alt="" width="1" height="1">
<img src="${R}top-redirect" alt="" width="1" height="1">
<img src="https://cdn.jsdelivr.net/bi-chan.gif" alt="" width="1" height="1">
<video src="${R}top-media.webm" preload="auto" width="2" height="2" muted></video>
<iframe src="https://${EVIDENCE_HOSTS.frame1}${EVIDENCE_FRAME_PAGES.frame1}" title="Khung tiện ích" width="300" height="150"></iframe>
<script src="${R}top-script.js"></script>`, csp, `<link rel="stylesheet" href="${R}top-style.css">`);
  }
  if (path === EVIDENCE_FRAME_PAGES.frame1 && host === EVIDENCE_HOSTS.frame1) {
    return html('Khung cấp 1', `${frameScript('k1', host, { socket: true, worker: true })}
<iframe src="https://${EVIDENCE_HOSTS.frame2}${EVIDENCE_FRAME_PAGES.frame2}" title="Khung lồng" width="200" height="100"></iframe>`,
    "default-src 'self' 'unsafe-inline' https://khung.sandbox wss://tienich.sandbox");
  }
  if (path === EVIDENCE_FRAME_PAGES.frame2 && host === EVIDENCE_HOSTS.frame2) {
    return html('Khung cấp 2', frameScript('k2', host, { socket: false, worker: false }), "default-src 'self' 'unsafe-inline'");
  }
  if (!path.startsWith(R)) return null;
  const name = path.slice(R.length);
  const ok = (type: string, body: string | Buffer): SiteResponse => ({ status: 200, headers: { 'content-type': type, 'cache-control': 'no-store' }, body });
  switch (name) {
    case 'top-script.js':
      return ok(JS, `fetch('${R}top-fetch').catch(function () {});
var x = new XMLHttpRequest(); x.open('GET', '${R}top-xhr'); x.send();
navigator.sendBeacon('${R}top-beacon', 'su-kien=xem-trang');
var es = new EventSource('${R}top-events'); es.onmessage = function () { es.close(); };
try { var s = new WebSocket('wss://${EVIDENCE_HOSTS.top}/bang-chung/ws?from=top'); s.onopen = function () { s.send('{"trang":"moi-nguon"}'); }; } catch (e) {}
try { new Worker('${R}top-worker.js'); } catch (e) {}
try { new SharedWorker('${R}top-shared-worker.js'); } catch (e) {}
try { navigator.serviceWorker.register('${R}top-service-worker.js', { scope: '${R}' }).catch(function () {}); } catch (e) {}
`);
    case 'top-worker.js':
    case 'k1-worker.js':
    case 'top-shared-worker.js':
      return ok(JS, `fetch('${R}${name.replace(/\.js$/, '')}-fetch').catch(function () {});\n`);
    case 'top-style.css':
      return ok('text/css; charset=utf-8', `@font-face { font-family: "Chu Thu"; src: url("${R}top-font.woff2") format("woff2"); }\n.chu { font-family: "Chu Thu", sans-serif; }\n`);
    case 'top-font.woff2':
      return ok('font/woff2', Buffer.from('wOF2 mô phỏng'));
    case 'top-media.webm':
      return ok('video/webm', Buffer.alloc(64));
    case 'top-redirect':
      return { status: 302, headers: { location: `${R}top-redirected.gif`, 'content-type': 'text/plain; charset=utf-8' }, body: 'chuyển hướng\n' };
    case 'top-events':
      // One event, then a minute before the browser would reconnect.
      return { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }, body: 'retry: 60000\ndata: xin chao\n\n' };
    default:
      return name.endsWith('.gif') ? ok('image/gif', GIF) : ok('text/plain; charset=utf-8', 'ok\n');
  }
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One unmasked WebSocket text frame (servers do not mask), for payloads under 126 bytes. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
}

/**
 * The WebSocket endpoint of the evidence page: a handshake (RFC 6455) and one greeting; what
 * the client sends is read and dropped. Answers false for any other upgrade.
 */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex): boolean {
  const key = req.headers['sec-websocket-key'];
  if (!req.url?.startsWith('/bang-chung/ws') || typeof key !== 'string') return false;
  const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  socket.write(textFrame('{"chao":"xin chào"}'));
  socket.on('data', () => {});
  socket.on('error', () => socket.destroy());
  return true;
}
