// The pure parts of the page sample (issue 17): robots.txt as RFC 9309 reads it, the template
// grouping, the structured roles, the seeded random sample, the settings, and the page shares
// the judge gives results and findings.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import { judgePortal } from '../../src/checks/judge.ts';
import { scoreArea } from '../../src/checks/score.ts';
import { renderCheck } from '../../src/cli/render-check.ts';
import { CRAWL_SCHEMA, inScope, type CrawledPage, type CrawlRecord } from '../../src/checks/sample/crawl.ts';
import { readPage } from '../../src/checks/sample/page-reader.ts';
import { planSample, randomCount } from '../../src/checks/sample/plan.ts';
import { dailySeed, drawWithSeed } from '../../src/checks/sample/random.ts';
import { parseRobots, robotsAllows, robotsUnavailable, robotsUnreachable } from '../../src/checks/sample/robots.ts';
import { DEFAULT_SAMPLE_SETTINGS, sampleSettingsOf } from '../../src/checks/sample/settings.ts';
import { groupByTemplate } from '../../src/checks/sample/templates.ts';
import type { PageEvidence, RequestRecord } from '../../src/checks/types.ts';

describe('robots.txt (RFC 9309)', () => {
  const robots = parseRobots(`# comment
User-agent: BadBot
Disallow: /

User-agent: *
Disallow: /noi-bo/
Allow: /noi-bo/cong-khai
Disallow: /tin-tuc/*?in=
Disallow: /*.php$
Disallow:
Crawl-delay: 2
Sitemap: https://p.gov.vn/sitemap.xml
`);

  it('follows the * group when no group names dvc-monitor, the longest rule deciding', () => {
    expect(robots.group).toBe('*');
    expect(robots.crawlDelay).toBe(2);
    expect(robots.sitemaps).toEqual(['https://p.gov.vn/sitemap.xml']);
    expect(robotsAllows(robots, '/')).toBe(true);
    expect(robotsAllows(robots, '/noi-bo/bao-cao')).toBe(false);
    expect(robotsAllows(robots, '/noi-bo/cong-khai')).toBe(true); // the longer Allow wins
    expect(robotsAllows(robots, '/tin-tuc/2026/bai-1?in=1')).toBe(false);
    expect(robotsAllows(robots, '/tin-tuc/2026/bai-1')).toBe(true);
    expect(robotsAllows(robots, '/index.php')).toBe(false);
    expect(robotsAllows(robots, '/index.php?x=1')).toBe(true); // "$" anchors the end
    expect(robotsAllows(robots, '/noi%2dbo/x')).toBe(false); // an unreserved character escaped is the same character
    expect(robotsAllows(robots, '/robots.txt')).toBe(true);
  });

  it('takes the groups naming our token over *, case-insensitively, and allows on a tie', () => {
    const ours = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: DVC-Monitor/1.0\nUser-agent: other\nDisallow: /a\nAllow: /a\n');
    expect(ours.group).toBe('dvc-monitor');
    expect(robotsAllows(ours, '/b')).toBe(true);
    expect(robotsAllows(ours, '/a')).toBe(true);
    expect(parseRobots('User-agent: dvc\nDisallow: /\n').group).toBeNull(); // a prefix of our token is not our token
  });

  it('reads a missing file as allowing everything and an unreachable one as allowing nothing', () => {
    expect(robotsAllows(robotsUnavailable(), '/x')).toBe(true);
    expect(robotsAllows(robotsUnreachable(), '/')).toBe(false);
    expect(robotsAllows(robotsUnreachable(), '/robots.txt')).toBe(true);
  });
});

describe('the crawl scope', () => {
  const home = new URL('https://p.gov.vn/');
  it('keeps the home page host, takes its scheme on default ports, drops fragments and other hosts', () => {
    expect(inScope('http://p.gov.vn/a#x', home)).toBe('https://p.gov.vn/a');
    expect(inScope('https://P.GOV.VN/a?b=1', home)).toBe('https://p.gov.vn/a?b=1');
    expect(inScope('https://www.p.gov.vn/a', home)).toBeNull();
    expect(inScope('https://p.gov.vn:8443/a', home)).toBeNull();
    expect(inScope('https://evil.example/?p.gov.vn', home)).toBeNull();
  });
});

