import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { monthlyFigures } from '../../scripts/sandbox/data.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { runMeasurement } from '../../src/run/nightly.ts';
import { summaryFromStore } from '../../src/kpi/from-store.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import { sandboxConfig } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

const SEED = 2026;
let sandbox: Sandbox;
const log = createLogger('silent');

beforeAll(async () => {
  sandbox = await startSandbox({ seed: SEED });
});
afterAll(async () => {
  await sandbox.close();
});

async function runOnce(db: Db, periods: string[], limits: Record<string, number> = {}) {
  const http = createHttpClient({ retries: 1, retryBaseDelayMs: 10, totalTimeoutMs: 5000, ...limits });
  try {
    return await runMeasurement({ db, loaded: sandboxConfig(sandbox.url), plan: { periods }, http, log });
  } finally {
    await http.close();
  }
}

const dumpMeasures = (db: Db) =>
  db.prepare('SELECT agency_code, metric, period, value, null_reason FROM measure ORDER BY agency_code, metric, period').all();

describe('a nightly run against the sandbox gateway', () => {
  it('stores the gateway\'s figures under the agencies that existed in each month, with evidence', async () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    const summary = await runOnce(db, ['2025-06', '2025-07']);
    expect(summary).toMatchObject({ status: 'succeeded', jobsTotal: 8, jobsFailed: 0 });

    const provincesBefore = db.prepare("SELECT count(DISTINCT agency_code) FROM measure WHERE period = '2025-06' AND agency_code LIKE 'tinh63:%'").pluck().get();
    const provincesAfter = db.prepare("SELECT count(DISTINCT agency_code) FROM measure WHERE period = '2025-07' AND agency_code LIKE 'tinh:%'").pluck().get();
    expect([provincesBefore, provincesAfter]).toEqual([63, 34]);
    expect(db.prepare("SELECT count(*) FROM measure WHERE period = '2025-06' AND agency_code LIKE 'tinh:%'").pluck().get()).toBe(0);

    // Every stored value is the one the sandbox generated.
    for (const period of ['2025-06', '2025-07']) {
      for (const unit of monthlyFigures(SEED, period, 'province')) {
        const code = `${period < '2025-07' ? 'tinh63' : 'tinh'}:${unit.unit.gatewayCode}`;
        const received = db.prepare("SELECT value FROM measure WHERE agency_code = ? AND metric = 'dossiers.received' AND period = ?").pluck().get(code, period);
        expect(received).toBe(unit.monthly.received);
      }
    }

    // Evidence: each measure links to the snapshot it came from, whose body hash still checks.
    const row = db.prepare("SELECT snapshot_id FROM measure WHERE agency_code = 'tinh:01' AND metric = 'dossiers.received_online' AND period = '2025-07'").get() as { snapshot_id: number };
    const snap = db.prepare('SELECT url, method, request_json, status, sha256 FROM snapshot WHERE id = ?').get(row.snapshot_id) as { url: string; method: string; request_json: string; status: number; sha256: string };
    expect(snap).toMatchObject({ url: `${sandbox.url}/jsp/rest.jsp`, method: 'POST', status: 200 });
    expect(JSON.parse(snap.request_json).body).toContain('report_by_month_sum_service');
    const body = readBody(db, snap.sha256)!;
    expect(body.intact).toBe(true);
    expect(body.body.toString()).toContain('"MA_COQUAN":"01"');
    db.close();
  });

  it('leaves the same rows when run twice over the same period', async () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    await runOnce(db, ['2026-01']);
    const first = dumpMeasures(db);
    const second = await runOnce(db, ['2026-01']);
    expect(second.measuresChanged).toBe(0);
    expect(dumpMeasures(db)).toEqual(first);
    expect(first.length).toBeGreaterThan(1000);
    db.close();
  });

  it('rolls the old provinces up into the new ones for a month before the merger', async () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    await runOnce(db, ['2025-05']);
    const summary = summaryFromStore(db, sandboxConfig(sandbox.url), '2025-05', new Date(), 34);
    const online = summary.rankings.find((r) => r.kpi === 'rate.online_dossiers')!;
    expect(online.missing).toEqual([]);
    expect(online.best).toHaveLength(34);
    const hcm = online.best.find((r) => r.agencyCode === 'tinh:79')!;
    const figures = monthlyFigures(SEED, '2025-05', 'province');
    const parts = ['74', '77', '79'].map((c) => figures.find((f) => f.unit.gatewayCode === c)!);
    expect([...hcm.constituents].sort()).toEqual(['tinh63:74', 'tinh63:77', 'tinh63:79']);
    expect(hcm.denominator).toBe(parts.reduce((s, p) => s + p.monthly.received, 0));
    expect(hcm.numerator).toBe(parts.reduce((s, p) => s + p.monthly.receivedOnline, 0));
    expect(summary.provincesCount).toBe(34);
    expect(online.country.rate).not.toBeNull();
    db.close();
  });
});

