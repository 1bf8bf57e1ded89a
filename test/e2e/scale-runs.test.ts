// A run's jobs done by workers (issue 16): the coordinator (`dvc-monitor start` with queue:) and
// workers in child processes, a real Redis and the sandbox. The results must be those of the
// single process; a worker or Redis dying, or the coordinator restarting, loses and doubles nothing.
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicSiteUrl } from '../../scripts/sandbox/hosts.ts';
import { checksConfigYaml } from '../helpers/checks.ts';
import { runCli } from '../helpers/cli.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { query, startCoordinator, startWorkerRole, waitFor, writeConfig, type Role } from '../helpers/scale.ts';
import { tempDir } from '../helpers/tmp.ts';

const sandbox = useSandbox();
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

interface Setup {
  prefix: string;
  lookbackMonths?: number;
  checks?: boolean;
  probes?: boolean;
  queue?: boolean;
  lockSeconds?: number;
}

function configText(s: Setup): string {
  const portal = `  - id: dvc-hanoi
    agency: "tinh:01"
    name: Hà Nội
    url: "${sandbox.url}/sites/hanoi/"
    checkUrl: "${publicSiteUrl('hanoi')}"
    probes: ${s.probes ? `[{ id: home, url: "${sandbox.url}/sites/hanoi/" }]` : '[]'}`;
  return `version: 1
http: { timeoutMs: 5000, retries: 1, retryBaseDelayMs: 20 }
schedule: { lookbackMonths: ${s.lookbackMonths ?? 1} }
sources:
  - { id: gateway, kind: national-portal, url: "${sandbox.url}/jsp/rest.jsp", pageSize: 20 }
portals:
${portal}
uptime:
  defaults: { intervalSeconds: 10, timeoutMs: 1500, confirmDelayMs: 200 }
${s.checks ? checksConfigYaml(sandbox) : ''}
${s.queue === false ? '' : `queue:
  redis: { url: "${redis.url}" }
  prefix: ${s.prefix}
  locations: [{ id: hn-vnpt }, { id: hcm-viettel }]
  workerGraceSeconds: 6
  roundGraceMs: 1000
  lockSeconds: ${s.lockSeconds ?? 5}
`}`;
}

/** A single-process run of the same configuration (no queue), as the reference. */
async function singleProcessRun(dir: string, s: Setup): Promise<string> {
  const file = join(dir, 'single.yaml');
  writeConfig(dir, configText({ ...s, queue: false }));
  const { renameSync } = await import('node:fs');
  renameSync(join(dir, 'config.yaml'), file);
  const db = join(dir, 'single.sqlite');
  const r = await runCli(['run', '--config', file, '--db', db, '--log-level', 'silent']);
  expect(r.code, r.stderr).toBe(0);
  return db;
}

const runFinished = (db: string) => query<{ id: number; status: string }>(db, "SELECT id, status FROM run WHERE status != 'running' ORDER BY id DESC LIMIT 1")[0];

/** What a run stored, without the ids and times that differ between two runs of the same thing. */
function stored(db: string) {
  return {
    measures: query(db, 'SELECT agency_code, metric, period, value, null_reason, source_id FROM measure ORDER BY agency_code, metric, period'),
    snapshots: query(db, 'SELECT url, method, request_json, status, content_type, sha256 FROM snapshot ORDER BY url, request_json'),
    jobs: query(db, 'SELECT key, kind, source_id, portal_id, period, status, failure_reason, measures_written, notes_json FROM job ORDER BY key'),
    visits: query(db, 'SELECT page_index, page_kind, url, final_url, status, error_reason, http_status FROM check_visit ORDER BY page_index'),
    results: query(db, 'SELECT level, page_url, criterion_id, area, outcome, severity, basis_json FROM check_result ORDER BY criterion_id, level, page_url'),
    findings: query(db, `SELECT r.criterion_id, r.page_url, f.code, f.text_en FROM finding f JOIN check_result r ON r.id = f.check_result_id
      ORDER BY r.criterion_id, r.page_url, f.code, f.text_en`),
    scores: query(db, 'SELECT area, version, score, counts_json FROM check_score ORDER BY area'),
    thirdParties: query(db, 'SELECT host, tracker, requests FROM check_third_party ORDER BY host'),
    cookies: query(db, 'SELECT name, domain, party, tracker, non_essential, stored FROM check_cookie ORDER BY domain, name'),
  };
}

