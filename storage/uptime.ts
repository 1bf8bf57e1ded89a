// Uptime in the store: endpoints and their current state, raw probes, transitions, incidents,
// maintenance windows, rollups and retention. The only place uptime SQL lives.
//
// For the alerting capability (read-only, all times UTC ISO strings):
//   currentStates(db)              the state of every enabled endpoint, since when, and why
//   transitionsSince(db, since)    state changes after `since`, oldest first
//   incidentsSince(db, since)      incidents started, or ended, after `since` (open ones included)
//   certificateExpiries(db)        the last certificate seen per https endpoint, soonest expiry first
import type { Histogram } from '../src/uptime/availability.ts';
import { addRollup, emptyRollup, rollupDeltas, type ProbeGroup, type RollupCounts } from '../src/uptime/rollup.ts';
import type { MaintenanceWindow, NoticeVerdict } from '../src/uptime/maintenance.ts';
import type { Reach } from '../src/uptime/reach.ts';
import type { ProbeFields } from '../src/uptime/probe.ts';
import type { ClosedIncident, EndpointHealth, OpenIncident, Transition, UptimeState } from '../src/uptime/state-machine.ts';
import type { Db } from './db.ts';

export interface EndpointInput {
  portalId: string;
  key: string;
  url: string;
  intervalS: number;
  settings: unknown;
}

export interface EndpointRow {
  id: number;
  portalId: string;
  portalName: string;
  key: string;
  url: string;
  intervalS: number;
  enabled: boolean;
  state: UptimeState;
  stateSince: string | null;
  lastProbeAt: string | null;
  certSubject: string | null;
  certIssuer: string | null;
  certNotAfter: string | null;
  certSeenAt: string | null;
  /** Probed from several locations: whether the last verdict reached it from all or some of them. */
  reach: Reach | null;
  reachSince: string | null;
}

export interface StoredEndpoint {
  id: number;
  health: EndpointHealth;
  lastProbeAt: string | null;
  reach: Reach | null;
  reachSince: string | null;
}

/** Upserts the configured endpoints and disables the others; returns each with its persisted state. */
export function syncEndpoints(db: Db, endpoints: readonly EndpointInput[]): Map<string, StoredEndpoint> {
  const upsert = db.prepare(`
    INSERT INTO uptime_endpoint (portal_id, key, url, interval_s, enabled, settings_json)
    VALUES (@portalId, @key, @url, @intervalS, 1, @settings)
    ON CONFLICT (portal_id, key) DO UPDATE SET url = excluded.url, interval_s = excluded.interval_s,
      enabled = 1, settings_json = excluded.settings_json`);
  const read = db.prepare(`
    SELECT e.id, e.state, e.state_since, e.consecutive_failures, e.streak_started_at, e.streak_cause, e.last_probe_at,
           i.started_at AS incident_started_at, i.cause AS incident_cause, e.reach, e.reach_since
    FROM uptime_endpoint e LEFT JOIN uptime_incident i ON i.endpoint_id = e.id AND i.ended_at IS NULL
    WHERE e.portal_id = ? AND e.key = ?`);
  const out = new Map<string, StoredEndpoint>();
  db.transaction(() => {
    db.prepare('UPDATE uptime_endpoint SET enabled = 0').run();
    for (const e of endpoints) {
      upsert.run({ ...e, settings: JSON.stringify(e.settings) });
      const r = read.get(e.portalId, e.key) as {
        id: number; state: UptimeState; state_since: string | null; consecutive_failures: number; streak_started_at: string | null;
        streak_cause: string | null; last_probe_at: string | null; incident_started_at: string | null; incident_cause: string | null;
        reach: Reach | null; reach_since: string | null;
      };
      out.set(`${e.portalId}/${e.key}`, {
        id: r.id,
        lastProbeAt: r.last_probe_at,
        reach: r.reach,
        reachSince: r.reach_since,
        health: {
          state: r.state, since: r.state_since, consecutiveFailures: r.consecutive_failures,
          streakStartedAt: r.streak_started_at, streakCause: r.streak_cause,
          incident: r.incident_started_at ? { startedAt: r.incident_started_at, cause: r.incident_cause ?? 'unknown' } : null,
        },
      });
    }
    // An endpoint no longer configured is no longer watched: its open incident ends where it was last seen.
    db.prepare(`UPDATE uptime_incident SET ended_by = 'monitor_gap',
        ended_at = coalesce((SELECT last_probe_at FROM uptime_endpoint e WHERE e.id = uptime_incident.endpoint_id), started_at)
      WHERE ended_at IS NULL AND endpoint_id IN (SELECT id FROM uptime_endpoint WHERE enabled = 0)`).run();
  })();
  return out;
}

