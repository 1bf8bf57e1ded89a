// A scale-out worker (`dvc-monitor worker --location hn-vnpt --kinds probe,check,collect`): takes
// jobs from the queue and runs the very code the single process runs (probeEndpoint, the
// checker's page visit, a collector's fetch), then posts the result back. It never opens the
// store: evidence goes back as blobs named by their SHA-256, the coordinator writes everything.
// Secrets are read here, from this machine's environment, by the names the jobs carry.
import { hostname } from 'node:os';
import { Queue, Worker, type Job } from 'bullmq';
import pLimit from 'p-limit';
import { collectorFor } from '../../collectors/index.ts';
import { Checker, DEFAULT_CHECK_SETTINGS } from '../checks/checker.ts';
import type { LoadedConfig } from '../config/load.ts';
import { httpClientFor } from '../http/for-config.ts';
import type { HttpClient } from '../http/client.ts';
import type { Logger } from '../log.ts';
import { jobDeadlineMs, withDeadline } from '../run/deadline.ts';
import { fetchedPayload, nameFailure } from '../run/execute-job.ts';
import { createRunResources, type ClosableResources } from '../run/resources.ts';
import { parseCondition } from '../uptime/conditions.ts';
import { createResolver } from '../uptime/dns.ts';
import { probeEndpoint, probeFields } from '../uptime/probe.ts';
import { createStallMeter } from '../uptime/stall.ts';
import { createTransport } from '../uptime/transport.ts';
import { TOOL_VERSION } from '../version.ts';
import { createCanaryCheck } from './canaries.ts';
import { QueueSetupError } from './config.ts';
import {
  CHECK_QUEUE, COLLECT_QUEUE, probeQueue, RESULTS_QUEUE,
  type CheckPageJob, type CheckPageResult, type CollectJob, type CollectResult, type JobKind, type ProbeBatchJob, type ProbeJob, type ProbeResult, type WirePayload, type WorkerResult,
} from './messages.ts';
import { takePrevious } from './previous.ts';
import { checkAccess, connectRedis, getBlob, heartbeatKey, putBlob, redisConnectionOptions, type Heartbeat, type RedisRole } from './redis.ts';

export interface ConnectToRule {
  from: { host: string; port: number };
  to: { host: string; port: number };
}

/** "host:port=host2:port2", as the worker's --connect-to option takes it. */
export function parseConnectTo(text: string): ConnectToRule {
  const m = /^\[?([^\]\s]+?)\]?:(\d{1,5})=\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(text.trim());
  if (!m) throw new QueueSetupError(`--connect-to "${text}" is not HOST:PORT=HOST2:PORT2. Fix: write it like dichvucong.gov.vn:443=10.0.0.5:443`);
  return { from: { host: m[1]!, port: Number(m[2]) }, to: { host: m[3]!, port: Number(m[4]) } };
}

export interface WorkerOptions {
  loaded: LoadedConfig;
  location: string;
  kinds: readonly JobKind[];
  /** At once: probes in flight (default 100), pages (default checks.concurrency), collection jobs (default 4). */
  concurrency?: number;
  connectTo?: readonly ConnectToRule[];
  redis?: RedisRole;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /** Extra trusted CA for https probes (local test servers). */
  ca?: string | Buffer;
}

export interface ScaleWorker {
  id: string;
  stats(): { done: Record<JobKind, number>; failed: number };
  /** Takes no new job; lets the ones in hand finish and post their results. */
  stop(): Promise<void>;
}

/** A worker renews its heartbeat this often (at most), so the coordinator sees it gone well within the grace. */
const HEARTBEAT_MS = 5_000;

