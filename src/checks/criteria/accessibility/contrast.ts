import { type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { msgBoth } from '../../../messages/index.ts';

export const CONTRAST_RULES = ['color-contrast'];

export const contrast: PageCriterion = {
  id: 'accessibility.contrast',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.contrast.title'),
  description: msgBoth('a11y.contrast.description'),
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (độ tương phản)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }],
  wcag: ['1.4.3'],
  axeRules: CONTRAST_RULES,
  advice: msgBoth('a11y.contrast.advice'),
  judge: (page) => judgeAxeRules(page, CONTRAST_RULES),
};
