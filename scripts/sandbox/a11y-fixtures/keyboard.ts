// Keyboard fixtures (topic `keyboard`): each defect with a repaired twin. Native controls with
// stops inside (date fields, media controls, select) are not traps; real traps hold the focus
// by a timer, a blur handler or a cancelled Tab; focus indicators drawn on a wrapper, as a
// shadow or as a background pass; outline:none with nothing else fails; a clickable <span>
// nobody can Tab to fails, its tabindex=0 role=button twin passes.
import type { FixtureCases } from './index.ts';

const around = (inner: string) => `<h1>Biểu mẫu đăng ký</h1>
<p><a href="/a11y/keyboard/trang-chu">Trang chủ</a></p>
${inner}
<p><button type="button">Gửi hồ sơ</button></p>`;

/**
 * A map whose controls send the focus back to its first button whenever it would leave the map;
 * Ctrl+M (when `exits`) lets go and moves the focus to the page's last button.
 */
const mapWidget = (exits: boolean, help = '') => `<div id="ban-do" data-giu="1" onfocusout="if (this.dataset.giu && !this.contains(event.relatedTarget)) setTimeout(function () { document.getElementById('phong-to').focus(); }, 0)"${exits ? ` onkeydown="if (event.ctrlKey && event.keyCode === 77) { this.dataset.giu = ''; Array.from(document.querySelectorAll('button')).pop().focus(); }"` : ''}>
<button type="button" id="phong-to">Phóng to</button>
${help}
<button type="button" id="thu-nho">Thu nhỏ</button>
</div>`;