describe('resuming an interrupted run (issue 13 item 5)', () => {
  /** Runs `periods`, stopping (as SIGTERM does) once `stopAfter` jobs finished, if given. */
  async function runStopping(db: Db, periods: string[], stopAfter?: number) {
    const http = createHttpClient({ retries: 1, retryBaseDelayMs: 10, totalTimeoutMs: 5000 });
    const stop = new AbortController();
    let finished = 0;
    try {
      return await runMeasurement({
        db, loaded: sandboxConfig(sandbox.url), plan: { periods }, http, log, concurrency: 1, signal: stop.signal,
        onProgress: () => { if (stopAfter !== undefined && ++finished >= stopAfter) stop.abort(); },
      });
    } finally {
      await http.close();
    }
  }

  it('continues the same plan as the same run, and a different plan only after finishing the old one', async () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    const first = await runStopping(db, ['2026-01', '2026-02'], 2);
    expect(first).toMatchObject({ runId: 1, status: 'interrupted', jobsSucceeded: 2 });

    // Stopped again while finishing run 1: the new plan is not started, and the summary says it is pending.
    const stoppedAgain = await runStopping(db, ['2026-03'], 1);
    expect(stoppedAgain).toMatchObject({ runId: 1, resumed: true, status: 'interrupted', pendingPlan: { periods: ['2026-03'] } });
    expect(db.prepare("SELECT count(*) FROM measure WHERE period = '2026-03'").pluck().get()).toBe(0);

    const done = await runStopping(db, ['2026-03']);
    expect(done).toMatchObject({ runId: 2, resumed: false, status: 'succeeded', jobsTotal: 4, plan: { periods: ['2026-03'] } });
    expect(done.previous).toMatchObject({ runId: 1, resumed: true, status: 'succeeded', jobsTotal: 8, plan: { periods: ['2026-01', '2026-02'] } });
    for (const period of ['2026-01', '2026-02', '2026-03']) {
      expect(db.prepare('SELECT count(*) FROM measure WHERE period = ?').pluck().get(period), period).toBeGreaterThan(500);
    }

    // The same plan, interrupted and asked again, is resumed as the same run.
    expect(await runStopping(db, ['2026-04'], 1)).toMatchObject({ runId: 3, status: 'interrupted' });
    const same = await runStopping(db, ['2026-04']);
    expect(same).toMatchObject({ runId: 3, resumed: true, status: 'succeeded' });
    expect(same.previous).toBeUndefined();
    db.close();
  });
});

