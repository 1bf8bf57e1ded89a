// Three portal websites of different builds, each with the flaws auditors actually find, so
// the uptime, statistics-scraping, privacy and accessibility checkers have known answers:
// - hanoi:  modern, clean build (lang, alt texts, labels, privacy policy naming a personal-data
//           contact point, accessibility statement, server-rendered statistics table);
// - bct:    old table-layout build (no lang, images without alt, moving text, a third-party
//           tracker loaded before any consent, a cookie without Secure/HttpOnly/SameSite, a
//           page leaking a citizen ID with name and phone, a form sending personal data by GET);
// - danang: JavaScript-rendered build (statistics filled client-side from a JSON endpoint, a
//           personal-data form posting to an explicit http:// URL, low-contrast text, a
//           keyboard trap, a privacy notice without a contact point).
// Everything is local to the sandbox; the pages say they are sandbox stand-ins.
import { addMonths, currentMonth, isMonthPeriod, type MonthPeriod } from '../../src/time/period.ts';
import { monthFraction, unitFigures, type UnitFigures, type UnitLevel } from './data.ts';
import { escapeHtml, formatViInt, formatViPercent } from './format.ts';
import { hash32 } from './random.ts';

export const SITE_IDS = ['hanoi', 'bct', 'danang'] as const;
export type SiteId = (typeof SITE_IDS)[number];

export interface SiteInfo {
  id: SiteId;
  name: string;
  build: 'modern' | 'legacy' | 'spa';
  /** The unit whose figures the statistics page shows. */
  level: UnitLevel;
  gatewayCode: string;
  /** Paths (below /sites/<id>/) of the four pages every site has. */
  pages: { home: string; service: string; form: string; statistics: string };
}

export const SITES: Record<SiteId, SiteInfo> = {
  hanoi: {
    id: 'hanoi', name: 'Cổng Dịch vụ công Thành phố Hà Nội', build: 'modern', level: 'province', gatewayCode: '01',
    pages: { home: '', service: 'dich-vu-cong', form: 'nop-ho-so', statistics: 'thong-ke' },
  },
  bct: {
    id: 'bct', name: 'Cổng Dịch vụ công trực tuyến Bộ Công Thương', build: 'legacy', level: 'ministry', gatewayCode: 'BCT',
    pages: { home: '', service: 'dich-vu-cong', form: 'nop-ho-so', statistics: 'thong-ke' },
  },
  danang: {
    id: 'danang', name: 'Cổng Dịch vụ công Thành phố Đà Nẵng', build: 'spa', level: 'province', gatewayCode: '48',
    pages: { home: '', service: 'dich-vu-cong', form: 'nop-ho-so', statistics: 'thong-ke' },
  },
};

export function isSiteId(value: string): value is SiteId {
  return (SITE_IDS as readonly string[]).includes(value);
}

/** The personal-data contact point named by the hanoi privacy policy. */
export const PRIVACY_CONTACT_EMAIL = 'baomatdulieu@hanoi.sandbox';

/** What the bct lookup page leaks (fictitious but well-formed: 12-digit CCCD, mobile number). */
export const LEAKED_PERSON = {
  path: '/sites/bct/tra-cuu-ho-so',
  name: 'Nguyễn Văn Bình',
  citizenId: '001085012345',
  phone: '0912345678',
} as const;

/** Same-sandbox path standing in for a third-party tracker host. */
export const TRACKER_SCRIPT_PATH = '/tracker/collect.js';

export interface SiteContext {
  seed: number;
  now: Date;
  /** http://127.0.0.1:PORT, for the pages that need an absolute URL. */
  baseUrl: string;
  /**
   * Origin of the "third-party" tracker the bct build loads. Empty (same origin, a path under
   * /tracker/) on 127.0.0.1; https://www.google-analytics.com on the public hosts (hosts.ts).
   */
  trackerOrigin?: string;
}

export interface SiteRequest {
  method: string;
  /** Path below /sites/<id>/, without leading slash ("" = home). */
  subpath: string;
  query: URLSearchParams;
  body: string;
}

export interface SiteResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

const HTML = 'text/html; charset=utf-8';

function html(status: number, body: string, headers: Record<string, string | string[]> = {}): SiteResponse {
  return { status, headers: { 'content-type': HTML, ...headers }, body };
}

function json(status: number, body: unknown): SiteResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

function notFound(): SiteResponse {
  return html(404, '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Không tìm thấy trang</title></head><body><h1>Không tìm thấy trang</h1><p>Địa chỉ bạn truy cập không tồn tại.</p></body></html>\n');
}

// ---------------------------------------------------------------------------------------
// Statistics shared by the three builds

export interface StatisticsRow {
  /** Canonical indicator name (DOMAIN.md), for tests that map labels back. */
  key: string;
  /** Vietnamese label as printed in the first column. */
  label: string;
  /** Value for the month, Vietnamese format ("1.234.567", "97,67%"). */
  month: string;
  /** Year-to-date value, or null where the portal does not publish one. */
  ytd: string | null;
}

function ratio(n: number, d: number): number {
  return d > 0 ? Math.round((n / d) * 10000) / 100 : 0;
}

