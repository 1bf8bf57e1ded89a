// The report's pure parts: cookie and third-party tables from stored evidence (grouped, bounded,
// escaped), expiry in words, scanner errors grouped by reason, local times with their offset, and
// every KPI count named in the users' terms.
import { describe, expect, it } from 'vitest';
import type { CookieRecord, PageEvidence, RequestRecord } from '../../src/checks/types.ts';
import { KPI_METRICS } from '../../src/kpi/definitions.ts';
import { localTimeMarkup, localTimeText } from '../../src/report/local-time.ts';
import { METRIC_TERMS } from '../../src/report/method.ts';
import { endpointRows } from '../../src/report/render.ts';
import type { EndpointReport } from '../../src/uptime/report.ts';
import { expiryText, privacyTablesSection } from '../../src/report/privacy-section.ts';
import { MAX_TABLE_ROWS, privacyTables } from '../../src/report/privacy-tables.ts';
import { errorGroupHeadline, errorGroupList, groupScannerErrors } from '../../src/report/scanner-errors.ts';
import { DIGITS, typeLabel, type ColumnSpec } from '../../src/report/export-dictionary.ts';

const request = (url: string, extra: Partial<RequestRecord> = {}): RequestRecord => ({
  url, host: new URL(url).hostname, method: 'GET', type: 'Script', party: 'third', initiator: { type: 'parser', url: null }, status: 200,
  mimeType: null, failed: null, bytes: 100, responseHeaders: null, tracker: null, ...extra,
});

const cookie = (name: string, extra: Partial<CookieRecord> = {}): CookieRecord => ({
  name, domain: 'cong.example.gov.vn', path: '/', secure: true, httpOnly: true, sameSite: 'Lax', expiresInS: null, party: 'first',
  setBy: { via: 'header', url: 'https://cong.example.gov.vn/' }, tracker: null, valueLength: 16, stored: true, refusedBecause: null, ...extra,
});

const page = (url: string, requests: RequestRecord[], cookies: CookieRecord[], extra: Partial<PageEvidence> = {}): PageEvidence =>
  ({ requestedUrl: url, requests, cookies, requestsDropped: 0, consent: null, ...extra }) as unknown as PageEvidence;

const SHA = (n: number) => n.toString(16).padStart(64, '0');
const CHECK = { checkId: 7, finishedAt: '2026-12-07T13:15:03.000Z' };