/** A page of a portal built on one layout: `main` carries the template, `content` what an editor wrote. */
function layoutPage(main: string, content: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><title>t</title><script src="/a.js"></script></head><body>
<header class="site-header"><div class="brand"><a href="/">Cổng</a></div><nav class="menu"><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></nav></header>
<main class="${main}"><h1>Tiêu đề</h1>${content}</main>
<footer class="site-footer"><ul class="links"><li><a href="/c">C</a></li></ul></footer></body></html>`;
}

describe('pages read and grouped by template', () => {
  it('reads links, forms and the skeleton, never what is inside scripts', () => {
    const html = `<html><head><base href="https://p.gov.vn/x/"></head><body><main class="m">
<a href="y">Y</a><a href="javascript:void(0)">J</a><a href="mailto:a@b">M</a><a href="https://o.vn/#f">O</a>
<form method="post" action="/gui"><input name="hoTen"><input type="email" name="e"><input type="hidden" name="t"><button>Gửi</button></form>
<form role="search" action="/tim"><input type="search" name="q"></form>
<form method="post" action="/dang-nhap"><input name="u"><input type="password" name="p"></form>
<script>document.write('<a href="/hidden">')</script></main></body></html>`;
    const facts = readPage(html, 'https://p.gov.vn/x/trang');
    expect(facts.links.map((l) => l.href)).toEqual(['https://p.gov.vn/x/y', 'https://o.vn/']);
    expect(facts.forms).toEqual([
      { method: 'post', action: 'https://p.gov.vn/gui', fields: 2, password: false, search: false },
      { method: 'get', action: 'https://p.gov.vn/tim', fields: 1, password: false, search: true },
      { method: 'post', action: 'https://p.gov.vn/dang-nhap', fields: 2, password: true, search: false },
    ]);
    expect(facts.skeleton).toContain('/main.m/form/input[password]');
  });

  it('puts pages of one template together whatever their content, and pages of another template apart', () => {
    const article = (n: number) => layoutPage(`bai-viet-${n}`, `<article class="noi-dung"><p>${'Đoạn. '.repeat(n)}</p>${n % 2 ? '<table><tr><td>1</td></tr></table><ul><li>x</li></ul>' : '<h2>Mục</h2>'}</article>`);
    const service = (n: number) => layoutPage('chi-tiet-thu-tuc', `<table class="thong-tin"><tr><th>Lĩnh vực</th><td>${n}</td></tr></table><section class="thanh-phan"><ol><li>Tờ khai</li></ol></section><p class="hanh-dong"><a href="/nop">Nộp</a></p>`);
    const pages = [
      ...[1, 2, 3, 4].map((n) => ({ url: `https://p.gov.vn/tin/${n}`, depth: 2, skeleton: readPage(article(n), 'https://p.gov.vn/').skeleton })),
      ...[1, 2, 3].map((n) => ({ url: `https://p.gov.vn/dv/${n}`, depth: 2, skeleton: readPage(service(n), 'https://p.gov.vn/').skeleton })),
    ];
    const templates = groupByTemplate(pages);
    expect(templates.map((t) => t.urls)).toEqual([
      ['https://p.gov.vn/dv/1', 'https://p.gov.vn/dv/2', 'https://p.gov.vn/dv/3'],
      ['https://p.gov.vn/tin/1', 'https://p.gov.vn/tin/2', 'https://p.gov.vn/tin/3', 'https://p.gov.vn/tin/4'],
    ]);
    expect(templates.map((t) => t.id)).toEqual(['T1', 'T2']);
    // The order the crawl met them in changes nothing.
    expect(groupByTemplate([...pages].reverse())).toEqual(templates);
  });
});

// ---- the plan -------------------------------------------------------------------------------

const ORIGIN = 'https://p.gov.vn';
type PageSpec = Partial<CrawledPage> & { path: string };

