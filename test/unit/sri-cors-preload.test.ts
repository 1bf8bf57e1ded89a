// headers-grade/3's new parts: Subresource Integrity from the document's scripts, CORS from the
// home page's probe with another site's Origin, the browser's HSTS preload list (the home page's
// probe of http:// upgraded by the browser itself), and the graded headers kept whole.
import { describe, expect, it } from 'vitest';
import { gradeHeaders, type HeaderInput } from '../../src/checks/criteria/privacy/header-grade.ts';
import { hsts } from '../../src/checks/criteria/privacy/hsts.ts';
import { httpsRedirect } from '../../src/checks/criteria/privacy/https-redirect.ts';
import { gradeSri } from '../../src/checks/criteria/privacy/subresource-integrity.ts';
import { keptHeaders } from '../../src/checks/evidence/network-log.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import type { PageEvidence, SubresourceRecord } from '../../src/checks/types.ts';

const PAGE = 'https://dichvucong.hanoi.gov.vn/trang-chu';
const script = (src: string, integrity: string | null = null): SubresourceRecord => ({ kind: 'script', src, url: new URL(src, PAGE).href, integrity, crossorigin: integrity ? 'anonymous' : null });
const sri = (subresources: SubresourceRecord[] | undefined, contentType = 'text/html; charset=utf-8') => gradeSri({ url: PAGE, contentType, subresources });
const HASH = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';

describe('Subresource Integrity (headers-grade/3)', () => {
  it('trusts the site\'s own scripts, relative or on a sibling host; rewards integrity on them', () => {
    expect(sri([script('/js/app.js'), script('https://tainguyen.hanoi.gov.vn/js/lib.js')]).result).toBe('sri-not-implemented-but-all-scripts-loaded-from-secure-origin');
    expect(sri([script('/js/app.js', HASH)]).result).toBe('sri-implemented-and-all-scripts-loaded-securely');
    expect(sri([]).result).toBe('sri-not-implemented-but-no-scripts-loaded');
  });

  it('grades other sites\' scripts by integrity and scheme, worst first', () => {
    expect(sri([script('https://cdn.jsdelivr.net/npm/a.js', HASH)]).result).toBe('sri-implemented-and-external-scripts-loaded-securely');
    expect(sri([script('https://cdn.jsdelivr.net/npm/a.js')])).toEqual({ result: 'sri-not-implemented-but-external-scripts-loaded-securely', scripts: ['https://cdn.jsdelivr.net/npm/a.js'], stylesheets: [] });
    expect(sri([script('http://cdn.example.com/a.js', HASH)]).result).toBe('sri-implemented-but-external-scripts-not-loaded-securely');
    expect(sri([script('https://cdn.jsdelivr.net/a.js'), script('http://cdn.example.com/b.js')]).result).toBe('sri-not-implemented-and-external-scripts-not-loaded-securely');
  });

  it('counts a protocol-relative address as not loaded securely, even on the same site, as the Observatory does', () => {
    expect(sri([script('//tainguyen.hanoi.gov.vn/js/lib.js')]).result).toBe('sri-not-implemented-and-external-scripts-not-loaded-securely');
    expect(sri([script('//cdn.jsdelivr.net/a.js', HASH)]).result).toBe('sri-implemented-but-external-scripts-not-loaded-securely');
  });

  it('lists other sites\' stylesheets without integrity, unscored; a non-HTML answer or older evidence has nothing to grade', () => {
    const css: SubresourceRecord = { kind: 'stylesheet', src: 'https://fonts.example.com/a.css', url: 'https://fonts.example.com/a.css', integrity: null, crossorigin: null };
    expect(sri([css])).toEqual({ result: 'sri-not-implemented-but-no-scripts-loaded', scripts: [], stylesheets: ['https://fonts.example.com/a.css'] });
    expect(sri([script('http://x.example.com/a.js')], 'application/json').result).toBe('sri-not-implemented-response-not-html');
    expect(sri(undefined).result).toBe('sri-not-recorded');
  });

  it('costs what the Observatory takes, naming the scripts', () => {
    const page: HeaderInput = { headers: {}, metaCsp: [], metaReferrer: [], https: true, url: PAGE, subresources: [script('http://cdn.example.com/b.js')] };
    expect(gradeHeaders(page).tests.find((t) => t.header === 'subresource-integrity')).toEqual({
      header: 'subresource-integrity', result: 'sri-not-implemented-and-external-scripts-not-loaded-securely', modifier: -50, subjects: ['http://cdn.example.com/b.js'],
    });
  });
});

