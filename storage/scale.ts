// The scale-out coordinator's SQL (issue 16): each location's probe results, results of run jobs
// staged until their job is ingested, dead letters, gaps and location states. The coordinator is
// the only process that writes them; everything else reads.
import type { ProbeFields } from '../src/uptime/probe.ts';
import type { Db } from './db.ts';
import { saveBlob } from './evidence.ts';

/** One location's result of one probe round. */
export interface LocationResultRow extends ProbeFields {
  resultId: string;
  endpointId: number;
  roundAt: string;
  location: string;
  worker: string | null;
  at: string;
  latenessMs: number | null;
  certSubject: string | null;
}

export interface StagedResultInput {
  resultId: string;
  kind: 'collect' | 'check_page';
  jobId: number;
  attempt: number;
  pageUrl: string | null;
  worker: string | null;
  location: string | null;
  body: unknown;
}

export interface DeadLetterInput {
  resultId: string | null;
  queue: string;
  reason: string;
  message: string;
  payload: string;
}

export interface IngestBatch {
  /** With the local date (Asia/Ho_Chi_Minh) of the round, where the location's day counts go. */
  locations: Array<{ row: LocationResultRow; localDate: string }>;
  staged: StagedResultInput[];
  blobs: Buffer[];
  dead: DeadLetterInput[];
}

export interface IngestOutcome {
  /** Per location row: stored now (false: the same result was stored before). */
  locationsStored: boolean[];
  /** Per staged result: stored now (false: seen before, or its job attempt is no longer waiting). */
  staged: boolean[];
}

const DAY_COLUMN = { up: 'up', degraded: 'degraded', failed: 'failed', unknown: 'unknown' } as const;

/** Writes one batch of results in one transaction: all of it or nothing (the caller retries). */
export function writeIngestBatch(db: Db, batch: IngestBatch, receivedAt: string): IngestOutcome {
  const insertLocation = db.prepare(`
    INSERT INTO probe_location (result_id, endpoint_id, round_at, location, worker, at, lateness_ms, outcome, reason, detail, attempts,
      status_code, dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms, rt_bucket, body_bytes, ip, final_url, redirects_json,
      https_redirect, cert_not_after, cert_issuer, cert_subject, assertions_json, stalled_ms, received_at)
    VALUES (@resultId, @endpointId, @roundAt, @location, @worker, @at, @latenessMs, @outcome, @reason, @detail, @attempts,
      @statusCode, @dnsMs, @connectMs, @tlsMs, @firstByteMs, @totalMs, @rtBucket, @bodyBytes, @ip, @finalUrl, @redirectsJson,
      @httpsRedirect, @certNotAfter, @certIssuer, @certSubject, @assertionsJson, @stalledMs, @receivedAt)
    ON CONFLICT (result_id) DO NOTHING`);
  const countDay = new Map(Object.entries(DAY_COLUMN).map(([k, column]) => [k, db.prepare<[number, string, string]>(`
    INSERT INTO probe_location_day (endpoint_id, location, date, ${column}) VALUES (?, ?, ?, 1)
    ON CONFLICT (endpoint_id, location, date) DO UPDATE SET ${column} = ${column} + 1`)]));
  // Only a result for the attempt its job is waiting on is kept: one for an earlier attempt, or
  // for a job already ingested, changes nothing.
  const stage = db.prepare(`
    INSERT INTO queue_result (result_id, kind, job_id, attempt, page_url, worker, location, body_json, received_at)
    SELECT @resultId, @kind, @jobId, @attempt, @pageUrl, @worker, @location, @body, @receivedAt
    WHERE EXISTS (SELECT 1 FROM job WHERE id = @jobId AND status = 'running' AND attempts = @attempt)
    ON CONFLICT (result_id) DO NOTHING`);
  const dead = db.prepare('INSERT INTO queue_dead_letter (result_id, queue, reason, message, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  return db.transaction((): IngestOutcome => {
    for (const b of batch.blobs) saveBlob(db, b);
    const locationsStored = batch.locations.map(({ row, localDate }) => {
      const stored = insertLocation.run({ ...row, httpsRedirect: row.httpsRedirect === null ? null : row.httpsRedirect ? 1 : 0, receivedAt }).changes === 1;
      if (stored) countDay.get(row.outcome)!.run(row.endpointId, row.location, localDate);
      return stored;
    });
    const staged = batch.staged.map((s) => stage.run({ ...s, body: JSON.stringify(s.body), receivedAt }).changes === 1);
    for (const d of batch.dead) dead.run(d.resultId, d.queue, d.reason, d.message, d.payload, receivedAt);
    return { locationsStored, staged };
  })();
}

const LOCATION_COLUMNS = `result_id AS resultId, endpoint_id AS endpointId, round_at AS roundAt, location, worker, at, lateness_ms AS latenessMs,
  outcome, reason, detail, attempts, status_code AS statusCode, dns_ms AS dnsMs, connect_ms AS connectMs, tls_ms AS tlsMs,
  first_byte_ms AS firstByteMs, total_ms AS totalMs, rt_bucket AS rtBucket, body_bytes AS bodyBytes, ip, final_url AS finalUrl,
  redirects_json AS redirectsJson, https_redirect AS httpsRedirect, cert_not_after AS certNotAfter, cert_issuer AS certIssuer,
  cert_subject AS certSubject, assertions_json AS assertionsJson, stalled_ms AS stalledMs`;

