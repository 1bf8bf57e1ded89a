// One measurement run: plan the jobs, or resume the run a killed process left behind, then
// execute what is not done yet. Finished jobs are never redone within a run.
import { hostname } from 'node:os';
import pLimit from 'p-limit';
import { collectorFor } from '../../collectors/index.ts';
import type { Db } from '../../storage/db.ts';
import { syncRegistryFromConfig } from './sync-registry.ts';
import {
  addJobs, adoptRun, createRun, finishRun, jobsToDo, latestRunningRun, listJobs, markJobFailed, releaseRun, type JobRow, type RunRow,
} from '../../storage/runs.ts';
import type { JobSpec } from './job.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { PortalConfig, SourceConfig } from '../config/schema.ts';
import type { NormaliseContext } from '../../collectors/types.ts';
import type { HttpClient } from '../http/client.ts';
import type { Logger } from '../log.ts';
import { compareCodes } from '../kpi/overview.ts';
import { processAlive } from '../process.ts';
import { TOOL_VERSION } from '../version.ts';
import { evaluateQuality, type QualityOutcome } from '../quality/evaluate.ts';
import { quarantineSettings } from '../quality/quarantine.ts';
import { listQuarantine } from '../../storage/quarantine.ts';
import { executeJob, isCumulative, type JobOutcome } from './execute-job.ts';
import { Checker, DEFAULT_CHECK_SETTINGS } from '../checks/checker.ts';
import { executeCheckJob, planCheckJobs } from '../checks/execute-check-job.ts';
import { AXE_VERSION } from '../checks/evidence/axe.ts';
import { trackerListsVersion } from '../checks/evidence/third-parties.ts';
import { SCORING_VERSION } from '../checks/score.ts';
import { browserVersion } from '../browser/launch.ts';
import { registryLookup } from './registry-lookup.ts';
import { createRunResources } from './resources.ts';

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
  /** interrupted: stopped by a signal between jobs; the next run resumes it. */
  status: 'succeeded' | 'failed' | 'interrupted';
  jobsTotal: number;
  /** Jobs finished by an earlier, interrupted process of the same run. */
  jobsAlreadyDone: number;
  jobsSucceeded: number;
  jobsFailed: number;
  measuresChanged: number;
  failures: Array<{ key: string; reason: string; message: string }>;
  /** Quality flags opened and resolved by this run; null if the evaluation itself failed (logged). */
  quality: QualityOutcome | null;
  /** The values of the run's months held back by quarantine once it ended. */
  quarantined: Array<{ period: string; agencyCode: string; metric: string; value: number; rule: string; facts: Record<string, unknown> }>;
  durationMs: number;
  /** The months this run collected. */
  plan: RunPlan;
  /**
   * A killed run that had another plan, finished before this one (this run is the plan asked for).
   */
  previous?: RunSummary;
  /** The plan asked for but not started, because finishing the killed run was interrupted again. */
  pendingPlan?: RunPlan;
}

/**
 * Jobs handed to other processes (the scale-out coordinator's workers). Each resolves once the
 * job's outcome is stored, exactly as the local execution would have stored it.
 */
export interface RemoteJobs {
  collect(job: JobRow, source: SourceConfig, registry: NormaliseContext): Promise<JobOutcome>;
  /** `full`: every page in full, no accessibility evidence reused (as executeCheckJob's). */
  check(job: JobRow, portal: PortalConfig, options?: { full?: boolean }): Promise<JobOutcome>;
}

export class RunInProgressError extends Error {
  constructor(readonly run: RunRow) {
    super(`run #${run.id} is already in progress (process ${run.pid} on ${run.host}, started ${run.startedAt})`);
    this.name = 'RunInProgressError';
  }
}



export function planJobs(sources: readonly SourceConfig[], plan: RunPlan): JobSpec[] {
  return sources.filter((s) => s.enabled).flatMap((source) => collectorFor(source).plan(source, plan.periods));
}

/** A job's identity for comparing plans: its key and what it was asked to do. */
const jobIdentity = (j: Pick<JobSpec, 'key' | 'params'>) => `${j.key}\u0000${JSON.stringify(j.params)}`;

/** Whether an unfinished run was asked for exactly these jobs (the same months, sources, reports and checks). */
function samePlan(planned: readonly JobSpec[], requested: readonly JobSpec[]): boolean {
  if (planned.length !== requested.length) return false;
  const wanted = new Set(requested.map(jobIdentity));
  return planned.every((j) => wanted.has(jobIdentity(j)));
}

/**
 * The run a killed process left behind, taken over by this process; undefined when there is none
 * (or `fresh` abandoned it). A run whose process is still alive is another run in progress.
 */
