// A run killed with SIGKILL at several points, then started again, finishes without redoing
// finished jobs, without duplicate and without lost measures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { writeSandboxConfig } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

const PERIOD_ARGS = ['--from', '2025-03', '--to', '2025-10'];
const JOBS = 8 * 2 * 2; // months × reports × levels
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(async () => {
  await sandbox.close();
});

const dump = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT agency_code, metric, period, value, null_reason FROM measure ORDER BY 1, 2, 3').all();
  } finally {
    db.close();
  }
};

/** Jobs finished so far; -1 until the run has planned its jobs. */
function succeededJobs(file: string): number {
  if (!existsSync(file)) return -1;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const { planned, succeeded } = db.prepare("SELECT count(*) AS planned, count(*) FILTER (WHERE status = 'succeeded') AS succeeded FROM job").get() as { planned: number; succeeded: number };
      return planned === 0 ? -1 : succeeded;
    } finally {
      db.close();
    }
  } catch {
    return -1; // the schema is not there yet
  }
}

describe('kill and resume', () => {
  let reference: unknown[];

  beforeAll(async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url);
    const result = await runCli(['run', '--config', config, '--db', join(dir, 'ref.sqlite'), ...PERIOD_ARGS, '--log-level', 'silent']);
    expect(result.code, result.stderr).toBe(0);
    reference = dump(join(dir, 'ref.sqlite'));
    expect(reference.length).toBeGreaterThan(5000);
  });

  for (const killAfter of [0, 5, 17, JOBS - 2]) {
    it(`resumes a run killed after ${killAfter} finished jobs`, async () => {
      const { config, db } = await killedRun(killAfter);
      const before = new Database(db, { readonly: true });
      const finished = before.prepare(`SELECT id, finished_at, (SELECT count(*) FROM snapshot WHERE job_id = job.id) AS payloads
        FROM job WHERE status = 'succeeded'`).all() as Array<{ id: number; finished_at: string; payloads: number }>;
      expect(before.prepare("SELECT status FROM run").pluck().all()).toEqual(['running']);
      before.close();
      expect(finished.length).toBeGreaterThanOrEqual(killAfter);
      expect(finished.length).toBeLessThan(JOBS);

      const resumed = await runCli(['run', '--config', config, '--db', db, ...PERIOD_ARGS, '--json', '--log-level', 'silent']);
      expect(resumed.code, resumed.stderr).toBe(0);
      const summary = JSON.parse(resumed.stdout);
      expect(summary).toMatchObject({ runId: 1, resumed: true, status: 'succeeded', jobsTotal: JOBS, jobsFailed: 0 });
      expect(summary.jobsAlreadyDone).toBe(finished.length);

      const after = new Database(db, { readonly: true });
      try {
        // Jobs finished before the kill were not redone: same finish time, one attempt, no new payload.
        for (const job of finished) {
          const row = after.prepare('SELECT finished_at, attempts FROM job WHERE id = ?').get(job.id) as { finished_at: string; attempts: number };
          expect(row).toEqual({ finished_at: job.finished_at, attempts: 1 });
          expect(after.prepare('SELECT count(*) FROM snapshot WHERE job_id = ?').pluck().get(job.id)).toBe(job.payloads);
        }
        expect(after.prepare("SELECT count(*) FROM job WHERE status = 'succeeded'").pluck().get()).toBe(JOBS);
        expect(after.prepare('SELECT status FROM run').pluck().all()).toEqual(['succeeded']);
      } finally {
        after.close();
      }
      expect(dump(db)).toEqual(reference);
    });
  }

  it('Ctrl+C stops a run between jobs, says how to resume it, and that command finishes it', async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url);
    const db = join(dir, 'store.sqlite');
    const args = ['run', '--config', config, '--db', db, ...PERIOD_ARGS, '--log-level', 'silent'];
    sandbox.setFault('gateway', { mode: 'slow', delayMs: 60 });
    let stopped;
    try {
      const { child, done } = startCli(args);
      const deadline = Date.now() + 20_000;
      while (succeededJobs(db) < 3 && Date.now() < deadline) await sleep(5);
      child.kill('SIGINT');
      stopped = await done;
    } finally {
      sandbox.setFault('gateway', null);
    }
    // Not killed by the signal: it finished the job in hand, kept the others and said so.
    expect(stopped.signal).toBeNull();
    expect(stopped.code).toBe(1);
    const resume = `dvc-monitor ${args.join(' ')}`;
    expect(stopped.stderr).toContain(`Để tiếp tục lần chạy này: ${resume}`);
    expect(stopped.stdout).toContain('tạm dừng, sẽ tiếp tục ở lần chạy sau');
    expect(stopped.stdout).toContain(`Để tiếp tục: ${resume}`);
    const store = new Database(db, { readonly: true });
    const states = store.prepare('SELECT status, count(*) AS n FROM job GROUP BY status ORDER BY status').all() as Array<{ status: string; n: number }>;
    store.close();
    expect(states.map((x) => x.status)).toEqual(['pending', 'succeeded']);
    expect(states.find((x) => x.status === 'succeeded')!.n).toBeGreaterThanOrEqual(3);

    const resumed = await runCli([...args.slice(0, -2), '--json', '--log-level', 'silent']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ runId: 1, resumed: true, status: 'succeeded', jobsTotal: JOBS, jobsFailed: 0 });
    expect(dump(db)).toEqual(reference);
  });

  /** Starts `run` with PERIOD_ARGS on a new store and kills it once `killAfter` jobs succeeded. */
  async function killedRun(killAfter: number): Promise<{ config: string; db: string }> {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url);
    const db = join(dir, 'store.sqlite');
    // Slow answers give the test time to kill the run where it wants.
    sandbox.setFault('gateway', { mode: 'slow', delayMs: 60 });
    const { child, done } = startCli(['run', '--config', config, '--db', db, ...PERIOD_ARGS, '--log-level', 'silent']);
    try {
      const deadline = Date.now() + 20_000;
      while (succeededJobs(db) < killAfter && Date.now() < deadline) await sleep(5);
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');
    } finally {
      sandbox.setFault('gateway', null);
    }
    expect(succeededJobs(db)).toBeLessThan(JOBS);
    return { config, db };
  }

  // Issue 13 item 5: `run --period 2026-12` after a killed run resumed the old run and collected nothing for 2026-12.
  it('finishes a killed run with another plan first, then runs the month asked for, and says so', async () => {
    const { config, db } = await killedRun(5);
    const asked = await runCli(['run', '--config', config, '--db', db, '--period', '2025-12', '--json', '--log-level', 'silent']);
    expect(asked.code, asked.stderr).toBe(0);
    const summary = JSON.parse(asked.stdout);
    expect(summary).toMatchObject({ runId: 2, resumed: false, status: 'succeeded', jobsTotal: 4, jobsFailed: 0, plan: { periods: ['2025-12'] } });
    expect(summary.previous).toMatchObject({ runId: 1, resumed: true, status: 'succeeded', jobsTotal: JOBS, jobsFailed: 0 });
    const store = new Database(db, { readonly: true });
    try {
      expect(store.prepare('SELECT id, status FROM run ORDER BY id').all()).toEqual([{ id: 1, status: 'succeeded' }, { id: 2, status: 'succeeded' }]);
      expect(store.prepare("SELECT count(*) FROM measure WHERE period = '2025-12'").pluck().get()).toBeGreaterThan(500);
    } finally {
      store.close();
    }
    // The killed run's months are complete, exactly as an uninterrupted run stores them.
    expect(dump(db).filter((m) => (m as { period: string }).period !== '2025-12')).toEqual(reference);
  });

  it('tells in words which run was finished first and which was asked for', async () => {
    const { config, db } = await killedRun(3);
    const text = await runCli(['run', '--config', config, '--db', db, '--period', '2025-12', '--log-level', 'silent']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Lần chạy #1 bị gián đoạn trước đó có kế hoạch khác (tháng 3/2025 – tháng 10/2025 (8 tháng)): đã làm tiếp cho xong trước khi chạy yêu cầu lần này (tháng 12/2025).');
    expect(text.stdout).toMatch(/Lần chạy #1 \(tiếp tục lần chạy bị gián đoạn\): thành công\.[\s\S]*Lần chạy #2: thành công\./);
    // The same request again is a plain new run: nothing left to resume.
    const again = await runCli(['run', '--config', config, '--db', db, '--period', '2025-12', '--json', '--log-level', 'silent']);
    expect(JSON.parse(again.stdout)).toMatchObject({ runId: 3, resumed: false });
    expect(JSON.parse(again.stdout).previous).toBeUndefined();
  });
});
