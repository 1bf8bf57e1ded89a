// Consent, exercised in real Chromium on the sandbox's Vietnamese banners: the checker refuses,
// then accepts, through each banner and judges what the page does afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_PAGES } from '../../scripts/sandbox/consent-fixtures.ts';
import { FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import type { Checker, PortalCheck } from '../../src/checks/checker.ts';
import { sandboxChecker } from '../helpers/checks.ts';

let sandbox: Sandbox;
let checker: Checker;
const checks: Partial<Record<keyof typeof CONSENT_PAGES, PortalCheck>> = {};

beforeAll(async () => {
  sandbox = await startSandbox();
  checker = sandboxChecker(sandbox, { filterList: 'reference/trackers/easyprivacy-202309050832.txt' });
  const names = Object.keys(CONSENT_PAGES) as Array<keyof typeof CONSENT_PAGES>;
  // Two portals at a time: each is a full privacy visit and two consent visits.
  for (let i = 0; i < names.length; i += 2) {
    await Promise.all(names.slice(i, i + 2).map(async (name) => {
      checks[name] = await checker.checkPortal({ portalId: null, homeUrl: `${FIXTURES_ORIGIN}${CONSENT_PAGES[name]}`, pages: [] }, { areas: ['privacy'] });
    }));
  }
}, 600_000);

afterAll(async () => {
  await checker?.close();
  await sandbox?.close();
});

const outcome = (name: keyof typeof CONSENT_PAGES, id: string) => checks[name]!.results.find((r) => r.criterionId === id && r.level === 'portal')!;
const consent = (name: keyof typeof CONSENT_PAGES) => checks[name]!.visits[0]!.evidence.consent!;
const trackerRequests = (requests: Array<{ tracker: unknown; filterMatch?: unknown }> = []) => requests.filter((r) => r.tracker || r.filterMatch).length;

describe('a banner that respects a refusal', () => {
  it('is recognised, refused and accepted in one click each, with its controls read before any click', () => {
    const c = consent('respected');
    expect(c.engine).toMatch(/^@duckduckgo\/autoconsent \d+\.\d+\.\d+ \+ dvc-vi-consent\/1$/);
    expect(c.banner).toMatchObject({ recognised: true, controls: [{ text: 'Từ chối', kind: 'reject' }, { text: 'Đồng ý', kind: 'accept' }] });
    expect(c.refuse).toMatchObject({ popupFound: true, cmp: 'dvc-vi-tu-choi', result: true, clicks: 1, scannerError: null });
    expect(c.accept).toMatchObject({ popupFound: true, result: true, clicks: 1 });
  });

  it('sends nothing to trackers after refusing, and does after accepting: the banner really decides', () => {
    const c = consent('respected');
    expect(trackerRequests(c.refuse.afterChoice?.requests)).toBe(0);
    expect(c.refuse.afterChoice?.cookies.map((x) => x.name)).toEqual(['dvc_dong_y']);
    expect(trackerRequests(c.accept.afterChoice?.requests)).toBeGreaterThan(0);
  });

  it('passes the three consent criteria', () => {
    expect(outcome('respected', 'privacy.consent-asked').outcome).toBe('not_applicable');
    expect(outcome('respected', 'privacy.refusal-respected').outcome).toBe('pass');
    expect(outcome('respected', 'privacy.refuse-as-easy-as-accept').outcome).toBe('pass');
  });
});

describe('a banner that ignores a refusal', () => {
  it('fails refusal-respected, naming the tracker requests made after refusing', () => {
    const r = outcome('refusalIgnored', 'privacy.refusal-respected');
    expect(r.outcome).toBe('fail');
    expect(r.details.map((d) => d.code)).toContain('consent.tracker_request_after_refusal');
    expect(JSON.stringify(r.details)).toContain('www.google-analytics.com');
    expect(outcome('refusalIgnored', 'privacy.refuse-as-easy-as-accept').outcome).toBe('pass');
  });
});

describe('a banner that offers only to agree', () => {
  it('fails refuse-as-easy-as-accept: there is no way to refuse', () => {
    expect(consent('acceptOnly').refuse).toMatchObject({ popupFound: true, cmp: 'dvc-vi-chi-dong-y', result: false });
    const r = outcome('acceptOnly', 'privacy.refuse-as-easy-as-accept');
    expect(r.outcome).toBe('fail');
    expect(r.details[0]!.code).toBe('consent.accept_only');
    expect(outcome('acceptOnly', 'privacy.refusal-respected').outcome).toBe('not_applicable');
  });
});

describe('a banner that hides refusing in its settings', () => {
  it('refuses in two clicks against one, which fails; the refusal itself is respected', () => {
    expect(consent('refuseInSettings').refuse).toMatchObject({ cmp: 'dvc-vi-tuy-chinh', result: true, clicks: 2 });
    const r = outcome('refuseInSettings', 'privacy.refuse-as-easy-as-accept');
    expect(r.outcome).toBe('fail');
    expect(r.details[0]!.code).toBe('consent.refuse_harder');
    expect(outcome('refuseInSettings', 'privacy.refusal-respected').outcome).toBe('pass');
  });
});

describe('a page that tracks without asking', () => {
  it('fails consent-asked; the accepting visit is not made, there being no banner', () => {
    const r = outcome('noMechanism', 'privacy.consent-asked');
    expect(r.outcome).toBe('fail');
    expect(r.details[0]!.data).toEqual({ hosts: ['www.google-analytics.com'] });
    expect(consent('noMechanism').banner).toBeNull();
    expect(consent('noMechanism').accept.notRun).toBe(true);
    expect(outcome('noMechanism', 'privacy.refusal-respected').outcome).toBe('not_applicable');
  });
});