export async function startWorker(opts: WorkerOptions): Promise<ScaleWorker> {
  const queue = opts.loaded.config.queue;
  if (!queue) throw new QueueSetupError(`${opts.loaded.file} has no "queue" section: a worker needs the Redis the coordinator uses. Fix: add queue: { redis: { url: … } } (the same as the coordinator's)`);
  const location = queue.locations.find((l) => l.id === opts.location);
  if (opts.kinds.includes('probe') && !location) {
    throw new QueueSetupError(`--location "${opts.location}" is not in queue.locations (${queue.locations.map((l) => l.id).join(', ') || 'none'}). Fix: use one of those, or add the location to the configuration`);
  }
  const env = opts.env ?? process.env;
  const log = opts.log.child({ role: 'worker', location: opts.location });
  const id = `${hostname()}/${process.pid}`;
  const prefix = queue.prefix;
  const lockDuration = queue.lockSeconds * 1000;
  const heartbeatMs = Math.min(HEARTBEAT_MS, (queue.workerGraceSeconds * 1000) / 3);
  const producer = connectRedis(queue, opts.redis ?? {}, { blocking: true, name: `dvc-worker-${opts.location}` }, env);
  producer.on('error', (err) => log.debug({ err: err.message }, 'redis connection error'));
  try {
    await checkAccess(producer, `worker ${id}`);
  } catch (err) {
    producer.disconnect();
    throw err;
  }
  const results = new Queue(RESULTS_QUEUE, { connection: producer, prefix });
  const done: Record<JobKind, number> = { probe: 0, check: 0, collect: 0 };
  let failed = 0;

  /** Posts a result; the job completes only after, so a result is never lost with its worker. */
  const post = async (r: WorkerResult) => {
    await results.add('result', r, { jobId: `r.${r.resultId}`, attempts: 200, backoff: { type: 'ingest' }, removeOnComplete: true, removeOnFail: false });
  };

  // ---- probes --------------------------------------------------------------------------
  const connectTo = opts.connectTo ?? [];
  const transport = createTransport({
    resolver: createResolver({ servers: opts.loaded.config.uptime.dns.servers, canaries: opts.loaded.config.uptime.dns.canaries }),
    userAgent: `dvc-monitor/${TOOL_VERSION} (uptime; ${opts.location})`,
    ...(opts.ca ? { ca: opts.ca } : {}),
    ...(connectTo.length ? { connectTo: (host: string, port: number) => connectTo.find((r) => r.from.host === host && r.from.port === port)?.to ?? null } : {}),
  });
  const stall = createStallMeter();
  const canaries = createCanaryCheck(location?.canaries ?? [], transport);
  async function probeOne(j: ProbeJob): Promise<ProbeResult | null> {
    if (Date.now() > Date.parse(j.startBy)) return null; // too late: the round is judged without this location
    const spec = { ...j.spec, conditions: j.spec.conditions.map(parseCondition), softConditions: j.spec.softConditions.map(parseCondition) };
    const start = Date.now();
    const outcome = await probeEndpoint(spec, { transport, stall });
    if (!outcome) return null;
    const judged = await canaries.judge(outcome.observation, probeFields(outcome), spec.timeoutMs);
    const cert = outcome.exchange.certificate;
    return {
      kind: 'probe', resultId: j.resultId, location: opts.location, worker: id, endpointId: j.endpointId, roundAt: j.roundAt, expected: j.expected,
      at: new Date(start).toISOString(), latenessMs: start - Date.parse(j.roundAt), observation: judged.observation, fields: judged.fields,
      certificate: cert ? { subject: cert.subject, issuer: cert.issuer, notAfter: cert.notAfter } : null,
    };
  }
  const probesInFlight = pLimit(opts.concurrency ?? 100);
  /** A batch's probes, each as soon as a slot is free; results posted together every quarter second. */
  async function probeBatch(job: Job<ProbeBatchJob>): Promise<string> {
    let pending: ProbeResult[] = [];
    let posting: Promise<void> = Promise.resolve();
    const send = () => {
      if (pending.length === 0) return posting;
      const results = pending;
      pending = [];
      posting = posting.then(() => post({ kind: 'probe_batch', resultId: `b.${results[0]!.resultId}.${results.length}`, location: opts.location, worker: id, results }));
      return posting;
    };
    const timer = setInterval(() => void send().catch(() => {}), 250);
    let late = 0;
    try {
      await Promise.all(job.data.probes.map((p) => probesInFlight(async () => {
        const r = await probeOne(p);
        if (r) pending.push(r);
        else late++;
      })));
    } finally {
      clearInterval(timer);
    }
    await send();
    done.probe += job.data.probes.length - late;
    return `${job.data.probes.length - late} probed, ${late} too late`;
  }

  // ---- check pages ---------------------------------------------------------------------
  const checkers = new Map<string, Checker>();
  const checkerFor = (settings: CheckPageJob['settings']) => {
    const key = JSON.stringify(settings);
    let c = checkers.get(key);
    if (!c) {
      const filterList = opts.loaded.config.checks?.filterList ?? DEFAULT_CHECK_SETTINGS.filterList;
      checkers.set(key, (c = new Checker({ ...settings, filterList })));
    }
    return c;
  };
  async function checkPage(job: Job<CheckPageJob>): Promise<string> {
    const j = job.data;
    const base = { kind: 'check_page' as const, resultId: j.resultId, location: opts.location, worker: id, jobId: j.jobId, attempt: j.attempt, url: j.url, pageKind: j.kind };
    let checker: Checker;
    try {
      checker = checkerFor(j.settings);
    } catch (err) {
      // No browser on this machine: the check job fails by name, as in the single process.
      await post({ ...base, visit: { ok: false, failure: { reason: 'browser_unavailable', message: (err as Error).message.slice(0, 20_000) } } });
      done.check++;
      return 'browser_unavailable';
    }
    // The page's last complete accessibility evidence the coordinator offers (incremental re-checks); gone or altered: a full visit.
    const previous = await takePrevious(j.previous, async (sha) => {
      const b = await getBlob(producer, prefix, sha);
      if ('body' in b) return b.body;
      log.warn({ url: j.url, blob: sha, problem: 'missing' in b ? 'missing' : 'corrupt' }, 'previous accessibility evidence unavailable: the page is checked in full');
      return null;
    }).catch((err: unknown) => {
      log.warn({ url: j.url, err: (err as Error).message }, 'previous accessibility evidence unreadable: the page is checked in full');
      return null;
    });
    let visit: Awaited<ReturnType<Checker['visit']>>;
    try {
      visit = await checker.visit(j.url, j.kind, j.firstPartySite, j.areas, { previous });
    } catch (err) {
      // The checker could not work at all (no browser): the coordinator fails the check job, as the single process does.
      await post({ ...base, visit: { ok: false, failure: { reason: 'scanner_error', message: ((err as Error)?.stack ?? String(err)).slice(0, 20_000) } } });
      done.check++;
      return 'scanner_error';
    }
    const put = (b: Buffer | null) => (b ? putBlob(producer, prefix, b) : Promise.resolve(null));
    const result: CheckPageResult = {
      ...base,
      visit: {
        ok: true, evidence: (await put(Buffer.from(JSON.stringify(visit.evidence))))!, dom: await put(visit.dom), axe: await put(visit.axe),
        screenshot: await put(visit.screenshot), crops: await Promise.all(visit.crops.map((c) => putBlob(producer, prefix, c))), versions: checker.versions,
      },
    };
    await post(result);
    done.check++;
    return visit.evidence.error ? `visited: ${visit.evidence.error.reason}` : 'visited';
  }

  // ---- collection ----------------------------------------------------------------------
  const clients = new Map<string, HttpClient>();
  const resourcesByRun = new Map<number, { resources: ClosableResources; lastUsed: number }>();
  const runResources = (runId: number) => {
    let r = resourcesByRun.get(runId);
    if (!r) resourcesByRun.set(runId, (r = { resources: createRunResources(), lastUsed: Date.now() }));
    r.lastUsed = Date.now();
    return r.resources;
  };
  async function collect(job: Job<CollectJob>): Promise<string> {
    const j = job.data;
    const httpKey = JSON.stringify(j.http);
    let http = clients.get(httpKey);
    if (!http) clients.set(httpKey, (http = httpClientFor(j.http)));
    const payloads: WirePayload[] = [];
    let failure: CollectResult['failure'] = null;
    try {
      const collector = collectorFor(j.source);
      // The same hard deadline as in the single process: what the job started is closed at it.
      await withDeadline(jobDeadlineMs(j.source), async (signal) => {
        for await (const raw of collector.collect(j.source, j.job, { http: http!, env, resources: runResources(j.runId), signal })) {
          signal.throwIfAborted();
          const p = fetchedPayload(raw);
          const body = await putBlob(producer, prefix, p.response.body);
          payloads.push({ request: p.request, response: { ...p.response, startedAt: p.response.startedAt.toISOString(), body, bodyBytes: p.response.body.length } });
        }
      });
    } catch (err) {
      failure = nameFailure(err);
      failure.message = failure.message.slice(0, 20_000);
    }
    await post({ kind: 'collect', resultId: j.resultId, location: opts.location, worker: id, jobId: j.jobId, attempt: j.attempt, payloads, failure });
    done.collect++;
    return failure ? `failed: ${failure.reason}` : `${payloads.length} payloads`;
  }
  // A run's shared resources (a token, a browser) are closed once its jobs have stopped coming.
  const resourceSweep = setInterval(() => {
    for (const [runId, r] of resourcesByRun) {
      if (Date.now() - r.lastUsed > 10 * 60_000) {
        resourcesByRun.delete(runId);
        void r.resources.closeAll();
      }
    }
  }, 60_000);

  // ---- the BullMQ workers --------------------------------------------------------------
  // Probe batches: a few at once (their probes share the probes-in-flight limit above).
  const concurrencyOf = (kind: JobKind) => (kind === 'probe' ? 8 : (opts.concurrency ?? (kind === 'check' ? (opts.loaded.config.checks?.concurrency ?? 2) : 4)));
  const workerOptions = (kind: JobKind) => ({
    connection: { ...redisConnectionOptions(queue, opts.redis ?? {}, env), connectionName: `dvc-worker-${opts.location}-${kind}`, maxRetriesPerRequest: null },
    prefix, concurrency: concurrencyOf(kind), lockDuration, stalledInterval: lockDuration,
    // A probe is worth nothing late; a page or a collection is worth redoing when its worker died.
    maxStalledCount: kind === 'probe' ? 0 : 3,
  });
  const bullWorkers: Worker[] = [];
  const processors: Record<JobKind, { queue: string; run: (job: Job) => Promise<string> }> = {
    probe: { queue: probeQueue(opts.location), run: (job) => probeBatch(job as Job<ProbeBatchJob>) },
    check: { queue: CHECK_QUEUE, run: (job) => checkPage(job as Job<CheckPageJob>) },
    collect: { queue: COLLECT_QUEUE, run: (job) => collect(job as Job<CollectJob>) },
  };
  for (const kind of opts.kinds) {
    const p = processors[kind];
    const w = new Worker(p.queue, p.run, workerOptions(kind));
    w.on('failed', (job, err) => {
      failed++;
      log.warn({ job: job?.id, kind, err: err.message }, 'job failed on this worker; it is retried');
    });
    w.on('error', (err) => log.debug({ err: err.message, kind }, 'worker connection error'));
    bullWorkers.push(w);
  }

  const heartbeat: Heartbeat = { location: opts.location, worker: id, kinds: [...opts.kinds], concurrency: opts.concurrency ?? null, startedAt: new Date().toISOString() };
  const beat = () => producer.set(heartbeatKey(prefix, opts.location, id), JSON.stringify(heartbeat), 'PX', Math.round(heartbeatMs * 2)).catch(() => {});
  await beat();
  const beatTimer = setInterval(() => void beat(), heartbeatMs);
  log.info({ worker: id, kinds: opts.kinds, queues: opts.kinds.map((k) => processors[k].queue) }, 'worker started');

  let stopping: Promise<void> | null = null;
  return {
    id,
    stats: () => ({ done: { ...done }, failed }),
    stop() {
      stopping ??= (async () => {
        clearInterval(beatTimer);
        clearInterval(resourceSweep);
        stall.stop();
        await Promise.allSettled(bullWorkers.map((w) => w.close()));
        await producer.del(heartbeatKey(prefix, opts.location, id)).catch(() => {});
        await Promise.allSettled([...checkers.values()].map((c) => c.close()));
        await Promise.allSettled([...resourcesByRun.values()].map((r) => r.resources.closeAll()));
        await Promise.allSettled([...clients.values()].map((c) => c.close()));
        await results.close();
        producer.disconnect();
        log.info({ worker: id, done }, 'worker stopped');
      })();
      return stopping;
    },
  };
}
