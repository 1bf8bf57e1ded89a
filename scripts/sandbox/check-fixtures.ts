// Single-purpose pages on https://kiemthu.sandbox/ for the privacy and accessibility checker:
// a clean page, pages with one defect each that the three portal builds do not show, and
// hostile pages (endless redirects, a download, popups, alert(), 50 MB, a page that never
// finishes) that must end as a recorded scanner error without harming other checks.
// Served only on the public host (hosts.ts): some pages name other public hosts, which only a
// browser with the sandbox's host-resolver rules may look up.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { CORS_PROBE_ORIGIN } from '../../src/checks/types.ts';
import { a11yFixture } from './a11y-fixtures/index.ts';
import { evidenceFixture } from './evidence-fixtures.ts';
import { waitDrainOrClose } from './faults.ts';
import { BEHAVIOUR_PAGES, behaviourFixture } from './privacy-behaviour-fixtures.ts';
import { CONSENT_PAGES, consentFixture } from './consent-fixtures.ts';
import { fixturePage as page } from './fixture-page.ts';
import { ISOLATION_PAGES, isolationFixture } from './isolation-fixtures.ts';
import { GIF_1X1, type SiteResponse } from './sites.ts';

export const FIXTURES_HOST = 'kiemthu.sandbox';
export const FIXTURES_ORIGIN = `https://${FIXTURES_HOST}`;

/** Paths of the fixture pages, by what they show. */
export const FIXTURE_PAGES = {
  clean: '/sach',
  mixedContent: '/noi-dung-hon-hop',
  thirdPartyCdn: '/cdn-nuoc-ngoai',
  storage: '/luu-tru',
  focusHidden: '/an-vien-tieu-diem',
  unreachable: '/khong-toi-duoc',
  reflow: '/tran-ngang',
  untitledFrame: '/khung-khong-ten',
  metaCsp: '/csp-trong-the-meta',
  /** Other sites' scripts with and without integrity, <meta> CSP in <head> and in <body>, the CORS probe's Origin allowed with cookies. */
  subresources: '/toan-ven-tai-nguyen',
  filterListBeacon: '/do-luong-tu-viet',
  /** Trackers by what they do (privacy-behaviour-fixtures.ts). */
  behaviour: BEHAVIOUR_PAGES,
  /** Consent banners, exercised (consent-fixtures.ts). */
  consent: CONSENT_PAGES,
  /** A page leaving every kind of browser state, and one reporting what it finds (isolation-fixtures.ts). */
  isolation: ISOLATION_PAGES,
  /** Pages that reach for the monitoring host (?cong=<a port on 127.0.0.1>) or eat memory. */
  reachingOut: {
    subresources: '/doc-hai/mang-noi-bo',
    redirect: '/doc-hai/chuyen-vao-may-giam-sat',
    scriptMove: '/doc-hai/di-vao-may-giam-sat',
    memoryHog: '/doc-hai/an-bo-nho',
  },
  hostile: {
    redirectLoop: '/doc-hai/chuyen-huong-vo-tan',
    download: '/doc-hai/tai-xuong',
    pdf: '/doc-hai/chinh-sach.pdf',
    popup: '/doc-hai/cua-so-bat-len',
    popupFlood: '/doc-hai/cua-so-bat-len-lien-tuc',
    alert: '/doc-hai/hop-thoai',
    alertLoop: '/doc-hai/hop-thoai-lien-tuc',
    huge: '/doc-hai/trang-50mb',
    neverEnds: '/doc-hai/khong-bao-gio-xong',
  },
} as const;

export const HUGE_PAGE_BYTES = 50 * 1024 * 1024;

/** A response written by hand: streamed, slow or endless. Ends when the sandbox closes. */
export type StreamedResponse = (res: ServerResponse, closing: AbortSignal) => Promise<void>;

const HTML = 'text/html; charset=utf-8';
// The fixtures load things the hardened CSP of their host would block; each page says what it allows.
// Accessibility fixtures run inline scripts and frame each other (and other sandbox hosts).
const A11Y_CSP = "default-src 'self' https: data: 'unsafe-inline'; frame-ancestors 'self'";
const A11Y_EMBEDDABLE_CSP = "default-src 'self' https: data: 'unsafe-inline'";
const OPEN_CSP = "default-src 'self' https: http: data: 'unsafe-inline'; frame-ancestors 'none'";


