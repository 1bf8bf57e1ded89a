// Exit codes: 0 all good, 1 some job failed (or a criterion failed), 2 bad input (arguments,
// configuration, a store that cannot be used: missing, damaged, full, read-only, newer), 3 the
// store is busy with another run (or locked past the busy timeout), 4 an internal error.
import type { Lang } from '../i18n.ts';
import { msgWith, type MessageKey, type VarsInBoth } from '../messages/index.ts';

export const EXIT = { ok: 0, jobFailed: 1, badInput: 2, busy: 3, internal: 4 } as const;

/** The language the command line speaks, set by main from --lang or $DVC_MONITOR_LANG before a command runs. */
let cliLang: Lang = process.env.DVC_MONITOR_LANG === 'en' ? 'en' : 'vi';
export const setCliLang = (lang: Lang) => { cliLang = lang; };
export const currentCliLang = (): Lang => cliLang;

/**
 * A problem with what the user typed: the message, from the catalogue (src/messages/), names
 * the option, the value and the fix, in the command line's language. `{ text }` is a message
 * another module already wrote in the reader's language.
 */
export class UsageError extends Error {
  readonly key: MessageKey | null;
  readonly vars: VarsInBoth;

  /** `vars` may hold words given in both languages ({ vi, en }): each is said in the reader's. */
  constructor(what: MessageKey | { text: string }, vars: VarsInBoth = {}) {
    super(typeof what === 'string' ? msgWith(cliLang, what, vars) : what.text);
    this.name = 'UsageError';
    this.key = typeof what === 'string' ? what : null;
    this.vars = vars;
  }

  /** The message in a given language (the same text when it came written). */
  in(lang: Lang): string {
    return this.key === null ? this.message : msgWith(lang, this.key, this.vars);
  }
}
