// Hostile pages end as a recorded, named scanner error (never a portal failure) and do not
// harm the other pages checked beside them; benign interference (one popup, one alert) is
// recorded and the page is still checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { hostResolverRules, TLS_SPKI_SHA256 } from '../../scripts/sandbox/hosts.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import type { PortalCheck } from '../../src/checks/checker.ts';
import { visitDeadlineMs, visitPage } from '../../src/checks/evidence/visit.ts';
import { blockingFailures } from '../../src/checks/score.ts';
import { sandboxChecker } from '../helpers/checks.ts';

const H = FIXTURE_PAGES.hostile;
const url = (path: string) => `${FIXTURES_ORIGIN}${path}`;
let sandbox: Sandbox;
let check: PortalCheck;
const PAGE_TIMEOUT_MS = 10_000;

beforeAll(async () => {
  sandbox = await startSandbox();
  const checker = sandboxChecker(sandbox, { pageTimeoutMs: PAGE_TIMEOUT_MS, maxPageBytes: 20 * 1024 * 1024, concurrency: 3 });
  try {
    check = await checker.checkPortal({
      portalId: null,
      homeUrl: url(FIXTURE_PAGES.clean),
      pages: [
        ...Object.values(H).map((path) => ({ kind: 'other' as const, url: url(path) })),
        // A real page after the hostile ones: it must come out whole.
        { kind: 'other', url: url(FIXTURE_PAGES.storage) },
      ],
    });
  } finally {
    await checker.close();
  }
  // Ten pages, three at a time, each bounded by the visit deadline: the bound of the whole, on a loaded machine.
}, 4 * visitDeadlineMs(PAGE_TIMEOUT_MS) + 30_000);

afterAll(async () => {
  await sandbox?.close();
});

const visitOf = (path: string) => check.visits.find((v) => v.evidence.requestedUrl.endsWith(path))!.evidence;

describe('hostile pages', () => {
  it.each([
    [H.redirectLoop, 'too_many_redirects'],
    [H.download, 'download'],
    [H.pdf, 'not_html'],
    [H.popupFlood, 'popup_flood'],
    [H.alertLoop, 'dialog_flood'],
    [H.huge, 'too_large'],
    [H.neverEnds, 'timeout'],
  ])('%s ends as the scanner error %s', (path, reason) => {
    const e = visitOf(path);
    expect(e.error?.reason, JSON.stringify({ error: e.error, popups: e.popups.length, dialogs: e.dialogs.length })).toBe(reason);
    expect(e.error?.message).toBeTruthy();
  });

  it('a page that opens one popup, or one alert, is checked all the same and the interference recorded', () => {
    const popup = visitOf(H.popup);
    expect(popup.error).toBeNull();
    expect(popup.popups).toHaveLength(1);
    const alert = visitOf(H.alert);
    expect(alert.error).toBeNull();
    expect(alert.dialogs).toEqual([{ type: 'alert', message: 'Chào mừng đến với cổng dịch vụ công' }]);
  });

  it('their results are scanner errors, never failures, and keep no evidence bodies', () => {
    for (const v of check.visits.filter((x) => x.evidence.error)) {
      const index = check.visits.indexOf(v);
      const results = check.results.filter((r) => r.pageIndex === index);
      expect(results.length).toBeGreaterThan(0);
      expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(['error']));
      expect([v.dom, v.axe, v.screenshot]).toEqual([null, null, null]);
    }
  });

  it('the other pages are checked normally and the portal is not blamed for the scanner', () => {
    const after = visitOf(FIXTURE_PAGES.storage);
    expect(after.error).toBeNull();
    expect(after.axe?.rules.length).toBeGreaterThan(10);
    expect(after.storage.map((s) => s.key)).toEqual(['co_chu']);
    expect(visitOf(FIXTURE_PAGES.clean).error).toBeNull();
    // Failures there are (the fixture site has no privacy policy), but none rests on a hostile page.
    const pageFailures = check.results.filter((r) => r.level === 'page' && r.outcome === 'fail');
    expect(pageFailures.every((r) => check.visits[r.pageIndex!]!.evidence.error === null)).toBe(true);
    expect(blockingFailures(check.results).map((r) => r.criterionId)).toEqual(['privacy.policy-reachable']);
    // Everything bounded: the endless page costs its own timeout (plus the close), not the visit's whole allowance.
    expect(visitOf(H.neverEnds).durationMs).toBeLessThan(PAGE_TIMEOUT_MS + 10_000);
    for (const v of check.visits) expect(v.evidence.durationMs).toBeLessThanOrEqual(visitDeadlineMs(PAGE_TIMEOUT_MS) + 1000);
  });
});

describe('a browser that dies in the middle of a visit', () => {
  it('ends that visit as browser_crashed', async () => {
    const browser = await launchBrowser({ args: [`--host-resolver-rules=${hostResolverRules(sandbox.port)}`, `--ignore-certificate-errors-spki-list=${TLS_SPKI_SHA256}`] });
    const visit = visitPage(browser, url(H.neverEnds), {
      kind: 'other', firstPartySite: 'kiemthu.sandbox', areas: ['privacy', 'accessibility'], pageTimeoutMs: 20_000,
      maxPageBytes: 1024 * 1024, keyboardSample: 5, screenshotMaxHeight: 2000, probeHttp: false,
    });
    setTimeout(() => void browser.close(), 1500);
    const result = await visit;
    expect(result.evidence.error?.reason).toBe('browser_crashed');
  }, 60_000);

  it('the checker starts a new browser for the next page', async () => {
    const checker = sandboxChecker(sandbox, { pageTimeoutMs: 10_000 });
    try {
      const first = await checker.visit(url(FIXTURE_PAGES.clean), 'home', 'kiemthu.sandbox', ['privacy']);
      expect(first.evidence.error).toBeNull();
      // Reach the browser the checker holds and kill it, as a crash would.
      await (checker as unknown as { browser: { close(): Promise<void> } }).browser.close();
      const second = await checker.visit(url(FIXTURE_PAGES.clean), 'home', 'kiemthu.sandbox', ['privacy']);
      expect(second.evidence.error).toBeNull();
    } finally {
      await checker.close();
    }
  }, 60_000);
});
