// A run's jobs handed to workers (the coordinator's side of RemoteJobs). A collection job is
// fetched by any collect worker and ingested here exactly as the single process ingests it; a
// portal's check is a flow of page jobs (the home page first, then the pages it leads to, any
// worker each, at most `perPortalPages` of one portal at once across all workers), judged here
// once every page is in. Results are staged in the store on arrival (ingest.ts), so a coordinator
// that restarts takes the run up where it was: a job still waiting keeps its attempt and its
// results, and a job sent again carries the same ids, so nothing is done or stored twice.
import pLimit, { type LimitFunction } from 'p-limit';
import type { Queue } from 'bullmq';
import { collectorFor } from '../../collectors/index.ts';
import type { NormaliseContext } from '../../collectors/types.ts';
import { reusableVisit, saveCheck } from '../../storage/checks.ts';
import type { Db } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import { completeJob, markJobFailed, markJobRunning, type JobRow } from '../../storage/runs.ts';
import { deleteStagedOfJob, jobState, stagedResults } from '../../storage/scale.ts';
import { quarantineSettings } from '../quality/quarantine.ts';
import { assembleCheck, DEFAULT_CHECK_SETTINGS, firstPartySiteOf, pagesAfterHome, sampleAfterHome, targetOfPortal } from '../checks/checker.ts';
import type { Area, PageEvidence, PageKind } from '../checks/types.ts';
import type { VisitResult } from '../checks/evidence/visit.ts';
import { previousFromStore } from '../checks/execute-check-job.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { PortalConfig, SourceConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { ingestFetchedJob, type FetchedPayload, type JobOutcome } from '../run/execute-job.ts';
import type { RemoteJobs } from '../run/nightly.ts';
import {
  CHECK_QUEUE, COLLECT_QUEUE, collectResultId, pageResultId,
  type CheckPageJob, type CheckPageResult, type CollectJob, type CollectResult, type WireCheckSettings,
} from './messages.ts';
import { confirmReuse, offerPrevious, ReuseClaimError } from './previous.ts';

export interface RemoteJobsOptions {
  db: Db;
  loaded: LoadedConfig;
  log: Logger;
  queueOf(name: typeof CHECK_QUEUE | typeof COLLECT_QUEUE): Queue;
  /** Puts a blob in Redis for workers to take (the previous accessibility evidence a page job offers); absent: nothing is offered. */
  putBlob?: (body: Buffer) => Promise<string>;
  now?: () => Date;
}

interface Outstanding {
  queue: typeof CHECK_QUEUE | typeof COLLECT_QUEUE;
  data: CheckPageJob | CollectJob;
  /** Sent again under a new BullMQ id when its result was lost (a dead letter). */
  resend: number;
}

export interface CoordinatorJobs extends RemoteJobs {
  /** Ingest stored a job's result. */
  staged(resultId: string): void;
  /** Ingest could not use a job's result (its blobs were lost): the job is sent again. */
  lost(resultId: string): void;
  /** Sends every job still waiting for its result again (after Redis came back, possibly empty). */
  resendAll(): Promise<number>;
  outstanding(): number;
  /** Stopping: jobs waiting give up (they stay running in the store and are taken up at the next start). */
  abandon(): void;
}

/** The coordinator stopped while a job waited for its result: the job stays running, to be taken up again. */
export class CoordinatorStopping extends Error {
  constructor() {
    super('the coordinator is stopping: the job is taken up again at its next start');
    this.name = 'CoordinatorStopping';
  }
}

/** A stored blob, which ingest put there before staging the result that names it. */
function blob(db: Db, sha: string): Buffer {
  const b = readBody(db, sha);
  if (!b || !b.intact) throw new Error(`evidence blob ${sha} is missing or altered in the store`);
  return b.body;
}

/** A page's visit as a worker made it, from its result and the blobs ingest stored. */
export function visitOf(db: Db, r: CheckPageResult): VisitResult {
  if (!r.visit.ok) throw new Error('not a visit');
  const v = r.visit;
  return {
    evidence: JSON.parse(blob(db, v.evidence).toString('utf8')) as PageEvidence,
    dom: v.dom ? blob(db, v.dom) : null,
    axe: v.axe ? blob(db, v.axe) : null,
    screenshot: v.screenshot ? blob(db, v.screenshot) : null,
    crops: v.crops.map((sha) => blob(db, sha)),
  };
}

