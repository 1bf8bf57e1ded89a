// Benchmark (issue 7): reports and dashboard over a store holding 3 years of monthly KPIs for
// ~3,400 agencies (34 provinces, 3,321 communes, the ministries) and a year of probe rollups for
// 100 portals. Budgets: dashboard pages and API answers p95 < 200 ms; the national report for
// one period written in < 10 s. The issue names no peer tool: figures are given against the
// budgets. `npm run bench -- reports`
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log.ts';
import { buildReportModel } from '../../src/report/model.ts';
import { renderReport } from '../../src/report/render.ts';
import { startDashboard } from '../../src/server/server.ts';
import { addMonths, currentMonth } from '../../src/time/period.ts';
import { openStore } from '../../storage/db.ts';
import { benchConfig, fillBenchStore } from './fixtures/dashboard-store.ts';

const REQUESTS = 25;
const now = new Date();
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const loaded = benchConfig();

const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-reports-'));
try {
  const db = openStore(join(dir, 'reports.sqlite'));
  const filled = fillBenchStore(db, loaded, now);
  console.log(`store: ${filled.measures.toLocaleString('en-US')} measures (36 months × ~3,400 agencies) in ${(filled.measuresMs / 1000).toFixed(1)} s; `
    + `${filled.probes.toLocaleString('en-US')} probes of ${loaded.config.portals.length} portals over a year, rolled up, in ${(filled.uptimeMs / 1000).toFixed(1)} s`);

  // The national report for last month, as `dvc-monitor report` writes it.
  const period = addMonths(currentMonth(now), -1);
  const started = performance.now();
  const html = renderReport(buildReportModel(db, loaded, { period, lang: 'vi', now }));
  writeFileSync(join(dir, 'report.html'), html);
  const reportMs = performance.now() - started;
  console.log(`national report ${period}: ${(reportMs / 1000).toFixed(2)} s, ${(html.length / 1e6).toFixed(1)} MB (budget < 10 s: ${(reportMs / 10_000).toFixed(2)}× the budget)`);

  const dashboard = await startDashboard({ db, loaded, log: createLogger('error'), token: null, port: 0 });
  const paths = [
    '/', `/?period=${addMonths(period, -1)}`, '/agency/tinh:01', '/agency/xa:00042', '/portals', '/portal/p001', '/alerts',
    '/api/overview', '/api/agencies/tinh:01', '/api/agencies/xa:00042', '/api/portals/p001', '/api/portals', '/api/alerts', '/metrics',
  ];
  const rows: string[] = [];
  let worst = 0;
  for (const path of paths) {
    const times: number[] = [];
    for (let i = 0; i <= REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${dashboard.url}${path}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      times.push(performance.now() - t0);
    }
    const first = times.shift()!;
    times.sort((a, b) => a - b);
    const p95 = times[Math.min(times.length - 1, Math.floor(0.95 * times.length))]!;
    worst = Math.max(worst, p95);
    rows.push(`  ${path.padEnd(26)} first ${first.toFixed(0).padStart(5)} ms   p50 ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms`);
  }
  await dashboard.close();
  db.close();
  console.log(`dashboard and API, ${REQUESTS} requests each after the first (which fills the per-period cache):`);
  console.log(rows.join('\n'));
  console.log(`worst p95 ${worst.toFixed(1)} ms (budget < 200 ms: ${(worst / 200).toFixed(2)}× the budget)`);
  console.log(`(load average: ${load()}; 2 cores shared with other developers)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
