// Benchmark (issue 7): reports and dashboard over a store holding 3 years of monthly KPIs for
// ~3,400 agencies (34 provinces, 3,321 communes, the ministries) and a year of probe rollups for
// 100 portals. Budgets: dashboard pages and API answers p95 < 200 ms; the national report for
// one period written in < 10 s. The issue names no peer tool: figures are given against the
// budgets. `npm run bench -- reports`
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { buildReportModel } from '../../src/report/model.ts';
import { renderReport } from '../../src/report/render.ts';
import { syncRegistryFromConfig } from '../../src/run/sync-registry.ts';
import { startDashboard } from '../../src/server/server.ts';
import { addMonths, currentMonth, monthRange } from '../../src/time/period.ts';
import { bucketOf } from '../../src/uptime/availability.ts';
import { INITIAL_HEALTH, step, type EndpointHealth, type Observation } from '../../src/uptime/state-machine.ts';
import { openStore } from '../../storage/db.ts';
import { benchAgencies, fillMeasures } from './fixtures/kpi-store.ts';
import { refreshRollups, syncEndpoints, writeRounds, type RoundRecord } from '../../storage/uptime.ts';

const PORTALS = 100;
const PROBE_EVERY_MS = 2 * 3600_000; // a year of rollups without 50 million raw probes
const REQUESTS = 25;
const now = new Date();
const { provinces, ministries, communes, measured } = benchAgencies();
const periods = monthRange(addMonths(currentMonth(now), -35), currentMonth(now));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const portalYaml = Array.from({ length: PORTALS }, (_, i) => {
  const agency = i < provinces.length ? provinces[i]!.code : ministries[(i - provinces.length) % ministries.length]!.code;
  return `  - { id: p${String(i + 1).padStart(3, '0')}, agency: "${agency}", name: "Cổng ${i + 1} <b>&</b>", url: "http://127.0.0.1:9/p${i + 1}/" }`;
}).join('\n');
const loaded = parseConfig(`version: 1\nportals:\n${portalYaml}\n`, 'bench.yaml', {});
loaded.agencies = [...loaded.agencies, ...communes];

const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-reports-'));
try {
  const db = openStore(join(dir, 'reports.sqlite'));
  syncRegistryFromConfig(db, loaded);
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  let started = performance.now();
  const stored = fillMeasures(db, periods, measured, random, now);
  const measuresMs = performance.now() - started;

  started = performance.now();
  const endpoints = syncEndpoints(db, loaded.config.portals.map((p) => ({ portalId: p.id, key: 'home', url: p.url, intervalS: 60, settings: {} })));
  const yearAgo = now.getTime() - 365 * 86400_000;
  let probes = 0;
  for (const [, endpoint] of endpoints) {
    let health: EndpointHealth = INITIAL_HEALTH;
    const rounds: RoundRecord[] = [];
    for (let at = yearAgo, k = 0; at < now.getTime(); at += PROBE_EVERY_MS, k++) {
      // About one failed probe in 200: incidents to list, availability below 100 %.
      const obs: Observation = random() < 0.005 ? { kind: 'failed', reason: 'connect_refused' } : { kind: 'up' };
      const iso = new Date(at).toISOString();
      const r = step(health, obs, iso, { downAfter: 1, maintenance: null });
      health = r.health;
      const totalMs = obs.kind === 'up' ? 50 + Math.round(random() * 400) : null;
      rounds.push({
        probe: {
          endpointId: endpoint.id, at: iso, latenessMs: 0, outcome: obs.kind, state: health.state, reason: obs.kind === 'up' ? null : obs.reason, detail: null,
          attempts: 1, statusCode: totalMs ? 200 : null, dnsMs: 0, connectMs: 1, tlsMs: 0, firstByteMs: totalMs, totalMs,
          rtBucket: totalMs ? bucketOf(totalMs) : null, bodyBytes: 1000, ip: '127.0.0.1', finalUrl: null, redirectsJson: null, httpsRedirect: null,
          certNotAfter: null, certIssuer: null, assertionsJson: null, maintenanceId: null, stalledMs: null,
        },
        health, transition: r.transition, opened: r.opened, closed: r.closed, certificate: null,
      });
    }
    writeRounds(db, rounds);
    probes += rounds.length;
  }
  refreshRollups(db);
  const uptimeMs = performance.now() - started;
  console.log(`store: ${stored.toLocaleString('en-US')} measures (${periods.length} months × ${measured.length} agencies) in ${(measuresMs / 1000).toFixed(1)} s; `
    + `${probes.toLocaleString('en-US')} probes of ${PORTALS} portals over a year, rolled up, in ${(uptimeMs / 1000).toFixed(1)} s`);

  // The national report for last month, as `dvc-monitor report` writes it.
  const period = addMonths(currentMonth(now), -1);
  started = performance.now();
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