describe('a misbehaving gateway', () => {
  const cases = [
    { fault: { mode: 'html_200' }, reason: 'not_json' },
    { fault: { mode: 'malformed_json' }, reason: 'malformed_json' },
    { fault: { mode: 'truncated' }, reason: 'truncated' },
    { fault: { mode: 'empty_array' }, reason: 'empty' },
    { fault: { mode: 'http_5xx', status: 503 }, reason: 'http_5xx' },
    { fault: { mode: 'reset' }, reason: 'connect_reset' },
    { fault: { mode: 'slow', delayMs: 4000 }, reason: 'timeout' },
    { fault: { mode: 'oversized', bytes: 50_000_000 }, reason: 'too_large' },
    { fault: { mode: 'rate_limited', retryAfter: 3600 }, reason: 'rate_limited' },
  ] as const;

  for (const { fault, reason } of cases) {
    it(`records ${fault.mode} as ${reason} and keeps earlier values untouched`, async () => {
      const db = openStore(join(tempDir(), 'store.sqlite'));
      await runOnce(db, ['2026-02']);
      const before = dumpMeasures(db);
      sandbox.setFault('gateway', fault);
      try {
        // Short deadlines only where the fault is slowness: under load a 50 MB stream must end as too_large, not as a timeout.
        const limits: Record<string, number> = fault.mode === 'slow' ? { headersTimeoutMs: 1000, bodyTimeoutMs: 1000, totalTimeoutMs: 1500 } : { maxBodyBytes: 1_000_000, totalTimeoutMs: 20_000 };
        const summary = await runOnce(db, ['2026-02'], limits);
        expect(summary.status).toBe('failed');
        expect(summary.jobsFailed).toBe(4);
        expect(new Set(summary.failures.map((f) => f.reason))).toEqual(new Set([reason]));
      } finally {
        sandbox.setFault('gateway', null);
      }
      expect(dumpMeasures(db)).toEqual(before);
      // What the gateway answered is kept for diagnosis whenever it answered at all.
      const kept = db.prepare("SELECT s.sha256 FROM snapshot s JOIN job j ON j.id = s.job_id WHERE j.status = 'failed'").pluck().all() as string[];
      if (fault.mode === 'html_200') expect(readBody(db, kept[0]!)!.body.toString()).toContain('Hệ thống đang bảo trì');
      const transportFailure = fault.mode === 'reset' || fault.mode === 'slow' || fault.mode === 'oversized';
      expect(kept.length > 0).toBe(!transportFailure);
      db.close();
    });
  }

  it('waits what a 429 asks for, once, instead of hammering; a wait beyond the maximum fails as rate_limited (issue 13 item 7)', async () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    sandbox.setFault('gateway', { mode: 'rate_limited', retryAfter: 3600 });
    const before = sandbox.requestCount('gateway');
    try {
      const refused = await runOnce(db, ['2026-02'], { retries: 3, maxRetryAfterMs: 60_000 });
      expect(refused.failures).toHaveLength(4);
      // One request per job: the portal asked for an hour, so nothing is retried.
      expect(sandbox.requestCount('gateway') - before).toBe(4);
      expect(refused.failures[0]!.message).toMatch(/answered HTTP 429 \(too many requests\); it asked to wait 3600 s \(Retry-After: "3600"\)/);
    } finally {
      sandbox.setFault('gateway', null);
    }
    // A short wait is honoured: the job succeeds after it.
    sandbox.setFault('gateway', { mode: 'rate_limited', retryAfter: 1, count: 1 });
    const t0 = performance.now();
    const ok = await runOnce(db, ['2026-02'], { retries: 2, retryBaseDelayMs: 10 });
    expect(ok.status).toBe('succeeded');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
    db.close();
  });

  it('stores unusable values as null with a reason and reads Vietnamese number formats', async () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    sandbox.setFault('gateway', { mode: 'bad_values' });
    try {
      const summary = await runOnce(db, ['2026-03']);
      expect(summary.jobsFailed).toBe(0);
    } finally {
      sandbox.setFault('gateway', null);
    }
    const nulls = db.prepare('SELECT null_reason FROM measure WHERE value IS NULL').pluck().all() as string[];
    expect(nulls.length).toBeGreaterThan(0);
    for (const reason of nulls) expect(reason).toMatch(/^(missing|not_available|not_a_count|unreadable)/);
    expect(db.prepare('SELECT count(*) FROM measure WHERE value = 0 AND metric = \'dossiers.received\'').pluck().get()).toBe(0);
    db.close();
  });
});
