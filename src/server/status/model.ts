// What the public status page shows, and nothing more: the portals the configuration marks
// `public: true` — name, public address, state, 90 days of availability, incidents with their
// updates, maintenance announced ahead with the NĐ 224/2026 notice verdict. No probe address (a
// status endpoint's URL may be internal), no failure detail, no other portal, no KPI.
import type { Db } from '../../../storage/db.ts';
import {
  bucketStateCounts, incidentsBetween, listEndpoints, maintenanceBetween, transitionsBetween, type BucketCounts, type MaintenanceRow,
} from '../../../storage/uptime.ts';
import type { LoadedConfig } from '../../config/load.ts';
import { localDate } from '../../time/period.ts';
import { addCounts, availability, ZERO_COUNTS } from '../../uptime/availability.ts';
import { groupBy } from '../../collections.ts';
import type { UptimeState } from '../../uptime/state-machine.ts';
import { daySlots, worstState, type DaySlot } from '../../uptime/summary.ts';

const DAY_MS = 86_400_000;
export const STATUS_DAYS = 90;

export interface PublicPortal {
  id: string;
  name: string;
  url: string;
  state: UptimeState;
  /** Since when the worst endpoint has been in that state (UTC ISO). */
  since: string | null;
  days: DaySlot[];
  availability: number | null;
}

export interface PublicIncident {
  /** Stable across renders: the store's incident id. */
  id: number;
  portalId: string;
  portalName: string;
  endpoint: string;
  startedAt: string;
  endedAt: string | null;
  durationMs: number;
  cause: string;
  /** The state changes while it lasted, oldest first. */
  updates: Array<{ at: string; from: UptimeState; to: UptimeState; reason: string | null }>;
}

export interface PublicMaintenance extends MaintenanceRow {
  portalName: string;
}

export interface StatusModel {
  generatedAt: string;
  state: UptimeState;
  portals: PublicPortal[];
  /** The last 90 days', newest first. */
  incidents: PublicIncident[];
  /** Not yet over (in progress or ahead), soonest first. */
  maintenance: PublicMaintenance[];
}

export function publicPortals(loaded: LoadedConfig) {
  return loaded.config.portals.filter((p) => p.public && p.enabled);
}

/** `dayCounts`: where the days' counts are read (the dashboard keeps closed days in memory: src/uptime/closed-days.ts). */
export function statusModel(db: Db, loaded: LoadedConfig, now: Date, dayCounts: (ids: readonly number[], from: string, to: string) => BucketCounts[] = (ids, from, to) => bucketStateCounts(db, ids, 'day', from, to)): StatusModel {
  const portals = publicPortals(loaded);
  const wanted = new Set(portals.map((p) => p.id));
  const endpoints = listEndpoints(db).filter((e) => wanted.has(e.portalId));
  const ids = endpoints.map((e) => e.id);
  const dates = Array.from({ length: STATUS_DAYS }, (_, i) => localDate(new Date(now.getTime() - (STATUS_DAYS - 1 - i) * DAY_MS)));
  const counts = dayCounts(ids, dates[0]!, dates[dates.length - 1]!);
  const from = new Date(now.getTime() - STATUS_DAYS * DAY_MS).toISOString();
  const to = new Date(now.getTime() + 1).toISOString();
  const incidents = incidentsBetween(db, from, to, ids);
  const transitions = transitionsBetween(db, ids, from, to);
  const keyOf = new Map(endpoints.map((e) => [e.id, e]));
  const names = new Map(portals.map((p) => [p.id, p.name]));
  // Grouped once: 100 portals' 90 days are 9,000 rows, and 90 days' transitions a thousand.
  const countsOf = groupBy(counts, (c) => c.endpointId);
  const transitionsOf = groupBy(transitions, (tr) => tr.endpointId);
  const endpointsOf = groupBy(endpoints, (e) => e.portalId);

  const publicList: PublicPortal[] = portals.map((p) => {
    const mine = endpointsOf.get(p.id) ?? [];
    const state = worstState(mine.map((e) => e.state));
    const rows = mine.flatMap((e) => countsOf.get(e.id) ?? []);
    return {
      id: p.id, name: p.name, url: p.url, state,
      since: mine.filter((e) => e.state === state).map((e) => e.stateSince).filter((s): s is string => s !== null).sort()[0] ?? null,
      days: daySlots(dates, rows),
      availability: availability(rows.reduce((acc, r) => addCounts(acc, r), { ...ZERO_COUNTS })),
    };
  });

  return {
    generatedAt: now.toISOString(),
    state: worstState(publicList.map((p) => p.state)),
    portals: publicList,
    incidents: incidents.map((i): PublicIncident => {
      const end = i.endedAt ?? now.toISOString();
      return {
        id: i.id, portalId: i.portalId, portalName: names.get(i.portalId) ?? i.portalId, endpoint: keyOf.get(i.endpointId)?.key ?? i.key,
        startedAt: i.startedAt, endedAt: i.endedAt, cause: i.cause, durationMs: Date.parse(end) - Date.parse(i.startedAt),
        updates: (transitionsOf.get(i.endpointId) ?? []).filter((tr) => tr.at >= i.startedAt && tr.at <= end).map((tr) => ({ at: tr.at, from: tr.from, to: tr.to, reason: tr.reason })),
      };
    }).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1)),
    maintenance: maintenanceBetween(db, now.toISOString(), '9999-12-31T00:00:00.000Z')
      .filter((m) => wanted.has(m.portalId))
      .map((m) => ({ ...m, portalName: names.get(m.portalId) ?? m.portalId })),
  };
}
