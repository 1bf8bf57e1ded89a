// Advice: axe-core's best-practice and experimental rules and the AAA ones, which no success
// criterion of WCAG 2.1 A/AA requires. Recorded and shown so a portal can improve, never a
// failure: the outcome is cant_tell (advice found) or not_applicable, and it never counts in a
// score or raises an alert (`advisory`).
import { findingOfText, judgement, type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { msgBoth } from '../../../messages/index.ts';

export const ADVICE_RULES = [
  'accesskeys', 'aria-allowed-role', 'aria-dialog-name', 'aria-text', 'aria-treeitem-name', 'color-contrast-enhanced', 'focus-order-semantics',
  'frame-tested', 'heading-order', 'hidden-content', 'identical-links-same-purpose', 'image-redundant-alt', 'label-title-only',
  'landmark-banner-is-top-level', 'landmark-contentinfo-is-top-level', 'landmark-main-is-top-level', 'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo', 'landmark-no-duplicate-main', 'landmark-one-main', 'landmark-unique', 'meta-refresh-no-exceptions',
  'meta-viewport-large', 'page-has-heading-one', 'presentation-role-conflict', 'region', 'skip-link', 'tabindex',
  // experimental heuristics and WCAG 2.2 (not yet the law's level)
  'css-orientation-lock', 'p-as-heading', 'table-fake-caption', 'target-size',
];

export const bestPractice: PageCriterion = {
  id: 'accessibility.best-practice',
  area: 'accessibility',
  scope: 'page',
  advisory: true,
  title: msgBoth('a11y.bestPractice.title'),
  description: msgBoth('a11y.bestPractice.description'),
  severity: 'minor',
  basis: [{ instrument: 'tt26_2020' }],
  axeRules: ADVICE_RULES,
  advice: msgBoth('a11y.bestPractice.advice'),
  judge(page) {
    const judged = judgeAxeRules(page, ADVICE_RULES);
    if (judged.outcome === 'error') return judged;
    const advice = judged.outcome === 'fail' || judged.outcome === 'cant_tell' ? judged.details : [];
    return advice.length ? judgement('cant_tell', advice) : judgement('not_applicable', [findingOfText('advice.none', msgBoth('a11y.bestPractice.none'))]);
  },
};
