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
        const killed = await done;
        expect(killed.signal).toBe('SIGKILL');
      } finally {
        sandbox.setFault('gateway', null);
      }

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
});
