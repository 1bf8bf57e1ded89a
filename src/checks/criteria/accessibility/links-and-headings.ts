// Links say where they lead and pages are organised by headings: axe's rules, plus what axe
// does not judge: link texts that say nothing out of context ("click vào đây", "xem tại đây")
// and pages without any heading.
import { detail, type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';

export const LINK_HEADING_RULES = ['link-name', 'empty-heading'];

const GENERIC_LINK_TEXT = new Set([
  'click vào đây', 'bấm vào đây', 'nhấn vào đây', 'nhấp vào đây', 'xem tại đây', 'tại đây', 'ở đây', 'xem thêm', 'chi tiết', 'xem chi tiết', 'click',
  'click here', 'here', 'more', 'read more', 'link', 'this link',
]);

export const linksAndHeadings: PageCriterion = {
  id: 'accessibility.links-and-headings',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Liên kết và tiêu đề có ý nghĩa', en: 'Meaningful links and headings' },
  description: { vi: 'Mỗi liên kết có chữ nói rõ nơi nó dẫn tới (không chỉ "xem tại đây"); trang có tiêu đề mục và tiêu đề không rỗng.', en: 'Every link text says where it leads (not just "click here"); the page has headings and none is empty.' },
  severity: 'moderate',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (liên kết và tiêu đề có ý nghĩa)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }],
  wcag: ['2.4.4', '2.4.6', '1.3.1'],
  axeRules: LINK_HEADING_RULES,
  advice: { vi: 'Mỗi tiêu đề mục phải có chữ (hoặc hình có alt); dùng h1–h6 theo cấu trúc nội dung.', en: 'Every heading needs text (or an image with alt); use h1–h6 to follow the structure of the content.' },
  judge(page) {
    const generic = page.links.map((l, i) => ({ l, i })).filter(({ l }) => GENERIC_LINK_TEXT.has(l.text.toLowerCase().replace(/[.…:!»›>]+$/u, '').trim()));
    const own = generic.slice(0, 20).map(({ l, i }) => detail('link.generic_text', `Liên kết "${l.text}" không nói rõ dẫn tới đâu (${l.href}).`, `The link "${l.text}" does not say where it leads (${l.href}).`, { data: { ...l }, evidence: { blob: 'evidence', path: `links[${i}]` } }));
    // No success criterion requires a heading: a page without any is recorded as advice, never a failure.
    const judged = judgeAxeRules(page, LINK_HEADING_RULES, own);
    if (page.headings.length || !page.text.trim()) return judged;
    const none = detail('heading.none', 'Khuyến nghị: trang không có tiêu đề mục nào (h1–h6); tiêu đề giúp người dùng trình đọc màn hình nắm cấu trúc trang.', 'Advice: the page has no heading (h1–h6); headings help screen-reader users grasp its structure.', { data: { advice: true }, evidence: { blob: 'evidence', path: 'headings' } });
    return { ...judged, details: [...judged.details, none] };
  },
};
