// The coordinator's single writer for worker results: results are validated, their blobs fetched
// from Redis and checked against their hashes, then written in batched transactions (all of a
// batch or nothing). A result is acknowledged to the queue only once its transaction committed,
// so a coordinator killed mid-batch gets the same results again, and ingest is idempotent: a
// probe result is stored once by its id, a job's result only for the attempt still waiting.
// A result that cannot be ingested is kept as a dead letter with its reason, never dropped.
import { performance } from 'node:perf_hooks';
import type { Db } from '../../storage/db.ts';
import { writeIngestBatch, type DeadLetterInput, type IngestBatch, type LocationResultRow, type StagedResultInput } from '../../storage/scale.ts';
import type { Logger } from '../log.ts';
import { localDate } from '../time/period.ts';
import { isStoreBusy } from '../uptime/recorder.ts';
import { blobsOf, ResultSchema, type ProbeResult, type WorkerResult } from './messages.ts';
import { getBlob, type Redis } from './redis.ts';

export interface IngestOptions {
  db: Db;
  /** Where blobs wait (null: results without blobs only, e.g. while Redis is away). */
  redis: Redis | null;
  prefix: string;
  log: Logger;
  maxResults: number;
  maxWaitMs: number;
  /** Is this a configured endpoint's stored id? A probe result about another is a dead letter. */
  knownEndpoint(endpointId: number): boolean;
  /** After commit: a location's probe result was stored (once per result id). */
  onProbe?(row: LocationResultRow): void;
  /** After commit: a job's result was stored, waiting for its job. */
  onStaged?(resultId: string): void;
  /** After commit: a result was kept as a dead letter (its job may need sending again). */
  onDead?(resultId: string | null, reason: string): void;
}

export interface Ingest {
  /** Validates and stores one result from the queue; resolves once committed. */
  add(payload: unknown, queue: string): Promise<'stored' | 'duplicate' | 'dead_letter'>;
  /** Flushes what waits now (stopping). */
  flush(): Promise<void>;
  stats(): { batches: number; results: number; deadLetters: number; busyRetries: number; writeMs: number };
}

/** A probe result as its stored row. */
export function locationRowOf(r: ProbeResult): LocationResultRow {
  return {
    ...r.fields, resultId: r.resultId, endpointId: r.endpointId, roundAt: new Date(r.roundAt).toISOString(), location: r.location, worker: r.worker,
    at: new Date(r.at).toISOString(), latenessMs: r.latenessMs, certSubject: r.certificate?.subject ?? null,
  };
}

interface Pending {
  result: WorkerResult | null;
  dead: DeadLetterInput | null;
  resolve(outcome: 'stored' | 'duplicate' | 'dead_letter'): void;
  reject(err: unknown): void;
}

export class DeadLetter extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

