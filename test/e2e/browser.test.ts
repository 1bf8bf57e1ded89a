// The one browser launcher drives the system Chromium: it renders a page whose table is
// filled by JavaScript (the sandbox's Đà Nẵng build), as the statistics-page collector will.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { browserVersion, findChromium, launchBrowser } from '../../src/browser/launch.ts';

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

  it('refuses a CHROMIUM_PATH that does not exist, saying how to fix it', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nowhere/chromium' })).toThrow(/CHROMIUM_PATH "\/nowhere\/chromium" does not exist\. Fix:/);
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