/** The rows every statistics page prints, in order. */
export function statisticsRows(f: UnitFigures): StatisticsRow[] {
  const m = f.monthly;
  const s = f.stock;
  const y = f.ytd;
  const n = formatViInt;
  const p = (v: number) => formatViPercent(v);
  return [
    { key: 'procedures.total', label: 'Số thủ tục hành chính thuộc thẩm quyền', month: n(s.proceduresTotal), ytd: null },
    { key: 'services.online_full', label: 'Dịch vụ công trực tuyến toàn trình', month: n(s.onlineFull), ytd: null },
    { key: 'services.online_partial', label: 'Dịch vụ công trực tuyến một phần', month: n(s.onlinePartial), ytd: null },
    { key: 'services.with_online_filings', label: 'Dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến', month: n(s.onlineWithFilings), ytd: null },
    { key: 'dossiers.received', label: 'Hồ sơ tiếp nhận', month: n(m.received), ytd: n(y.received) },
    { key: 'dossiers.received_online', label: 'Tiếp nhận trực tuyến', month: n(m.receivedOnline), ytd: n(y.receivedOnline) },
    { key: 'dossiers.received_direct', label: 'Tiếp nhận trực tiếp', month: n(m.receivedDirect), ytd: n(y.receivedDirect) },
    { key: 'dossiers.received_post', label: 'Tiếp nhận qua bưu chính công ích', month: n(m.receivedPost), ytd: n(y.receivedPost) },
    { key: 'dossiers.synced', label: 'Hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia', month: n(m.synced), ytd: null },
    { key: 'dossiers.resolved_on_time', label: 'Hồ sơ giải quyết đúng hạn', month: n(m.resolvedOnTime), ytd: n(y.resolvedOnTime) },
    { key: 'dossiers.resolved_late', label: 'Hồ sơ giải quyết quá hạn', month: n(m.resolvedLate), ytd: n(y.resolvedLate) },
    { key: 'payments.online_count', label: 'Giao dịch thanh toán trực tuyến', month: n(m.paymentsCount), ytd: n(y.paymentsCount) },
    { key: 'payments.online_amount_vnd', label: 'Số tiền thanh toán trực tuyến (đồng)', month: n(m.paymentsAmountVnd), ytd: null },
    { key: 'dossiers.digitised', label: 'Hồ sơ được số hóa', month: n(m.digitised), ytd: null },
    { key: 'dossiers.reusing_data', label: 'Hồ sơ tái sử dụng dữ liệu số hóa', month: n(m.reusingData), ytd: null },
    { key: 'rate.online_dossiers', label: 'Tỷ lệ hồ sơ trực tuyến', month: p(f.onlineRatePct), ytd: p(ratio(y.receivedOnline, y.received)) },
    { key: 'rate.services_with_filings', label: 'Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ', month: p(ratio(s.onlineWithFilings, s.onlineFull + s.onlinePartial)), ytd: null },
    { key: 'rate.synced', label: 'Tỷ lệ hồ sơ đồng bộ', month: p(f.syncRatePct), ytd: null },
    { key: 'rate.on_time', label: 'Tỷ lệ giải quyết đúng hạn', month: p(ratio(m.resolvedOnTime, m.resolvedOnTime + m.resolvedLate)), ytd: p(ratio(y.resolvedOnTime, y.resolvedOnTime + y.resolvedLate)) },
  ];
}

type MonthChoice = { ok: true; period: MonthPeriod; figures: UnitFigures } | { ok: false; status: number; message: string };

function chooseMonth(site: SiteInfo, query: URLSearchParams, ctx: SiteContext): MonthChoice {
  const asked = query.get('thang');
  const period = asked ?? currentMonth(ctx.now);
  if (!isMonthPeriod(period)) return { ok: false, status: 400, message: `Tháng "${period}" không hợp lệ; hãy ghi theo dạng YYYY-MM.` };
  const figures = unitFigures(ctx.seed, period, site.level, site.gatewayCode, ctx.now);
  if (!figures) return { ok: false, status: 404, message: `Chưa có số liệu cho tháng ${monthLabel(period)}.` };
  return { ok: true, period, figures };
}

