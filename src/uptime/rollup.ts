// Hourly and daily rollups of raw probes, as pure computations: the counts of a bucket, how a
// batch of new probes adds to the buckets it falls in, and the local days (Asia/Ho_Chi_Minh)
// daily buckets are named by. storage/uptime.ts reads and writes the rows; it adds nothing up.
import { addCounts, mergeHistograms, ZERO_COUNTS, type Histogram, type StateCounts } from './availability.ts';
import type { UptimeState } from './state-machine.ts';

const HOUR_MS = 3_600_000;
const LOCAL_OFFSET_MS = 7 * HOUR_MS; // Asia/Ho_Chi_Minh has no daylight saving time

/** The local date (Asia/Ho_Chi_Minh) an UTC hour belongs to. */
export function localDateOfHour(hourStart: string): string {
  return new Date(Date.parse(hourStart) + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

/** UTC bounds [from, to) of a local date. */
export function utcBoundsOfLocalDate(date: string): { from: string; to: string } {
  const start = Date.parse(`${date}T00:00:00.000Z`) - LOCAL_OFFSET_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + 24 * HOUR_MS).toISOString() };
}

/** What one rollup bucket holds: probes per state, failed probes, and response times. */
export interface RollupCounts extends StateCounts {
  failedProbes: number;
  rtCount: number;
  rtSumMs: number;
  hist: Histogram;
}

export const emptyRollup = (): RollupCounts => ({ ...ZERO_COUNTS, failedProbes: 0, rtCount: 0, rtSumMs: 0, hist: {} });

/** Adds `from` into `into`. */
export function addRollup(into: RollupCounts, from: RollupCounts): void {
  Object.assign(into, addCounts(into, from));
  into.failedProbes += from.failedProbes;
  into.rtCount += from.rtCount;
  into.rtSumMs += from.rtSumMs;
  mergeHistograms(into.hist, from.hist);
}

/** New probes of one endpoint, hour, state, outcome and response-time bucket, counted together. */
export interface ProbeGroup {
  endpointId: number;
  /** The UTC hour, `YYYY-MM-DDTHH`. */
  hour: string;
  state: UptimeState;
  failed: boolean;
  /** The response-time bucket, or null when no response time was measured. */
  rtBucket: number | null;
  probes: number;
  totalMs: number;
}

export interface RollupDelta {
  endpointId: number;
  bucket: 'hour' | 'day';
  /** An UTC hour start (ISO) for an hour, a local date for a day. */
  bucketStart: string;
  counts: RollupCounts;
}

/** What the groups add to each hourly and daily bucket they fall in. */
export function rollupDeltas(groups: readonly ProbeGroup[]): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>();
  const deltaFor = (endpointId: number, bucket: 'hour' | 'day', bucketStart: string) => {
    const key = `${endpointId}|${bucket}|${bucketStart}`;
    let d = deltas.get(key);
    if (!d) deltas.set(key, (d = { endpointId, bucket, bucketStart, counts: emptyRollup() }));
    return d.counts;
  };
  for (const g of groups) {
    const hourStart = `${g.hour}:00:00.000Z`;
    for (const row of [deltaFor(g.endpointId, 'hour', hourStart), deltaFor(g.endpointId, 'day', localDateOfHour(hourStart))]) {
      row[g.state] += g.probes;
      if (g.failed) row.failedProbes += g.probes;
      if (g.rtBucket !== null) {
        row.rtCount += g.probes;
        row.rtSumMs += g.totalMs;
        row.hist[g.rtBucket] = (row.hist[g.rtBucket] ?? 0) + g.probes;
      }
    }
  }
  return [...deltas.values()];
}
