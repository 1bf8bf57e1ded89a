// Texts the tool stores in one language (a flag's finding, why a KPI has no value) are written
// from catalogue messages; this reads a stored text back into the message and values it was
// written from, so that it can be said again in the reader's language.
import type { Lang } from '../i18n.ts';
import { CATALOGUES, msg, type MessageKey, type MessageVars } from '../messages/index.ts';

interface Reading<K> { key: K; pattern: RegExp; names: string[] }

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A reader for texts written in `lang` from these keys: each form of each key (a plural key has
 * two) becomes a pattern whose groups are its placeholders. A reading counts only when the message
 * said again with the values read is the very text stored; otherwise the next form is tried.
 */
export function storedTextReader<K extends MessageKey>(keys: readonly K[], lang: Lang): (text: string) => { key: K; vars: MessageVars } | null {
  const catalogue = CATALOGUES[lang] as Record<string, string>;
  const readings: Reading<K>[] = keys.flatMap((key) => [catalogue[key], catalogue[`${key}_one`], catalogue[`${key}_other`]]
    .filter((form): form is string => form !== undefined)
    .map((form) => {
      const names: string[] = [];
      const source = form.split(/(\{\{\w+\}\})/).map((piece) => {
        const name = /^\{\{(\w+)\}\}$/.exec(piece)?.[1];
        if (!name) return escapeRegExp(piece);
        names.push(name);
        return '(.*?)';
      }).join('');
      return { key, pattern: new RegExp(`^${source}$`, 's'), names };
    }));
  return (text) => {
    for (const r of readings) {
      const match = r.pattern.exec(text);
      if (!match) continue;
      const vars: MessageVars = {};
      r.names.forEach((name, i) => { vars[name] = name === 'count' ? Number(match[i + 1]) : match[i + 1]!; });
      if (msg(lang, r.key, vars) === text) return { key: r.key, vars };
    }
    return null;
  };
}
