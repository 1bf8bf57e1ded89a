// The language of a page's text, detected offline at visit time with franc-min (trigram models
// of the 82 languages with 8 million speakers or more, Vietnamese among them), so that judging
// 3.1.1 and 3.1.2 stays a pure function of the stored evidence. Only the detections are stored
// (scores, letter counts, a short masked excerpt of a passage), never the page's whole text.
import { createRequire } from 'node:module';
import { francAll } from 'franc-min';

const require = createRequire(import.meta.url);
export const DETECTOR = `franc-min ${(require('franc-min/package.json') as { version: string }).version}`;

/** A block of the page's visible text that inherits the page's language (COLLECT_SCRIPT). */
export interface Passage {
  selector?: string;
  tag: string;
  text: string;
}

/** franc's best guesses, ISO 639-3 codes with scores (1 for the best, lower further away). */
export interface Detection {
  /** ISO 639-3 code of the best guess, or 'und' when franc cannot tell. */
  lang: string;
  /** Its BCP 47 primary subtag (vie → vi), null when it has none. */
  tag: string | null;
  /** The best guesses, at most five. */
  scores: Array<[string, number]>;
}

export interface LanguageEvidence {
  detector: string;
  /** The <html lang> (or xml:lang) value, as declared. */
  declared: string | null;
  /** The ISO 639-3 codes the detector knows for the declared primary subtag; [] when it cannot recognise that language. */
  declaredCodes: string[];
  /** Letters of the text that inherits the page's language (title and passages). */
  letters: number;
  /**
   * That text in units, each detected on its own: a passage of ≥ PASSAGE_LETTERS letters (with
   * its selector), or consecutive shorter ones (menus, labels) put together until they are that
   * long. Detecting the whole text at once lets a minority language win (trigrams of English
   * outscore Vietnamese in a mixed text), so the page's language is a vote of units by letters.
   * A passage unit whose guess is not the declared language keeps a masked excerpt.
   */
  units: Array<Detection & { letters: number; selector?: string; element?: string; excerpt?: string }>;
}

export const PASSAGE_LETTERS = 80;
const MAX_UNITS = 150;

/** franc-min's ISO 639-3 codes and the BCP 47 primary subtag of each (the 3-letter code where the language has no 2-letter one). */
export const ISO639_3_TO_BCP47: Record<string, string> = {
  vie: 'vi', eng: 'en', fra: 'fr', spa: 'es', por: 'pt', deu: 'de', ita: 'it', nld: 'nl', pol: 'pl', ron: 'ro', ces: 'cs', hun: 'hu', swe: 'sv',
  tur: 'tr', ind: 'id', zlm: 'ms', jav: 'jv', sun: 'su', tgl: 'tl', ceb: 'ceb', ilo: 'ilo', swh: 'sw', hau: 'ha', fuv: 'ff', yor: 'yo', ibo: 'ig',
  bos: 'bs', hrv: 'hr', srp: 'sr', ckb: 'ckb', uzn: 'uz', azj: 'az', run: 'rn', kin: 'rw', plt: 'mg', qug: 'qu', mad: 'mad', nya: 'ny', zyb: 'za',
  zul: 'zu', lin: 'ln', som: 'so', hms: 'hms', hnj: 'hnj', rus: 'ru', ukr: 'uk', koi: 'koi', bel: 'be', bul: 'bg', kaz: 'kk', arb: 'ar', urd: 'ur',
  pes: 'fa', skr: 'skr', pbu: 'ps', hin: 'hi', mar: 'mr', mai: 'mai', bho: 'bho', npi: 'ne', mag: 'mag', cmn: 'zh', ben: 'bn', jpn: 'ja', kor: 'ko',
  tel: 'te', tam: 'ta', guj: 'gu', kan: 'kn', mal: 'ml', mya: 'my', pan: 'pa', amh: 'am', tha: 'th', sin: 'si', ell: 'el',
};

