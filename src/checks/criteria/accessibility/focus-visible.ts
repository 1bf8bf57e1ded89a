// WCAG 2.4.7: the element that has the keyboard focus shows it. Judged on pixels: the
// element's neighbourhood (10 CSS px around it, so an outline on a wrapper, a shadow or a
// background change count) captured unfocused and focused. A change of at least the
// element's perimeter × 1 CSS px at 3:1 contrast is visible; a smaller or fainter change
// needs a person; no change at all fails.
import type { FindingDetail } from '../../types.ts';
import type { Lang } from '../../../i18n.ts';
import { findingOfText, inBoth, judgement, type PageCriterion } from '../criterion.ts';
import { isJudgement, KEYBOARD_BASIS, keyboardEvidence, where } from './keyboard-common.ts';
import { type MessageKey, msg, msgBoth } from '../../../messages/index.ts';

/** Why the probe could not measure a stop, by its code: Vietnamese words (English keeps the code, as findings always said it). */
const NOT_MEASURED = {
  frame_gone: 'a11y.focus.reason.frame_gone', gone: 'a11y.focus.reason.gone', no_box: 'a11y.focus.reason.no_box',
  off_screen: 'a11y.focus.reason.off_screen', focus_moved: 'a11y.focus.reason.focus_moved', focus_held: 'a11y.focus.reason.focus_held',
} as const satisfies Record<string, MessageKey>;

const NOT_MEASURED_TEXT: Record<Lang, (reason: string) => string> = {
  vi: (reason) => (Object.hasOwn(NOT_MEASURED, reason) ? msg('vi', NOT_MEASURED[reason as keyof typeof NOT_MEASURED]) : reason),
  en: (reason) => reason,
};

export const focusVisible: PageCriterion = {
  id: 'accessibility.focus-visible',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.focus.title'),
  description: msgBoth('a11y.focus.description'),
  severity: 'serious',
  basis: KEYBOARD_BASIS,
  wcag: ['2.4.7'],
  advice: msgBoth('a11y.focus.advice'),
  judge(page) {
    const k = keyboardEvidence(page);
    if (isJudgement(k)) return k;
    if (!k.stops.length) {
      if (k.interactive === 0) return judgement('not_applicable');
      return judgement('cant_tell', [findingOfText('focus.no_stops', msgBoth('a11y.focus.noStops', { interactive: k.interactive }), { data: { interactive: k.interactive } })]);
    }
    const fails: FindingDetail[] = [];
    const unsure: FindingDetail[] = [];
    k.focus.forEach((s, i) => {
      const data = { element: s.element, verdict: s.verdict, reason: s.reason, changedArea: s.changedArea, strongArea: s.strongArea, requiredArea: s.requiredArea, maxContrast: s.maxContrast, clip: s.clip, crop: s.crop ? `keyboard.focus[${i}].crop` : null };
      const evidence = { blob: 'evidence' as const, path: `keyboard.focus[${i}]` };
      if (s.verdict === 'none') {
        fails.push(findingOfText('keyboard.no_focus_indicator',
          inBoth((lang) => msg(lang, 'a11y.focus.none', { element: where(s.element, lang), width: `${s.clip?.width}`, height: `${s.clip?.height}` })),
          { data, evidence }));
      } else if (s.verdict === 'faint') {
        unsure.push(findingOfText('focus.faint',
          inBoth((lang) => msg(lang, 'a11y.focus.faint', { element: where(s.element, lang), strong: s.strongArea, required: s.requiredArea, changed: s.changedArea, contrast: s.maxContrast })),
          { data, evidence }));
      } else if (s.verdict !== 'visible') {
        const why = (lang: Lang) => (s.verdict === 'unstable' ? msg(lang, 'a11y.focus.unstable') : NOT_MEASURED_TEXT[lang](`${s.reason}`));
        unsure.push(findingOfText('focus.not_measured', inBoth((lang) => msg(lang, 'a11y.focus.notMeasured', { element: where(s.element, lang), why: why(lang) })), { data, evidence }));
      }
    });
    if (fails.length) return judgement('fail', fails);
    if (unsure.length) return judgement('cant_tell', unsure);
    const visible = k.focus.length;
    if (!k.completed || k.focusNotSampled > 0) {
      return judgement('cant_tell', [findingOfText('focus.sampled',
        inBoth((lang) => msg(lang, 'a11y.focus.sampled', { measured: visible, notSampled: k.focusNotSampled, incomplete: k.completed ? '' : msg(lang, 'a11y.focus.sampled.incomplete') })),
        { data: { measured: visible, notSampled: k.focusNotSampled, completed: k.completed } })]);
    }
    return judgement('pass', [findingOfText('focus.ok', msgBoth('a11y.focus.ok', { measured: visible }), { data: { measured: visible } })]);
  },
};
