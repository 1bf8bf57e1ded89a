// Runs one collection job: fetch (each payload stored as evidence at once), normalise, and
// write the measures together with the job's "succeeded" mark. Every failure gets a name.
import type { Collector, NormaliseContext, PayloadView, RawPayload, RunResources } from '../../collectors/types.ts';
import type { Db } from '../../storage/db.ts';
import { findSnapshotOfFetch, saveSnapshot } from '../../storage/evidence.ts';
import { disagreements, measuresWithPrefix, type MeasureInput } from '../../storage/measures.ts';
import { completeJob, markJobFailed, markJobRunning, type JobRow } from '../../storage/runs.ts';
import type { SourceConfig } from '../config/schema.ts';
import { HttpFailure, type HttpClient } from '../http/client.ts';
import { yearToDateToMonthly } from '../normalise/cumulative.ts';
import { PayloadFailure, withSnapshots, type DataNote } from '../normalise/measure.ts';
import { YTD_PREFIX } from '../normalise/metrics.ts';
import { addMonths } from '../time/period.ts';
import { withStoredValues } from './registry-lookup.ts';
import { JobDeadlineError, jobDeadlineMs, withDeadline } from './deadline.ts';
import { holdBackAfterJob, type QuarantineSettings } from '../quality/quarantine.ts';
import { DEFAULT_PLAUSIBILITY } from '../quality/plausibility.ts';

const DEFAULT_QUARANTINE: QuarantineSettings = { ...DEFAULT_PLAUSIBILITY, historyMonths: 12 };

export interface JobOutcome {
  status: 'succeeded' | 'failed';
  failureReason?: string;
  failureMessage?: string;
  measuresChanged: number;
  notes: number;
}

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key']);

export const redactHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) ? '[redacted]' : v]));

export function nameFailure(err: unknown): { reason: string; message: string } {
  if (err instanceof HttpFailure || err instanceof PayloadFailure || err instanceof JobDeadlineError) return { reason: err.reason, message: err.message };
  const code = (err as { code?: string }).code ?? '';
  // A store error is our fault, not the portal's: named apart so it is never read as the source failing.
  if (code.startsWith('SQLITE_')) return { reason: 'store_error', message: `${code}: ${(err as Error).message}` };
  return { reason: 'internal_error', message: (err as Error)?.stack ?? String(err) };
}

/** Sources that publish year-to-date figures ("lũy kế"), converted to months after normalising. */
export const isCumulative = (source: SourceConfig) => 'cumulative' in source && source.cumulative === true;

/** The normaliser's context, with the stored values a cumulative source's conversion needs. */
function normaliseContext(db: Db, source: SourceConfig, job: JobRow, registry: NormaliseContext): NormaliseContext {
  if (!isCumulative(source) || job.period === null) return registry;
  return withStoredValues(registry, measuresWithPrefix(db, addMonths(job.period, -1), YTD_PREFIX));
}

/** A fetched payload as it is kept: the request's secret headers already removed. */
export interface FetchedPayload {
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response: { url: string; status: number; headers: Record<string, string>; startedAt: Date; totalMs: number; body: Buffer };
}

export const fetchedPayload = (p: RawPayload): FetchedPayload => ({
  request: { method: p.request.method, url: p.request.url, headers: redactHeaders(p.request.headers), body: p.request.body },
  response: { url: p.response.url, status: p.response.status, headers: p.response.headers, startedAt: p.response.startedAt, totalMs: p.response.totalMs, body: p.response.body },
});

/**
 * Keeps one payload as evidence (before anything looks at it); returns what the normaliser sees
 * of it. `once`: a payload fetched elsewhere may be ingested twice (the coordinator killed
 * mid-ingest takes the staged result again), and the same fetch is kept once.
 */
function keepPayload(db: Db, job: JobRow, source: SourceConfig, p: FetchedPayload, once = false): { snapshotId: number; view: PayloadView } {
  const snapshot = {
    runId: job.runId, jobId: job.id, sourceId: source.id, url: p.request.url, method: p.request.method,
    request: { headers: p.request.headers, body: p.request.body },
    fetchedAt: p.response.startedAt, status: p.response.status, headers: p.response.headers,
    body: p.response.body, durationMs: p.response.totalMs,
  };
  const { id } = (once ? findSnapshotOfFetch(db, snapshot) : undefined) ?? saveSnapshot(db, snapshot);
  return { snapshotId: id, view: { url: p.response.url, status: p.response.status, body: p.response.body } };
}

interface IngestDeps<S extends SourceConfig> {
  db: Db;
  collector: Collector<S>;
  source: S;
  job: JobRow;
  registry: NormaliseContext;
  now: () => Date;
  /** How implausible values are held back (default: the quality defaults). */
  quarantine?: QuarantineSettings;
}

