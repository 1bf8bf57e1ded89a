// The page declares its language, so a screen reader speaks Vietnamese with a Vietnamese voice.
import { detail, type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';

export const LANGUAGE_RULES = ['html-has-lang', 'html-lang-valid', 'html-xml-lang-mismatch', 'valid-lang'];

export const pageLanguage: PageCriterion = {
  id: 'accessibility.page-language',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Khai báo ngôn ngữ của trang', en: 'Page language declared' },
  description: { vi: 'Thẻ <html> khai báo ngôn ngữ hợp lệ (lang="vi") để trình đọc màn hình đọc đúng giọng.', en: 'The <html> element declares a valid language (lang="vi") so screen readers use the right voice.' },
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }],
  wcag: ['3.1.1', '3.1.2'],
  axeRules: LANGUAGE_RULES,
  documents: ['html'],
  advice: { vi: 'Khai báo <html lang="vi"> (đúng ngôn ngữ chính của trang); đánh dấu đoạn tiếng nước ngoài bằng thuộc tính lang riêng.', en: 'Declare <html lang="vi"> (the page\'s main language); mark passages in another language with their own lang attribute.' },
  judge(page) {
    const own = page.lang?.trim() ? [] : [detail('lang.missing', 'Thẻ <html> không có thuộc tính lang.', 'The <html> element has no lang attribute.', { evidence: { blob: 'evidence', path: 'lang' } })];
    const judged = judgeAxeRules(page, LANGUAGE_RULES, own);
    return judged.outcome === 'fail' || judged.outcome === 'error' ? judged : { outcome: 'pass', details: [detail('lang.ok', `lang="${page.lang}"`, `lang="${page.lang}"`)] };
  },
};