const toLocationRow = (r: Omit<LocationResultRow, 'httpsRedirect'> & { httpsRedirect: number | null }): LocationResultRow =>
  ({ ...r, httpsRedirect: r.httpsRedirect === null ? null : r.httpsRedirect === 1 });

/** Rounds with location results but no verdict yet (left by a coordinator that stopped), oldest first. */
export function unjudgedRounds(db: Db, before: string): Array<{ endpointId: number; roundAt: string }> {
  return db.prepare(`
    SELECT DISTINCT l.endpoint_id AS endpointId, l.round_at AS roundAt FROM probe_location l
    WHERE l.round_at < ? AND NOT EXISTS (SELECT 1 FROM probe p WHERE p.endpoint_id = l.endpoint_id AND p.at = l.round_at)
      AND l.round_at > coalesce((SELECT last_probe_at FROM uptime_endpoint e WHERE e.id = l.endpoint_id), '')
    ORDER BY l.round_at, l.endpoint_id`).all(before) as Array<{ endpointId: number; roundAt: string }>;
}

export function locationResultsOfRound(db: Db, endpointId: number, roundAt: string): LocationResultRow[] {
  return (db.prepare(`SELECT ${LOCATION_COLUMNS} FROM probe_location WHERE endpoint_id = ? AND round_at = ? ORDER BY location`)
    .all(endpointId, roundAt) as Array<Omit<LocationResultRow, 'httpsRedirect'> & { httpsRedirect: number | null }>).map(toLocationRow);
}

/** The newest result of each location for each endpoint (an index walk per pair, however long the history). */
export function latestLocationResults(db: Db, endpointIds: readonly number[]): LocationResultRow[] {
  if (endpointIds.length === 0) return [];
  const pairs = db.prepare(`SELECT DISTINCT endpoint_id AS endpointId, location FROM probe_location_day
    WHERE endpoint_id IN (SELECT value FROM json_each(?)) ORDER BY endpoint_id, location`).all(JSON.stringify(endpointIds)) as Array<{ endpointId: number; location: string }>;
  const latest = db.prepare(`SELECT ${LOCATION_COLUMNS} FROM probe_location WHERE endpoint_id = ? AND location = ? ORDER BY round_at DESC, id DESC LIMIT 1`);
  return pairs.flatMap((p) => {
    const r = latest.get(p.endpointId, p.location) as (Omit<LocationResultRow, 'httpsRedirect'> & { httpsRedirect: number | null }) | undefined;
    return r ? [toLocationRow(r)] : [];
  });
}

export interface LocationDayRow {
  endpointId: number;
  location: string;
  date: string;
  up: number;
  degraded: number;
  failed: number;
  unknown: number;
}

/** Each location's counts per local date from..to (inclusive). */
export function locationDays(db: Db, endpointIds: readonly number[], from: string, to: string): LocationDayRow[] {
  if (endpointIds.length === 0) return [];
  return db.prepare(`
    SELECT endpoint_id AS endpointId, location, date, up, degraded, failed, unknown FROM probe_location_day
    WHERE endpoint_id IN (SELECT value FROM json_each(?)) AND date >= ? AND date <= ? ORDER BY endpoint_id, location, date`)
    .all(JSON.stringify(endpointIds), from, to) as LocationDayRow[];
}

/** Partially reachable rounds per endpoint and local date from..to. */
export function partialDays(db: Db, endpointIds: readonly number[], from: string, to: string): Array<{ endpointId: number; date: string; rounds: number }> {
  if (endpointIds.length === 0) return [];
  return db.prepare(`SELECT endpoint_id AS endpointId, date, rounds FROM probe_partial_day
    WHERE endpoint_id IN (SELECT value FROM json_each(?)) AND date >= ? AND date <= ?`).all(JSON.stringify(endpointIds), from, to) as Array<{ endpointId: number; date: string; rounds: number }>;
}

/** Endpoints reachable from some locations only now, with who cannot reach them (for the alert rule). */
export function partiallyReachable(db: Db): Array<{ endpointId: number; portalId: string; key: string; url: string; since: string | null; locationsJson: string | null; reason: string | null }> {
  return db.prepare(`
    SELECT e.id AS endpointId, e.portal_id AS portalId, e.key, e.url, e.reach_since AS since,
      (SELECT locations_json FROM probe WHERE endpoint_id = e.id ORDER BY at DESC LIMIT 1) AS locationsJson,
      (SELECT reason FROM uptime_transition WHERE endpoint_id = e.id AND to_state = 'partial' ORDER BY at DESC LIMIT 1) AS reason
    FROM uptime_endpoint e WHERE e.enabled = 1 AND e.reach = 'partial' AND e.state IN ('up', 'degraded') ORDER BY e.portal_id, e.key`).all() as Array<{
    endpointId: number; portalId: string; key: string; url: string; since: string | null; locationsJson: string | null; reason: string | null;
  }>;
}

