// `npm run bench -- scale [--parts probes,checks,ingest] [--endpoints 10000] [--minutes 3] [--warmup 1]
//                          [--pages 16] [--levels 1,2,4] [--results 50000]`
//
// The scale-out (issue 16), on this one machine: a real Redis (Debian's redis-server), the real
// coordinator (`dvc-monitor start` with queue:) and workers (`dvc-monitor worker`) as processes.
// 1. probes: 10,000 endpoints every 60 s from 3 locations, 3 worker processes each (9 in all);
//    lateness p99 of the locations' probes against the round's time, CPU of the coordinator per
//    result and per round, of the workers per probe, of Redis per result.
// 2. checks: the sandbox pages through 1, 2 and 4 worker processes against the single process at
//    the same number of pages in flight: pages per minute and CPU seconds per page of our process
//    trees (workers, their Chromium, Redis, the ingest and judging here; not the shared machine's).
//    On a 2-core machine shared with others the ratio shows the overhead, not the speed-up.
// 3. ingest: the single writer's rate, results per second through the results queue into SQLite,
//    and SQLite alone for the same batches.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { Queue, Worker } from 'bullmq';
import { hostResolverRules, TLS_SPKI_SHA256 } from '../sandbox/hosts.ts';
import { startRedis, type RedisServer } from '../sandbox/redis.ts';
import { benchPages } from './fixtures/check-pages.ts';
import { machineCpuSeconds, processCpuSeconds } from './fixtures/cpu.ts';
import { Checker, DEFAULT_CHECK_SETTINGS, type PortalCheck } from '../../src/checks/checker.ts';
import { siteOf } from '../../src/checks/evidence/third-parties.ts';
import { judgePortal } from '../../src/checks/judge.ts';
import { scoreArea } from '../../src/checks/score.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { createIngest } from '../../src/scale/ingest.ts';
import { CHECK_QUEUE, pageResultId, probeResultId, RESULTS_QUEUE, type CheckPageJob, type CheckPageResult, type ProbeResult } from '../../src/scale/messages.ts';
import { visitOf } from '../../src/scale/remote-jobs.ts';
import { localDate } from '../../src/time/period.ts';
import { saveCheck } from '../../storage/checks.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { addJobs, createRun, listJobs, markJobRunning } from '../../storage/runs.ts';
import { stagedResults, writeIngestBatch } from '../../storage/scale.ts';
import { syncEndpoints } from '../../storage/uptime.ts';
import { syncRegistryFromConfig } from '../../src/run/sync-registry.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/dvc-monitor.js');
const { values } = parseArgs({
  options: {
    parts: { type: 'string', default: 'probes,checks,ingest' }, endpoints: { type: 'string', default: '10000' }, minutes: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' }, pages: { type: 'string', default: '16' }, levels: { type: 'string', default: '1,2,4' }, results: { type: 'string', default: '50000' },
  },
});
const parts = values.parts.split(',');
const number = (name: keyof typeof values) => {
  const v = Number(values[name]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} "${values[name]}" is not a positive number`);
  return v;
};
const LOCATIONS = ['bench-hn', 'bench-hcm', 'bench-dn'];
const WORKERS_PER_LOCATION = 3;
const log = createLogger('warn');
const children: ChildProcess[] = [];
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });

function start(args: string[], opts: { quiet?: boolean } = {}): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', opts.quiet ? 'ignore' : 'inherit'] });
  children.push(child);
  return child;
}
const firstLine = (child: ChildProcess) => new Promise<string>((resolve, reject) => {
  let buf = '';
  child.stdout!.on('data', (d) => {
    buf += d;
    if (buf.includes('\n')) resolve(buf.slice(0, buf.indexOf('\n')));
  });
  child.once('exit', (code) => reject(new Error(`exited ${code} before answering`)));
});
const stop = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.once('exit', () => resolve());
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
});

const cpuOf = (pid: number) => processCpuSeconds(pid) ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const f1 = (n: number) => n.toFixed(1);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

function queueYaml(redis: RedisServer, prefix: string): string {
  return `queue:
  redis: { url: "${redis.url}" }
  prefix: ${prefix}
  locations: [${LOCATIONS.map((l) => `{ id: ${l} }`).join(', ')}]
`;
}

// ---- 1. probes ---------------------------------------------------------------------------------
async function probes(redis: RedisServer, dir: string): Promise<void> {
  const endpoints = number('endpoints');
  const minutes = number('minutes');
  const warmup = Number(values.warmup);
  const target = await firstLine(start(['--import', 'tsx', join(ROOT, 'scripts/bench/uptime/target.ts')]));
  const lines = ['version: 1', 'uptime:', '  defaults: { intervalSeconds: 60, timeoutMs: 5000, confirmDelayMs: 1000 }', 'portals:'];
  for (let p = 0; p * 100 < endpoints; p++) {
    lines.push(`  - { id: bench-${p}, agency: VN, name: Bench ${p}, url: "${target}/", probes: [`);
    for (let i = p * 100; i < Math.min(endpoints, (p + 1) * 100); i++) lines.push(`      { id: e${i}, url: "${target}/e/${i}", conditions: ["[STATUS] == 200", "[BODY].status == ok"] },`);
    lines.push('    ] }');
  }
  const file = join(dir, 'probes.yaml');
  writeFileSync(file, `${lines.join('\n')}\n${queueYaml(redis, 'bp')}`);
  const db = join(dir, 'probes.sqlite');
  const workers = LOCATIONS.flatMap((l) => Array.from({ length: WORKERS_PER_LOCATION }, () =>
    start([BIN, 'worker', '--config', file, '--location', l, '--kinds', 'probe', '--concurrency', '200', '--log-level', 'warn'], { quiet: true })));
  const coordinator = start([BIN, 'start', '--config', file, '--db', db, '--no-catch-up', '--log-level', 'warn'], { quiet: true });
  console.log(`\n1. Probes: ${endpoints} endpoints every 60 s from ${LOCATIONS.length} locations, ${workers.length} worker processes; ${warmup} min warm-up, then ${minutes} min measured…`);
  await sleep(warmup * 60_000);
  const cpu0 = { coordinator: cpuOf(coordinator.pid!), workers: workers.reduce((s, w) => s + cpuOf(w.pid!), 0), redis: cpuOf(redis.pid()), machine: machineCpuSeconds() };
  const t0 = new Date();
  await sleep(minutes * 60_000);
  const t1 = new Date();
  const cpu = {
    coordinator: cpuOf(coordinator.pid!) - cpu0.coordinator, workers: workers.reduce((s, w) => s + cpuOf(w.pid!), 0) - cpu0.workers,
    redis: cpuOf(redis.pid()) - cpu0.redis, machine: machineCpuSeconds() - cpu0.machine,
  };
  const wall = (t1.getTime() - t0.getTime()) / 1000;
  // Rounds of the window's last seconds are judged up to their deadline (3 timeouts, the confirm delay, the grace).
  await sleep(25_000);
  await Promise.all([coordinator, ...workers].map(stop));
  const store = new Database(db, { readonly: true });
  const window = [t0.toISOString(), t1.toISOString()];
  const late = (store.prepare('SELECT lateness_ms FROM probe_location WHERE round_at >= ? AND round_at < ? ORDER BY lateness_ms').pluck().all(...window) as number[]);
  const outcomes = Object.fromEntries((store.prepare('SELECT outcome, count(*) AS n FROM probe_location WHERE round_at >= ? AND round_at < ? GROUP BY 1').all(...window) as Array<{ outcome: string; n: number }>).map((r) => [r.outcome, r.n]));
  const rounds = store.prepare('SELECT count(*) FROM probe WHERE at >= ? AND at < ?').pluck().get(...window) as number;
  const roundStates = Object.fromEntries((store.prepare('SELECT state, count(*) AS n FROM probe WHERE at >= ? AND at < ? GROUP BY 1').all(...window) as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
  const localRounds = store.prepare("SELECT count(*) FROM probe_location WHERE location = 'local' AND round_at >= ? AND round_at < ?").pluck().get(...window) as number;
  store.close();
  const results = late.length;
  const expectedRounds = endpoints * minutes;
  console.log(`   ${rounds} rounds judged in ${f1(wall)} s (${expectedRounds} scheduled; states ${JSON.stringify(roundStates)}), ${results} location results (${f1(results / wall)} /s; ${JSON.stringify(outcomes)}), ${localRounds} probed by the coordinator alone`);
  console.log(`   lateness of the locations' probes against the round's time: p50 ${quantile(late, 0.5)} ms, p99 ${quantile(late, 0.99)} ms, max ${late.at(-1)} ms  (single-process target p99 < 1000 ms)`);
  console.log(`   coordinator CPU: ${f1(cpu.coordinator)} s = ${f1((cpu.coordinator / wall) * 100)}% of one core; ${f1((cpu.coordinator * 1e6) / results)} µs per location result, ${f1((cpu.coordinator * 1e6) / rounds)} µs per round (schedule, enqueue, ingest, quorum, state, SQLite)`);
  console.log(`   workers' CPU: ${f1(cpu.workers)} s over ${workers.length} processes = ${f1((cpu.workers / wall) * 100)}% of one core; ${f1((cpu.workers * 1e6) / results)} µs per probe (probe, queue, posting the result)`);
  console.log(`   Redis CPU: ${f1(cpu.redis)} s = ${f1((cpu.redis * 1e6) / results)} µs per result; whole machine ${f1(cpu.machine)} CPU s (${f1(cpu.machine / wall)} cores busy, others' work included); load average ${load()}`);
}

// ---- 2. checks ---------------------------------------------------------------------------------
interface CheckRun { label: string; pages: number; errors: number; seconds: number; cpu: number; processes: number }

function checkOf(url: string, visit: PortalCheck['visits'][number], versions: PortalCheck['versions'], at: Date): PortalCheck {
  const results = judgePortal({ home: visit.evidence, pages: [] }, ['privacy', 'accessibility'], localDate(at));
  return {
    target: { portalId: null, homeUrl: url, pages: [] }, areas: ['privacy', 'accessibility'], startedAt: at, finishedAt: new Date(), measuredOn: localDate(at),
    visits: [visit], results, scores: [scoreArea(results, 'privacy'), scoreArea(results, 'accessibility')], versions,
  };
}

async function checks(redis: RedisServer, dir: string): Promise<void> {
  const sandbox = start(['--import', 'tsx', join(ROOT, 'scripts/sandbox/serve.ts'), '--port', '0'], { quiet: true });
  const sandboxUrl = (await firstLine(sandbox)).trim();
  const rules = hostResolverRules(Number(new URL(sandboxUrl).port));
  const pages = benchPages(number('pages'));
  const levels = values.levels.split(',').map(Number);
  const settings = { ...DEFAULT_CHECK_SETTINGS, hostResolverRules: rules, trustedCertificateSpki: [TLS_SPKI_SHA256] };
  const sampler = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/bench/scale/tree-cpu.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(sampler);
  const answers = createInterface({ input: sampler.stdout! })[Symbol.asyncIterator]();
  await sleep(1500); // its own start
  const measureFrom = (roots: number[]) => {
    sampler.stdin!.write(`start ${roots.join(' ')} -- ${sandbox.pid} ${sampler.pid}\n`);
    return async () => {
      sampler.stdin!.write('stop\n');
      return JSON.parse((await answers.next()).value as string) as { cpuSeconds: number; processes: number };
    };
  };
  console.log(`\n2. Checks: ${pages.length} sandbox pages (privacy + accessibility), the single process against 1, 2, 4 worker processes at the same number of pages in flight…`);
  const runs: CheckRun[] = [];

  const single = async (concurrency: number): Promise<CheckRun> => {
    const checker = new Checker({ ...settings, concurrency });
    const db = openStore(join(dir, `single-${concurrency}.sqlite`));
    const measured = measureFrom([process.pid]);
    const t0 = performance.now();
    let errors = 0;
    await Promise.all(pages.map(async ({ url, kind }) => {
      const at = new Date();
      const visit = await checker.visit(url, kind, siteOf(new URL(url).hostname), ['privacy', 'accessibility']);
      if (visit.evidence.error) errors++;
      saveCheck(db, { runId: null, jobId: null, check: checkOf(url, visit, checker.versions, at) });
    }));
    const seconds = (performance.now() - t0) / 1000;
    const used = await measured();
    await checker.close();
    db.close();
    return { label: `single process, ${concurrency} page(s) at once`, pages: pages.length, errors, seconds, cpu: used.cpuSeconds, processes: used.processes };
  };

  const scaled = async (processes: number): Promise<CheckRun> => {
    const prefix = `bc${processes}`;
    const file = join(dir, `checks-${processes}.yaml`);
    writeFileSync(file, `version: 1\n${queueYaml(redis, prefix)}`);
    const loaded = parseConfig(readFileSync(file, 'utf8'), file, {});
    const db = openStore(join(dir, `scaled-${processes}.sqlite`));
    syncRegistryFromConfig(db, loaded);
    const run = createRun(db, { trigger: 'bench', plan: {}, pid: process.pid, host: 'bench', now: new Date(), toolVersion: 'bench', nodeVersion: process.version, configHash: 'bench' });
    addJobs(db, run.id, [{ key: 'check/bench', kind: 'check', sourceId: null, portalId: null, period: null, params: {} }]);
    const job = listJobs(db, run.id)[0]!;
    markJobRunning(db, job.id, new Date());
    const workers = Array.from({ length: processes }, () => start([BIN, 'worker', '--config', file, '--location', LOCATIONS[0]!, '--kinds', 'check', '--concurrency', '1', '--log-level', 'warn'], { quiet: true }));
    const connection = { host: '127.0.0.1', port: redis.port };
    const queue = new Queue(CHECK_QUEUE, { connection, prefix });
    await sleep(3000); // the workers connect (their browsers start with their first page, as the single process's)
    let saved = 0;
    let errors = 0;
    let done = () => {};
    const finished = new Promise<void>((resolve) => { done = resolve; });
    const blobs = new (await import('ioredis')).Redis(connection);
    const ingest = createIngest({
      db, redis: blobs, prefix, log, maxResults: 50, maxWaitMs: 50, knownEndpoint: () => false,
      onStaged: (resultId) => {
        // As the coordinator does with a portal's pages: the visit from its blobs, judged, saved.
        const staged = stagedResults(db, job.id, 1).find((s) => s.resultId === resultId)!;
        const r = staged.body as CheckPageResult;
        if (r.visit.ok) {
          const visit = visitOf(db, r);
          if (visit.evidence.error) errors++;
          saveCheck(db, { runId: null, jobId: null, check: checkOf(r.url, visit, r.visit.versions, new Date(visit.evidence.startedAt)) });
        } else errors++;
        if (++saved === pages.length) done();
      },
    });
    const results = new Worker(RESULTS_QUEUE, async (j) => ingest.add(j.data, RESULTS_QUEUE), { connection: { ...connection, maxRetriesPerRequest: null }, prefix, concurrency: 50 });
    const measured = measureFrom([process.pid, redis.pid()]);
    const t0 = performance.now();
    await queue.addBulk(pages.map(({ url, kind }) => {
      const data: CheckPageJob = {
        v: 1, resultId: pageResultId(job.id, 1, url), jobId: job.id, attempt: 1, portalId: 'bench', url, kind, firstPartySite: siteOf(new URL(url).hostname),
        areas: ['privacy', 'accessibility'], settings: (({ filterList: _f, ...rest }) => rest)(settings),
      };
      return { name: CHECK_QUEUE, data, opts: { jobId: data.resultId, removeOnComplete: true } };
    }));
    await finished;
    const seconds = (performance.now() - t0) / 1000;
    const used = await measured();
    await results.close();
    await queue.close();
    blobs.disconnect();
    await Promise.all(workers.map(stop));
    db.close();
    return { label: `${processes} worker process(es), 1 page at once each`, pages: pages.length, errors, seconds, cpu: used.cpuSeconds, processes: used.processes };
  };

  try {
    for (const level of levels) {
      for (const measure of [() => single(level), () => scaled(level)]) {
        const r = await measure();
        runs.push(r);
        console.log(`   ${r.label.padEnd(44)} ${r.pages} pages (${r.errors} errors) in ${f1(r.seconds).padStart(6)} s = ${f1((r.pages * 60) / r.seconds).padStart(5)} pages/min, ${(r.cpu / r.pages).toFixed(2)} CPU s/page (${r.processes} processes)`);
      }
      const [s, d] = runs.slice(-2) as [CheckRun, CheckRun];
      console.log(`   → at ${level} page(s) in flight: workers ÷ single process = ${(d.cpu / s.cpu).toFixed(2)}× CPU per page, ${((d.pages / d.seconds) / (s.pages / s.seconds)).toFixed(2)}× pages per minute (load average ${load()})`);
    }
  } finally {
    await stop(sandbox);
    await stop(sampler);
  }
}

// ---- 3. ingest ---------------------------------------------------------------------------------
async function ingestRate(redis: RedisServer, dir: string): Promise<void> {
  const n = number('results');
  const ENDPOINTS = 1000;
  const db: Db = openStore(join(dir, 'ingest.sqlite'), { busyTimeoutMs: 1000 });
  const loaded = parseConfig(`version: 1\nportals: [{ id: bench, agency: VN, name: Bench, url: "http://127.0.0.1:9/" }]\n${queueYaml(redis, 'bi')}`, 'bench.yaml', {});
  syncRegistryFromConfig(db, loaded);
  const ids = [...syncEndpoints(db, Array.from({ length: ENDPOINTS }, (_, i) => ({ portalId: 'bench', key: `e${i}`, url: `http://127.0.0.1:9/e/${i}`, intervalS: 60, settings: {} }))).values()].map((e) => e.id);
  const known = new Set(ids);
  const base = Date.parse('2026-11-20T00:00:00.000Z');
  const result = (i: number, location: string): ProbeResult => {
    const endpointId = ids[i % ENDPOINTS]!;
    const roundAt = new Date(base + Math.floor(i / ENDPOINTS) * 60_000).toISOString();
    return {
      kind: 'probe', resultId: probeResultId(endpointId, roundAt, location), location, worker: 'bench/1', endpointId, roundAt, expected: LOCATIONS,
      at: roundAt, latenessMs: 3, observation: { kind: 'up' }, certificate: null,
      fields: {
        outcome: 'up', reason: null, detail: null, attempts: 1, statusCode: 200, dnsMs: 0, connectMs: 0.4, tlsMs: 0, firstByteMs: 2, totalMs: 2.5, rtBucket: 2,
        bodyBytes: 40, ip: '127.0.0.1', finalUrl: null, redirectsJson: null, httpsRedirect: null, certNotAfter: null, certIssuer: null, assertionsJson: '[{"condition":"[STATUS] == 200","ok":true,"actual":"200","soft":false}]', stalledMs: null,
      },
    };
  };
  console.log(`\n3. Ingest: ${n} probe results through the results queue into SQLite (transactions of ≤ 500 queue jobs, every ≤ 100 ms)…`);
  const connection = { host: '127.0.0.1', port: redis.port };
  const { Redis } = await import('ioredis');
  const blobs = new Redis(connection);
  /** Results put in the queue `perJob` to a job, then drained by the coordinator's ingest. */
  const throughQueue = async (label: string, perJob: number, offset: number) => {
    const queue = new Queue(RESULTS_QUEUE, { connection, prefix: 'bi' });
    for (let i = 0; i < n; i += 1000) {
      const chunk = Array.from({ length: Math.min(1000, n - i) }, (_, k) => result(offset + i + k, LOCATIONS[(i + k) % LOCATIONS.length]!));
      const jobs = [];
      for (let j = 0; j < chunk.length; j += perJob) {
        const part = chunk.slice(j, j + perJob);
        const data = perJob === 1 ? part[0]! : { kind: 'probe_batch' as const, resultId: `b.${part[0]!.resultId}.${part.length}`, location: part[0]!.location, worker: 'bench/1', results: part };
        jobs.push({ name: 'result', data, opts: { jobId: `r.${data.resultId}`, removeOnComplete: true } });
      }
      await queue.addBulk(jobs);
    }
    const jobsTotal = Math.ceil(n / perJob);
    const countRows = () => db.prepare('SELECT count(*) FROM probe_location').pluck().get() as number;
    const before = countRows();
    const ingest = createIngest({ db, redis: blobs, prefix: 'bi', log, maxResults: 500, maxWaitMs: 100, knownEndpoint: (id) => known.has(id) });
    let consumed = 0;
    let done = () => {};
    const finished = new Promise<void>((resolve) => { done = resolve; });
    const cpu0 = process.cpuUsage();
    const r0 = cpuOf(redis.pid());
    const t0 = performance.now();
    const worker = new Worker(RESULTS_QUEUE, async (j) => {
      const o = await ingest.add(j.data, RESULTS_QUEUE);
      if (++consumed === jobsTotal) done();
      return o;
    }, { connection: { ...connection, maxRetriesPerRequest: null }, prefix: 'bi', concurrency: 500 });
    await finished;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const redisCpu = cpuOf(redis.pid()) - r0;
    await worker.close();
    await queue.close();
    const stats = ingest.stats();
    const stored = countRows() - before;
    const through = (cpu.user + cpu.system) / n;
    console.log(`   ${label}: ${stored} stored in ${f1(seconds)} s = ${f1(n / seconds)} results/s on this loaded machine; coordinator CPU ${f1((cpu.user + cpu.system) / 1e6)} s = ${f1(through)} µs/result (~${f1(1e6 / through)} results/s for one free core), Redis ${f1((redisCpu * 1e6) / n)} µs/result; ${stats.batches} transactions, SQLite ${f1(stats.writeMs / 1000)} s of it`);
  };
  // One result a queue job; then as workers post them, the results of a quarter second together.
  await throughQueue('one result a queue job', 1, 0);
  await throughQueue('20 results a queue job (a probe batch)', 20, n);
  blobs.disconnect();
  // SQLite alone, the same rows in the same batch size: the writer's ceiling.
  const rows = Array.from({ length: n }, (_, i) => result(i + n * 10, 'sqlite-only'));
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  for (let i = 0; i < rows.length; i += 500) {
    writeIngestBatch(db, {
      locations: rows.slice(i, i + 500).map((r) => ({ row: { ...r.fields, resultId: r.resultId, endpointId: r.endpointId, roundAt: r.roundAt, location: r.location, worker: r.worker, at: r.at, latenessMs: r.latenessMs, certSubject: null }, localDate: localDate(new Date(r.roundAt)) })),
      staged: [], blobs: [], dead: [],
    }, new Date().toISOString());
  }
  const sqliteSeconds = (performance.now() - t1) / 1000;
  const sqliteCpu = process.cpuUsage(c1);
  const perResult = (sqliteCpu.user + sqliteCpu.system) / n;
  console.log(`   SQLite alone, same rows and batches: ${f1(n / sqliteSeconds)} results/s on this loaded machine; ${f1(perResult)} µs CPU/result, i.e. ~${f1(1e6 / perResult)} results/s for one free core`);

  db.close();
}

console.log(`scale-out benchmark — ${cpus().length} cores shared with other sessions, load average ${load()}`);
const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-scale-'));
const redis = await startRedis();
try {
  if (parts.includes('ingest')) await ingestRate(redis, dir);
  if (parts.includes('checks')) await checks(redis, dir);
  if (parts.includes('probes')) await probes(redis, dir);
} finally {
  await redis.stop();
  for (const c of children) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
