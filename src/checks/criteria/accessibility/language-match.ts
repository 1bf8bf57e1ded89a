// Does the declared language match the text (3.1.1, ACT ucwvc8), and which passages are in
// another language without saying so (3.1.2)? Pure: it reads the detections the visit stored
// (evidence/language.ts). A mismatch fails only when franc is clearly sure on enough text;
// anything less is cant_tell with the detection as evidence, or not judged at all.
import { agrees, PASSAGE_LETTERS, type Detection } from '../../evidence/language.ts';
import type { FindingDetail, PageEvidence } from '../../types.ts';
import { msgBoth } from '../../../messages/index.ts';
import { findingOfText } from '../criterion.ts';

/** Below this many letters of the page's own text, its language is not judged. */
export const MIN_LETTERS = 200;
/** A guess is clear when the declared language scores at most 1 − this (franc's best scores 1). */
export const MARGIN = 0.1;
/** Passages are short: they need a wider margin. */
export const PASSAGE_MARGIN = 0.15;
/** The declared language holds the page when at least this share of its letters reads as it… */
export const MATCH_SHARE = 0.5;
/** …and is clearly not the page's language when at least this share reads clearly as another. */
export const MISMATCH_SHARE = 0.8;

type Unit = NonNullable<PageEvidence['language']>['units'][number];

/** The score of the best of `codes` in a detection (0 when franc did not list it among its best). */
const scoreOf = (d: Detection, codes: readonly string[]) => Math.max(0, ...d.scores.filter(([l]) => codes.includes(l)).map(([, s]) => s));
const top = (d: Detection) => d.scores.slice(0, 3).map(([l, s]) => `${l} ${s}`).join(', ');
const sum = (units: Unit[]) => units.reduce((n, u) => n + u.letters, 0);

/** Detected languages by the letters that read as each, most first. */
function byLetters(units: Unit[]): Array<{ lang: string; tag: string | null; letters: number }> {
  const m = new Map<string, { lang: string; tag: string | null; letters: number }>();
  for (const u of units) m.set(u.lang, { lang: u.lang, tag: u.tag, letters: (m.get(u.lang)?.letters ?? 0) + u.letters });
  return [...m.values()].sort((a, b) => b.letters - a.letters);
}

export interface LanguageFindings {
  fails: FindingDetail[];
  reviews: FindingDetail[];
  notes: FindingDetail[];
}

type PageVerdict = 'match' | 'mismatch' | 'unsure' | 'not_judged';

/** 3.1.1: the declared language against the language of the page's own text, a vote of its units by letters. */
function pageLanguage(page: PageEvidence, out: LanguageFindings): PageVerdict {
  const lang = page.language;
  const declared = page.lang?.trim();
  if (!lang || !declared) return 'not_judged';
  const ev = { evidence: { blob: 'evidence' as const, path: 'language' } };
  const units = lang.units.filter((u) => u.lang !== 'und');
  const judged = sum(units);
  if (lang.letters < MIN_LETTERS || judged < MIN_LETTERS) {
    out.notes.push(findingOfText('lang.not_judged', msgBoth('a11y.language.notJudged', { judged, needed: MIN_LETTERS }), { data: { letters: lang.letters, judged }, ...ev }));
    return 'not_judged';
  }
  const found = byLetters(units);
  const detected = found.map((f) => `${f.tag ?? f.lang} ${Math.round((100 * f.letters) / judged)}%`).join(', ');
  const data = { declared, detected: found.map((f) => f.lang), shares: found.map((f) => ({ ...f, share: f.letters / judged })), letters: lang.letters, detector: lang.detector };
  if (!lang.declaredCodes.length) {
    // The detector has no model of the declared language (Danish, Khmer, Lao…): it cannot say the text is not in it.
    out.reviews.push(findingOfText('lang.mismatch_unsure', msgBoth('a11y.language.noModel', { declared, detected }), { data, ...ev }));
    return 'unsure';
  }
  const agreeing = sum(units.filter((u) => agrees(u.lang, lang.declaredCodes)));
  const clearlyOther = sum(units.filter((u) => !agrees(u.lang, lang.declaredCodes) && scoreOf(u, lang.declaredCodes) <= 1 - MARGIN));
  if (agreeing >= MATCH_SHARE * judged) return 'match';
  if (clearlyOther >= MISMATCH_SHARE * judged) {
    out.fails.push(findingOfText('lang.mismatch', msgBoth('a11y.language.mismatch', { declared, detected, letters: lang.letters, detector: `${lang.detector}` }), { data, ...ev }));
    return 'mismatch';
  }
  out.reviews.push(findingOfText('lang.unsure', msgBoth('a11y.language.unsure', { declared, detected }), { data, ...ev }));
  return 'unsure';
}

/** 3.1.2: passages in another language than the page's, with no lang attribute of their own. */
function unmarkedParts(page: PageEvidence, verdict: PageVerdict): FindingDetail[] {
  const lang = page.language;
  if (!lang || verdict === 'mismatch') return [];
  const units = lang.units.filter((u) => u.lang !== 'und');
  // Against the declared language when the detector knows it, else the language most of the text is in.
  const main = byLetters(units)[0];
  const against = lang.declaredCodes.length ? lang.declaredCodes : main && main.letters >= MATCH_SHARE * sum(units) ? [main.lang] : [];
  if (!against.length) return [];
  return lang.units.flatMap((u, i) => {
    if (!u.selector || u.lang === 'und' || u.letters < PASSAGE_LETTERS || agrees(u.lang, against) || scoreOf(u, against) > 1 - PASSAGE_MARGIN) return [];
    const tag = u.tag ?? u.lang;
    const excerpt = u.excerpt ?? '';
    return [findingOfText('lang.part_unmarked', msgBoth('a11y.language.partUnmarked', { selector: u.selector, tag, scores: top(u), excerpt: excerpt.slice(0, 80) }),
      { data: { selector: u.selector, frame: 0, detected: u.lang, bcp47: u.tag, scores: u.scores, letters: u.letters, excerpt }, evidence: { blob: 'evidence', path: `language.units[${i}]` } })];
  }).slice(0, 20);
}

export function languageFindings(page: PageEvidence): LanguageFindings {
  const out: LanguageFindings = { fails: [], reviews: [], notes: [] };
  const verdict = pageLanguage(page, out);
  out.reviews.push(...unmarkedParts(page, verdict));
  return out;
}
