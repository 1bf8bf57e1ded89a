// Every other WCAG 2.1 A/AA rule axe-core runs, so that no violation is lost between the named
// criteria above.
import { type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { CONTRAST_RULES } from './contrast.ts';
import { FORM_LABEL_RULES } from './form-labels.ts';
import { LINK_HEADING_RULES } from './links-and-headings.ts';
import { MOVING_TEXT_RULES } from './no-moving-text.ts';
import { LANGUAGE_RULES } from './page-language.ts';
import { TABLE_RULES } from './table-headers.ts';
import { TEXT_ALTERNATIVE_RULES } from './text-alternatives.ts';

const CLAIMED = new Set([...TEXT_ALTERNATIVE_RULES, ...CONTRAST_RULES, ...MOVING_TEXT_RULES, ...LINK_HEADING_RULES, ...TABLE_RULES, ...FORM_LABEL_RULES, ...LANGUAGE_RULES]);

export const otherWcag: PageCriterion = {
  id: 'accessibility.other-wcag',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Các tiêu chí WCAG 2.1 A/AA khác (axe-core)', en: 'Other WCAG 2.1 A/AA success criteria (axe-core)' },
  description: { vi: 'Các quy tắc WCAG 2.1 mức A và AA còn lại của axe-core không phát hiện vi phạm.', en: "axe-core's remaining WCAG 2.1 A and AA rules find no violation." },
  severity: 'moderate',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }],
  judge: (page) => judgeAxeRules(page, (id) => !CLAIMED.has(id)),
};
