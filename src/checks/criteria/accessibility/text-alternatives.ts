import { type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { msgBoth } from '../../../messages/index.ts';

export const TEXT_ALTERNATIVE_RULES = ['image-alt', 'input-image-alt', 'area-alt', 'object-alt', 'svg-img-alt', 'role-img-alt', 'server-side-image-map', 'video-caption'];

export const textAlternatives: PageCriterion = {
  id: 'accessibility.text-alternatives',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.textAlternatives.title'),
  description: msgBoth('a11y.textAlternatives.description'),
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (văn bản thay thế)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }],
  wcag: ['1.1.1'],
  axeRules: TEXT_ALTERNATIVE_RULES,
  advice: msgBoth('a11y.textAlternatives.advice'),
  judge: (page) => judgeAxeRules(page, TEXT_ALTERNATIVE_RULES),
};
