// Runs one collection job: fetch (each payload stored as evidence at once), normalise, and
// write the measures together with the job's "succeeded" mark. Every failure gets a name.
import type { Collector, PayloadView } from '../../collectors/types.ts';
import type { Db } from '../../storage/db.ts';
import { saveSnapshot } from '../../storage/evidence.ts';
import { completeJob, markJobFailed, markJobRunning, type JobRow } from '../../storage/runs.ts';
import type { SourceConfig } from '../config/schema.ts';
import { HttpFailure, type HttpClient } from '../http/client.ts';
import { PayloadFailure } from '../normalise/measure.ts';
import type { NormaliseContext } from '../../collectors/types.ts';

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
  if (err instanceof HttpFailure || err instanceof PayloadFailure) return { reason: err.reason, message: err.message };
  const code = (err as { code?: string }).code ?? '';
  // A store error is our fault, not the portal's: named apart so it is never read as the source failing.
  if (code.startsWith('SQLITE_')) return { reason: 'store_error', message: `${code}: ${(err as Error).message}` };
  return { reason: 'internal_error', message: (err as Error)?.stack ?? String(err) };
}

export async function executeJob<S extends SourceConfig>(deps: {
  db: Db;
  http: HttpClient;
  collector: Collector<S>;
  source: S;
  job: JobRow;
  registry: NormaliseContext;
  now: () => Date;
}): Promise<JobOutcome> {
  const { db, http, collector, source, job, registry, now } = deps;
  markJobRunning(db, job.id, now());
  const payloads: PayloadView[] = [];
  const snapshotIds: number[] = [];
  try {
    for await (const payload of collector.collect(source, job, { http })) {
      const { id } = saveSnapshot(db, {
        runId: job.runId, jobId: job.id, sourceId: source.id, url: payload.request.url, method: payload.request.method,
        request: { headers: redactHeaders(payload.request.headers), body: payload.request.body },
        fetchedAt: payload.response.startedAt, status: payload.response.status, headers: payload.response.headers,
        body: payload.response.body, durationMs: payload.response.totalMs,
      });
      snapshotIds.push(id);
      payloads.push({ url: payload.response.url, status: payload.response.status, body: payload.response.body });
    }
    const result = collector.normalise(source, job, payloads, registry);
    const measures = result.measures.map(({ payloadIndex, ...m }) => ({ ...m, snapshotId: snapshotIds[payloadIndex] ?? null }));
    const changed = completeJob(db, job, measures, result.notes, now());
    return { status: 'succeeded', measuresChanged: changed, notes: result.notes.length };
  } catch (err) {
    const failure = nameFailure(err);
    markJobFailed(db, job.id, failure, now());
    return { status: 'failed', failureReason: failure.reason, failureMessage: failure.message, measuresChanged: 0, notes: 0 };
  }
}
