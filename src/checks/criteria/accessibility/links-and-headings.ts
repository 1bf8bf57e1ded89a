// Links say where they lead and pages are organised by headings: axe's rules, plus what axe
// does not judge: link texts that say nothing out of context ("click vào đây", "xem tại đây")
// and pages without any heading.
import { detail, type PageCriterion } from '../criterion.ts';
import { inList, judgeAxeRules } from './axe-rules.ts';

export const LINK_HEADING_RULES = ['link-name', 'empty-heading', 'heading-order', 'empty-table-header'];

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
  judge(page) {
    const generic = page.links.map((l, i) => ({ l, i })).filter(({ l }) => GENERIC_LINK_TEXT.has(l.text.toLowerCase().replace(/[.…:!»›>]+$/u, '').trim()));
    const own = generic.slice(0, 20).map(({ l, i }) => detail('link.generic_text', `Liên kết "${l.text}" không nói rõ dẫn tới đâu (${l.href}).`, `The link "${l.text}" does not say where it leads (${l.href}).`, { data: { ...l }, evidence: { blob: 'evidence', path: `links[${i}]` } }));
    if (!page.headings.length && page.text.trim().length > 0) own.push(detail('heading.none', 'Trang không có tiêu đề mục nào (h1–h6).', 'The page has no heading at all (h1–h6).', { evidence: { blob: 'evidence', path: 'headings' } }));
    const empty = page.headings.filter((h) => !h.text).length;
    if (empty) own.push(detail('heading.empty', `${empty} tiêu đề mục rỗng.`, `${empty} empty headings.`, { evidence: { blob: 'evidence', path: 'headings' } }));
    return judgeAxeRules(page, inList(LINK_HEADING_RULES), own);
  },
};
