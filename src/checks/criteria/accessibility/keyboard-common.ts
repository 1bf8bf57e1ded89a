// What the three keyboard criteria share: reading the probe's evidence (keyboard-walk.ts) and
// naming one element in a finding.
import type { ElementRef } from '../../evidence/accessibility/frames.ts';
import type { KeyboardEvidence } from '../../evidence/accessibility/keyboard-walk.ts';
import type { Judgement, PageEvidence } from '../../types.ts';
import { detail, judgement } from '../criterion.ts';

export const KEYBOARD_BASIS = [
  { instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18' }, { instrument: 'tt26_2020' },
  { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' },
] as const;

/** `#id ("text")`, with the frame when it is not the top document. */
export const where = (e: ElementRef, lang: 'vi' | 'en') =>
  `${e.selector}${e.text ? ` ("${e.text.slice(0, 60)}")` : ''}${e.frame ? (lang === 'vi' ? ` trong khung ${e.frame}` : ` in frame ${e.frame}`) : ''}`;

/** The evidence, or the judgement when there is none (the probe failed or did not run). */
export function keyboardEvidence(page: PageEvidence): KeyboardEvidence | Judgement {
  if (page.keyboard) return page.keyboard;
  const failed = page.probeErrors.find((p) => p.probe === 'keyboard');
  return judgement('error', [failed
    ? detail('keyboard.probe_failed', `Lỗi công cụ khi thử bàn phím: ${failed.message}`, `The keyboard probe failed: ${failed.message}`, { data: { ...failed } })
    : detail('keyboard.not_run', 'Chưa thử bàn phím trên trang này.', 'The keyboard test did not run on this page.')]);
}

export const isJudgement = (k: KeyboardEvidence | Judgement): k is Judgement => 'outcome' in k;
