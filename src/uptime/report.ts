// The uptime report over a range of local dates, built from daily rollups, incidents and
// maintenance windows (never from raw probes). Pure: the rows in, the figures out.
import type { DailyRollup, EndpointRow, IncidentRow, LatestProbe, MaintenanceRow } from '../../storage/uptime.ts';
import type { GapRow, LocationDayRow, LocationResultRow } from '../../storage/scale.ts';
import { addCounts, availability, mergeHistograms, mttrMs, percentile, ZERO_COUNTS, type Histogram, type StateCounts } from './availability.ts';
import { displayState, type DisplayState, type Reach } from './reach.ts';
import { msgBoth } from '../messages/index.ts';

/** The formula in both languages: the report model and the table each print it in their reader's. */
export const AVAILABILITY_FORMULA = msgBoth('common.uptime.availabilityFormula');

export interface PeriodFigures {
  counts: StateCounts;
  /** UP + DEGRADED + DOWN: the samples the availability is computed on. */
  counted: number;
  availabilityPercent: number | null;
  failedProbes: number;
  p50Ms: number | null;
  p95Ms: number | null;
  meanMs: number | null;
}

export interface IncidentReport {
  startedAt: string;
  endedAt: string | null;
  durationMs: number;
  cause: string;
  endedBy: string | null;
  /** Probed from several locations: those that saw it down when it opened. */
  locations: string[] | null;
}

/**
 * One location's own view of an endpoint (probed from several locations): what it saw last, and
 * its counts over the range. Its availability is as that location saw it, failures counted as
 * down without any quorum: it says how the portal looks from that network, not the verdict.
 */
export interface LocationView {
  location: string;
  last: { roundAt: string; outcome: string; reason: string | null; statusCode: number | null; totalMs: number | null } | null;
  counts: { up: number; degraded: number; failed: number; unknown: number };
  availabilityPercent: number | null;
}

export interface EndpointReport {
  portalId: string;
  portalName: string;
  endpoint: string;
  url: string;
  /** false once removed from the configuration (shown for the ranges it was probed in). */
  configured: boolean;
  /** The state people see: `partial` when reachable from some locations only (counted as available). */
  state: DisplayState;
  reach: Reach | null;
  stateSince: string | null;
  lastProbeAt: string | null;
  certificate: { subject: string; issuer: string; notAfter: string; daysLeft: number } | null;
  /** The most recent probe, whatever the range: timings, redirects, failed conditions. */
  lastProbe: LatestProbe | null;
  total: PeriodFigures;
  months: Array<PeriodFigures & { month: string }>;
  days: Array<PeriodFigures & { date: string }>;
  incidents: IncidentReport[];
  /** Mean duration of the incidents in the range that have ended; null when none has. */
  mttrMs: number | null;
  /** Incident time inside the range. */
  downtimeMs: number;
  /** Probed from several locations: each one's view, and the rounds in the range reachable from some only. */
  locations: LocationView[];
  partialRounds: number;
}

export type MaintenanceReport = MaintenanceRow;

export interface UptimeReport {
  from: string;
  to: string;
  generatedAt: string;
  formula: string;
  endpoints: EndpointReport[];
  maintenance: MaintenanceReport[];
  /** Scale-out: times the measurement was not whole (the queue unreachable, a location without workers). */
  gaps: GapRow[];
}

interface Acc {
  counts: StateCounts;
  failedProbes: number;
  rtCount: number;
  rtSumMs: number;
  hist: Histogram;
}

const emptyAcc = (): Acc => ({ counts: { ...ZERO_COUNTS }, failedProbes: 0, rtCount: 0, rtSumMs: 0, hist: {} });

function add(acc: Acc, d: DailyRollup): void {
  acc.counts = addCounts(acc.counts, d);
  acc.failedProbes += d.failedProbes;
  acc.rtCount += d.rtCount;
  acc.rtSumMs += d.rtSumMs;
  mergeHistograms(acc.hist, d.hist);
}

function figures(acc: Acc): PeriodFigures {
  const c = acc.counts;
  return {
    counts: c,
    counted: c.up + c.degraded + c.down,
    availabilityPercent: availability(c),
    failedProbes: acc.failedProbes,
    p50Ms: percentile(acc.hist, 0.5),
    p95Ms: percentile(acc.hist, 0.95),
    meanMs: acc.rtCount === 0 ? null : acc.rtSumMs / acc.rtCount,
  };
}

