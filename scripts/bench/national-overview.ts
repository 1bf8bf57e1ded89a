// Benchmark (issue 3): the national overview — every KPI for every agency and aggregate in
// one period — over a store holding 3 years of monthly data for the 34 provinces, their
// 3,321 communes and the ministries. Target: under 100 ms. `npm run bench -- national-overview`
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema } from '../../src/config/schema.ts';
import { KPI_METRICS } from '../../src/kpi/definitions.ts';
import { INDEX_766_METRICS } from '../../src/kpi/index766.ts';
import { storedValues } from '../../src/kpi/from-store.ts';
import { kpiOverview } from '../../src/kpi/overview.ts';
import { benchAgencies, fillMeasures } from './fixtures/kpi-store.ts';
import { addMonths, currentMonth, localDate, monthRange } from '../../src/time/period.ts';
import { openStore } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';

const ITERATIONS = 30;
const now = new Date();
const { agencies, measured } = benchAgencies();
const periods = monthRange(addMonths(currentMonth(now), -35), currentMonth(now));

const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-'));
try {
  const db = openStore(join(dir, 'overview.sqlite'));
  syncRegistry(db, agencies, [], []);
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const loadStarted = performance.now();
  const stored = fillMeasures(db, periods, measured, random, now);
  const loadMs = performance.now() - loadStarted;

  const config = ConfigSchema.parse({ version: 1 });
  const period = addMonths(currentMonth(now), -1);
  const timings: number[] = [];
  const queryTimings: number[] = [];
  let rows = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now();
    const values = storedValues(db, period, [...KPI_METRICS, ...INDEX_766_METRICS]);
    queryTimings.push(performance.now() - started);
    const overview = kpiOverview({ period, today: localDate(now), agencies, values, targets: config.targets });
    timings.push(performance.now() - started);
    rows = overview.agencies.length + overview.aggregates.length;
  }
  db.close();
  timings.sort((a, b) => a - b);
  queryTimings.sort((a, b) => a - b);
  const p = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
  console.log(`national overview: ${stored.toLocaleString('en-US')} measures (${periods.length} months × ${measured.length} agencies) loaded in ${(loadMs / 1000).toFixed(1)} s`);
  console.log(`  one period, ${rows} agencies and aggregates × 8 KPIs + the 766 index, ${ITERATIONS} runs:`);
  console.log(`  of which the SQLite query: p50 ${queryTimings[Math.floor(ITERATIONS / 2)]!.toFixed(1)} ms`);
  console.log(`  p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${timings.at(-1)!.toFixed(1)} ms (target < 100 ms: p95 is ${(p(0.95) / 100).toFixed(2)}× the budget)`);
  console.log(`  (load average: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
