// Why a KPI has no value: a figure keeps the reason in English (the overview is computed once for
// every reader, and exports carry it as it is), written from catalogue messages so that a reader
// sees it in their own language.
import type { Lang } from '../i18n.ts';
import type { MessageVars } from '../messages/index.ts';
import { storedTexts } from '../messages/stored-texts.ts';

const KEYS = ['kpi.missing.quarantined', 'kpi.missing.noAgency', 'kpi.missing.metricBecause', 'kpi.missing.metric', 'kpi.missing.zeroDenominator', 'kpi.missing.any'] as const;
type MissingKey = (typeof KEYS)[number];

const REASONS = storedTexts(KEYS);

/** The figure's reason as it is kept. */
export const keptReason = (key: MissingKey, vars: MessageVars = {}): string => REASONS.keep(key, vars);

// Made once: thousands of figures of a national overview may have no value.
export const NO_AGENCY = keptReason('kpi.missing.noAgency');
export const ZERO_DENOMINATOR = keptReason('kpi.missing.zeroDenominator');
export const MISSING = keptReason('kpi.missing.any');

/** A figure's missing reason in the reader's language; a reason not written from these messages is shown as kept. */
export const missingReasonText = (reason: string, lang: Lang): string => REASONS.say(reason, lang);