describe('CORS (headers-grade/3)', () => {
  const cors = (headers: Record<string, string>, probe?: { allowOrigin: string | null; allowCredentials: string | null }) => gradeHeaders({
    headers, metaCsp: [], metaReferrer: [], https: true, url: PAGE,
    corsProbe: probe ? { url: PAGE, origin: 'https://kiem-tra-cors.dvc-monitor.invalid', status: 200, error: null, ...probe } : null,
  }).tests.find((t) => t.header === 'cross-origin-resource-sharing')!;

  it('costs 50 when the page answers any site that asks, with the visitor\'s cookies', () => {
    expect(cors({}, { allowOrigin: 'https://kiem-tra-cors.dvc-monitor.invalid', allowCredentials: 'true' })).toMatchObject({ result: 'cross-origin-resource-sharing-implemented-with-universal-access', modifier: -50 });
    // Echoed without credentials, or * (no cookies with it): readable, but nothing of the visitor's.
    expect(cors({}, { allowOrigin: 'https://kiem-tra-cors.dvc-monitor.invalid', allowCredentials: null })).toMatchObject({ result: 'cross-origin-resource-sharing-implemented-with-restricted-access', modifier: 0 });
    expect(cors({}, { allowOrigin: '*', allowCredentials: 'true' })).toMatchObject({ result: 'cross-origin-resource-sharing-implemented-with-public-access', modifier: 0 });
    expect(cors({}, { allowOrigin: null, allowCredentials: null }).result).toBe('cross-origin-resource-sharing-not-implemented');
  });

  it('without a probe reads the document\'s own headers, which cannot show an echo', () => {
    expect(cors({ 'access-control-allow-origin': 'https://dichvucong.gov.vn', 'access-control-allow-credentials': 'true' }).result).toBe('cross-origin-resource-sharing-implemented-with-restricted-access');
    expect(cors({ 'access-control-allow-origin': '*' }).result).toBe('cross-origin-resource-sharing-implemented-with-public-access');
  });
});

describe('the browser\'s HSTS preload list', () => {
  const https = (url: string, headers: Record<string, string> = {}): PageEvidence => ({
    ...emptyEvidence(url, 'home', new Date()), finalUrl: url, document: { status: 200, headers, tls: null, redirects: [] },
  });
  const home = { ...https('https://dvc.example.vn/'), httpVariant: { url: 'http://dvc.example.vn/', finalUrl: 'https://dvc.example.vn/', status: 200, error: null, redirects: [{ url: 'http://dvc.example.vn/', status: 307 }], upgradedByBrowser: true } };

  it('passes HSTS for the pages of a host the browser upgrades by itself, saying what the header lacks', () => {
    const form = https('https://dvc.example.vn/nop-ho-so');
    const j = hsts.judge(form, { home, pages: [form] });
    expect(j).toMatchObject({ outcome: 'pass', details: [{ code: 'hsts.preloaded', data: { host: 'dvc.example.vn', header: 'hsts.missing' } }] });
    expect(j.details[0]!.text.en).toContain('No Strict-Transport-Security header');
    // Another host is not covered by the home page's probe; without the probe, nothing is preloaded.
    expect(hsts.judge(https('https://other.example.vn/'), { home, pages: [] }).outcome).toBe('fail');
    expect(hsts.judge(form).outcome).toBe('fail');
    // A good header of its own stays the finding.
    expect(hsts.judge(https('https://dvc.example.vn/', { 'strict-transport-security': 'max-age=31536000' }), { home, pages: [] }).details[0]!.code).toBe('hsts.ok');
  });

  it('counts the http:// address as redirected when the browser never sends it', () => {
    expect(httpsRedirect.judge({ home, pages: [] })).toMatchObject({ outcome: 'pass', details: [{ code: 'redirect.preloaded' }] });
  });
});

describe('headers kept as evidence', () => {
  it('keeps the graded headers whole (to 8 KiB) and always, others cut at 500 characters and 60 headers', () => {
    const longCsp = `default-src 'self'; script-src ${Array.from({ length: 60 }, (_, i) => `https://cdn${i}.example.vn`).join(' ')}`;
    const many = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`X-Other-${i}`, 'y'.repeat(600)]));
    const kept = keptHeaders({ ...many, 'Content-Security-Policy': longCsp, 'Strict-Transport-Security': 'max-age=31536000' });
    expect(longCsp.length).toBeGreaterThan(1000);
    expect(kept['content-security-policy']).toBe(longCsp);
    expect(kept['strict-transport-security']).toBe('max-age=31536000');
    expect(Object.keys(kept)).toHaveLength(60);
    expect(kept['x-other-0']).toHaveLength(500);
  });
});
