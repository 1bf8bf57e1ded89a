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
  /** Detections of windows of that text (up to five windows of 2,000 characters, spread over the page). */
  windows: Array<Detection & { letters: number }>;
  /** Passages of ≥ PASSAGE_LETTERS letters whose best guess is not the page's language (at most 50). */
  passages: Array<{ selector: string; tag: string; letters: number; excerpt: string; detection: Detection }>;
}

export const PASSAGE_LETTERS = 80;
const WINDOW_CHARS = 2000;
const WINDOW_MIN_LETTERS = 200;
const MAX_WINDOWS = 5;
const MAX_PASSAGES = 50;
const MAX_DETECTED_PASSAGES = 150;

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

/** Cuts text into windows of about WINDOW_CHARS characters at spaces, then keeps at most `max`, spread evenly. */
function windowsOf(text: string, max: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + WINDOW_CHARS);
    if (end < text.length) { const space = text.lastIndexOf(' ', end); if (space > at + WINDOW_CHARS / 2) end = space; }
    out.push(text.slice(at, end));
    at = end;
  }
  if (out.length <= max) return out;
  return Array.from({ length: max }, (_, i) => out[Math.floor((i * (out.length - 1)) / (max - 1))]!);
}

/** What the visit stores about the page's language: detections of its text and of its passages. */
export function detectLanguage(declared: string | null, title: string, passages: readonly Passage[]): LanguageEvidence {
  const declaredCodes = codesFor(declared);
  const texts = [title, ...passages.map((p) => p.text)].map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const whole = texts.join(' \n ');
  const letters = letterCount(whole);
  const windows = windowsOf(whole, MAX_WINDOWS).map((w) => ({ ...detect(w), letters: letterCount(w) })).filter((w, i) => i === 0 || w.letters >= WINDOW_MIN_LETTERS);
  // The language passages are compared with: the declared one, else what most windows found.
  const reference = declaredCodes.length ? declaredCodes : majority(windows.map((w) => w.lang));
  const found: LanguageEvidence['passages'] = [];
  let detected = 0;
  for (const p of passages) {
    if (found.length >= MAX_PASSAGES || detected >= MAX_DETECTED_PASSAGES) break;
    const n = letterCount(p.text);
    if (n < PASSAGE_LETTERS || !p.selector) continue;
    detected++;
    const d = detect(p.text);
    if (d.lang === 'und' || !reference.length || agrees(d.lang, reference)) continue;
    found.push({ selector: p.selector, tag: p.tag, letters: n, excerpt: p.text.slice(0, 200), detection: d });
  }
  return { detector: DETECTOR, declared, declaredCodes, letters, windows, passages: found };
}

function majority(langs: string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of langs) if (l !== 'und') counts.set(l, (counts.get(l) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] * 2 > langs.length ? [best[0]] : [];
}
