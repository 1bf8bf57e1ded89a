// `dvc-monitor start`: the long-running service. The nightly run at its cron time in
// Asia/Ho_Chi_Minh (a run missed while the machine was off runs at start), the probes at
// their intervals, alert evaluation after each run and every few seconds for availability,
// and the outbox delivered every few seconds. One instance per store.
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import { acquireLock, heartbeat, lastStarted, releaseLock, taskFinished, taskStarted, type LockHolder } from '../../storage/service.ts';
import { storeFailure, type Db } from '../../storage/db.ts';
import { latestRunningRun } from '../../storage/runs.ts';
import { deliverDue } from '../alerts/delivery.ts';
import { evaluateAlerts, RUN_RULES, UPTIME_RULES } from '../alerts/evaluate.ts';
import { startMonitor, type Monitor, type MonitorOptions } from '../uptime/monitor.ts';
import type { LoadedConfig } from '../config/load.ts';
import { httpClientFor } from '../http/for-config.ts';
import { createHttpClient, type HttpClient } from '../http/client.ts';
import type { Logger } from '../log.ts';
import { runMeasurement, type RemoteJobs } from '../run/nightly.ts';
import { periodsToCollect } from '../cli/periods.ts';
import { LOCAL_TIME_ZONE } from '../time/period.ts';
import { processAlive } from '../process.ts';

export const LOCK_NAME = 'service';
const HEARTBEAT_MS = 10_000;
// A holder on another host that has not beaten for a minute is taken to be dead.
const LOCK_STALE_MS = 60_000;

export class ServiceLockedError extends Error {
  constructor(readonly holder: LockHolder) {
    super(`another dvc-monitor service holds this store (process ${holder.pid} on ${holder.host}, since ${holder.acquiredAt})`);
    this.name = 'ServiceLockedError';
  }
}

export interface ServiceOptions {
  db: Db;
  /** A second connection for the prober, with a short busy timeout (see the probe command). */
  probeDb?: Db;
  loaded: LoadedConfig;
  log: Logger;
  deliveryIntervalMs?: number;
  uptimeAlertIntervalMs?: number;
  /** Run the nightly job at start when its last scheduled time was missed (default true). */
  catchUp?: boolean;
  /** Scale-out (src/scale/coordinator.ts): rounds observed by the locations, run jobs done by workers. */
  distributed?: {
    monitor: Pick<MonitorOptions, 'observe' | 'startAfter' | 'concurrency'>;
    remote: RemoteJobs;
    /** Jobs of a run in flight at once (a check job waits on its pages). */
    runConcurrency: number;
    /** After the monitor started: the coordinator judges rounds left open before the schedule resumes. */
    onMonitor?(monitor: Monitor): void;
  };
}


/** The latest time before `now` the cron pattern matched (minute resolution, up to 8 days back). */
export function previousOccurrence(task: Pick<ScheduledTask, 'match'>, now: Date): Date | null {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  for (let i = 0; i <= 8 * 24 * 60; i++) {
    const at = new Date(minute.getTime() - i * 60_000);
    if (task.match(at)) return at;
  }
  return null;
}

export class Service {
  private readonly me = { pid: process.pid, host: hostname() };
  private readonly abort = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  private nightlyTask: ScheduledTask | null = null;
  private monitor: Monitor | null = null;
  private running: Promise<unknown> | null = null;
  private delivering: Promise<unknown> | null = null;
  private readonly http: HttpClient;
  private readonly notifyHttp: HttpClient;

  constructor(private readonly options: ServiceOptions) {
    this.http = httpClientFor(options.loaded.config.http);
    // The outbox does its own retries with backoff: one attempt per delivery.
    this.notifyHttp = createHttpClient({ retries: 0, totalTimeoutMs: 30_000 });
  }

