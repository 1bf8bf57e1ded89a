// `npm run bench -- checks [--levels 2,4] [--pages 50] [--sets single,multi] [--breakdown 10]`:
// our full privacy + accessibility check against pa11y-ci (axe runner, accessibility only) on the
// same sandbox pages, in one process tree, on two page sets: today's pages (three portal builds,
// the fixtures, months of statistics; mostly one site each) and the same number spread over 13
// sites (registrable domains) interleaved, since one site flatters a tool that shares processes
// across pages. Ours cold (first visit, empty store) and warm (second night, pages unchanged:
// incremental re-checks reuse accessibility evidence), pa11y-ci with its default fresh context
// per page and with one shared context, each at each concurrency level; then the targets (issue
// 17) on each set against pa11y-ci's best: cold ≥ 1.0×, warm ≥ 3×, cold CPU ≤ 1.0 s a page, peak
// PSS ≤ 1.5 GiB, no page in error. CPU is the tool's own process tree (robust on a shared
// machine); pages per minute are wall-clock and suffer from whatever else the machine runs.
// Last, the breakdown per phase (cold and warm, one page at a time) against a bare navigation.
// Peak memory is judged on PSS: Chromium's processes share most of their pages, and a summed RSS
// counts each shared page once per process (RSS is printed beside it).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hostResolverRules, TLS_SPKI_SHA256 } from '../sandbox/hosts.ts';
import { benchPages, multiSitePages } from './fixtures/check-pages.ts';
import { machineCpuSeconds, processCpuSeconds } from './fixtures/cpu.ts';
import { measureBreakdown } from './fixtures/phase-cpu.ts';
import { CHROMIUM_ARGS, findChromium, launchBrowser } from '../../src/browser/launch.ts';
import { browserArgs, Checker, DEFAULT_CHECK_SETTINGS, type CheckSettings, type PortalCheck } from '../../src/checks/checker.ts';
import { siteOf } from '../../src/checks/evidence/third-parties.ts';
import { judgePortal } from '../../src/checks/judge.ts';
import { scoreArea } from '../../src/checks/score.ts';
import type { PageKind } from '../../src/checks/types.ts';
import { localDate } from '../../src/time/period.ts';
import { reusableAccessibility, saveCheck } from '../../storage/checks.ts';
import { openStore, type Db } from '../../storage/db.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    levels: { type: 'string', default: '2,4' }, pages: { type: 'string', default: '50' }, tools: { type: 'string', default: 'ours,pa11y-ci' },
    sets: { type: 'string', default: 'single,multi' }, breakdown: { type: 'string', default: '10' },
  },
});
const tools = values.tools.split(',');
const levels = values.levels.split(',').map(Number);
const pageCount = Number(values.pages);
const breakdownPages = Number(values.breakdown);
const sets = values.sets.split(',');
for (const [name, ok] of [['--pages', Number.isInteger(pageCount) && pageCount >= 1], ['--breakdown', Number.isInteger(breakdownPages) && breakdownPages >= 0], ['--levels', levels.every((l) => Number.isInteger(l) && l >= 1)], ['--sets', sets.every((x) => x === 'single' || x === 'multi')]] as const) {
  if (!ok) {
    console.error(`${name} is not valid (got pages "${values.pages}", breakdown "${values.breakdown}", levels "${values.levels}", sets "${values.sets}"). Fix: --pages 50 --breakdown 10 --levels 2,4 --sets single,multi`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------
// Memory of a process tree, sampled from /proc by a separate process: reading smaps costs
// kernel time, which must not be charged to the tool being measured. Lines on stdin:
// "start <pid>" begins sampling that tree, "stop" answers with the peaks as JSON.

const SAMPLER = `
const fs = require('fs');
const kids = (pid) => { try { return fs.readdirSync('/proc/' + pid + '/task').flatMap((t) => fs.readFileSync('/proc/' + pid + '/task/' + t + '/children', 'utf8').split(' ').filter(Boolean).map(Number)); } catch { return []; } };
let root = null, skip = new Set(), peak = { rss: 0, pss: 0, cpu: 0 }, base = 0;
// CPU of the tree: each process's own and its reaped children's (a renderer's ends up in the zygote's).
const cpuOf = (pid) => { try { const s = fs.readFileSync('/proc/' + pid + '/stat', 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (+f[11] + +f[12] + +f[13] + +f[14]) / 100; } catch { return 0; } };
const tree = () => { const pids = [root]; for (let i = 0; i < pids.length; i++) pids.push(...kids(pids[i]).filter((p) => !skip.has(p))); return pids; };
const sample = () => {
  if (root === null) return;
  let rss = 0, pss = 0, cpu = 0;
  for (const pid of tree()) {
    cpu += cpuOf(pid);
    try {
      const r = fs.readFileSync('/proc/' + pid + '/smaps_rollup', 'utf8');
      rss += Number((/^Rss:\\s+(\\d+)/m.exec(r) || [0, 0])[1]) * 1024;
      pss += Number((/^Pss:\\s+(\\d+)/m.exec(r) || [0, 0])[1]) * 1024;
    } catch {}
  }
  // The tree's CPU only grows while its processes live; its largest value is the run's (a process that exits unreaped takes its share with it).
  peak = { rss: Math.max(peak.rss, rss), pss: Math.max(peak.pss, pss), cpu: Math.max(peak.cpu, cpu - base) };
};
setInterval(sample, 250);
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, pid, ...others] = line.split(' ');
  if (cmd === 'start') { root = Number(pid); skip = new Set(others.map(Number)); peak = { rss: 0, pss: 0, cpu: 0 }; base = tree().reduce((s, p) => s + cpuOf(p), 0); }
  if (cmd === 'stop') { sample(); root = null; process.stdout.write(JSON.stringify(peak) + '\\n'); }
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
    /** Peak RSS and PSS (bytes) and the CPU seconds the tree spent, its reaped processes included. */
    async stop(): Promise<{ rss: number; pss: number; cpu: number }> {
      samplerProcess.stdin.write('stop\n');
      return JSON.parse((await samplerLines.next()).value as string);
    },
  };
}

const cpuSeconds = (pid: number) => processCpuSeconds(pid, true) ?? 0;

interface Measured { tool: string; concurrency: number; pages: number; errors: number; seconds: number; perMinute: number; cpuPerPage: number; machineCpuPerPage: number; peakRss: number; peakPss: number; note?: string }

// The sandbox runs in its own process, so that serving pages counts against neither tool.
const sandboxProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/sandbox/serve.ts'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const sandboxUrl = await new Promise<string>((resolve, reject) => {
  sandboxProcess.stdout.once('data', (d) => resolve(String(d).trim().split('\n')[0]!));
  sandboxProcess.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it listened`)));
});
const port = Number(new URL(sandboxUrl).port);
const rules = hostResolverRules(port);
const work = mkdtempSync(join(tmpdir(), 'dvc-bench-checks-'));
const settings: CheckSettings = { ...DEFAULT_CHECK_SETTINGS, hostResolverRules: rules, trustedCertificateSpki: [TLS_SPKI_SHA256], publicAddresses: [`127.0.0.1:${port}`] };
type BenchPage = { url: string; kind: PageKind };
let runs = 0;