export function createRemoteJobs(opts: RemoteJobsOptions): CoordinatorJobs {
  const { db, loaded, log } = opts;
  const now = opts.now ?? (() => new Date());
  const queueConfig = loaded.config.queue!;
  const waiters = new Map<string, { resolve(): void; reject(err: Error): void }>();
  let stopped = false;
  const stopping = () => new CoordinatorStopping();
  const outstanding = new Map<string, Outstanding>();
  const perPortal = new Map<string, LimitFunction>();

  const send = async (o: Outstanding) => {
    const id = o.resend === 0 ? o.data.resultId : `${o.data.resultId}.s${o.resend}`;
    // Kept a day once done: the same job sent again meanwhile (a restart) is not done twice.
    await opts.queueOf(o.queue).add(o.queue, o.data, { jobId: id, attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } });
  };

  /** Sends a job (unless its result is already staged) and waits for its result to be staged. */
  async function resultOf<T>(jobId: number, attempt: number, resultId: string, queue: Outstanding['queue'], data: CheckPageJob | CollectJob): Promise<T> {
    if (stopped) throw stopping();
    const arrived = new Promise<void>((resolve, reject) => waiters.set(resultId, { resolve, reject }));
    const stagedNow = () => stagedResults(db, jobId, attempt).find((s) => s.resultId === resultId);
    if (!stagedNow()) {
      const o: Outstanding = { queue, data, resend: 0 };
      outstanding.set(resultId, o);
      // Redis away: the job is sent when it comes back (resendAll); the run waits meanwhile.
      await send(o).catch((err: unknown) => log.warn({ err: (err as Error).message, resultId }, 'job not sent yet: the queue is unreachable'));
      try {
        await arrived;
      } finally {
        waiters.delete(resultId);
        outstanding.delete(resultId);
      }
    }
    waiters.delete(resultId);
    const staged = stagedNow();
    if (!staged) throw new Error(`result ${resultId} was announced but is not in the store`);
    return staged.body as T;
  }

  /** The attempt this coordinator works on: the interrupted one again, or a new one. */
  function attemptOf(job: JobRow): { attempt: number; startedAt: Date } {
    const before = jobState(db, job.id);
    if (before?.status === 'running' && before.attempts > 0) return { attempt: before.attempts, startedAt: new Date(before.startedAt ?? now().toISOString()) };
    markJobRunning(db, job.id, now());
    const after = jobState(db, job.id)!;
    return { attempt: after.attempts, startedAt: new Date(after.startedAt!) };
  }

  const checkSettings = (): WireCheckSettings => {
    // The sample is planned here: workers only visit pages.
    const { enabled: _e, filterList: _f, sample: _s, ...rest } = { ...DEFAULT_CHECK_SETTINGS, ...(loaded.config.checks ?? {}) };
    return rest;
  };

  return {
    async collect(job: JobRow, source: SourceConfig, registry: NormaliseContext): Promise<JobOutcome> {
      const { attempt } = attemptOf(job);
      const resultId = collectResultId(job.id, attempt);
      const data: CollectJob = {
        v: 1, resultId, jobId: job.id, attempt, runId: job.runId, source,
        job: { key: job.key, kind: job.kind, sourceId: job.sourceId, portalId: job.portalId, period: job.period, params: job.params },
        http: loaded.config.http,
      };
      const r = await resultOf<CollectResult>(job.id, attempt, resultId, COLLECT_QUEUE, data);
      const payloads: FetchedPayload[] = r.payloads.map((p) => ({
        request: p.request,
        response: { url: p.response.url, status: p.response.status, headers: p.response.headers, startedAt: new Date(p.response.startedAt), totalMs: p.response.totalMs, body: blob(db, p.response.body) },
      }));
      const outcome = await ingestFetchedJob({ db, collector: collectorFor(source), source, job, registry, now, quarantine: quarantineSettings(loaded.config.quality) }, payloads, r.failure);
      deleteStagedOfJob(db, job.id);
      return outcome;
    },

    async check(job: JobRow, portal: PortalConfig, options: { full?: boolean } = {}): Promise<JobOutcome> {
      const { attempt, startedAt } = attemptOf(job);
      const target = targetOfPortal(portal, loaded.config.checks);
      const areas = (job.params.areas as Area[] | undefined) ?? loaded.config.checks?.areas ?? ['privacy', 'accessibility'];
      const firstPartySite = firstPartySiteOf(target);
      const settings = checkSettings();
      const host = new URL(target.homeUrl).host;
      let limit = perPortal.get(host);
      if (!limit) perPortal.set(host, (limit = pLimit(queueConfig.perPortalPages)));
      // Incremental re-checks as in the single process: each page's last complete accessibility evidence, unless full re-checks are due.
      const lookup = areas.includes('accessibility') ? previousFromStore(db, portal.id, settings, now(), options.full) : undefined;
      const previousOf = async (url: string, kind: PageKind) => {
        if (!lookup || !opts.putBlob) return null;
        try {
          return await offerPrevious(lookup, { url, kind }, opts.putBlob);
        } catch (err) {
          // Redis away: the page is checked in full, which is always right, only slower.
          log.warn({ err: (err as Error).message, url }, 'previous accessibility evidence not offered: the page is checked in full');
          return null;
        }
      };
      const page = (url: string, kind: PageKind) => limit!(async () => {
        const resultId = pageResultId(job.id, attempt, url);
        const data: CheckPageJob = { v: 1, resultId, jobId: job.id, attempt, portalId: portal.id, url, kind, firstPartySite, areas, settings, previous: await previousOf(url, kind) };
        return resultOf<CheckPageResult>(job.id, attempt, resultId, CHECK_QUEUE, data);
      });
      /** A worker's visit, any reuse it reports held against the store (previous.ts). */
      const visit = (r: CheckPageResult): VisitResult => {
        const v = visitOf(db, r);
        return { ...v, evidence: confirmReuse(v.evidence, { portalId: portal.id, url: r.url }, (id) => reusableVisit(db, id)) };
      };
      const fail = (reason: string, message: string): JobOutcome => {
        markJobFailed(db, job.id, { reason, message }, now());
        deleteStagedOfJob(db, job.id);
        return { status: 'failed', failureReason: reason, failureMessage: message, measuresChanged: 0, notes: 0 };
      };
      try {
        const homeResult = await page(target.homeUrl, 'home');
        if (!homeResult.visit.ok) return fail(homeResult.visit.failure.reason, homeResult.visit.failure.message);
        const home = visit(homeResult);
        // The coordinator plans the sample itself (a crawl over HTTP, light next to the page visits), as the single process does.
        const sample = await sampleAfterHome(target, home.evidence, areas, { ...DEFAULT_CHECK_SETTINGS, ...(loaded.config.checks ?? {}) }, startedAt);
        const otherResults = await Promise.all(pagesAfterHome(target, home.evidence, areas, sample).map((p) => page(p.url, p.kind)));
        const broken = otherResults.find((r) => !r.visit.ok);
        if (broken && !broken.visit.ok) return fail(broken.visit.failure.reason, broken.visit.failure.message);
        const others = otherResults.map((r) => visit(r));
        const check = assembleCheck({ target, areas, startedAt, finishedAt: now(), home, others, versions: homeResult.visit.versions, sample });
        db.transaction(() => {
          saveCheck(db, { runId: job.runId, jobId: job.id, check });
          completeJob(db, job, [], [], now());
          deleteStagedOfJob(db, job.id);
        })();
        return { status: 'succeeded', measuresChanged: 0, notes: check.visits.filter((v) => v.evidence.error).length };
      } catch (err) {
        if (err instanceof CoordinatorStopping) throw err;
        if (err instanceof ReuseClaimError) return fail('worker_evidence_refused', err.message);
        const code = (err as { code?: string }).code ?? '';
        if (code.startsWith('SQLITE_')) return fail('store_error', `${code}: ${(err as Error).message}`);
        return fail('scanner_error', (err as Error)?.stack ?? String(err));
      }
    },

    staged(resultId) {
      waiters.get(resultId)?.resolve();
    },

    abandon() {
      stopped = true;
      for (const w of waiters.values()) w.reject(stopping());
    },

    lost(resultId) {
      const o = outstanding.get(resultId);
      if (!o) return;
      o.resend++;
      log.warn({ resultId, resend: o.resend }, 'a result was lost on its way: the job is sent again');
      void send(o).catch(() => {});
    },

    async resendAll() {
      const all = [...outstanding.values()];
      for (const o of all) await send(o).catch(() => {});
      return all.length;
    },

    outstanding: () => outstanding.size,
  };
}
