// Runs one collection job: fetch (each payload stored as evidence at once), normalise, and
// write the measures together with the job's "succeeded" mark. Every failure gets a name.
import type { Collector, NormaliseContext, PayloadView, RunResources } from '../../collectors/types.ts';
import type { Db } from '../../storage/db.ts';
import { saveSnapshot } from '../../storage/evidence.ts';
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

function nameFailure(err: unknown): { reason: string; message: string } {
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

export async function executeJob<S extends SourceConfig>(deps: {
  db: Db;
  http: HttpClient;
  collector: Collector<S>;
  source: S;
  job: JobRow;
  registry: NormaliseContext;
  now: () => Date;
  /** Where secrets named in the config are read from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  resources: RunResources;
  /** The job's hard deadline (ms); default from the source (jobDeadlineMs). */
  deadlineMs?: number;
  /** How implausible values are held back (default: the quality defaults). */
  quarantine?: QuarantineSettings;
}): Promise<JobOutcome> {
  const { db, collector, source, job } = deps;
  const now = deps.now;
  markJobRunning(db, job.id, now());
  try {
    return await withDeadline(deps.deadlineMs ?? jobDeadlineMs(source), (signal) => collectAndStore(deps, signal));
  } catch (err) {
    const failure = nameFailure(err);
    markJobFailed(db, job.id, failure, now());
    return { status: 'failed', failureReason: failure.reason, failureMessage: failure.message, measuresChanged: 0, notes: 0 };
  }
}

/**
 * Fetch (each payload stored as evidence at once), normalise, store. Once `signal` aborts (the
 * job's deadline) nothing more is written: no late payload, no measures.
 */
async function collectAndStore<S extends SourceConfig>(deps: Parameters<typeof executeJob<S>>[0], signal: AbortSignal): Promise<JobOutcome> {
  const { db, http, collector, source, job, registry, now } = deps;
  const env = deps.env ?? process.env;
  const payloads: PayloadView[] = [];
  const snapshotIds: number[] = [];
  for await (const payload of collector.collect(source, job, { http, env, resources: deps.resources, signal })) {
    signal.throwIfAborted();
    const { id } = saveSnapshot(db, {
      runId: job.runId, jobId: job.id, sourceId: source.id, url: payload.request.url, method: payload.request.method,
      request: { headers: redactHeaders(payload.request.headers), body: payload.request.body },
      fetchedAt: payload.response.startedAt, status: payload.response.status, headers: payload.response.headers,
      body: payload.response.body, durationMs: payload.response.totalMs,
    });
    snapshotIds.push(id);
    payloads.push({ url: payload.response.url, status: payload.response.status, body: payload.response.body });
  }
  signal.throwIfAborted();
  const ctx = normaliseContext(db, source, job, registry);
  const normalised = await collector.normalise(source, job, payloads, ctx);
  const result = isCumulative(source) ? yearToDateToMonthly(normalised, ctx.previousValue) : normalised;
  const measures = withSnapshots(result.measures, snapshotIds);
  const notes = [...result.notes, ...disagreementNotes(db, source, measures)];
  // Checked in the same tick as the commit: a job past its deadline never stores anything.
  signal.throwIfAborted();
  const at = now();
  // Stored and judged in one transaction: an implausible value is never visible as a usable one.
  const changed = db.transaction(() => {
    const written = completeJob(db, job, measures, notes, at);
    if (job.period !== null) holdBackAfterJob(db, { period: job.period, sourceId: source.id, runId: job.runId, measures, now: at, settings: deps.quarantine ?? DEFAULT_QUARANTINE });
    return written;
  })();
  return { status: 'succeeded', measuresChanged: changed, notes: notes.length };
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