export const KEYBOARD_FIXTURES: FixtureCases = {
  // Native controls: one control each, however many presses Tab spends inside.
  'truong-ngay': { title: 'Trường ngày giờ', body: around(`<p><label>Ngày sinh <input type="date" name="ngay_sinh"></label></p>
<p><label>Giờ hẹn <input type="time" name="gio_hen"></label></p>
<p><label>Thời điểm <input type="datetime-local" name="thoi_diem"></label></p>
<p><label>Tháng <input type="month" name="thang"></label></p>
<p><label>Tuần <input type="week" name="tuan"></label></p>`) },
  'am-thanh-hinh-anh': { title: 'Âm thanh, hình ảnh, danh sách chọn', body: around(`<p><audio controls src="data:audio/wav;base64,UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA="></audio></p>
<p><video controls width="320" height="180" src="data:video/mp4;base64,AAAAHGZ0eXBpc29tAAACAGlzb21pc28ybXA0MQ=="></video></p>
<p><label>Tỉnh, thành <select name="tinh"><option>Hà Nội</option><option>Đà Nẵng</option><option>TP Hồ Chí Minh</option></select></label></p>`) },
  // Traps: the focus is sent back after Tab moved it.
  'bay-hen-gio': { title: 'Bẫy bằng hẹn giờ', body: around(`<p><label>Mã hồ sơ <input id="ma" onblur="var el = this; setTimeout(function () { el.focus(); }, 50)"></label></p>`) },
  'bay-hen-gio-sua': { title: 'Hẹn giờ không bẫy', body: around(`<p><label>Mã hồ sơ <input id="ma" onblur="var n = document.getElementById('ghi-chu'); setTimeout(function () { n.textContent = 'Đã lưu mã hồ sơ.'; }, 50)"></label></p><p id="ghi-chu"></p>`) },
  'bay-blur': { title: 'Bẫy bằng sự kiện blur', body: around(`<p><label>Số căn cước <input id="cccd" onblur="this.focus()"></label></p>`) },
  'bay-blur-sua': { title: 'Sự kiện blur không bẫy', body: around(`<p><label>Số căn cước <input id="cccd" onblur="document.getElementById('loi').textContent = this.value ? '' : 'Chưa nhập số căn cước.'"></label></p><p id="loi"></p>`) },
  'bay-phim-tab': { title: 'Bẫy bằng chặn phím Tab', body: around(`<p><label>Ghi chú <input id="ghi" onkeydown="if (event.key === 'Tab') { event.preventDefault(); }"></label></p>`) },
  'bay-phim-tab-sua': { title: 'Xử lý phím không bẫy', body: around(`<p><label>Ghi chú <input id="ghi" onkeydown="if (event.key === 'Enter') { event.preventDefault(); }"></label></p>`) },
  // A map widget holding the focus on purpose (WCAG 2.1.2 allows it when the way out is told):
  // told and working passes; told but not working fails; told only by its help button passes.
  'bay-co-huong-dan': { title: 'Bản đồ có hướng dẫn thoát', body: around(`${mapWidget(true)}<p>Nhấn Ctrl+M để thoát khỏi bản đồ.</p>`) },
  'bay-huong-dan-sai': { title: 'Bản đồ hướng dẫn sai', body: around(`${mapWidget(false)}<p>Nhấn Ctrl+M để thoát khỏi bản đồ.</p>`) },
  'bay-nut-tro-giup': { title: 'Bản đồ có nút hướng dẫn', body: around(mapWidget(true, '<button type="button" id="tro-giup" onclick="document.getElementById(\'goi-y\').textContent = \'Nhấn Ctrl+M để thoát khỏi bản đồ.\'">Hướng dẫn thoát bản đồ</button><p id="goi-y"></p>')) },
  // Focus indicators drawn elsewhere than on the element's own outline.
  'vien-khung-bao': { title: 'Viền trên khung bao', style: ' .o { display: inline-block; padding: 4px; border: 1px solid #767676; } .o input:focus { outline: none; } .o:focus-within { outline: 3px solid #00457c; }', body: around(`<p><label for="tk">Tìm kiếm</label> <span class="o"><input id="tk" name="tk"></span></p>`) },
  'bong-do': { title: 'Bóng đổ khi nhận tiêu điểm', style: ' button:focus { outline: none; box-shadow: 0 0 0 4px #00457c; }', body: around('<p><button type="button">Tra cứu hồ sơ</button></p>') },
  'doi-mau-nen': { title: 'Đổi màu nền khi nhận tiêu điểm', style: ' a.nen { padding: 4px 8px; color: #00457c; } a.nen:focus { outline: none; background: #00457c; color: #ffffff; } button:focus { outline: none; background: #00457c; color: #ffffff; }', body: around('<p><a class="nen" href="/a11y/keyboard/thu-tuc">Thủ tục hành chính</a></p>') },
  'an-vien': { title: 'Ẩn viền tiêu điểm', style: ' *:focus, *:focus-visible { outline: none !important; }', body: around('<p><a href="/a11y/keyboard/thu-tuc">Thủ tục hành chính</a></p>') },
  'vien-mo': { title: 'Dấu hiệu tiêu điểm mờ', style: ' *:focus, *:focus-visible { outline: none !important; } a:focus, button:focus { background: #f2f2f2; }', body: around('<p><a href="/a11y/keyboard/thu-tuc">Thủ tục hành chính</a></p>') },
  // A clickable <span> with a pointer cursor and a click listener, no tabindex; its twin is in the Tab order.
  'the-span-bam': { title: 'Phần tử bấm được chỉ bằng chuột', style: ' .nut { display: inline-block; padding: .5rem 1rem; background: #00457c; color: #ffffff; cursor: pointer; }', body: around(`<p><span class="nut" id="gui">Gửi yêu cầu</span></p>
<script>document.getElementById('gui').addEventListener('click', function () { this.textContent = 'Đã gửi'; });</script>`) },
  'the-span-bam-sua': { title: 'Phần tử bấm được bằng bàn phím', style: ' .nut { display: inline-block; padding: .5rem 1rem; background: #00457c; color: #ffffff; cursor: pointer; } .nut:focus { outline: 3px solid #b35900; }', body: around(`<p><span class="nut" id="gui" tabindex="0" role="button">Gửi yêu cầu</span></p>
<script>var g = document.getElementById('gui'); g.addEventListener('click', function () { this.textContent = 'Đã gửi'; }); g.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.click(); } });</script>`) },
  // A control inside a frame, its indicator drawn (or hidden) there: its neighbourhood is captured
  // where the frame puts it on the page, below the heading and the first link.
  'trong-khung': { title: 'Nút trong khung', body: around(`<p><iframe title="Tra cứu hồ sơ" width="320" height="90" srcdoc="<style>button:focus { outline: 3px solid #b35900; }</style><p><button type='button'>Tra cứu trong khung</button></p>"></iframe></p>`) },
  'trong-khung-an-vien': { title: 'Nút trong khung ẩn viền', body: around(`<p><iframe title="Tra cứu hồ sơ" width="320" height="90" srcdoc="<style>button:focus, button:focus-visible { outline: none !important; }</style><p><button type='button'>Tra cứu trong khung</button></p>"></iframe></p>`) },
  // An SVG link (an SVGAElement: no innerText, className is an object): must not crash the probe.
  'lien-ket-svg': { title: 'Liên kết trong SVG', style: ' svg a:focus { outline: 3px solid #b35900; }', body: around(`<p><svg width="240" height="40" viewBox="0 0 240 40" role="img" aria-label="Bản đồ"><a href="/a11y/keyboard/ban-do"><rect x="2" y="2" width="236" height="36" fill="#00457c"/><text x="12" y="26" fill="#ffffff" font-size="16">Xem bản đồ</text></a></svg></p>`) },
};