function takeOverUnfinished(db: Db, opts: { fresh: boolean; now: Date; log: Logger }): RunRow | undefined {
  const host = hostname();
  const unfinished = latestRunningRun(db);
  if (!unfinished) return undefined;
  if (unfinished.host === host && unfinished.pid !== process.pid && processAlive(unfinished.pid)) throw new RunInProgressError(unfinished);
  if (opts.fresh) {
    finishRun(db, unfinished.id, 'abandoned', opts.now);
    opts.log.warn({ runId: unfinished.id }, 'abandoned an interrupted run (--fresh)');
    return undefined;
  }
  adoptRun(db, unfinished.id, process.pid, host);
  return unfinished;
}

/** A new run with its jobs (atomically). */
function createRunWithJobs(db: Db, loaded: LoadedConfig, plan: RunPlan, jobs: JobSpec[], opts: { trigger: string; now: Date }): RunRow {
  const hasChecks = jobs.some((j) => j.kind === 'check');
  return db.transaction(() => {
    const created = createRun(db, {
      trigger: opts.trigger, plan, pid: process.pid, host: hostname(), now: opts.now,
      toolVersion: TOOL_VERSION, nodeVersion: process.version, configHash: loaded.hash,
      ...(hasChecks ? checkVersions(loaded.config.checks?.filterList) : {}),
    });
    addJobs(db, created.id, jobs);
    return created;
  })();
}

/** Quality is judged on what the store holds after the run; its failure must not fail the run. */
function evaluateRunQuality(db: Db, run: RunRow, loaded: LoadedConfig, now: Date, log: Logger): QualityOutcome | null {
  try {
    const plan = run.plan as RunPlan;
    const sourceIds = loaded.config.sources.filter((s) => s.enabled).map((s) => s.id);
    return evaluateQuality(db, { runId: run.id, periods: plan.periods, sourceIds, quality: loaded.config.quality, now });
  } catch (err) {
    log.error({ err, runId: run.id }, 'data-quality evaluation failed');
    return null;
  }
}

/** The versions a run with checks records; a missing browser is the check jobs' failure, not the run's. */
function checkVersions(filterList: string | undefined) {
  let browser: string | null = null;
  try {
    browser = browserVersion();
  } catch { /* recorded as unknown; the check jobs will name the failure */ }
  return { axeVersion: AXE_VERSION, trackerListVersion: trackerListsVersion(filterList), browserVersion: browser, scoringVersion: SCORING_VERSION };
}

/** A resumed run may name a source the config no longer has: a named failure, not a crash. */
function sourceRemoved(db: Db, job: JobRow, at: Date) {
  const failure = { reason: 'source_removed', message: `source ${job.sourceId} is no longer in the configuration` };
  markJobFailed(db, job.id, failure, at);
  return { status: 'failed' as const, failureReason: failure.reason, failureMessage: failure.message, measuresChanged: 0, notes: 0 };
}

export interface RunOptions {
  db: Db;
  loaded: LoadedConfig;
  plan: RunPlan;
  http: HttpClient;
  log: Logger;
  trigger?: string;
  fresh?: boolean;
  /** Check jobs check every page in full, reusing no accessibility evidence (incremental re-checks). */
  fullChecks?: boolean;
  concurrency?: number;
  now?: () => Date;
  /** Where collectors read the secrets the config names (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  onProgress?: (p: RunProgress) => void;
  /** Stops starting new jobs (SIGTERM); jobs in flight finish, the run stays resumable. */
  signal?: AbortSignal;
  /** Run the jobs on workers instead of in this process (scale-out). */
  remote?: RemoteJobs;
}

/**
 * One measurement: the plan asked for. A run a killed process left behind is resumed first: if
 * it was asked for the same jobs, it is this run; if not, it is finished as it was planned and
 * then the new plan runs (the summary carries both), so a request is never silently dropped.
 */
export async function runMeasurement(options: RunOptions): Promise<RunSummary> {
  const { db, loaded, log } = options;
  const now = options.now ?? (() => new Date());
  syncRegistryFromConfig(db, loaded);
  const requested = [...planJobs(loaded.config.sources, options.plan), ...planCheckJobs(loaded.config)];
  const unfinished = takeOverUnfinished(db, { fresh: options.fresh ?? false, now: now(), log });
  let previous: RunSummary | undefined;
  if (unfinished) {
    const same = samePlan(listJobs(db, unfinished.id), requested);
    log.info({ runId: unfinished.id, samePlan: same }, same ? 'resuming an interrupted run' : 'finishing an interrupted run with another plan before the one asked for');
    const resumed = await executeRun(options, unfinished, true);
    if (same) return resumed;
    previous = resumed;
    // Stopped again while finishing it: the new plan is not started; the next run does both.
    if (resumed.status === 'interrupted') return { ...resumed, pendingPlan: options.plan };
  }
  const run = createRunWithJobs(db, loaded, options.plan, requested, { trigger: options.trigger ?? 'cli', now: now() });
  const summary = await executeRun(options, run, false);
  return previous ? { ...summary, previous } : summary;
}

