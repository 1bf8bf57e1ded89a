// Portals at a glance, for the dashboard's portal list and the public status page: each
// endpoint's state now, its availability over the last 24 hours and 30 days, its p95, an open
// incident and its certificate; a portal's state is its worst endpoint's; and the day bars of
// the status page. Pure: stored rows in, figures out (the formula is availability.ts's).
import type { BucketCounts, DailyRollup, EndpointRow, IncidentRow } from '../../storage/uptime.ts';
import { addCounts, availability, mergeHistograms, percentile, ZERO_COUNTS, type Histogram, type StateCounts } from './availability.ts';
import type { UptimeState } from './state-machine.ts';

/** Worst first: a portal is as bad as its worst endpoint. */
const SEVERITY: readonly UptimeState[] = ['down', 'degraded', 'maintenance', 'unknown', 'up'];

export function worstState(states: readonly UptimeState[]): UptimeState {
  if (states.length === 0) return 'unknown';
  return SEVERITY.find((s) => states.includes(s)) ?? 'unknown';
}

export interface EndpointSummary {
  endpointId: number;
  portalId: string;
  endpoint: string;
  url: string;
  state: UptimeState;
  stateSince: string | null;
  lastProbeAt: string | null;
  availability24h: number | null;
  availability30d: number | null;
  p95Ms30d: number | null;
  openIncident: { startedAt: string; cause: string } | null;
  certificate: { notAfter: string; issuer: string; daysLeft: number } | null;
}

export interface PortalSummary {
  portalId: string;
  name: string;
  agencyCode: string;
  url: string;
  state: UptimeState;
  endpoints: EndpointSummary[];
  /** Over all its endpoints' probes. */
  availability24h: number | null;
  availability30d: number | null;
}

const sum = (rows: readonly StateCounts[]) => rows.reduce<StateCounts>((acc, r) => addCounts(acc, r), { ...ZERO_COUNTS });

/** Rows grouped by endpoint id. */
function byEndpoint<T extends { endpointId: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.endpointId);
    if (list) list.push(r);
    else out.set(r.endpointId, [r]);
  }
  return out;
}

export function summarisePortals(input: {
  portals: ReadonlyArray<{ id: string; name: string; agency: string; url: string }>;
  endpoints: readonly EndpointRow[];
  /** The last 24 hourly buckets and the last 30 days (with histograms, for p95). */
  hours: readonly BucketCounts[];
  days: readonly DailyRollup[];
  openIncidents: readonly IncidentRow[];
  now: Date;
}): PortalSummary[] {
  const hours = byEndpoint(input.hours);
  const days = byEndpoint(input.days);
  const open = new Map(input.openIncidents.filter((i) => i.endedAt === null).map((i) => [i.endpointId, i]));
  return input.portals.map((p) => {
    const endpoints = input.endpoints.filter((e) => e.portalId === p.id && e.enabled).map((e): EndpointSummary => {
      const d = days.get(e.id) ?? [];
      const hist: Histogram = {};
      for (const r of d) mergeHistograms(hist, r.hist);
      const incident = open.get(e.id);
      return {
        endpointId: e.id, portalId: p.id, endpoint: e.key, url: e.url, state: e.state, stateSince: e.stateSince, lastProbeAt: e.lastProbeAt,
        availability24h: availability(sum(hours.get(e.id) ?? [])), availability30d: availability(sum(d)), p95Ms30d: percentile(hist, 0.95),
        openIncident: incident ? { startedAt: incident.startedAt, cause: incident.cause } : null,
        certificate: e.certNotAfter ? { notAfter: e.certNotAfter, issuer: e.certIssuer ?? '', daysLeft: Math.floor((Date.parse(e.certNotAfter) - input.now.getTime()) / 86_400_000) } : null,
      };
    });
    const ids = new Set(endpoints.map((e) => e.endpointId));
    return {
      portalId: p.id, name: p.name, agencyCode: p.agency, url: p.url, state: worstState(endpoints.map((e) => e.state)), endpoints,
      availability24h: availability(sum(input.hours.filter((h) => ids.has(h.endpointId)))),
      availability30d: availability(sum(input.days.filter((h) => ids.has(h.endpointId)))),
    };
  });
}

export type DayKind = 'up' | 'degraded' | 'down' | 'maintenance' | 'none';

export interface DaySlot {
  date: string;
  kind: DayKind;
  availability: number | null;
  counts: StateCounts;
}

/**
 * A portal's days, oldest first: a day with a DOWN probe on any endpoint is `down`, else one
 * with a DEGRADED probe `degraded`, else `up`; a day probed only in maintenance is `maintenance`;
 * a day without a probe is `none` (no figure, never "up").
 */
export function daySlots(dates: readonly string[], rows: readonly BucketCounts[]): DaySlot[] {
  const byDate = new Map<string, StateCounts>();
  for (const r of rows) byDate.set(r.start, addCounts(byDate.get(r.start) ?? ZERO_COUNTS, r));
  return dates.map((date) => {
    const c = byDate.get(date) ?? { ...ZERO_COUNTS };
    const kind: DayKind = c.down > 0 ? 'down' : c.degraded > 0 ? 'degraded' : c.up > 0 ? 'up' : c.maintenance > 0 ? 'maintenance' : 'none';
    return { date, kind, availability: availability(c), counts: c };
  });
}

/** Consecutive days of the same kind, for drawing and for saying in words. */
export function dayRuns(slots: readonly DaySlot[]): Array<{ kind: DayKind; from: string; to: string; days: DaySlot[] }> {
  const runs: Array<{ kind: DayKind; from: string; to: string; days: DaySlot[] }> = [];
  for (const s of slots) {
    const last = runs[runs.length - 1];
    if (last && last.kind === s.kind) {
      last.to = s.date;
      last.days.push(s);
    } else runs.push({ kind: s.kind, from: s.date, to: s.date, days: [s] });
  }
  return runs;
}

export interface BucketFigures {
  start: string;
  availability: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

/**
 * One endpoint's availability and response-time percentiles per bucket (hour, day or month), in
 * the order of `starts`; a bucket without probes has none (a gap in the chart).
 */
export function bucketFigures(starts: readonly string[], rows: ReadonlyArray<{ start: string } & StateCounts & { hist: Histogram }>): BucketFigures[] {
  const byStart = new Map<string, { counts: StateCounts; hist: Histogram }>();
  for (const r of rows) {
    const acc = byStart.get(r.start) ?? { counts: { ...ZERO_COUNTS }, hist: {} };
    acc.counts = addCounts(acc.counts, r);
    mergeHistograms(acc.hist, r.hist);
    byStart.set(r.start, acc);
  }
  return starts.map((start) => {
    const acc = byStart.get(start);
    return { start, availability: acc ? availability(acc.counts) : null, p50Ms: acc ? percentile(acc.hist, 0.5) : null, p95Ms: acc ? percentile(acc.hist, 0.95) : null };
  });
}
