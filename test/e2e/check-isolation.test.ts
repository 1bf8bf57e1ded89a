// Isolation between visits (issue 17): no state from an earlier visit can reach a page. The
// setup chosen is a fresh browser context per page visit in one shared browser (README,
// "Isolation"). Proof: a page that writes every kind of state a browser keeps is checked, then a
// page of the same site and one of another site are checked by the same checker; they find none
// of it, and their evidence equals that of a checker that never saw the writer (timings aside).
// Why not a reused context cleared before each visit: the last case shows that client-hint
// preferences (Accept-CH) survive every clearing the DevTools protocol offers, and HSTS lives in
// the same per-context network state, which no protocol command clears. (The sandbox cannot
// show HSTS itself: Chromium never records HSTS from a certificate it trusts only by pin.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FIXTURE_PAGES } from '../../scripts/sandbox/check-fixtures.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { browserArgs } from '../../src/checks/checker.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { siteOf } from '../../src/checks/evidence/third-parties.ts';
import type { PageEvidence } from '../../src/checks/types.ts';
import { sandboxChecker, sandboxCheckSettings, withoutTimings } from '../helpers/checks.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const P = FIXTURE_PAGES.isolation;
const SAME_SITE = `https://kiemthu.sandbox${P.reader}`;
const OTHER_SITE = `https://tienich.sandbox${P.reader}`;
// Over plain http: a host whose HSTS the browser remembered would be upgraded by the browser itself (307), not by the server (301).
const SAME_SITE_HTTP = `http://kiemthu.sandbox${P.reader}`;

interface ReaderState {
  cookies: string; local: string[]; session: string[]; indexedDb: string[]; cacheStorage: string[] | string;
  serviceWorkers: number | string; notifications: string; geolocation: string; scriptFromHttpCache: boolean | string;
}
function stateOf(e: PageEvidence): { state: ReaderState; hints: string } {
  expect(e.error).toBeNull();
  const state = /\{"cookies".*\}/.exec(e.text)?.[0];
  expect(state, `the reader reported nothing: ${e.text.slice(0, 300)}`).toBeTruthy();
  return { state: JSON.parse(state!) as ReaderState, hints: /Gợi ý máy khách nhận được: ([^\n]*)/.exec(e.text)?.[1] ?? '' };
}

async function visit(checker: ReturnType<typeof sandboxChecker>, url: string): Promise<PageEvidence> {
  return (await checker.visit(url, 'other', siteOf(new URL(url).hostname), ['privacy', 'accessibility'])).evidence;
}

describe('isolation between visits: a fresh context per page', () => {
  it('leaves nothing of a page that writes every kind of state to the next pages, same site or other', { timeout: 300_000 }, async () => {
    const checker = sandboxChecker(sandbox, { keyboardSample: 10 });
    const fresh = sandboxChecker(sandbox, { keyboardSample: 10 });
    try {
      // The writer really wrote: cookies by header and by script, storage, its frame's cookie, an open window.
      const writer = await visit(checker, `https://kiemthu.sandbox${P.writer}`);
      expect(writer.error).toBeNull();
      expect(writer.cookies.map((c) => c.name)).toEqual(expect.arrayContaining(['ghi_http', 'ghi_js']));
      expect(writer.storage.map((s) => s.key)).toEqual(expect.arrayContaining(['ghi_local', 'ghi_session']));
      expect(writer.popups.length).toBeGreaterThan(0);

      const after = { same: await visit(checker, SAME_SITE), other: await visit(checker, OTHER_SITE), http: await visit(checker, SAME_SITE_HTTP) };
      const control = { same: await visit(fresh, SAME_SITE), other: await visit(fresh, OTHER_SITE), http: await visit(fresh, SAME_SITE_HTTP) };

      for (const key of ['same', 'other'] as const) {
        const { state, hints } = stateOf(after[key]);
        expect(state).toMatchObject({ cookies: '', local: [], session: [], indexedDb: [], cacheStorage: [], scriptFromHttpCache: false });
        expect(hints).toBe(stateOf(control[key]).hints); // no client-hint preference left behind
        expect(state).toEqual(stateOf(control[key]).state); // permissions, service workers too
        expect(after[key].cookies).toEqual([]);
        expect(after[key].storage).toEqual([]);
      }
      // No HSTS learned from the writer: the server's own 301 upgrades http://, not the browser.
      expect(after.http.document?.redirects[0]).toMatchObject({ url: SAME_SITE_HTTP, status: 301 });
      expect(after.http.document?.redirects).toEqual(control.http.document?.redirects);

      // The whole evidence equals that of a checker that never saw the writer, timings aside.
      for (const key of ['same', 'other', 'http'] as const) expect(withoutTimings(after[key])).toEqual(withoutTimings(control[key]));

      // No page of any visit is left open: only the axe report page (a context of its own that loads nothing).
      const browser = await (checker as unknown as { liveBrowser(): Promise<Browser> }).liveBrowser();
      expect(browser.contexts().flatMap((c) => c.pages()).map((p) => p.url())).toEqual(['about:blank']);
    } finally {
      await checker.close();
      await fresh.close();
    }
  });

  it('a reused context cleared by every means the DevTools protocol offers still carries state: so it is not used', { timeout: 120_000 }, async () => {
    const browser = await launchBrowser({ args: browserArgs(sandboxCheckSettings(sandbox)) });
    try {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const read = async () => {
        await page.goto(SAME_SITE, { waitUntil: 'load' });
        await page.waitForFunction(() => document.getElementById('trang-thai')?.textContent?.startsWith('{'));
        return { hints: (await page.textContent('#goi-y'))!, state: JSON.parse((await page.textContent('#trang-thai'))!) as ReaderState };
      };
      const before = await read();
      await page.goto(`https://kiemthu.sandbox${P.writer}`, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      const written = await read();
      expect(written.state).toMatchObject({ cookies: 'ghi_js=1', local: ['ghi_local'], session: ['ghi_session'], indexedDb: ['ghi-idb'], cacheStorage: ['ghi-cache'], scriptFromHttpCache: true });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCookies');
      await cdp.send('Network.clearBrowserCache');
      for (const origin of ['https://kiemthu.sandbox', 'https://tienich.sandbox']) await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
      await context.clearPermissions();
      const cleared = await read();
      expect(cleared.state).toEqual(before.state); // storage, caches, cookies: cleared…
      expect(cleared.hints).not.toBe(before.hints); // …but the writer's client-hint preferences are still sent
      expect(cleared.hints).toContain('sec-ch-ua-platform-version');
    } finally {
      await browser.close();
    }
  });
});