/** A configured window with its notice verdict. */
export type MaintenanceInput = MaintenanceWindow & NoticeVerdict;

/** Replaces the stored windows with the configured ones (history keeps their ids in probe rows). */
export function syncMaintenance(db: Db, windows: readonly MaintenanceInput[]): void {
  const insert = db.prepare(`
    INSERT INTO uptime_maintenance (id, portal_id, endpoints_json, starts_at, ends_at, announced_on, working_days_notice, announced, note)
    VALUES (@id, @portalId, @endpoints, @startsAt, @endsAt, @announcedOn, @workingDaysNotice, @announced, @note)
    ON CONFLICT (id) DO UPDATE SET portal_id = excluded.portal_id, endpoints_json = excluded.endpoints_json,
      starts_at = excluded.starts_at, ends_at = excluded.ends_at, announced_on = excluded.announced_on,
      working_days_notice = excluded.working_days_notice, announced = excluded.announced, note = excluded.note`);
  db.transaction(() => {
    for (const w of windows) insert.run({ ...w, endpoints: JSON.stringify(w.endpoints), announced: w.announced ? 1 : 0 });
  })();
}

/** A probe row: the raw fields of the probe (src/uptime/probe.ts) with its endpoint, time and state. */
export interface ProbeRecord extends ProbeFields {
  endpointId: number;
  at: string;
  latenessMs: number | null;
  state: UptimeState;
  maintenanceId: string | null;
}

/** What one probe round changes: its raw row, the endpoint's new state, and any transition or incident change. */
export interface RoundRecord {
  probe: ProbeRecord;
  health: EndpointHealth;
  transition: Transition | null;
  opened: OpenIncident | null;
  closed: ClosedIncident | null;
  certificate: { subject: string; issuer: string; notAfter: string } | null;
  /** Rounds judged from several locations: the verdict's reach and the locations behind it. */
  locations?: LocationsRecord | null;
}

export interface LocationsRecord {
  reach: Reach;
  /** When the endpoint's current reach began. */
  reachSince: string | null;
  /** Who said what ({answered, down, unknown, quorum, representative}), for the verdict row. */
  summaryJson: string;
  /** The round's local date (Asia/Ho_Chi_Minh), where a partial round is counted. */
  localDate: string;
  /** The locations that saw the portal down, kept with an incident this round opens. */
  down: string[];
}