/** Other primary subtags that name a language the detector knows (macrolanguages, old or 3-letter forms). */
const ALSO: Record<string, string[]> = {
  fil: ['tgl'], ku: ['ckb'], hmn: ['hms', 'hnj'], sh: ['bos', 'hrv', 'srp'], fa: ['pes'], prs: ['pes'], ps: ['pbu'], pus: ['pbu'], ar: ['arb'],
  ms: ['zlm'], zsm: ['zlm'], sw: ['swh'], uz: ['uzn'], az: ['azj'], mg: ['plt'], qu: ['qug'], za: ['zyb'], ne: ['npi'], kv: ['koi'], ff: ['fuv'], zh: ['cmn'],
};

/** Languages franc confuses with one another: a guess inside the group never contradicts a declaration inside it. */
export const CONFUSABLE: readonly (readonly string[])[] = [
  ['bos', 'hrv', 'srp'], ['ind', 'zlm', 'jav', 'sun', 'mad'], ['hin', 'mar', 'mai', 'bho', 'mag', 'npi'], ['urd', 'skr', 'pes', 'pbu', 'arb'],
  ['tgl', 'ceb', 'ilo'], ['kin', 'run'], ['rus', 'ukr', 'bel', 'bul'], ['zyb', 'hms', 'hnj'], ['nya', 'zul', 'lin', 'swh'],
];

/** The detector's codes for a BCP 47 tag's primary subtag ("vi-VN" → ['vie']); [] when it does not know the language. */
export function codesFor(tag: string | null | undefined): string[] {
  const primary = (tag ?? '').trim().split(/[-_]/)[0]!.toLowerCase();
  if (!primary) return [];
  const direct = Object.entries(ISO639_3_TO_BCP47).filter(([, t]) => t === primary).map(([code]) => code);
  return [...new Set([...direct, ...(ALSO[primary] ?? [])])];
}

/** Whether a guess agrees with one of the declared codes (the same language, or one franc confuses it with). */
export function agrees(guess: string, declared: readonly string[]): boolean {
  return declared.includes(guess) || CONFUSABLE.some((group) => group.includes(guess) && declared.some((d) => group.includes(d)));
}

export const letterCount = (s: string): number => (s.match(/\p{L}/gu) ?? []).length;

export function detect(text: string): Detection {
  const all = francAll(text, { minLength: 10 });
  const lang = all[0]?.[0] ?? 'und';
  return { lang, tag: ISO639_3_TO_BCP47[lang] ?? null, scores: lang === 'und' ? [] : all.slice(0, 5).map(([l, s]) => [l, Math.round(s * 1000) / 1000]) };
}

/** What the visit stores about the page's language: detections of the units of its own text. */
export function detectLanguage(declared: string | null, title: string, passages: readonly Passage[]): LanguageEvidence {
  const declaredCodes = codesFor(declared);
  const units: LanguageEvidence['units'] = [];
  let letters = 0;
  let buffer: string[] = [];
  let buffered = 0;
  const flush = () => {
    if (buffered && units.length < MAX_UNITS) units.push({ ...detect(buffer.join(' ')), letters: buffered });
    buffer = [];
    buffered = 0;
  };
  for (const p of [{ text: title, tag: 'title' } as Passage, ...passages]) {
    const text = p.text.replace(/\s+/g, ' ').trim();
    const n = letterCount(text);
    if (!n) continue;
    letters += n;
    if (units.length >= MAX_UNITS) continue;
    if (n >= PASSAGE_LETTERS && p.selector) {
      const d = detect(text);
      const other = d.lang !== 'und' && !agrees(d.lang, declaredCodes);
      units.push({ ...d, letters: n, selector: p.selector, element: p.tag, ...(other ? { excerpt: text.slice(0, 200) } : {}) });
      continue;
    }
    buffer.push(text);
    buffered += n;
    if (buffered >= PASSAGE_LETTERS) flush();
  }
  flush();
  return { detector: DETECTOR, declared, declaredCodes, letters, units };
}
