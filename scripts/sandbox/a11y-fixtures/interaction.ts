// Fixtures for the interaction criteria (topic `interaction`): changes of context on focus and
// input, skip links, links told apart by colour alone, required fields, option groups. Every
// failing page has a twin that passes; the rest of each page is a clean portal page.
import type { FixtureCases } from './index.ts';
import type { FixturePage } from './page.ts';

const NAV = ['Trang chủ', 'Giới thiệu', 'Thủ tục hành chính', 'Dịch vụ công trực tuyến', 'Tra cứu hồ sơ', 'Thanh toán trực tuyến', 'Phản ánh kiến nghị', 'Thống kê', 'Văn bản pháp luật', 'Tin tức', 'Hỏi đáp', 'Liên hệ'];

const nav = () => `<nav aria-label="Điều hướng chính"><ul>${NAV.map((t, i) => `<li><a href="/a11y/interaction/muc-${i}">${t}</a></li>`).join('')}</ul></nav>`;

/** A portal page: skip link, header with navigation, main content, footer. */
const portal = (title: string, main: string, style = ''): FixturePage => ({
  title,
  style: ` .bo-qua { position: absolute; left: -9999px; } .bo-qua:focus { left: 1rem; top: 1rem; background: #ffffff; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .75rem; } label { display: block; margin-top: .5rem; }${style}`,
  body: `<a class="bo-qua" href="#noi-dung">Bỏ qua đến nội dung chính</a>
<header><p><a href="/a11y/interaction/">Cổng Dịch vụ công tỉnh Kiểm Thử</a></p>${nav()}</header>
<main id="noi-dung">
<h1>${title}</h1>
${main}
</main>
<footer><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Kiểm Thử. Trang mô phỏng dùng cho kiểm thử.</p></footer>`,
});

const PROVINCES = ['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Thành phố Hồ Chí Minh', 'Cần Thơ'];
const provinceOptions = () => `<option value="">-- Chọn --</option>${PROVINCES.map((p, i) => `<option value="tinh-${i}">${p}</option>`).join('')}`;

const TEXT = `<p>Cổng Dịch vụ công tỉnh cung cấp thông tin về thủ tục hành chính, hướng dẫn nộp hồ sơ trực tuyến và tra cứu kết quả giải quyết.
Người dân và doanh nghiệp có thể theo dõi tiến độ xử lý hồ sơ mọi lúc, mọi nơi.</p>`;

