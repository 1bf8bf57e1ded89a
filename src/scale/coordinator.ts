// The scale-out coordinator: `dvc-monitor start` with `queue:` configured. It is the long-running
// service as before (the nightly run at its time, alerts, the outbox), with two differences: the
// probe rounds are observed by the configured locations' workers and judged here by the quorum,
// and a run's jobs are done by workers and ingested here. It stays the only writer of the store:
// workers' results come back through the results queue and are written in batched transactions.
//
// Faults: while Redis is unreachable it probes on its own as location `local` and records the gap
// (queue_gap), then sends again whatever was waiting; a location without a live worker is UNKNOWN
// after `workerGraceSeconds` (a gap of that location); a restart loses nothing (results wait in
// the queue, rounds and jobs left open are taken up from the store).
import { hostname } from 'node:os';
import { Queue, Worker } from 'bullmq';
import type { Db } from '../../storage/db.ts';
import { closeGap, deleteLocationResultsBefore, deleteStaleStaged, knownEndpointIds, openGap, saveLocationState, type LocationResultRow } from '../../storage/scale.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Logger } from '../log.ts';
import { Service } from '../service/service.ts';
import { createResolver } from '../uptime/dns.ts';
import { endpointName, endpointsOf } from '../uptime/endpoints.ts';
import type { Monitor } from '../uptime/monitor.ts';
import { createStallMeter } from '../uptime/stall.ts';
import { createTransport } from '../uptime/transport.ts';
import { TOOL_VERSION } from '../version.ts';
import { QueueSetupError } from './config.ts';
import { createIngest } from './ingest.ts';
import { CHECK_QUEUE, COLLECT_QUEUE, probeQueue, RESULTS_QUEUE } from './messages.ts';
import { checkAccess, connectRedis, liveWorkers, putBlob, redisConnectionOptions, type RedisRole } from './redis.ts';
import { createRemoteJobs } from './remote-jobs.ts';
import { createRounds } from './rounds.ts';
import { keptGapReason } from './gap-reason.ts';

export interface CoordinatorOptions {
  db: Db;
  /** The prober's and the ingest's connection, with a short busy timeout (see the probe command). */
  probeDb: Db;
  loaded: LoadedConfig;
  log: Logger;
  catchUp?: boolean;
  /** Probe (default true); false leaves uptime to another process. */
  probes?: boolean;
  redis?: RedisRole;
  env?: NodeJS.ProcessEnv;
  /** Extra trusted CA for https probes made here (local test servers). */
  ca?: string | Buffer;
  /** How often Redis and the workers are looked at (tests make it shorter). */
  healthIntervalMs?: number;
}

interface LocationLife {
  state: 'up' | 'unknown';
  since: string;
  lastSeen: number | null;
  workers: number;
}

const HOUSEKEEPING_MS = 5 * 60_000;
/** Previous accessibility evidence offered to workers waits this long; a page taken later is checked in full. */
const PREVIOUS_TTL_S = 2 * 24 * 3600;
const DRAIN_WAIT_MS = 10_000;

export class Coordinator {
  private readonly timers: NodeJS.Timeout[] = [];
  private queueUp = false;
  private service: Service | null = null;
  private stopped: Promise<void> | null = null;
  private readonly life = new Map<string, LocationLife>();
  private readonly closers: Array<() => Promise<unknown>> = [];
  private statsFn: () => Record<string, unknown> = () => ({});

  constructor(private readonly options: CoordinatorOptions) {}

  stats(): Record<string, unknown> {
    return { queueUp: this.queueUp, ...this.statsFn() };
  }

