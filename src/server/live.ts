// Live updates: every half second the dashboard asks SQLite whether another process committed
// (data_version, a cheap read); only then does it compare what pages show — endpoint states, the
// alerts, the KPI inputs — and, when that changed, tells every open page over server-sent events
// (`event: change`). The prober's routine writes (a probe that changes no state) wake nobody.
import type { ServerResponse } from 'node:http';
import { alertsFingerprint } from '../../storage/alerts.ts';
import { listEndpoints } from '../../storage/uptime.ts';
import type { Logger } from '../log.ts';
import type { DashboardData } from './data.ts';

const CHECK_EVERY_MS = 500;
/** A comment line now and then keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 25_000;
const MAX_CLIENTS = 500;

export class LiveUpdates {
  private readonly clients = new Set<ServerResponse>();
  private digest = '';
  private readonly timer: NodeJS.Timeout;
  private readonly keepalive: NodeJS.Timeout;

  constructor(private readonly data: DashboardData, private readonly log: Logger) {
    this.data.refresh();
    this.digest = this.current();
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.keepalive = setInterval(() => this.send(': keepalive\n\n'), KEEPALIVE_MS);
    this.timer.unref();
    this.keepalive.unref();
  }

  /** What the pages show that can change while one is open. */
  private current(): string {
    const states = listEndpoints(this.data.db).map((e) => `${e.id}:${e.state}`).join(',');
    return `${states}|${alertsFingerprint(this.data.db)}|${this.data.kpiInputs}`;
  }

  private check(): void {
    try {
      if (!this.data.refresh()) return;
      const digest = this.current();
      if (digest === this.digest) return;
      this.digest = digest;
      this.send(`event: change\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`);
    } catch (err) {
      // A busy or briefly locked store: try again at the next tick.
      this.log.debug({ err }, 'live-update check failed');
    }
  }

  private send(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }

  /** Opens an event stream on this response; false when too many are open already. */
  open(res: ServerResponse, headers: Record<string, string>): boolean {
    if (this.clients.size >= MAX_CLIENTS) return false;
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    res.write('retry: 2000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    return true;
  }

  close(): void {
    clearInterval(this.timer);
    clearInterval(this.keepalive);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
