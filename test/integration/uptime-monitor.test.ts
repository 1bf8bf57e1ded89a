// The prober end to end against real local servers and real SQLite files: scripted outages,
// a store made busy on purpose, maintenance windows, and a restart after a gap.
import Database from 'better-sqlite3';
import http from 'node:http';
import https from 'node:https';
import { generate } from 'selfsigned';
import type net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../storage/db.ts';
import { certificateExpiries, currentStates, incidentsSince, transitionsSince } from '../../storage/uptime.ts';
import { uptimeReportFromStore } from '../../src/cli/commands/uptime.ts';
import { renderUptimeTable } from '../../src/cli/render-uptime.ts';
import { parseConfig, type LoadedConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { startMonitor, type MonitorOptions } from '../../src/uptime/monitor.ts';
import { createScheduler, monotonicNow } from '../../src/uptime/scheduler.ts';
import { localDate } from '../../src/time/period.ts';
import { tempDir } from '../helpers/tmp.ts';

const cleanups: Array<() => Promise<void> | void> = [];

/** Blocks this thread for `ms` without burning CPU, as a frozen process would (GC pause, SIGSTOP). */
const freeze = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const log = createLogger('silent');

/** A portal whose behaviour the test switches: `mode` decides every answer. */
async function scriptedPortal() {
  const state = { mode: 'up' as 'up' | '503' | 'reset', slowMs: 1500 };
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') return void setTimeout(() => res.end('{"status":"ok"}'), state.slowMs);
    if (state.mode === 'reset') return void req.socket.destroy();
    res.statusCode = state.mode === 'up' ? 200 : 503;
    res.end(state.mode === 'up' ? '{"status":"ok"}' : 'Service Unavailable');
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  }));
  return { base: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, state };
}

function config(base: string, extra = '', withSlow = false): LoadedConfig {
  return parseConfig(`version: 1
uptime:
  defaults: { intervalSeconds: 10, timeoutMs: 2000, slowMs: 2000, confirmDelayMs: 20 }
${extra}
portals:
  - id: dvc-a
    agency: "tinh:01"
    name: Cổng A
    url: "${base}/"
    probes:
      - { id: home, url: "${base}/", conditions: ["[STATUS] == 200", "[BODY].status == ok"] }
${withSlow ? `      - { id: slow, url: "${base}/slow", timeoutMs: 2500, slowMs: 3000 }` : ''}
`, 'test.yaml', {});
}

function store(): { db: Db; path: string } {
  const path = join(tempDir(), 'uptime.sqlite');
  const db = openStore(path, { busyTimeoutMs: 3000 });
  cleanups.push(() => void db.close());
  return { db, path };
}

/** One round of every endpoint, as `dvc-monitor probe --once` does. */
async function round(db: Db, loaded: LoadedConfig, extra: Partial<MonitorOptions> = {}) {
  const monitor = startMonitor({ db, loaded, log, once: true, ...extra });
  await monitor.done;
  await monitor.stop();
  return monitor.lastRounds();
}

describe('the scheduler in real time', () => {
  it('runs each endpoint at its interval, measures lateness, and skips a tick while the last probe still runs', async () => {
    const seen = new Map<string, number[]>();
    const scheduler = createScheduler({
      items: [{ key: 'a', intervalMs: 200, value: 20 }, { key: 'b', intervalMs: 200, value: 450 }],
      concurrency: 10,
      run: async (item, dueAt) => {
        seen.set(item.key, [...(seen.get(item.key) ?? []), monotonicNow() - dueAt]);
        await new Promise((r) => setTimeout(r, item.value));
      },
    });
    await new Promise((r) => setTimeout(r, 1500));
    const stats = scheduler.stats();
    await scheduler.stop();
    // 'a' fires every 200 ms: 6 or 7 times in 1.5 s (a loaded machine may lose one).
    expect(seen.get('a')!.length).toBeGreaterThanOrEqual(5);
    expect(seen.get('a')!.every((late) => late >= 0 && late < 1000)).toBe(true);
    // 'b' takes 450 ms: the two ticks that fall inside each run are skipped, not stacked.
    expect(seen.get('b')!.length).toBeLessThanOrEqual(3);
    expect(stats.skippedBusy).toBeGreaterThanOrEqual(2);
  });
});

