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
import { probeEndpoint, probeFields, type ProbeFields } from './probe.ts';
import { displayState, type LocationsSummary, type Reach } from './reach.ts';
import { createRecorder, isStoreBusy, type Recorder } from './recorder.ts';
import { rollupAndRetain } from './retention.ts';
import { createScheduler, monotonicNow, type ScheduleItem, type Scheduler, type SchedulerStats } from './scheduler.ts';
import { createStallMeter } from './stall.ts';
import { INITIAL_HEALTH, step, type EndpointHealth, type Observation } from './state-machine.ts';
import { localDate } from '../time/period.ts';
import { createTransport, type Transport } from './transport.ts';

/** What one round observed of an endpoint: one local probe, or the verdict of several locations. */
export interface ObservedRound {
  /** The round's time (UTC ISO): when the local probe started, or the round's scheduled time. */
  at: string;
  latenessMs: number | null;
  observation: Observation;
  /** The raw fields of the probe that stands for the round. */
  fields: ProbeFields;
  certificate: { subject: string; issuer: string; notAfter: string } | null;
  /** Several locations only: the verdict's reach and who said what. */
  reach?: Reach;
  locations?: LocationsSummary & { downReason: string | null };
}

/** How a round is observed; the default probes from this process. */
export type Observer = (spec: EndpointSpec, round: { endpointId: number; dueAt: number; signal: AbortSignal }) => Promise<ObservedRound | null>;

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
  /** Observe rounds another way (the scale-out coordinator asks its locations). */
  observe?: Observer;
  /** The schedule starts once this settles (the coordinator first judges rounds left from before a restart). */
  startAfter?: Promise<unknown>;
  /** Rounds in flight at once (default uptime.concurrency). */
  concurrency?: number;
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
  /** Moves the endpoint's state with a round observed outside the schedule (judged after a restart). */
  record(spec: EndpointSpec, observed: ObservedRound): void;
  /** The stored id of a configured endpoint ("portal/key"). */
  endpointId(name: string): number | undefined;
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

  const health = new Map<string, { id: number; health: EndpointHealth; reach: Reach | null; reachSince: string | null }>();
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
    health.set(name, { id: s.id, health: h, reach: s.reach, reachSince: s.reachSince });
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

  const localObserve: Observer = async (spec, { dueAt, signal }) => {
    // Lateness on the monotonic clock the schedule uses; the recorded time on the wall clock (UTC).
    const start = monotonicNow();
    const at = new Date().toISOString();
    const outcome = await probeEndpoint(spec, { transport, stall, signal });
    if (!outcome) return null; // stopped mid-probe: nothing to record
    const cert = outcome.exchange.certificate;
    return {
      at, latenessMs: Math.round(start - dueAt), observation: outcome.observation, fields: probeFields(outcome),
      certificate: cert ? { subject: cert.subject, issuer: cert.issuer, notAfter: cert.notAfter } : null,
    };
  };
  const observe = opts.observe ?? localObserve;

  function record(spec: EndpointSpec, o: ObservedRound): void {
    const name = endpointName(spec);
    const entry = health.get(name)!;
    const at = o.at;
    const window = windowAt(windows, spec.portalId, spec.key, at);
    const result = step(entry.health, o.observation, at, { downAfter: spec.downAfter, maintenance: window });
    let transition = result.transition;
    let locations: RoundRecord['locations'] = null;
    if (o.reach !== undefined && o.locations) {
      // Several locations: the state people see may be "partially reachable" on top of UP or DEGRADED.
      const before = displayState(entry.health.state, entry.reach);
      const after = displayState(result.health.state, o.reach);
      result.health.since = before === after ? entry.health.since : at;
      transition = before === after ? null : { at, from: before, to: after, reason: after === 'partial' ? o.locations.downReason : (result.transition?.reason ?? null) };
      entry.reachSince = o.reach === entry.reach ? entry.reachSince : at;
      entry.reach = o.reach;
      const { downReason: _downReason, ...summary } = o.locations;
      locations = { reach: o.reach, reachSince: entry.reachSince, summaryJson: JSON.stringify(summary), localDate: localDate(new Date(at)), down: o.locations.down };
    }
    entry.health = result.health;
    const record: RoundRecord = {
      probe: {
        endpointId: entry.id, at, latenessMs: o.latenessMs, state: result.health.state,
        maintenanceId: window?.id ?? null, ...o.fields,
      },
      health: result.health,
      transition,
      opened: result.opened,
      closed: result.closed,
      certificate: o.certificate,
      locations,
    };
    recorder.add(record);
    latest.set(name, record);
    if (transition) {
      const t = transition;
      log[t.to === 'down' ? 'warn' : 'info']({ endpoint: name, from: t.from, to: t.to, reason: t.reason }, 'endpoint state changed');
    }
    opts.onRound?.(name, record);
  }

  async function round(spec: EndpointSpec, dueAt: number): Promise<void> {
    const entry = health.get(endpointName(spec))!;
    const o = await observe(spec, { endpointId: entry.id, dueAt, signal: stopping.signal });
    if (o) record(spec, o);
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
  const concurrency = opts.concurrency ?? config.uptime.concurrency;
  const begin = (): Scheduler & { done?: Promise<void> } => opts.once
    ? runAllNow(items, (item, dueAt) => guarded(item.value, dueAt), concurrency)
    : createScheduler({ items, run: (item, dueAt) => guarded(item.value, dueAt), concurrency, onMissed: noteMissed });
  const idle: SchedulerStats = { started: 0, skippedBusy: 0, missed: 0, inFlight: 0, queued: 0 };
  let scheduler: (Scheduler & { done?: Promise<void> }) | null = null;
  let halted = false;
  const started = opts.startAfter
    ? opts.startAfter.then(() => { if (!halted) scheduler = begin(); }, (err: unknown) => log.error({ err }, 'probing could not start'))
    : Promise.resolve((scheduler = begin(), undefined));

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
    done: opts.once ? started.then(() => scheduler?.done) : new Promise<void>((resolve) => { resolveStopped = resolve; }),
    lastRounds: () => [...latest].map(([name, round]) => ({ name, round })),
    stats: () => ({ ...(scheduler?.stats() ?? idle), ...recorder.stats() }),
    record,
    endpointId: (name) => health.get(name)?.id,
    stop() {
      stopped ??= (async () => {
        clearInterval(flushTimer);
        clearInterval(housekeepingTimer);
        stopping.abort();
        halted = true;
        await scheduler?.stop();
        // A few tries for what is buffered: the store may be busy for a moment.
        for (let i = 0; i < 5 && !recorder.flush({ force: true }); i++) await new Promise((r) => setTimeout(r, 500));
        housekeeping();
        stall.stop();
        const s = recorder.stats();
        if (s.buffered > 0) log.error({ lost: s.buffered }, 'probe results could not be written before stopping');
        log.info({ ...(scheduler?.stats() ?? idle), written: s.written }, 'probing stopped');
        resolveStopped();
      })();
      return stopped;
    },
  };
}
