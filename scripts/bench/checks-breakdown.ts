// `npm run bench -- checks-breakdown [--pages 20] [--areas privacy,accessibility]`: where a
// page's check spends its CPU, phase by phase (src/checks/evidence/phases.ts), one page at a
// time so that each phase's CPU is its own: this Node process and Chromium's processes under it
// by kind (fixtures/phase-cpu.ts). The floor beside it: a bare navigation (a fresh context,
// load, close; no analysis) of the same pages.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { hostResolverRules, TLS_SPKI_SHA256 } from '../sandbox/hosts.ts';
import { benchPages } from './fixtures/check-pages.ts';
import { measureBreakdown } from './fixtures/phase-cpu.ts';
import { browserArgs, Checker, DEFAULT_CHECK_SETTINGS } from '../../src/checks/checker.ts';
import { siteOf } from '../../src/checks/evidence/third-parties.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import type { Area, PageKind } from '../../src/checks/types.ts';

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

console.log(`checks breakdown: ${pages.length} sandbox pages one at a time, areas ${areas.join(' + ')}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
try {
  const browser = await launchBrowser({ args: browserArgs(settings) });
  const checker = new Checker(settings);
  // One warm-up visit, so that parsing the tracker list and launching the browser count nowhere.
  await checker.visit(pages[0]!.url, 'other', siteOf(new URL(pages[0]!.url).hostname), areas);
  const { lines, errors } = await measureBreakdown({
    pages, skip: new Set([sandboxProcess.pid!]),
    bare: async (url) => {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => {});
      await context.close();
    },
    visit: async ({ url, kind }, phases) => !(await checker.visit(url, kind as PageKind, siteOf(new URL(url).hostname), areas, { phases })).evidence.error,
  });
  await browser.close();
  await checker.close();
  for (const line of lines) console.log(line);
  console.log(`${errors} of ${pages.length} pages ended in a scanner error; load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  sandboxProcess.kill('SIGTERM');
}