describe('cookie and third-party tables', () => {
  it('groups requests by host and cookies across pages, says which list and rule matched, and what was seen before consent', () => {
    const ga = 'https://www.google-analytics.com/collect?v=1';
    const home = page('https://cong.example.gov.vn/', [
      ...Array.from({ length: 300 }, (_, i) => request(`${ga}&n=${i}`, { type: 'Image', tracker: { entity: 'Google Analytics', categories: ['analytics'] }, filterMatch: { list: 'EasyPrivacy 202309050832', rule: '||google-analytics.com^' } })),
      request('https://cdn.example.net/lib.js'),
    ], [
      cookie('phien'),
      cookie('_ga', { domain: '.cong.example.gov.vn', setBy: { via: 'script', url: 'https://www.googletagmanager.com/gtag/js' }, tracker: 'known analytics or advertising cookie name', expiresInS: 63_072_000 }),
      cookie('_trk', { domain: 'www.google-analytics.com', party: 'third', setBy: { via: 'header', url: `${ga}&n=1` }, tracker: 'Google Analytics', stored: false, refusedBecause: ['ThirdPartyPhaseout'], expiresInS: 31_536_000 }),
    ], {
      consent: {
        engine: 'test', banner: null,
        refuse: { action: 'refuse', afterChoice: { requests: [request('https://cdn.example.net/after.js')], cookies: [], storage: [] } },
        accept: { action: 'accept', afterChoice: { requests: [request('https://ads.example.com/pixel', { type: 'Image' })], cookies: [cookie('ads_id', { domain: 'ads.example.com', party: 'third' })], storage: [] } },
      } as unknown as PageEvidence['consent'],
    });
    const other = page('https://cong.example.gov.vn/thu-tuc', [request(`${ga}&n=x`, { tracker: { entity: 'Google Analytics', categories: ['analytics'] } })], [cookie('phien', { setBy: { via: 'header', url: 'https://cong.example.gov.vn/thu-tuc' } })]);
    const t = privacyTables(CHECK, [{ url: home.requestedUrl, sha256: SHA(1), evidence: home }, { url: other.requestedUrl, sha256: SHA(2), evidence: other }]);

    expect(t.hosts.map((h) => [h.host, h.requests, h.phases])).toEqual([
      ['www.google-analytics.com', 301, ['no_choice']],
      ['cdn.example.net', 2, ['no_choice', 'refused']],
      ['ads.example.com', 1, ['accepted']],
    ]);
    expect(t.hosts[0]).toMatchObject({ entity: 'Google Analytics', filterMatch: { list: 'EasyPrivacy 202309050832', rule: '||google-analytics.com^' }, filterMatches: 300, pages: [home.requestedUrl, other.requestedUrl] });
    // One row per cookie however many pages set it, with the addresses that did.
    const phien = t.cookies.find((c) => c.name === 'phien')!;
    expect(phien.pages).toHaveLength(2);
    expect(phien.setBy).toEqual({ via: 'header', urls: ['https://cong.example.gov.vn/', 'https://cong.example.gov.vn/thu-tuc'], urlCount: 2 });
    expect(t.cookies.find((c) => c.name === '_trk')!.matches).toEqual([{ list: 'EasyPrivacy 202309050832', rule: '||google-analytics.com^' }, { list: 'third-party-web', rule: 'Google Analytics' }]);
    expect(t.cookies.find((c) => c.name === '_ga')!.matches).toEqual([{ list: 'dvc-monitor: known cookie names', rule: '_ga' }]);
    expect(t.cookies.find((c) => c.name === 'ads_id')!.phases).toEqual(['accepted']);

    const vi = String(privacyTablesSection(t, 'vi'));
    expect(vi).toContain('trình duyệt chặn cookie bên thứ ba (ThirdPartyPhaseout)');
    expect(vi).toContain('tên cookie phân tích/quảng cáo đã biết: _ga');
    expect(vi).toContain('730 ngày (≈ 2 năm)');
    expect(vi).toMatch(/<td class="bad before-consent">có<\/td>/);
    expect(vi).toContain('<td class=" before-consent">không<br><span class="muted">cũng sau khi đồng ý</span></td>');
    expect(vi).not.toContain('bảng giới hạn');
    expect(String(privacyTablesSection(t, 'en'))).toContain('Set-Cookie header');
    // A setter's query (a tracker's carries the visitor's identifier) is left to the evidence file.
    expect(vi).toContain('https://www.google-analytics.com/collect?…');
    expect(vi).not.toContain('collect?v=1');
  });

  it('is bounded: past the limit, says how many rows were left out and names the evidence files that hold them', () => {
    const hosts = Array.from({ length: MAX_TABLE_ROWS + 37 }, (_, i) => request(`https://h${i}.example.com/x.js`));
    const cookies = Array.from({ length: MAX_TABLE_ROWS + 5 }, (_, i) => cookie(`c${i}`));
    const t = privacyTables(CHECK, [{ url: 'https://cong.example.gov.vn/', sha256: SHA(9), evidence: page('https://cong.example.gov.vn/', hosts, cookies) }, { url: 'https://cong.example.gov.vn/mat', sha256: SHA(10), evidence: null }]);
    expect(t.hosts).toHaveLength(MAX_TABLE_ROWS);
    expect(t.hostsLeftOut).toBe(37);
    expect(t.cookiesLeftOut).toBe(5);
    const vi = String(privacyTablesSection(t, 'vi'));
    expect(vi).toContain('… và 37 máy chủ khác không hiển thị');
    expect(vi).toContain('… và 5 cookie khác không hiển thị');
    expect(vi).toContain(SHA(9));
    // A page whose evidence cannot be read is named, not silently left out.
    expect(t.unreadable).toEqual([{ url: 'https://cong.example.gov.vn/mat', sha256: SHA(10) }]);
    expect(vi).toContain(`https://cong.example.gov.vn/mat (sha256:${SHA(10)})`);
  });

  it('escapes what came from the portal and cuts what is too long', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const t = privacyTables(CHECK, [{ url: 'https://cong.example.gov.vn/', sha256: SHA(3), evidence: page('https://cong.example.gov.vn/"><script>', [], [
      cookie(hostile, { setBy: { via: 'script', url: `https://cong.example.gov.vn/${'a'.repeat(5000)}` } }),
    ]) }]);
    const markup = String(privacyTablesSection(t, 'vi'));
    expect(markup).not.toContain('<img');
    expect(markup).not.toContain('<script>');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(markup).not.toContain('a'.repeat(500));
  });

  it('says where there is no complete privacy check', () => {
    expect(String(privacyTablesSection(null, 'en'))).toContain('No complete privacy check in the period');
  });
});