/** Judges and stores one visited page as its own check, as the product does with a portal's pages. */
function store(db: Db, visit: Awaited<ReturnType<Checker['visit']>>, url: string, at: Date, versions: Checker['versions']): void {
  const areas = ['privacy', 'accessibility'] as const;
  const results = judgePortal({ home: visit.evidence, pages: [] }, [...areas], localDate(at));
  const check: PortalCheck = {
    target: { portalId: null, homeUrl: url, pages: [] }, areas: [...areas], startedAt: at, finishedAt: new Date(),
    measuredOn: localDate(at), visits: [visit], results, scores: areas.map((a) => scoreArea(results, a)), versions,
  };
  saveCheck(db, { runId: null, jobId: null, check });
}

/**
 * Our full check of every page: `db` empty (cold, the first night) or holding the cold run
 * (warm, the second night: pages whose fingerprint is unchanged reuse their accessibility evidence).
 */
async function ours(pages: BenchPage[], concurrency: number, db: Db, warm: boolean): Promise<Measured> {
  const checker = new Checker({ ...settings, concurrency });
  const memory = sampler(process.pid);
  const started = performance.now();
  const cpuBefore = cpuSeconds(process.pid);
  const machineBefore = machineCpuSeconds();
  const nodeBefore = process.cpuUsage();
  let errors = 0;
  let reused = 0;
  const since = new Date(Date.now() - 7 * 86_400_000);
  await Promise.all(pages.map(async ({ url, kind }) => {
    const at = new Date();
    const previous = warm ? reusableAccessibility(db, { portalId: null, url, since }) : null;
    const visit = await checker.visit(url, kind, siteOf(new URL(url).hostname), ['privacy', 'accessibility'], { previous });
    if (visit.evidence.error) errors++;
    if (visit.evidence.accessibilityReused) reused++;
    store(db, visit, url, at, checker.versions);
  }));
  await checker.close();
  const seconds = (performance.now() - started) / 1000;
  const machineCpu = machineCpuSeconds() - machineBefore;
  const nodeCpu = process.cpuUsage(nodeBefore);
  const peak = await memory.stop();
  // The live tree's count (renderers reaped by the zygote included), or what was reaped up here if more.
  const cpu = Math.max(peak.cpu, cpuSeconds(process.pid) - cpuBefore);
  const note = `this Node process ${((nodeCpu.user + nodeCpu.system) / 1e6 / pages.length).toFixed(2)} s/page${warm ? `; ${reused} of ${pages.length} pages reused their accessibility evidence` : ''}`;
  return {
    tool: warm ? 'dvc-monitor warm (second night)' : 'dvc-monitor cold (first visit)', concurrency, pages: pages.length, errors, seconds, perMinute: (pages.length * 60) / seconds,
    cpuPerPage: cpu / pages.length, machineCpuPerPage: machineCpu / pages.length, peakRss: peak.rss, peakPss: peak.pss, note,
  };
}

