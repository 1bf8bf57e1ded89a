import { refreshDelay } from '../../evidence/navigation.ts';
import type { FindingDetail, PageEvidence } from '../../types.ts';
import { findingOfText, judgement, type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { msgBoth } from '../../../messages/index.ts';

export const MOVING_TEXT_RULES = ['marquee', 'blink', 'meta-refresh'];

export const noMovingText: PageCriterion = {
  id: 'accessibility.no-moving-text',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.moving.title'),
  description: msgBoth('a11y.moving.description'),
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (không dùng chữ nhấp nháy, chữ chạy)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }],
  wcag: ['2.2.1', '2.2.2'],
  axeRules: MOVING_TEXT_RULES,
  advice: msgBoth('a11y.moving.advice'),
  judge(page) {
    const { timed, quick } = movesAfterLoad(page);
    const judged = judgeAxeRules(page, MOVING_TEXT_RULES, timed);
    if (judged.outcome === 'fail' || judged.outcome === 'error') return judged;
    // A move within a second of the load may be an ordinary redirect done late: a person decides.
    if (quick.length) return judgement('cant_tell', [...judged.details, ...quick]);
    // Nothing that moves or refreshes on the page is what the criterion asks for.
    return judged.outcome === 'not_applicable' ? judgement('pass') : judged;
  },
};

/** A script redirect this long after the load is a time limit the visitor did not choose (2.2.1). */
const TIMED_AFTER_MS = 1000;

/**
 * The moves the page made by itself (navigation.ts): a meta refresh with a delay, or a script
 * redirect a while after the load, is a timed change the visitor cannot stop (fail); an instant
 * meta refresh is a redirect (fine); a script move within a second is for a person to judge.
 */
function movesAfterLoad(page: PageEvidence): { timed: FindingDetail[]; quick: FindingDetail[] } {
  const timed: FindingDetail[] = [];
  const quick: FindingDetail[] = [];
  (page.navigations ?? []).forEach((hop, i) => {
    const evidence = { blob: 'evidence' as const, path: `navigations[${i}]` };
    const data = { ...hop };
    if (hop.cause === 'meta-refresh') {
      const delay = refreshDelay(hop.metaRefresh ?? '');
      if (delay !== null && delay > 0 && delay <= 72_000) {
        timed.push(findingOfText('navigation.timed_refresh', msgBoth('a11y.moving.timedRefresh', { to: hop.to, delay, refresh: `${hop.metaRefresh}` }), { data, evidence }));
      }
    } else if (hop.afterLoadMs >= TIMED_AFTER_MS) {
      timed.push(findingOfText('navigation.timed_redirect', msgBoth('a11y.moving.timedRedirect', { to: hop.to, ms: Math.round(hop.afterLoadMs) }), { data, evidence }));
    } else {
      quick.push(findingOfText('navigation.script_redirect', msgBoth('a11y.moving.scriptRedirect', { to: hop.to, ms: Math.round(hop.afterLoadMs) }), { data, evidence }));
    }
  });
  return { timed, quick };
}
