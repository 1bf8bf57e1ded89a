// Why a gap in the distributed measurement opened. The store keeps the reason in English (the
// coordinator writes it once, for every reader), written from catalogue messages so that the CLI
// says it in the reader's language; a reason not written from them (the queue's own error) is
// shown as it came.
import type { Lang } from '../i18n.ts';
import type { MessageVars } from '../messages/index.ts';
import { storedTexts } from '../messages/stored-texts.ts';

const KEYS = ['scale.gap.noWorkerYet', 'scale.gap.noLiveWorker', 'scale.gap.redisAtStart'] as const;
type GapKey = (typeof KEYS)[number];

const REASONS = storedTexts(KEYS);

/** The reason as it is kept. */
export const keptGapReason = (key: GapKey, vars: MessageVars = {}): string => REASONS.keep(key, vars);

/** A gap's kept reason in the reader's language. */
export const gapReasonText = (reason: string, lang: Lang): string => REASONS.say(reason, lang);
