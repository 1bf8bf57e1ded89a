// Texts the tool keeps in the store in English (a data-quality flag's finding, why a KPI has no
// value, how a quarantine ended, why a measurement gap opened): exports and comparisons read them as
// they are, so they are written once, in English, from catalogue messages, and read back into their
// message and values to be said again in the reader's language.
import type { Lang } from '../i18n.ts';
import { CATALOGUES, msg, type MessageKey, type MessageVars } from './index.ts';

/** A text longer than any this tool writes is not read back (it came from somewhere else). */
const MAX_READ = 2_000;

/** One form of a message split at its placeholders: literal pieces around the placeholders' names. */
interface Form<K> { key: K; pieces: string[]; names: string[] }

const englishPlural = new Intl.PluralRules('en');
const catalogue = CATALOGUES.en as Record<string, string>;

const splits = new Map<string, { pieces: string[]; names: string[] } | null>();

function splitForm(text: string): { pieces: string[]; names: string[] } | null {
  let split = splits.get(text);
  if (split === undefined) splits.set(text, (split = splitOnce(text)));
  return split;
}

function splitOnce(text: string): { pieces: string[]; names: string[] } | null {
  const parts = text.split(/\{\{([^}]*)\}\}/);
  const pieces = parts.filter((_, i) => i % 2 === 0);
  const names = parts.filter((_, i) => i % 2 === 1);
  // A formatted placeholder ("{{n, number}}") is left to i18next.
  return names.every((n) => /^\w+$/.test(n)) ? { pieces, names } : null;
}

/**
 * The values of `text` for a form, matched left to right without backtracking: each placeholder
 * ends where the next literal piece first appears (the last one where the final piece begins). A
 * value that itself holds the next piece is not found: the reading is then checked and refused.
 */
function valuesOf(text: string, form: { pieces: string[]; names: string[] }): string[] | null {
  const { pieces } = form;
  if (form.names.length === 0) return text === pieces[0] ? [] : null;
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (!text.startsWith(first) || !text.endsWith(last)) return null;
  const end = text.length - last.length;
  let at = first.length;
  if (end < at) return null;
  const values: string[] = [];
  for (let i = 0; i < form.names.length - 1; i++) {
    const next = text.indexOf(pieces[i + 1]!, at);
    if (next < 0 || next > end) return null;
    values.push(text.slice(at, next));
    at = next + pieces[i + 1]!.length;
  }
  if (at > end) return null;
  values.push(text.slice(at, end));
  return values;
}

export interface StoredTexts<K extends MessageKey> {
  /** The text as the store keeps it (English). */
  keep(key: K, vars?: MessageVars): string;
  /** The message and values a kept text was written from, or null for a text not written from these keys. */
  read(text: string): { key: K; vars: MessageVars } | null;
  /** A kept text in the reader's language; a text not written from these keys is shown as kept. */
  say(text: string, lang: Lang): string;
}

/** Kept texts written from these keys. */
export function storedTexts<K extends MessageKey>(keys: readonly K[]): StoredTexts<K> {
  const forms: Form<K>[] = keys.flatMap((key) => [catalogue[key], catalogue[`${key}_one`], catalogue[`${key}_other`]]
    .filter((text): text is string => text !== undefined)
    .flatMap((text) => {
      const split = splitForm(text);
      return split ? [{ key, ...split }] : [];
    }));

  // Filling the English template directly: a national overview keeps thousands of reasons, and
  // i18next costs tens of microseconds a call (test/unit/stored-texts.test.ts checks both agree).
  const keep = (key: K, vars: MessageVars = {}): string => {
    const plural = typeof vars.count === 'number' ? catalogue[`${key}_${englishPlural.select(vars.count)}`] : undefined;
    const template = plural ?? catalogue[key];
    const split = template === undefined ? null : splitForm(template);
    if (!split || split.names.some((n) => !(n in vars))) return msg('en', key, vars);
    return split.pieces.map((piece, i) => (i < split.names.length ? piece + String(vars[split.names[i]!]) : piece)).join('');
  };

  const read = (text: string): { key: K; vars: MessageVars } | null => {
    if (text.length > MAX_READ) return null;
    for (const form of forms) {
      const values = valuesOf(text, form);
      if (!values) continue;
      const vars: MessageVars = {};
      form.names.forEach((name, i) => { vars[name] = name === 'count' ? Number(values[i]) : values[i]!; });
      if (keep(form.key, vars) === text) return { key: form.key, vars };
    }
    return null;
  };

  return {
    keep,
    read,
    say: (text, lang) => {
      const r = read(text);
      return r ? msg(lang, r.key, r.vars) : text;
    },
  };
}
