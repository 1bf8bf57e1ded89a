// The prober behind `dvc-monitor probe`: schedules every configured endpoint, probes it, moves
// its state, and records everything; rolls up and applies retention every few minutes.
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import type { Db } from '../../storage/db.ts';
import { closeIncidentAtGap, syncEndpoints, syncMaintenance, type RoundRecord } from '../../storage/uptime.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Logger } from '../log.ts';
import { syncRegistryFromConfig } from '../run/sync-registry.ts';
import { TOOL_VERSION } from '../version.ts';
import { createResolver } from './dns.ts';
import { endpointName, endpointsOf, maintenanceWindowsOf, type EndpointSpec } from './endpoints.ts';
import { windowAt } from './maintenance.ts';
import { probeEndpoint, probeFields } from './probe.ts';
import { createRecorder, isStoreBusy, type Recorder } from './recorder.ts';
import { rollupAndRetain } from './retention.ts';
import { createScheduler, monotonicNow, type ScheduleItem, type Scheduler, type SchedulerStats } from './scheduler.ts';
import { createStallMeter } from './stall.ts';
import { INITIAL_HEALTH, step, type EndpointHealth } from './state-machine.ts';
import { createTransport, type Transport } from './transport.ts';

export interface MonitorOptions {
  db: Db;
  loaded: LoadedConfig;
  log: Logger;
  /** Extra trusted CA for https endpoints (local test servers). */
  ca?: string | Buffer;
  transport?: Transport;
  flushIntervalMs?: number;
  /** How often rollups are refreshed and retention applied. */
  housekeepingIntervalMs?: number;
  /** Called after each probe round, once its record is queued for the store. */
  onRound?: (name: string, round: RoundRecord) => void;
  /** Probe every endpoint once, now, instead of on a schedule; `done` settles when all have been. */
  once?: boolean;
}

export interface Monitor {
  endpoints: readonly EndpointSpec[];
  /** With `once`: every endpoint has been probed. Otherwise settles only after stop(). */
  done: Promise<void>;
  stats(): SchedulerStats & { buffered: number; written: number; dropped: number };
  /** The latest round of each endpoint probed since start. */
  lastRounds(): Array<{ name: string; round: RoundRecord }>;
  /** Stops scheduling, abandons probes in flight, writes what is buffered. */
  stop(): Promise<void>;
}

/** `probe --once`: every endpoint now, with the same cap on probes in flight. */
function runAllNow<T>(items: ReadonlyArray<ScheduleItem<T>>, run: (item: ScheduleItem<T>, dueAt: number) => Promise<void>, concurrency: number): Scheduler & { done: Promise<void> } {
  const limit = pLimit(concurrency);
  let started = 0;
  const dueAt = monotonicNow();
  const done = Promise.allSettled(items.map((item) => limit(() => {
    started++;
    return run(item, dueAt);
  }))).then(() => {});
  return {
    done,
    stats: () => ({ started, skippedBusy: 0, missed: 0, inFlight: limit.activeCount, queued: limit.pendingCount }),
    async stop() {
      limit.clearQueue();
      await done;
    },
  };
}

/** An incident open for longer than this without a probe is closed at the last probe (the prober was away). */
const gapLimitMs = (spec: EndpointSpec) => Math.max(3 * spec.intervalMs, 5 * 60_000);