export function knownEndpointIds(db: Db): number[] {
  return db.prepare('SELECT id FROM uptime_endpoint WHERE enabled = 1').pluck().all() as number[];
}

/** Raw location results of rounds before the cutoff, deleted in batches (like raw probes). */
export function deleteLocationResultsBefore(db: Db, cutoff: string, batch = 5000): number {
  const stmt = db.prepare('DELETE FROM probe_location WHERE id IN (SELECT id FROM probe_location WHERE round_at < ? LIMIT ?)');
  let total = 0;
  for (;;) {
    const n = stmt.run(cutoff, batch).changes;
    total += n;
    if (n < batch) return total;
  }
}

// ---- run jobs handed to workers -------------------------------------------------------------

export interface JobState {
  status: 'pending' | 'running' | 'succeeded' | 'failed';
  attempts: number;
  startedAt: string | null;
}

export function jobState(db: Db, jobId: number): JobState | undefined {
  return db.prepare('SELECT status, attempts, started_at AS startedAt FROM job WHERE id = ?').get(jobId) as JobState | undefined;
}

export interface StagedResult {
  resultId: string;
  pageUrl: string | null;
  worker: string | null;
  location: string | null;
  body: unknown;
}

/** Results staged for a job's attempt. */
export function stagedResults(db: Db, jobId: number, attempt: number): StagedResult[] {
  return (db.prepare(`SELECT result_id AS resultId, page_url AS pageUrl, worker, location, body_json AS body FROM queue_result
    WHERE job_id = ? AND attempt = ? ORDER BY received_at, result_id`).all(jobId, attempt) as Array<StagedResult & { body: string }>)
    .map((r) => ({ ...r, body: JSON.parse(r.body) as unknown }));
}

/** Staged results are consumed with their job's outcome; these are those of finished jobs. */
export function deleteStagedOfJob(db: Db, jobId: number): number {
  return db.prepare('DELETE FROM queue_result WHERE job_id = ?').run(jobId).changes;
}

/** Staged results whose job is no longer waiting (late duplicates, finished runs). */
export function deleteStaleStaged(db: Db): number {
  return db.prepare(`DELETE FROM queue_result WHERE NOT EXISTS
    (SELECT 1 FROM job j WHERE j.id = queue_result.job_id AND j.status = 'running' AND j.attempts = queue_result.attempt)`).run().changes;
}

// ---- dead letters, gaps, locations ----------------------------------------------------------

export interface DeadLetterRow extends DeadLetterInput {
  id: number;
  receivedAt: string;
}

export function deadLetters(db: Db, limit = 100): DeadLetterRow[] {
  return db.prepare(`SELECT id, result_id AS resultId, queue, reason, message, payload, received_at AS receivedAt
    FROM queue_dead_letter ORDER BY id DESC LIMIT ?`).all(limit) as DeadLetterRow[];
}

export function deadLetterCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM queue_dead_letter').pluck().get() as number;
}

export type GapScope = 'queue' | 'location';

/** Opens a gap unless one of this scope and location is open already. */
export function openGap(db: Db, scope: GapScope, location: string, at: string, reason: string): void {
  db.prepare(`INSERT INTO queue_gap (scope, location, started_at, reason) VALUES (?, ?, ?, ?)
    ON CONFLICT (scope, location) WHERE ended_at IS NULL DO NOTHING`).run(scope, location, at, reason);
}

export function closeGap(db: Db, scope: GapScope, location: string, at: string): void {
  db.prepare('UPDATE queue_gap SET ended_at = ? WHERE scope = ? AND location = ? AND ended_at IS NULL').run(at, scope, location);
}

export interface GapRow {
  id: number;
  scope: GapScope;
  location: string;
  startedAt: string;
  endedAt: string | null;
  reason: string;
}

/** Gaps overlapping [from, to) (UTC), open ones included. */
export function gapsBetween(db: Db, from: string, to: string): GapRow[] {
  return db.prepare(`SELECT id, scope, location, started_at AS startedAt, ended_at AS endedAt, reason FROM queue_gap
    WHERE started_at < ? AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at, id`).all(to, from) as GapRow[];
}

export interface LocationStateRow {
  location: string;
  state: 'up' | 'unknown';
  since: string;
  lastSeenAt: string | null;
  workers: number;
}

export function saveLocationState(db: Db, s: LocationStateRow): void {
  db.prepare(`INSERT INTO queue_location (location, state, since, last_seen_at, workers) VALUES (@location, @state, @since, @lastSeenAt, @workers)
    ON CONFLICT (location) DO UPDATE SET state = excluded.state, since = excluded.since, last_seen_at = excluded.last_seen_at, workers = excluded.workers`).run(s);
}

export function locationStates(db: Db): LocationStateRow[] {
  return db.prepare('SELECT location, state, since, last_seen_at AS lastSeenAt, workers FROM queue_location ORDER BY location').all() as LocationStateRow[];
}
