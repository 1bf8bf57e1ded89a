// `npm run bench -- checks [--levels 1,2,4] [--pages 50]`: our full privacy + accessibility
// check against pa11y-ci (axe runner, accessibility only) on the same sandbox pages, each tool
// at each concurrency level, in one process tree. Prints pages per minute, the ratio of the
// best of each (target ≥ 2), and our peak memory (target ≤ 1.5 GiB) over our process and its
// Chromium processes, judged on PSS: Chromium's processes share most of their pages, and a
// summed RSS counts each shared page once per process (RSS is printed beside it).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hostResolverRules, TLS_SPKI_SHA256 } from '../sandbox/hosts.ts';
import { benchPages } from './fixtures/check-pages.ts';
import { machineCpuSeconds, processCpuSeconds } from './fixtures/cpu.ts';
import { CHROMIUM_ARGS, findChromium } from '../../src/browser/launch.ts';
import { Checker, DEFAULT_CHECK_SETTINGS, type PortalCheck } from '../../src/checks/checker.ts';
import { siteOf } from '../../src/checks/evidence/third-parties.ts';
import { judgePortal } from '../../src/checks/judge.ts';
import { scoreArea } from '../../src/checks/score.ts';
import { localDate } from '../../src/time/period.ts';
import { saveCheck } from '../../storage/checks.ts';
import { openStore } from '../../storage/db.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { levels: { type: 'string', default: '1,2,4,6' }, pages: { type: 'string', default: '50' }, tools: { type: 'string', default: 'ours,pa11y-ci' } } });
const tools = values.tools.split(',');
const levels = values.levels.split(',').map(Number);
const pageCount = Number(values.pages);

// ---------------------------------------------------------------------------------------
// Memory of a process tree, sampled from /proc by a separate process: reading smaps costs
// kernel time, which must not be charged to the tool being measured. Lines on stdin:
// "start <pid>" begins sampling that tree, "stop" answers with the peaks as JSON.

const SAMPLER = `
const fs = require('fs');
const kids = (pid) => { try { return fs.readdirSync('/proc/' + pid + '/task').flatMap((t) => fs.readFileSync('/proc/' + pid + '/task/' + t + '/children', 'utf8').split(' ').filter(Boolean).map(Number)); } catch { return []; } };
let root = null, skip = new Set(), peak = { rss: 0, pss: 0 };
setInterval(() => {
  if (root === null) return;
  const pids = [root];
  for (let i = 0; i < pids.length; i++) pids.push(...kids(pids[i]).filter((p) => !skip.has(p)));
  let rss = 0, pss = 0;
  for (const pid of pids) {
    try {
      const r = fs.readFileSync('/proc/' + pid + '/smaps_rollup', 'utf8');
      rss += Number((/^Rss:\\s+(\\d+)/m.exec(r) || [0, 0])[1]) * 1024;
      pss += Number((/^Pss:\\s+(\\d+)/m.exec(r) || [0, 0])[1]) * 1024;
    } catch {}
  }
  peak = { rss: Math.max(peak.rss, rss), pss: Math.max(peak.pss, pss) };
}, 250);
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, pid, ...others] = line.split(' ');
  if (cmd === 'start') { root = Number(pid); skip = new Set(others.map(Number)); peak = { rss: 0, pss: 0 }; }
  if (cmd === 'stop') { root = null; process.stdout.write(JSON.stringify(peak) + '\\n'); }
});
`;

const samplerProcess = spawn(process.execPath, ['-e', SAMPLER], { stdio: ['pipe', 'pipe', 'inherit'] });
const samplerLines = (async function* () {
  let buffer = '';
  for await (const chunk of samplerProcess.stdout) {
    buffer += chunk;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      yield buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
    }
  }
})();

/** Samples the tree under `pid`, leaving out the bench's own helpers (this sampler, the sandbox). */
function sampler(pid: number) {
  samplerProcess.stdin.write(`start ${pid} ${samplerProcess.pid} ${sandboxProcess.pid}\n`);
  return {
    async stop(): Promise<{ rss: number; pss: number }> {
      samplerProcess.stdin.write('stop\n');
      return JSON.parse((await samplerLines.next()).value as string);
    },
  };
}

/** CPU seconds of a process and of the children it has reaped (Chromium's processes end up there). */
const cpuSeconds = (pid: number) => processCpuSeconds(pid, true) ?? 0;

interface Measured { tool: string; concurrency: number; pages: number; errors: number; seconds: number; perMinute: number; cpuPerPage: number; machineCpuPerPage: number; peakRss: number; peakPss: number; note?: string }

