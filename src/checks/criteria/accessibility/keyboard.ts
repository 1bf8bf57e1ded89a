// WCAG 2.1.1: everything that can be clicked can be reached with Tab. Judged only on a Tab walk
// that came round to its first stop (the keyboard probe, evidence/accessibility/keyboard.ts):
// an element that walk never reached is unreachable; a walk that stopped early proves nothing.
import type { Lang } from '../../../i18n.ts';
import { findingOfText, inBoth, judgement, type PageCriterion } from '../criterion.ts';
import { isJudgement, KEYBOARD_BASIS, keyboardEvidence, walkEndText, where } from './keyboard-common.ts';
import { labelOf, msg, msgBoth, type MessageKey } from '../../../messages/index.ts';

const REASON = {
  native: 'a11y.keyboard.reason.native', role: 'a11y.keyboard.reason.role', onclick: 'a11y.keyboard.reason.onclick', listener: 'a11y.keyboard.reason.listener',
} as const satisfies Record<string, MessageKey>;

/** Why an element counts as interactive, in the reader's words; a reason the probe adds later as it is. */
const reasonText = (reason: string, lang: Lang) => labelOf(REASON, reason, lang);


export const keyboard: PageCriterion = {
  id: 'accessibility.keyboard',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.keyboard.title'),
  description: msgBoth('a11y.keyboard.description'),
  severity: 'critical',
  basis: KEYBOARD_BASIS,
  wcag: ['2.1.1'],
  advice: msgBoth('a11y.keyboard.advice'),
  judge(page) {
    const k = keyboardEvidence(page);
    if (isJudgement(k)) return k;
    if (k.interactive === 0 && !k.stops.length) return judgement('not_applicable');
    if (k.completed && k.unreachable.length) {
      return judgement('fail', k.unreachable.map((u, i) => {
        return findingOfText('keyboard.unreachable',
          inBoth((lang) => msg(lang, 'a11y.keyboard.unreachable', { element: where(u, lang), why: reasonText(u.reason, lang), stops: k.stops.length })),
          { data: { element: u, stops: k.stops.length, dropped: k.unreachableDropped }, evidence: { blob: 'evidence', path: `keyboard.unreachable[${i}]` } });
      }));
    }
    if (!k.completed) {
      return judgement('cant_tell', [findingOfText('keyboard.walk_incomplete',
        inBoth((lang) => msg(lang, 'a11y.keyboard.walkIncomplete', {
          end: walkEndText(k, lang), stops: k.stops.length, presses: k.forward.presses.length, ms: k.forward.ms,
          trapped: k.trap ? msg(lang, 'a11y.keyboard.walkIncomplete.trapped') : '', interactive: k.interactive,
        })),
        { data: { end: k.forward.end, stops: k.stops.length, interactive: k.interactive, bounds: k.bounds }, evidence: { blob: 'evidence', path: 'keyboard.forward' } })]);
    }
    if (!k.stops.length) {
      // Completed with no stop yet nothing unreachable listed: the elements went away meanwhile.
      return judgement('cant_tell', [findingOfText('keyboard.no_stops', msgBoth('a11y.keyboard.noStops', { interactive: k.interactive }), { data: { interactive: k.interactive } })]);
    }
    return judgement('pass', [findingOfText('keyboard.ok', msgBoth('a11y.keyboard.ok', { stops: k.stops.length, interactive: k.interactive }), { data: { stops: k.stops.length, interactive: k.interactive } })]);
  },
};
