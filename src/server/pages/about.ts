// The accessibility statement and the personal-data notice of the dashboard and the public status
// page: what they conform to and how that is verified, their known limits, what they process
// about visitors (nothing but the server's log lines) and whom to contact (server.contact).
import type { Config } from '../../config/schema.ts';
import { t, type Lang } from '../../i18n.ts';
import { html, type Safe } from '../../report/html.ts';

type Contact = Config['server']['contact'];

function contactLine(contact: Contact, lang: Lang, purpose: string): Safe {
  if (!contact) {
    return html`<p>${t(lang, `Đơn vị vận hành chưa khai báo đầu mối liên hệ ${purpose} (khóa cấu hình server.contact).`, `The operator has not named a contact point ${purpose} (configuration key server.contact).`)}</p>`;
  }
  return html`<p>${t(lang, `Đầu mối liên hệ ${purpose}`, `Contact point ${purpose}`)}: <strong>${contact.name}</strong>${contact.email ? html`, ${t(lang, 'thư điện tử', 'e-mail')} <a href="mailto:${contact.email}">${contact.email}</a>` : null}${contact.phone ? html`, ${t(lang, 'điện thoại', 'phone')} ${contact.phone}` : null}.</p>`;
}

export function statementContent(lang: Lang, contact: Contact): Safe {
  return html`<p>${t(lang,
    'Bảng điều khiển dvc-monitor và trang trạng thái công khai hướng tới đáp ứng WCAG 2.1 mức AA, theo Luật Người khuyết tật 51/2010/QH12 Điều 43, Thông tư 32/2017/TT-BTTTT Điều 18 và Thông tư 26/2020/TT-BTTTT.',
    'The dvc-monitor dashboard and the public status page aim to meet WCAG 2.1 level AA, as Luật Người khuyết tật 51/2010/QH12 Art. 43, Thông tư 32/2017/TT-BTTTT Art. 18 and Thông tư 26/2020/TT-BTTTT require.')}</p>
<h2 id="kiem-chung">${t(lang, 'Cách kiểm chứng', 'How this is verified')}</h2>
<p>${t(lang,
    'Mỗi bản phát hành, mọi trang của bảng điều khiển và trang trạng thái được chính công cụ kiểm tra tiếp cận của dvc-monitor (axe-core, đi phím Tab, phóng to 200%, độ rộng 320 điểm ảnh, giãn dòng giãn chữ) kiểm tra trong Chromium ở kích thước 1366 × 900 và 390 × 844 và phải đạt 100/100; mọi nút điều khiển được thử bằng bàn phím, không dùng chuột.',
    'For every release, every page of the dashboard and of the status page is checked by dvc-monitor\'s own accessibility check (axe-core, a Tab walk, 200% zoom, 320-pixel width, text spacing) in Chromium at 1366 × 900 and 390 × 844 and must score 100/100; every control is exercised with the keyboard alone.')}</p>
<h2 id="han-che">${t(lang, 'Hạn chế đã biết', 'Known limitations')}</h2>
<ul>
<li>${t(lang, 'Biểu đồ là hình ảnh có tên mô tả; số liệu của từng biểu đồ nằm trong "Bảng số liệu" ngay bên dưới.', 'Charts are images with a descriptive name; each chart\'s figures are in the "Data table" right below it.')}</li>
<li>${t(lang, 'Trên màn hình hẹp, các bảng số liệu rộng được cuộn ngang trong khung riêng; phần còn lại của trang tự xuống dòng.', 'On narrow screens, wide data tables scroll sideways in their own box; the rest of the page reflows.')}</li>
<li>${t(lang, 'Ảnh chụp trang chủ của các cổng được kiểm tra là bằng chứng, không thay thế được văn bản; kết quả kiểm tra được trình bày bằng chữ bên cạnh.', 'Screenshots of the portals checked are evidence and are not described in full; the findings are given in text beside them.')}</li>
<li>${t(lang, 'Nội dung do các cổng cung cấp (tên, tiêu đề trang) được hiển thị nguyên văn dưới dạng chữ.', 'Text that comes from the portals (names, page titles) is shown as plain text, as given.')}</li>
</ul>
<h2 id="phan-anh">${t(lang, 'Phản ánh rào cản tiếp cận', 'Reporting a barrier')}</h2>
${contactLine(contact, lang, t(lang, 'để phản ánh rào cản tiếp cận', 'for accessibility barriers'))}`;
}

export function privacyContent(lang: Lang, contact: Contact): Safe {
  return html`<p>${t(lang,
    'Trang này nói bảng điều khiển dvc-monitor và trang trạng thái công khai xử lý dữ liệu gì về người truy cập, theo Nghị định 13/2023/NĐ-CP và Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15.',
    'This page says what the dvc-monitor dashboard and the public status page process about their visitors, under Nghị định 13/2023/NĐ-CP and Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15.')}</p>
<h2 id="khong-thu-thap">${t(lang, 'Những gì không thu thập', 'What is not collected')}</h2>
<ul>
<li>${t(lang, 'Không dùng cookie, không lưu gì trong trình duyệt, không có mã theo dõi hay phân tích, không tải gì từ máy chủ khác.', 'No cookies, nothing stored in the browser, no tracking or analytics code, nothing loaded from other servers.')}</li>
<li>${t(lang, 'Số liệu hiển thị là số liệu thống kê của cơ quan nhà nước và kết quả đo các cổng dịch vụ công; dữ liệu cá nhân gặp khi kiểm tra cổng được che trước khi lưu.', 'The figures shown are public agencies\' statistics and measurements of the portals; personal data met while checking a portal is masked before it is stored.')}</li>
</ul>
<h2 id="nhat-ky">${t(lang, 'Nhật ký máy chủ', 'Server log')}</h2>
<p>${t(lang,
    'Máy chủ ghi nhật ký lỗi và các yêu cầu bị từ chối (tên máy chủ được hỏi và đường dẫn), không ghi địa chỉ IP của người truy cập thông thường. Mã truy cập của người vận hành chỉ dùng để xác nhận cảnh báo, không được ghi lại; việc xác nhận được lưu với thời điểm.',
    'The server logs errors and refused requests (the host asked for and the path); it does not log ordinary visitors\' IP addresses. The operator token is only used to acknowledge alerts and is never recorded; an acknowledgement is stored with its time.')}</p>
<h2 id="lien-he">${t(lang, 'Liên hệ về bảo vệ dữ liệu cá nhân', 'Contact about personal data')}</h2>
${contactLine(contact, lang, t(lang, 'về bảo vệ dữ liệu cá nhân', 'about personal data protection'))}`;
}
