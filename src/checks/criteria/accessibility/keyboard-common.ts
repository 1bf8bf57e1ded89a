// What the three keyboard criteria share: reading the probe's evidence (keyboard-walk.ts) and
// naming one element in a finding.
import type { ElementRef } from '../../evidence/accessibility/frames.ts';
import type { KeyboardEvidence, WalkEnd } from '../../evidence/accessibility/keyboard-walk.ts';
import type { Judgement, PageEvidence } from '../../types.ts';
import type { Lang } from '../../../i18n.ts';
import { type MessageKey, msg, msgBoth } from '../../../messages/index.ts';
import { findingOfText, judgement } from '../criterion.ts';

export const KEYBOARD_BASIS = [
  { instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18' }, { instrument: 'tt26_2020' },
  { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' },
] as const;

/** `#id ("text")`, with the frame when it is not the top document. */
export const where = (e: ElementRef, lang: Lang) =>
  `${e.selector}${e.text ? ` ("${e.text.slice(0, 60)}")` : ''}${e.frame ? msg(lang, 'a11y.element.inFrame', { frame: e.frame }) : ''}`;

const WALK_END = {
  cycle: 'a11y.keyboard.walkEnd.cycle', no_focus: 'a11y.keyboard.walkEnd.no_focus', stuck: 'a11y.keyboard.walkEnd.stuck', loop: 'a11y.keyboard.walkEnd.loop',
  sample: 'a11y.keyboard.walkEnd.sample', presses: 'a11y.keyboard.walkEnd.presses', time: 'a11y.keyboard.walkEnd.time',
} as const satisfies Record<WalkEnd, MessageKey>;

/**
 * How the Tab walk ended, for a finding: in Vietnamese the catalogue's words; in English the
 * probe's own sentence (notJudged), else its code, as findings have always said it.
 */
const WALK_END_TEXT: Record<Lang, (k: KeyboardEvidence) => string> = {
  vi: (k) => msg('vi', WALK_END[k.forward.end]),
  en: (k) => k.notJudged ?? k.forward.end,
};
export const walkEndText = (k: KeyboardEvidence, lang: Lang) => WALK_END_TEXT[lang](k);

/** The evidence, or the judgement when there is none (the probe failed or did not run). */
export function keyboardEvidence(page: PageEvidence): KeyboardEvidence | Judgement {
  if (page.keyboard) return page.keyboard;
  const failed = page.probeErrors.find((p) => p.probe === 'keyboard');
  return judgement('error', [failed
    ? findingOfText('keyboard.probe_failed', msgBoth('a11y.keyboard.probeFailed', { message: failed.message }), { data: { ...failed } })
    : findingOfText('keyboard.not_run', msgBoth('a11y.keyboard.notRun'))]);
}

export const isJudgement = (k: KeyboardEvidence | Judgement): k is Judgement => 'outcome' in k;
