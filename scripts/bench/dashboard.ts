// Benchmark (issue 14): the dashboard, its API and the public status page over the bench store
// (3 years of monthly KPIs for ~3,400 agencies, a year of probes for 100 portals, all public).
// Budgets: every page and API answer p95 < 100 ms after the first; the first page after new data
// < 300 ms (new probes that change a state; a job that writes new KPI figures); the status page
// for 100 portals < 50 ms; a state change reaches an open page (its event, then the page fetched
// again, as the page's script does) within 2 s. `npm run bench -- dashboard [--requests N]`
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log.ts';
import { startDashboard } from '../../src/server/server.ts';
import { addMonths, currentMonth } from '../../src/time/period.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { addJobs, completeJob, createRun, listJobs } from '../../storage/runs.ts';
import { listEndpoints, writeRounds } from '../../storage/uptime.ts';
import { TOOL_VERSION } from '../../src/version.ts';
import { benchConfig, benchRound, fillBenchStore } from './fixtures/dashboard-store.ts';
import { benchAgencies } from './fixtures/kpi-store.ts';

const args = process.argv.slice(2);
const REQUESTS = Number(args[args.indexOf('--requests') + 1]) || 25;
const now = new Date();
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const ms = (v: number) => `${v.toFixed(1).padStart(6)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-dashboard-'));
try {
  const file = join(dir, 'dashboard.sqlite');
  const db = openStore(file);
  const loaded = benchConfig();
  const filled = fillBenchStore(db, loaded, now);
  console.log(`store: ${filled.measures.toLocaleString('en-US')} measures in ${(filled.measuresMs / 1000).toFixed(1)} s; ${filled.probes.toLocaleString('en-US')} probes of ${loaded.config.portals.length} public portals over a year, rolled up, in ${(filled.uptimeMs / 1000).toFixed(1)} s`);
  // The dashboard has its own connection; the prober and the nightly run write through others.
  const writer = openStore(file);
  const dashboard = await startDashboard({ db, loaded, log: createLogger('error'), token: 'bench', port: 0 });
  const period = addMonths(currentMonth(now), -1);

  const get = async (path: string): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(`${dashboard.url}${path}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - t0;
  };
  const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

  // 1. Every page and API answer: the first request, then REQUESTS more.
  const paths = [
    '/', `/?period=${addMonths(period, -1)}`, '/?sort=name&q=ha+noi', '/agency/tinh:01', '/agency/xa:00042', '/portals', '/portal/p001', '/portal/p001?range=7d',
    '/portal/p001?range=30d', '/portal/p001?range=1y', '/alerts', '/tiep-can', '/status', '/status?lang=en', '/status/feed.atom', '/badge/p001/status.svg',
    '/badge/p001/uptime-30d.svg', '/api/overview', '/api/agencies/tinh:01', '/api/portals/p001', '/api/portals', '/api/alerts', '/api/status', '/metrics', '/healthz', '/readyz',
  ];
  let worst = 0;
  const rows: string[] = [];
  for (const path of paths) {
    const first = await get(path);
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) times.push(await get(path));
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 0.95);
    worst = Math.max(worst, p95);
    rows.push(`  ${path.padEnd(30)} first ${ms(first)}   p50 ${ms(percentile(times, 0.5))}   p95 ${ms(p95)}`);
  }
  console.log(`every page and API answer, ${REQUESTS} requests each after the first:`);
  console.log(rows.join('\n'));
  console.log(`worst p95 ${worst.toFixed(1)} ms (budget < 100 ms: ${(worst / 100).toFixed(2)}× the budget)`);

  // 2. The first page after new data. Probes: p001's endpoint goes down (the prober's write).
  const endpoints = listEndpoints(writer);
  const afterProbes: string[] = [];
  let worstFirst = 0;
  for (const [i, path] of ['/', '/portals', '/portal/p001', '/status', '/alerts', '/api/portals'].entries()) {
    const e = endpoints[i]!;
    const h = filled.health.get(e.id)!;
    writeRounds(writer, [benchRound(e.id, h, { kind: 'failed', reason: 'http_5xx' }, new Date(), null)]);
    const first = await get(path);
    worstFirst = Math.max(worstFirst, first);
    afterProbes.push(`${path} ${first.toFixed(0)} ms`);
  }
  // A nightly job that writes last month's figures again, changed, for 500 agencies.
  const afterKpis: string[] = [];
  const run = createRun(writer, { trigger: 'bench', plan: {}, pid: process.pid, host: 'bench', now: new Date(), toolVersion: TOOL_VERSION, nodeVersion: process.version, configHash: loaded.hash });
  const measured = benchAgencies().measured.slice(0, 500);
  for (const [i, path] of ['/', '/agency/tinh:01', `/?period=${period}&kpi=rate.online_dossiers`, '/api/overview'].entries()) {
    addJobs(writer, run.id, [{ key: `bench-${i}`, kind: 'collect', sourceId: 'bench', portalId: null, period, params: {} }]);
    const job = listJobs(writer, run.id).find((j) => j.key === `bench-${i}`)!;
    completeJob(writer, { id: job.id, runId: run.id, sourceId: 'bench' }, measured.map((a, k) => ({ agencyCode: a.code, metric: 'dossiers.received_online', period, value: 1000 + i * 7 + k, nullReason: null, snapshotId: null })), [], new Date());
    const first = await get(path);
    worstFirst = Math.max(worstFirst, first);
    afterKpis.push(`${path} ${first.toFixed(0)} ms`);
  }
  console.log(`first answer after new data: probes that change a state — ${afterProbes.join(', ')}; a job writing KPI figures — ${afterKpis.join(', ')}`);
  console.log(`worst ${worstFirst.toFixed(0)} ms (budget < 300 ms: ${(worstFirst / 300).toFixed(2)}× the budget)`);

  // 3. The status page for 100 portals: cached, and right after the prober wrote.
  const cached: number[] = [];
  for (let i = 0; i < REQUESTS; i++) cached.push(await get('/status'));
  const fresh: number[] = [];
  for (let i = 0; i < 10; i++) {
    const e = endpoints[10 + i]!;
    writeRounds(writer, [benchRound(e.id, filled.health.get(e.id)!, { kind: 'up' }, new Date(), 120)]);
    fresh.push(await get('/status'));
  }
  cached.sort((a, b) => a - b);
  fresh.sort((a, b) => a - b);
  console.log(`status page, 100 portals: p95 ${percentile(cached, 0.95).toFixed(1)} ms between writes; right after a probe round p50 ${percentile(fresh, 0.5).toFixed(0)} ms, max ${fresh.at(-1)!.toFixed(0)} ms (budget < 50 ms: ${(percentile(cached, 0.95) / 50).toFixed(2)}× between writes, ${(fresh.at(-1)! / 50).toFixed(2)}× after a write)`);

  // 4. Live updates: a state change, its event on an open stream, the page fetched again.
  const latencies = await liveLatencies(dashboard.url, writer, endpoints.slice(20, 25).map((e) => ({ id: e.id, health: filled.health.get(e.id)! })));
  console.log(`live update, state change → event → page fetched again: ${latencies.map((l) => `${l.toFixed(0)} ms`).join(', ')} (budget < 2000 ms: worst ${(Math.max(...latencies) / 2000).toFixed(2)}× the budget)`);

  await dashboard.close();
  writer.close();
  db.close();
  console.log(`(load average: ${load()}; 2 cores shared with other sessions)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function liveLatencies(base: string, writer: Db, targets: Array<{ id: number; health: ReturnType<typeof benchRound>['health'] }>): Promise<number[]> {
  const controller = new AbortController();
  const res = await fetch(`${base}/events`, { signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const out: number[] = [];
  let buffer = '';
  const nextChange = async () => {
    for (;;) {
      const i = buffer.indexOf('event: change');
      if (i >= 0) {
        buffer = buffer.slice(buffer.indexOf('\n\n', i) + 2);
        return;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  await new Promise((r) => setTimeout(r, 600));
  for (const target of targets) {
    const t0 = performance.now();
    writeRounds(writer, [benchRound(target.id, target.health, { kind: 'failed', reason: 'timeout' }, new Date(), null)]);
    await nextChange();
    const page = await fetch(`${base}/portals`);
    await page.arrayBuffer();
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 300));
  }
  controller.abort();
  return out;
}
