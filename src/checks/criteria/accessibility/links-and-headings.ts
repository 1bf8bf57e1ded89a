// Pages are organised by headings: axe's empty-heading, plus what axe does not judge, a page
// without any heading (advice only). Link purpose was judged here once and has its own
// criterion now (link-purpose.ts); the id stays so that stored results keep their meaning.
import { detail, type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';

export const HEADING_RULES = ['empty-heading'];

export const linksAndHeadings: PageCriterion = {
  id: 'accessibility.links-and-headings',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Tiêu đề mục có ý nghĩa', en: 'Meaningful headings' },
  description: { vi: 'Trang có tiêu đề mục (h1–h6) và không tiêu đề mục nào rỗng.', en: 'The page has headings (h1–h6) and none is empty.' },
  severity: 'moderate',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (liên kết và tiêu đề có ý nghĩa)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }],
  wcag: ['2.4.6', '1.3.1'],
  axeRules: HEADING_RULES,
  advice: { vi: 'Mỗi tiêu đề mục phải có chữ (hoặc hình có alt); dùng h1–h6 theo cấu trúc nội dung.', en: 'Every heading needs text (or an image with alt); use h1–h6 to follow the structure of the content.' },
  judge(page) {
    // No success criterion requires a heading: a page without any is recorded as advice, never a failure.
    const judged = judgeAxeRules(page, HEADING_RULES);
    if (page.headings.length || !page.text.trim()) return judged;
    const none = detail('heading.none', 'Khuyến nghị: trang không có tiêu đề mục nào (h1–h6); tiêu đề giúp người dùng trình đọc màn hình nắm cấu trúc trang.', 'Advice: the page has no heading (h1–h6); headings help screen-reader users grasp its structure.', { data: { advice: true }, evidence: { blob: 'evidence', path: 'headings' } });
    return { ...judged, details: [...judged.details, none] };
  },
};
