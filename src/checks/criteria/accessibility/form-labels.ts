import { type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { msgBoth } from '../../../messages/index.ts';

export const FORM_LABEL_RULES = ['label', 'select-name', 'input-button-name', 'button-name', 'aria-input-field-name', 'aria-toggle-field-name', 'form-field-multiple-labels'];

export const formLabels: PageCriterion = {
  id: 'accessibility.form-labels',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.formLabels.title'),
  description: msgBoth('a11y.formLabels.description'),
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 15 khoản 2 điểm a' }],
  wcag: ['1.3.1', '3.3.2', '4.1.2'],
  axeRules: FORM_LABEL_RULES,
  advice: msgBoth('a11y.formLabels.advice'),
  judge: (page) => judgeAxeRules(page, FORM_LABEL_RULES),
};