const NOOP_JS = '/* tệp mô phỏng, không làm gì */\n';
/** What the CDN stand-in (cdn.jsdelivr.net) answers for any script, and its SHA-384 in the form `integrity` takes. */
export const CDN_SCRIPT = '/* thư viện mô phỏng */\n';
const CDN_SCRIPT_SRI = `sha384-${createHash('sha384').update(CDN_SCRIPT).digest('base64')}`;

function hugePage(): StreamedResponse {
  return async (res, closing) => {
    const chunk = Buffer.from(`<p>${'Nội dung rất dài. '.repeat(3000)}</p>\n`);
    res.writeHead(200, { 'content-type': HTML, 'content-length': HUGE_PAGE_BYTES });
    res.write('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trang 50 MB</title></head><body>\n');
    let sent = 100;
    while (sent < HUGE_PAGE_BYTES && !closing.aborted && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(chunk.length, HUGE_PAGE_BYTES - sent));
      sent += part.length;
      if (!res.write(part)) await waitDrainOrClose(res);
    }
    res.end();
  };
}

function neverEnds(): StreamedResponse {
  return async (res, closing) => {
    res.writeHead(200, { 'content-type': HTML });
    res.write('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Đang tải mãi</title></head><body><p>Trang này không bao giờ tải xong.</p>\n');
    // A trickle every few seconds keeps the connection alive; the body never ends.
    while (!closing.aborted && !res.destroyed) {
      await new Promise((resolve) => setTimeout(resolve, 2000).unref());
      if (!res.destroyed) res.write('<!-- … -->\n');
    }
    res.destroy();
  };
}