describe('expiry in words', () => {
  it.each([
    [null, 'phiên (xóa khi đóng trình duyệt)'], [0, 'đã hết hạn (xóa cookie)'], [45, '45 giây'], [1800, '30 phút'], [7200, '2 giờ'],
    [86_400 * 7, '7 ngày'], [86_400 * 90, '90 ngày (≈ 3 tháng)'], [86_400 * 400, '400 ngày (≈ 1,1 năm)'], [86_400 * 365 - 30, '365 ngày (≈ 1 năm)'],
  ])('%s s → %s', (seconds, text) => expect(expiryText(seconds, 'vi')).toBe(text));
  it('in English', () => expect(expiryText(86_400 * 400, 'en')).toBe('400 days (≈ 1.1 years)'));
  // One of a unit reads in the singular in English ("1 day", not "1 days"); Vietnamese has one form.
  it.each([
    [1, '1 second'], [59, '59 seconds'], [60, '1 minute'], [3600, '1 hour'], [5400, '1.5 hours'], [86_400, '1 day'], [86_400 * 1.5, '1.5 days'],
    [86_400 * 365 - 30, '365 days (≈ 1 year)'], [86_400 * 730, '730 days (≈ 2 years)'],
  ])('in English, %s s → %s', (seconds, text) => expect(expiryText(seconds, 'en')).toBe(text));
});

describe('scanner errors', () => {
  it('counts the pages of a reason in the reader\'s grammar', () => {
    const one = groupScannerErrors([{ reason: 'http_5xx', url: 'https://a/1' }])[0]!;
    const two = groupScannerErrors([{ reason: 'http_5xx', url: 'https://a/1' }, { reason: 'http_5xx', url: 'https://a/2' }])[0]!;
    expect(errorGroupHeadline(one, 'en')).toMatch(/^1 page: /);
    expect(errorGroupHeadline(two, 'en')).toMatch(/^2 pages: /);
    expect(errorGroupHeadline(two, 'vi')).toMatch(/^2 trang: /);
  });

  it('groups the pages by reason, the most frequent first, each page once', () => {
    const items = [
      ...Array.from({ length: 20 }, (_, i) => ({ reason: 'http_5xx', url: `https://cong.example.gov.vn/p${i}`, detail: 'HTTP 500' })),
      { reason: 'http_5xx', url: 'https://cong.example.gov.vn/p0', detail: 'HTTP 500' },
      { reason: 'timeout', url: 'https://cong.example.gov.vn/cham' },
    ];
    const groups = groupScannerErrors(items);
    expect(groups.map((g) => [g.reason, g.pages.length])).toEqual([['http_5xx', 20], ['timeout', 1]]);
    const vi = String(errorGroupList(groups, 'vi'));
    expect(vi.match(/<li class="scanner-error"/g)).toHaveLength(2);
    expect(vi).toContain('<summary>20 trang: http_5xx (lỗi máy chủ (HTTP 5xx))');
    expect(vi.match(/<li>https:\/\/cong\.example\.gov\.vn\/p\d+/g)).toHaveLength(20);
    expect(String(errorGroupList(groups, 'en'))).toContain('20 pages: http_5xx (server error (HTTP 5xx))');
    // A criterion's row names the reason only; the pages are listed once.
    expect(String(errorGroupList(groups, 'vi', { withPages: false }))).not.toContain('cong.example.gov.vn');
  });
});

