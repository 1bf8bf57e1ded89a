// `npm run bench -- uptime [--minutes N] [--endpoints N] [--rounds N] [--skip-capacity]`
//
// 1. Side by side with Prometheus blackbox_exporter (Debian package prometheus-blackbox-exporter,
//    installed with apt-get if missing, started on 127.0.0.1 with a config written here): both
//    probe the same 1,000 endpoints of one local server (fresh connection, GET, status 200 and a
//    body check each). Figures: CPU time per probe of each process, and ours ÷ theirs (target ≤ 1).
//    blackbox_exporter's CPU is read from /proc/<pid>/stat and includes answering the /probe
//    requests, as it does when Prometheus scrapes it; ours is the whole prober (schedule, probe,
//    conditions, state machine, SQLite writes).
// 2. Capacity: 10,000 endpoints every 60 s (~167 probes/s) for --minutes (default 5): p99
//    lateness against schedule (target < 1 s) and CPU as a share of one core (target < 25%).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} "${args[i + 1]}" is not a positive number. Fix: e.g. --${name} ${fallback}`);
  return v;
};
const MINUTES = flag('minutes', 5);
const COMPARE_ENDPOINTS = flag('endpoints', 1000);
const ROUNDS = flag('rounds', 5);
const CONCURRENCY = 20;
const CAPACITY_ENDPOINTS = 10_000;

const HERE = fileURLToPath(new URL('.', import.meta.url));
const children: ChildProcess[] = [];
process.on('exit', () => { for (const c of children) c.kill('SIGTERM'); });

function findBlackbox(): string {
  for (const p of ['/usr/bin/prometheus-blackbox-exporter', '/usr/local/bin/blackbox_exporter']) if (existsSync(p)) return p;
  console.log('blackbox_exporter not found: installing the Debian package prometheus-blackbox-exporter…');
  const install = () => execFileSync('apt-get', ['install', '-y', '-qq', 'prometheus-blackbox-exporter'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  try {
    install();
  } catch {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    install();
  }
  return '/usr/bin/prometheus-blackbox-exporter';
}

function start(cmd: string, argv: string[]): ChildProcess {
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before answering`)));
  });
}

function output(child: ChildProcess): Promise<string> {
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err.slice(-2000)}`)))));
}

/** utime + stime of a process, in ms (from /proc/<pid>/stat, clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / 100;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await get(url)).status === 200) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
  console.log(`uptime benchmark — ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared)`);
  const dir = mkdtempSync(join(tmpdir(), 'dvc-bench-bbe-'));
  try {
    const targetProc = start(process.execPath, ['--import', 'tsx', join(HERE, 'uptime/target.ts')]);
    const target = await firstLine(targetProc);

    // --- 1. CPU per probe, side by side -----------------------------------------------------
    const bbe = findBlackbox();
    const version = execFileSync(bbe, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0];
    writeFileSync(join(dir, 'blackbox.yml'), [
      'modules:',
      '  http_ok:',
      '    prober: http',
      '    timeout: 5s',
      '    http:',
      '      valid_status_codes: [200]',
      '      preferred_ip_protocol: ip4',
      '      fail_if_body_not_matches_regexp: [\'"status":"ok"\']',
    ].join('\n'));
    const port = 19000 + Math.floor(Math.random() * 1000);
    const bbeProc = start(bbe, [`--config.file=${join(dir, 'blackbox.yml')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn']);
    const bbeBase = `http://127.0.0.1:${port}`;
    await waitReady(`${bbeBase}/-/healthy`);
    const targets = Array.from({ length: COMPARE_ENDPOINTS }, (_, i) => `${bbeBase}/probe?module=http_ok&target=${encodeURIComponent(`${target}/e/${i}`)}`);
    let bbeOk = 0;
    const bbeRound = () => pool(targets, CONCURRENCY, async (url) => {
      const r = await get(url);
      if (r.status === 200 && /^probe_success 1$/m.test(r.body)) bbeOk++;
    });
    await bbeRound(); // warm-up
    bbeOk = 0;
    const bbeCpu0 = processCpuMs(bbeProc.pid!);
    const bbeT0 = performance.now();
    for (let r = 0; r < ROUNDS; r++) await bbeRound();
    const bbeWall = performance.now() - bbeT0;
    const bbeCpu = processCpuMs(bbeProc.pid!) - bbeCpu0;
    bbeProc.kill('SIGTERM');
    const bbeProbes = ROUNDS * COMPARE_ENDPOINTS;

    const ours = JSON.parse(await output(start(process.execPath, ['--import', 'tsx', join(HERE, 'uptime/ours.ts'), 'compare', target, String(COMPARE_ENDPOINTS), String(ROUNDS), String(CONCURRENCY)]))) as {
      probes: number; up: number; cpuMs: number; wallMs: number;
    };
    const oursPerProbe = (ours.cpuMs * 1000) / ours.probes;
    const bbePerProbe = (bbeCpu * 1000) / bbeProbes;
    console.log(`\n1. CPU per probe, ${COMPARE_ENDPOINTS} endpoints × ${ROUNDS} rounds, ${CONCURRENCY} in flight (after one warm-up round)`);
    console.log(`   blackbox_exporter (${version}): ${bbeProbes} probes, ${bbeOk} successful, CPU ${fmt(bbeCpu, 0)} ms, ${fmt(bbePerProbe, 0)} µs/probe, ${fmt(bbeProbes / (bbeWall / 1000), 0)} probes/s`);
    console.log(`   dvc-monitor prober:          ${ours.probes} probes, ${ours.up} UP, CPU ${fmt(ours.cpuMs, 0)} ms, ${fmt(oursPerProbe, 0)} µs/probe, ${fmt(ours.probes / (ours.wallMs / 1000), 0)} probes/s (SQLite writes included)`);
    console.log(`   ratio (ours ÷ blackbox_exporter CPU per probe): ${fmt(oursPerProbe / bbePerProbe, 2)}  (target ≤ 1.00)`);

    // --- 2. Capacity ------------------------------------------------------------------------
    if (args.includes('--skip-capacity')) return;
    console.log(`\n2. Capacity: ${CAPACITY_ENDPOINTS} endpoints every 60 s (~${fmt(CAPACITY_ENDPOINTS / 60, 0)} probes/s) for ${MINUTES} min…`);
    const cap = JSON.parse(await output(start(process.execPath, ['--import', 'tsx', join(HERE, 'uptime/ours.ts'), 'capacity', target, String(CAPACITY_ENDPOINTS), String(MINUTES * 60)]))) as {
      probes: number; up: number; cpuMs: number; wallMs: number; latenessP50: number; latenessP99: number; latenessMax: number;
      skippedBusy: number; missed: number; rows: number;
    };
    const cpuShare = (cap.cpuMs / cap.wallMs) * 100;
    console.log(`   ${cap.probes} probes in ${fmt(cap.wallMs / 1000, 0)} s (${fmt(cap.probes / (cap.wallMs / 1000), 1)} probes/s), ${cap.up} UP, ${cap.rows} rows stored, ${cap.skippedBusy} skipped (still running), ${cap.missed} missed ticks`);
    console.log(`   lateness against schedule: p50 ${cap.latenessP50} ms, p99 ${cap.latenessP99} ms, max ${cap.latenessMax} ms  (target p99 < 1000 ms)`);
    console.log(`   CPU: ${fmt(cap.cpuMs / 1000, 1)} s over ${fmt(cap.wallMs / 1000, 0)} s = ${fmt(cpuShare, 1)}% of one core  (target < 25%)`);
    console.log(`   load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    agent.destroy();
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