// The sandbox runs in its own process, so that serving pages counts against neither tool.
const sandboxProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/sandbox/serve.ts'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const sandboxUrl = await new Promise<string>((resolve, reject) => {
  sandboxProcess.stdout.once('data', (d) => resolve(String(d).trim().split('\n')[0]!));
  sandboxProcess.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it listened`)));
});
const rules = hostResolverRules(Number(new URL(sandboxUrl).port));
const pages = benchPages(pageCount);
const work = mkdtempSync(join(tmpdir(), 'dvc-bench-checks-'));

async function ours(concurrency: number): Promise<Measured> {
  const checker = new Checker({ ...DEFAULT_CHECK_SETTINGS, concurrency, hostResolverRules: rules, trustedCertificateSpki: [TLS_SPKI_SHA256], publicAddresses: [`127.0.0.1:${new URL(sandboxUrl).port}`] });
  const db = openStore(join(work, `ours-${concurrency}.sqlite`));
  const memory = sampler(process.pid);
  const started = performance.now();
  const cpuBefore = cpuSeconds(process.pid);
  const machineBefore = machineCpuSeconds();
  const nodeBefore = process.cpuUsage();
  let errors = 0;
  await Promise.all(pages.map(async ({ url, kind }) => {
    const at = new Date();
    const visit = await checker.visit(url, kind, siteOf(new URL(url).hostname), ['privacy', 'accessibility']);
    if (visit.evidence.error) errors++;
    const results = judgePortal({ home: visit.evidence, pages: [] }, ['privacy', 'accessibility'], localDate(at));
    const check: PortalCheck = {
      target: { portalId: null, homeUrl: url, pages: [] }, areas: ['privacy', 'accessibility'], startedAt: at, finishedAt: new Date(),
      measuredOn: localDate(at), visits: [visit], results, scores: [scoreArea(results, 'privacy'), scoreArea(results, 'accessibility')], versions: checker.versions,
    };
    saveCheck(db, { runId: null, jobId: null, check });
  }));
  await checker.close();
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(process.pid) - cpuBefore;
  const machineCpu = machineCpuSeconds() - machineBefore;
  const nodeCpu = process.cpuUsage(nodeBefore);
  const peak = await memory.stop();
  db.close();
  const note = `(of which this Node process ${((nodeCpu.user + nodeCpu.system) / 1e6 / pages.length).toFixed(2)} s/page)`;
  return { tool: 'dvc-monitor (privacy + accessibility)', concurrency, pages: pages.length, errors, seconds, perMinute: (pages.length * 60) / seconds, cpuPerPage: cpu / pages.length, machineCpuPerPage: machineCpu / pages.length, peakRss: peak.rss, peakPss: peak.pss, note };
}

async function pa11yCi(concurrency: number, incognito: boolean): Promise<Measured> {
  const config = join(work, `pa11y-${concurrency}-${incognito}.json`);
  writeFileSync(config, JSON.stringify({
    defaults: {
      // Its default is a fresh incognito context per page, as ours; one shared context is cheaper.
      runners: ['axe'], standard: 'WCAG2AA', timeout: 60_000, concurrency, useIncognitoBrowserContext: incognito,
      chromeLaunchConfig: {
        executablePath: findChromium(),
        args: [...CHROMIUM_ARGS.filter((a) => !a.startsWith('--headless')), '--no-sandbox', `--host-resolver-rules=${rules}`, `--ignore-certificate-errors-spki-list=${TLS_SPKI_SHA256}`],
      },
    },
    urls: pages.map((p) => p.url),
  }));
  const bin = join(ROOT, 'node_modules/pa11y-ci/bin/pa11y-ci.js');
  if (!existsSync(bin)) throw new Error('pa11y-ci is not installed. Fix: PUPPETEER_SKIP_DOWNLOAD=1 npm install --save-dev pa11y-ci');
  const started = performance.now();
  const machineBefore = machineCpuSeconds();
  // Through a shell whose `times` reports the CPU of pa11y-ci and of the Chromium it reaped.
  const child = spawn('/bin/sh', ['-c', '"$@"; status=$?; times >&2; exit $status', 'sh', process.execPath, bin, '--config', config, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  const memory = sampler(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  const machineCpu = machineCpuSeconds() - machineBefore;
  const peak = await memory.stop();
  // pa11y-ci exits 2 when it finds accessibility issues: that is a result, not a failure.
  if (code !== 0 && code !== 2) throw new Error(`pa11y-ci exited ${code}: ${stderr.slice(-2000)}`);
  const [user = 0, sys = 0] = (stderr.trim().split('\n').pop() ?? '').split(/\s+/).map((t) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  });
  const cpu = user + sys;
  const report = JSON.parse(stdout) as { total: number; results: Record<string, Array<{ message?: string; code?: string }>> };
  // A page pa11y could not test is reported as a bare error object (no rule code).
  const failedPages = Object.entries(report.results).filter(([, issues]) => issues.some((i) => !i.code));
  const errors = failedPages.length;
  if (errors) console.log(`  pa11y-ci could not test ${errors} pages, e.g. ${failedPages.slice(0, 3).map(([url, issues]) => `${url}: ${JSON.stringify(issues.find((i) => !i.code))}`).join('; ')}`);
  return { tool: `pa11y-ci (axe, a11y only, ${incognito ? 'fresh context/page' : 'shared context'})`, concurrency, pages: report.total, errors, seconds, perMinute: (report.total * 60) / seconds, cpuPerPage: cpu / report.total, machineCpuPerPage: machineCpu / report.total, peakRss: peak.rss, peakPss: peak.pss };
}

const MiB = 1024 * 1024;
const fmt = (m: Measured) =>
  `${m.tool.padEnd(52)} concurrency ${String(m.concurrency).padStart(2)}: ${m.pages} pages (${m.errors} errors) in ${m.seconds.toFixed(1).padStart(6)} s = ${m.perMinute.toFixed(1).padStart(6)} pages/min, ${m.machineCpuPerPage.toFixed(2)} machine CPU s/page (${m.cpuPerPage.toFixed(2)} counted by the tool's own process); peak RSS ${(m.peakRss / MiB).toFixed(0).padStart(5)} MiB, PSS ${(m.peakPss / MiB).toFixed(0).padStart(5)} MiB${m.note ? `\n      ${m.note}` : ''}`;

console.log(`checks benchmark: ${pages.length} sandbox pages, concurrency levels ${levels.join(', ')}; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')} on a machine shared with other developers`);
const measured: Measured[] = [];
try {
  for (const level of levels) {
    // Alternate the tools at each level so that a change of load on the machine hits both.
    const runs = [
      ...(tools.includes('ours') ? [ours] : []),
      ...(tools.includes('pa11y-ci') ? [(c: number) => pa11yCi(c, true), (c: number) => pa11yCi(c, false)] : []),
    ];
    for (const run of runs) {
      const m = await run(level);
      measured.push(m);
      console.log(fmt(m));
    }
  }
} finally {
  sandboxProcess.kill('SIGTERM');
  samplerProcess.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
if (tools.length < 2) process.exit(0);
const best = (prefix: string) => measured.filter((m) => m.tool.startsWith(prefix)).sort((a, b) => b.perMinute - a.perMinute)[0]!;
const us = best('dvc-monitor');
const them = best('pa11y-ci');
const alike = best('pa11y-ci (axe, a11y only, fresh');
const ourRuns = measured.filter((m) => m.tool.startsWith('dvc-monitor'));
const peakPss = Math.max(...ourRuns.map((m) => m.peakPss));
const peakRss = Math.max(...ourRuns.map((m) => m.peakRss));
const line = (m: Measured) => `${m.perMinute.toFixed(1)} pages/min at concurrency ${m.concurrency}, ${m.machineCpuPerPage.toFixed(2)} machine CPU s/page`;
console.log('');
console.log(`best dvc-monitor (privacy + accessibility, fresh context per page): ${line(us)}`);
console.log(`best pa11y-ci (accessibility only), any setting:                   ${line(them)} — ${them.tool}`);
console.log(`best pa11y-ci with a fresh context per page, as ours:            ${line(alike)}`);
console.log(`ratio dvc-monitor / best pa11y-ci: ${(us.perMinute / them.perMinute).toFixed(2)}× (target ≥ 2×) — ${us.perMinute / them.perMinute >= 2 ? 'met' : 'NOT met'}`);
console.log(`ratio dvc-monitor / pa11y-ci with a fresh context per page: ${(us.perMinute / alike.perMinute).toFixed(2)}×`);
console.log(`dvc-monitor peak memory over all levels: PSS ${(peakPss / MiB).toFixed(0)} MiB summed over its processes (target ≤ 1536 MiB) — ${peakPss <= 1536 * MiB ? 'met' : 'NOT met'}; summed RSS ${(peakRss / MiB).toFixed(0)} MiB (shared pages counted per process); at its best level PSS ${(us.peakPss / MiB).toFixed(0)} MiB, RSS ${(us.peakRss / MiB).toFixed(0)} MiB`);
console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
