// One measurement run: plan the jobs, or resume the run a killed process left behind, then
// execute what is not done yet. Finished jobs are never redone within a run.
import { hostname } from 'node:os';
import pLimit from 'p-limit';
import { collectorFor } from '../../collectors/index.ts';
import type { Db } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';
import {
  addJobs, adoptRun, createRun, finishRun, jobsToDo, latestRunningRun, listJobs, markJobFailed, type JobRow, type JobSpec, type RunRow,
} from '../../storage/runs.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { SourceConfig } from '../config/schema.ts';
import type { HttpClient } from '../http/client.ts';
import type { Logger } from '../log.ts';
import { TOOL_VERSION } from '../version.ts';
import { Checker, DEFAULT_CHECK_SETTINGS } from '../checks/checker.ts';
import { executeCheckJob, planCheckJobs } from '../checks/execute-check-job.ts';
import { AXE_VERSION } from '../checks/evidence/axe.ts';
import { TRACKER_LIST_VERSION } from '../checks/evidence/third-parties.ts';
import { SCORING_VERSION } from '../checks/score.ts';
import { browserVersion } from '../browser/launch.ts';
import { executeJob } from './execute-job.ts';
import { registryLookup } from './registry-lookup.ts';

export interface RunPlan {
  periods: string[];
}

export interface RunProgress {
  done: number;
  total: number;
  job: JobRow;
  status: 'succeeded' | 'failed';
}

export interface RunSummary {
  runId: number;
  resumed: boolean;
  status: 'succeeded' | 'failed';
  jobsTotal: number;
  /** Jobs finished by an earlier, interrupted process of the same run. */
  jobsAlreadyDone: number;
  jobsSucceeded: number;
  jobsFailed: number;
  measuresChanged: number;
  failures: Array<{ key: string; reason: string; message: string }>;
  durationMs: number;
}

export class RunInProgressError extends Error {
  constructor(readonly run: RunRow) {
    super(`run #${run.id} is already in progress (process ${run.pid} on ${run.host}, started ${run.startedAt})`);
    this.name = 'RunInProgressError';
  }
}

