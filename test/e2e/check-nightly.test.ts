// Nightly runs check every enabled portal beside the collection, store results and findings
// with the versions on the run, and a checker that cannot work fails only its own jobs.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { publicSiteUrl } from '../../scripts/sandbox/hosts.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { runMeasurement } from '../../src/run/nightly.ts';
import { judgedResults, thirdPartiesOfRun } from '../../storage/checks.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { listJobs } from '../../storage/runs.ts';
import { checksConfigYaml } from '../helpers/checks.ts';
import { tempDir } from '../helpers/tmp.ts';

let sandbox: Sandbox;
const log = createLogger('silent');
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function config() {
  return parseConfig(`version: 1
http: { timeoutMs: 5000, retries: 1, retryBaseDelayMs: 20 }
sources:
  - { id: gateway, kind: national-portal, url: "${sandbox.url}/jsp/rest.jsp", pageSize: 20 }
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "${sandbox.url}/sites/hanoi/", checkUrl: "${publicSiteUrl('hanoi')}" }
  - { id: dvc-bct, agency: "bo:BCT", name: Bộ Công Thương, url: "${sandbox.url}/sites/bct/", checkUrl: "${publicSiteUrl('bct', 'http')}" }
${checksConfigYaml(sandbox)}`, 'nightly.yaml', {});
}

async function run(db: Db) {
  const http = createHttpClient({ retries: 1, retryBaseDelayMs: 10, totalTimeoutMs: 5000 });
  try {
    return await runMeasurement({ db, loaded: config(), plan: { periods: ['2026-09'] }, http, log });
  } finally {
    await http.close();
  }
}

const savedChromium = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (savedChromium === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = savedChromium;
});

describe('check jobs in the nightly run', () => {
  it('checks every enabled portal and stores results, findings and the versions', async () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    const summary = await run(db);
    expect(summary).toMatchObject({ status: 'succeeded', jobsTotal: 6, jobsFailed: 0 });
    const jobs = listJobs(db, summary.runId);
    expect(jobs.filter((j) => j.kind === 'check').map((j) => [j.key, j.status])).toEqual([['check/dvc-hanoi', 'succeeded'], ['check/dvc-bct', 'succeeded']]);
    expect(db.prepare('SELECT count(*) FROM measure WHERE period = ?').pluck().get('2026-09')).toBeGreaterThan(0);

    const versions = db.prepare('SELECT axe_version, tracker_list_version, browser_version, scoring_version FROM run WHERE id = ?').get(summary.runId);
    expect(versions).toMatchObject({ axe_version: expect.stringMatching(/^4\./), tracker_list_version: expect.stringMatching(/^third-party-web@/), browser_version: expect.stringMatching(/^Chromium/), scoring_version: 'score/2' });
    const checks = db.prepare('SELECT portal_id, job_id FROM portal_check WHERE run_id = ? ORDER BY portal_id').all(summary.runId) as Array<{ portal_id: string; job_id: number }>;
    expect(checks.map((c) => c.portal_id)).toEqual(['dvc-bct', 'dvc-hanoi']);

    expect(judgedResults(db, 'dvc-bct', 'privacy.no-tracker-before-consent', 1)[0]?.outcome).toBe('fail');
    expect(judgedResults(db, 'dvc-hanoi', 'privacy.no-tracker-before-consent', 1)[0]?.outcome).toBe('pass');
    expect(thirdPartiesOfRun(db, summary.runId).map((t) => [t.portalId, t.host, t.tracker])).toContainEqual(['dvc-bct', 'www.google-analytics.com', 'Google Analytics']);
    expect(db.prepare("SELECT count(*) FROM finding f JOIN check_result r ON r.id = f.check_result_id WHERE r.portal_id = 'dvc-bct' AND r.outcome = 'fail'").pluck().get()).toBeGreaterThan(10);
  }, 180_000);

  it('without a browser, the check jobs fail by name and the collection still succeeds', async () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    const db = openStore(join(tempDir(), 'store.sqlite'));
    const summary = await run(db);
    expect(summary.status).toBe('failed');
    expect(summary.failures.map((f) => [f.key, f.reason])).toEqual([['check/dvc-hanoi', 'browser_unavailable'], ['check/dvc-bct', 'browser_unavailable']]);
    expect(summary.jobsSucceeded).toBe(4);
    expect(db.prepare('SELECT browser_version FROM run WHERE id = ?').pluck().get(summary.runId)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM portal_check').pluck().get()).toBe(0);
  }, 120_000);
});