/** Writes a batch of rounds in one transaction: all of them or none (the caller keeps them to retry). */
export function writeRounds(db: Db, rounds: readonly RoundRecord[]): void {
  const insertProbe = db.prepare(`
    INSERT INTO probe (endpoint_id, at, lateness_ms, outcome, state, reason, detail, attempts, status_code, dns_ms, connect_ms,
      tls_ms, first_byte_ms, total_ms, rt_bucket, body_bytes, ip, final_url, redirects_json, https_redirect, cert_not_after,
      cert_issuer, assertions_json, maintenance_id, stalled_ms, reach, locations_json)
    VALUES (@endpointId, @at, @latenessMs, @outcome, @state, @reason, @detail, @attempts, @statusCode, @dnsMs, @connectMs,
      @tlsMs, @firstByteMs, @totalMs, @rtBucket, @bodyBytes, @ip, @finalUrl, @redirectsJson, @httpsRedirect, @certNotAfter,
      @certIssuer, @assertionsJson, @maintenanceId, @stalledMs, @reach, @locationsJson)`);
  const updateEndpoint = db.prepare(`
    UPDATE uptime_endpoint SET state = @state, state_since = @since, consecutive_failures = @consecutiveFailures,
      streak_started_at = @streakStartedAt, streak_cause = @streakCause, last_probe_at = @at WHERE id = @id`);
  const updateCert = db.prepare(`
    UPDATE uptime_endpoint SET cert_subject = ?, cert_issuer = ?, cert_not_after = ?, cert_seen_at = ? WHERE id = ?`);
  const insertTransition = db.prepare('INSERT INTO uptime_transition (endpoint_id, at, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)');
  const closeIncident = db.prepare('UPDATE uptime_incident SET ended_at = ?, ended_by = ? WHERE endpoint_id = ? AND ended_at IS NULL');
  const openIncident = db.prepare('INSERT INTO uptime_incident (endpoint_id, started_at, cause, locations_json) VALUES (?, ?, ?, ?)');
  const updateReach = db.prepare('UPDATE uptime_endpoint SET reach = ?, reach_since = ? WHERE id = ?');
  const countPartial = db.prepare(`INSERT INTO probe_partial_day (endpoint_id, date, rounds) VALUES (?, ?, 1)
    ON CONFLICT (endpoint_id, date) DO UPDATE SET rounds = rounds + 1`);

  db.transaction(() => {
    for (const r of rounds) {
      const p = r.probe;
      const l = r.locations ?? null;
      insertProbe.run({ ...p, httpsRedirect: p.httpsRedirect === null ? null : p.httpsRedirect ? 1 : 0, reach: l?.reach ?? null, locationsJson: l?.summaryJson ?? null });
      if (l) {
        updateReach.run(l.reach, l.reachSince, p.endpointId);
        if (l.reach === 'partial') countPartial.run(p.endpointId, l.localDate);
      }
      updateEndpoint.run({ ...r.health, at: p.at, id: p.endpointId });
      if (r.certificate) updateCert.run(r.certificate.subject, r.certificate.issuer, r.certificate.notAfter, p.at, p.endpointId);
      if (r.transition) insertTransition.run(p.endpointId, r.transition.at, r.transition.from, r.transition.to, r.transition.reason);
      if (r.closed) closeIncident.run(r.closed.endedAt, r.closed.endedBy, p.endpointId);
      if (r.opened) openIncident.run(p.endpointId, r.opened.startedAt, r.opened.cause, l ? JSON.stringify(l.down) : null);
    }
  })();
}

/**
 * The prober was away (stopped, crashed) while an incident was open: the incident ends at the
 * last probe that saw it, and the endpoint's state becomes unknown.
 */
export function closeIncidentAtGap(db: Db, endpointId: number, lastSeenAt: string): void {
  db.transaction(() => {
    db.prepare("UPDATE uptime_incident SET ended_at = ?, ended_by = 'monitor_gap' WHERE endpoint_id = ? AND ended_at IS NULL").run(lastSeenAt, endpointId);
    db.prepare(`UPDATE uptime_endpoint SET state = 'unknown', state_since = ?, consecutive_failures = 0, streak_started_at = NULL,
      streak_cause = NULL WHERE id = ?`).run(lastSeenAt, endpointId);
  })();
}

// ---------------------------------------------------------------------------------------------
// Rollups and retention

/**
 * Adds the raw probes written since the last call to their hourly and daily rollups. Each probe
 * is counted exactly once: the position reached is saved in the same transaction. Cheap when
 * little is new, so the prober runs it every few minutes and `dvc-monitor uptime` before reading.
 * Returns the number of probes rolled up.
 */