function processAlive(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The store's agencies, portals and sources made to match the configuration. */
export function syncRegistryFromConfig(db: Db, { config, agencies }: LoadedConfig): void {
  syncRegistry(
    db,
    agencies,
    config.portals.filter((p) => p.enabled).map((p) => ({ id: p.id, agencyCode: p.agency, name: p.name, url: p.url, settings: { pages: p.pages, statusUrl: p.statusUrl } })),
    config.sources.filter((s) => s.enabled).map(({ id, kind, ...settings }) => ({ id, kind, portalId: null, settings })),
  );
}

export function planJobs(sources: readonly SourceConfig[], plan: RunPlan): JobSpec[] {
  return sources.filter((s) => s.enabled).flatMap((source) => collectorFor(source).plan(source, plan.periods));
}

/** Finds the run to continue, or creates a new one with its jobs (atomically). */
function openRun(db: Db, loaded: LoadedConfig, plan: RunPlan, opts: { trigger: string; fresh: boolean; now: Date; log: Logger }): { run: RunRow; resumed: boolean } {
  const host = hostname();
  const unfinished = latestRunningRun(db);
  if (unfinished) {
    if (unfinished.host === host && unfinished.pid !== process.pid && processAlive(unfinished.pid)) throw new RunInProgressError(unfinished);
    if (!opts.fresh) {
      adoptRun(db, unfinished.id, process.pid, host);
      opts.log.info({ runId: unfinished.id }, 'resuming an interrupted run');
      return { run: unfinished, resumed: true };
    }
    finishRun(db, unfinished.id, 'abandoned', opts.now);
    opts.log.warn({ runId: unfinished.id }, 'abandoned an interrupted run (--fresh)');
  }
  const checkJobs = planCheckJobs(loaded.config);
  const run = db.transaction(() => {
    const created = createRun(db, {
      trigger: opts.trigger, plan, pid: process.pid, host, now: opts.now,
      toolVersion: TOOL_VERSION, nodeVersion: process.version, configHash: loaded.hash,
      ...(checkJobs.length ? checkVersions() : {}),
    });
    addJobs(db, created.id, [...planJobs(loaded.config.sources, plan), ...checkJobs]);
    return created;
  })();
  return { run, resumed: false };
}

/** The versions a run with checks records; a missing browser is the check jobs' failure, not the run's. */
function checkVersions() {
  let browser: string | null = null;
  try {
    browser = browserVersion();
  } catch { /* recorded as unknown; the check jobs will name the failure */ }
  return { axeVersion: AXE_VERSION, trackerListVersion: TRACKER_LIST_VERSION, browserVersion: browser, scoringVersion: SCORING_VERSION };
}

/** A resumed run may name a source the config no longer has: a named failure, not a crash. */
function sourceRemoved(db: Db, job: JobRow, at: Date) {
  const failure = { reason: 'source_removed', message: `source ${job.sourceId} is no longer in the configuration` };
  markJobFailed(db, job.id, failure, at);
  return { status: 'failed' as const, failureReason: failure.reason, failureMessage: failure.message, measuresChanged: 0, notes: 0 };
}

export async function runMeasurement(options: {
  db: Db;
  loaded: LoadedConfig;
  plan: RunPlan;
  http: HttpClient;
  log: Logger;
  trigger?: string;
  fresh?: boolean;
  concurrency?: number;
  now?: () => Date;
  onProgress?: (p: RunProgress) => void;
}): Promise<RunSummary> {
  const { db, loaded, http, log } = options;
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const { config, agencies } = loaded;

  syncRegistryFromConfig(db, loaded);
  const { run, resumed } = openRun(db, loaded, options.plan, { trigger: options.trigger ?? 'cli', fresh: options.fresh ?? false, now: now(), log });
  const allJobs = listJobs(db, run.id);
  const todo = jobsToDo(db, run.id);
  const registry = registryLookup(agencies);
  const sources = new Map(config.sources.map((s) => [s.id, s]));
  const limit = pLimit(options.concurrency ?? 4);
  let done = allJobs.length - todo.length;
  let measuresChanged = 0;
  log.info({ runId: run.id, resumed, jobs: allJobs.length, todo: todo.length }, 'run started');

  const portals = new Map(config.portals.filter((p) => p.enabled).map((p) => [p.id, p]));
  let checker: Checker | null = null;
  const { enabled: _enabled, ...checkSettings } = config.checks ?? { enabled: false };
  const checkerOnce = () => (checker ??= new Checker({ ...DEFAULT_CHECK_SETTINGS, ...checkSettings }));

  const runJob = async (job: JobRow) => {
    if (job.kind === 'check') return executeCheckJob({ db, checker: checkerOnce, portal: job.portalId ? portals.get(job.portalId) : undefined, job, now });
    const source = job.sourceId ? sources.get(job.sourceId) : undefined;
    return source ? executeJob({ db, http, collector: collectorFor(source), source, job, registry, now }) : sourceRemoved(db, job, now());
  };

  try {
    await Promise.all(
      todo.map((job) =>
        limit(async () => {
          const outcome = await runJob(job);
          measuresChanged += outcome.measuresChanged;
          done++;
          const level = outcome.status === 'failed' ? 'warn' : 'info';
          log[level]({ runId: run.id, job: job.key, status: outcome.status, reason: outcome.failureReason, message: outcome.failureMessage, measuresChanged: outcome.measuresChanged, notes: outcome.notes }, 'job finished');
          options.onProgress?.({ done, total: allJobs.length, job, status: outcome.status });
        }),
      ),
    );
  } finally {
    await (checker as Checker | null)?.close();
  }

  const finalJobs = listJobs(db, run.id);
  const failed = finalJobs.filter((j) => j.status === 'failed');
  const status = failed.length ? 'failed' : 'succeeded';
  finishRun(db, run.id, status, now());
  const summary: RunSummary = {
    runId: run.id, resumed, status,
    jobsTotal: finalJobs.length,
    jobsAlreadyDone: allJobs.length - todo.length,
    jobsSucceeded: finalJobs.length - failed.length,
    jobsFailed: failed.length,
    measuresChanged,
    failures: failed.map((j) => ({ key: j.key, reason: j.failureReason ?? 'unknown', message: j.failureMessage ?? '' })),
    durationMs: performance.now() - started,
  };
  log.info({ ...summary, failures: summary.failures.length }, 'run finished');
  return summary;
}
