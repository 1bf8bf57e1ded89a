// Benchmark (issue 3): normalise national-gateway payloads and upsert the measures into a
// real SQLite file in batched transactions. Target: at least 200,000 measures per second.
// Payloads are the sandbox's real answers (every month since 2024-01, ministries and
// provinces, both reports), normalised by the production normaliser and stored by the
// production upsert. `npm run bench -- normalise-upsert [--rounds N]`
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nationalPortal } from '../../collectors/national-portal.ts';
import type { PayloadView } from '../../collectors/types.ts';
import { NationalPortalSourceSchema } from '../../src/config/schema.ts';
import { builtInAgencies } from '../../src/registry/agencies.ts';
import { registryLookup } from '../../src/run/registry-lookup.ts';
import { currentMonth, monthRange } from '../../src/time/period.ts';
import { openStore } from '../../storage/db.ts';
import { upsertMeasures } from '../../storage/measures.ts';
import { withSnapshots } from '../../src/normalise/measure.ts';
import { syncRegistry } from '../../storage/registry.ts';
import type { JobSpec } from '../../src/run/job.ts';
import { monthlyFigures, scores766 } from '../sandbox/data.ts';
import { scoreRow, sumRow } from '../sandbox/gateway.ts';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
const TARGET = 200_000;
const source = NationalPortalSourceSchema.parse({ id: 'bench', kind: 'national-portal', url: 'http://127.0.0.1/jsp/rest.jsp' });
const registry = registryLookup(builtInAgencies());
const now = new Date();

// Build the payloads once: generating them is the sandbox's work, not ours.
const jobs: Array<{ job: JobSpec; payload: PayloadView }> = [];
for (const period of monthRange('2024-01', currentMonth(now))) {
  for (const level of ['ministry', 'province'] as const) {
    const monthly = monthlyFigures(2026, period, level, now).map((f, i) => sumRow(f, i + 1));
    const scores = scores766(2026, period, level, now).map((s) => scoreRow(s));
    for (const [report, rows] of [['monthly_counts', monthly], ['index_766', scores]] as const) {
      jobs.push({
        job: { key: `${report}/${level}/${period}`, kind: 'collect', sourceId: 'bench', portalId: null, period, params: { report, level } },
        payload: { url: source.url, status: 200, body: Buffer.from(JSON.stringify(rows)) },
      });
    }
  }
}

function pass(db: ReturnType<typeof openStore>, bump: number): { measures: number; ms: number; cpuMs: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let count = 0;
  // One transaction per batch of jobs, as a run's jobs would commit.
  const batchSize = 16;
  for (let i = 0; i < jobs.length; i += batchSize) {
    db.transaction(() => {
      for (const { job, payload } of jobs.slice(i, i + batchSize)) {
        const { measures } = nationalPortal.normalise(source, job, [payload], registry);
        const inputs = withSnapshots(measures, []);
        if (bump) for (const m of inputs) if (m.value !== null) m.value += bump;
        upsertMeasures(db, inputs, { sourceId: null, runId: null, now });
        count += inputs.length;
      }
    })();
  }
  const used = process.cpuUsage(cpu);
  return { measures: count, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-'));
const zero = () => ({ measures: 0, ms: 0, cpuMs: 0 });
const results: Record<string, { measures: number; ms: number; cpuMs: number }> = { insert: zero(), rerun: zero(), changed: zero() };
try {
  for (let r = 0; r < rounds; r++) {
    const db = openStore(join(dir, `bench-${r}.sqlite`));
    syncRegistry(db, builtInAgencies(), [], []);
    for (const [name, bump] of [['insert', 0], ['rerun', 0], ['changed', 1]] as const) {
      const { measures, ms, cpuMs } = pass(db, bump);
      results[name]!.measures += measures;
      results[name]!.ms += ms;
      results[name]!.cpuMs += cpuMs;
    }
    db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`normalise + upsert, ${jobs.length} gateway payloads per round, ${rounds} rounds, SQLite WAL file store`);
console.log(`  (load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; per CPU second counts our own work only)`);
for (const [name, { measures, ms, cpuMs }] of Object.entries(results)) {
  const rate = measures / (ms / 1000);
  const cpuRate = measures / (cpuMs / 1000);
  console.log(`  ${name.padEnd(8)} ${measures.toLocaleString('en-US')} measures: ${ms.toFixed(0)} ms wall = ${Math.round(rate).toLocaleString('en-US')}/s (${(rate / TARGET).toFixed(2)}× target); ${cpuMs.toFixed(0)} ms CPU = ${Math.round(cpuRate).toLocaleString('en-US')}/s per CPU second (${(cpuRate / TARGET).toFixed(2)}× target)`);
}