function record(specs: PageSpec[]): CrawlRecord {
  const pages: CrawledPage[] = specs.map((s) => ({
    url: `${ORIGIN}${s.path}`, depth: s.depth ?? 1, status: 200, title: s.title ?? '', h1: s.h1 ?? '', forms: s.forms ?? [], links: 3, needsScript: false, template: s.template ?? 'T1',
  })).sort((a, b) => a.depth - b.depth || (a.url < b.url ? -1 : 1));
  const ids = [...new Set(pages.map((p) => p.template))];
  return {
    schema: CRAWL_SCHEMA, start: `${ORIGIN}/`, origin: ORIGIN, settings: DEFAULT_SAMPLE_SETTINGS,
    robots: { ...robotsUnavailable(), url: `${ORIGIN}/robots.txt`, status: 404, error: null }, delayMs: 0, renderedLinks: 0, pages,
    templates: ids.map((id) => ({ id, fingerprint: id, pages: pages.filter((p) => p.template === id).length, example: pages.find((p) => p.template === id)!.url })),
    skipped: {}, stoppedBy: 'complete', requests: pages.length + 1,
  };
}

const form = (o: Partial<{ method: string; fields: number; password: boolean; search: boolean }> = {}) => ({ method: 'post', action: `${ORIGIN}/gui`, fields: 3, password: false, search: false, ...o });

/** A portal: home, policy, statement, login, search, statistics, 3 service types × 6 services, news, an application form. */
const PORTAL = record([
  { path: '/', depth: 0, template: 'T-home' },
  { path: '/chinh-sach-bao-mat', title: 'Chính sách bảo mật', template: 'T-text' },
  { path: '/tuyen-bo-tro-nang', h1: 'Tuyên bố về khả năng tiếp cận', template: 'T-text' },
  { path: '/gioi-thieu', template: 'T-text' },
  { path: '/dang-nhap', forms: [form({ password: true, fields: 2 })], template: 'T-login' },
  { path: '/tra-cuu', title: 'Tra cứu hồ sơ', forms: [form({ method: 'get', fields: 1, search: true })], template: 'T-search' },
  { path: '/thong-ke/', title: 'Thống kê', template: 'T-stats' },
  { path: '/thong-ke/2026-01', depth: 2, title: 'Thống kê tháng 1', template: 'T-month' },
  { path: '/thong-ke/2026-02', depth: 2, title: 'Thống kê tháng 2', template: 'T-month' },
  ...['ho-tich', 'dat-dai', 'y-te'].flatMap((type) => [
    { path: `/thu-tuc/${type}/`, depth: 1, template: 'T-list' },
    ...[1, 2, 3, 4, 5, 6].map((n) => ({ path: `/thu-tuc/${type}/tt-${n}`, depth: 2, template: 'T-service' })),
  ]),
  { path: '/nop-ho-so', depth: 3, forms: [form()], template: 'T-form' },
  ...Array.from({ length: 20 }, (_, i) => ({ path: `/tin-tuc/${i + 1}`, depth: 2, template: 'T-news' })),
]);
const HOME = `${ORIGIN}/`;
const links = (...items: Array<[string, string]>) => items.map(([href, text]) => ({ href, text }));
const plan = (seed: number, overrides: Partial<Parameters<typeof planSample>[0]> = {}) => planSample({
  crawl: PORTAL, homeUrl: HOME, homeLinks: links([`${ORIGIN}/chinh-sach-bao-mat#top`, 'Chính sách bảo mật']), configured: [], areas: ['privacy', 'accessibility'],
  settings: DEFAULT_SAMPLE_SETTINGS, seed, ...overrides,
});