describe('local times', () => {
  it('shows a stored UTC instant in Vietnam time with the offset said, exact in <time datetime>', () => {
    expect(localTimeText('2026-12-07T13:15:03.000Z')).toBe('07/12/2026 20:15:03 (UTC+7)');
    expect(localTimeText('2026-12-31T17:30:00Z', { seconds: false })).toBe('01/01/2027 00:30 (UTC+7)');
    expect(String(localTimeMarkup('2026-12-07T13:15:03.000Z'))).toBe('<time datetime="2026-12-07T20:15:03+07:00">07/12/2026 20:15:03 (UTC+7)</time>');
    expect(String(localTimeMarkup(null))).toBe('—');
    expect(String(localTimeMarkup('<b>not a time</b>'))).toBe('&lt;b&gt;not a time&lt;/b&gt;');
  });
});

describe('the method appendix', () => {
  it('names every count a KPI reads in the users\' terms', () => {
    expect(KPI_METRICS.filter((m) => !Object.hasOwn(METRIC_TERMS, m))).toEqual([]);
  });
});

describe('a portal\'s incidents of the month', () => {
  it('counts an incident by its month in Vietnam time, not in UTC', () => {
    const endpoint = (incidents: Array<{ startedAt: string; endedAt: string | null }>) => ({
      endpoint: 'home', url: 'https://cong.example.gov.vn/', state: 'up', months: [], incidents,
    }) as unknown as EndpointReport;
    const count = (incidents: Array<{ startedAt: string; endedAt: string | null }>, period: string) =>
      /<td class="num">(\d+)<\/td><\/tr><\/tbody>/.exec(String(endpointRows([endpoint(incidents)], period, 'vi')))![1];
    // 00:30 to 01:00 on 1 December in Vietnam is 30 November in UTC.
    const night = { startedAt: '2026-11-30T17:30:00.000Z', endedAt: '2026-11-30T18:00:00.000Z' };
    expect(count([night], '2026-12')).toBe('1');
    expect(count([night], '2026-11')).toBe('0');
    expect(count([{ startedAt: '2026-11-20T03:00:00.000Z', endedAt: null }], '2026-12')).toBe('1');
  });
});

describe('the data dictionary\'s type labels', () => {
  const spec = (type: ColumnSpec['type']): ColumnSpec => ({ key: 'x', type, header: { vi: 'X', en: 'X' }, meaning: { vi: 'x', en: 'x' }, unit: null, source: { vi: 's', en: 's' } });
  it('says the decimals a rounded column is shown with, in the reader\'s grammar', () => {
    expect(DIGITS.score).toBe(1);
    expect(typeLabel(spec('score'), false, 'en')).toBe('score, rounded to 1 decimal');
    expect(typeLabel(spec('percent'), false, 'en')).toBe('percentage, rounded to 2 decimals');
    expect(typeLabel(spec('percent'), false, 'vi')).toBe('tỷ lệ phần trăm, làm tròn 2 chữ số thập phân');
    expect(typeLabel(spec('percent'), true, 'vi')).toBe('tỷ lệ phần trăm, đầy đủ');
    expect(typeLabel(spec('code'), false, 'en')).toBe('code');
  });
});
