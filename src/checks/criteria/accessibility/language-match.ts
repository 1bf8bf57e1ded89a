// Does the declared language match the text (3.1.1, ACT ucwvc8), and which passages are in
// another language without saying so (3.1.2)? Pure: it reads the detections the visit stored
// (evidence/language.ts). A mismatch fails only when franc is clearly sure on enough text;
// anything less is cant_tell with the detection as evidence, or not judged at all.
import { agrees, PASSAGE_LETTERS, type Detection } from '../../evidence/language.ts';
import type { FindingDetail, PageEvidence } from '../../types.ts';
import { detail } from '../criterion.ts';

/** Below this many letters of the page's own text, its language is not judged. */
export const MIN_LETTERS = 200;
/** A guess is clear when the declared language scores at most 1 − this (franc's best scores 1). */
export const MARGIN = 0.1;
/** Passages are short: they need a wider margin. */
export const PASSAGE_MARGIN = 0.15;

/** The score of the best of `codes` in a detection (0 when franc did not list it: another script). */
const scoreOf = (d: Detection, codes: readonly string[]) => Math.max(0, ...d.scores.filter(([l]) => codes.includes(l)).map(([, s]) => s));
const top = (d: Detection) => d.scores.slice(0, 3).map(([l, s]) => `${l} ${s}`).join(', ');

export interface LanguageFindings {
  fails: FindingDetail[];
  reviews: FindingDetail[];
  notes: FindingDetail[];
}

/** 3.1.1: the declared language against the language of the page's own text. */
function pageLanguage(page: PageEvidence): LanguageFindings {
  const out: LanguageFindings = { fails: [], reviews: [], notes: [] };
  const lang = page.language;
  const declared = page.lang?.trim();
  if (!lang || !declared) return out;
  const ev = { evidence: { blob: 'evidence' as const, path: 'language' } };
  const windows = lang.windows.filter((w) => w.lang !== 'und');
  if (lang.letters < MIN_LETTERS || !windows.length) {
    out.notes.push(detail('lang.not_judged', `Chưa đủ văn bản để xác định ngôn ngữ của trang (${lang.letters} chữ cái, cần ${MIN_LETTERS}).`,
      `Too little text to tell the page's language (${lang.letters} letters, ${MIN_LETTERS} needed).`, { data: { letters: lang.letters }, ...ev }));
    return out;
  }
  const guesses = [...new Set(windows.map((w) => w.lang))];
  const data = { declared, detected: guesses, letters: lang.letters, windows: windows.map((w) => ({ lang: w.lang, letters: w.letters, scores: w.scores })), detector: lang.detector };
  if (!lang.declaredCodes.length) {
    // The detector has no model of the declared language (Danish, Khmer, Lao…): it cannot say the text is not in it.
    out.reviews.push(detail('lang.mismatch_unsure', `Trang khai báo lang="${declared}", công cụ nhận dạng không có mô hình cho ngôn ngữ này; văn bản được nhận dạng là ${guesses.join(', ')} (${top(windows[0]!)}). Cần người kiểm tra.`,
      `The page declares lang="${declared}", a language the detector has no model of; its text reads as ${guesses.join(', ')} (${top(windows[0]!)}). Needs review.`, { data, ...ev }));
    return out;
  }
  if (windows.some((w) => agrees(w.lang, lang.declaredCodes))) return out;
  if (windows.every((w) => scoreOf(w, lang.declaredCodes) <= 1 - MARGIN)) {
    out.fails.push(detail('lang.mismatch', `Trang khai báo lang="${declared}" nhưng văn bản của trang là ${guesses.map((g) => windows.find((w) => w.lang === g)!.tag ?? g).join(', ')} (nhận dạng: ${top(windows[0]!)}; ${lang.letters} chữ cái).`,
      `The page declares lang="${declared}" but its text is in ${guesses.map((g) => windows.find((w) => w.lang === g)!.tag ?? g).join(', ')} (detected: ${top(windows[0]!)}; ${lang.letters} letters).`, { data, ...ev }));
  } else {
    out.reviews.push(detail('lang.unsure', `Trang khai báo lang="${declared}"; văn bản có thể là ${guesses.join(', ')} nhưng nhận dạng không chắc chắn (${top(windows[0]!)}).`,
      `The page declares lang="${declared}"; its text may be ${guesses.join(', ')} but the detection is not clear (${top(windows[0]!)}).`, { data, ...ev }));
  }
  return out;
}

/** 3.1.2: passages in another language than the page's, with no lang attribute of their own. */
function unmarkedParts(page: PageEvidence): FindingDetail[] {
  const lang = page.language;
  if (!lang) return [];
  const reference = lang.declaredCodes;
  return lang.passages.flatMap((p, i) => {
    const d = p.detection;
    if (d.lang === 'und' || p.letters < PASSAGE_LETTERS) return [];
    // Against the declared language when the detector knows it, else the page's own detected language.
    const against = reference.length ? reference : [...new Set(lang.windows.map((w) => w.lang).filter((l) => l !== 'und'))];
    if (!against.length || agrees(d.lang, against) || scoreOf(d, against) > 1 - PASSAGE_MARGIN) return [];
    const tag = d.tag ?? d.lang;
    return [detail('lang.part_unmarked', `Đoạn văn ${p.selector} có vẻ là tiếng "${tag}" (${top(d)}) nhưng không có thuộc tính lang riêng: "${p.excerpt.slice(0, 80)}…". Cần người kiểm tra (tên riêng, thuật ngữ không cần đánh dấu).`,
      `The passage ${p.selector} looks like "${tag}" (${top(d)}) but has no lang attribute of its own: "${p.excerpt.slice(0, 80)}…". Needs review (proper names and technical terms need no marking).`,
      { data: { selector: p.selector, frame: 0, tag: p.tag, detected: d.lang, bcp47: d.tag, scores: d.scores, letters: p.letters, excerpt: p.excerpt }, evidence: { blob: 'evidence', path: `language.passages[${i}]` } })];
  }).slice(0, 20);
}

export function languageFindings(page: PageEvidence): LanguageFindings {
  const own = pageLanguage(page);
  return { ...own, reviews: [...own.reviews, ...unmarkedParts(page)] };
}