/** Executes the jobs of a run that are not done yet, then judges data quality and closes the run. */
async function executeRun(options: RunOptions, run: RunRow, resumed: boolean): Promise<RunSummary> {
  const { db, loaded, http, log } = options;
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const { config, agencies } = loaded;
  const allJobs = listJobs(db, run.id);
  const todo = jobsToDo(db, run.id);
  const registry = registryLookup(agencies);
  const sources = new Map(config.sources.map((s) => [s.id, s]));
  const limit = pLimit(options.concurrency ?? 4);
  let done = allJobs.length - todo.length;
  let measuresChanged = 0;
  log.info({ runId: run.id, resumed, jobs: allJobs.length, todo: todo.length }, 'run started');

  const resources = createRunResources();
  const portals = new Map(config.portals.filter((p) => p.enabled).map((p) => [p.id, p]));
  let checker: Checker | null = null;
  const { enabled: _enabled, ...checkSettings } = config.checks ?? { enabled: false };
  const checkerOnce = () => (checker ??= new Checker({ ...DEFAULT_CHECK_SETTINGS, ...checkSettings }));
  const remote = options.remote;
  const execute = async (job: JobRow) => {
    if (job.kind === 'check') {
      const portal = job.portalId ? portals.get(job.portalId) : undefined;
      if (remote && portal) return remote.check(job, portal, { full: options.fullChecks });
      return executeCheckJob({ db, checker: checkerOnce, portal, job, now, full: options.fullChecks });
    }
    const source = job.sourceId ? sources.get(job.sourceId) : undefined;
    if (!source) return sourceRemoved(db, job, now());
    if (remote) return remote.collect(job, source, registry);
    return executeJob({ db, http, collector: collectorFor(source), source, job, registry, now, env: options.env, resources, quarantine: quarantineSettings(config.quality) });
  };
  const runJob = async (job: JobRow) => {
    if (options.signal?.aborted) return; // stopping: the job stays pending for the resumed run
    const outcome = await execute(job);
    measuresChanged += outcome.measuresChanged;
    done++;
    const level = outcome.status === 'failed' ? 'warn' : 'info';
    log[level]({ runId: run.id, job: job.key, status: outcome.status, reason: outcome.failureReason, message: outcome.failureMessage, measuresChanged: outcome.measuresChanged, notes: outcome.notes }, 'job finished');
    options.onProgress?.({ done, total: allJobs.length, job, status: outcome.status });
  };
  try {
    // A cumulative source's month needs the previous month's stored figure: its jobs run one
    // after another in period order; every other job runs as soon as a slot is free.
    const chains = new Map<string, JobRow[]>();
    for (const job of todo) {
      const source = job.sourceId ? sources.get(job.sourceId) : undefined;
      const key = source && isCumulative(source) ? `${source.id}|${JSON.stringify(job.params)}` : `job|${job.id}`;
      const chain = chains.get(key);
      if (chain) chain.push(job);
      else chains.set(key, [job]);
    }
    await Promise.all(
      [...chains.values()].map(async (chain) => {
        chain.sort((a, b) => compareCodes(a.period ?? '', b.period ?? ''));
        for (const job of chain) await limit(() => runJob(job));
      }),
    );
  } finally {
    await resources.closeAll();
    await (checker as Checker | null)?.close();
  }

  const interrupted = options.signal?.aborted === true && listJobs(db, run.id).some((j) => j.status === 'pending');
  const quality = interrupted ? null : evaluateRunQuality(db, run, loaded, now(), log);
  const finalJobs = listJobs(db, run.id);
  const failed = finalJobs.filter((j) => j.status === 'failed');
  const status = interrupted ? 'interrupted' : failed.length ? 'failed' : 'succeeded';
  // An interrupted run stays 'running' with no live owner: the next run resumes it.
  if (interrupted) releaseRun(db, run.id);
  else finishRun(db, run.id, status as 'succeeded' | 'failed', now());
  const summary: RunSummary = {
    runId: run.id, resumed, status,
    jobsTotal: finalJobs.length,
    jobsAlreadyDone: allJobs.length - todo.length,
    jobsSucceeded: finalJobs.filter((j) => j.status === 'succeeded').length,
    jobsFailed: failed.length,
    measuresChanged,
    failures: failed.map((j) => ({ key: j.key, reason: j.failureReason ?? 'unknown', message: j.failureMessage ?? '' })),
    quality,
    quarantined: listQuarantine(db, { periods: (run.plan as RunPlan).periods }).map(({ period, agencyCode, metric, value, rule, facts }) => ({ period, agencyCode, metric, value, rule, facts })),
    durationMs: performance.now() - started,
    plan: run.plan as RunPlan,
  };
  log.info({ ...summary, failures: summary.failures.length, quality: summary.quality }, 'run finished');
  return summary;
}