  async start(): Promise<void> {
    const { db, probeDb, loaded } = this.options;
    const queue = loaded.config.queue;
    if (!queue) throw new QueueSetupError('the configuration has no "queue" section');
    const env = this.options.env ?? process.env;
    const log = this.options.log.child({ role: 'coordinator' });
    const prefix = queue.prefix;
    const role = this.options.redis ?? {};
    const me = `${hostname()}/${process.pid}`;

    const producer = connectRedis(queue, role, { blocking: false, name: 'dvc-coordinator' }, env);
    producer.on('error', (err) => log.debug({ err: err.message }, 'redis connection error'));
    try {
      await checkAccess(producer, `the coordinator ${me}`);
      this.queueUp = true;
    } catch (err) {
      // Refused credentials are a configuration error; an unreachable Redis is a fault we live with.
      if (err instanceof QueueSetupError && /refused/.test(err.message)) {
        producer.disconnect();
        throw err;
      }
      log.warn({ err: (err as Error).message }, 'Redis is not reachable: probing from here (location local) until it is');
    }
    const queueOpts = { connection: producer, prefix };
    const probeQueues = new Map(queue.locations.map((l) => [l.id, new Queue(probeQueue(l.id), queueOpts)]));
    const jobQueues = { [CHECK_QUEUE]: new Queue(CHECK_QUEUE, queueOpts), [COLLECT_QUEUE]: new Queue(COLLECT_QUEUE, queueOpts) };
    const resultsQueue = new Queue(RESULTS_QUEUE, queueOpts);
    this.closers.push(async () => {
      await Promise.allSettled([...probeQueues.values(), ...Object.values(jobQueues), resultsQueue].map((q) => q.close()));
      producer.disconnect();
    });

    // ---- gaps: the queue, and each location -------------------------------------------------
    const now = () => new Date().toISOString();
    const queueDown = (reason: string) => {
      if (!this.queueUp || this.stopping) return;
      this.queueUp = false;
      log.warn({ reason }, 'the queue (Redis) is unreachable: probing from here as location local; the gap is recorded');
      openGap(probeDb, 'queue', '', now(), reason.slice(0, 500));
    };
    if (!this.queueUp) openGap(probeDb, 'queue', '', now(), keptGapReason('scale.gap.redisAtStart'));
    const staged = createRemoteJobs({ db, loaded, log, queueOf: (name) => jobQueues[name], putBlob: (body) => putBlob(producer, prefix, body, PREVIOUS_TTL_S) });
    const queueBack = async () => {
      this.queueUp = true;
      closeGap(probeDb, 'queue', '', now());
      const resent = await staged.resendAll();
      // Results the queue gave up on while the store was unwritable: given another chance.
      await resultsQueue.retryJobs({ state: 'failed' }).catch(() => {});
      log.info({ resent }, 'the queue is reachable again: jobs waiting for their results sent again');
    };
    const grace = queue.workerGraceSeconds * 1000;
    for (const l of queue.locations) {
      this.life.set(l.id, { state: 'unknown', since: now(), lastSeen: null, workers: 0 });
    }
    const saved = new Map<string, { at: number; state: string; workers: number }>();
    const watchLocations = async () => {
      const workers = await liveWorkers(producer, prefix);
      const t = Date.now();
      for (const [id, life] of this.life) {
        const probing = workers.filter((w) => w.location === id && w.kinds.includes('probe')).length;
        life.workers = probing;
        if (probing > 0) life.lastSeen = t;
        const state = probing > 0 || (life.lastSeen !== null && t - life.lastSeen < grace) ? 'up' : 'unknown';
        if (state !== life.state) {
          life.state = state;
          life.since = new Date(t).toISOString();
          if (state === 'up') closeGap(probeDb, 'location', id, life.since);
          else openGap(probeDb, 'location', id, life.since, life.lastSeen === null ? keptGapReason('scale.gap.noWorkerYet') : keptGapReason('scale.gap.noLiveWorker', { seconds: queue.workerGraceSeconds }));
          log[state === 'up' ? 'info' : 'warn']({ location: id, workers: probing }, state === 'up' ? 'location is probing' : 'location has no live worker: UNKNOWN, left out of the quorum');
        }
        // Written when it changes, and its last sighting every half minute.
        const last = saved.get(id);
        if (!last || last.state !== life.state || last.workers !== probing || t - last.at > 30_000) {
          saveLocationState(probeDb, { location: id, state: life.state, since: life.since, lastSeenAt: life.lastSeen === null ? null : new Date(life.lastSeen).toISOString(), workers: probing });
          saved.set(id, { at: t, state: life.state, workers: probing });
        }
      }
    };
    let lastRetry = Date.now();
    let checking = false;
    const health = async () => {
      if (checking) return; // the previous look is still waiting on Redis
      checking = true;
      try {
        await producer.ping();
        if (!this.queueUp) await queueBack();
        await watchLocations();
        if (Date.now() - lastRetry > 60_000) {
          // Results the queue gave up on (the store refused them for long) are never dropped: tried again.
          lastRetry = Date.now();
          await resultsQueue.retryJobs({ state: 'failed' });
        }
      } catch (err) {
        queueDown((err as Error).message);
      } finally {
        checking = false;
      }
    };
    // Noticed at once, not only at the next ping.
    producer.on('close', () => queueDown('connection to Redis closed'));
    if (this.queueUp) await watchLocations().catch(() => {});
    this.timers.push(setInterval(() => void health(), this.options.healthIntervalMs ?? 1000));

    // ---- results: the single writer ----------------------------------------------------------
    const specs = endpointsOf(loaded.config);
    const knownIds = new Set<number>();
    let arrived: (row: LocationResultRow) => void = () => {};
    const ingest = createIngest({
      db: probeDb, redis: producer, prefix, log, maxResults: queue.batch.maxResults, maxWaitMs: queue.batch.maxWaitMs,
      knownEndpoint: (id) => knownIds.has(id),
      onProbe: (row) => arrived(row),
      onStaged: (resultId) => staged.staged(resultId),
      onDead: (resultId, reason) => { if (resultId && reason.startsWith('blob_')) staged.lost(resultId); },
    });
    const resultsWorker = new Worker(RESULTS_QUEUE, async (job) => ingest.add(job.data, RESULTS_QUEUE), {
      connection: { ...redisConnectionOptions(queue, role, env), connectionName: 'dvc-coordinator-results', maxRetriesPerRequest: null },
      prefix, concurrency: queue.batch.maxResults, lockDuration: queue.lockSeconds * 1000, stalledInterval: queue.lockSeconds * 1000,
      // A result in hand when a coordinator died is given to the next one, however often that happens.
      maxStalledCount: 1000,
      settings: { backoffStrategy: (attemptsMade: number) => Math.min(60_000, 500 * 2 ** Math.min(attemptsMade, 10)) },
      // Started once the configured endpoints are known (a result about another is a dead letter).
      autorun: false,
    });
    resultsWorker.on('error', (err) => log.debug({ err: err.message }, 'results worker connection error'));

    // ---- probe rounds ----------------------------------------------------------------------
    const stall = createStallMeter();
    const transport = createTransport({
      resolver: createResolver({ servers: loaded.config.uptime.dns.servers, canaries: loaded.config.uptime.dns.canaries }),
      userAgent: `dvc-monitor/${TOOL_VERSION} (uptime; local)`, ...(this.options.ca ? { ca: this.options.ca } : {}),
    });
    const r = createRounds({
      db: probeDb, queue, log, ingest, transport, stall,
      probeQueueOf: (l) => probeQueues.get(l)!,
      queueUp: () => this.queueUp,
      locationLive: (l) => this.life.get(l)?.state === 'up',
      queueFailed: (err) => queueDown((err as Error).message),
    });
    arrived = r.arrived;
    const consume = () => void resultsWorker.run().catch((err: unknown) => log.error({ err }, 'the results worker stopped'));
    let release = () => {};
    const startAfter = new Promise<void>((resolve) => { release = resolve; });
    const prepare = async (monitor: Monitor) => {
      for (const s of specs) {
        const id = monitor.endpointId(endpointName(s));
        if (id !== undefined) knownIds.add(id);
      }
      consume();
      // Results posted while no coordinator ran are stored first, then the rounds they belong to judged.
      const until = Date.now() + DRAIN_WAIT_MS;
      while (this.queueUp && Date.now() < until) {
        const c = await resultsQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized').catch(() => null);
        if (!c || Object.values(c).every((n) => n === 0)) break;
        await new Promise((res) => setTimeout(res, 200));
      }
      await ingest.flush();
      r.judgeLeftOpen(monitor);
    };

    this.service = new Service({
      db, probeDb: (this.options.probes ?? true) ? probeDb : undefined, loaded, log: this.options.log, catchUp: this.options.catchUp ?? true,
      distributed: {
        monitor: { observe: r.observe, startAfter, concurrency: Math.max(1000, specs.length) },
        remote: staged,
        runConcurrency: 64,
        onMonitor: (monitor) => void prepare(monitor).catch((err: unknown) => log.error({ err }, 'rounds left open could not be judged')).finally(() => release()),
      },
    });
    if (!(this.options.probes ?? true)) {
      // No prober here: probe results are still stored as they arrive, for the endpoints the store knows.
      for (const id of knownEndpointIds(probeDb)) knownIds.add(id);
      consume();
    }
    this.closers.unshift(async () => {
      await resultsWorker.close();
      await ingest.flush();
      stall.stop();
    });
    await this.service.start();
    this.timers.push(setInterval(() => {
      try {
        const cutoff = new Date(Date.now() - loaded.config.uptime.retention.rawDays * 86_400_000).toISOString();
        deleteLocationResultsBefore(probeDb, cutoff);
        deleteStaleStaged(probeDb);
      } catch (err) {
        log.warn({ err }, 'scale-out housekeeping postponed');
      }
    }, HOUSEKEEPING_MS));
    this.statsFn = () => ({ ingest: ingest.stats(), openRounds: r.openRounds(), outstandingJobs: staged.outstanding(), locations: Object.fromEntries(this.life) });
    this.abandon = () => staged.abandon();
    log.info({ locations: queue.locations.map((l) => l.id), endpoints: specs.length, queueUp: this.queueUp }, 'coordinator started');
  }

  private abandon: () => void = () => {};
  private stopping = false;

  /** SIGTERM: jobs waiting on workers stay running in the store; results already posted wait in the queue. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      for (const t of this.timers) clearInterval(t);
      this.abandon();
      await this.service?.stop();
      for (const close of this.closers) await close().catch(() => {});
    })();
    return this.stopped;
  }
}
