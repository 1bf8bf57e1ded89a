// What a visit records for headers-grade/3, by real Chromium against the sandbox, in one page
// visit (scripts/sandbox/check-fixtures.ts, /toan-ven-tai-nguyen): the document's scripts and
// stylesheets with their integrity (Subresource Integrity), its <meta> CSP as Chromium enforces
// it (in <head>, http-equiv trimmed; not in <body>), the home page asked again with another
// site's Origin (CORS); and the browser's own HSTS preload list seen from an http:// request.
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import type { Checker, PortalCheck } from '../../src/checks/checker.ts';
import type { HeaderTest } from '../../src/checks/criteria/privacy/header-grade.ts';
import { upgradedByBrowser } from '../../src/checks/evidence/hsts-preload.ts';
import { CORS_PROBE_ORIGIN } from '../../src/checks/types.ts';
import { sandboxChecker } from '../helpers/checks.ts';

const PAGE = `${FIXTURES_ORIGIN}${FIXTURE_PAGES.subresources}`;
let sandbox: Sandbox;
let checker: Checker;
let check: PortalCheck;

beforeAll(async () => {
  sandbox = await startSandbox();
  checker = sandboxChecker(sandbox);
  check = await checker.checkPortal({ portalId: null, homeUrl: PAGE, pages: [] }, { areas: ['privacy'] });
}, 120_000);

afterAll(async () => {
  await checker?.close();
  await sandbox?.close();
});

const evidence = () => check.visits[0]!.evidence;
const graded = (header: string) => {
  const r = check.results.find((x) => x.level === 'page' && x.criterionId === 'privacy.security-headers')!;
  return (r.details[0]!.data as { tests: HeaderTest[] }).tests.find((t) => t.header === header)!;
};

describe('headers-grade/3 evidence from a visit', () => {
  it('records the scripts and stylesheets as written and resolved, with integrity and crossorigin', () => {
    expect(evidence().error).toBeNull();
    const cdn = 'https://cdn.jsdelivr.net/npm';
    expect(evidence().document!.subresources).toEqual([
      { kind: 'stylesheet', src: `${cdn}/giao-dien@1/giao-dien.min.css`, url: `${cdn}/giao-dien@1/giao-dien.min.css`, integrity: null, crossorigin: null },
      { kind: 'script', src: '/assets/khong-lam-gi.js', url: `${FIXTURES_ORIGIN}/assets/khong-lam-gi.js`, integrity: null, crossorigin: null },
      { kind: 'script', src: `${cdn}/thu-vien@1/thu-vien.min.js`, url: `${cdn}/thu-vien@1/thu-vien.min.js`, integrity: null, crossorigin: null },
      { kind: 'script', src: `${cdn}/thu-vien@2/thu-vien.min.js`, url: `${cdn}/thu-vien@2/thu-vien.min.js`, integrity: expect.stringMatching(/^sha384-/), crossorigin: 'anonymous' },
    ]);
    // The signed script's hash is right: the browser ran it (its request finished, not blocked).
    expect(evidence().requests.find((r) => r.url.endsWith('thu-vien@2/thu-vien.min.js'))).toMatchObject({ status: 200, failed: null });
  });

  it('grades the other site\'s script without integrity, and lists its stylesheet unscored', () => {
    expect(graded('subresource-integrity')).toMatchObject({
      result: 'sri-not-implemented-but-external-scripts-loaded-securely', modifier: -5,
      subjects: ['https://cdn.jsdelivr.net/npm/thu-vien@1/thu-vien.min.js'], why: expect.stringContaining('giao-dien.min.css'),
    });
  });

  it('reads the <meta> CSP Chromium enforces: in <head> with its http-equiv trimmed, not the one in <body>', () => {
    expect(evidence().document!.meta!.csp).toEqual(["base-uri 'self'"]);
  });

  it('asks the home page again with another site\'s Origin and grades the echo with cookies', () => {
    expect(evidence().corsProbe).toEqual({ url: PAGE, origin: CORS_PROBE_ORIGIN, status: 200, allowOrigin: CORS_PROBE_ORIGIN, allowCredentials: 'true', error: null });
    expect(graded('cross-origin-resource-sharing')).toMatchObject({ result: 'cross-origin-resource-sharing-implemented-with-universal-access', modifier: -50 });
    // A sandbox host not on the browser's preload list: its http:// address answered, not upgraded by the browser.
    expect(evidence().httpVariant).toMatchObject({ upgradedByBrowser: false });
  });
});

describe('the browser\'s HSTS preload list', () => {
  it('shows as the browser upgrading http:// itself, before any request leaves (every name resolves nowhere)', async () => {
    const browser = await launchBrowser({ args: ['--host-resolver-rules=MAP * ~NOTFOUND'] });
    try {
      const upgraded = async (host: string) => {
        const context = await browser.newContext();
        const page = await context.newPage();
        const ended: Request[] = [];
        page.on('requestfailed', (r) => ended.push(r));
        await page.goto(`http://${host}/`, { waitUntil: 'commit', timeout: 10_000 }).catch(() => null);
        const answer = (await Promise.all(ended.map(upgradedByBrowser))).some(Boolean);
        await context.close();
        return answer;
      };
      // bugzilla.mozilla.org is on Chromium's built-in list; kiemthu.sandbox cannot be.
      expect(await upgraded('bugzilla.mozilla.org')).toBe(true);
      expect(await upgraded('kiemthu.sandbox')).toBe(false);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
