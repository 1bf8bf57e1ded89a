// What a data-quality flag found, in the reader's language. The store keeps one text per flag (its
// `detail` column), written in English as it always was; the texts this tool writes come from the
// catalogue, so a stored text is read back into its key and values and said again in the reader's
// language. A text the tool did not write from a key here (a normaliser's note, a source's failure
// message) is shown as stored.
import type { Lang } from '../i18n.ts';
import type { MessageKey, MessageVars } from '../messages/index.ts';
import { storedTexts } from '../messages/stored-texts.ts';

/** The details the quality rules write. */
export const FLAG_DETAIL_KEYS = [
  'quality.detail.outlierFromZero',
  'quality.detail.outlierHigh',
  'quality.detail.outlierLow',
  'quality.detail.channelsExceedReceived',
  'quality.detail.onTimeLateExceedResolved',
  'quality.detail.servicesExceedProcedures',
  'quality.detail.rateOver100',
  'quality.detail.percentOver100',
  'quality.detail.stale',
] as const satisfies readonly MessageKey[];

export type FlagDetailKey = (typeof FLAG_DETAIL_KEYS)[number];

const DETAILS = storedTexts(FLAG_DETAIL_KEYS);

/** A flag's detail as it is stored. */
export const storedDetail = (key: FlagDetailKey, vars: MessageVars): string => DETAILS.keep(key, vars);

/** The key and values a stored detail was written from, or null for a text the rules did not write. */
export const readDetail = (detail: string): { key: FlagDetailKey; vars: MessageVars } | null => DETAILS.read(detail);

/** A stored detail in the reader's language: "76 is under 1/10 of the median…" reads "76 dưới 1/10 trung vị…" in Vietnamese. */
export const flagDetail = (detail: string, lang: Lang): string => DETAILS.say(detail, lang);
