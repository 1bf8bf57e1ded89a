// Runs and their jobs. A job's measures and its "succeeded" mark are written in one
// transaction, so a process killed at any point leaves either both or neither.
import type { JobSpec } from '../src/run/job.ts';
import type { Db } from './db.ts';
import { upsertMeasures, type MeasureInput } from './measures.ts';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'abandoned';
export type JobStatus = 'pending' | 'running' | 'succeeded' | 'failed';

export interface RunVersions {
  toolVersion: string;
  nodeVersion: string;
  configHash: string;
  scoringVersion?: string | null;
  axeVersion?: string | null;
  trackerListVersion?: string | null;
  browserVersion?: string | null;
}

export interface RunRow {
  id: number;
  trigger: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  pid: number | null;
  host: string | null;
  plan: unknown;
  configHash: string;
  toolVersion: string;
}


export interface JobRow extends JobSpec {
  id: number;
  runId: number;
  status: JobStatus;
  attempts: number;
  failureReason: string | null;
  failureMessage: string | null;
  measuresWritten: number | null;
  /** Data notes the normaliser left (unknown units, unreadable values, counters that went down). */
  notes: Array<{ kind: string; message: string; agencyCode?: string; metric?: string; period?: string }>;
}

const RUN_COLUMNS = `id, trigger, status, started_at AS startedAt, finished_at AS finishedAt, pid, host,
  plan_json AS plan, config_hash AS configHash, tool_version AS toolVersion`;

const toRun = (r: RunRow & { plan: string }): RunRow => ({ ...r, plan: JSON.parse(r.plan) });

