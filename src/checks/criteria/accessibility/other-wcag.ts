// The WCAG 2.0/2.1 A and AA rules of axe-core that no named criterion above covers, listed one
// by one (a test holds this list against the installed axe-core, so an upgrade that adds a
// rule has to place it). Experimental heuristics are advice, not failures (best-practice.ts).
import { type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { msgBoth } from '../../../messages/index.ts';

export const OTHER_WCAG_RULES = [
  // ARIA used correctly (4.1.2, 1.3.1)
  'aria-allowed-attr', 'aria-braille-equivalent', 'aria-command-name', 'aria-conditional-attr', 'aria-deprecated-role', 'aria-hidden-body',
  'aria-hidden-focus', 'aria-meter-name', 'aria-progressbar-name', 'aria-prohibited-attr', 'aria-required-attr', 'aria-required-children',
  'aria-required-parent', 'aria-roles', 'aria-tab-name', 'aria-tooltip-name', 'aria-valid-attr-value', 'aria-valid-attr', 'duplicate-id-aria',
  'nested-interactive', 'summary-name', 'label-content-name-mismatch',
  // structure (1.3.1) and input purpose (1.3.5)
  'definition-list', 'dlitem', 'list', 'listitem', 'autocomplete-valid',
  // frames (4.1.2, 2.1.1), scrolling regions (2.1.1)
  'frame-focusable-content', 'frame-title-unique', 'frame-title', 'scrollable-region-focusable',
  // audio (1.4.2); titles in page-title.ts, zoom and spacing in presentation.ts, bypass and colour in interaction.ts
  'no-autoplay-audio',
];

export const otherWcag: PageCriterion = {
  id: 'accessibility.other-wcag',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.otherWcag.title'),
  description: msgBoth('a11y.otherWcag.description'),
  severity: 'moderate',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }],
  axeRules: OTHER_WCAG_RULES,
  advice: msgBoth('a11y.otherWcag.advice'),
  judge: (page) => judgeAxeRules(page, OTHER_WCAG_RULES),
};