function monthLabel(period: MonthPeriod): string {
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

function recentMonths(ctx: SiteContext, n: number): MonthPeriod[] {
  const out: MonthPeriod[] = [];
  for (let p = currentMonth(ctx.now), i = 0; i < n && monthFraction(p, ctx.now) !== null; p = addMonths(p, -1), i++) out.push(p);
  return out;
}

function referenceNumber(prefix: string, body: string): string {
  return `${prefix}-${hash32(body).toString(16).padStart(8, '0').toUpperCase()}`;
}

// ---------------------------------------------------------------------------------------
// Assets

export const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function svg(body: string): SiteResponse {
  return { status: 200, headers: { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' }, body };
}

function css(body: string): SiteResponse {
  return { status: 200, headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }, body };
}

function js(body: string): SiteResponse {
  return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=3600' }, body };
}

const LOGO_SVG = (fill: string, letter: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48"><circle cx="24" cy="24" r="22" fill="${fill}"/><text x="24" y="31" font-size="20" text-anchor="middle" fill="#ffffff" font-family="sans-serif">${letter}</text></svg>\n`;

const BANNER_SVG = (fill: string, text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="120" viewBox="0 0 960 120"><rect width="960" height="120" fill="${fill}"/><text x="24" y="72" font-size="32" fill="#ffffff" font-family="sans-serif">${text}</text></svg>\n`;

// ---------------------------------------------------------------------------------------
// hanoi: modern build

const HANOI_CSS = `:root { color-scheme: light; }
body { margin: 0; font-family: system-ui, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #ffffff; line-height: 1.5; }
.skip-link { position: absolute; left: -9999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #ffffff; color: #00457c; padding: .5rem; }
header { display: flex; gap: 1rem; align-items: center; padding: 1rem; background: #00457c; color: #ffffff; }
header a { color: #ffffff; }
nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
a { color: #00457c; }
a:focus, button:focus, input:focus { outline: 3px solid #e07b00; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #6b6b6b; padding: .4rem .6rem; text-align: left; }
td.so { text-align: right; font-variant-numeric: tabular-nums; }
footer { padding: 1rem; background: #f2f2f2; color: #1a1a1a; }
footer a:focus { outline-color: #b35900; }
label { display: block; margin-top: .75rem; font-weight: 600; }
/* Usable at 320 CSS px without horizontal scrolling (WCAG 1.4.10). */
header, nav ul { flex-wrap: wrap; }
img { max-width: 100%; height: auto; }
th, td { overflow-wrap: anywhere; }
`;

function hanoiPage(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Cổng Dịch vụ công Thành phố Hà Nội</title>
<link rel="stylesheet" href="/sites/hanoi/assets/style.css">
</head>
<body>
<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header>
<a href="/sites/hanoi/"><img src="/sites/hanoi/assets/logo.svg" alt="Biểu trưng Cổng Dịch vụ công Thành phố Hà Nội – về trang chủ" width="48" height="48"></a>
<p><strong>Cổng Dịch vụ công Thành phố Hà Nội</strong></p>
<nav aria-label="Điều hướng chính">
<ul>
<li><a href="/sites/hanoi/">Trang chủ</a></li>
<li><a href="/sites/hanoi/dich-vu-cong">Dịch vụ công</a></li>
<li><a href="/sites/hanoi/nop-ho-so">Nộp hồ sơ trực tuyến</a></li>
<li><a href="/sites/hanoi/thong-ke">Thống kê</a></li>
</ul>
</nav>
</header>
<main id="noi-dung">
${main}
</main>
<footer>
<p><a href="/sites/hanoi/chinh-sach-bao-mat">Chính sách bảo mật</a> · <a href="/sites/hanoi/tuyen-bo-tro-nang">Tuyên bố về khả năng tiếp cận</a></p>
<p>Cơ quan chủ quản: Ủy ban nhân dân Thành phố Hà Nội. Đầu mối bảo vệ dữ liệu cá nhân: <a href="mailto:${PRIVACY_CONTACT_EMAIL}">${PRIVACY_CONTACT_EMAIL}</a>.</p>
<p>Trang mô phỏng (sandbox) dùng cho kiểm thử, không phải cổng thông tin thật.</p>
</footer>
</body>
</html>
`;
}

// Session cookie of a careful build; Secure works on 127.0.0.1, a potentially trustworthy origin.
function hanoiCookie(ctx: SiteContext): string {
  return `hn_phien=${hash32(`${ctx.seed}|hanoi-session`).toString(16)}; Path=/sites/hanoi/; HttpOnly; Secure; SameSite=Lax`;
}

function hanoiStatistics(req: SiteRequest, ctx: SiteContext): SiteResponse {
  const choice = chooseMonth(SITES.hanoi, req.query, ctx);
  if (!choice.ok) return html(choice.status, hanoiPage('Thống kê', `<h1>Thống kê</h1>\n<p>${escapeHtml(choice.message)}</p>`));
  const { period, figures } = choice;
  const partial = figures.fraction < 1 ? `<p>Số liệu tháng ${monthLabel(period)} tính đến ngày hiện tại (tháng chưa kết thúc).</p>` : '';
  const rows = statisticsRows(figures)
    .map((r) => `<tr><th scope="row">${escapeHtml(r.label)}</th><td class="so">${r.month}</td><td class="so">${r.ytd ?? '—'}</td></tr>`)
    .join('\n');
  const months = recentMonths(ctx, 6)
    .map((p) => (p === period ? `<li aria-current="page">Tháng ${monthLabel(p)}</li>` : `<li><a href="/sites/hanoi/thong-ke?thang=${p}">Tháng ${monthLabel(p)}</a></li>`))
    .join('\n');
  return html(200, hanoiPage(`Thống kê tháng ${monthLabel(period)}`, `<h1>Thống kê tình hình tiếp nhận và giải quyết hồ sơ</h1>
<p>Đơn vị: ${escapeHtml(figures.unit.name)}.</p>
${partial}
<table id="bang-thong-ke">
<caption>Tình hình xử lý hồ sơ tháng ${monthLabel(period)}</caption>
<thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Tháng ${monthLabel(period)}</th><th scope="col">Lũy kế từ đầu năm</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Xem tháng khác</h2>
<ul>
${months}
</ul>`), { 'set-cookie': hanoiCookie(ctx) });
}

function hanoi(req: SiteRequest, ctx: SiteContext): SiteResponse {
  const cookie = { 'set-cookie': hanoiCookie(ctx) };
  switch (req.subpath) {
    case '':
      return html(200, hanoiPage('Trang chủ', `<h1>Cổng Dịch vụ công Thành phố Hà Nội</h1>
<p>Nơi người dân và doanh nghiệp thực hiện thủ tục hành chính trực tuyến, tra cứu hồ sơ và theo dõi kết quả giải quyết.</p>
<img src="/sites/hanoi/assets/banner.svg" alt="Người dân nộp hồ sơ trực tuyến tại nhà bằng máy tính" width="960" height="120">
<h2>Bắt đầu</h2>
<ul>
<li><a href="/sites/hanoi/dich-vu-cong">Danh mục dịch vụ công trực tuyến</a></li>
<li><a href="/sites/hanoi/nop-ho-so">Nộp hồ sơ trực tuyến</a></li>
<li><a href="/sites/hanoi/thong-ke">Thống kê tình hình xử lý hồ sơ</a></li>
<li><a href="/sites/hanoi/chinh-sach-bao-mat">Chính sách bảo mật và bảo vệ dữ liệu cá nhân</a></li>
<li><a href="/sites/hanoi/tuyen-bo-tro-nang">Tuyên bố về khả năng tiếp cận</a></li>
</ul>`), cookie);
    case 'dich-vu-cong':
      return html(200, hanoiPage('Dịch vụ công', `<h1>Dịch vụ công trực tuyến</h1>
<table>
<caption>Một số dịch vụ công trực tuyến thường dùng</caption>
<thead><tr><th scope="col">Thủ tục</th><th scope="col">Lĩnh vực</th><th scope="col">Mức độ</th></tr></thead>
<tbody>
<tr><td>Đăng ký khai sinh</td><td>Hộ tịch</td><td>Toàn trình</td></tr>
<tr><td>Cấp giấy phép xây dựng nhà ở riêng lẻ</td><td>Xây dựng</td><td>Một phần</td></tr>
<tr><td>Cấp phiếu lý lịch tư pháp</td><td>Tư pháp</td><td>Toàn trình</td></tr>
<tr><td>Đăng ký thành lập hộ kinh doanh</td><td>Đăng ký kinh doanh</td><td>Toàn trình</td></tr>
</tbody>
</table>
<p><a href="/sites/hanoi/nop-ho-so">Nộp hồ sơ đăng ký khai sinh trực tuyến</a></p>`), cookie);
    case 'nop-ho-so':
      if (req.method === 'POST') {
        const form = new URLSearchParams(req.body);
        if (form.get('dong_y') !== 'co') {
          return html(422, hanoiPage('Nộp hồ sơ', `<h1>Chưa thể tiếp nhận hồ sơ</h1>
<p role="alert">Bạn chưa đồng ý cho phép xử lý dữ liệu cá nhân cho mục đích giải quyết thủ tục này. Hồ sơ chưa được gửi.</p>
<p><a href="/sites/hanoi/nop-ho-so">Quay lại biểu mẫu</a></p>`));
        }
        return html(200, hanoiPage('Nộp hồ sơ', `<h1>Hồ sơ đã được tiếp nhận</h1>
<p>Mã hồ sơ: <strong>${referenceNumber('HN', req.body)}</strong>. Kết quả sẽ được thông báo qua thư điện tử.</p>`));
      }
      return html(200, hanoiPage('Nộp hồ sơ', `<h1>Nộp hồ sơ đăng ký khai sinh</h1>
<form action="/sites/hanoi/nop-ho-so" method="post">
<label for="ho_ten">Họ và tên người yêu cầu</label>
<input id="ho_ten" name="ho_ten" type="text" autocomplete="name" required>
<label for="so_dinh_danh">Số định danh cá nhân</label>
<input id="so_dinh_danh" name="so_dinh_danh" type="text" inputmode="numeric" pattern="[0-9]{12}" required>
<label for="dien_thoai">Số điện thoại</label>
<input id="dien_thoai" name="dien_thoai" type="tel" autocomplete="tel">
<label for="email">Thư điện tử</label>
<input id="email" name="email" type="email" autocomplete="email">
<p><input id="dong_y" name="dong_y" type="checkbox" value="co"> <label for="dong_y" style="display:inline">Tôi đồng ý để Ủy ban nhân dân Thành phố Hà Nội xử lý các dữ liệu cá nhân nêu trên chỉ cho mục đích giải quyết thủ tục đăng ký khai sinh, theo <a href="/sites/hanoi/chinh-sach-bao-mat">Chính sách bảo mật</a>.</label></p>
<p><button type="submit">Gửi hồ sơ</button></p>
</form>`), cookie);
    case 'thong-ke':
      return hanoiStatistics(req, ctx);
    case 'chinh-sach-bao-mat':
      return html(200, hanoiPage('Chính sách bảo mật', `<h1>Chính sách bảo mật</h1>
<p>Chính sách này giải thích cách Cổng Dịch vụ công Thành phố Hà Nội thu thập và xử lý dữ liệu cá nhân, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 13/2023/NĐ-CP.</p>
<h2>Dữ liệu được thu thập</h2>
<p>Họ tên, số định danh cá nhân, số điện thoại, thư điện tử và các thành phần hồ sơ bạn cung cấp khi thực hiện thủ tục hành chính.</p>
<h2>Mục đích xử lý</h2>
<p>Chỉ để tiếp nhận, giải quyết và trả kết quả thủ tục hành chính bạn yêu cầu. Mỗi mục đích khác cần sự đồng ý riêng của bạn; im lặng không được coi là đồng ý.</p>
<h2>Thời gian lưu trữ</h2>
<p>Theo thời hạn lưu trữ hồ sơ thủ tục hành chính do pháp luật quy định.</p>
<h2>Quyền của chủ thể dữ liệu</h2>
<p>Bạn có quyền được biết, đồng ý, rút lại sự đồng ý, truy cập, chỉnh sửa và yêu cầu xóa dữ liệu theo quy định.</p>
<h2>Đầu mối bảo vệ dữ liệu cá nhân</h2>
<p>Trung tâm Phục vụ hành chính công Thành phố Hà Nội. Thư điện tử: <a href="mailto:${PRIVACY_CONTACT_EMAIL}">${PRIVACY_CONTACT_EMAIL}</a>. Điện thoại: 024 0000 0000.</p>
<p>Cổng không sử dụng công cụ theo dõi của bên thứ ba.</p>`), cookie);
    case 'tuyen-bo-tro-nang':
      return html(200, hanoiPage('Tuyên bố về khả năng tiếp cận', `<h1>Tuyên bố về khả năng tiếp cận</h1>
<p>Cổng được xây dựng để người khuyết tật sử dụng được, theo Luật Người khuyết tật 2010 (Điều 43), Thông tư 32/2017/TT-BTTTT (Điều 18) và hướng tới tiêu chuẩn WCAG 2.0 mức AA.</p>
<ul>
<li>Văn bản thay thế cho mọi hình ảnh có nội dung.</li>
<li>Độ tương phản màu chữ và màu nền đạt tối thiểu 4,5:1.</li>
<li>Sử dụng được hoàn toàn bằng bàn phím; có liên kết bỏ qua đến nội dung chính.</li>
<li>Không có chữ nhấp nháy hoặc chữ chạy.</li>
<li>Bảng số liệu có tiêu đề hàng và cột.</li>
</ul>
<p>Nếu gặp khó khăn khi sử dụng, vui lòng phản ánh qua thư điện tử <a href="mailto:hotro@hanoi.sandbox">hotro@hanoi.sandbox</a>.</p>`), cookie);
    case 'assets/style.css':
      return css(HANOI_CSS);
    case 'assets/logo.svg':
      return svg(LOGO_SVG('#00457c', 'HN'));
    case 'assets/banner.svg':
      return svg(BANNER_SVG('#00457c', 'Dịch vụ công Hà Nội'));
    default:
      return notFound();
  }
}

// ---------------------------------------------------------------------------------------
// bct: old table-layout build

function bctPage(title: string, content: string, ctx: SiteContext): string {
  // No lang attribute, layout tables, images without alt, moving text, tracker before consent.
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>${escapeHtml(title)} - Bộ Công Thương</title>
<script type="text/javascript" src="${ctx.trackerOrigin ?? ''}${TRACKER_SCRIPT_PATH}"></script>
<link rel="stylesheet" type="text/css" href="/sites/bct/assets/style.css">
</head>
<body bgcolor="#e8e8e8" topmargin="0" leftmargin="0">
<table width="980" border="0" cellpadding="0" cellspacing="0" align="center" bgcolor="#ffffff">
<tr><td colspan="2"><img src="/sites/bct/assets/banner.svg" width="980" height="120"></td></tr>
<tr><td colspan="2" bgcolor="#b30000"><marquee scrollamount="4"><font color="#ffffff">Chào mừng quý khách đến với Cổng Dịch vụ công trực tuyến Bộ Công Thương!</font></marquee></td></tr>
<tr>
<td width="200" valign="top" bgcolor="#cccccc">
<table width="100%" border="0" cellpadding="4" cellspacing="0">
<tr><td><img src="/sites/bct/assets/bullet.gif" width="8" height="8"> <a href="/sites/bct/">Trang chủ</a></td></tr>
<tr><td><img src="/sites/bct/assets/bullet.gif" width="8" height="8"> <a href="/sites/bct/dich-vu-cong">Dịch vụ công</a></td></tr>
<tr><td><img src="/sites/bct/assets/bullet.gif" width="8" height="8"> <a href="/sites/bct/nop-ho-so">Nộp hồ sơ</a></td></tr>
<tr><td><img src="/sites/bct/assets/bullet.gif" width="8" height="8"> <a href="/sites/bct/tra-cuu-ho-so">Tra cứu hồ sơ</a></td></tr>
<tr><td><img src="/sites/bct/assets/bullet.gif" width="8" height="8"> <a href="/sites/bct/thong-ke">Thống kê</a></td></tr>
</table>
</td>
<td valign="top" style="padding:8px">
${content}
</td>
</tr>
<tr><td colspan="2" bgcolor="#cccccc" align="center"><font size="1">Bản quyền thuộc Bộ Công Thương. Trang mô phỏng (sandbox) dùng cho kiểm thử.</font></td></tr>
</table>
</body>
</html>
`;
}

// Old ASP-style session cookie: no Secure, no HttpOnly, no SameSite.
function bctCookie(ctx: SiteContext): string {
  return `ASPSESSIONIDBCT=${hash32(`${ctx.seed}|bct-session`).toString(16).toUpperCase()}; path=/`;
}

function bctStatistics(req: SiteRequest, ctx: SiteContext): SiteResponse {
  const choice = chooseMonth(SITES.bct, req.query, ctx);
  if (!choice.ok) return html(choice.status, bctPage('Thống kê', `<font color="#b30000"><b>${escapeHtml(choice.message)}</b></font>`, ctx));
  const { period, figures } = choice;
  const rows = statisticsRows(figures)
    .map((r, i) => `<tr bgcolor="${i % 2 ? '#f0f0f0' : '#ffffff'}"><td><font size="2">${escapeHtml(r.label)}</font></td><td align="right"><font size="2">${r.month}</font></td><td align="right"><font size="2">${r.ytd ?? '&nbsp;'}</font></td></tr>`)
    .join('\n');
  return html(200, bctPage('Thống kê', `<p><font size="4" color="#b30000"><b>THỐNG KÊ TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THÁNG ${monthLabel(period)}</b></font></p>
<table width="100%" border="1" cellpadding="3" cellspacing="0" bordercolor="#999999">
<tr bgcolor="#b30000"><td><font color="#ffffff"><b>Chỉ tiêu</b></font></td><td><font color="#ffffff"><b>Tháng ${monthLabel(period)}</b></font></td><td><font color="#ffffff"><b>Lũy kế</b></font></td></tr>
${rows}
</table>
<p><a href="/sites/bct/thong-ke?thang=${addMonths(period, -1)}">Xem tại đây</a> để xem tháng trước.</p>`, ctx), { 'set-cookie': bctCookie(ctx) });
}

function bct(req: SiteRequest, ctx: SiteContext): SiteResponse {
  const cookie = { 'set-cookie': bctCookie(ctx) };
  switch (req.subpath) {
    case '':
      return html(200, bctPage('Trang chủ', `<table width="100%" border="0" cellpadding="4"><tr>
<td valign="top"><img src="/sites/bct/assets/bullet.gif" width="8" height="8"> <b>TIN TỨC - THÔNG BÁO</b><br>
Bộ Công Thương triển khai cung cấp dịch vụ công trực tuyến toàn trình cho các thủ tục cấp giấy chứng nhận xuất xứ hàng hóa (C/O). <a href="/sites/bct/dich-vu-cong">Xem tại đây</a><br><br>
Tra cứu tình trạng hồ sơ: <a href="/sites/bct/tra-cuu-ho-so">Click vào đây</a><br><br>
Số liệu thống kê: <a href="/sites/bct/thong-ke">Xem tại đây</a></td>
<td width="180" valign="top"><img src="/sites/bct/assets/hotline.svg" width="180" height="80"></td>
</tr></table>`, ctx), cookie);
    case 'dich-vu-cong':
      return html(200, bctPage('Dịch vụ công', `<p><b>DANH SÁCH DỊCH VỤ CÔNG TRỰC TUYẾN</b></p>
<table width="100%" border="1" cellpadding="3" cellspacing="0">
<tr bgcolor="#cccccc"><td><b>STT</b></td><td><b>Tên thủ tục</b></td><td><b>Mức độ</b></td></tr>
<tr><td>1</td><td>Cấp Giấy chứng nhận xuất xứ hàng hóa (C/O) ưu đãi</td><td>Toàn trình</td></tr>
<tr><td>2</td><td>Cấp Giấy phép kinh doanh bán lẻ sản phẩm thuốc lá</td><td>Một phần</td></tr>
<tr><td>3</td><td>Đăng ký hoạt động bán hàng đa cấp</td><td>Toàn trình</td></tr>
</table>
<p><a href="/sites/bct/nop-ho-so">Click vào đây</a> để nộp hồ sơ.</p>`, ctx), cookie);
    case 'nop-ho-so': {
      // The old form sends personal data by GET: it ends up in URLs and server logs.
      const name = req.query.get('ho_ten');
      if (name !== null) {
        return html(200, bctPage('Nộp hồ sơ', `<p><b>Đã gửi hồ sơ của ông/bà ${escapeHtml(name)}.</b> Mã hồ sơ: ${referenceNumber('BCT', req.query.toString())}</p>`, ctx), cookie);
      }
      return html(200, bctPage('Nộp hồ sơ', `<p><b>NỘP HỒ SƠ TRỰC TUYẾN</b></p>
<form action="/sites/bct/nop-ho-so" method="get">
<table border="0" cellpadding="3">
<tr><td>Họ tên:</td><td><input type="text" name="ho_ten" size="40"></td></tr>
<tr><td>Số CCCD:</td><td><input type="text" name="so_cccd" size="20"></td></tr>
<tr><td>Điện thoại:</td><td><input type="text" name="dien_thoai" size="20"></td></tr>
<tr><td>Địa chỉ:</td><td><input type="text" name="dia_chi" size="60"></td></tr>
<tr><td>&nbsp;</td><td><input type="image" src="/sites/bct/assets/gui.svg" width="80" height="24"></td></tr>
</table>
</form>`, ctx), cookie);
    }
    case 'tra-cuu-ho-so':
      // No authentication: anyone can read another person's file.
      return html(200, bctPage('Tra cứu hồ sơ', `<p><b>KẾT QUẢ TRA CỨU HỒ SƠ</b></p>
<table width="100%" border="1" cellpadding="3" cellspacing="0">
<tr><td>Mã hồ sơ</td><td>000.00.10.G13-240115-0001</td></tr>
<tr><td>Người nộp</td><td>${LEAKED_PERSON.name}</td></tr>
<tr><td>Số CCCD</td><td>${LEAKED_PERSON.citizenId}</td></tr>
<tr><td>Điện thoại</td><td>${LEAKED_PERSON.phone}</td></tr>
<tr><td>Thủ tục</td><td>Cấp Giấy chứng nhận xuất xứ hàng hóa (C/O) ưu đãi</td></tr>
<tr><td>Trạng thái</td><td>Đã trả kết quả</td></tr>
</table>`, ctx), cookie);
    case 'thong-ke':
      return bctStatistics(req, ctx);
    case 'assets/style.css':
      return css('body { font-family: Tahoma, Arial, sans-serif; font-size: 12px; }\na { color: #0000cc; }\n');
    case 'assets/banner.svg':
      return svg(BANNER_SVG('#b30000', 'BỘ CÔNG THƯƠNG – DỊCH VỤ CÔNG TRỰC TUYẾN'));
    case 'assets/hotline.svg':
      return svg('<svg xmlns="http://www.w3.org/2000/svg" width="180" height="80"><rect width="180" height="80" fill="#ffcc00"/><text x="10" y="48" font-size="18" font-family="sans-serif">Hotline 1900 0000</text></svg>\n');
    case 'assets/gui.svg':
      return svg('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="24"><rect width="80" height="24" fill="#b30000"/><text x="20" y="17" font-size="13" fill="#ffffff" font-family="sans-serif">Gửi</text></svg>\n');
    case 'assets/bullet.gif':
      return { status: 200, headers: { 'content-type': 'image/gif', 'cache-control': 'max-age=3600' }, body: GIF_1X1 };
    default:
      return notFound();
  }
}

// ---------------------------------------------------------------------------------------
// danang: JavaScript-rendered build

const DANANG_CSS = `body { margin: 0; font-family: "Helvetica Neue", Arial, sans-serif; color: #222222; background: #ffffff; }
.thanh-dau { background: #006e5f; color: #ffffff; padding: 12px 20px; display: flex; gap: 16px; align-items: center; }
.thanh-dau a { color: #ffffff; margin-right: 12px; }
.noi-dung { max-width: 960px; margin: 0 auto; padding: 16px; }
.chon-ngay { display: inline-block; border: 1px solid #cccccc; padding: 6px 10px; min-width: 160px; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #dddddd; padding: 6px; }
`;

// Client-side rendering of the statistics table; the server only sends an empty shell.
const DANANG_APP_JS = `(function () {
  'use strict';
  var khung = document.getElementById('thong-ke');
  if (!khung) return;
  var thang = new URLSearchParams(location.search).get('thang') || khung.getAttribute('data-thang');
  var so = new Intl.NumberFormat('vi-VN');
  var tyLe = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var nhan = [
    ['tthc', 'Số thủ tục hành chính thuộc thẩm quyền', false],
    ['dvctt_toan_trinh', 'Dịch vụ công trực tuyến toàn trình', false],
    ['dvctt_mot_phan', 'Dịch vụ công trực tuyến một phần', false],
    ['dvctt_phat_sinh_hs', 'Dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến', false],
    ['hs_tiep_nhan', 'Hồ sơ tiếp nhận', false],
    ['hs_truc_tuyen', 'Tiếp nhận trực tuyến', false],
    ['hs_truc_tiep', 'Tiếp nhận trực tiếp', false],
    ['hs_buu_chinh', 'Tiếp nhận qua bưu chính công ích', false],
    ['hs_dong_bo', 'Hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia', false],
    ['hs_dung_han', 'Hồ sơ giải quyết đúng hạn', false],
    ['hs_qua_han', 'Hồ sơ giải quyết quá hạn', false],
    ['tt_so_giao_dich', 'Giao dịch thanh toán trực tuyến', false],
    ['tt_so_tien', 'Số tiền thanh toán trực tuyến (đồng)', false],
    ['hs_so_hoa', 'Hồ sơ được số hóa', false],
    ['hs_tai_su_dung', 'Hồ sơ tái sử dụng dữ liệu số hóa', false],
    ['ty_le_truc_tuyen', 'Tỷ lệ hồ sơ trực tuyến', true],
    ['ty_le_phat_sinh_hs', 'Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ', true],
    ['ty_le_dong_bo', 'Tỷ lệ hồ sơ đồng bộ', true],
    ['ty_le_dung_han', 'Tỷ lệ giải quyết đúng hạn', true]
  ];
  var trangThai = document.getElementById('trang-thai');
  fetch('/sites/danang/api/thong-ke?thang=' + encodeURIComponent(thang))
    .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(function (d) {
      document.getElementById('tieu-de-thang').textContent = 'Tháng ' + d.thang.slice(5, 7) + '/' + d.thang.slice(0, 4);
      var than = document.getElementById('bang-so-lieu');
      nhan.forEach(function (n) {
        var v = d.so_lieu[n[0]];
        var tr = document.createElement('tr');
        var a = document.createElement('td');
        a.textContent = n[1];
        var b = document.createElement('td');
        b.className = 'so';
        b.textContent = n[2] ? tyLe.format(v) + '%' : so.format(v);
        tr.appendChild(a);
        tr.appendChild(b);
        than.appendChild(tr);
      });
      trangThai.textContent = '';
      khung.setAttribute('data-trang-thai', 'da-tai');
    })
    .catch(function (e) {
      trangThai.textContent = 'Không tải được số liệu (' + e.message + ').';
      khung.setAttribute('data-trang-thai', 'loi');
    });
})();
`;

function danangPage(title: string, content: string, scripts = ''): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | Dịch vụ công Đà Nẵng</title>
<link rel="stylesheet" href="/sites/danang/assets/app.css">
</head>
<body>
<div class="thanh-dau">
<img src="/sites/danang/assets/logo.svg" alt="Biểu trưng Thành phố Đà Nẵng" width="40" height="40">
<div><a href="/sites/danang/">Trang chủ</a><a href="/sites/danang/dich-vu-cong">Dịch vụ công</a><a href="/sites/danang/nop-ho-so">Nộp hồ sơ</a><a href="/sites/danang/thong-ke">Thống kê</a><a href="/sites/danang/chinh-sach-bao-mat">Chính sách bảo mật</a></div>
</div>
<div class="noi-dung" id="app">
${content}
</div>
<div class="noi-dung"><small>Trang mô phỏng (sandbox) dùng cho kiểm thử, không phải cổng thông tin thật.</small></div>
${scripts}
</body>
</html>
`;
}

/** The personal-data form: posts to an explicit http:// URL, with a keyboard trap and faint notes. */
function danangForm(ctx: SiteContext): string {
  return `<form id="mau-ho-so" action="${ctx.baseUrl}/sites/danang/api/nop-ho-so" method="post">
<p><label for="ho_ten">Họ và tên</label><br><input id="ho_ten" name="ho_ten" type="text"></p>
<p><label for="so_cccd">Số căn cước công dân</label><br><input id="so_cccd" name="so_cccd" type="text"></p>
<p><label for="ngay_sinh">Ngày sinh</label><br><input id="ngay_sinh" name="ngay_sinh" type="text"></p>
<p><label for="dien_thoai">Số điện thoại</label><br><input id="dien_thoai" name="dien_thoai" type="tel"></p>
<p><label for="dia_chi">Địa chỉ thường trú</label><br><input id="dia_chi" name="dia_chi" type="text"></p>
<p>Ngày hẹn nhận kết quả<br><span id="chon-ngay" class="chon-ngay" tabindex="0" role="button" onkeydown="if (event.key === 'Tab') { event.preventDefault(); this.focus(); }">Chọn ngày…</span></p>
<p class="luu-y" style="color:#c8c8c8;background-color:#ffffff">Lưu ý: thông tin cá nhân được dùng để giải quyết hồ sơ và có thể được chia sẻ cho các cơ quan liên quan.</p>
<p><button type="submit">Gửi hồ sơ</button></p>
</form>`;
}

function danang(req: SiteRequest, ctx: SiteContext): SiteResponse {
  switch (req.subpath) {
    case '':
      return html(200, danangPage('Trang chủ', `<h1>Cổng Dịch vụ công Thành phố Đà Nẵng</h1>
<p>Thực hiện thủ tục hành chính mọi lúc, mọi nơi.</p>
<img src="/sites/danang/assets/banner.svg" alt="Cầu Rồng, Đà Nẵng" width="960" height="120">
<ul>
<li><a href="/sites/danang/dich-vu-cong">Dịch vụ công trực tuyến</a></li>
<li><a href="/sites/danang/nop-ho-so">Nộp hồ sơ</a></li>
<li><a href="/sites/danang/thong-ke">Thống kê</a></li>
</ul>`));
    case 'dich-vu-cong':
      return html(200, danangPage('Dịch vụ công', `<h1>Dịch vụ công: Cấp giấy phép lái xe quốc tế</h1>
<p>Thời hạn giải quyết: 5 ngày làm việc. Lệ phí: 135.000 đồng.</p>
<h2>Thông tin người nộp</h2>
${danangForm(ctx)}`));
    case 'nop-ho-so':
      return html(200, danangPage('Nộp hồ sơ', `<h1>Nộp hồ sơ trực tuyến</h1>
${danangForm(ctx)}`));
    case 'thong-ke':
      return html(200, danangPage('Thống kê', `<h1>Thống kê tình hình xử lý hồ sơ</h1>
<section id="thong-ke" data-thang="${currentMonth(ctx.now)}">
<h2 id="tieu-de-thang">Đang tải…</h2>
<p id="trang-thai">Đang tải dữ liệu, vui lòng chờ…</p>
<table><thead><tr><th>Chỉ tiêu</th><th>Giá trị</th></tr></thead><tbody id="bang-so-lieu"></tbody></table>
</section>`, '<script src="/sites/danang/assets/app.js"></script>'));
    case 'chinh-sach-bao-mat':
      // A notice exists but names no personal-data contact point.
      return html(200, danangPage('Chính sách bảo mật', `<h1>Chính sách bảo mật</h1>
<p>Chúng tôi cam kết bảo mật thông tin của người dùng theo quy định của pháp luật.</p>`));
    case 'api/thong-ke': {
      const thang = req.query.get('thang');
      if (thang === null || !isMonthPeriod(thang)) return json(400, { loi: 'Tham số "thang" phải có dạng YYYY-MM' });
      const f = unitFigures(ctx.seed, thang, 'province', SITES.danang.gatewayCode, ctx.now);
      if (!f) return json(404, { loi: `Chưa có số liệu cho tháng ${thang}` });
      const m = f.monthly;
      const s = f.stock;
      return json(200, {
        thang,
        don_vi: f.unit.name,
        ma_co_quan: f.unit.gatewayCode,
        cap_nhat: ctx.now.toISOString(),
        so_lieu: {
          tthc: s.proceduresTotal, dvctt_toan_trinh: s.onlineFull, dvctt_mot_phan: s.onlinePartial,
          dvctt_phat_sinh_hs: s.onlineWithFilings, hs_tiep_nhan: m.received, hs_truc_tuyen: m.receivedOnline,
          hs_truc_tiep: m.receivedDirect, hs_buu_chinh: m.receivedPost, hs_dong_bo: m.synced,
          hs_dung_han: m.resolvedOnTime, hs_qua_han: m.resolvedLate, tt_so_giao_dich: m.paymentsCount,
          tt_so_tien: m.paymentsAmountVnd, hs_so_hoa: m.digitised, hs_tai_su_dung: m.reusingData,
          ty_le_truc_tuyen: f.onlineRatePct,
          ty_le_phat_sinh_hs: ratio(s.onlineWithFilings, s.onlineFull + s.onlinePartial),
          ty_le_dong_bo: f.syncRatePct,
          ty_le_dung_han: ratio(m.resolvedOnTime, m.resolvedOnTime + m.resolvedLate),
        },
      });
    }
    case 'api/nop-ho-so':
      if (req.method !== 'POST') return json(405, { loi: 'Chỉ nhận POST' });
      return json(200, { ket_qua: 'da_tiep_nhan', ma_ho_so: referenceNumber('DN', req.body) });
    case 'assets/app.js':
      return js(DANANG_APP_JS);
    case 'assets/app.css':
      return css(DANANG_CSS);
    case 'assets/logo.svg':
      return svg(LOGO_SVG('#006e5f', 'ĐN'));
    case 'assets/banner.svg':
      return svg(BANNER_SVG('#006e5f', 'Dịch vụ công Đà Nẵng'));
    default:
      return notFound();
  }
}

// ---------------------------------------------------------------------------------------

export function handleSite(siteId: SiteId, req: SiteRequest, ctx: SiteContext): SiteResponse {
  const isWrite = req.method === 'POST';
  const writable = (siteId === 'hanoi' && req.subpath === 'nop-ho-so') || (siteId === 'danang' && req.subpath === 'api/nop-ho-so');
  if (isWrite && !writable) return { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, body: 'Method Not Allowed\n' };
  if (siteId === 'hanoi') return hanoi(req, ctx);
  if (siteId === 'bct') return bct(req, ctx);
  return danang(req, ctx);
}

// The "third-party" tracker the bct build loads before any consent. It lives on the sandbox
// (no external traffic); the privacy checker is told to treat /tracker/ as a foreign host.
const TRACKER_JS = `/* Bộ đếm truy cập của bên thứ ba (mô phỏng): chạy ngay khi tải trang, không hỏi ý kiến người dùng. */
(function () {
  var m = document.cookie.match(/(?:^|; )_trk_uid=([^;]+)/);
  var uid = m ? m[1] : String(Date.now()) + String(Math.floor(Math.random() * 1e6));
  document.cookie = '_trk_uid=' + uid + '; path=/; max-age=31536000';
  var img = new Image(1, 1);
  // The beacon goes back to the host the script came from, as a real tracker's does.
  var origin = document.currentScript ? new URL(document.currentScript.src).origin : '';
  img.src = origin + '/tracker/pixel.gif?uid=' + encodeURIComponent(uid) + '&url=' + encodeURIComponent(location.href) + '&ref=' + encodeURIComponent(document.referrer);
})();
`;

export function handleTracker(path: string, ctx: SiteContext): SiteResponse | null {
  if (path === TRACKER_SCRIPT_PATH) return js(TRACKER_JS);
  if (path === '/tracker/pixel.gif') {
    return {
      status: 200,
      headers: {
        'content-type': 'image/gif', 'cache-control': 'no-store',
        'set-cookie': `_trk_sid=${hash32(`${ctx.seed}|tracker`).toString(16)}; path=/; max-age=31536000; SameSite=None; Secure`,
      },
      body: GIF_1X1,
    };
  }
  return null;
}
