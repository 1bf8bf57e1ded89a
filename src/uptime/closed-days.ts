// Daily rollups of closed days, kept in memory per endpoint (issue 14: the dashboard read a year
// of daily rows again, JSON histograms included, every time a probe landed). A local day's
// rollup stops changing once the day is over, with one exception: a probe of that day rolled up
// late (a worker's result posted after midnight, a prober catching up). Every rollup write counts
// probes the rollup position then passes (uptime_rollup_progress; probe ids only grow), so before
// each answer the probes passed since the last look name, per endpoint, the oldest day written:
// that day and the later ones are dropped and read again. Today is always read from the store.
// A position that goes back is another store: everything is dropped. Days older than the daily
// retention are never served from memory (the housekeeping job may have deleted them).
//
// What is not seen: a probe rolled up late and deleted by the raw retention (uptime.retention.rawDays,
// 30 days by default) between two looks, i.e. a probe arriving a month late.
import type { Db } from '../../storage/db.ts';
import { dailyRollups, oldestProbesBetween, rollupPosition, type BucketCounts, type DailyRollup } from '../../storage/uptime.ts';
import { groupBy } from '../collections.ts';
import { addDays, localDate } from '../time/period.ts';
import { localDateOfHour } from './rollup.ts';

const DAY_MS = 86_400_000;

/** The closed days [from, to] an endpoint's rows are held for, those rows oldest first (a day without a row has none). */
interface Held {
  from: string;
  to: string;
  rows: DailyRollup[];
}

/** Index of the first row dated on or after `date`. */
function firstOnOrAfter(rows: readonly DailyRollup[], date: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A row as it is held: built with its fields in one order (rows made by spreading are slow to
 * read in bulk), and frozen, since every answer shares it and no caller may change another's.
 */
function held(r: DailyRollup): DailyRollup {
  return Object.freeze({
    endpointId: r.endpointId, date: r.date, up: r.up, degraded: r.degraded, down: r.down, maintenance: r.maintenance, unknown: r.unknown,
    failedProbes: r.failedProbes, rtCount: r.rtCount, rtSumMs: r.rtSumMs, hist: Object.freeze(r.hist),
  });
}

const byEndpoint = (rows: readonly DailyRollup[]) => groupBy(rows, (r) => r.endpointId);

export class ClosedDayRollups {
  private position: number | null = null;
  private readonly held = new Map<number, Held>();
  /** Rows read from the store since creation (for tests and the benchmark). */
  rowsRead = 0;

  /** `dailyDays`: the daily retention (uptime.retention.dailyDays). */
  constructor(private readonly db: Db, private readonly dailyDays: number) {}

  /** Drops the days rollup writes since the last look may have changed. */
  private sync(): void {
    const position = rollupPosition(this.db);
    if (this.position !== null && position < this.position) this.held.clear();
    else if (this.position !== null && position > this.position) {
      for (const { endpointId, oldestAt } of oldestProbesBetween(this.db, this.position, position)) {
        const h = this.held.get(endpointId);
        const day = localDateOfHour(oldestAt);
        if (!h || day > h.to) continue;
        if (day <= h.from) {
          this.held.delete(endpointId);
          continue;
        }
        h.to = addDays(day, -1);
        h.rows = h.rows.slice(0, firstOnOrAfter(h.rows, day));
      }
    }
    this.position = position;
  }

  private read(endpointIds: readonly number[], from: string, to: string): DailyRollup[] {
    const rows = dailyRollups(this.db, endpointIds, from, to);
    this.rowsRead += rows.length;
    return rows;
  }

  /** What dailyRollups(db, endpointIds, from, to) answers (ordered by endpoint, then date), past days from memory. */
  daily(endpointIds: readonly number[], from: string, to: string, now: Date): DailyRollup[] {
    if (endpointIds.length === 0 || from > to) return [];
    this.sync();
    const today = localDate(now);
    const retained = localDate(new Date(now.getTime() - this.dailyDays * DAY_MS));
    const heldFrom = from > retained ? from : retained;
    const lastClosed = addDays(today, -1);
    const heldTo = to < lastClosed ? to : lastClosed;
    if (heldFrom > heldTo) return this.read(endpointIds, from, to);

    // Missing closed days, read once per distinct range for all the endpoints that miss it; a held range stays contiguous.
    const missing = new Map<string, number[]>();
    const need = (id: number, f: string, t: string) => {
      const key = `${f}|${t}`;
      const ids = missing.get(key);
      if (ids) ids.push(id);
      else missing.set(key, [id]);
    };
    for (const id of endpointIds) {
      const h = this.held.get(id);
      if (!h) {
        need(id, heldFrom, heldTo);
        continue;
      }
      if (heldFrom < h.from) need(id, heldFrom, addDays(h.from, -1));
      if (heldTo > h.to) need(id, addDays(h.to, 1), heldTo);
    }
    for (const [key, ids] of missing) {
      const [f, t] = key.split('|') as [string, string];
      const fetched = byEndpoint(this.read(ids, f, t).map(held));
      for (const id of ids) {
        const fresh = fetched.get(id) ?? [];
        const h = this.held.get(id);
        if (!h) this.held.set(id, { from: f, to: t, rows: fresh });
        else if (t < h.from) this.held.set(id, { from: f, to: h.to, rows: [...fresh, ...h.rows] });
        else this.held.set(id, { from: h.from, to: t, rows: [...h.rows, ...fresh] });
      }
    }

    const before = from < heldFrom ? byEndpoint(this.read(endpointIds, from, addDays(heldFrom, -1))) : null;
    const after = to > heldTo ? byEndpoint(this.read(endpointIds, addDays(heldTo, 1), to)) : null;
    const out: DailyRollup[] = [];
    for (const id of [...new Set(endpointIds)].sort((a, b) => a - b)) {
      const rows = this.held.get(id)!.rows;
      out.push(...(before?.get(id) ?? []), ...rows.slice(firstOnOrAfter(rows, heldFrom), firstOnOrAfter(rows, addDays(heldTo, 1))), ...(after?.get(id) ?? []));
    }
    return out;
  }

  /** What bucketStateCounts(db, endpointIds, 'day', from, to) answers (in the order of endpointIds), past days from memory. */
  counts(endpointIds: readonly number[], from: string, to: string, now: Date): BucketCounts[] {
    const rows = byEndpoint(this.daily(endpointIds, from, to, now));
    const out: BucketCounts[] = [];
    for (const id of endpointIds) {
      for (const r of rows.get(id) ?? []) {
        out.push({ endpointId: r.endpointId, start: r.date, up: r.up, degraded: r.degraded, down: r.down, maintenance: r.maintenance, unknown: r.unknown });
      }
    }
    return out;
  }
}
