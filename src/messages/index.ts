// One message catalogue for everything the command line says: i18next over the Vietnamese and
// English catalogues (vi.ts, en.ts), plurals by Intl.PluralRules (Vietnamese has one form,
// English one/other). Messages are plain text: nothing is HTML-escaped here.
import i18next, { type i18n } from 'i18next';
import type { Lang } from '../i18n.ts';
import { en } from './en.ts';
import type { MessageKey, MessageVars } from './types.ts';
import { vi } from './vi.ts';

export type { MessageKey, MessageVars } from './types.ts';
export const CATALOGUES = { vi, en } as const;

let instance: i18n | null = null;

/** Made on first use, synchronously: the resources are in memory, nothing is fetched. */
function translator(): i18n {
  if (instance) return instance;
  const made = i18next.createInstance();
  void made.init({
    initAsync: false,
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: 'vi',
    fallbackLng: false,
    supportedLngs: ['vi', 'en'],
    // Keys are flat strings with dots; text may hold ':' and '.' freely.
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return (instance = made);
}

// A message without values is the same every time: kept after its first use, since pages and
// exports ask for the same label thousands of times and i18next costs microseconds a call.
const plainTexts: Record<Lang, Map<MessageKey, string>> = { vi: new Map(), en: new Map() };

/** The message under `key` in the language, its {{placeholders}} filled from `vars`. */
export function msg(lang: Lang, key: MessageKey, vars?: MessageVars): string {
  if (vars === undefined || Object.keys(vars).length === 0) {
    let text = plainTexts[lang].get(key);
    if (text === undefined) plainTexts[lang].set(key, (text = translator().t(key, { lng: lang })));
    return text;
  }
  return translator().t(key, { ...vars, lng: lang });
}

/** Values for a message where some are words themselves, given in each language ({ vi, en }). */
export type VarsInBoth = Readonly<Record<string, string | number | Readonly<Record<Lang, string>>>>;

/** The message in the language, each value given in both languages said in that language too. */
export function msgWith(lang: Lang, key: MessageKey, vars: VarsInBoth): string {
  return msg(lang, key, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v])));
}

/** The label a code→key map gives a code, in the language; a code the map does not know is shown as it is. */
export function labelOf<T extends Record<string, MessageKey>>(keys: T, code: string, lang: Lang): string {
  return Object.hasOwn(keys, code) ? msg(lang, keys[code as keyof T]!) : code;
}

/** One text per language, for code that keeps both (an error that main prints in the reader's language). */
export const msgBoth = (key: MessageKey, vars: MessageVars = {}): Record<Lang, string> => ({ vi: msg('vi', key, vars), en: msg('en', key, vars) });