async function pa11yCi(pages: BenchPage[], concurrency: number, incognito: boolean): Promise<Measured> {
  const config = join(work, `pa11y-${runs++}.json`);
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
  const cpu = Math.max(user + sys, peak.cpu);
  const report = JSON.parse(stdout) as { total: number; results: Record<string, Array<{ message?: string; code?: string }>> };
  // A page pa11y could not test is reported as a bare error object (no rule code).
  const failedPages = Object.entries(report.results).filter(([, issues]) => issues.some((i) => !i.code));
  const errors = failedPages.length;
  if (errors) console.log(`  pa11y-ci could not test ${errors} pages, e.g. ${failedPages.slice(0, 3).map(([url, issues]) => `${url}: ${JSON.stringify(issues.find((i) => !i.code))}`).join('; ')}`);
  return { tool: incognito ? 'pa11y-ci default (fresh context/page)' : 'pa11y-ci shared context', concurrency, pages: report.total, errors, seconds, perMinute: (report.total * 60) / seconds, cpuPerPage: cpu / report.total, machineCpuPerPage: machineCpu / report.total, peakRss: peak.rss, peakPss: peak.pss };
}

const MiB = 1024 * 1024;
const fmt = (m: Measured) =>
  `  ${m.tool.padEnd(40)} c=${String(m.concurrency).padStart(2)}: ${m.pages} pages (${m.errors} errors) in ${m.seconds.toFixed(1).padStart(6)} s = ${m.perMinute.toFixed(1).padStart(6)} pages/min, CPU ${m.cpuPerPage.toFixed(2)} s/page (tool's tree; machine ${m.machineCpuPerPage.toFixed(2)}), peak PSS ${(m.peakPss / MiB).toFixed(0).padStart(5)} MiB (RSS ${(m.peakRss / MiB).toFixed(0)})${m.note ? `\n      ${m.note}` : ''}`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** Breakdown per phase, one page at a time, cold then warm (reusing the cold run's evidence), beside a bare navigation. */
async function breakdown(pages: BenchPage[]): Promise<string[]> {
  const db = openStore(join(work, `breakdown-${runs++}.sqlite`));
  const checker = new Checker({ ...settings, concurrency: 1 });
  const browser = await launchBrowser({ args: browserArgs(settings) });
  const skip = new Set([sandboxProcess.pid!, samplerProcess.pid!]);
  const bare = async (url: string) => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => {});
    await context.close();
  };
  const out: string[] = [];
  try {
    // One warm-up visit: launching the browser and parsing the tracker list count nowhere.
    await checker.visit(pages[0]!.url, 'other', siteOf(new URL(pages[0]!.url).hostname), ['privacy']);
    for (const warm of [false, true]) {
      const since = new Date(Date.now() - 86_400_000);
      const { lines, errors } = await measureBreakdown({
        pages, skip, bare,
        visit: async ({ url, kind }, phases) => {
          const previous = warm ? reusableAccessibility(db, { portalId: null, url, since }) : null;
          const visit = await checker.visit(url, kind as PageKind, siteOf(new URL(url).hostname), ['privacy', 'accessibility'], { phases, previous });
          if (!warm) store(db, visit, url, new Date(), checker.versions);
          return !visit.evidence.error;
        },
      });
      out.push(`  ${warm ? 'warm (second night)' : 'cold (first visit)'}, ${pages.length} pages one at a time, ${errors} in error; CPU seconds per page:`, ...lines.map((l) => `    ${l}`));
    }
  } finally {
    await browser.close();
    await checker.close();
    db.close();
  }
  return out;
}

