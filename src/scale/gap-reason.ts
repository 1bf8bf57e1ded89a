// Why a gap in the distributed measurement opened. The store keeps the reason in English (the
// coordinator writes it once, for every reader), written from catalogue messages so that the CLI
// says it in the reader's language; a reason not written from them (the queue's own error) is
// shown as it came.
import type { Lang } from '../i18n.ts';
import { msg, type MessageVars } from '../messages/index.ts';
import { storedTextReader } from '../quality/stored-text.ts';

const KEYS = ['scale.gap.noWorkerYet', 'scale.gap.noLiveWorker', 'scale.gap.redisAtStart'] as const;
type GapKey = (typeof KEYS)[number];

/** The reason as it is kept. */
export const keptGapReason = (key: GapKey, vars: MessageVars = {}): string => msg('en', key, vars);

const read = storedTextReader(KEYS, 'en');

/** A gap's kept reason in the reader's language. */
export function gapReasonText(reason: string, lang: Lang): string {
  const r = read(reason);
  return r ? msg(lang, r.key, r.vars) : reason;
}
