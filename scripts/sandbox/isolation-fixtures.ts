// Pages for the isolation test (test/e2e/check-isolation.test.ts): a writer that leaves every
// kind of state a browser keeps (cookies by header and by script, local and session storage,
// IndexedDB, Cache Storage, an HTTP-cached script, a service worker attempt, a permission
// decision, client-hint preferences, HSTS from its host's deployment, an open window, and a
// third-party frame that writes its own), and a reader that reports in its text what it finds
// of all that. Served on the fixtures' hosts (kiemthu.sandbox, tienich.sandbox).
import type { IncomingHttpHeaders } from 'node:http';
import { escapeHtml } from './format.ts';
import { fixturePage as page } from './fixture-page.ts';
import type { SiteResponse } from './sites.ts';

export const ISOLATION_PAGES = {
  writer: '/co-lap/ghi',
  reader: '/co-lap/doc',
} as const;

const CSP = "default-src 'self' https: 'unsafe-inline'; frame-ancestors 'self'";
const HINTS = 'Sec-CH-UA-Platform-Version, Sec-CH-UA-Full-Version-List, Sec-CH-UA-Arch';

const WRITE_SCRIPT = `
document.cookie = 'ghi_js=1; path=/; max-age=86400; secure';
localStorage.setItem('ghi_local', '1');
sessionStorage.setItem('ghi_session', '1');
try { indexedDB.open('ghi-idb', 1).onupgradeneeded = function (e) { e.target.result.createObjectStore('kho').put('1', 'k'); }; } catch (e) {}
try { caches.open('ghi-cache').then(function (c) { return c.put('/co-lap/tep.js?luu', new Response('1')); }); } catch (e) {}
try { navigator.serviceWorker.register('/co-lap/sw.js').catch(function () {}); } catch (e) {}
try { Notification.requestPermission().catch(function () {}); } catch (e) {}
try { navigator.geolocation.getCurrentPosition(function () {}, function () {}); } catch (e) {}
window.open('/co-lap/doc?cua-so-mo', '_blank');
`;

const FRAME_WRITE_SCRIPT = `
document.cookie = 'khung_js=1; path=/; max-age=86400; secure; samesite=none';
localStorage.setItem('khung_local', '1');
`;

/** What the reader finds, as JSON in its text (#trang-thai). */
const READ_SCRIPT = `
addEventListener('load', function () {
  var out = { cookies: document.cookie, local: Object.keys(localStorage), session: Object.keys(sessionStorage) };
  var tasks = [
    (indexedDB.databases ? indexedDB.databases() : Promise.resolve([])).then(function (d) { out.indexedDb = d.map(function (x) { return x.name; }); }),
    (self.caches ? caches.keys() : Promise.resolve('none')).then(function (k) { out.cacheStorage = k; }),
    (navigator.serviceWorker ? navigator.serviceWorker.getRegistrations() : Promise.resolve([])).then(function (r) { out.serviceWorkers = r.length; }, function () { out.serviceWorkers = 'blocked'; }),
    navigator.permissions.query({ name: 'notifications' }).then(function (p) { out.notifications = p.state; }),
    navigator.permissions.query({ name: 'geolocation' }).then(function (p) { out.geolocation = p.state; }),
  ];
  Promise.all(tasks.map(function (t) { return t.catch(function () {}); })).then(function () {
    var entry = performance.getEntriesByName(new URL('/co-lap/tep.js', location.href).href)[0];
    out.scriptFromHttpCache = entry ? entry.transferSize === 0 : 'not loaded';
    // Keys in a fixed order: the tasks above finish in any order.
    var keys = ['cookies', 'local', 'session', 'indexedDb', 'cacheStorage', 'serviceWorkers', 'notifications', 'geolocation', 'scriptFromHttpCache'];
    document.getElementById('trang-thai').textContent = JSON.stringify(out, keys);
  });
});
`;

export function isolationFixture(path: string, headers: IncomingHttpHeaders = {}): SiteResponse | null {
  switch (path) {
    case ISOLATION_PAGES.writer: {
      const answer = page('Trang ghi trạng thái', `<p>Trang này để lại mọi loại trạng thái trình duyệt.</p>
<script src="/co-lap/tep.js"></script>
<iframe src="https://tienich.sandbox/co-lap/khung-ghi" title="Khung của trang khác" width="200" height="50"></iframe>
<script>${WRITE_SCRIPT}</script>`, { csp: CSP });
      answer.headers['set-cookie'] = 'ghi_http=1; Path=/; Max-Age=86400; Secure; HttpOnly; SameSite=Lax';
      answer.headers['accept-ch'] = HINTS;
      return answer;
    }
    case '/co-lap/khung-ghi': {
      const answer = page('Khung ghi trạng thái', `<p>Khung của trang khác.</p><script>${FRAME_WRITE_SCRIPT}</script>`, { csp: "default-src 'self' 'unsafe-inline'" });
      answer.headers['set-cookie'] = 'khung_http=1; Path=/; Max-Age=86400; Secure; SameSite=None';
      answer.headers['accept-ch'] = HINTS;
      return answer;
    }
    case ISOLATION_PAGES.reader: {
      // Client hints the browser sent unasked (only the defaults belong here: a preference left by the writer would add more).
      const hints = Object.keys(headers).filter((h) => h.startsWith('sec-ch-')).sort();
      return page('Trang đọc trạng thái', `<p>Trang này cho biết trạng thái trình duyệt nó thấy.</p>
<p id="goi-y">Gợi ý máy khách nhận được: ${escapeHtml(hints.join(', '))}</p>
<pre id="trang-thai">chưa đọc</pre>
<script src="/co-lap/tep.js"></script>
<script>${READ_SCRIPT}</script>`, { csp: CSP });
    }
    case '/co-lap/tep.js':
      return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400' }, body: '/* tệp được lưu đệm một ngày */\n' };
    case '/co-lap/sw.js':
      return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: "self.addEventListener('fetch', function () {});\n" };
    default:
      return null;
  }
}