export function refreshRollups(db: Db): number {
  const readRow = db.prepare(`
    SELECT up, degraded, down, maintenance, unknown, failed_probes AS failedProbes, rt_count AS rtCount,
           rt_sum_ms AS rtSumMs, rt_hist_json AS hist
    FROM probe_rollup WHERE endpoint_id = ? AND bucket = ? AND bucket_start = ?`);
  const upsert = db.prepare(`
    INSERT OR REPLACE INTO probe_rollup (endpoint_id, bucket, bucket_start, up, degraded, down, maintenance, unknown, failed_probes,
      rt_count, rt_sum_ms, rt_hist_json)
    VALUES (@endpointId, @bucket, @bucketStart, @up, @degraded, @down, @maintenance, @unknown, @failedProbes, @rtCount, @rtSumMs, @hist)`);
  const run = db.transaction(() => {
    const last = db.prepare('SELECT last_probe_id FROM uptime_rollup_progress WHERE id = 1').pluck().get() as number;
    const newest = db.prepare('SELECT max(id) FROM probe').pluck().get() as number | null;
    if (newest === null || newest <= last) return 0;
    const groups = db.prepare(`
      SELECT endpoint_id AS endpointId, substr(at, 1, 13) AS hour, state, outcome = 'failed' AS failed, rt_bucket AS rtBucket,
             count(*) AS probes, coalesce(sum(total_ms), 0) AS totalMs
      FROM probe WHERE id > ? AND id <= ? GROUP BY 1, 2, 3, 4, 5`).all(last, newest) as Array<Omit<ProbeGroup, 'failed'> & { failed: number }>;
    for (const d of rollupDeltas(groups.map((g) => ({ ...g, failed: g.failed === 1 })))) {
      const stored = readRow.get(d.endpointId, d.bucket, d.bucketStart) as (Omit<RollupCounts, 'hist'> & { hist: string }) | undefined;
      const total = stored ? { ...stored, hist: JSON.parse(stored.hist) as Histogram } : emptyRollup();
      addRollup(total, d.counts);
      upsert.run({ endpointId: d.endpointId, bucket: d.bucket, bucketStart: d.bucketStart, ...total, hist: JSON.stringify(total.hist) });
    }
    db.prepare('UPDATE uptime_rollup_progress SET last_probe_id = ? WHERE id = 1').run(newest);
    return groups.reduce((n, g) => n + g.probes, 0);
  });
  return run.immediate();
}

export interface RetentionCutoffs {
  /** Raw probes started before this are deleted (once rolled up). */
  rawBefore: string;
  hourlyBefore: string;
  /** Daily rollups for local dates before this, and transitions and ended incidents before it. */
  dailyBefore: string;
}

export interface RetentionResult {
  probes: number;
  hourly: number;
  daily: number;
  transitions: number;
}

// probe_rollup has no rowid: its rows are named by their primary key.
const rollupDelete = (bucket: 'hour' | 'day') => `DELETE FROM probe_rollup WHERE (endpoint_id, bucket, bucket_start) IN
  (SELECT endpoint_id, bucket, bucket_start FROM probe_rollup WHERE bucket = '${bucket}' AND bucket_start < ? LIMIT ?)`;

