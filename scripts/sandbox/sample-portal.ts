// A whole portal of about 500 pages for the page sample (issue 17), served at the root of
// https://dichvucong.tinhmau.sandbox/ (hosts.ts): a site map of a few templates as real portals
// have them, so that the crawl, the template grouping and the structured sample have known
// answers.
//
//   /                                   home (latest news, services by field, statistics)
//   /dich-vu-cong/                      the fields (lĩnh vực), a list
//   /dich-vu-cong/<field>/              the services of a field (the same list template)
//   /dich-vu-cong/<field>/thu-tuc-<n>   a service (procedure) page: 10 fields × 25 services
//   /nop-ho-so/<field>                  the application form of a field (POST, never to be submitted)
//   /tin-tuc/?trang=<n>                 news lists (11 pages), /tin-tuc/<yyyy>/bai-<n> articles (132)
//   /van-ban/?trang=<n>, /van-ban/<n>   documents (4 lists, 40 documents with a PDF link)
//   /thong-ke/, /thong-ke/<yyyy-mm>     statistics: overview and 24 months
//   /dang-nhap, /tim-kiem               login (password form, a logout link) and search
//   /hoi-dap                            questions and answers
//   /chinh-sach-bao-mat, /tuyen-bo-tro-nang, /lien-he (a contact form), /huong-dan, /gioi-thieu
//   /so-do-trang                        site map, leading to /luu-tru/1 → /luu-tru/2 → … (12 deep),
//                                       /ban-do (links written by JavaScript only), /noi-bo/…
//   robots.txt                          disallows /noi-bo/ (but allows /noi-bo/cong-khai) and the
//                                       print versions /tin-tuc/*?in=1; another bot is disallowed all
//
// Every page is deterministic (no clock, no randomness beyond fixed hashes): a crawl of it always
// finds the same pages, which the sample's reproducibility tests rely on.
import { escapeHtml, formatViInt } from './format.ts';
import { hash32 } from './random.ts';
import type { SiteResponse } from './sites.ts';

export const SAMPLE_PORTAL_HOST = 'dichvucong.tinhmau.sandbox';
export const SAMPLE_PORTAL_NAME = 'Cổng Dịch vụ công tỉnh Mẫu';

/** The fields (lĩnh vực) whose services the portal lists: the service types of the sample. */
export const SAMPLE_FIELDS: ReadonlyArray<{ slug: string; name: string }> = [
  { slug: 'ho-tich', name: 'Hộ tịch' }, { slug: 'dat-dai', name: 'Đất đai' }, { slug: 'xay-dung', name: 'Xây dựng' },
  { slug: 'kinh-doanh', name: 'Đăng ký kinh doanh' }, { slug: 'giao-thong', name: 'Giao thông vận tải' }, { slug: 'giao-duc', name: 'Giáo dục và đào tạo' },
  { slug: 'y-te', name: 'Y tế' }, { slug: 'lao-dong', name: 'Lao động, thương binh và xã hội' }, { slug: 'tu-phap', name: 'Tư pháp' },
  { slug: 'tai-nguyen', name: 'Tài nguyên và môi trường' },
];
export const SERVICES_PER_FIELD = 25;
export const NEWS_PAGES = 11;
export const NEWS_PER_PAGE = 12;
export const DOCUMENT_PAGES = 4;
export const DOCUMENTS_PER_PAGE = 10;
export const STATISTICS_MONTHS = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
export const ARCHIVE_DEPTH = 12;

/** Paths robots.txt disallows (what the crawl must never ask for) and the form actions (what nobody may post to). */
export const SAMPLE_PORTAL_ROBOTS = `# Cổng Dịch vụ công tỉnh Mẫu (sandbox)
User-agent: BadBot
Disallow: /

User-agent: *
Disallow: /noi-bo/
Allow: /noi-bo/cong-khai
Disallow: /tin-tuc/*?in=
Crawl-delay: 0

Sitemap: https://${SAMPLE_PORTAL_HOST}/sitemap.xml
`;