console.log(`checks benchmark: ${pageCount} sandbox pages per set (${sets.join(', ')}), concurrency levels ${levels.join(', ')}; load average at start ${load()} on a machine shared with other developers`);
const summary: string[] = [];
try {
  for (const set of sets) {
    const pages = set === 'single' ? benchPages(pageCount) : multiSitePages(pageCount);
    const siteCount = new Set(pages.map((p) => siteOf(new URL(p.url).hostname))).size;
    console.log(`\n${set === 'single' ? "today's pages" : 'pages spread over sites, interleaved'}: ${pages.length} pages on ${siteCount} sites`);
    const measured: Measured[] = [];
    for (const level of levels) {
      // Alternate the tools at each level so that a change of load on the machine hits all of them.
      if (tools.includes('ours')) {
        const db = openStore(join(work, `ours-${runs++}.sqlite`));
        for (const warm of [false, true]) {
          const m = await ours(pages, level, db, warm);
          measured.push(m);
          console.log(fmt(m));
        }
        db.close();
      }
      if (tools.includes('pa11y-ci')) {
        for (const incognito of [true, false]) {
          const m = await pa11yCi(pages, level, incognito);
          measured.push(m);
          console.log(fmt(m));
        }
      }
    }
    // A run that failed pages is no one's best: pages it gave up on count in its pages/min (pa11y-ci's
    // fresh contexts once made 404 pages/min by failing 35 of 50). Fewest errors first, then speed.
    const best = (prefix: string) => measured.filter((m) => m.tool.startsWith(prefix)).sort((a, b) => a.errors - b.errors || b.perMinute - a.perMinute)[0];
    const cold = best('dvc-monitor cold');
    const warm = best('dvc-monitor warm');
    const peer = best('pa11y-ci');
    const ourRuns = measured.filter((m) => m.tool.startsWith('dvc-monitor'));
    const lines = [`${set === 'single' ? "today's pages" : `${siteCount} sites interleaved`} (${pages.length} pages), load average now ${load()}:`];
    if (cold && warm && peer) {
      const coldCpu = Math.min(...ourRuns.filter((m) => m.tool.startsWith('dvc-monitor cold')).map((m) => m.cpuPerPage));
      const pss = Math.max(...ourRuns.map((m) => m.peakPss));
      const errors = Math.max(...ourRuns.map((m) => m.errors));
      lines.push(
        `  best pa11y-ci: ${peer.perMinute.toFixed(1)} pages/min (${peer.tool}, c=${peer.concurrency}, ${peer.cpuPerPage.toFixed(2)} CPU s/page)`,
        `  cold: ${cold.perMinute.toFixed(1)} pages/min (c=${cold.concurrency}) = ${(cold.perMinute / peer.perMinute).toFixed(2)}× pa11y-ci's best (target ≥ 1.0×) — ${verdict(cold.perMinute >= peer.perMinute)}`,
        `  warm: ${warm.perMinute.toFixed(1)} pages/min (c=${warm.concurrency}) = ${(warm.perMinute / peer.perMinute).toFixed(2)}× (target ≥ 3×) — ${verdict(warm.perMinute >= 3 * peer.perMinute)}; ${warm.note}`,
        `  CPU per page cold: ${coldCpu.toFixed(2)} s (target ≤ 1.0 s) — ${verdict(coldCpu <= 1)}; warm ${Math.min(...ourRuns.filter((m) => m.tool.startsWith('dvc-monitor warm')).map((m) => m.cpuPerPage)).toFixed(2)} s`,
        `  peak PSS: ${(pss / MiB).toFixed(0)} MiB (target ≤ 1536 MiB) — ${verdict(pss <= 1536 * MiB)}`,
        `  pages in error: ${errors} at worst in one run (target 0) — ${verdict(errors === 0)}`,
      );
    }
    if (tools.includes('ours') && breakdownPages > 0) {
      lines.push(...await breakdown(pages.slice(0, breakdownPages)));
    }
    summary.push(...lines);
    console.log(lines.join('\n'));
  }
} finally {
  sandboxProcess.kill('SIGTERM');
  samplerProcess.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(`\nsummary\n${summary.join('\n')}\nload average at end ${load()}`);