export function createRun(db: Db, r: { trigger: string; plan: unknown; pid: number; host: string; now: Date } & RunVersions): RunRow {
  const id = db.prepare(`
    INSERT INTO run (trigger, status, started_at, pid, host, plan_json, tool_version, node_version, config_hash,
                     scoring_version, axe_version, tracker_list_version, browser_version)
    VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    r.trigger, r.now.toISOString(), r.pid, r.host, JSON.stringify(r.plan), r.toolVersion, r.nodeVersion, r.configHash,
    r.scoringVersion ?? null, r.axeVersion ?? null, r.trackerListVersion ?? null, r.browserVersion ?? null,
  ).lastInsertRowid;
  return getRun(db, Number(id))!;
}

export function getRun(db: Db, id: number): RunRow | undefined {
  const r = db.prepare(`SELECT ${RUN_COLUMNS} FROM run WHERE id = ?`).get(id) as (RunRow & { plan: string }) | undefined;
  return r && toRun(r);
}

/** The newest run still marked running (its process may be alive or dead). */
export function latestRunningRun(db: Db): RunRow | undefined {
  const r = db.prepare(`SELECT ${RUN_COLUMNS} FROM run WHERE status = 'running' ORDER BY id DESC LIMIT 1`).get() as
    | (RunRow & { plan: string })
    | undefined;
  return r && toRun(r);
}

/** Takes over a run left by a dead process: it now belongs to `pid`. */
export function adoptRun(db: Db, runId: number, pid: number, host: string): void {
  db.prepare('UPDATE run SET pid = ?, host = ? WHERE id = ?').run(pid, host, runId);
}

/** Leaves a run unfinished with no owner, for the next run to resume. */
export function releaseRun(db: Db, runId: number): void {
  db.prepare('UPDATE run SET pid = NULL WHERE id = ?').run(runId);
}

export function finishRun(db: Db, runId: number, status: Exclude<RunStatus, 'running'>, now: Date): void {
  db.prepare('UPDATE run SET status = ?, finished_at = ?, pid = NULL WHERE id = ?').run(status, now.toISOString(), runId);
}

/** Adds the planned jobs; ones already present (same key) are kept as they are. */
export function addJobs(db: Db, runId: number, jobs: JobSpec[]): void {
  const insert = db.prepare(`
    INSERT INTO job (run_id, key, kind, source_id, portal_id, period, params_json, status)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT (run_id, key) DO NOTHING`);
  db.transaction(() => {
    for (const j of jobs) insert.run(runId, j.key, j.kind, j.sourceId, j.portalId, j.period, JSON.stringify(j.params));
  })();
}

const JOB_COLUMNS = `id, run_id AS runId, key, kind, source_id AS sourceId, portal_id AS portalId, period,
  params_json AS params, status, attempts, failure_reason AS failureReason, failure_message AS failureMessage,
  measures_written AS measuresWritten, notes_json AS notes`;

const toJob = (r: JobRow & { params: string; notes: string | null }): JobRow => ({ ...r, params: JSON.parse(r.params), notes: r.notes ? JSON.parse(r.notes) : [] });

export function listJobs(db: Db, runId: number): JobRow[] {
  return (db.prepare(`SELECT ${JOB_COLUMNS} FROM job WHERE run_id = ? ORDER BY id`).all(runId) as Array<JobRow & { params: string; notes: string | null }>).map(toJob);
}

/** Did a job with this key succeed in an earlier run? (Its source answered in this shape before.) */
export function succeededBefore(db: Db, key: string, runId: number): boolean {
  return db.prepare("SELECT 1 FROM job WHERE key = ? AND status = 'succeeded' AND run_id < ? LIMIT 1").get(key, runId) !== undefined;
}

/** Jobs still to do: never started, interrupted while running, or failed (retried on resume). */
export function jobsToDo(db: Db, runId: number): JobRow[] {
  return listJobs(db, runId).filter((j) => j.status !== 'succeeded');
}

export function markJobRunning(db: Db, jobId: number, now: Date): void {
  db.prepare(`UPDATE job SET status = 'running', attempts = attempts + 1, started_at = ?, finished_at = NULL,
              failure_reason = NULL, failure_message = NULL WHERE id = ?`).run(now.toISOString(), jobId);
}

export function markJobFailed(db: Db, jobId: number, failure: { reason: string; message: string; notes?: unknown }, now: Date): void {
  db.prepare(`UPDATE job SET status = 'failed', finished_at = ?, failure_reason = ?, failure_message = ?, notes_json = ?
              WHERE id = ?`).run(now.toISOString(), failure.reason, failure.message,
    failure.notes === undefined ? null : JSON.stringify(failure.notes), jobId);
}

/** Writes the job's measures and marks it succeeded, atomically. Returns rows changed. */
export function completeJob(
  db: Db,
  job: { id: number; runId: number; sourceId: string | null },
  measures: MeasureInput[],
  notes: unknown[],
  now: Date,
): number {
  return db.transaction(() => {
    const changed = upsertMeasures(db, measures, { sourceId: job.sourceId, runId: job.runId, now });
    db.prepare(`UPDATE job SET status = 'succeeded', finished_at = ?, measures_written = ?, notes_json = ? WHERE id = ?`)
      .run(now.toISOString(), changed, notes.length ? JSON.stringify(notes) : null, job.id);
    return changed;
  })();
}

/** When a job of this source last brought new or changed values (UTC ISO), or null if never. */
export function lastNewDataOfSource(db: Db, sourceId: string): string | null {
  return (db.prepare("SELECT max(finished_at) FROM job WHERE source_id = ? AND status = 'succeeded' AND measures_written > 0").pluck().get(sourceId) as string | null) ?? null;
}

/** For the newest runs that had jobs of this source: how many of them failed, and why. Newest first. */
export function recentSourceOutcomes(db: Db, sourceId: string, limit: number): Array<{ runId: number; failed: number; reasons: string[] }> {
  const rows = db.prepare(`
    SELECT run_id AS runId, sum(status = 'failed') AS failed, group_concat(DISTINCT failure_reason) AS reasons
    FROM job WHERE source_id = ? AND status IN ('succeeded', 'failed')
    GROUP BY run_id ORDER BY run_id DESC LIMIT ?`).all(sourceId, limit) as Array<{ runId: number; failed: number; reasons: string | null }>;
  return rows.map((r) => ({ runId: r.runId, failed: r.failed, reasons: r.reasons ? r.reasons.split(',') : [] }));
}

/** The versions recorded by the newest finished run: what the report's method appendix cites. */
export function latestRunVersions(db: Db): (RunVersions & { runId: number; finishedAt: string | null }) | undefined {
  return db.prepare(`
    SELECT id AS runId, finished_at AS finishedAt, tool_version AS toolVersion, node_version AS nodeVersion, config_hash AS configHash,
           scoring_version AS scoringVersion, axe_version AS axeVersion, tracker_list_version AS trackerListVersion,
           browser_version AS browserVersion
    FROM run WHERE status != 'running' ORDER BY id DESC LIMIT 1`).get() as (RunVersions & { runId: number; finishedAt: string | null }) | undefined;
}

/** Failed job count per source in one run: the collectors' health on /metrics. */
export function failedJobsBySource(db: Db, runId: number): Array<{ sourceId: string; failed: number }> {
  return db.prepare(`SELECT COALESCE(source_id, portal_id, kind) AS sourceId, SUM(status = 'failed') AS failed FROM job WHERE run_id = ? GROUP BY 1`).all(runId) as Array<{ sourceId: string; failed: number }>;
}

/** A source's newest successful collection of one period: the job, when it finished, and what it fetched. */
export interface SourceCollection {
  sourceId: string;
  runId: number;
  jobId: number;
  finishedAt: string;
  /** The payloads the job fetched (kept as evidence), the first `maxFetches` of them in order. */
  fetches: Array<{ url: string; method: string; fetchedAt: string; status: number; sha256: string }>;
  fetchCount: number;
}

/** Per source, its newest succeeded collection job of `period` (the method appendix's "data sources"). */
export function latestCollectionsOfPeriod(db: Db, period: string, maxFetches = 5): SourceCollection[] {
  const jobs = db.prepare(`SELECT j.source_id AS sourceId, j.run_id AS runId, j.id AS jobId, j.finished_at AS finishedAt FROM job j
    WHERE j.id IN (SELECT max(id) FROM job WHERE period = ? AND status = 'succeeded' AND source_id IS NOT NULL GROUP BY source_id)
    ORDER BY j.source_id`).all(period) as Array<Omit<SourceCollection, 'fetches' | 'fetchCount'>>;
  const fetches = db.prepare('SELECT url, method, fetched_at AS fetchedAt, status, sha256 FROM snapshot WHERE job_id = ? ORDER BY id LIMIT ?');
  const count = db.prepare('SELECT count(*) FROM snapshot WHERE job_id = ?').pluck();
  return jobs.map((j) => ({ ...j, fetches: fetches.all(j.jobId, maxFetches) as SourceCollection['fetches'], fetchCount: count.get(j.jobId) as number }));
}
