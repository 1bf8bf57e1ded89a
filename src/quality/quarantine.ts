// Holding implausible values back. After each job (in the transaction that stores its values)
// and again after each run (every value of the run's months, now that parts, wholes and peers
// from all sources are in), the plausibility rules judge the stored values: a value that breaks
// one is quarantined with its reason. It stays quarantined until
// - an operator releases it (`dvc-monitor quality release`, with who and why), or
// - for an unusual value (a jump against history or peers; never an impossible one), a later
//   collection confirms it: another source gives the same value, or the same source gives it
//   again in a later run on a later day (Asia/Ho_Chi_Minh), so a one-night glitch is not taken
//   for a change, or
// - the stored value changes (superseded; the new one is judged on its own), or it no longer
//   breaks a rule (cleared: its total was corrected, its history filled in).
import type { Db } from '../../storage/db.ts';
import type { MeasureInput } from '../../storage/measures.ts';
import {
  endQuarantine, exemptValues, historyOf, listQuarantine, openQuarantine, periodValuesWithLevel, quarantinedKeysBetween, type HistoryRow, type QuarantineRow,
} from '../../storage/quarantine.ts';
import type { Config } from '../config/schema.ts';
import type { AgencyLevel } from '../registry/agencies.ts';
import { addMonths, currentMonth, localDate } from '../time/period.ts';
import type { Lang } from '../i18n.ts';
import { storedTexts } from '../messages/stored-texts.ts';
import { DEFAULT_PLAUSIBILITY, describeBreach, judgedForJumps, judgePeriod, ruleOf, type Breach, type Facts, type PlausibilitySettings } from './plausibility.ts';

export interface QuarantineSettings extends PlausibilitySettings {
  /** How many earlier months make an agency's history. */
  historyMonths: number;
}

export function quarantineSettings(quality: Config['quality']): QuarantineSettings {
  return { ...DEFAULT_PLAUSIBILITY, jumpFactor: quality.outlierFactor, peerFactor: quality.peerFactor, jumpFloor: quality.jumpFloor, minPeers: quality.minPeers, historyMonths: quality.outlierHistoryMonths };
}

export interface QuarantineOutcome {
  opened: number;
  ended: number;
}

const key = (agencyCode: string, metric: string, period: string) => `${agencyCode}|${metric}|${period}`;

/**
 * Judges the stored values of one period and records the outcome: new breaches quarantined,
 * quarantines whose value changed superseded, and (with `clear`) those no longer breaking a rule
 * cleared. `scope` limits which values are judged (a job's); the others are context.
 */
function judgeAndRecord(db: Db, period: string, opts: {
  scope: ReadonlySet<string> | null;
  /** Earlier values (at least the historyMonths before `period`), oldest first. */
  history: readonly HistoryRow[];
  clear: boolean;
  sourceOf: (agencyCode: string, metric: string) => string | null;
  runId: number | null;
  now: Date;
  settings: QuarantineSettings;
}): QuarantineOutcome {
  const outcome: QuarantineOutcome = { opened: 0, ended: 0 };
  const rows = periodValuesWithLevel(db, period);
  const current = new Map(rows.map((r) => [key(r.agencyCode, r.metric, period), r]));
  const inScope = (agencyCode: string, metric: string) => opts.scope === null || opts.scope.has(key(agencyCode, metric, period));

  // A quarantined value replaced by a later collection: the old episode ends, the new value is judged below.
  const open = listQuarantine(db, { periods: [period] });
  const stillOpen = new Map<string, QuarantineRow>();
  for (const q of open) {
    if (!inScope(q.agencyCode, q.metric)) {
      stillOpen.set(key(q.agencyCode, q.metric, period), q);
      continue;
    }
    const now = current.get(key(q.agencyCode, q.metric, period));
    if (!now || now.value !== q.value) {
      const reason = now ? keptEndReason('quality.endReason.replaced', { value: now.value }) : keptEndReason('quality.endReason.gone');
      if (endQuarantine(db, q.id, { status: 'superseded', by: null, reason, now: opts.now })) outcome.ended++;
    } else stillOpen.set(key(q.agencyCode, q.metric, period), q);
  }

  // History: the months before, quarantined values left out (they would hide the next jump).
  const from = addMonths(period, -opts.settings.historyMonths);
  const to = addMonths(period, -1);
  const held = quarantinedKeysBetween(db, from, to);
  const history = new Map<string, number[]>();
  for (const [agencyCode, metric, at, value] of opts.history) {
    if (at < from || at > to || !judgedForJumps(metric) || held.has(key(agencyCode, metric, at))) continue;
    const k = `${agencyCode}|${metric}`;
    const list = history.get(k);
    if (list) list.push(value);
    else history.set(k, [value]);
  }

  const exempt = exemptValues(db, [period]);
  const breaches = judgePeriod({
    period, inProgress: period === currentMonth(opts.now), settings: opts.settings,
    values: rows.map((r) => ({ agencyCode: r.agencyCode, metric: r.metric, value: r.value, level: (r.level as AgencyLevel | null) ?? null })),
    history: (agencyCode, metric) => history.get(`${agencyCode}|${metric}`) ?? [],
    judge: inScope,
  }).filter((b) => !(exempt.get(key(b.agencyCode, b.metric, period)) ?? []).includes(b.value));

  const breached = new Map<string, Breach>(breaches.map((b) => [key(b.agencyCode, b.metric, period), b]));
  for (const [k, b] of breached) {
    if (stillOpen.has(k)) continue;
    openQuarantine(db, { period, metric: b.metric, agencyCode: b.agencyCode, value: b.value, rule: b.rule, facts: b.facts, sourceId: opts.sourceOf(b.agencyCode, b.metric), runId: opts.runId }, opts.now);
    outcome.opened++;
  }
  if (opts.clear) {
    for (const [k, q] of stillOpen) {
      if (breached.has(k) || !inScope(q.agencyCode, q.metric)) continue;
      if (endQuarantine(db, q.id, { status: 'cleared', by: null, reason: keptEndReason('quality.endReason.cleared'), now: opts.now })) outcome.ended++;
    }
  }
  return outcome;
}

