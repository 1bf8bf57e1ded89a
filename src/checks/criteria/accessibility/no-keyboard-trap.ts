// WCAG 2.1.2: the focus can always leave an element with Tab or Shift+Tab. A trap is claimed
// only when the walk proved it: focus stayed on the element (or a small group) for the
// bounded presses forward and backward, while other focusable elements exist outside, and no
// way out the page announces ("Press Ctrl+M to exit") worked when pressed.
import type { Lang } from '../../../i18n.ts';
import { findingOfText, inBoth, judgement, type PageCriterion } from '../criterion.ts';
import { isJudgement, KEYBOARD_BASIS, keyboardEvidence, walkEndText, where } from './keyboard-common.ts';
import { type MessageKey, msg, msgBoth } from '../../../messages/index.ts';

const STUCK = {
  escaped_backward: 'a11y.trap.stuckWhy.escaped_backward',
  modal_dialog: 'a11y.trap.stuckWhy.modal_dialog',
  nothing_outside: 'a11y.trap.stuckWhy.nothing_outside',
  opaque_frame: 'a11y.trap.stuckWhy.opaque_frame',
  not_confirmed: 'a11y.trap.stuckWhy.not_confirmed',
} as const satisfies Record<string, MessageKey>;

export const noKeyboardTrap: PageCriterion = {
  id: 'accessibility.no-keyboard-trap',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.trap.title'),
  description: msgBoth('a11y.trap.description'),
  severity: 'critical',
  basis: KEYBOARD_BASIS,
  wcag: ['2.1.2'],
  advice: msgBoth('a11y.trap.advice'),
  judge(page) {
    const k = keyboardEvidence(page);
    if (isJudgement(k)) return k;
    if (k.trap) {
      const trap = k.trap;
      const presses = { forward: trap.forward, backward: trap.backward };
      const group = (lang: Lang) => (trap.elements.length > 1 ? msg(lang, 'a11y.trap.group', { size: trap.elements.length }) : '');
      const held = (lang: Lang) => `${where(trap.elements[0]!, lang)}${group(lang)}`;
      const exit = trap.exit;
      const way = exit?.tried.find((t) => t.escaped);
      const exitData = { data: { elements: trap.elements, exit, presses }, evidence: { blob: 'evidence' as const, path: 'keyboard.trap.exit' } };
      // WCAG 2.1.2 allows a non-standard way out when the visitor is told it: told and proven, it passes.
      if (exit && way) {
        const revealedBy = exit.revealedBy;
        return judgement('pass', [findingOfText('keyboard.trap_exit_announced',
          inBoth((lang) => msg(lang, 'a11y.trap.exitAnnounced', {
            held: held(lang), announced: `${exit.announced}`, revealed: revealedBy ? msg(lang, 'a11y.trap.revealedBy', { element: where(revealedBy, lang) }) : '', keys: way.keys,
          })),
          exitData)]);
      }
      // Keys announced but not pressed (time ran out, the focus moved): a person presses them.
      if (exit?.announced && !exit.tried.length) {
        return judgement('cant_tell', [findingOfText('keyboard.trap_exit_untested',
          inBoth((lang) => msg(lang, 'a11y.trap.exitUntested', { held: held(lang), announced: `${exit.announced}` })),
          exitData)]);
      }
      const told = (lang: Lang) => (exit?.tried.length ? msg(lang, 'a11y.trap.exitFailed', { announced: `${exit.announced}`, keys: exit.tried.map((t) => t.keys).join(', ') }) : '');
      return judgement('fail', trap.elements.map((e, i) => findingOfText('keyboard.trap',
        inBoth((lang) => msg(lang, 'a11y.trap.trap', { element: where(e, lang), group: group(lang), forward: trap.forward.length, backward: trap.backward.length, told: told(lang) })),
        { data: { element: e, presses, stops: k.stops.map((s) => s.element.selector), exit }, evidence: { blob: 'evidence', path: `keyboard.trap.elements[${i}]` } })));
    }
    if (k.stuck) {
      const why = STUCK[k.stuck.why];
      return judgement('cant_tell', k.stuck.elements.map((e, i) => findingOfText('keyboard.stuck',
        inBoth((lang) => msg(lang, 'a11y.trap.stuck', { element: where(e, lang), why: msg(lang, why) })),
        { data: { element: e, why: k.stuck!.why, forward: k.forward.presses.slice(-8), backward: k.backward.presses }, evidence: { blob: 'evidence', path: `keyboard.stuck.elements[${i}]` } })));
    }
    if (k.interactive === 0 && !k.stops.length) return judgement('not_applicable');
    if (!k.stops.length) {
      return judgement('cant_tell', [findingOfText('keyboard.no_stops', msgBoth('a11y.trap.noStops', { interactive: k.interactive }), { data: { interactive: k.interactive } })]);
    }
    if (!k.completed) {
      return judgement('cant_tell', [findingOfText('keyboard.trap_partial',
        inBoth((lang) => msg(lang, 'a11y.trap.partial', { stops: k.stops.length, end: walkEndText(k, lang) })),
        { data: { end: k.forward.end, stops: k.stops.length, bounds: k.bounds }, evidence: { blob: 'evidence', path: 'keyboard.forward' } })]);
    }
    return judgement('pass', [findingOfText('keyboard.no_trap', msgBoth('a11y.trap.none', { stops: k.stops.length }), { data: { stops: k.stops.length } })]);
  },
};
