// Fixtures for language, page titles and link purpose (topic `language`): 3.1.1 and 3.1.2
// (the declared language against the text, unmarked passages), 2.4.2 (empty and placeholder
// titles) and 2.4.4 (generic link texts with and without context, one name for two targets).
// Every page that must fail (or needs review) has a twin that passes.
import type { FixtureCases } from './index.ts';
import type { FixturePage } from './page.ts';

const VI = `<p>Cổng Dịch vụ công tỉnh cung cấp thông tin về thủ tục hành chính, hướng dẫn nộp hồ sơ trực tuyến và tra cứu kết quả giải quyết.
Người dân và doanh nghiệp có thể theo dõi tiến độ xử lý hồ sơ mọi lúc, mọi nơi, thanh toán phí và lệ phí trực tuyến, đồng thời gửi phản ánh,
kiến nghị về quy định hành chính tới cơ quan có thẩm quyền.</p>
<p>Để nộp hồ sơ, người dân đăng nhập bằng tài khoản định danh điện tử, chọn thủ tục cần thực hiện, điền tờ khai và đính kèm giấy tờ theo hướng dẫn.</p>`;

const EN = `<p>The provincial public service portal provides information on administrative procedures, guidance on submitting applications online
and a way to look up their outcome. Citizens and businesses can follow the progress of their applications at any time, pay fees online,
and send feedback on administrative regulations to the competent authorities.</p>
<p>To submit an application, sign in with your electronic identity account, choose the procedure, fill in the form and attach the documents it asks for.</p>`;

const EN_PASSAGE = 'This portal is also open to foreign investors. Applications for an investment registration certificate can be submitted online, and they are usually processed within fifteen working days.';

const page = (title: string, main: string, extra: Partial<FixturePage> = {}): FixturePage => ({
  title,
  body: `<main>\n<h1>${title}</h1>\n${main}\n</main>\n<footer><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Kiểm Thử.</p></footer>`,
  ...extra,
});

const head = (title: string | null) => `<meta name="viewport" content="width=device-width, initial-scale=1">${title === null ? '' : `\n<title>${title}</title>`}`;

export const LANGUAGE_FIXTURES: FixtureCases = {
  // 3.1.1: Vietnamese text declared Vietnamese, English text declared English (pass).
  'tieng-viet': page('Hướng dẫn nộp hồ sơ trực tuyến', VI),
  'tieng-anh': {
    title: 'Online applications',
    lang: 'en',
    head: head('How to apply online – Test portal'),
    body: `<main>\n<h1>How to apply online</h1>\n${EN}\n</main>\n<footer><p>Run by the People's Committee of the test province.</p></footer>`,
  },
  // 3.1.1: a Vietnamese page the template declares English (fail lang.mismatch).
  'lang-en-noi-dung-viet': page('Hướng dẫn nộp hồ sơ trực tuyến', VI, { lang: 'en' }),
  // 3.1.2: an English paragraph on a Vietnamese page, unmarked (cant_tell) and marked (pass).
  'doan-tieng-anh-khong-danh-dau': page('Thông tin cho nhà đầu tư', `${VI}\n<p>${EN_PASSAGE}</p>`),
  'doan-tieng-anh-co-danh-dau': page('Thông tin cho nhà đầu tư', `${VI}\n<p lang="en">${EN_PASSAGE}</p>`),
  // 2.4.2: no title at all, a placeholder title (fail), and a descriptive one (the pages above pass).
  'khong-co-title': page('Trang không có tiêu đề', VI, { head: head(null) }),
  'title-giu-cho': page('Trang có tiêu đề giữ chỗ', VI, { head: head('Untitled Document') }),
  'title-ten-tep': page('Trang có tiêu đề là tên tệp', VI, { head: head('index.html') }),
  // 2.4.4: a generic link with no context at all (fail), the same link in a sentence (cant_tell),
  // and links that say where they lead (pass).
  'lien-ket-khong-ngu-canh': {
    title: 'Mẫu tờ khai',
    body: `<p><a href="/a11y/language/tieng-viet">Xem chi tiết</a></p>\n<main>\n<h1>Mẫu tờ khai</h1>\n${VI}\n</main>`,
  },
  // The same, as a scripted element with role=link (no href): assistive technology lists it as a link.
  'lien-ket-vai-tro': {
    title: 'Mẫu tờ khai',
    body: `<p><span role="link" tabindex="0" onclick="location.href = '/a11y/language/tieng-viet'">Xem chi tiết</span></p>\n<main>\n<h1>Mẫu tờ khai</h1>\n${VI}\n</main>`,
  },
  'lien-ket-trong-cau': page('Mẫu tờ khai', `${VI}\n<p>Mẫu tờ khai đăng ký khai sinh (bản điện tử): <a href="/a11y/language/tieng-viet">Tải về</a></p>`),
  'lien-ket-ro-nghia': page('Mẫu tờ khai', `${VI}\n<p><a href="/a11y/language/tieng-viet">Tải mẫu tờ khai đăng ký khai sinh</a></p>`),
  // 2.4.4: two links with the same name and context leading to different pages (cant_tell), and
  // the twin where both lead to the same page (pass).
  'cung-ten-khac-dich': page('Hướng dẫn', `${VI}\n<ul><li><a href="/a11y/language/tieng-viet">Hướng dẫn sử dụng</a></li><li><a href="/a11y/language/tieng-anh">Hướng dẫn sử dụng</a></li></ul>`),
  'cung-ten-cung-dich': page('Hướng dẫn', `${VI}\n<ul><li><a href="/a11y/language/tieng-viet">Hướng dẫn sử dụng</a></li><li><a href="/a11y/language/tieng-viet">Hướng dẫn sử dụng</a></li></ul>`),
};
