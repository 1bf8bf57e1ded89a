import { type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';

export const CONTRAST_RULES = ['color-contrast'];

export const contrast: PageCriterion = {
  id: 'accessibility.contrast',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Độ tương phản màu chữ và màu nền đủ', en: 'Sufficient text contrast' },
  description: { vi: 'Chữ có độ tương phản với nền tối thiểu 4,5:1 (3:1 với chữ lớn).', en: 'Text contrasts with its background at 4.5:1 or more (3:1 for large text).' },
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (độ tương phản)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }],
  wcag: ['1.4.3'],
  axeRules: CONTRAST_RULES,
  advice: { vi: 'Đổi màu chữ hoặc màu nền để đạt tỷ lệ tương phản tối thiểu 4,5:1 (3:1 với chữ từ 24px, hoặc 18,66px đậm).', en: 'Change the text or background colour to reach at least 4.5:1 (3:1 for text of 24px, or 18.66px bold, and larger).' },
  judge: (page) => judgeAxeRules(page, CONTRAST_RULES),
};