const HTML = 'text/html; charset=utf-8';
const CSS = `body{font-family:sans-serif;color:#1a1a1a;background:#fff;margin:0}a{color:#0b4f9c}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #b35900}
.site-header,.site-footer{background:#f2f2f2;padding:.5rem 1rem}.main-nav ul,.footer-links{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
main{padding:1rem;max-width:60rem}table{border-collapse:collapse}th,td{border:1px solid #777;padding:.25rem .5rem}.skip-link{position:absolute;left:-999px}.skip-link:focus{left:1rem}`;
const MAP_SCRIPT = `// The map's places are written by this script: the served HTML has no link to them.
document.addEventListener('DOMContentLoaded', function () {
  var list = document.getElementById('dia-diem');
  for (var i = 1; i <= 5; i++) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = '/ban-do/diem-' + i;
    a.textContent = 'Điểm tiếp nhận hồ sơ số ' + i;
    li.appendChild(a);
    list.appendChild(li);
  }
});
`;

const e = escapeHtml;

function page(title: string, template: string, content: string): SiteResponse {
  return {
    status: 200,
    headers: { 'content-type': HTML },
    body: `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} – ${SAMPLE_PORTAL_NAME} (sandbox)</title>
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site-header">
<div class="brand"><a href="/">${SAMPLE_PORTAL_NAME}</a></div>
<form class="header-search" role="search" action="/tim-kiem/ket-qua" method="get"><label for="tu-khoa">Tìm kiếm</label> <input id="tu-khoa" name="q" type="search"> <button type="submit">Tìm</button> <a href="/tim-kiem">Tìm kiếm nâng cao</a></form>
<nav class="main-nav" aria-label="Điều hướng chính"><ul>
<li><a href="/">Trang chủ</a></li><li><a href="/dich-vu-cong/">Dịch vụ công</a></li><li><a href="/tin-tuc/">Tin tức</a></li>
<li><a href="/van-ban/">Văn bản</a></li><li><a href="/thong-ke/">Thống kê</a></li><li><a href="/dang-nhap">Đăng nhập</a></li>
</ul></nav>
</header>
<main id="noi-dung" class="${template}">
<h1>${e(title)}</h1>
${content}
</main>
<footer class="site-footer">
<ul class="footer-links">
<li><a href="/chinh-sach-bao-mat">Chính sách bảo mật</a></li><li><a href="/tuyen-bo-tro-nang">Tuyên bố về khả năng tiếp cận</a></li>
<li><a href="/so-do-trang">Sơ đồ trang</a></li><li><a href="/hoi-dap">Hỏi đáp</a></li><li><a href="/lien-he">Liên hệ</a></li><li><a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></li>
</ul>
<p>Trang mô phỏng của dvc-monitor: mọi nội dung là giả định.</p>
</footer>
</body>
</html>
`,
  };
}

const list = (items: Array<{ href: string; text: string }>, cls = 'danh-sach-lien-ket') => `<ul class="${cls}">${items.map((i) => `<li><a href="${e(i.href)}">${e(i.text)}</a></li>`).join('')}</ul>`;

const serviceName = (field: { name: string }, n: number) => `Thủ tục ${field.name.toLowerCase()} số ${n}`;
const newsTitle = (n: number) => `Tin hoạt động số ${n}: triển khai dịch vụ công trực tuyến toàn trình`;
const newsYear = (n: number) => (n % 2 === 0 ? 2025 : 2026);
const newsHref = (n: number) => `/tin-tuc/${newsYear(n)}/bai-${n}`;
const pager = (base: string, pages: number, current: number) =>
  `<nav class="phan-trang" aria-label="Phân trang"><ul>${Array.from({ length: pages }, (_, i) => i + 1).map((n) => n === current ? `<li><span aria-current="page">${n}</span></li>` : `<li><a href="${n === 1 ? base : `${base}?trang=${n}`}">Trang ${n}</a></li>`).join('')}</ul></nav>`;

function home(): SiteResponse {
  const news = list(Array.from({ length: 6 }, (_, i) => ({ href: newsHref(i + 1), text: newsTitle(i + 1) })));
  const fields = list(SAMPLE_FIELDS.map((f) => ({ href: `/dich-vu-cong/${f.slug}/`, text: f.name })));
  return page('Trang chủ', 'trang-chu', `<section class="linh-vuc"><h2>Dịch vụ công theo lĩnh vực</h2>${fields}</section>
<section class="tin-moi"><h2>Tin mới</h2>${news}<p><a href="/tin-tuc/">Xem tất cả tin</a></p></section>
<section class="so-lieu"><h2>Tình hình xử lý hồ sơ</h2><p><a href="/thong-ke/">Xem số liệu thống kê</a></p></section>
<section class="khac"><h2>Liên kết</h2>${list([
    { href: '/huong-dan', text: 'Hướng dẫn sử dụng' }, { href: 'http://' + SAMPLE_PORTAL_HOST + '/gioi-thieu', text: 'Giới thiệu' },
    { href: '/gioi-thieu-cu', text: 'Giới thiệu (địa chỉ cũ)' }, { href: '/cong-quoc-gia', text: 'Chuyển đến Cổng quốc gia' },
    { href: 'https://dichvucong.hanoi.sandbox/sites/hanoi/', text: 'Cổng Dịch vụ công Hà Nội' }, { href: '/tai-lieu/huong-dan.pdf', text: 'Hướng dẫn (PDF)' },
    { href: 'mailto:hotro@tinhmau.sandbox', text: 'Thư hỗ trợ' },
  ])}</section>`);
}

