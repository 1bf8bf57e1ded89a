// The kinds of data-quality flag, in the words a person reads (CLI, report, dashboard).
import { msg, type MessageKey } from '../messages/index.ts';

export const FLAG_KINDS = ['missing', 'inconsistent', 'outlier', 'stale', 'source_changed', 'counter_decreased', 'unknown_unit'] as const;

export const FLAG_KIND_TITLE = {
  missing: 'quality.flagKind.missing',
  inconsistent: 'quality.flagKind.inconsistent',
  outlier: 'quality.flagKind.outlier',
  stale: 'quality.flagKind.stale',
  source_changed: 'quality.flagKind.sourceChanged',
  counter_decreased: 'quality.flagKind.counterDecreased',
  unknown_unit: 'quality.flagKind.unknownUnit',
} as const satisfies Record<(typeof FLAG_KINDS)[number], MessageKey>;

const isFlagKind = (kind: string): kind is keyof typeof FLAG_KIND_TITLE => Object.hasOwn(FLAG_KIND_TITLE, kind);

/** A flag kind's title; an unknown kind (a newer store) is shown as it is stored. */
export const flagKindTitle = (kind: string, lang: 'vi' | 'en') => (isFlagKind(kind) ? msg(lang, FLAG_KIND_TITLE[kind]) : kind);