describe('the structured sample', () => {
  it('finds each role: home, policy, statement, login, search, statistics, a form, a service per type, a page per template left', () => {
    const p = plan(1);
    const structured = p.pages.filter((s) => s.selection === 'structured').map((s) => [s.url.slice(ORIGIN.length), s.reasons.map((r) => r.detail ? `${r.role}:${r.detail}` : r.role).join(','), s.kind]);
    expect(structured).toEqual([
      ['/', 'home', 'home'],
      ['/chinh-sach-bao-mat', 'privacy_policy', 'privacy_policy'],
      ['/tuyen-bo-tro-nang', 'accessibility_statement', 'accessibility_statement'],
      ['/dang-nhap', 'login', 'other'],
      ['/tra-cuu', 'search', 'other'],
      ['/thong-ke/', 'statistics', 'statistics'],
      ['/nop-ho-so', 'form:T-form', 'form'],
      ['/thu-tuc/dat-dai/tt-1', 'service:/thu-tuc/dat-dai', 'service'],
      ['/thu-tuc/ho-tich/tt-1', 'service:/thu-tuc/ho-tich', 'service'],
      ['/thu-tuc/y-te/tt-1', 'service:/thu-tuc/y-te', 'service'],
      ['/thu-tuc/dat-dai/', 'template:T-list', 'other'],
      ['/thong-ke/2026-01', 'template:T-month', 'statistics'],
      ['/tin-tuc/1', 'template:T-news', 'other'],
    ]);
    expect(p).toMatchObject({ pagesFound: PORTAL.pages.length, templates: 10, structured: 13, random: 3 });
  });

  it('leaves the policy and the statement out for an area not checked, and keeps configured pages', () => {
    const p = plan(1, { areas: ['accessibility'], configured: [{ kind: 'form', url: `${ORIGIN}/ngoai-crawl` }] });
    expect(p.pages.map((s) => s.reasons[0]!.role)).not.toContain('privacy_policy');
    expect(p.pages.find((s) => s.url === `${ORIGIN}/ngoai-crawl`)).toMatchObject({ kind: 'form', selection: 'structured', template: null, reasons: [{ role: 'configured' }] });
  });

  it('trims to maxChecked by role priority, keeping room for the random sample', () => {
    const p = plan(1, { settings: { ...DEFAULT_SAMPLE_SETTINGS, maxChecked: 8 } });
    expect(p.pages).toHaveLength(8);
    expect(p.structured).toBe(5);
    expect(p.random).toBe(3);
    expect(p.pages.slice(0, 5).map((s) => s.reasons[0]!.role)).toEqual(['home', 'privacy_policy', 'accessibility_statement', 'login', 'search']);
    expect(p.leftOut.map((s) => s.reasons[0]!.role)).toEqual(['statistics', 'form', 'service', 'service', 'service', 'template', 'template', 'template']);
    // The home page, the policy, the statement and configured pages stay whatever the limit: the portal criteria need them.
    const tiny = plan(1, { settings: { ...DEFAULT_SAMPLE_SETTINGS, maxChecked: 2 }, configured: [{ kind: 'statistics', url: `${ORIGIN}/thong-ke/2026-02` }] });
    expect(tiny.pages.map((s) => s.url.slice(ORIGIN.length))).toEqual(['/', '/chinh-sach-bao-mat', '/tuyen-bo-tro-nang', '/thong-ke/2026-02']);
    expect(tiny.random).toBe(0);
  });
});

