// The one browser launcher drives the system Chromium: it renders a page whose table is
// filled by JavaScript (the sandbox's Đà Nẵng build), as the statistics-page collector will.
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { browserVersion, findChromium, launchBrowser } from '../../src/browser/launch.ts';

/** The features a renderer of `browser` was started with turned off (its command line), this process's only browser. */
async function rendererDisabledFeatures(browser: Browser): Promise<Set<string>> {
  const page = await (await browser.newContext()).newPage();
  await page.setContent('<p>x</p>');
  const children = (pid: number) => readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  const pids = children(process.pid);
  for (let i = 0; i < pids.length; i++) pids.push(...(() => { try { return children(pids[i]!); } catch { return []; } })());
  for (const pid of pids) {
    let args: string[];
    // A child of Chromium's zygote rewrites its command line as one string: split on spaces too.
    try { args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/); } catch { continue; }
    if (!args.includes('--type=renderer')) continue;
    const switchValue = args.filter((a) => a.startsWith('--disable-features=')).at(-1);
    if (switchValue) return new Set(switchValue.slice('--disable-features='.length).split(','));
  }
  throw new Error('no renderer of the browser found');
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('browser launcher', () => {
  it('finds the system Chromium and reports its version', () => {
    expect(findChromium()).toMatch(/chrom/);
    expect(browserVersion()).toMatch(/^Chromium \d+\./);
  });

  // scripts/setup.sh installs Debian's headless shell; the run's provenance says which build checked.
  it('prefers the headless shell and says so in the version it records', () => {
    expect(findChromium({})).toBe('/usr/bin/chromium-headless-shell');
    expect(browserVersion('/usr/bin/chromium-headless-shell')).toMatch(/^Chromium \d+\.[\d.]+ \(headless shell\)$/);
    expect(browserVersion('/usr/bin/chromium')).toMatch(/^Chromium \d+\.[\d.]+/);
    expect(browserVersion('/usr/bin/chromium')).not.toMatch(/headless shell/);
  });

  it('refuses a CHROMIUM_PATH that does not exist, saying how to fix it', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nowhere/chromium' })).toThrow(/CHROMIUM_PATH "\/nowhere\/chromium" does not exist\. Fix:/);
  });

  // Chromium keeps the last --disable-features it is given: ours must carry Playwright's own
  // (HttpsUpgrades would otherwise rewrite the http:// probe), beside the address bar's popup.
  it.each(['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'])("%s: turns the address bar's popup off and keeps every feature Playwright turns off", async (executablePath) => {
    const { chromium } = await import('playwright-core');
    const plain = await chromium.launch({ executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    const playwrights = await rendererDisabledFeatures(plain).finally(() => plain.close());
    const ours = await launchBrowser({ executablePath });
    const launched = await rendererDisabledFeatures(ours).finally(() => ours.close());
    expect(playwrights.has('HttpsUpgrades')).toBe(true);
    expect(playwrights.has('WebUIOmniboxPopup')).toBe(false);
    expect([...playwrights].filter((f) => !launched.has(f))).toEqual([]);
    expect(launched.has('WebUIOmniboxPopup')).toBe(true);
  });

  it('renders a JavaScript-filled statistics table', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${sandbox.url}/sites/danang/thong-ke`);
      await page.waitForSelector('table tbody tr');
      const rows = await page.locator('table tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      expect(await page.locator('table').innerText()).toMatch(/\d/);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
