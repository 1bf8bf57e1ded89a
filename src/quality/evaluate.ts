// After a run: look at what the store now holds for the run's periods and sources, and
// record what is missing, inconsistent, an outlier, stale, or changed shape.
import type { Db } from '../../storage/db.ts';
import { allMeasuresBetween, type MeasureRow } from '../../storage/measures.ts';
import { recordFlags } from '../../storage/quality.ts';
import { lastNewDataOfSource, listJobs, succeededBefore } from '../../storage/runs.ts';
import type { Config } from '../config/schema.ts';
import { addMonths, currentMonth } from '../time/period.ts';
import { storedDetail } from './flag-detail.ts';
import { inconsistencies, outlier, type FlagKind, type QualityFlag } from './rules.ts';
import { quarantineSettings, reconcileQuarantine } from './quarantine.ts';

export interface QualityOutcome {
  opened: number;
  resolved: number;
  /** Values quarantined by this evaluation, and quarantines it ended (superseded or cleared). */
  quarantined: number;
  unquarantined: number;
}

const PERIOD_KINDS: FlagKind[] = ['missing', 'inconsistent', 'outlier', 'counter_decreased', 'unknown_unit'];
const SOURCE_KINDS: FlagKind[] = ['stale', 'source_changed'];
// Published rates and 766 scores are not counts, and year-to-date counters fall back every
// January: a jump there is not a counting error (the derived monthly value is checked).
const isCount = (metric: string) => !metric.startsWith('reported.') && !metric.startsWith('index766.') && !metric.startsWith('ytd.');

function periodFlags(period: string, rows: readonly MeasureRow[], history: ReadonlyMap<string, Array<{ period: string; value: number }>>, quality: Config['quality'], inProgress: boolean): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const byAgency = new Map<string, Map<string, number>>();
  for (const m of rows) {
    if (m.value === null) {
      flags.push({ kind: 'missing', sourceId: m.sourceId, agencyCode: m.agencyCode, metric: m.metric, period, detail: m.nullReason ?? 'missing' });
      continue;
    }
    const values = byAgency.get(m.agencyCode) ?? new Map<string, number>();
    values.set(m.metric, m.value);
    byAgency.set(m.agencyCode, values);
    if (isCount(m.metric)) {
      const earliest = addMonths(period, -quality.outlierHistoryMonths);
      const earlier = (history.get(`${m.agencyCode}|${m.metric}`) ?? []).filter((h) => h.period >= earliest && h.period < period).map((h) => h.value);
      const why = outlier(m.value, earlier, quality.outlierFactor, { checkLow: !inProgress });
      if (why) flags.push({ kind: 'outlier', sourceId: m.sourceId, agencyCode: m.agencyCode, metric: m.metric, period, detail: why });
    }
  }
  for (const [agencyCode, values] of byAgency) {
    for (const found of inconsistencies(values)) {
      flags.push({ kind: 'inconsistent', sourceId: null, agencyCode, metric: found.metric, period, detail: found.detail });
    }
  }
  return flags;
}

/** Flags the normalisers left as notes on this run's jobs. */
function noteFlags(db: Db, runId: number): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const unknownUnits = new Map<string, string[]>();
  for (const job of listJobs(db, runId)) {
    for (const note of job.notes) {
      if (note.kind === 'counter_decreased') {
        flags.push({ kind: 'counter_decreased', sourceId: job.sourceId, agencyCode: note.agencyCode ?? null, metric: note.metric ?? null, period: note.period ?? job.period, detail: note.message });
      } else if (note.kind === 'sources_disagree') {
        flags.push({ kind: 'inconsistent', sourceId: job.sourceId, agencyCode: note.agencyCode ?? null, metric: note.metric ?? null, period: note.period ?? job.period, detail: note.message });
      } else if (note.kind === 'unknown_unit') {
        const key = `${job.sourceId}|${job.period}`;
        const messages = unknownUnits.get(key) ?? [];
        if (!messages.includes(note.message)) unknownUnits.set(key, [...messages, note.message]);
      }
    }
  }
  for (const [key, messages] of unknownUnits) {
    const [sourceId, period] = key.split('|');
    flags.push({ kind: 'unknown_unit', sourceId: sourceId!, agencyCode: null, metric: null, period: period!, detail: messages.slice(0, 20).join('; ') + (messages.length > 20 ? `; … ${messages.length - 20} more` : '') });
  }
  return flags;
}

function sourceFlags(db: Db, runId: number, sourceIds: readonly string[], staleAfterDays: number, now: Date): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const jobs = listJobs(db, runId);
  for (const sourceId of sourceIds) {
    const lastChange = lastNewDataOfSource(db, sourceId);
    if (lastChange && now.getTime() - Date.parse(lastChange) > staleAfterDays * 86_400_000) {
      flags.push({ kind: 'stale', sourceId, agencyCode: null, metric: null, period: null, detail: storedDetail('quality.detail.stale', { since: lastChange, count: staleAfterDays }) });
    }
    // The same request that succeeded before now extracts nothing: the source changed its format.
    const changed = jobs.filter((j) => j.sourceId === sourceId && (j.failureReason === 'unexpected_shape' || j.failureReason === 'empty') && succeededBefore(db, j.key, runId));
    if (changed.length) {
      flags.push({ kind: 'source_changed', sourceId, agencyCode: null, metric: null, period: null, detail: changed.map((j) => `${j.key}: ${j.failureReason} (${j.failureMessage ?? ''})`).join('; ') });
    }
  }
  return flags;
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

export function evaluateQuality(db: Db, input: { runId: number; periods: readonly string[]; sourceIds: readonly string[]; quality: Config['quality']; now: Date }): QualityOutcome {
  const { runId, quality, now } = input;
  const periods = [...input.periods].sort();
  const outcome: QualityOutcome = { opened: 0, resolved: 0, quarantined: 0, unquarantined: 0 };
  if (periods.length) {
    // Values are judged again with everything the run brought: parts and wholes from other sources, peers that came later.
    const q = reconcileQuarantine(db, { periods, runId, now, settings: quarantineSettings(quality) });
    outcome.quarantined = q.opened;
    outcome.unquarantined = q.ended;
    const rows = allMeasuresBetween(db, addMonths(periods[0]!, -quality.outlierHistoryMonths), periods.at(-1)!);
    const history = new Map<string, Array<{ period: string; value: number }>>();
    const byPeriod = new Map<string, MeasureRow[]>();
    for (const m of rows) {
      if (m.value !== null) pushTo(history, `${m.agencyCode}|${m.metric}`, { period: m.period, value: m.value });
      pushTo(byPeriod, m.period, m);
    }
    const flags = periods.flatMap((p) => periodFlags(p, byPeriod.get(p) ?? [], history, quality, p === currentMonth(now)));
    const r = recordFlags(db, [...flags, ...noteFlags(db, runId)], { kinds: PERIOD_KINDS, periods }, { runId, now });
    outcome.opened += r.opened;
    outcome.resolved += r.resolved;
  }
  if (input.sourceIds.length) {
    const r = recordFlags(db, sourceFlags(db, runId, input.sourceIds, quality.staleAfterDays, now), { kinds: SOURCE_KINDS, sourceIds: input.sourceIds }, { runId, now });
    outcome.opened += r.opened;
    outcome.resolved += r.resolved;
  }
  return outcome;
}