  async start(): Promise<void> {
    const { db, loaded, log } = this.options;
    const holder = acquireLock(db, LOCK_NAME, this.me, new Date(), LOCK_STALE_MS, (h) => h.host === this.me.host && !processAlive(h.pid));
    if (holder) throw new ServiceLockedError(holder);
    this.timers.push(setInterval(() => heartbeat(db, LOCK_NAME, this.me, new Date()), HEARTBEAT_MS));

    this.nightlyTask = cron.schedule(loaded.config.schedule.nightly, () => this.nightly('schedule'), { timezone: LOCAL_TIME_ZONE, name: 'nightly', noOverlap: true });
    const previous = previousOccurrence(this.nightlyTask, new Date());
    const last = lastStarted(db, 'nightly');
    log.info({ nightly: loaded.config.schedule.nightly, next: this.nightlyTask.getNextRun()?.toISOString(), lastStarted: last }, 'service started');
    const interrupted = latestRunningRun(db);
    if (interrupted && !(interrupted.host === this.me.host && processAlive(interrupted.pid))) {
      // A run killed with the previous service: finish it now rather than at the next schedule.
      log.info({ runId: interrupted.id }, 'resuming the run interrupted when the service last stopped');
      void this.nightly('resume');
    } else if ((this.options.catchUp ?? true) && previous && (!last || Date.parse(last) < previous.getTime())) {
      log.info({ missed: previous.toISOString() }, 'nightly run missed while the service was not running: running it now');
      void this.nightly('catch-up');
    }
    if (this.options.probeDb) {
      this.monitor = startMonitor({ db: this.options.probeDb, loaded, log, ...this.options.distributed?.monitor });
      this.options.distributed?.onMonitor?.(this.monitor);
      // States change as probes land: judge the availability rules often, well within a minute.
      this.timers.push(setInterval(() => this.judgeUptime(), this.options.uptimeAlertIntervalMs ?? 15_000));
    }
    this.timers.push(setInterval(() => void this.deliver(), this.options.deliveryIntervalMs ?? 5_000));
    void this.deliver();
  }

  private judgeUptime(): void {
    const { db, loaded, log } = this.options;
    try {
      const result = evaluateAlerts(db, loaded, { now: new Date(), log, rules: UPTIME_RULES });
      if (result.queued) void this.deliver();
    } catch (err) {
      log.error({ err }, 'uptime alert evaluation failed');
    }
  }

  /** One nightly measurement, then the alerts it may raise. Never two at once. */
  nightly(trigger: string): Promise<unknown> {
    if (this.running) return this.running;
    const { db, loaded, log } = this.options;
    this.running = (async () => {
      try {
        taskStarted(db, 'nightly', new Date());
        const periods = periodsToCollect({}, loaded.config.schedule, new Date());
        const d = this.options.distributed;
        const summary = await runMeasurement({
          db, loaded, plan: { periods }, http: this.http, log, trigger, signal: this.abort.signal,
          ...(d ? { remote: d.remote, concurrency: d.runConcurrency } : {}),
        });
        if (summary.status !== 'interrupted') evaluateAlerts(db, loaded, { now: new Date(), log, rules: RUN_RULES });
        taskFinished(db, 'nightly', summary.status, new Date());
        await this.deliver();
      } catch (err) {
        // Stopping while jobs waited on workers (scale-out): the run stays open and is resumed at the next start.
        const interrupted = this.abort.signal.aborted;
        // A full disk, a read-only mount, a damaged store: logged by name with the path and the fix; the service keeps running.
        const store = storeFailure(err, db.name);
        if (interrupted) log.info({ reason: (err as Error).message }, 'nightly run interrupted by the stop; it is resumed at the next start');
        else log.error({ err, ...(store ? { problem: store.problem, store: db.name } : {}) }, store ? store.text.en : 'nightly run failed');
        try {
          taskFinished(db, 'nightly', interrupted ? 'interrupted' : 'error', new Date());
        } catch (again) {
          log.error({ err: again }, 'could not record the failed nightly run');
        }
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  deliver(): Promise<unknown> {
    if (this.delivering || this.abort.signal.aborted) return this.delivering ?? Promise.resolve();
    const { db, loaded, log } = this.options;
    this.delivering = deliverDue(db, loaded.config.channels, { http: this.notifyHttp, log, giveUpAfterHours: loaded.config.alerts.giveUpAfterHours })
      .catch((err) => log.error({ err }, 'outbox delivery failed'))
      .finally(() => (this.delivering = null));
    return this.delivering;
  }

  /** SIGTERM: start nothing new, let the job and the deliveries in hand finish, release the lock. */
  async stop(): Promise<void> {
    const { db, log } = this.options;
    this.abort.abort();
    for (const timer of this.timers) clearInterval(timer);
    await this.nightlyTask?.destroy();
    await this.monitor?.stop();
    await Promise.allSettled([this.running, this.delivering]);
    await Promise.allSettled([this.http.close(), this.notifyHttp.close()]);
    releaseLock(db, LOCK_NAME, this.me);
    log.info('service stopped');
  }
}