export function startMonitor(opts: MonitorOptions): Monitor {
  const { db, loaded, log } = opts;
  const config = loaded.config;
  const specs = endpointsOf(config);
  const windows = maintenanceWindowsOf(config);

  syncRegistryFromConfig(db, loaded);
  const stored = syncEndpoints(db, specs.map((s) => ({
    portalId: s.portalId, key: s.key, url: s.url, intervalS: s.intervalMs / 1000,
    settings: { method: s.method, timeoutMs: s.timeoutMs, slowMs: s.slowMs, downAfter: s.downAfter, conditions: s.conditions.map((c) => c.source), softConditions: s.softConditions.map((c) => c.source) },
  })));
  syncMaintenance(db, windows);
  for (const w of windows.filter((w) => !w.announced)) {
    log.warn({ window: w.id, portal: w.portalId, workingDaysNotice: w.workingDaysNotice }, 'maintenance window announced less than 7 working days ahead (NĐ 224/2026 Art. 13)');
  }

  const health = new Map<string, { id: number; health: EndpointHealth }>();
  const startedAt = Date.now();
  for (const spec of specs) {
    const name = endpointName(spec);
    const s = stored.get(name)!;
    let h = s.health;
    if (h.incident && (s.lastProbeAt === null || startedAt - Date.parse(s.lastProbeAt) > gapLimitMs(spec))) {
      closeIncidentAtGap(db, s.id, s.lastProbeAt ?? h.incident.startedAt);
      log.warn({ endpoint: name, since: s.lastProbeAt }, 'closed an incident the prober could not follow (it was not running)');
      h = { ...INITIAL_HEALTH };
    }
    health.set(name, { id: s.id, health: h });
  }

  const stall = createStallMeter();
  const recorder: Recorder = createRecorder(db, { stall, log });
  const resolver = createResolver({ servers: config.uptime.dns.servers, canaries: config.uptime.dns.canaries });
  if (config.uptime.dns.canaries.length === 0) {
    log.info('no uptime.dns.canaries: a resolver failure that is not a plain "no such name" is counted as ours (UNKNOWN)');
  }
  const transport = opts.transport ?? createTransport({ resolver, userAgent: `dvc-monitor/${TOOL_VERSION} (uptime)`, ...(opts.ca ? { ca: opts.ca } : {}) });
  const stopping = new AbortController();
  setMaxListeners(0, stopping.signal); // every probe in flight listens to it
  const latest = new Map<string, RoundRecord>();

  async function round(spec: EndpointSpec, dueAt: number): Promise<void> {
    // Lateness on the monotonic clock the schedule uses; the recorded time on the wall clock (UTC).
    const start = monotonicNow();
    const at = new Date().toISOString();
    const outcome = await probeEndpoint(spec, { transport, stall, signal: stopping.signal });
    if (!outcome) return; // stopped mid-probe: nothing to record
    const name = endpointName(spec);
    const entry = health.get(name)!;
    const window = windowAt(windows, spec.portalId, spec.key, at);
    const result = step(entry.health, outcome.observation, at, { downAfter: spec.downAfter, maintenance: window });
    entry.health = result.health;
    const cert = outcome.exchange.certificate;
    const record: RoundRecord = {
      probe: {
        endpointId: entry.id, at, latenessMs: Math.round(start - dueAt), state: result.health.state,
        maintenanceId: window?.id ?? null, ...probeFields(outcome),
      },
      health: result.health,
      transition: result.transition,
      opened: result.opened,
      closed: result.closed,
      certificate: cert ? { subject: cert.subject, issuer: cert.issuer, notAfter: cert.notAfter } : null,
    };
    recorder.add(record);
    latest.set(name, record);
    if (result.transition) {
      const t = result.transition;
      log[t.to === 'down' ? 'warn' : 'info']({ endpoint: name, from: t.from, to: t.to, reason: t.reason }, 'endpoint state changed');
    }
    opts.onRound?.(name, record);
  }

  // Ticks that fell inside a pause of the whole process (SIGSTOP, a suspended VM) are not
  // replayed: they are gaps, excluded from availability like UNKNOWN. Logged once per second.
  let missedSinceLog = 0;
  const noteMissed = (_item: unknown, ticks: number) => {
    if (missedSinceLog === 0) setTimeout(() => {
      log.warn({ missed: missedSinceLog }, 'the prober was paused: scheduled probes skipped');
      missedSinceLog = 0;
    }, 1000).unref();
    missedSinceLog += ticks;
  };
  /** A round that throws is a bug of ours: logged, and the schedule goes on. */
  const guarded = (spec: EndpointSpec, dueAt: number) =>
    round(spec, dueAt).catch((err: unknown) => log.error({ err, endpoint: endpointName(spec) }, 'probe round failed'));
  const items = specs.map((spec) => ({ key: endpointName(spec), intervalMs: spec.intervalMs, value: spec }));
  const scheduler = opts.once
    ? runAllNow(items, (item, dueAt) => guarded(item.value, dueAt), config.uptime.concurrency)
    : createScheduler({ items, run: (item, dueAt) => guarded(item.value, dueAt), concurrency: config.uptime.concurrency, onMissed: noteMissed });

  const flushTimer = setInterval(() => recorder.flush(), opts.flushIntervalMs ?? 1000);
  const housekeeping = () => {
    const t0 = performance.now();
    try {
      const r = rollupAndRetain(db, config.uptime.retention, new Date());
      log.debug({ ...r }, 'rollups refreshed, retention applied');
    } catch (err) {
      log[isStoreBusy(err) ? 'warn' : 'error']({ err }, 'rollup and retention postponed');
    } finally {
      // Synchronous store work held the event loop: probes it delayed must know it was us.
      stall.noteStoreWait(performance.now() - t0);
    }
  };
  const housekeepingTimer = setInterval(housekeeping, opts.housekeepingIntervalMs ?? 5 * 60_000);
  log.info({ endpoints: specs.length, windows: windows.length }, 'probing started');

  let stopped: Promise<void> | null = null;
  let resolveStopped = () => {};
  return {
    endpoints: specs,
    done: opts.once ? (scheduler as ReturnType<typeof runAllNow>).done : new Promise<void>((resolve) => { resolveStopped = resolve; }),
    lastRounds: () => [...latest].map(([name, round]) => ({ name, round })),
    stats: () => ({ ...scheduler.stats(), ...recorder.stats() }),
    stop() {
      stopped ??= (async () => {
        clearInterval(flushTimer);
        clearInterval(housekeepingTimer);
        stopping.abort();
        await scheduler.stop();
        // A few tries for what is buffered: the store may be busy for a moment.
        for (let i = 0; i < 5 && !recorder.flush({ force: true }); i++) await new Promise((r) => setTimeout(r, 500));
        housekeeping();
        stall.stop();
        const s = recorder.stats();
        if (s.buffered > 0) log.error({ lost: s.buffered }, 'probe results could not be written before stopping');
        log.info({ ...scheduler.stats(), written: s.written }, 'probing stopped');
        resolveStopped();
      })();
      return stopped;
    },
  };
}
