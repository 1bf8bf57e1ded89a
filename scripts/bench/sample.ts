// `npm run bench -- sample [--max-checked 30] [--delay-ms 0] [--concurrency 2] [--areas privacy,accessibility] [--plan-only]`:
// the page sample of issue 17 on the sandbox's portal of ~500 pages (scripts/sandbox/sample-portal.ts).
// A portal's check, phase by phase, as Checker.checkPortal runs it: the home page's visit in
// Chromium, the plan (the crawl over the HTTP client, template grouping, structured and random
// sample), the visits of the other sampled pages, judging and storing. Prints the time to plan
// the sample and the total check time, the crawl's figures (pages found, requests, templates,
// CPU of this process: the sandbox runs in a process of its own) and that the sample is
// reproduced from its seed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hostResolverRules, TLS_SPKI_SHA256 } from '../sandbox/hosts.ts';
import { SAMPLE_PORTAL_HOST } from '../sandbox/sample-portal.ts';
import { machineCpuSeconds } from './fixtures/cpu.ts';
import { assembleCheck, Checker, DEFAULT_CHECK_SETTINGS, firstPartySiteOf, pagesAfterHome, sampleAfterHome, type CheckTarget } from '../../src/checks/checker.ts';
import { planSample } from '../../src/checks/sample/plan.ts';
import { DEFAULT_SAMPLE_SETTINGS } from '../../src/checks/sample/settings.ts';
import type { Area } from '../../src/checks/types.ts';
import { saveCheck } from '../../storage/checks.ts';
import { openStore } from '../../storage/db.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    'max-checked': { type: 'string', default: '30' },
    'delay-ms': { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '2' },
    areas: { type: 'string', default: 'privacy,accessibility' },
    seed: { type: 'string', default: '20261207' },
    'plan-only': { type: 'boolean', default: false },
  },
});
const maxChecked = Number(values['max-checked']);
const delayMs = Number(values['delay-ms']);
const concurrency = Number(values.concurrency);
const areas = values.areas.split(',') as Area[];
const seed = Number(values.seed);

const sandboxProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/sandbox/serve.ts'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const sandboxUrl = await new Promise<string>((resolve, reject) => {
  sandboxProcess.stdout.once('data', (d) => resolve(String(d).trim().split('\n')[0]!));
  sandboxProcess.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it listened`)));
});
const port = Number(new URL(sandboxUrl).port);
const work = mkdtempSync(join(tmpdir(), 'dvc-bench-sample-'));
const settings = {
  ...DEFAULT_CHECK_SETTINGS, concurrency, hostResolverRules: hostResolverRules(port), trustedCertificateSpki: [TLS_SPKI_SHA256], publicAddresses: [`127.0.0.1:${port}`],
};
const sample = { ...DEFAULT_SAMPLE_SETTINGS, maxPages: 1000, maxChecked, delayMs, seed };
// No portal row in the bench's store: checked as an address on its own, with the sample of a portal.
const target: CheckTarget = { portalId: null, homeUrl: `https://${SAMPLE_PORTAL_HOST}/`, pages: [], sample };
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const checker = new Checker(settings);
const db = openStore(join(work, 'bench.sqlite'));
try {
  const load = loadavg()[0]!.toFixed(1);
  const machine0 = machineCpuSeconds();
  const t0 = performance.now();
  const startedAt = new Date();
  const home = await checker.visit(target.homeUrl, 'home', firstPartySiteOf(target), areas);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const plan = (await sampleAfterHome(target, home.evidence, areas, settings, startedAt))!;
  const cpu = process.cpuUsage(cpu0);
  const t2 = performance.now();
  const replanned = planSample({ crawl: plan.crawl, homeUrl: target.homeUrl, homeLinks: home.evidence.links, configured: [], areas, settings: sample, seed });
  const reproduced = JSON.stringify(replanned.pages) === JSON.stringify(plan.pages);

  console.log(`Page sample of the sandbox portal https://${SAMPLE_PORTAL_HOST}/ (load average ${load} at start, ${concurrency} pages at once, areas ${areas.join(', ')})`);
  console.log(`  crawl: ${plan.pagesFound} pages found (${plan.crawl.stoppedBy}), ${plan.crawl.requests} requests, ${plan.templates} templates, delay ${plan.crawl.delayMs} ms between requests`);
  console.log(`  skipped: ${Object.entries(plan.crawl.skipped).map(([k, v]) => `${k} ${v!.count}`).join(', ')}`);
  console.log(`  sample: ${plan.pages.length} pages (${plan.structured} structured, ${plan.random} random, seed ${plan.seed}; ${plan.leftOut.length} structured left out by maxChecked ${maxChecked})`);
  console.log(`  reproduced from the crawl record and the seed: ${reproduced ? 'yes' : 'NO'}`);
  console.log(`  home page visit:        ${s(t1 - t0)}`);
  console.log(`  time to plan the sample: ${s(t2 - t1)} (crawl and plan; ${((cpu.user + cpu.system) / 1e6).toFixed(2)} CPU s of this process, ${(((cpu.user + cpu.system) / 1e3) / Math.max(1, plan.crawl.requests)).toFixed(1)} CPU ms a request)`);
  if (delayMs === 0) console.log(`  (at the default politeness delay of ${DEFAULT_SAMPLE_SETTINGS.delayMs} ms the crawl would wait ${s(DEFAULT_SAMPLE_SETTINGS.delayMs * (plan.crawl.requests - 1))} more)`);
  if (!values['plan-only']) {
    const others = await Promise.all(pagesAfterHome(target, home.evidence, areas, plan).map((p) => checker.visit(p.url, p.kind, firstPartySiteOf(target), areas)));
    const t3 = performance.now();
    const check = assembleCheck({ target, areas, startedAt, finishedAt: new Date(), home, others, versions: checker.versions, sample: plan });
    saveCheck(db, { runId: null, jobId: null, check });
    const t4 = performance.now();
    const machine = machineCpuSeconds() - machine0;
    const errors = check.visits.filter((v) => v.evidence.error).length;
    console.log(`  other ${others.length} pages visited: ${s(t3 - t2)}`);
    console.log(`  judging and storing:    ${s(t4 - t3)}`);
    console.log(`  total check time:       ${s(t4 - t0)} for ${check.visits.length} pages (${((check.visits.length * 60_000) / (t4 - t0)).toFixed(1)} pages/min, ${errors} in error; machine CPU ${(machine / check.visits.length).toFixed(2)} s a page, every process on the machine included)`);
    console.log(`  the plan is ${(100 * (t2 - t1) / (t4 - t0)).toFixed(1)}% of the check's time (load average ${loadavg()[0]!.toFixed(1)} at the end)`);
  }
} finally {
  await checker.close();
  db.close();
  sandboxProcess.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