/** Deletes what is past its retention, in small batches so the prober is never held up for long. */
export function deleteExpired(db: Db, cut: RetentionCutoffs, batch = 5000): RetentionResult {
  const rolledUpTo = db.prepare('SELECT last_probe_id FROM uptime_rollup_progress WHERE id = 1').pluck().get() as number;
  const inBatches = (sql: string, ...params: unknown[]) => {
    const stmt = db.prepare(sql);
    let total = 0;
    for (;;) {
      const n = stmt.run(...params, batch).changes;
      total += n;
      if (n < batch) return total;
    }
  };
  const dailyDate = cut.dailyBefore.slice(0, 10);
  return {
    probes: inBatches('DELETE FROM probe WHERE id IN (SELECT id FROM probe WHERE at < ? AND id <= ? LIMIT ?)', cut.rawBefore, rolledUpTo),
    hourly: inBatches(rollupDelete('hour'), cut.hourlyBefore),
    daily: inBatches(rollupDelete('day'), dailyDate),
    transitions: inBatches('DELETE FROM uptime_transition WHERE id IN (SELECT id FROM uptime_transition WHERE at < ? LIMIT ?)', cut.dailyBefore),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

const ENDPOINT_COLUMNS = `e.id, e.portal_id AS portalId, p.name AS portalName, e.key, e.url, e.interval_s AS intervalS,
  e.enabled, e.state, e.state_since AS stateSince, e.last_probe_at AS lastProbeAt, e.cert_subject AS certSubject,
  e.cert_issuer AS certIssuer, e.cert_not_after AS certNotAfter, e.cert_seen_at AS certSeenAt, e.reach, e.reach_since AS reachSince`;

export function listEndpoints(db: Db, opts: { portalId?: string; includeDisabled?: boolean } = {}): EndpointRow[] {
  const rows = db.prepare(`
    SELECT ${ENDPOINT_COLUMNS} FROM uptime_endpoint e JOIN portal p ON p.id = e.portal_id
    WHERE (@portalId IS NULL OR e.portal_id = @portalId) AND (@all = 1 OR e.enabled = 1)
    ORDER BY e.portal_id, e.key`).all({ portalId: opts.portalId ?? null, all: opts.includeDisabled ? 1 : 0 }) as Array<Omit<EndpointRow, 'enabled'> & { enabled: number }>;
  return rows.map((r) => ({ ...r, enabled: r.enabled === 1 }));
}

export interface DailyRollup extends RollupCounts {
  endpointId: number;
  date: string;
}

type RollupRow = RollupCounts & { endpointId: number; start: string };

/**
 * The rollups of one bucket size for these endpoints, from `from` up to `to` (included or not).
 * Fields named, not spread: a year of 100 portals is 36,500 day rows.
 */
function rollupRows(db: Db, bucket: 'day' | 'hour', endpointIds: readonly number[], from: string, to: string, toIncluded: boolean): RollupRow[] {
  if (endpointIds.length === 0) return [];
  const rows = db.prepare(`
    SELECT endpoint_id AS endpointId, bucket_start AS start, up, degraded, down, maintenance, unknown, failed_probes AS failedProbes,
           rt_count AS rtCount, rt_sum_ms AS rtSumMs, rt_hist_json AS hist
    FROM probe_rollup WHERE bucket = ? AND bucket_start >= ? AND bucket_start ${toIncluded ? '<=' : '<'} ?
      AND endpoint_id IN (SELECT value FROM json_each(?))
    ORDER BY endpoint_id, bucket_start`).all(bucket, from, to, JSON.stringify(endpointIds)) as Array<Omit<RollupRow, 'hist'> & { hist: string }>;
  return rows.map((r) => ({
    endpointId: r.endpointId, start: r.start, up: r.up, degraded: r.degraded, down: r.down, maintenance: r.maintenance, unknown: r.unknown,
    failedProbes: r.failedProbes, rtCount: r.rtCount, rtSumMs: r.rtSumMs, hist: JSON.parse(r.hist) as Histogram,
  }));
}

/** How far the rollups have read the probe table: every rollup write advances it over the probes it counted. */
export function rollupPosition(db: Db): number {
  return db.prepare('SELECT last_probe_id FROM uptime_rollup_progress WHERE id = 1').pluck().get() as number;
}

/** Per endpoint, the oldest probe among ids (afterId, upToId]: the earliest bucket rollups of those probes wrote. */
export function oldestProbesBetween(db: Db, afterId: number, upToId: number): Array<{ endpointId: number; oldestAt: string }> {
  return db.prepare('SELECT endpoint_id AS endpointId, min(at) AS oldestAt FROM probe WHERE id > ? AND id <= ? GROUP BY endpoint_id')
    .all(afterId, upToId) as Array<{ endpointId: number; oldestAt: string }>;
}

/** Daily rollups for local dates from..to (inclusive). */
export function dailyRollups(db: Db, endpointIds: readonly number[], from: string, to: string): DailyRollup[] {
  return rollupRows(db, 'day', endpointIds, from, to, true).map(({ start, ...r }) => ({ ...r, date: start }));
}

export interface IncidentRow {
  id: number;
  endpointId: number;
  portalId: string;
  key: string;
  startedAt: string;
  endedAt: string | null;
  cause: string;
  endedBy: ClosedIncident['endedBy'] | 'monitor_gap' | null;
  /** Several locations: those that saw the portal down when it opened (JSON array), else null. */
  locationsJson: string | null;
}

const INCIDENT_SELECT = `SELECT i.id, i.endpoint_id AS endpointId, e.portal_id AS portalId, e.key, i.started_at AS startedAt,
  i.ended_at AS endedAt, i.cause, i.ended_by AS endedBy, i.locations_json AS locationsJson FROM uptime_incident i JOIN uptime_endpoint e ON e.id = i.endpoint_id`;

/** Incidents overlapping [from, to) (UTC), open ones included. */
export function incidentsBetween(db: Db, from: string, to: string, endpointIds?: readonly number[]): IncidentRow[] {
  return db.prepare(`${INCIDENT_SELECT}
    WHERE i.started_at < ? AND (i.ended_at IS NULL OR i.ended_at >= ?)
      AND (? IS NULL OR i.endpoint_id IN (SELECT value FROM json_each(?)))
    ORDER BY i.started_at`).all(to, from, endpointIds ? 1 : null, JSON.stringify(endpointIds ?? [])) as IncidentRow[];
}

export type MaintenanceRow = MaintenanceInput;

/** Declared windows overlapping [from, to) (UTC). */
export function maintenanceBetween(db: Db, from: string, to: string, portalId?: string): MaintenanceRow[] {
  const rows = db.prepare(`
    SELECT id, portal_id AS portalId, endpoints_json AS endpoints, starts_at AS startsAt, ends_at AS endsAt, announced_on AS announcedOn,
           working_days_notice AS workingDaysNotice, announced, note
    FROM uptime_maintenance WHERE starts_at < ? AND ends_at > ? AND (? IS NULL OR portal_id = ?) ORDER BY starts_at`)
    .all(to, from, portalId ?? null, portalId ?? null) as Array<Omit<MaintenanceRow, 'endpoints' | 'announced'> & { endpoints: string; announced: number }>;
  return rows.map((r) => ({ ...r, endpoints: JSON.parse(r.endpoints) as string[], announced: r.announced === 1 }));
}

export type LatestProbe = Pick<ProbeRecord,
  'endpointId' | 'at' | 'outcome' | 'state' | 'reason' | 'detail' | 'attempts' | 'statusCode' | 'dnsMs' | 'connectMs' | 'tlsMs'
  | 'firstByteMs' | 'totalMs' | 'finalUrl' | 'httpsRedirect'> & {
  redirects: Array<{ url: string; status: number }> | null;
  assertions: Array<{ condition: string; ok: boolean; actual: string; soft: boolean }> | null;
};

/** The most recent probe of each endpoint: what an operator reads first when it is down. */
export function latestProbes(db: Db, endpointIds: readonly number[]): LatestProbe[] {
  const stmt = db.prepare(`
    SELECT endpoint_id AS endpointId, at, outcome, state, reason, detail, attempts, status_code AS statusCode, dns_ms AS dnsMs,
           connect_ms AS connectMs, tls_ms AS tlsMs, first_byte_ms AS firstByteMs, total_ms AS totalMs, final_url AS finalUrl,
           redirects_json AS redirects, https_redirect AS httpsRedirect, assertions_json AS assertions
    FROM probe WHERE endpoint_id = ? ORDER BY at DESC LIMIT 1`);
  return endpointIds.flatMap((id) => {
    const r = stmt.get(id) as (Omit<LatestProbe, 'redirects' | 'assertions' | 'httpsRedirect'> & { redirects: string | null; assertions: string | null; httpsRedirect: number | null }) | undefined;
    if (!r) return [];
    return [{
      ...r,
      redirects: r.redirects === null ? null : (JSON.parse(r.redirects) as LatestProbe['redirects']),
      assertions: r.assertions === null ? null : (JSON.parse(r.assertions) as LatestProbe['assertions']),
      httpsRedirect: r.httpsRedirect === null ? null : r.httpsRedirect === 1,
    }];
  });
}

// ---- for alerts (issue 6) -------------------------------------------------------------------

/** The newest probe's id: probes after it are new (ids only grow, as the rollups rely on). */
export function newestProbeId(db: Db): number {
  return (db.prepare('SELECT max(id) FROM probe').pluck().get() as number | null) ?? 0;
}

/** Probes written after `afterId`, counted per endpoint and state (the verdicts, one per round), and the newest id counted. */
export function probeCountsSince(db: Db, afterId: number): { newestId: number; counts: Array<{ endpointId: number; state: UptimeState; n: number }> } {
  return db.transaction(() => {
    const newestId = newestProbeId(db);
    const counts = newestId > afterId
      ? db.prepare('SELECT endpoint_id AS endpointId, state, count(*) AS n FROM probe WHERE id > ? AND id <= ? GROUP BY 1, 2').all(afterId, newestId) as Array<{ endpointId: number; state: UptimeState; n: number }>
      : [];
    return { newestId, counts };
  })();
}

export interface CurrentState {
  endpointId: number;
  portalId: string;
  key: string;
  url: string;
  state: UptimeState;
  since: string | null;
  lastProbeAt: string | null;
  /** Reason of the last probe (failure, degradation or unknown reason), null when it was UP. */
  reason: string | null;
}

/** The current state of every enabled endpoint. */
export function currentStates(db: Db): CurrentState[] {
  return db.prepare(`
    SELECT e.id AS endpointId, e.portal_id AS portalId, e.key, e.url, e.state, e.state_since AS since, e.last_probe_at AS lastProbeAt,
      (SELECT reason FROM probe WHERE endpoint_id = e.id ORDER BY at DESC LIMIT 1) AS reason
    FROM uptime_endpoint e WHERE e.enabled = 1 ORDER BY e.portal_id, e.key`).all() as CurrentState[];
}

export interface TransitionRow {
  id: number;
  endpointId: number;
  portalId: string;
  key: string;
  at: string;
  from: UptimeState;
  to: UptimeState;
  reason: string | null;
}

/** State changes strictly after `since` (UTC ISO), oldest first. */
export function transitionsSince(db: Db, since: string): TransitionRow[] {
  return db.prepare(`
    SELECT t.id, t.endpoint_id AS endpointId, e.portal_id AS portalId, e.key, t.at, t.from_state AS "from", t.to_state AS "to", t.reason
    FROM uptime_transition t JOIN uptime_endpoint e ON e.id = t.endpoint_id WHERE t.at > ? ORDER BY t.at, t.id`).all(since) as TransitionRow[];
}

/** Incidents that started or ended strictly after `since`, open ones included, oldest first. */
export function incidentsSince(db: Db, since: string): IncidentRow[] {
  return db.prepare(`${INCIDENT_SELECT} WHERE i.started_at > ? OR i.ended_at > ? OR i.ended_at IS NULL ORDER BY i.started_at`).all(since, since) as IncidentRow[];
}

export interface CertificateRow {
  endpointId: number;
  portalId: string;
  key: string;
  url: string;
  subject: string;
  issuer: string;
  notAfter: string;
  seenAt: string;
}

/** The last certificate seen per enabled https endpoint, soonest expiry first. */
export function certificateExpiries(db: Db): CertificateRow[] {
  return db.prepare(`
    SELECT id AS endpointId, portal_id AS portalId, key, url, cert_subject AS subject, cert_issuer AS issuer,
           cert_not_after AS notAfter, cert_seen_at AS seenAt
    FROM uptime_endpoint WHERE enabled = 1 AND cert_not_after IS NOT NULL ORDER BY cert_not_after`).all() as CertificateRow[];
}

// ---- for the dashboard and the status page (issue 14) ----------------------------------------

/** A raw probe as the heartbeat bar shows it. */
export interface Beat {
  endpointId: number;
  at: string;
  state: UptimeState;
  reason: string | null;
  statusCode: number | null;
  totalMs: number | null;
}

/** The newest `limit` probes of each endpoint, oldest first (raw probes: the last rawDays at most). */
export function recentBeats(db: Db, endpointIds: readonly number[], limit: number): Beat[] {
  const stmt = db.prepare(`
    SELECT endpoint_id AS endpointId, at, state, reason, status_code AS statusCode, total_ms AS totalMs
    FROM probe WHERE endpoint_id = ? ORDER BY at DESC LIMIT ?`);
  return endpointIds.flatMap((id) => (stmt.all(id, limit) as Beat[]).reverse());
}

export interface HourlyRollup extends RollupCounts {
  endpointId: number;
  /** UTC hour start, ISO. */
  hour: string;
}

/** Hourly rollups of the hours starting in [from, to) (UTC ISO). */
export function hourlyRollups(db: Db, endpointIds: readonly number[], from: string, to: string): HourlyRollup[] {
  return rollupRows(db, 'hour', endpointIds, from, to, false).map(({ start, ...r }) => ({ ...r, hour: start }));
}

/** A rollup bucket's probe counts by state, without the response-time histogram (status bars, lists). */
export interface BucketCounts {
  endpointId: number;
  /** A local date for days, a UTC hour start (ISO) for hours. */
  start: string;
  up: number;
  degraded: number;
  down: number;
  maintenance: number;
  unknown: number;
}

/** Counts of these endpoints' buckets starting from..to (both inclusive), oldest first; one index range per endpoint. */
export function bucketStateCounts(db: Db, endpointIds: readonly number[], bucket: 'hour' | 'day', from: string, to: string): BucketCounts[] {
  const stmt = db.prepare(`
    SELECT endpoint_id AS endpointId, bucket_start AS start, up, degraded, down, maintenance, unknown
    FROM probe_rollup WHERE endpoint_id = ? AND bucket = ? AND bucket_start >= ? AND bucket_start <= ? ORDER BY bucket_start`);
  return endpointIds.flatMap((id) => stmt.all(id, bucket, from, to) as BucketCounts[]);
}

/** When the newest probe of any endpoint ran (UTC ISO), or null before the first. */
export function newestProbeAt(db: Db): string | null {
  return db.prepare('SELECT max(last_probe_at) FROM uptime_endpoint').pluck().get() as string | null;
}

/** State changes of these endpoints in [from, to) (UTC ISO), oldest first: an incident's updates. */
export function transitionsBetween(db: Db, endpointIds: readonly number[], from: string, to: string): TransitionRow[] {
  if (endpointIds.length === 0) return [];
  return db.prepare(`
    SELECT t.id, t.endpoint_id AS endpointId, e.portal_id AS portalId, e.key, t.at, t.from_state AS "from", t.to_state AS "to", t.reason
    FROM uptime_transition t JOIN uptime_endpoint e ON e.id = t.endpoint_id
    WHERE t.at >= ? AND t.at < ? AND t.endpoint_id IN (SELECT value FROM json_each(?)) ORDER BY t.at, t.id`).all(from, to, JSON.stringify(endpointIds)) as TransitionRow[];
}