export function handleFixture(path: string, query: URLSearchParams, host = FIXTURES_HOST, requestHeaders: IncomingHttpHeaders = {}): SiteResponse | StreamedResponse {
  const P = FIXTURE_PAGES;
  const H = P.hostile;
  switch (path) {
    case '/':
    case P.clean:
      return page('Trang kiểm thử sạch', `<p>Trang này đạt mọi tiêu chí: có khai báo ngôn ngữ, văn bản thay thế, nhãn biểu mẫu và độ tương phản đủ.</p>
<img src="/assets/diem.gif" alt="Điểm ảnh minh họa" width="16" height="16">
<form action="/gui" method="post"><label for="tu-khoa">Từ khóa tìm kiếm</label> <input id="tu-khoa" name="tu_khoa" type="search"> <button type="submit">Tìm</button></form>`);
    case P.filterListBeacon:
      // A home-grown analytics beacon on the portal's own host: no entity list knows it, EasyPrivacy's rules do.
      return page('Đo lượng truy cập tự viết', `<p>Trang gửi số liệu truy cập về máy chủ của chính cổng.</p>
<img src="/analytics/collect?v=1&amp;t=pageview&amp;dp=%2Ftrang-chu" alt="" width="1" height="1">`);
    case P.metaCsp:
      // A weak header policy made strict by the document's own <meta> policy: both are enforced.
      return page('Chính sách nội dung trong thẻ meta', '<p>Trang đặt thêm chính sách bảo mật nội dung bằng thẻ meta.</p>', {
        csp: "default-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        head: `\n<meta http-equiv="Content-Security-Policy" content="script-src 'self'; object-src 'none'">`,
      });
    case P.subresources: {
      // Subresource Integrity: the site's own script, another site's with integrity and one without,
      // another site's stylesheet without. <meta> CSP: one in <head> whose http-equiv is padded with
      // spaces (Chromium trims it and enforces the policy), one in <body> (Chromium ignores it). CORS:
      // the answer names the checker's probe Origin and allows cookies, as a server echoing every
      // Origin would.
      const answer = page('Toàn vẹn tài nguyên', `<p>Trang tải thư viện từ một mạng phân phối nội dung bên ngoài.</p>
<meta http-equiv="Content-Security-Policy" content="script-src 'none'">
<script src="/assets/khong-lam-gi.js"></script>
<script src="https://cdn.jsdelivr.net/npm/thu-vien@1/thu-vien.min.js"></script>
<script src="https://cdn.jsdelivr.net/npm/thu-vien@2/thu-vien.min.js" integrity="${CDN_SCRIPT_SRI}" crossorigin="anonymous"></script>`, {
        csp: "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; object-src 'none'; frame-ancestors 'none'",
        head: `\n<meta http-equiv=" Content-Security-Policy " content="base-uri 'self'">\n<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/giao-dien@1/giao-dien.min.css">`,
      });
      return { ...answer, headers: { ...answer.headers, 'access-control-allow-origin': CORS_PROBE_ORIGIN, 'access-control-allow-credentials': 'true' } };
    }
    case P.mixedContent:
      // An HTTPS page that loads a script and an image over plain HTTP.
      return page('Nội dung hỗn hợp', `<p>Trang HTTPS tải tài nguyên qua HTTP không mã hóa.</p>
<img src="http://${FIXTURES_HOST}/assets/diem.gif" alt="Điểm ảnh tải qua HTTP" width="16" height="16">
<script src="http://${FIXTURES_HOST}/assets/khong-lam-gi.js"></script>`, { csp: OPEN_CSP });
    case P.thirdPartyCdn:
      // A third party abroad that is not a tracker: listed for review, not a tracker finding.
      return page('Thư viện từ CDN nước ngoài', `<p>Trang tải một thư viện JavaScript từ máy chủ nước ngoài.</p>
<script src="https://cdn.jsdelivr.net/npm/thu-vien@1/thu-vien.min.js"></script>`, { csp: OPEN_CSP });
    case P.storage:
      // First-party preference storage, set by the page's own script (strictly necessary).
      return page('Lưu cỡ chữ', `<p>Trang ghi nhớ cỡ chữ bạn chọn trong bộ nhớ của trình duyệt.</p>
<script src="/assets/co-chu.js"></script>`);
    case P.focusHidden:
      return page('Ẩn viền tiêu điểm', `<p>Các liên kết dưới đây không hiện viền khi nhận tiêu điểm bàn phím.</p>
<ul><li><a href="/sach">Thủ tục hộ tịch</a></li><li><a href="/sach">Thủ tục đất đai</a></li></ul>
<button type="button">Tra cứu</button>`, { style: ' *:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }' });
    case P.unreachable:
      return page('Phần tử không tới được bằng bàn phím', `<p>Nút dưới đây chỉ bấm được bằng chuột.</p>
<div class="nut" role="button" onclick="this.textContent = 'Đã gửi'">Gửi yêu cầu</div>
<p><a href="/sach" tabindex="-1">Liên kết bị loại khỏi thứ tự Tab</a></p>`, { style: ' .nut { display: inline-block; padding: .5rem 1rem; background: #00457c; color: #ffffff; cursor: pointer; }', csp: OPEN_CSP });
    case P.reflow:
      return page('Tràn ngang', `<div style="width: 1200px; background: #f2f2f2">Khung rộng cố định 1200 điểm ảnh: ở màn hình 320 điểm ảnh phải cuộn ngang.</div>`, { csp: OPEN_CSP });
    case P.untitledFrame:
      // A frame without a title: a WCAG failure (4.1.2) that none of the named criteria covers.
      return page('Khung không có tên', `<p>Khung nhúng dưới đây không có thuộc tính title.</p>
<iframe src="/sach" width="300" height="150"></iframe>`, { csp: "default-src 'self' 'unsafe-inline'; frame-ancestors 'self'" });
    case '/assets/diem.gif':
      return { status: 200, headers: { 'content-type': 'image/gif', 'cache-control': 'max-age=3600' }, body: GIF_1X1 };
    case '/assets/khong-lam-gi.js':
      return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: NOOP_JS };
    case '/assets/co-chu.js':
      return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: "try { localStorage.setItem('co_chu', 'vua'); } catch (e) { /* bộ nhớ bị chặn */ }\n" };
    case H.redirectLoop: {
      const n = Number(query.get('n') ?? 0) + 1;
      return { status: 302, headers: { location: `${H.redirectLoop}?n=${n}`, 'content-type': 'text/plain; charset=utf-8' }, body: 'chuyển hướng\n' };
    }
    case H.pdf:
      // A document, not a page: the full browser shows it in its viewer, the headless shell downloads it.
      return { status: 200, headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n' };
    case H.download:
      return {
        status: 200,
        headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="bieu-mau.exe"' },
        body: Buffer.alloc(1024, 0x4d),
      };
    case H.popup:
      return page('Cửa sổ bật lên', '<p>Trang mở một cửa sổ mới khi tải.</p><script>window.open("/sach", "_blank");</script>', { csp: OPEN_CSP });
    case H.popupFlood:
      return page('Cửa sổ bật lên liên tục', '<p>Trang mở cửa sổ mới liên tục.</p><script>setInterval(function () { window.open("/sach?" + Math.random(), "_blank"); }, 20);</script>', { csp: OPEN_CSP });
    case H.alert:
      return page('Hộp thoại', '<p>Trang hiện một hộp thoại chào mừng khi tải.</p><script>alert("Chào mừng đến với cổng dịch vụ công");</script>', { csp: OPEN_CSP });
    case H.alertLoop:
      return page('Hộp thoại liên tục', '<p>Trang hiện hộp thoại không dứt.</p><script>for (;;) { alert("Bạn phải đồng ý"); }</script>', { csp: OPEN_CSP });
    case P.reachingOut.subresources: {
      // The dashboard of the monitoring host stands at 127.0.0.1:cong; every way a page can reach it.
      const local = `127.0.0.1:${Number(query.get('cong')) || 9}`;
      return page('Dò mạng nội bộ', `<p>Trang thử gửi yêu cầu tới máy giám sát và mạng nội bộ.</p>
<img src="http://${local}/anh.gif" alt="" width="1" height="1">
<iframe src="http://${local}/khung" title="Khung nội bộ" width="100" height="50"></iframe>
<script>
fetch('http://${local}/api/alerts').catch(function () {});
fetch('http://localhost:${local.split(':')[1]}/api/portals').catch(function () {});
navigator.sendBeacon('http://${local}/beacon', 'x');
try { new WebSocket('ws://${local}/socket'); } catch (e) {}
</script>`, { csp: "default-src * data: ws: wss: 'unsafe-inline'" });
    }
    case P.reachingOut.redirect:
      return { status: 302, headers: { location: `http://127.0.0.1:${Number(query.get('cong')) || 9}/bang-dieu-khien`, 'content-type': 'text/plain; charset=utf-8' }, body: 'chuyển hướng\n' };
    case P.reachingOut.scriptMove:
      return page('Chuyển sang máy giám sát', `<p>Trang tự chuyển sang bảng điều khiển của máy giám sát.</p>
<script>addEventListener('load', function () { setTimeout(function () { location.href = 'http://127.0.0.1:${Number(query.get('cong')) || 9}/bang-dieu-khien'; }, 100); });</script>`, { csp: OPEN_CSP });
    case P.reachingOut.memoryHog:
      return page('Ăn bộ nhớ', `<p>Trang cấp phát bộ nhớ không ngừng.</p>
<script>var kho = []; setInterval(function () { for (var i = 0; i < 200000; i++) kho.push({ i: i, s: 'bộ nhớ ' + i + Math.random() }); }, 20);</script>`, { csp: OPEN_CSP });
    case H.huge:
      return hugePage();
    case H.neverEnds:
      return neverEnds();
    default: {
      const evidence = evidenceFixture(path, host);
      if (evidence) return evidence;
      const behaviour = behaviourFixture(path);
      if (behaviour) return behaviour;
      const consent = consentFixture(path);
      if (consent) return consent;
      const isolation = isolationFixture(path, requestHeaders);
      if (isolation) return isolation;
      const a11y = a11yFixture(path);
      // The fixtures run their own scripts and frames: the page allows what it needs.
      // Framed by their own host's pages; the other host's (tienich.sandbox) are framed by anyone.
      const framing: Record<string, string> = host === FIXTURES_HOST ? { 'x-frame-options': 'SAMEORIGIN' } : {};
      if (a11y) return { status: 200, headers: { 'content-type': a11y.contentType, 'content-security-policy': host === FIXTURES_HOST ? A11Y_CSP : A11Y_EMBEDDABLE_CSP, ...framing }, body: a11y.body };
      return { status: 404, headers: { 'content-type': HTML }, body: '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Không tìm thấy</title></head><body><h1>Không tìm thấy trang</h1></body></html>\n' };
    }
  }
}