describe('the scheduler after a pause', () => {
  it('does not replay the ticks that fell inside a pause of the whole process: it counts them', async () => {
    const missed: number[] = [];
    let runs = 0;
    const scheduler = createScheduler({
      items: [{ key: 'a', intervalMs: 100, value: null }],
      concurrency: 1,
      run: async () => { runs++; },
      onMissed: (_item, ticks) => missed.push(ticks),
    });
    await new Promise((r) => setTimeout(r, 150));
    freeze(650); // frozen for more than six intervals
    await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    expect(missed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
    expect(runs).toBeLessThan(6);
  });
});

describe('the prober, end to end', () => {
  it('a scripted outage: UP, 503 twice, UP: one incident, 60% availability, transitions for alerts', async () => {
    const portal = await scriptedPortal();
    const { db } = store();
    const loaded = config(portal.base, '');
    const script: Array<typeof portal.state.mode> = ['up', 'up', '503', '503', 'up'];
    const at: string[] = [];
    for (const mode of script) {
      portal.state.mode = mode;
      const rounds = await round(db, loaded);
      at.push(rounds.find((r) => r.name === 'dvc-a/home')!.round.probe.at);
    }
    const states = db.prepare("SELECT p.state, p.reason, p.attempts FROM probe p JOIN uptime_endpoint e ON e.id = p.endpoint_id WHERE e.key = 'home' ORDER BY p.at").all();
    expect(states).toEqual([
      { state: 'up', reason: null, attempts: 1 },
      { state: 'up', reason: null, attempts: 1 },
      { state: 'down', reason: 'http_5xx', attempts: 2 },
      { state: 'down', reason: 'http_5xx', attempts: 2 },
      { state: 'up', reason: null, attempts: 1 },
    ]);
    const incidents = incidentsSince(db, '2000-01-01T00:00:00.000Z');
    expect(incidents).toEqual([expect.objectContaining({ key: 'home', startedAt: at[2], endedAt: at[4], cause: 'http_5xx', endedBy: 'recovered' })]);
    expect(transitionsSince(db, at[1]!).map((t) => `${t.key}:${t.from}→${t.to}:${t.reason}`)).toEqual(['home:up→down:http_5xx', 'home:down→up:null']);
    expect(currentStates(db).map((s) => [s.key, s.state])).toEqual([['home', 'up']]);

    const today = localDate(new Date());
    const report = uptimeReportFromStore(db, { from: today, to: today, now: new Date(), lang: 'vi' });
    const home = report.endpoints.find((e) => e.endpoint === 'home')!;
    expect(home.total.counts).toEqual({ up: 3, degraded: 0, down: 2, maintenance: 0, unknown: 0 });
    expect(home.total.availabilityPercent).toBe(60);
    expect(home.total.failedProbes).toBe(2);
    expect(home.incidents).toHaveLength(1);
    expect(home.mttrMs).toBe(Date.parse(at[4]!) - Date.parse(at[2]!));
    expect(renderUptimeTable(report, 'vi')).toMatch(/Tỷ lệ sẵn sàng: 60,00% \(5 lần đo được tính: 3 hoạt động, 0 suy giảm, 2 ngừng/);
  });

  it('a store made busy on purpose gives UNKNOWN, not DOWN, and loses no result', async () => {
    const portal = await scriptedPortal();
    const { db, path } = store();
    const loaded = config(portal.base, '', true);
    // Another connection (as another process would) takes the write lock as soon as the fast
    // endpoint has answered, while the slow one (1.5 s) is still in flight, and keeps it past
    // the prober's busy_timeout (3 s). The prober's flush waits on it, synchronously.
    const other = new Database(path);
    cleanups.push(() => void other.close());
    let locked = false;
    const rounds = await round(db, loaded, {
      flushIntervalMs: 100,
      onRound: (name) => {
        if (name !== 'dvc-a/home' || locked) return;
        locked = true;
        other.exec('BEGIN IMMEDIATE');
        setTimeout(() => other.exec('COMMIT'), 200);
      },
    });
    expect(locked).toBe(true);
    const slow = rounds.find((r) => r.name === 'dvc-a/slow')!.round;
    expect(slow.probe).toMatchObject({ outcome: 'unknown', state: 'unknown', reason: 'store_busy' });
    // Written once the lock was gone; nothing is DOWN, no incident, nothing lost.
    expect(db.prepare('SELECT count(*) FROM probe').pluck().get()).toBe(2);
    expect(db.prepare("SELECT count(*) FROM probe WHERE state = 'down' OR outcome = 'failed'").pluck().get()).toBe(0);
    expect(incidentsSince(db, '2000-01-01T00:00:00.000Z')).toEqual([]);

    // The same round without the lock: the slow endpoint is simply UP.
    const control = await round(db, loaded);
    expect(control.find((r) => r.name === 'dvc-a/slow')!.round.probe).toMatchObject({ outcome: 'up', state: 'up' });
  });

  it('a declared window makes the endpoint MAINTENANCE whatever it answers, and a late notice is reported', async () => {
    const portal = await scriptedPortal();
    const { db } = store();
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const loaded = config(portal.base, `  maintenance:
    - { id: bt-now, portal: dvc-a, endpoints: [home], from: "${iso(now - 3_600_000)}", to: "${iso(now + 3_600_000)}", announcedOn: "${localDate(new Date(now - 86_400_000))}" }`);
    portal.state.mode = '503';
    const rounds = await round(db, loaded);
    expect(rounds.find((r) => r.name === 'dvc-a/home')!.round.probe).toMatchObject({ state: 'maintenance', outcome: 'failed', maintenanceId: 'bt-now' });
    expect(incidentsSince(db, '2000-01-01T00:00:00.000Z')).toEqual([]);
    const today = localDate(new Date());
    const report = uptimeReportFromStore(db, { from: today, to: today, now: new Date(), lang: 'vi' });
    const home = report.endpoints.find((e) => e.endpoint === 'home')!;
    expect(home.total.counts.maintenance).toBe(1);
    expect(home.total.availabilityPercent).toBeNull();
    expect(report.maintenance).toEqual([expect.objectContaining({ id: 'bt-now', announced: false })]);
    const table = renderUptimeTable(report, 'vi');
    expect(table).toContain('KHÔNG báo trước đủ 7 ngày làm việc');
    // What the last probe saw, for the operator: status, timings, the cause and the failed condition.
    expect(table).toMatch(/Lần đo gần nhất \(.+\): HTTP 503 trong \d+ ms \(DNS 0 · kết nối \d+ · TLS 0 · byte đầu tiên \d+ ms\); lỗi máy chủ \(HTTP 5xx\)/);
    expect(table).toContain('Điều kiện không đạt: [STATUS] == 200 (giá trị thực: 503)');
  });

  it('an endpoint removed from the configuration: its incident ends where it was last seen, its history still shows', async () => {
    const portal = await scriptedPortal();
    const { db } = store();
    portal.state.mode = '503';
    const [before] = await round(db, config(portal.base));
    const withoutHome = parseConfig(`version: 1
portals:
  - { id: dvc-a, agency: "tinh:01", name: Cổng A, url: "${portal.base}/", probes: [{ id: other, url: "${portal.base}/other" }] }
`, 'test.yaml', {});
    await round(db, withoutHome);
    expect(incidentsSince(db, '2000-01-01T00:00:00.000Z')).toEqual(expect.arrayContaining([
      expect.objectContaining({ key: 'home', endedBy: 'monitor_gap', endedAt: before!.round.probe.at }),
    ]));
    const today = localDate(new Date());
    const report = uptimeReportFromStore(db, { from: today, to: today, now: new Date(), lang: 'vi' });
    expect(report.endpoints.map((e) => [e.endpoint, e.configured])).toEqual([['home', false], ['other', true]]);
    expect(renderUptimeTable(report, 'vi')).toContain('(đã bỏ khỏi cấu hình, không còn đo)');
  });

  it('keeps the last certificate seen per https endpoint, for expiry alerts', async () => {
    const pems = await generate([{ name: 'commonName', value: 'dvc-monitor cert test' }], {
      keyType: 'ec', algorithm: 'sha256', notBeforeDate: new Date(Date.now() - 86_400_000), notAfterDate: new Date(Date.now() + 10 * 86_400_000),
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const server = https.createServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('{"status":"ok"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
    const { db } = store();
    const loaded = config(`https://127.0.0.1:${(server.address() as net.AddressInfo).port}`);
    await round(db, loaded, { ca: pems.cert });
    const [cert] = certificateExpiries(db);
    expect(cert).toMatchObject({ key: 'home', subject: 'CN=dvc-monitor cert test', issuer: 'CN=dvc-monitor cert test' });
    expect(Math.round((Date.parse(cert!.notAfter) - Date.now()) / 86_400_000)).toBe(10);
  });

  it('after a restart it goes on from the stored state; an incident it could not follow is closed at the last probe', async () => {
    const portal = await scriptedPortal();
    const { db } = store();
    const loaded = config(portal.base);
    portal.state.mode = 'reset';
    const down = await round(db, loaded);
    expect(down.find((r) => r.name === 'dvc-a/home')!.round.probe.reason).toBe('connect_reset');
    expect(currentStates(db).find((s) => s.key === 'home')).toMatchObject({ state: 'down', reason: 'connect_reset' });
    // A prompt restart keeps the incident open.
    await round(db, loaded);
    expect(incidentsSince(db, '2000-01-01T00:00:00.000Z')).toEqual([expect.objectContaining({ key: 'home', endedAt: null })]);
    // The prober was away for a day: the incident ends where the prober last saw it.
    const awaySince = new Date(Date.now() - 86_400_000).toISOString();
    db.prepare("UPDATE uptime_endpoint SET last_probe_at = ? WHERE key = 'home'").run(awaySince);
    db.prepare('UPDATE uptime_incident SET started_at = ? WHERE ended_at IS NULL').run(new Date(Date.now() - 2 * 86_400_000).toISOString());
    portal.state.mode = 'up';
    await round(db, loaded);
    expect(incidentsSince(db, '2000-01-01T00:00:00.000Z')).toEqual([expect.objectContaining({ key: 'home', endedBy: 'monitor_gap', endedAt: awaySince })]);
    expect(currentStates(db).find((s) => s.key === 'home')!.state).toBe('up');
  });
});
