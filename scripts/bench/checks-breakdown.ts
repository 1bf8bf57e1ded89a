// `npm run bench -- checks-breakdown [--pages 20] [--areas privacy,accessibility]`: where a
// page's check spends its CPU, phase by phase (src/checks/evidence/phases.ts), one page at a
// time so that each phase's CPU is its own: this Node process (process.cpuUsage) and Chromium's
// processes under it (/proc, live ones and those their parents reaped). The floor beside it: a
// bare navigation (a fresh context, load, close; no analysis) of the same pages.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { hostResolverRules, TLS_SPKI_SHA256 } from '../sandbox/hosts.ts';
import { benchPages } from './fixtures/check-pages.ts';
import { browserArgs, Checker, DEFAULT_CHECK_SETTINGS } from '../../src/checks/checker.ts';
import { siteOf } from '../../src/checks/evidence/third-parties.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import type { Area } from '../../src/checks/types.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '20' }, areas: { type: 'string', default: 'privacy,accessibility' } } });
const pageCount = Number(values.pages);
const areas = values.areas.split(',') as Area[];
if (!Number.isInteger(pageCount) || pageCount < 1) {
  console.error(`--pages must be a whole number, 1 or more (got "${values.pages}")`);
  process.exit(2);
}

const sandboxProcess = spawn(process.execPath, ['--import', 'tsx', new URL('../sandbox/serve.ts', import.meta.url).pathname, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const sandboxUrl = await new Promise<string>((resolve, reject) => {
  sandboxProcess.stdout.once('data', (d) => resolve(String(d).trim().split('\n')[0]!));
  sandboxProcess.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it listened`)));
});
const port = Number(new URL(sandboxUrl).port);
const settings = { ...DEFAULT_CHECK_SETTINGS, concurrency: 1, hostResolverRules: hostResolverRules(port), trustedCertificateSpki: [TLS_SPKI_SHA256], publicAddresses: [`127.0.0.1:${port}`] };
const pages = benchPages(pageCount);

const TICKS = 100;
/** CPU seconds of every process under this one (Chromium's), the sandbox's tree left out. */
function chromiumCpu(): number {
  const children = (pid: number): number[] => {
    try {
      return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  const pids = children(process.pid).filter((p) => p !== sandboxProcess.pid);
  let ticks = 0;
  for (let i = 0; i < pids.length; i++) {
    pids.push(...children(pids[i]!));
    try {
      const stat = readFileSync(`/proc/${pids[i]}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch { /* gone meanwhile */ }
  }
  return ticks / TICKS;
}
const nodeCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

interface Totals { wall: number; node: number; chromium: number; count: number }
const byPhase = new Map<string, Totals>();

function listener() {
  let current: string | null = null;
  let at = { wall: performance.now(), node: nodeCpu(), chromium: chromiumCpu() };
  return (name: string) => {
    const now = { wall: performance.now(), node: nodeCpu(), chromium: chromiumCpu() };
    if (current) {
      const t = byPhase.get(current) ?? { wall: 0, node: 0, chromium: 0, count: 0 };
      t.wall += now.wall - at.wall;
      t.node += now.node - at.node;
      t.chromium += now.chromium - at.chromium;
      t.count++;
      byPhase.set(current, t);
    }
    current = name === 'done' ? null : name;
    at = { wall: performance.now(), node: nodeCpu(), chromium: chromiumCpu() };
  };
}

console.log(`checks breakdown: ${pages.length} sandbox pages one at a time, areas ${areas.join(' + ')}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
try {
  // The floor: load each page in a fresh context and close it, nothing else.
  const browser = await launchBrowser({ args: browserArgs(settings) });
  const floor0 = { node: nodeCpu(), chromium: chromiumCpu(), wall: performance.now() };
  for (const { url } of pages) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => {});
    await context.close();
  }
  const floor = { node: nodeCpu() - floor0.node, chromium: chromiumCpu() - floor0.chromium, wall: performance.now() - floor0.wall };
  await browser.close();

  const checker = new Checker(settings);
  // One warm-up visit, so that parsing the tracker list and launching the browser count nowhere.
  await checker.visit(pages[0]!.url, 'other', siteOf(new URL(pages[0]!.url).hostname), areas);
  const all0 = { node: nodeCpu(), chromium: chromiumCpu(), wall: performance.now() };
  let errors = 0;
  for (const { url, kind } of pages) {
    const { evidence } = await checker.visit(url, kind, siteOf(new URL(url).hostname), areas, { phases: listener() });
    if (evidence.error) errors++;
  }
  const all = { node: nodeCpu() - all0.node, chromium: chromiumCpu() - all0.chromium, wall: performance.now() - all0.wall };
  await checker.close();

  const n = pages.length;
  const row = (name: string, t: { wall: number; node: number; chromium: number }) =>
    `${name.padEnd(22)} ${(t.wall / n).toFixed(0).padStart(7)} ms ${(t.node / n).toFixed(3).padStart(8)} s ${(t.chromium / n).toFixed(3).padStart(9)} s ${((t.node + t.chromium) / n).toFixed(3).padStart(8)} s`;
  console.log(`${'phase (per page)'.padEnd(22)} ${'wall'.padStart(10)} ${'node CPU'.padStart(10)} ${'Chromium CPU'.padStart(11)} ${'total'.padStart(10)}`);
  for (const [name, t] of [...byPhase.entries()].sort((a, b) => (b[1].node + b[1].chromium) - (a[1].node + a[1].chromium))) console.log(row(name, t));
  console.log(row('all (measured)', all));
  console.log(row('bare navigation', floor));
  console.log(`${errors} of ${n} pages ended in a scanner error; load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  sandboxProcess.kill('SIGTERM');
}