/** Every local date from..to inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

export function buildUptimeReport(input: {
  from: string;
  to: string;
  /** UTC bounds of the range: [rangeStart, rangeEnd). */
  rangeStart: string;
  rangeEnd: string;
  now: Date;
  endpoints: readonly EndpointRow[];
  days: readonly DailyRollup[];
  incidents: readonly IncidentRow[];
  maintenance: readonly MaintenanceRow[];
  latest: readonly LatestProbe[];
  lang: 'vi' | 'en';
  /** false: leave out the per-day figures (a year of them for every portal is most of the work). */
  dailyFigures?: boolean;
  /** Probed from several locations (scale-out): each location's days and latest result, partial rounds, gaps. */
  locationDays?: readonly LocationDayRow[];
  latestLocations?: readonly LocationResultRow[];
  partialDays?: ReadonlyArray<{ endpointId: number; date: string; rounds: number }>;
  gaps?: readonly GapRow[];
}): UptimeReport {
  const dailyFigures = input.dailyFigures ?? true;
  const dates = datesBetween(input.from, input.to);
  const byEndpoint = new Map<number, Map<string, DailyRollup>>();
  for (const d of input.days) {
    const m = byEndpoint.get(d.endpointId) ?? byEndpoint.set(d.endpointId, new Map()).get(d.endpointId)!;
    m.set(d.date, d);
  }
  const clipStart = Date.parse(input.rangeStart);
  const clipEnd = Math.min(Date.parse(input.rangeEnd), input.now.getTime());

  const endpoints = input.endpoints.map((e): EndpointReport => {
    const rollups = byEndpoint.get(e.id) ?? new Map<string, DailyRollup>();
    const total = emptyAcc();
    const months = new Map<string, Acc>();
    // Days before the endpoint's first probe in the range are not gaps: it was not probed yet.
    const first = [...rollups.keys()].sort()[0];
    const days: EndpointReport['days'] = [];
    for (const date of dates) {
      if (first === undefined || date < first) continue;
      const r = rollups.get(date);
      if (r) {
        add(total, r);
        const month = date.slice(0, 7);
        add(months.get(month) ?? months.set(month, emptyAcc()).get(month)!, r);
      }
      if (!dailyFigures) continue;
      const acc = emptyAcc();
      if (r) add(acc, r);
      days.push({ date, ...figures(acc) });
    }
    const incidents = input.incidents.filter((i) => i.endpointId === e.id).map((i): IncidentReport => ({
      startedAt: i.startedAt, endedAt: i.endedAt, cause: i.cause, endedBy: i.endedBy, locations: i.locationsJson ? (JSON.parse(i.locationsJson) as string[]) : null,
      durationMs: (i.endedAt ? Date.parse(i.endedAt) : input.now.getTime()) - Date.parse(i.startedAt),
    }));
    const downtimeMs = incidents.reduce((sum, i) => {
      const s = Math.max(Date.parse(i.startedAt), clipStart);
      const end = Math.min(i.endedAt ? Date.parse(i.endedAt) : input.now.getTime(), clipEnd);
      return sum + Math.max(0, end - s);
    }, 0);
    const endedInRange = incidents.filter((i) => i.endedAt !== null && i.endedAt >= input.rangeStart && i.endedAt < input.rangeEnd);
    const cert = e.certNotAfter
      ? { subject: e.certSubject ?? '', issuer: e.certIssuer ?? '', notAfter: e.certNotAfter, daysLeft: Math.floor((Date.parse(e.certNotAfter) - input.now.getTime()) / 86_400_000) }
      : null;
    return {
      portalId: e.portalId, portalName: e.portalName, endpoint: e.key, url: e.url, configured: e.enabled,
      state: displayState(e.state, e.reach), reach: e.reach, stateSince: displayState(e.state, e.reach) === 'partial' ? e.reachSince : e.stateSince,
      lastProbeAt: e.lastProbeAt, certificate: cert, lastProbe: input.latest.find((l) => l.endpointId === e.id) ?? null,
      total: figures(total),
      months: [...months.entries()].map(([month, acc]) => ({ month, ...figures(acc) })),
      days,
      incidents,
      mttrMs: mttrMs(endedInRange, input.now),
      downtimeMs,
      locations: locationViews(e.id, input.locationDays ?? [], input.latestLocations ?? []),
      partialRounds: (input.partialDays ?? []).filter((d) => d.endpointId === e.id).reduce((n, d) => n + d.rounds, 0),
    };
  });
  return {
    from: input.from, to: input.to, generatedAt: input.now.toISOString(),
    formula: AVAILABILITY_FORMULA[input.lang],
    endpoints,
    maintenance: [...input.maintenance],
    gaps: [...(input.gaps ?? [])],
  };
}

function locationViews(endpointId: number, days: readonly LocationDayRow[], latest: readonly LocationResultRow[]): LocationView[] {
  const views = new Map<string, LocationView>();
  const viewOf = (location: string) => {
    let v = views.get(location);
    if (!v) views.set(location, (v = { location, last: null, counts: { up: 0, degraded: 0, failed: 0, unknown: 0 }, availabilityPercent: null }));
    return v;
  };
  for (const d of days) {
    if (d.endpointId !== endpointId) continue;
    const c = viewOf(d.location).counts;
    c.up += d.up;
    c.degraded += d.degraded;
    c.failed += d.failed;
    c.unknown += d.unknown;
  }
  for (const l of latest) {
    if (l.endpointId !== endpointId) continue;
    viewOf(l.location).last = { roundAt: l.roundAt, outcome: l.outcome, reason: l.reason, statusCode: l.statusCode, totalMs: l.totalMs };
  }
  for (const v of views.values()) {
    v.availabilityPercent = availability({ up: v.counts.up, degraded: v.counts.degraded, down: v.counts.failed, maintenance: 0, unknown: v.counts.unknown });
  }
  return [...views.values()].sort((a, b) => a.location.localeCompare(b.location));
}
