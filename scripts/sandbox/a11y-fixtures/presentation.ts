// Presentation fixtures (topic `presentation`): zoom to 200% (1.4.4), reflow at 320 px
// (1.4.10), text spacing (1.4.12), each defect with a repaired twin, written from W3C's
// Understanding documents (F69, F102, F104, the resize and reflow examples) and the ACT rules
// 59br37, b4f0c3, 24afc2, 9e45ec and 78fd32.
import type { FixtureCases } from './index.ts';

const TEXT = 'Hồ sơ đăng ký khai sinh được tiếp nhận trực tuyến, người dân nhận kết quả qua bưu chính hoặc tại bộ phận một cửa của Ủy ban nhân dân cấp xã.';
const around = (inner: string) => `<h1>Dịch vụ công trực tuyến</h1>
${inner}
<p><a href="/a11y/presentation/trang-chu">Trang chủ</a></p>`;
const head = (title: string, viewport: string) => `<meta name="viewport" content="${viewport}">
<title>${title} – Trang kiểm thử tiếp cận</title>`;

export const PRESENTATION_FIXTURES: FixtureCases = {
  // 1.4.4: a card with a fixed height holds two lines at 1280 px and four at 640 (200%): cut off (F69).
  'the-co-dinh-cao': { title: 'Thẻ tin cao cố định', style: ' .the { width: 50%; height: 3em; overflow: hidden; border: 1px solid #767676; }', body: around(`<div class="the">${TEXT}</div>`) },
  'the-co-dinh-cao-sua': { title: 'Thẻ tin cao tối thiểu', style: ' .the { width: 50%; min-height: 3em; border: 1px solid #767676; }', body: around(`<div class="the">${TEXT}</div>`) },
  // One line by design with an ellipsis (59br37's exception): not a failure.
  'tieu-de-ba-cham': { title: 'Tiêu đề rút gọn có dấu ba chấm', style: ' .td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; width: 60%; }', body: around(`<p class="td">${TEXT}</p><p><a href="/a11y/presentation/chi-tiet">Xem đầy đủ</a></p>`) },
  // Zoom blocked by the viewport meta tag (b4f0c3), and its twin.
  'chan-phong-to': { title: 'Chặn phóng to', head: head('Chặn phóng to', 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no'), body: around(`<p>${TEXT}</p>`) },
  'cho-phong-to': { title: 'Cho phép phóng to', head: head('Cho phép phóng to', 'width=device-width, initial-scale=1'), body: around(`<p>${TEXT}</p>`) },
  // Two labels placed by percentages: at 200% the second lands on the first (for a person to judge).
  'nhan-chong-len-nhau': { title: 'Nhãn đè lên nhau', style: ' .khung { position: relative; height: 4em; } .a, .b { position: absolute; top: 0; } .a { left: 0; width: 400px; max-width: 100%; } .b { left: 50%; white-space: nowrap; }', body: around('<div class="khung"><span class="a">Tra cứu tình trạng hồ sơ đã nộp trực tuyến trên cổng</span><span class="b">Thanh toán lệ phí</span></div>') },

  // 1.4.10: a fixed 900 px column of text needs sideways scrolling at 320 px; the twin is fluid.
  'cot-rong-co-dinh': { title: 'Cột rộng cố định', style: ' .cot { width: 900px; }', body: around(`<div class="cot"><p>${TEXT}</p></div>`) },
  'cot-rong-co-dinh-sua': { title: 'Cột co giãn', style: ' .cot { max-width: 900px; }', body: around(`<div class="cot"><p>${TEXT}</p></div>`) },
  // A menu that never wraps.
  'menu-khong-xuong-dong': { title: 'Trình đơn không xuống dòng', style: ' nav ul { white-space: nowrap; list-style: none; padding: 0; } nav li { display: inline; margin-right: 1em; }', body: around('<nav aria-label="Trình đơn chính"><ul><li><a href="/a11y/presentation/gioi-thieu">Giới thiệu</a></li><li><a href="/a11y/presentation/thu-tuc">Thủ tục hành chính</a></li><li><a href="/a11y/presentation/tra-cuu">Tra cứu hồ sơ</a></li><li><a href="/a11y/presentation/thanh-toan">Thanh toán trực tuyến</a></li></ul></nav>') },
  'menu-xuong-dong': { title: 'Trình đơn xuống dòng', style: ' nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5em 1em; }', body: around('<nav aria-label="Trình đơn chính"><ul><li><a href="/a11y/presentation/gioi-thieu">Giới thiệu</a></li><li><a href="/a11y/presentation/thu-tuc">Thủ tục hành chính</a></li><li><a href="/a11y/presentation/tra-cuu">Tra cứu hồ sơ</a></li><li><a href="/a11y/presentation/thanh-toan">Thanh toán trực tuyến</a></li></ul></nav>') },
  // A wide data table: content that needs two dimensions may scroll (inside a scroll box or not).
  'bang-so-lieu-rong': { title: 'Bảng số liệu rộng', style: ' table { border-collapse: collapse; min-width: 760px; } th, td { border: 1px solid #767676; padding: 4px; }', body: around(`<table><caption>Hồ sơ tiếp nhận theo tháng</caption><thead><tr><th scope="col">Đơn vị</th><th scope="col">Tháng 1</th><th scope="col">Tháng 2</th><th scope="col">Tháng 3</th><th scope="col">Tháng 4</th><th scope="col">Tháng 5</th><th scope="col">Tháng 6</th></tr></thead>
<tbody><tr><th scope="row">Phường Ba Đình</th><td>1.204</td><td>1.318</td><td>1.297</td><td>1.402</td><td>1.388</td><td>1.451</td></tr><tr><th scope="row">Phường Hoàn Kiếm</th><td>987</td><td>1.012</td><td>1.105</td><td>1.087</td><td>1.130</td><td>1.164</td></tr></tbody></table>`) },
  'bang-trong-khung-cuon': { title: 'Bảng trong khung cuộn', style: ' .cuon { overflow-x: auto; } table { border-collapse: collapse; min-width: 760px; } th, td { border: 1px solid #767676; padding: 4px; }', body: around(`<div class="cuon" role="region" aria-label="Bảng hồ sơ theo tháng" tabindex="0"><table><caption>Hồ sơ tiếp nhận theo tháng</caption><thead><tr><th scope="col">Đơn vị</th><th scope="col">Tháng 1</th><th scope="col">Tháng 2</th><th scope="col">Tháng 3</th></tr></thead>
<tbody><tr><th scope="row">Phường Ba Đình</th><td>1.204</td><td>1.318</td><td>1.297</td></tr></tbody></table></div>`) },
  // overflow-x hidden on body hides the sideways scroll bar: the text past 320 px is lost (reflow.clipped).
  'an-thanh-cuon-ngang': { title: 'Ẩn thanh cuộn ngang', style: ' body { overflow-x: hidden; } .cot { width: 700px; }', body: around(`<div class="cot"><p>${TEXT}</p></div>`) },
  'an-thanh-cuon-ngang-sua': { title: 'Ẩn thanh cuộn ngang, cột co giãn', style: ' body { overflow-x: hidden; } .cot { max-width: 700px; }', body: around(`<div class="cot"><p>${TEXT}</p></div>`) },

  // 1.4.12: a box two lines high (fixed height, overflow hidden) loses its text once spacing grows (F104).
  'hop-hai-dong': { title: 'Hộp cao cố định hai dòng', style: ' .hop { width: 320px; height: 40px; line-height: 20px; overflow: hidden; border: 1px solid #767676; }', body: around('<div class="hop">Nộp hồ sơ trực tuyến và theo dõi kết quả giải quyết ngay trên cổng.</div>') },
  'hop-hai-dong-sua': { title: 'Hộp cao tối thiểu hai dòng', style: ' .hop { width: 320px; min-height: 40px; line-height: 20px; border: 1px solid #767676; }', body: around('<div class="hop">Nộp hồ sơ trực tuyến và theo dõi kết quả giải quyết ngay trên cổng.</div>') },
  // Spacing locked by !important in style attributes (24afc2, 9e45ec, 78fd32), and wide-enough twins.
  'khoa-gian-chu': { title: 'Khóa khoảng cách chữ', body: around(`<p style="letter-spacing: 0.05em !important">${TEXT}</p>`) },
  'khoa-gian-chu-du': { title: 'Khoảng cách chữ đủ rộng', body: around(`<p style="letter-spacing: 0.15em !important">${TEXT}</p>`) },
  'khoa-gian-tu': { title: 'Khóa khoảng cách từ', body: around(`<p style="word-spacing: 1px !important">${TEXT}</p>`) },
  'khoa-gian-tu-du': { title: 'Khoảng cách từ đủ rộng', body: around(`<p style="word-spacing: 0.2em !important">${TEXT}</p>`) },
  'khoa-gian-dong': { title: 'Khóa chiều cao dòng', body: around(`<p style="line-height: 1.2 !important; max-width: 300px">${TEXT}</p>`) },
  'khoa-gian-dong-du': { title: 'Chiều cao dòng đủ', body: around(`<p style="line-height: 1.6 !important; max-width: 300px">${TEXT}</p>`) },
  // A locked line height on one line of text that never wraps: 78fd32 does not apply.
  'khoa-gian-dong-mot-dong': { title: 'Chiều cao dòng khóa trên một dòng', body: around('<p style="line-height: 1.2 !important">Trang chủ</p>') },
};