function fieldsList(): SiteResponse {
  return page('Dịch vụ công theo lĩnh vực', 'danh-sach', `<p>Chọn lĩnh vực để xem các thủ tục hành chính.</p>${list(SAMPLE_FIELDS.map((f) => ({ href: `/dich-vu-cong/${f.slug}/`, text: f.name })))}`);
}

function fieldPage(field: { slug: string; name: string }): SiteResponse {
  const items = Array.from({ length: SERVICES_PER_FIELD }, (_, i) => ({ href: `/dich-vu-cong/${field.slug}/thu-tuc-${i + 1}`, text: serviceName(field, i + 1) }));
  return page(`Lĩnh vực ${field.name}`, 'danh-sach', `<p>Các thủ tục hành chính thuộc lĩnh vực ${e(field.name)}.</p>${list(items)}`);
}

function servicePage(field: { slug: string; name: string }, n: number): SiteResponse {
  const days = 3 + (hash32(`${field.slug}|${n}`) % 20);
  const fee = formatViInt(10_000 * (hash32(`phí|${field.slug}|${n}`) % 50));
  return page(serviceName(field, n), 'chi-tiet-thu-tuc', `<table class="thong-tin-thu-tuc"><caption>Thông tin thủ tục</caption><tbody>
<tr><th scope="row">Lĩnh vực</th><td>${e(field.name)}</td></tr><tr><th scope="row">Mức độ</th><td>${n % 3 === 0 ? 'Một phần' : 'Toàn trình'}</td></tr>
<tr><th scope="row">Thời hạn giải quyết</th><td>${days} ngày làm việc</td></tr><tr><th scope="row">Phí, lệ phí</th><td>${fee} đồng</td></tr></tbody></table>
<section class="thanh-phan"><h2>Thành phần hồ sơ</h2><ol><li>Tờ khai theo mẫu</li><li>Bản sao giấy tờ tùy thân</li></ol></section>
<p class="hanh-dong"><a href="/nop-ho-so/${field.slug}">Nộp hồ sơ trực tuyến</a> · <a href="/dich-vu-cong/${field.slug}/">Các thủ tục cùng lĩnh vực</a></p>`);
}

function applicationForm(field: { slug: string; name: string }): SiteResponse {
  return page(`Nộp hồ sơ trực tuyến: ${field.name}`, 'nop-ho-so', `<form class="bieu-mau" method="post" action="/nop-ho-so/${field.slug}/gui">
<fieldset><legend>Thông tin người nộp</legend>
<p><label for="ho-ten">Họ và tên</label> <input id="ho-ten" name="hoTen" autocomplete="name" required></p>
<p><label for="cccd">Số định danh cá nhân</label> <input id="cccd" name="cccd" inputmode="numeric" required></p>
<p><label for="dien-thoai">Số điện thoại</label> <input id="dien-thoai" name="dienThoai" type="tel" autocomplete="tel"></p>
<p><label for="thu">Thư điện tử</label> <input id="thu" name="email" type="email" autocomplete="email"></p>
</fieldset>
<p><label for="thu-tuc">Thủ tục</label> <select id="thu-tuc" name="thuTuc">${Array.from({ length: 3 }, (_, i) => `<option>${e(serviceName(field, i + 1))}</option>`).join('')}</select></p>
<p><label for="ghi-chu">Ghi chú</label> <textarea id="ghi-chu" name="ghiChu"></textarea></p>
<p><button type="submit">Gửi hồ sơ</button></p>
</form>`);
}

function newsList(n: number): SiteResponse {
  const items = Array.from({ length: NEWS_PER_PAGE }, (_, i) => (n - 1) * NEWS_PER_PAGE + i + 1).map((k) => ({ href: newsHref(k), text: newsTitle(k) }));
  return page(`Tin tức (trang ${n})`, 'danh-sach-tin', `${list(items, 'danh-sach-tin-tuc')}${pager('/tin-tuc/', NEWS_PAGES, n)}`);
}

