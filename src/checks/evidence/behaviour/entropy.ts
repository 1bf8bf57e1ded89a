// Whether a cookie or storage value looks like an identifier (a value that tells one browser
// from another) rather than a flag or a preference: long, high in Shannon entropy, and not a
// date, a timestamp, a boolean or a word. The value itself is never kept: only the verdict,
// its length and its entropy (bits per character).

/** Values shorter than this are flags or preferences, not identifiers (as in Englehardt et al., 2015). */
export const MIN_IDENTIFIER_LENGTH = 8;
/** Bits per character a value of 12 characters or more must reach. */
export const ENTROPY_THRESHOLD = 3;
/** A value of 8 to 11 characters cannot reach far above log2(length) = 3 bits: a lower bar. */
export const SHORT_ENTROPY_THRESHOLD = 2.5;
/** Longer values are judged on their first characters only (enough for an identifier). */
const MAX_JUDGED = 4096;
/** Bounds on how deep and how wide a JSON value is looked into. */
const MAX_PARTS = 50;

/** Shannon entropy of the characters of `s`, in bits per character (0 for ''). */
export function shannonEntropy(s: string): number {
  const chars = Array.from(s);
  if (!chars.length) return 0;
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export interface IdentifierVerdict {
  /** true: the value looks like an identifier. */
  identifier: boolean;
  /** Length of the whole value, in characters. */
  length: number;
  /** Bits per character of the part judged (the most telling part of a structured value), two decimals. */
  entropy: number;
  /** Why it is not an identifier (absent when it is). */
  why?: 'short' | 'boolean' | 'number' | 'timestamp' | 'date' | 'word' | 'low_entropy';
}

const BOOLEAN = /^(true|false|yes|no|on|off|null|undefined|none|nan|0|1|y|n|t|f|accepted|rejected|granted|denied|allow|deny|ok)$/i;
const ISO_DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DMY_DATE = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?$/;
const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/** A Unix time in seconds or milliseconds between 2000 and 2100. */
function isTimestamp(s: string): boolean {
  if (!/^\d{10}(\.\d+)?$|^\d{13}$/.test(s)) return false;
  const n = Number(s);
  const seconds = s.length === 13 ? n / 1000 : n;
  return seconds >= 946_684_800 && seconds < 4_102_444_800;
}

function isDate(s: string): boolean {
  if (ISO_DATE.test(s) || DMY_DATE.test(s)) return true;
  // "Mon, 01 Jan 2024 00:00:00 GMT", "January 5, 2024": a month name, a year, and nothing random.
  return MONTH.test(s) && /\b(19|20)\d{2}\b/.test(s) && !Number.isNaN(Date.parse(s));
}

/**
 * Words and lists of words ("necessary,analytics", "vi-VN", "dark_mode", "accepted"): letters
 * only between separators, each run with vowels where a language has them. A random token of
 * letters has runs of four consonants or too few vowels.
 */
function isWordLike(s: string): boolean {
  const runs = s.split(/[\s,;:|_.\-+/]+/).filter(Boolean);
  if (!runs.length) return false;
  return runs.every((w) => {
    if (!/^\p{L}+$/u.test(w)) return false;
    if (w.length <= 3) return true;
    const lower = w.toLowerCase();
    // Mixed case inside a word (aZbKq) is a token, not a word (Title case and ALLCAPS are words).
    if (w !== lower && w !== w.toUpperCase() && w.slice(1) !== lower.slice(1)) return false;
    const vowels = (lower.match(/[aeiouyàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/g) ?? []).length;
    return vowels / w.length >= 0.25 && !/[^aeiouy\W\d_]{5,}/i.test(lower);
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The verdict on one plain (not structured) value. */
function judgePlain(v: string, length: number): IdentifierVerdict {
  const entropy = round2(shannonEntropy(v));
  if (v.length < MIN_IDENTIFIER_LENGTH) return { identifier: false, length, entropy, why: 'short' };
  if (BOOLEAN.test(v)) return { identifier: false, length, entropy, why: 'boolean' };
  if (isTimestamp(v)) return { identifier: false, length, entropy, why: 'timestamp' };
  if (isDate(v)) return { identifier: false, length, entropy, why: 'date' };
  if (/^-?\d{1,7}([.,]\d+)?$/.test(v)) return { identifier: false, length, entropy, why: 'number' };
  if (isWordLike(v)) return { identifier: false, length, entropy, why: 'word' };
  const threshold = v.length < 12 ? SHORT_ENTROPY_THRESHOLD : ENTROPY_THRESHOLD;
  if (entropy < threshold) return { identifier: false, length, entropy, why: 'low_entropy' };
  return { identifier: true, length, entropy };
}

/** The parts of a structured value worth judging: JSON leaves, or the values of a key=value list. */
function partsOf(v: string): string[] | null {
  const t = v.trim();
  if (/^[[{]/.test(t)) {
    try {
      const parsed: unknown = JSON.parse(t);
      const out: string[] = [];
      const walk = (x: unknown, depth: number) => {
        if (out.length >= MAX_PARTS || depth > 5) return;
        if (typeof x === 'string' || typeof x === 'number') out.push(String(x));
        else if (Array.isArray(x)) for (const y of x) walk(y, depth + 1);
        else if (x && typeof x === 'object') for (const y of Object.values(x)) walk(y, depth + 1);
      };
      walk(parsed, 0);
      return out;
    } catch { /* not JSON: judged as it is */ }
  }
  // "id=abc&ts=123", "a:1|b:2": the values, without their names.
  if (/^[\w.-]{1,40}[=:][^=]*([&|;,][\w.-]{1,40}[=:][^=]*)+$/.test(t) || /^[\w.-]{1,40}=/.test(t)) {
    return t.split(/[&|;,]/).slice(0, MAX_PARTS).map((p) => p.replace(/^[\w.-]{1,40}[=:]/, ''));
  }
  return null;
}

function decoded(v: string): string {
  let s = v.slice(0, MAX_JUDGED);
  if (/^".*"$/.test(s)) s = s.slice(1, -1);
  if (/%[0-9a-f]{2}/i.test(s)) {
    try { s = decodeURIComponent(s); } catch { /* kept as it is */ }
  }
  return s;
}

/**
 * Whether `value` looks like an identifier: at least 8 characters, not a boolean, number,
 * timestamp, date or word, and at least 3 bits of entropy per character (2.5 below 12
 * characters). A JSON or key=value value is an identifier when one of its parts is.
 */
export function identifierLike(value: string): IdentifierVerdict {
  const length = Array.from(value).length;
  const v = decoded(value);
  const parts = partsOf(v);
  if (!parts) return judgePlain(v, length);
  const verdicts = parts.map((p) => judgePlain(p, length));
  const hit = verdicts.filter((x) => x.identifier).sort((a, b) => b.entropy - a.entropy)[0];
  if (hit) return hit;
  const best = verdicts.sort((a, b) => b.entropy - a.entropy)[0];
  return best ?? { identifier: false, length, entropy: 0, why: 'short' };
}
