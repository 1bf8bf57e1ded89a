// Fixtures for what every accessibility criterion rests on: frames entered (same-origin and
// cross-origin), the document the visitor ends on judged (script redirect, meta refresh),
// headings named as WCAG names them, SVG links and standalone SVG documents.
import type { FixtureCases } from './index.ts';

const OTHER_SITE = 'https://tienich.sandbox/a11y/core';

export const CORE_CASES: FixtureCases = {
  // An image without alt inside a cross-origin frame, and a button without a name in a same-origin one.
  'khung': {
    title: 'Trang có khung nhúng',
    body: `<main><h1>Trang có khung nhúng</h1>
<p>Bản đồ và tiện ích tra cứu được nhúng từ nơi khác.</p>
<iframe title="Tiện ích tra cứu" src="${OTHER_SITE}/tien-ich-loi" width="400" height="200"></iframe>
<iframe title="Biểu mẫu ngắn" src="/a11y/core/bieu-mau-loi" width="400" height="200"></iframe>
</main>`,
  },
  'khung-sach': {
    title: 'Trang có khung nhúng đạt',
    body: `<main><h1>Trang có khung nhúng đạt</h1>
<iframe title="Tiện ích tra cứu" src="${OTHER_SITE}/tien-ich-sach" width="400" height="200"></iframe>
</main>`,
  },
  'tien-ich-loi': { title: 'Tiện ích', body: '<main><p>Tiện ích tra cứu</p><img src="/assets/diem.gif" width="16" height="16"></main>' },
  'tien-ich-sach': { title: 'Tiện ích', body: '<main><p>Tiện ích tra cứu</p><img src="/assets/diem.gif" alt="Biểu tượng tra cứu" width="16" height="16"></main>' },
  'bieu-mau-loi': { title: 'Biểu mẫu', body: '<main><button type="button"><span class="icon"></span></button></main>' },
  // A script sends the visitor elsewhere 300 ms after the load: the last document is judged.
  'chuyen-bang-ma': {
    title: 'Trang cũ',
    body: `<main><h1>Trang đã chuyển</h1><p>Đang chuyển tới trang mới…</p><img src="/assets/diem.gif" width="16" height="16"></main>
<script>window.addEventListener('load', function () { setTimeout(function () { location.href = '/a11y/core/trang-moi'; }, 300); });</script>`,
  },
  'chuyen-cham': {
    title: 'Trang cũ chuyển chậm',
    body: `<main><h1>Trang đã chuyển</h1><p>Sau 1 giây bạn sẽ được chuyển tới trang mới.</p></main>
<script>window.addEventListener('load', function () { setTimeout(function () { location.href = '/a11y/core/trang-moi'; }, 1000); });</script>`,
  },
  'lam-moi-3-giay': {
    title: 'Trang tự làm mới',
    head: '<meta http-equiv="refresh" content="2; url=/a11y/core/trang-moi"><title>Trang tự làm mới – Trang kiểm thử tiếp cận</title>',
    body: '<main><h1>Trang tự làm mới</h1><p>Trang sẽ chuyển sau 2 giây.</p></main>',
  },
  'chuyen-toi-trang-hong': {
    title: 'Chuyển tới địa chỉ không có',
    body: `<main><h1>Chuyển</h1></main><script>window.addEventListener('load', function () { setTimeout(function () { location.href = 'https://khong-ton-tai.example/'; }, 100); });</script>`,
  },
  'trang-moi': { title: 'Trang mới', body: '<main><h1>Trang mới</h1><p>Nội dung của trang mới, đạt các tiêu chí.</p></main>' },
  // Headings named by an image's alt, a hidden empty heading, an SVG link.
  'tieu-de-hinh': {
    title: 'Tiêu đề bằng hình',
    body: `<header><h1><img src="/assets/diem.gif" alt="Logo Bộ Tư pháp" width="16" height="16"></h1></header>
<main><h2 aria-hidden="true"></h2><h2 style="display:none"></h2><h2>Thủ tục hành chính</h2>
<svg width="120" height="30" role="img" aria-label="Bản đồ hành chính"><a href="/a11y/core/trang-moi"><text x="0" y="20">Bản đồ</text></a></svg></main>`,
  },
  'tieu-de-rong': { title: 'Tiêu đề rỗng', body: '<main><h1>Trang có tiêu đề rỗng</h1><h2> </h2><p>Nội dung.</p></main>' },
  'khong-tieu-de': { title: 'Không có tiêu đề mục', body: '<main><p>Trang chỉ có một đoạn văn, không có tiêu đề mục nào.</p></main>' },
  // Table rules that used to be filtered out.
  'bang-o-tieu-de-rong': {
    title: 'Bảng có ô tiêu đề rỗng',
    body: `<main><h1>Thống kê hồ sơ</h1><table><tr><th></th><th>Tiếp nhận</th></tr><tr><td>Tháng 10</td><td>1.026</td></tr><tr><td>Tháng 11</td><td>1.130</td></tr><tr><td>Tháng 12</td><td>998</td></tr></table></main>`,
  },
  'hinh.svg': {
    raw: `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" role="img" aria-label="Biểu đồ tỷ lệ hồ sơ trực tuyến"><title>Biểu đồ</title><circle cx="50" cy="50" r="40" fill="#00457c"/></svg>`,
    contentType: 'image/svg+xml',
  },
  // Axe violations our second look doubts (axe-second-look.ts), beside ones it must leave alone.
  'nhan-khac-ten': {
    title: 'Nhãn nhìn thấy và tên truy cập',
    style: " .bieu-tuong { font-family: 'Material Icons', sans-serif; }",
    body: `<main><h1>Tra cứu</h1>
<p><button type="button" class="bieu-tuong" aria-label="Tìm kiếm" id="tim">search</button></p>
<p><a href="/a11y/core/dia-chi" aria-label="Sở Thông tin và Truyền thông" id="viet-tat">Sở Thông tin và Truyền th.</a></p>
<p><a href="/a11y/core/nop" aria-label="Tra cứu hồ sơ" id="sai-ten">Nộp hồ sơ</a></p>
</main>`,
  },
  'khung-sau-hop-thoai': {
    title: 'Khung nhúng sau hộp thoại',
    body: `<main><h1>Khung nhúng sau hộp thoại</h1>
<iframe id="khung" title="Liên kết" srcdoc="<a href='/a11y/core/trang-moi'>Trang chủ</a>"></iframe>
<dialog id="thong-bao" aria-labelledby="tieu-de-hop"><h2 id="tieu-de-hop">Chính sách bảo vệ dữ liệu cá nhân</h2><p>Cổng không lưu dữ liệu của bạn.</p><button type="button" onclick="this.closest('dialog').close()">Đóng</button></dialog>
<script>var d = document.getElementById('thong-bao'), k = document.getElementById('khung'); d.addEventListener('close', function () { k.tabIndex = 0; }); d.showModal(); k.tabIndex = -1;</script>
</main>`,
  },
  'khung-bi-loai': {
    title: 'Khung nhúng bị loại khỏi phím Tab',
    body: `<main><h1>Khung nhúng bị loại khỏi phím Tab</h1>
<iframe tabindex="-1" title="Liên kết" srcdoc="<a href='/a11y/core/trang-moi'>Trang chủ</a>"></iframe>
</main>`,
  },
  // A raw XML file (no stylesheet): Chromium shows it through its own HTML tree viewer.
  'du-lieu.xml': {
    raw: `<?xml version="1.0" encoding="UTF-8"?>\n<thongke lang="vi"><ho_so thang="11">1130</ho_so></thongke>`,
    contentType: 'application/xml',
  },
};