function article(n: number): SiteResponse {
  const paragraphs = 2 + (n % 4);
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>Đoạn ${i + 1} của bài ${n}: tỉnh Mẫu tiếp tục đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình.</p>`).join('');
  return page(newsTitle(n), 'bai-viet', `<article class="bai-viet-noi-dung"><p class="ngay-dang"><time datetime="${newsYear(n)}-01-15">15/01/${newsYear(n)}</time></p>${body}
${n % 5 === 0 ? '<table><caption>Số liệu kèm theo</caption><thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Giá trị</th></tr></thead><tbody><tr><td>Hồ sơ tiếp nhận</td><td>1.234</td></tr></tbody></table>' : ''}
</article><p class="cong-cu"><a href="${newsHref(n)}?in=1">Bản in</a> · <a href="/tin-tuc/">Về danh sách tin</a></p>`);
}

function documentsList(n: number): SiteResponse {
  const items = Array.from({ length: DOCUMENTS_PER_PAGE }, (_, i) => (n - 1) * DOCUMENTS_PER_PAGE + i + 1).map((k) => ({ href: `/van-ban/${k}`, text: `Văn bản số ${k}/QĐ-UBND` }));
  return page(`Văn bản (trang ${n})`, 'danh-sach', `${list(items)}${pager('/van-ban/', DOCUMENT_PAGES, n)}`);
}

function documentPage(n: number): SiteResponse {
  return page(`Văn bản số ${n}/QĐ-UBND`, 'van-ban', `<dl class="thuoc-tinh"><dt>Số hiệu</dt><dd>${n}/QĐ-UBND</dd><dt>Cơ quan ban hành</dt><dd>Ủy ban nhân dân tỉnh Mẫu</dd><dt>Trích yếu</dt><dd>Về việc công bố danh mục thủ tục hành chính</dd></dl>
<p><a href="/van-ban/${n}.pdf">Tải văn bản (PDF)</a></p>`);
}

function statistics(): SiteResponse {
  return page('Thống kê tình hình xử lý hồ sơ', 'thong-ke', `<p>Số liệu theo tháng:</p>${list(STATISTICS_MONTHS.map((m) => ({ href: `/thong-ke/${m}`, text: `Tháng ${Number(m.slice(5))}/${m.slice(0, 4)}` })), 'cac-thang')}`);
}

function statisticsMonth(month: string): SiteResponse {
  const i = STATISTICS_MONTHS.indexOf(month);
  const received = 8_000 + (hash32(`nhan|${month}`) % 4_000);
  const online = Math.round(received * (0.4 + (hash32(`tt|${month}`) % 40) / 100));
  const prev = STATISTICS_MONTHS[i - 1];
  const next = STATISTICS_MONTHS[i + 1];
  return page(`Thống kê tháng ${Number(month.slice(5))}/${month.slice(0, 4)}`, 'thong-ke-thang', `<table class="bang-so-lieu"><caption>Tình hình tiếp nhận hồ sơ</caption>
<thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Tháng</th></tr></thead>
<tbody><tr><th scope="row">Hồ sơ tiếp nhận</th><td>${formatViInt(received)}</td></tr><tr><th scope="row">Tiếp nhận trực tuyến</th><td>${formatViInt(online)}</td></tr></tbody></table>
<p class="chuyen-thang">${prev ? `<a href="/thong-ke/${prev}">Tháng trước</a>` : ''} ${next ? `<a href="/thong-ke/${next}">Tháng sau</a>` : ''} <a href="/thong-ke/">Mọi tháng</a></p>`);
}

function login(): SiteResponse {
  return page('Đăng nhập', 'dang-nhap', `<form class="dang-nhap" method="post" action="/dang-nhap/xac-thuc">
<p><label for="ten">Tên đăng nhập</label> <input id="ten" name="username" autocomplete="username"></p>
<p><label for="mat-khau">Mật khẩu</label> <input id="mat-khau" name="password" type="password" autocomplete="current-password"></p>
<p><button type="submit">Đăng nhập</button></p></form>
<p><a href="/dang-xuat">Đăng xuất</a> · <a href="/huong-dan">Hướng dẫn đăng nhập bằng tài khoản định danh điện tử</a></p>`);
}

function search(): SiteResponse {
  return page('Tìm kiếm', 'tim-kiem', `<form class="tim-kiem-nang-cao" role="search" method="get" action="/tim-kiem/ket-qua">
<p><label for="tu-khoa-chinh">Từ khóa</label> <input id="tu-khoa-chinh" name="q" type="search"></p>
<p><label for="linh-vuc">Lĩnh vực</label> <select id="linh-vuc" name="linhVuc">${SAMPLE_FIELDS.map((f) => `<option value="${f.slug}">${e(f.name)}</option>`).join('')}</select></p>
<p><button type="submit">Tìm kiếm</button></p></form>`);
}

const STATIC: Record<string, { title: string; body: string }> = {
  'chinh-sach-bao-mat': { title: 'Chính sách bảo mật', body: '<p>Cổng xử lý dữ liệu cá nhân theo Luật Bảo vệ dữ liệu cá nhân. Đầu mối bảo vệ dữ liệu cá nhân: baomat@tinhmau.sandbox.</p>' },
  'tuyen-bo-tro-nang': { title: 'Tuyên bố về khả năng tiếp cận', body: '<p>Cổng hướng tới đáp ứng WCAG 2.1 mức AA. Phản ánh rào cản tiếp cận: trogiup@tinhmau.sandbox.</p>' },
  'huong-dan': { title: 'Hướng dẫn sử dụng', body: '<p>Đăng nhập bằng tài khoản định danh điện tử, chọn thủ tục, điền biểu mẫu và nộp hồ sơ.</p>' },
  'gioi-thieu': { title: 'Giới thiệu', body: '<p>Cổng Dịch vụ công tỉnh Mẫu cung cấp thông tin và dịch vụ công trực tuyến của tỉnh.</p>' },
  'noi-bo/cong-khai': { title: 'Thông tin công khai của khu vực nội bộ', body: '<p>Trang này được robots.txt cho phép, dù nằm trong khu vực nội bộ.</p>' },
};

function contact(): SiteResponse {
  return page('Liên hệ', 'noi-dung', `<p>Gửi câu hỏi cho bộ phận hỗ trợ.</p><form class="lien-he" method="post" action="/lien-he/gui">
<p><label for="ten-lh">Họ và tên</label> <input id="ten-lh" name="hoTen" autocomplete="name"></p>
<p><label for="thu-lh">Thư điện tử</label> <input id="thu-lh" name="email" type="email" autocomplete="email"></p>
<p><label for="noi-dung-lh">Nội dung</label> <textarea id="noi-dung-lh" name="noiDung"></textarea></p>
<p><button type="submit">Gửi</button></p></form>`);
}

function questions(): SiteResponse {
  const items = Array.from({ length: 6 }, (_, i) => `<div class="cau-hoi"><dt>Câu hỏi ${i + 1}: làm thế nào để nộp hồ sơ trực tuyến?</dt><dd>Đăng nhập, chọn thủ tục và điền biểu mẫu.</dd></div>`).join('');
  return page('Hỏi đáp', 'hoi-dap', `<dl class="danh-sach-hoi-dap">${items}</dl>`);
}

function siteMap(): SiteResponse {
  return page('Sơ đồ trang', 'so-do', `<ul class="cay-trang"><li><a href="/dich-vu-cong/">Dịch vụ công</a>${list(SAMPLE_FIELDS.map((f) => ({ href: `/dich-vu-cong/${f.slug}/`, text: f.name })), 'cap-2')}</li>
<li><a href="/tin-tuc/">Tin tức</a></li><li><a href="/van-ban/">Văn bản</a></li><li><a href="/thong-ke/">Thống kê</a></li>
<li><a href="/luu-tru/1">Lưu trữ</a></li><li><a href="/ban-do">Bản đồ điểm tiếp nhận</a></li>
<li><a href="/noi-bo/">Khu vực nội bộ</a>${list([{ href: '/noi-bo/bao-cao-1', text: 'Báo cáo nội bộ 1' }, { href: '/noi-bo/bao-cao-2', text: 'Báo cáo nội bộ 2' }, { href: '/noi-bo/cong-khai', text: 'Thông tin công khai' }], 'cap-2')}</li></ul>`);
}

function archive(n: number): SiteResponse {
  return page(`Lưu trữ, phần ${n}`, 'luu-tru', `<p>Tài liệu lưu trữ, phần ${n}.</p>${n < ARCHIVE_DEPTH ? `<p class="tiep"><a href="/luu-tru/${n + 1}">Phần tiếp theo</a></p>` : ''}`);
}

function map(): SiteResponse {
  const p = page('Bản đồ điểm tiếp nhận hồ sơ', 'ban-do', '<ul id="dia-diem"></ul>');
  p.body = (p.body as string).replace('</body>', '<script src="/static/ban-do.js"></script>\n</body>');
  return p;
}

const notFound = (): SiteResponse => ({ ...page('Không tìm thấy trang', 'loi', '<p>Địa chỉ bạn truy cập không tồn tại.</p>'), status: 404 });

/** One request to the portal: path and query of the URL. Forms' actions answer 405 to GET (and anything to POST: nobody should post). */
export function handleSamplePortal(method: string, path: string, query: URLSearchParams): SiteResponse {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }, body: 'Method Not Allowed\n' };
  if (path === '/robots.txt') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: SAMPLE_PORTAL_ROBOTS };
  if (path === '/static/site.css') return { status: 200, headers: { 'content-type': 'text/css; charset=utf-8' }, body: CSS };
  if (path === '/static/ban-do.js') return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: MAP_SCRIPT };
  if (path === '/') return home();
  if (path === '/gioi-thieu-cu') return { status: 301, headers: { location: '/gioi-thieu', 'content-type': 'text/plain; charset=utf-8' }, body: '/gioi-thieu\n' };
  if (path === '/cong-quoc-gia') return { status: 302, headers: { location: 'https://dichvucong.gov.vn/', 'content-type': 'text/plain; charset=utf-8' }, body: 'https://dichvucong.gov.vn/\n' };
  if (path === '/dich-vu-cong') return { status: 301, headers: { location: '/dich-vu-cong/', 'content-type': 'text/plain; charset=utf-8' }, body: '/dich-vu-cong/\n' };
  if (path === '/dich-vu-cong/') return fieldsList();
  let m = /^\/dich-vu-cong\/([a-z-]+)\/(?:thu-tuc-(\d+))?$/.exec(path);
  if (m) {
    const field = SAMPLE_FIELDS.find((f) => f.slug === m![1]);
    const n = m[2] === undefined ? null : Number(m[2]);
    if (field && n === null) return fieldPage(field);
    if (field && n !== null && n >= 1 && n <= SERVICES_PER_FIELD) return servicePage(field, n);
    return notFound();
  }
  m = /^\/nop-ho-so\/([a-z-]+)$/.exec(path);
  if (m) {
    const field = SAMPLE_FIELDS.find((f) => f.slug === m![1]);
    return field ? applicationForm(field) : notFound();
  }
  if (path === '/tin-tuc/') {
    const n = Number(query.get('trang') ?? '1');
    return Number.isInteger(n) && n >= 1 && n <= NEWS_PAGES && (n > 1 || !query.has('trang')) ? newsList(n) : notFound();
  }
  m = /^\/tin-tuc\/(\d{4})\/bai-(\d+)$/.exec(path);
  if (m) {
    const n = Number(m[2]);
    return n >= 1 && n <= NEWS_PAGES * NEWS_PER_PAGE && newsYear(n) === Number(m[1]) ? article(n) : notFound();
  }
  if (path === '/van-ban/') {
    const n = Number(query.get('trang') ?? '1');
    return Number.isInteger(n) && n >= 1 && n <= DOCUMENT_PAGES && (n > 1 || !query.has('trang')) ? documentsList(n) : notFound();
  }
  m = /^\/van-ban\/(\d+)$/.exec(path);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 && n <= DOCUMENT_PAGES * DOCUMENTS_PER_PAGE ? documentPage(n) : notFound();
  }
  if (path === '/thong-ke/') return statistics();
  m = /^\/thong-ke\/(\d{4}-\d{2})$/.exec(path);
  if (m) return STATISTICS_MONTHS.includes(m[1]!) ? statisticsMonth(m[1]!) : notFound();
  if (path === '/dang-nhap') return login();
  if (path === '/tim-kiem') return search();
  if (path === '/lien-he') return contact();
  if (path === '/so-do-trang') return siteMap();
  if (path === '/hoi-dap') return questions();
  if (path === '/ban-do') return map();
  m = /^\/luu-tru\/(\d+)$/.exec(path);
  if (m) {
    const n = Number(m[1]);
    return n >= 1 && n <= ARCHIVE_DEPTH ? archive(n) : notFound();
  }
  const text = STATIC[path.slice(1)];
  if (text) return page(text.title, 'noi-dung', text.body);
  return notFound();
}