describe('the random sample', () => {
  it('is 10% of the structured sample, at least 3, and never more than there are pages', () => {
    expect(randomCount(13, DEFAULT_SAMPLE_SETTINGS, 100)).toBe(3);
    expect(randomCount(45, DEFAULT_SAMPLE_SETTINGS, 100)).toBe(5);
    expect(randomCount(45, DEFAULT_SAMPLE_SETTINGS, 2)).toBe(2);
    expect(randomCount(45, { random: 0.5, minRandom: 0 }, 100)).toBe(23);
  });

  it('is reproduced from its seed, changes with another seed, and never repeats a structured page', () => {
    const a = plan(20261207);
    const again = plan(20261207);
    expect(again.pages).toEqual(a.pages);
    const drawn = (p: typeof a) => p.pages.filter((s) => s.selection === 'random').map((s) => s.url);
    const seeds = [1, 2, 3, 4, 5].map((s) => drawn(plan(s)).join());
    expect(new Set(seeds).size).toBeGreaterThan(1);
    expect(drawn(plan(2))).not.toEqual(drawn(plan(1)));
    const structured = new Set(a.pages.filter((s) => s.selection === 'structured').map((s) => s.url));
    for (const url of drawn(a)) expect(structured.has(url)).toBe(false);
    expect(drawn(a)).not.toContain(HOME);
  });

  it('draws without replacement from a shuffled copy, and the daily seed follows the portal and the day', () => {
    expect(drawWithSeed(['a', 'b', 'c', 'd'], 4, 9).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(drawWithSeed(['a', 'b', 'c', 'd'], 2, 9)).toEqual(drawWithSeed(['a', 'b', 'c', 'd'], 2, 9));
    expect(dailySeed('dvc-hanoi', '2026-12-07')).toBe(dailySeed('dvc-hanoi', '2026-12-07'));
    expect(dailySeed('dvc-hanoi', '2026-12-08')).not.toBe(dailySeed('dvc-hanoi', '2026-12-07'));
    expect(dailySeed('dvc-bct', '2026-12-07')).not.toBe(dailySeed('dvc-hanoi', '2026-12-07'));
  });
});

describe('sample settings', () => {
  const config = (checks: string, portal = '') => parseConfig(`version: 1
portals:
  - { id: dvc-a, agency: "tinh:01", name: A, url: "https://a.gov.vn/"${portal} }
  - { id: dvc-b, agency: "tinh:01", name: B, url: "https://b.gov.vn/", sample: false }
${checks}`, 'test.yaml', {}).config;

  it('turns the sample on for every portal with checks.sample, a portal opting out or overriding', () => {
    const c = config('checks: { sample: { maxChecked: 30, exclude: ["^/lich/"] } }', ', sample: { delayMs: 0 }');
    expect(sampleSettingsOf(c.portals[0]!, c.checks)).toEqual({ ...DEFAULT_SAMPLE_SETTINGS, maxChecked: 30, exclude: ['^/lich/'], delayMs: 0 });
    expect(sampleSettingsOf(c.portals[1]!, c.checks)).toBeNull();
    const off = config('checks: { sample: { enabled: false } }', ', sample: true');
    expect(sampleSettingsOf(off.portals[0]!, off.checks)).toEqual(DEFAULT_SAMPLE_SETTINGS);
    const none = config('checks: {}');
    expect(sampleSettingsOf(none.portals[0]!, none.checks)).toBeNull();
  });

  it('refuses a pattern that is no regular expression, naming the field and the fix', () => {
    expect(() => config('checks: { sample: { include: ["(tin-tuc"] } }')).toThrow(/checks\.sample\.include\[0\] is "\(tin-tuc".*not a regular expression.*Fix/s);
    expect(() => config('checks: { sample: { random: 2 } }')).toThrow(/checks\.sample\.random/);
  });
});

describe('page shares on results and findings', () => {
  const tracker: RequestRecord = {
    url: 'https://www.google-analytics.com/collect', host: 'www.google-analytics.com', method: 'GET', type: 'Ping', party: 'third', initiator: { type: 'script', url: null },
    status: 200, mimeType: null, failed: null, bytes: 0, responseHeaders: null, tracker: { entity: 'Google Analytics', categories: ['analytics'] },
  };
  const page = (n: number, tracked: boolean): PageEvidence => ({ ...emptyEvidence(`${ORIGIN}/p${n}`, n === 0 ? 'home' : 'other', new Date('2026-12-07T01:00:00Z')), requests: tracked ? [tracker] : [] });

  it('says on how many of the pages checked a criterion failed, and each finding', () => {
    const pages = [0, 1, 2, 3, 4].map((n) => page(n, n % 2 === 0)); // pages 0, 2, 4 send to the tracker
    const results = judgePortal({ home: pages[0]!, pages: pages.slice(1) }, ['privacy'], '2026-12-07');
    const portal = results.find((r) => r.criterionId === 'privacy.no-tracker-before-consent' && r.level === 'portal')!;
    expect(portal.outcome).toBe('fail');
    expect(portal.pages).toEqual({ with: 3, of: 5 });
    expect(portal.details[0]).toMatchObject({ code: 'pages.fail', text: { vi: 'Không đạt trên 3/5 trang', en: 'Failed on 3/5 pages' }, pages: { with: 3, of: 5 } });
    const onPage = results.find((r) => r.criterionId === 'privacy.no-tracker-before-consent' && r.pageIndex === 2)!;
    expect(onPage.details.map((d) => [d.code, d.pages])).toEqual([['tracker.hosts', { with: 3, of: 5 }], ['tracker.request', { with: 3, of: 5 }]]);
    const passing = results.find((r) => r.criterionId === 'privacy.no-tracker-before-consent' && r.pageIndex === 1)!;
    expect(passing.outcome).toBe('pass');
  });
});

describe('dvc-monitor check output of a sampled check', () => {
  it('says how many pages of how many found were checked, why each, the seed, and the share of pages of each result and finding', () => {
    const tracker = { url: 'https://www.google-analytics.com/collect', host: 'www.google-analytics.com', method: 'GET', type: 'Ping', party: 'third' as const, initiator: { type: 'script', url: null }, status: 200, mimeType: null, failed: null, bytes: 0, responseHeaders: null, tracker: { entity: 'Google Analytics', categories: ['analytics'] } };
    const paths = ['/', '/a', '/b', '/c'];
    const evidence = paths.map((path, i): PageEvidence => ({
      ...emptyEvidence(`${ORIGIN}${path}`, i === 0 ? 'home' : 'other', new Date('2026-12-07T01:00:00Z')), finalUrl: `${ORIGIN}${path}`,
      document: { status: 200, headers: {}, tls: null, redirects: [] }, requests: i % 2 === 0 ? [tracker] : [],
    }));
    const crawlRecord = record(paths.map((path, i) => ({ path, depth: i === 0 ? 0 : 1, template: `T${i + 1}` })));
    const sample = { ...planSample({ crawl: crawlRecord, homeUrl: HOME, homeLinks: [], configured: [], areas: ['privacy'], settings: DEFAULT_SAMPLE_SETTINGS, seed: 9 }), planMs: 5 };
    expect(sample.pages.map((p) => p.url)).toEqual(evidence.map((e) => e.requestedUrl));
    const results = judgePortal({ home: evidence[0]!, pages: evidence.slice(1) }, ['privacy'], '2026-12-07');
    const check = {
      target: { portalId: 'dvc-p', homeUrl: HOME, pages: [] }, areas: ['privacy' as const], startedAt: new Date('2026-12-07T01:00:00Z'), finishedAt: new Date('2026-12-07T01:05:00Z'),
      measuredOn: '2026-12-07', visits: evidence.map((e) => ({ evidence: e, dom: null, axe: null, screenshot: null, crops: [] })), results, scores: [scoreArea(results, 'privacy')],
      versions: { tool: 't', axe: 'a', trackerList: 'l', browser: 'b', criteria: 'c', scoring: 's' }, sample,
    };
    const saved = {
      checkId: 3, crawlSha256: 'c'.repeat(64),
      visits: evidence.map((e, i) => ({ id: i + 1, pageIndex: i, kind: e.kind, url: e.requestedUrl, status: 'ok' as const, errorReason: null, blobs: { evidence: String(i).repeat(64), dom: null, screenshot: null, axe: null } })),
    };
    const vi = renderCheck(check, saved, 'vi');
    expect(vi).toContain('Mẫu trang (WCAG-EM): đã kiểm tra 4 trong 4 trang tìm thấy (4 khuôn mẫu trang): 4 theo cấu trúc, 0 ngẫu nhiên với hạt giống 9. Thu thập: đã đi hết các liên kết.');
    expect(vi).toContain(`bản ghi thu thập (mọi trang tìm thấy, khuôn mẫu, robots.txt): sha256:${'c'.repeat(64)}`);
    expect(vi).toMatch(/\[2\] khác: https:\/\/p\.gov\.vn\/b — HTTP 200 \([\d,]+ s\) · lý do: khuôn mẫu trang \(T3\); khuôn mẫu T3/);
    expect(vi).toContain('Không gửi dữ liệu cho bên theo dõi khi chưa có sự đồng ý (privacy.no-tracker-before-consent) — trên 2/4 trang');
    expect(vi).toMatch(/- Gửi 1 yêu cầu tới bên theo dõi trước khi có đồng ý: www\.google-analytics\.com\. \(trên 2\/4 trang\)/);
    const en = renderCheck(check, saved, 'en');
    expect(en).toContain('Page sample (WCAG-EM): 4 of 4 pages found checked (4 templates): 4 structured, 0 random with seed 9. Crawl: every link followed.');
    expect(en).toContain('(privacy.no-tracker-before-consent) — on 2/4 pages');
  });
});