/**
 * Normalises the kept payloads and writes the measures together with the job's "succeeded"
 * mark, judged for plausibility in the same transaction. Once `signal` aborts (the job's
 * deadline) nothing is written.
 */
async function finishJob<S extends SourceConfig>(deps: IngestDeps<S>, kept: ReadonlyArray<{ snapshotId: number; view: PayloadView }>, signal?: AbortSignal): Promise<JobOutcome> {
  const { db, collector, source, job, registry, now } = deps;
  const ctx = normaliseContext(db, source, job, registry);
  const normalised = await collector.normalise(source, job, kept.map((k) => k.view), ctx);
  const result = isCumulative(source) ? yearToDateToMonthly(normalised, ctx.previousValue) : normalised;
  const measures = withSnapshots(result.measures, kept.map((k) => k.snapshotId));
  const notes = [...result.notes, ...disagreementNotes(db, source, measures)];
  // Checked in the same tick as the commit: a job past its deadline never stores anything.
  signal?.throwIfAborted();
  const at = now();
  // Stored and judged in one transaction: an implausible value is never visible as a usable one.
  const changed = db.transaction(() => {
    const written = completeJob(db, job, measures, notes, at);
    if (job.period !== null) holdBackAfterJob(db, { period: job.period, sourceId: source.id, runId: job.runId, measures, now: at, settings: deps.quarantine ?? DEFAULT_QUARANTINE });
    return written;
  })();
  return { status: 'succeeded', measuresChanged: changed, notes: notes.length };
}

function failJob(db: Db, job: JobRow, failure: { reason: string; message: string }, now: () => Date): JobOutcome {
  markJobFailed(db, job.id, failure, now());
  return { status: 'failed', failureReason: failure.reason, failureMessage: failure.message, measuresChanged: 0, notes: 0 };
}

export async function executeJob<S extends SourceConfig>(deps: IngestDeps<S> & {
  http: HttpClient;
  /** Where secrets named in the config are read from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  resources: RunResources;
  /** The job's hard deadline (ms); default from the source (jobDeadlineMs). */
  deadlineMs?: number;
}): Promise<JobOutcome> {
  const { db, source, job, now } = deps;
  markJobRunning(db, job.id, now());
  try {
    return await withDeadline(deps.deadlineMs ?? jobDeadlineMs(source), (signal) => collectAndStore(deps, signal));
  } catch (err) {
    return failJob(db, job, nameFailure(err), now);
  }
}

/**
 * The same job when another process fetched (a scale-out worker): its payloads are kept as
 * evidence in the order they were fetched, then normalised and stored exactly as executeJob
 * does; a fetch that failed keeps the payloads before it and fails the job under its name.
 */
export async function ingestFetchedJob<S extends SourceConfig>(deps: IngestDeps<S>, payloads: readonly FetchedPayload[], failure: { reason: string; message: string } | null): Promise<JobOutcome> {
  const kept: Array<{ snapshotId: number; view: PayloadView }> = [];
  try {
    for (const p of payloads) kept.push(keepPayload(deps.db, deps.job, deps.source, p, true));
    if (failure) return failJob(deps.db, deps.job, failure, deps.now);
    return await finishJob(deps, kept);
  } catch (err) {
    return failJob(deps.db, deps.job, nameFailure(err), deps.now);
  }
}

/**
 * Fetch (each payload stored as evidence at once), normalise, store. Once `signal` aborts (the
 * job's deadline) nothing more is written: no late payload, no measures.
 */
async function collectAndStore<S extends SourceConfig>(deps: Parameters<typeof executeJob<S>>[0], signal: AbortSignal): Promise<JobOutcome> {
  const { db, http, collector, source, job } = deps;
  const env = deps.env ?? process.env;
  const kept: Array<{ snapshotId: number; view: PayloadView }> = [];
  for await (const payload of collector.collect(source, job, { http, env, resources: deps.resources, signal })) {
    signal.throwIfAborted();
    kept.push(keepPayload(db, job, source, fetchedPayload(payload)));
  }
  signal.throwIfAborted();
  return finishJob(deps, kept, signal);
}

/** Another source stored a different figure for the same measure: which one is kept, and why. */
function disagreementNotes(db: Db, source: SourceConfig, measures: readonly MeasureInput[]): DataNote[] {
  return disagreements(db, source.id, measures).map((d) => {
    const kept = source.priority > d.otherPriority ? source.id : d.otherSourceId;
    const why = source.priority === d.otherPriority ? 'same priority: the figure stored first stays' : 'higher priority';
    return {
      kind: 'sources_disagree', agencyCode: d.agencyCode, metric: d.metric, period: d.period,
      message: `${d.agencyCode} ${d.metric} ${d.period}: ${source.id} gives ${d.value}, ${d.otherSourceId} gave ${d.otherValue}; ${kept} is kept (${why})`,
    };
  });
}