export const INTERACTION_FIXTURES: FixtureCases = {
  // 3.2.2: choosing a province goes to another page at once.
  'chon-tinh-chuyen-trang': portal('Tra cứu thủ tục theo địa phương', `${TEXT}
<form action="/a11y/interaction/ket-qua" method="get">
<label for="tinh">Chọn tỉnh/thành phố</label>
<select id="tinh" name="tinh" onchange="location.href = '/a11y/interaction/ket-qua?tinh=' + this.value">${provinceOptions()}</select>
</form>`),
  // Twin: the choice is confirmed with a "Xem" button.
  'chon-tinh-nut-xem': portal('Tra cứu thủ tục theo địa phương', `${TEXT}
<form action="/a11y/interaction/ket-qua" method="get">
<label for="tinh">Chọn tỉnh/thành phố</label>
<select id="tinh" name="tinh">${provinceOptions()}</select>
<button type="submit">Xem</button>
</form>`),
  // 3.2.1: the search field opens a help window when it receives focus.
  'o-nhap-mo-cua-so': portal('Tìm kiếm thủ tục', `${TEXT}
<form action="/a11y/interaction/ket-qua" method="get">
<label for="tu-khoa">Từ khóa</label>
<input id="tu-khoa" name="q" type="search" onfocus="window.open('/a11y/interaction/huong-dan', 'huongdan', 'width=400,height=300')">
<button type="submit">Tìm kiếm</button>
</form>`),
  'o-nhap-binh-thuong': portal('Tìm kiếm thủ tục', `${TEXT}
<form action="/a11y/interaction/ket-qua" method="get">
<label for="tu-khoa">Từ khóa</label>
<input id="tu-khoa" name="q" type="search">
<button type="submit">Tìm kiếm</button>
<p><a href="/a11y/interaction/huong-dan" target="_blank">Hướng dẫn tìm kiếm (mở trong cửa sổ mới)</a></p>
</form>`),
  // 2.4.1: a working skip link (the portal frame above), and one whose target is missing on a
  // page with neither landmarks nor headings (its title is a styled div: 1.3.1 cant_tell).
  'bo-qua-hoat-dong': portal('Giới thiệu', `${TEXT}
<p><a href="/a11y/interaction/thu-tuc">Danh sách thủ tục hành chính của tỉnh</a></p>`),
  'bo-qua-hong': {
    title: 'Giới thiệu',
    style: ' .bo-qua { position: absolute; left: -9999px; } .bo-qua:focus { left: 1rem; top: 1rem; background: #ffffff; } ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .75rem; } .tieu-de { font-size: 1.6rem; font-weight: 700; }',
    body: `<a class="bo-qua" href="#noi-dung-chinh">Bỏ qua đến nội dung chính</a>
<div class="dau-trang"><p><a href="/a11y/interaction/">Cổng Dịch vụ công tỉnh Kiểm Thử</a></p>
<ul>${NAV.map((t, i) => `<li><a href="/a11y/interaction/muc-${i}">${t}</a></li>`).join('')}</ul></div>
<div id="noi-dung"><div class="tieu-de">Giới thiệu chung</div>${TEXT}</div>`,
  },
  // 1.4.1: links in a paragraph told apart only by a colour of low contrast with the text.
  'lien-ket-chi-mau': portal('Hướng dẫn nộp hồ sơ', `<p class="doan">Trước khi nộp hồ sơ, vui lòng đọc kỹ <a href="/a11y/interaction/quy-dinh">quy định về thành phần hồ sơ</a> và chuẩn bị bản sao điện tử các giấy tờ cần thiết.
Nếu gặp khó khăn, xem <a href="/a11y/interaction/hoi-dap">các câu hỏi thường gặp</a> hoặc gọi tổng đài hỗ trợ của tỉnh.</p>`, ' .doan { color: #1a1a1a; } .doan a { color: #3d3d5c; text-decoration: none; } .doan a:hover, .doan a:focus { color: #3d3d5c; outline: none; }'),
  'lien-ket-gach-chan': portal('Hướng dẫn nộp hồ sơ', `<p class="doan">Trước khi nộp hồ sơ, vui lòng đọc kỹ <a href="/a11y/interaction/quy-dinh">quy định về thành phần hồ sơ</a> và chuẩn bị bản sao điện tử các giấy tờ cần thiết.
Nếu gặp khó khăn, xem <a href="/a11y/interaction/hoi-dap">các câu hỏi thường gặp</a> hoặc gọi tổng đài hỗ trợ của tỉnh.</p>`, ' .doan { color: #1a1a1a; } .doan a { color: #00457c; text-decoration: underline; }'),
  // 1.4.1: required fields told only by a red label (and the page says red means required).
  'truong-bat-buoc-mau': portal('Đăng ký tài khoản', `<p>Các trường có nhãn màu đỏ là bắt buộc.</p>
<form action="/a11y/interaction/ket-qua" method="post">
<label for="ho-ten" class="bat-buoc">Họ và tên</label><input id="ho-ten" name="ho_ten" type="text" autocomplete="name">
<label for="so-dinh-danh" class="bat-buoc">Số định danh cá nhân</label><input id="so-dinh-danh" name="so_dinh_danh" type="text" inputmode="numeric">
<label for="ghi-chu">Ghi chú</label><input id="ghi-chu" name="ghi_chu" type="text">
<button type="submit">Đăng ký</button>
</form>`, ' .bat-buoc { color: #c00000; }'),
  'truong-bat-buoc-chu': portal('Đăng ký tài khoản', `<form action="/a11y/interaction/ket-qua" method="post">
<label for="ho-ten" class="bat-buoc">Họ và tên (bắt buộc)</label><input id="ho-ten" name="ho_ten" type="text" autocomplete="name" required>
<label for="so-dinh-danh" class="bat-buoc">Số định danh cá nhân (bắt buộc)</label><input id="so-dinh-danh" name="so_dinh_danh" type="text" inputmode="numeric" required>
<label for="ghi-chu">Ghi chú</label><input id="ghi-chu" name="ghi_chu" type="text">
<button type="submit">Đăng ký</button>
</form>`, ' .bat-buoc { color: #c00000; }'),
  // 1.3.1: the question "Giới tính:" is shown but not tied to its radio buttons.
  'gioi-tinh-khong-nhom': portal('Tờ khai đăng ký khai sinh', `<form action="/a11y/interaction/ket-qua" method="post">
<label for="ten-tre">Họ và tên trẻ (bắt buộc)</label><input id="ten-tre" name="ten_tre" type="text" required>
<div class="nhom"><span>Giới tính:</span>
<input type="radio" id="gt-nam" name="gioi_tinh" value="nam"><label for="gt-nam" class="cung-dong">Nam</label>
<input type="radio" id="gt-nu" name="gioi_tinh" value="nu"><label for="gt-nu" class="cung-dong">Nữ</label></div>
<button type="submit">Gửi tờ khai</button>
</form>`, ' .cung-dong { display: inline; margin-right: 1rem; }'),
  'gioi-tinh-fieldset': portal('Tờ khai đăng ký khai sinh', `<form action="/a11y/interaction/ket-qua" method="post">
<label for="ten-tre">Họ và tên trẻ (bắt buộc)</label><input id="ten-tre" name="ten_tre" type="text" required>
<fieldset><legend>Giới tính</legend>
<input type="radio" id="gt-nam" name="gioi_tinh" value="nam"><label for="gt-nam" class="cung-dong">Nam</label>
<input type="radio" id="gt-nu" name="gioi_tinh" value="nu"><label for="gt-nu" class="cung-dong">Nữ</label></fieldset>
<button type="submit">Gửi tờ khai</button>
</form>`, ' .cung-dong { display: inline; margin-right: 1rem; }'),
  // Where the pages above lead (a navigation that was not blocked lands here).
  'ket-qua': portal('Kết quả tra cứu', '<p>Không có kết quả.</p>'),
  'huong-dan': portal('Hướng dẫn tìm kiếm', '<p>Nhập tên thủ tục hoặc lĩnh vực cần tìm.</p>'),
};