export function createIngest(opts: IngestOptions): Ingest {
  let queued: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const stats = { batches: 0, results: 0, deadLetters: 0, busyRetries: 0, writeMs: 0 };

  const schedule = () => {
    if (queued.length >= opts.maxResults) {
      if (timer) clearTimeout(timer);
      timer = null;
      running = running.then(flushNow);
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = null;
        running = running.then(flushNow);
      }, opts.maxWaitMs);
    }
  };

  /** Blobs the result names, fetched and checked; a missing or altered one makes the result a dead letter. */
  async function blobsFor(r: WorkerResult): Promise<Buffer[]> {
    const shas = [...new Set(blobsOf(r))];
    if (shas.length === 0) return [];
    if (!opts.redis) throw new Error('Redis is not reachable: blobs cannot be fetched now');
    const bodies: Buffer[] = [];
    for (const sha of shas) {
      // Already stored (the same page or payload seen before): nothing to fetch.
      if (opts.db.prepare('SELECT 1 FROM blob WHERE sha256 = ?').get(sha)) continue;
      const got = await getBlob(opts.redis, opts.prefix, sha);
      if ('missing' in got) throw new DeadLetter('blob_missing', `blob ${sha} named by the result is not in Redis (expired or lost); the job will be redone`);
      if ('corrupt' in got) throw new DeadLetter('blob_corrupt', `blob ${sha} does not match its SHA-256`);
      bodies.push(got.body);
    }
    return bodies;
  }

  async function flushNow(): Promise<void> {
    const items = queued;
    queued = [];
    if (items.length === 0) return;
    const batch: IngestBatch = { locations: [], staged: [], blobs: [], dead: [] };
    // What each row of the batch belongs to: one result may give several rows (a probe batch).
    const rows: Array<{ item: Pending; kind: 'location' | 'staged' | 'dead'; index: number }> = [];
    const deadLetter = (item: Pending, d: DeadLetterInput) => rows.push({ item, kind: 'dead', index: batch.dead.push(d) - 1 });
    const probeRow = (item: Pending, r: ProbeResult) => {
      if (!opts.knownEndpoint(r.endpointId)) {
        deadLetter(item, { resultId: r.resultId, queue: 'results', reason: 'unknown_endpoint', message: `endpoint ${r.endpointId} is not configured (any more)`, payload: JSON.stringify(r) });
        return;
      }
      const row = locationRowOf(r);
      rows.push({ item, kind: 'location', index: batch.locations.push({ row, localDate: localDate(new Date(row.roundAt)) }) - 1 });
    };
    const failed = new Set<Pending>();
    for (const item of items) {
      if (item.dead) {
        deadLetter(item, item.dead);
        continue;
      }
      const r = item.result!;
      if (r.kind === 'probe') probeRow(item, r);
      else if (r.kind === 'probe_batch') for (const one of r.results) probeRow(item, one);
      else {
        try {
          batch.blobs.push(...(await blobsFor(r)));
          const staged: StagedResultInput = {
            resultId: r.resultId, kind: r.kind, jobId: r.jobId, attempt: r.attempt, pageUrl: r.kind === 'check_page' ? r.url : null,
            worker: r.worker, location: r.location, body: r,
          };
          rows.push({ item, kind: 'staged', index: batch.staged.push(staged) - 1 });
        } catch (err) {
          if (!(err instanceof DeadLetter)) {
            failed.add(item);
            item.reject(err);
            continue;
          }
          deadLetter(item, { resultId: r.resultId, queue: 'results', reason: err.reason, message: err.message, payload: JSON.stringify(r) });
        }
      }
    }
    const t0 = performance.now();
    let outcome;
    try {
      outcome = writeIngestBatch(opts.db, batch, new Date().toISOString());
    } catch (err) {
      if (isStoreBusy(err)) stats.busyRetries++;
      opts.log[isStoreBusy(err) ? 'warn' : 'error']({ err, results: items.length }, 'results not written; the queue gives them again');
      for (const item of items) if (!failed.has(item)) item.reject(err);
      return;
    } finally {
      stats.writeMs += performance.now() - t0;
    }
    stats.batches++;
    stats.results += rows.length;
    const outcomes = new Map<Pending, Set<'stored' | 'duplicate' | 'dead_letter'>>();
    const note = (item: Pending, o: 'stored' | 'duplicate' | 'dead_letter') => (outcomes.get(item) ?? outcomes.set(item, new Set()).get(item)!).add(o);
    for (const k of rows) {
      if (k.kind === 'dead') {
        stats.deadLetters++;
        const d = batch.dead[k.index]!;
        opts.log.warn({ resultId: d.resultId, reason: d.reason }, 'result kept as a dead letter');
        opts.onDead?.(d.resultId, d.reason);
        note(k.item, 'dead_letter');
      } else if (k.kind === 'location') {
        const stored = outcome.locationsStored[k.index]!;
        if (stored) opts.onProbe?.(batch.locations[k.index]!.row);
        note(k.item, stored ? 'stored' : 'duplicate');
      } else {
        const stored = outcome.staged[k.index]!;
        if (stored) opts.onStaged?.(batch.staged[k.index]!.resultId);
        note(k.item, stored ? 'stored' : 'duplicate');
      }
    }
    for (const [item, o] of outcomes) item.resolve(o.has('stored') ? 'stored' : o.has('duplicate') ? 'duplicate' : 'dead_letter');
    // Stored blobs need not wait in Redis any longer.
    if (opts.redis) {
      const shas = [...new Set(rows.filter((k) => k.kind === 'staged').flatMap((k) => blobsOf(k.item.result!)))];
      if (shas.length) void opts.redis.del(...shas.map((sha) => `${opts.prefix}:blob:${sha}`)).catch(() => {});
    }
  }

  return {
    add(payload, queue) {
      return new Promise((resolve, reject) => {
        const parsed = ResultSchema.safeParse(payload);
        const item: Pending = parsed.success
          ? { result: parsed.data, dead: null, resolve, reject }
          : {
            result: null, resolve, reject,
            dead: {
              resultId: typeof (payload as { resultId?: unknown })?.resultId === 'string' ? (payload as { resultId: string }).resultId.slice(0, 200) : null,
              queue, reason: 'malformed', message: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
              payload: JSON.stringify(payload)?.slice(0, 1_000_000) ?? 'undefined',
            },
          };
        queued.push(item);
        schedule();
      });
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      running = running.then(flushNow);
      await running;
    },
    stats: () => ({ ...stats }),
  };
}
