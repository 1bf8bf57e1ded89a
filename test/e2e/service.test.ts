// The long-running service in a real child process: one per store, a missed nightly run at
// start, a clean SIGTERM, and SIGKILL during a run and during delivery losing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import type { AlertRule } from '../../src/alerts/types.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { openStore } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { startHttpReceiver, type HttpReceiver } from '../helpers/receivers.ts';
import { writeSandboxConfig } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

let sandbox: Sandbox;
let receiver: HttpReceiver;
beforeAll(async () => {
  sandbox = await startSandbox();
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function query<T>(file: string, sql: string): T[] {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

async function until(what: string, test: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const channels = () => `channels:\n  - { id: ops, kind: webhook, url: "${receiver.url}/hook", minSeverity: info }\n`;

describe('dvc-monitor start', () => {
  it('runs a missed nightly run at start, holds the store for itself, and stops cleanly on SIGTERM', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url, channels());
    const db = join(dir, 'store.sqlite');
    const service = startCli(['start', '--config', config, '--db', db]);
    await until('the catch-up run', () => query<{ s: string }>(db, "SELECT last_status AS s FROM schedule_state WHERE task = 'nightly'")[0]?.s === 'succeeded');
    expect(query<{ status: string; trigger: string }>(db, 'SELECT status, trigger FROM run')).toEqual([{ status: 'succeeded', trigger: 'catch-up' }]);

    const second = await runCli(['start', '--config', config, '--db', db]);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/another dvc-monitor service holds this store \(process \d+/);

    service.child.kill('SIGTERM');
    const stopped = await service.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/"msg":"service stopped"/);
    expect(query(db, 'SELECT * FROM service_lock')).toEqual([]);

    // Started again the same day: the nightly run is not missed, so nothing runs.
    const again = startCli(['start', '--config', config, '--db', db]);
    await until('the service to start', () => query(db, 'SELECT * FROM service_lock').length === 1);
    await sleep(500);
    again.child.kill('SIGTERM');
    expect((await again.done).code).toBe(0);
    expect(query(db, 'SELECT id FROM run')).toHaveLength(1);
  });

  it('killed with SIGKILL during a run, resumes that run on restart without redoing finished jobs', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url);
    const db = join(dir, 'store.sqlite');
    sandbox.setFault('gateway', { mode: 'slow', delayMs: 300 });
    try {
      const first = startCli(['start', '--config', config, '--db', db]);
      await until('two finished jobs', () => (query<{ n: number }>(db, "SELECT count(*) AS n FROM job WHERE status = 'succeeded'")[0]?.n ?? 0) >= 2);
      first.child.kill('SIGKILL');
      await first.done;
    } finally {
      sandbox.setFault('gateway', null);
    }
    const before = query<{ id: number; finished_at: string }>(db, "SELECT id, finished_at FROM job WHERE status = 'succeeded'");
    expect(before.length).toBeLessThan(8);

    const second = startCli(['start', '--config', config, '--db', db]);
    await until('the resumed run', () => query<{ status: string }>(db, 'SELECT status FROM run')[0]?.status === 'succeeded');
    second.child.kill('SIGTERM');
    expect((await second.done).code).toBe(0);
    expect(query(db, 'SELECT id FROM run')).toHaveLength(1);
    const after = new Map(query<{ id: number; finished_at: string; attempts: number }>(db, 'SELECT id, finished_at, attempts FROM job').map((j) => [j.id, j]));
    for (const job of before) expect(after.get(job.id)).toMatchObject({ finished_at: job.finished_at, attempts: 1 });
    expect([...after.values()].every((j) => j.finished_at)).toBe(true);
  });

  it('killed with SIGKILL during delivery, loses no notification and repeats only the one in flight', { timeout: 90_000 }, async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url, channels());
    const dbFile = join(dir, 'store.sqlite');
    // Queue twelve notifications with the real engine before the service starts.
    const loaded = loadConfig(config, {});
    const db = openStore(dbFile);
    syncRegistry(db, loaded.agencies, [], []);
    const subjects = Array.from({ length: 12 }, (_, i) => `source-${i}`);
    const rule: AlertRule = { id: 'collector.failing', title: { vi: 'Bộ thu thập lỗi liên tục', en: 'x' }, evaluate: () => subjects.map((s) => ({ rule: 'collector.failing', subject: s, severity: 'critical', facts: { source: s } })) };
    expect(evaluateAlerts(db, loaded, { now: new Date(), log: createLogger('silent'), rules: [rule] }).queued).toBe(12);
    db.close();
    const keys = query<{ k: string }>(dbFile, 'SELECT idempotency_key AS k FROM outbox').map((r) => r.k);

    receiver.requests.length = 0;
    // Slow answers, so the kill lands while a request is in the receiver's hands.
    receiver.answer = async () => {
      await sleep(250);
      return 200;
    };
    try {
      const first = startCli(['start', '--no-catch-up', '--config', config, '--db', dbFile]);
      await until('a few deliveries', () => receiver.accepted().length >= 3);
      first.child.kill('SIGKILL');
      await first.done;
      const second = startCli(['start', '--no-catch-up', '--config', config, '--db', dbFile]);
      await until('every delivery', () => query<{ n: number }>(dbFile, "SELECT count(*) AS n FROM outbox WHERE status != 'delivered'")[0]?.n === 0);
      second.child.kill('SIGTERM');
      expect((await second.done).code).toBe(0);
    } finally {
      receiver.answer = 'ok';
    }
    await sleep(300);
    const received = receiver.requests.map((r) => String(r.headers['x-dvc-idempotency-key']));
    expect(new Set(received)).toEqual(new Set(keys));
    // At most the message in flight at the kill arrives twice, with the same key for the receiver to drop.
    expect(received.length - new Set(received).size).toBeLessThanOrEqual(1);
  });

  it('tells the webhook within a minute that a portal went down, and that it recovered', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url, `${channels()}uptime: { defaults: { intervalSeconds: 10, timeoutMs: 3000, confirmDelayMs: 0 } }\n`);
    const db = join(dir, 'store.sqlite');
    receiver.requests.length = 0;
    sandbox.setFault('site:hanoi', { mode: 'http_5xx', status: 503 });
    const started = Date.now();
    const service = startCli(['start', '--no-catch-up', '--config', config, '--db', db]);
    try {
      const told = (event: string) => receiver.accepted().some((r) => JSON.parse(r.body).event === event && JSON.parse(r.body).rule === 'portal.down');
      await until('the DOWN notice', () => told('opened'), 60_000);
      expect(Date.now() - started).toBeLessThan(60_000);
      const opened = JSON.parse(receiver.accepted().find((r) => JSON.parse(r.body).rule === 'portal.down')!.body);
      expect(opened).toMatchObject({ title: '[CẢNH BÁO] Cổng dịch vụ công ngừng hoạt động', subject: 'dvc-hanoi|home' });
      sandbox.setFault('site:hanoi', null);
      await until('the recovery notice', () => told('resolved'), 60_000);
    } finally {
      sandbox.setFault('site:hanoi', null);
      service.child.kill('SIGTERM');
    }
    expect((await service.done).code).toBe(0);
  });
});