/**
 * After a job stored its values, in the same transaction: confirmations by this collection, then
 * the job's values judged (superseded episodes ended, new breaches quarantined).
 */
export function holdBackAfterJob(db: Db, input: { period: string; sourceId: string; runId: number; measures: readonly MeasureInput[]; now: Date; settings: QuarantineSettings }): QuarantineOutcome {
  const { period, sourceId, runId, now } = input;
  const incoming = new Map<string, number>();
  for (const m of input.measures) if (m.value !== null && m.period === period) incoming.set(key(m.agencyCode, m.metric, period), m.value);
  if (incoming.size === 0) return { opened: 0, ended: 0 };
  let ended = 0;
  const today = localDate(now);
  for (const q of listQuarantine(db, { periods: [period] })) {
    const value = incoming.get(key(q.agencyCode, q.metric, period));
    if (value !== q.value || ruleOf(q.rule)?.kind !== 'unusual') continue;
    const confirmation = q.sourceId !== null && q.sourceId !== sourceId
      ? { by: `source:${sourceId}`, reason: keptEndReason('quality.endReason.otherSource', { source: sourceId }) }
      : q.runId !== null && runId > q.runId && today > localDate(new Date(q.quarantinedAt))
        ? { by: `run:${runId}`, reason: keptEndReason('quality.endReason.collectedAgain', { run: runId, day: today, quarantinedOn: localDate(new Date(q.quarantinedAt)) }) }
        : null;
    if (confirmation && endQuarantine(db, q.id, { status: 'confirmed', ...confirmation, now })) ended++;
  }
  const scoped = input.measures.filter((m) => m.value !== null && m.period === period);
  const history = historyOf(db, addMonths(period, -input.settings.historyMonths), addMonths(period, -1), {
    agencyCodes: [...new Set(scoped.map((m) => m.agencyCode))], metrics: [...new Set(scoped.map((m) => m.metric))],
  });
  const judged = judgeAndRecord(db, period, { scope: new Set(incoming.keys()), history, clear: false, sourceOf: () => sourceId, runId, now, settings: input.settings });
  return { opened: judged.opened, ended: ended + judged.ended };
}

/** After a run: every stored value of its months judged again, with what all its sources brought. */
export function reconcileQuarantine(db: Db, input: { periods: readonly string[]; runId: number | null; now: Date; settings: QuarantineSettings }): QuarantineOutcome {
  const outcome: QuarantineOutcome = { opened: 0, ended: 0 };
  const periods = [...input.periods].sort();
  if (periods.length === 0) return outcome;
  // One read of every month's history the run's months need, oldest first.
  const history = historyOf(db, addMonths(periods[0]!, -input.settings.historyMonths), addMonths(periods.at(-1)!, -1));
  for (const period of periods) {
    const sources = new Map(periodValuesWithLevel(db, period).map((r) => [`${r.agencyCode}|${r.metric}`, r.sourceId]));
    const r = judgeAndRecord(db, period, {
      scope: null, history, clear: true, sourceOf: (a, m) => sources.get(`${a}|${m}`) ?? null, runId: input.runId, now: input.now, settings: input.settings,
    });
    outcome.opened += r.opened;
    outcome.ended += r.ended;
  }
  return outcome;
}

/** A quarantine episode as a table row (CSV, XLSX, JSON exports): the columns of QUARANTINE_HEADER. */
export const QUARANTINE_HEADER = ['period', 'agency_code', 'metric', 'value', 'rule', 'reason', 'source_id', 'run_id', 'status', 'quarantined_at', 'ended_at', 'ended_by', 'end_reason'];

export const quarantineRecord = (q: QuarantineRow, lang: Lang) =>
  [q.period, q.agencyCode, q.metric, q.value, q.rule, describeBreach(q as QuarantineRow & { facts: Facts }, lang), q.sourceId, q.runId, q.status, q.quarantinedAt, q.endedAt, q.endedBy, q.endReason];

const END_REASONS = ['quality.endReason.replaced', 'quality.endReason.gone', 'quality.endReason.cleared', 'quality.endReason.otherSource', 'quality.endReason.collectedAgain'] as const;
const END_REASON_TEXTS = storedTexts(END_REASONS);
const keptEndReason = END_REASON_TEXTS.keep;

/** How a quarantine ended, in the reader's language; an operator's own reason for a release is shown as written. */
export const endReasonText = (reason: string, lang: Lang): string => END_REASON_TEXTS.say(reason, lang);

export class ReleaseError extends Error {}

/** An operator's release: the value is used again, with who, when and why recorded. */
export function releaseQuarantined(db: Db, input: { agencyCode: string; metric: string; period: string; by: string; reason: string; now: Date }): QuarantineRow {
  return db.transaction(() => {
    const [q] = listQuarantine(db, { periods: [input.period], agencyCode: input.agencyCode, metric: input.metric });
    if (!q) throw new ReleaseError(`${input.agencyCode} ${input.metric} ${input.period} is not quarantined`);
    endQuarantine(db, q.id, { status: 'released', by: input.by, reason: input.reason, now: input.now });
    return listQuarantine(db, { periods: [input.period], agencyCode: input.agencyCode, metric: input.metric, all: true }).find((r) => r.id === q.id)!;
  })();
}