/**
 * A run of four months spread over two workers of one collection each, the gateway slowed down so
 * that it lasts: the single-process reference first, then the coordinator, once two jobs are done.
 */
async function slowRunUnderWay(prefix: string) {
  const dir = tempDir();
  const setup: Setup = { prefix, lookbackMonths: 4, probes: true };
  const reference = await singleProcessRun(dir, setup);
  const file = writeConfig(dir, configText(setup));
  const db = join(dir, 'store.sqlite');
  await sandbox.setFault('gateway', { mode: 'slow', delayMs: 600 });
  const workers = [
    startWorkerRole(file, 'hn-vnpt', 'probe,collect', ['--concurrency', '1']),
    startWorkerRole(file, 'hcm-viettel', 'probe,collect', ['--concurrency', '1']),
  ];
  const coordinator = startCoordinator(file, db);
  await waitFor('a job done by a worker', () => (query<{ n: number }>(db, "SELECT count(*) AS n FROM job WHERE status = 'succeeded'")[0]?.n ?? 0) >= 2, 120_000, [coordinator, ...workers]);
  expect(runFinished(db)).toBeUndefined();
  return { file, db, reference, workers, coordinator };
}

describe('a run spread over workers', () => {
  it('stores, row for row, what the single process stores from the same sandbox', async () => {
    const dir = tempDir();
    const setup: Setup = { prefix: 'eq', checks: true, lookbackMonths: 2 };
    const reference = await singleProcessRun(dir, setup);
    const file = writeConfig(dir, configText(setup));
    const db = join(dir, 'scaled.sqlite');
    const roles: Role[] = [
      startWorkerRole(file, 'hn-vnpt', 'check,collect'),
      startWorkerRole(file, 'hcm-viettel', 'check,collect'),
    ];
    const coordinator = startCoordinator(file, db);
    await waitFor('the run to finish', () => runFinished(db), 240_000, [coordinator, ...roles]);
    const single = stored(reference);
    const scaled = stored(db);
    expect(single.jobs.length).toBe(9); // 2 months × 2 reports × 2 levels, and the check
    expect(single.visits.length).toBeGreaterThan(1);
    for (const table of Object.keys(single) as Array<keyof typeof single>) expect(scaled[table], table).toEqual(single[table]);
    // Nothing waits in the staging table, nothing was refused.
    expect(query(db, 'SELECT count(*) AS n FROM queue_result')).toEqual([{ n: 0 }]);
    expect(query(db, 'SELECT * FROM queue_dead_letter')).toEqual([]);
    expect((await coordinator.stop()).code).toBe(0);
  }, 300_000);

  it('a worker killed with SIGKILL mid-check: its page is visited by another worker, the check completes, nothing is stored twice', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, configText({ prefix: 'kill', checks: true, lockSeconds: 3 }));
    const db = join(dir, 'store.sqlite');
    const first = startWorkerRole(file, 'hn-vnpt', 'check,collect', ['--concurrency', '1']);
    const coordinator = startCoordinator(file, db);
    const checks = new Queue('check', { connection: { host: '127.0.0.1', port: redis.port }, prefix: 'kill' });
    try {
      const active = await waitFor('a page job in hand', () => {
        const jobs = query<{ status: string; kind: string }>(db, "SELECT status, kind FROM job WHERE kind = 'check'");
        return jobs[0]?.status === 'running' ? jobs : undefined;
      }, 120_000, [coordinator, first]);
      expect(active).toHaveLength(1);
      let inHand: string | undefined;
      for (let i = 0; i < 240 && !inHand; i++) {
        inHand = (await checks.getActive())[0]?.id;
        if (!inHand) await new Promise((r) => setTimeout(r, 250));
      }
      expect(inHand).toBeDefined();
      await first.kill();
      const second = startWorkerRole(file, 'hcm-viettel', 'check,collect');
      const run = await waitFor('the run to finish', () => runFinished(db), 240_000, [coordinator, second]);
      expect(run.status).toBe('succeeded');
      const killed = await checks.getJob(inHand!);
      // Its lock expired with its worker: BullMQ saw it stalled and gave it to the other worker.
      expect(killed?.finishedOn).toBeTruthy();
      expect(killed?.stalledCounter ?? 0).toBeGreaterThanOrEqual(1);
      expect(query(db, "SELECT status, attempts FROM job WHERE kind = 'check'")).toEqual([{ status: 'succeeded', attempts: 1 }]);
      expect(query(db, 'SELECT count(*) AS n FROM portal_check')).toEqual([{ n: 1 }]);
      expect(query(db, 'SELECT url, count(*) AS n FROM check_visit GROUP BY url HAVING n > 1')).toEqual([]);
      expect(query(db, 'SELECT count(*) AS n FROM queue_result')).toEqual([{ n: 0 }]);
      expect((await coordinator.stop()).code).toBe(0);
    } finally {
      await checks.close();
    }
  }, 360_000);

  it('Redis killed and restarted mid-run: the coordinator probes alone meanwhile and records the gap; nothing is lost or stored twice', async () => {
    const { db, reference, workers, coordinator } = await slowRunUnderWay('crash');
    const all = [coordinator, ...workers];
    const killedAt = new Date().toISOString();
    await redis.kill();
    // Longer than a probe interval, so that rounds fall in the gap.
    await new Promise((r) => setTimeout(r, 13_000));
    await redis.restart();
    const run = await waitFor('the run to finish', () => runFinished(db), 240_000, all);
    await sandbox.setFault('gateway', { mode: 'slow', delayMs: 0 });
    expect(run.status).toBe('succeeded');

    const gaps = query<{ scope: string; started_at: string; ended_at: string | null }>(db, "SELECT scope, started_at, ended_at FROM queue_gap WHERE scope = 'queue'");
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.started_at >= killedAt).toBe(true);
    expect(gaps[0]!.ended_at).not.toBeNull();
    // Rounds in the gap were probed from the coordinator itself, as location local.
    const local = query<{ round_at: string }>(db, "SELECT round_at FROM probe_location WHERE location = 'local'");
    expect(local.length).toBeGreaterThan(0);
    // (a round already under way when Redis died is judged when its deadline passes)
    expect(local.every((l) => Date.parse(l.round_at) >= Date.parse(killedAt) - 10_000)).toBe(true);
    // No round missing, none twice: verdicts every 10 s.
    const ats = query<{ at: string }>(db, 'SELECT at FROM probe ORDER BY at').map((r) => Date.parse(r.at));
    expect(new Set(ats).size).toBe(ats.length);
    for (let i = 1; i < ats.length; i++) expect(ats[i]! - ats[i - 1]!).toBe(10_000);
    // The collection: what the single process stores, nothing twice.
    const ref = stored(reference);
    const got = stored(db);
    expect(got.measures).toEqual(ref.measures);
    expect(got.snapshots).toEqual(ref.snapshots);
    expect(got.jobs).toEqual(ref.jobs);
    expect((await coordinator.stop()).code).toBe(0);
  }, 420_000);

  it('the coordinator killed mid-run and started again: results posted meanwhile are taken, nothing is lost or stored twice', async () => {
    const { file, db, reference, workers: roles, coordinator: first } = await slowRunUnderWay('restart');
    await first.kill();
    // Workers go on with the jobs they have and post their results to the queue.
    await new Promise((r) => setTimeout(r, 4000));
    const second = startCoordinator(file, db);
    const run = await waitFor('the run to finish', () => runFinished(db), 240_000, [second, ...roles]);
    expect(second.output()).toContain('resuming the run interrupted when the service last stopped');
    await sandbox.setFault('gateway', { mode: 'slow', delayMs: 0 });
    expect(run.status).toBe('succeeded');
    expect(query(db, 'SELECT count(*) AS n FROM run')).toEqual([{ n: 1 }]);
    const ref = stored(reference);
    const got = stored(db);
    expect(got.measures).toEqual(ref.measures);
    expect(got.snapshots).toEqual(ref.snapshots);
    expect(got.jobs).toEqual(ref.jobs);
    expect(query(db, 'SELECT endpoint_id, at, count(*) AS n FROM probe GROUP BY 1, 2 HAVING n > 1')).toEqual([]);
    expect((await second.stop()).code).toBe(0);
  }, 420_000);
});
