// The page sample's crawl (issue 17) against real HTTP servers: the sandbox's 500-page portal
// over TLS under its public name (the crawl sent to the address the home page was answered from,
// as samplePortal does), and small servers of our own for the cases the portal does not show
// (Crawl-delay, robots.txt unreachable, a redirect to another host).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLS_SPKI_SHA256 } from '../../scripts/sandbox/hosts.ts';
import {
  ARCHIVE_DEPTH, DOCUMENT_PAGES, DOCUMENTS_PER_PAGE, NEWS_PAGES, NEWS_PER_PAGE, SAMPLE_FIELDS, SAMPLE_PORTAL_HOST, SERVICES_PER_FIELD, STATISTICS_MONTHS,
} from '../../scripts/sandbox/sample-portal.ts';
import { createHttpClient, type HttpClient } from '../../src/http/client.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import { crawl, type CrawlRecord } from '../../src/checks/sample/crawl.ts';
import { planSample } from '../../src/checks/sample/plan.ts';
import { samplePortal } from '../../src/checks/sample/sample-portal.ts';
import { DEFAULT_SAMPLE_SETTINGS, type SampleSettings } from '../../src/checks/sample/settings.ts';
import { useSandbox } from '../helpers/sandbox.ts';

const sandbox = useSandbox();
const HOME = `https://${SAMPLE_PORTAL_HOST}/`;
const FAST: SampleSettings = { ...DEFAULT_SAMPLE_SETTINGS, delayMs: 0, maxPages: 1000 };

/** The product's client as samplePortal makes it: every request to the portal's name sent to the sandbox's address. */
const portalClient = (): HttpClient => createHttpClient({
  connectTo: (host) => (host === SAMPLE_PORTAL_HOST ? { host: '127.0.0.1', port: sandbox.port } : null),
  trustedSpki: [TLS_SPKI_SHA256], maxRedirects: 0, retries: 0, perHostConcurrency: 1,
});

async function crawlPortal(settings: Partial<SampleSettings> = {}): Promise<{ record: CrawlRecord; asked: Array<{ host: string; path: string; method: string }> }> {
  const before = sandbox.publicRequests().length;
  const client = portalClient();
  try {
    const { record } = await crawl({ start: HOME, settings: { ...FAST, ...settings }, http: client });
    return { record, asked: sandbox.publicRequests().slice(before) };
  } finally {
    await client.close();
  }
}

/** Every page of the portal a crawl of depth 5 can reach, from the sandbox's own constants. */
const REACHABLE = 1 /* home */ + 1 + SAMPLE_FIELDS.length /* lists */ + SAMPLE_FIELDS.length * SERVICES_PER_FIELD + SAMPLE_FIELDS.length /* forms */
  + NEWS_PAGES + NEWS_PAGES * NEWS_PER_PAGE + DOCUMENT_PAGES + DOCUMENT_PAGES * DOCUMENTS_PER_PAGE + 1 + STATISTICS_MONTHS.length
  + 9 /* login, search, policy, statement, contact, help, about, site map, questions */ + 4 /* /luu-tru/1–4: depth 2 to 5 */ + 1 /* map */ + 1 /* /noi-bo/cong-khai */;

describe('the crawl of a 500-page portal', () => {
  let full: Awaited<ReturnType<typeof crawlPortal>>;
  beforeAll(async () => {
    full = await crawlPortal();
  }, 120_000);

  it('finds every page within its host and depth, each fetched once, with GET only', () => {
    expect(REACHABLE).toBe(499);
    expect(full.record.stoppedBy).toBe('complete');
    expect(full.record.pages).toHaveLength(REACHABLE);
    expect(full.asked.every((r) => r.host === SAMPLE_PORTAL_HOST)).toBe(true);
    expect(full.asked.every((r) => r.method === 'GET')).toBe(true);
    const paths = full.asked.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(full.record.requests).toBe(paths.length);
    expect(full.record.skipped.other_host?.examples).toEqual(expect.arrayContaining(['https://dichvucong.hanoi.sandbox/sites/hanoi/', 'https://dichvucong.gov.vn/']));
    // http:// links to the same host take the home page's scheme; a redirect within the host is followed, one elsewhere is not.
    expect(paths).toContain('/gioi-thieu');
    expect(paths).toContain('/gioi-thieu-cu');
    expect(full.record.pages.some((p) => p.url === `${HOME}gioi-thieu-cu`)).toBe(false);
  });

  it('honours robots.txt: no disallowed page asked for, the longer Allow honoured', () => {
    const paths = full.asked.map((r) => r.path);
    expect(paths[0]).toBe('/robots.txt');
    expect(full.record.robots).toMatchObject({ source: 'parsed', group: '*', status: 200 });
    expect(paths.filter((p) => p.startsWith('/noi-bo/'))).toEqual(['/noi-bo/cong-khai']);
    expect(paths.filter((p) => p.includes('?in='))).toEqual([]);
    expect(full.record.skipped.robots!.count).toBe(NEWS_PAGES * NEWS_PER_PAGE + 3); // print versions, /noi-bo/ and its two reports
  });

  it('never submits a form, follows no logout link, fetches no document', () => {
    const paths = full.asked.map((r) => r.path);
    for (const action of ['/dang-nhap/xac-thuc', '/lien-he/gui', '/tim-kiem/ket-qua', ...SAMPLE_FIELDS.map((f) => `/nop-ho-so/${f.slug}/gui`)]) {
      expect(paths.some((p) => p.startsWith(action)), action).toBe(false);
    }
    expect(paths).not.toContain('/dang-xuat');
    expect(full.record.skipped.logout?.examples).toEqual([`${HOME}dang-xuat`]);
    expect(paths.filter((p) => p.endsWith('.pdf'))).toEqual([]);
    // The forms were read all the same: the login page has its password field.
    expect(full.record.pages.find((p) => p.url === `${HOME}dang-nhap`)!.forms).toEqual([
      expect.objectContaining({ search: true }), expect.objectContaining({ method: 'post', password: true }),
    ]);
  });

  it('stops at the depth limit', () => {
    const paths = full.asked.map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('/luu-tru/'))).toEqual(['/luu-tru/1', '/luu-tru/2', '/luu-tru/3', '/luu-tru/4']);
    expect(full.record.skipped.too_deep?.examples).toContain(`${HOME}luu-tru/5`);
    expect(Math.max(...full.record.pages.map((p) => p.depth))).toBe(5);
    expect(ARCHIVE_DEPTH).toBeGreaterThan(6);
  });

  it('groups the pages by template: every service page in one, every article in one (with or without a table), the lists of fields and documents in one', () => {
    const pages = full.record.pages;
    const templateOf = (path: string) => pages.find((p) => p.url === `${HOME}${path}`)!.template;
    const members = (t: string) => pages.filter((p) => p.template === t).length;
    expect(full.record.templates).toHaveLength(17);
    expect(members(templateOf('dich-vu-cong/ho-tich/thu-tuc-1'))).toBe(SAMPLE_FIELDS.length * SERVICES_PER_FIELD);
    expect(members(templateOf('tin-tuc/2026/bai-5'))).toBe(NEWS_PAGES * NEWS_PER_PAGE);
    expect(templateOf('tin-tuc/2026/bai-5')).toBe(templateOf('tin-tuc/2026/bai-1')); // bài 5 has a table, bài 1 none
    expect(templateOf('van-ban/?trang=2')).toBe(templateOf('dich-vu-cong/y-te/'));
    expect(templateOf('thong-ke/2024-01')).not.toBe(templateOf('thong-ke/'));
    expect(templateOf('chinh-sach-bao-mat')).toBe(templateOf('tuyen-bo-tro-nang'));
    expect(templateOf('lien-he')).not.toBe(templateOf('chinh-sach-bao-mat')); // its contact form makes it another page type
    // The map writes its links with a script: counted as a page whose links need JavaScript.
    expect(pages.filter((p) => p.needsScript).map((p) => p.url)).toEqual([`${HOME}ban-do`]);
  });

  it('crawls the same pages again, so the sample is reproduced from its seed, and another seed draws other pages', async () => {
    const again = await crawlPortal();
    expect(again.record).toEqual(full.record);
    const plan = (record: CrawlRecord, seed: number) => planSample({
      crawl: record, homeUrl: HOME, homeLinks: [], configured: [], areas: ['privacy', 'accessibility'], settings: { ...FAST, maxChecked: 30 }, seed,
    });
    const a = plan(full.record, 4242);
    expect(plan(again.record, 4242).pages).toEqual(a.pages);
    expect(a).toMatchObject({ structured: 27, random: 3 });
    expect(a.pages).toHaveLength(30);
    const randomOf = (p: typeof a) => p.pages.filter((s) => s.selection === 'random').map((s) => s.url);
    expect(randomOf(plan(again.record, 4243))).not.toEqual(randomOf(a));
    expect(plan(again.record, 4243).pages.filter((s) => s.selection === 'structured')).toEqual(a.pages.filter((s) => s.selection === 'structured'));
    const roles = new Set(a.pages.flatMap((s) => s.reasons.map((r) => r.role)));
    for (const role of ['home', 'privacy_policy', 'accessibility_statement', 'login', 'search', 'statistics', 'form', 'service', 'template', 'random']) expect(roles, role).toContain(role);
    expect(a.pages.filter((s) => s.reasons.some((r) => r.role === 'service')).map((s) => s.reasons[0]!.detail).sort()).toEqual(SAMPLE_FIELDS.map((f) => `/dich-vu-cong/${f.slug}`).sort());
  }, 120_000);

  it('stops at the page limit, and keeps to include and exclude patterns', async () => {
    const limited = await crawlPortal({ maxPages: 20 });
    expect(limited.record.pages).toHaveLength(20);
    expect(limited.record.stoppedBy).toBe('max_pages');
    expect(limited.record.skipped.over_limit!.count).toBeGreaterThan(0);
    expect(limited.asked.length).toBe(limited.record.requests);

    const statistics = await crawlPortal({ include: ['^/thong-ke/'] });
    expect(statistics.record.pages.map((p) => new URL(p.url).pathname).filter((p) => p !== '/').every((p) => p.startsWith('/thong-ke/'))).toBe(true);
    expect(statistics.record.pages).toHaveLength(1 + 1 + STATISTICS_MONTHS.length);
    const noNews = await crawlPortal({ exclude: ['^/tin-tuc/', '^/dich-vu-cong/'] });
    expect(noNews.asked.some((r) => r.path.startsWith('/tin-tuc/') || r.path.startsWith('/dich-vu-cong/'))).toBe(false);
    expect(noNews.record.skipped.excluded!.count).toBeGreaterThan(0);
  }, 120_000);
});

describe('the sample of a checked portal', () => {
  it('crawls from the address the home page was answered from, adds the links its scripts wrote, and plans with the day seed', async () => {
    const home = {
      ...emptyEvidence(HOME, 'home', new Date()), finalUrl: HOME,
      requests: [{ url: HOME, host: SAMPLE_PORTAL_HOST, method: 'GET', type: 'Document', party: 'first' as const, initiator: { type: 'other', url: null }, status: 200, mimeType: 'text/html', failed: null, bytes: 1, responseHeaders: null, tracker: null, remoteAddress: `127.0.0.1:${sandbox.port}`, context: { kind: 'page' as const, url: HOME } }],
      links: [{ href: `${HOME}chinh-sach-bao-mat`, text: 'Chính sách bảo mật' }, { href: `${HOME}chi-trong-trinh-duyet`, text: 'Viết bằng JavaScript' }],
    };
    const target = { portalId: 'dvc-tinh-mau', homeUrl: HOME, pages: [] };
    const settings = { ...FAST, maxPages: 40, maxChecked: 8 };
    const check = { pageTimeoutMs: 10_000, trustedCertificateSpki: [TLS_SPKI_SHA256], publicAddresses: [`127.0.0.1:${sandbox.port}`] };
    const plan = await samplePortal({ target, home, areas: ['privacy', 'accessibility'], settings, check, measuredOn: '2026-12-07' });
    expect(plan.crawl.stoppedBy).toBe('max_pages');
    expect(plan.crawl.renderedLinks).toBe(1);
    expect(plan.crawl.skipped.http_error?.examples).toEqual([`${HOME}chi-trong-trinh-duyet (HTTP 404)`]);
    expect(plan.pages).toHaveLength(8);
    expect(plan.pages[0]).toMatchObject({ url: HOME, kind: 'home', reasons: [{ role: 'home' }] });
    const again = await samplePortal({ target, home, areas: ['privacy', 'accessibility'], settings, check, measuredOn: '2026-12-07' });
    expect(again.seed).toBe(plan.seed);
    expect(again.pages).toEqual(plan.pages);
    const otherDay = await samplePortal({ target, home, areas: ['privacy', 'accessibility'], settings, check, measuredOn: '2026-12-08' });
    expect(otherDay.seed).not.toBe(plan.seed);
  }, 120_000);

  it('a home page whose name now resolves elsewhere is not crawled: the sample is what the home page links to', async () => {
    const home = { ...emptyEvidence('https://khong-ton-tai.invalid/', 'home', new Date()), finalUrl: 'https://khong-ton-tai.invalid/', links: [{ href: 'https://khong-ton-tai.invalid/chinh-sach-bao-mat', text: 'Chính sách bảo mật' }] };
    const plan = await samplePortal({
      target: { portalId: 'x', homeUrl: 'https://khong-ton-tai.invalid/', pages: [] }, home, areas: ['privacy'], settings: FAST,
      check: { pageTimeoutMs: 5000, trustedCertificateSpki: [], publicAddresses: [] }, measuredOn: '2026-12-07',
    });
    expect(plan.crawl.stoppedBy).toBe('failed');
    expect(plan.crawl.error).toMatch(/ENOTFOUND|EAI_AGAIN|getaddrinfo/);
    expect(plan.pages.map((p) => p.url)).toEqual(['https://khong-ton-tai.invalid/', 'https://khong-ton-tai.invalid/chinh-sach-bao-mat']);
  });
});

// ---- small servers of our own -----------------------------------------------------------------

interface Hit {
  path: string;
  at: number;
  method: string;
}

async function server(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const s = http.createServer((req, res) => {
    hits.push({ path: req.url ?? '/', at: performance.now(), method: req.method ?? '' });
    handler(req, res);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, hits, close: () => new Promise((r) => s.close(() => r())) };
}

const pageWith = (...links: string[]) => `<!DOCTYPE html><html><head><title>t</title></head><body><main class="m">${links.map((l) => `<a href="${l}">${l}</a>`).join('')}</main></body></html>`;

function site(robots: { status: number; body?: string }, elsewhere = ''): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(robots.status, { 'content-type': 'text/plain' });
      return void res.end(robots.body ?? '');
    }
    if (req.url === '/di') {
      res.writeHead(302, { location: `${elsewhere}/bi-chuyen` });
      return void res.end();
    }
    const n = Number(/\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(pageWith(...(n < 3 ? [`/${n + 1}`] : []), '/di'));
  };
}

describe('politeness and robots.txt answers', () => {
  let other: Awaited<ReturnType<typeof server>>;
  beforeAll(async () => {
    other = await server((_req, res) => res.end('x'));
  });
  afterAll(async () => {
    await other.close();
  });

  const crawlOf = async (robots: { status: number; body?: string }, settings: Partial<SampleSettings>) => {
    const s = await server(site(robots, other.url));
    const client = createHttpClient({ retries: 0, maxRedirects: 0, perHostConcurrency: 1 });
    try {
      const { record } = await crawl({ start: `${s.url}/`, settings: { ...FAST, ...settings }, http: client });
      return { record, hits: s.hits };
    } finally {
      await client.close();
      await s.close();
    }
  };
  const gaps = (hits: Hit[]) => hits.slice(1).map((h, i) => h.at - hits[i]!.at);

  it('waits delayMs between two requests, and a longer Crawl-delay when robots.txt asks for one', async () => {
    const paced = await crawlOf({ status: 404 }, { delayMs: 150 });
    expect(paced.hits.map((h) => h.path)).toEqual(['/robots.txt', '/', '/1', '/di', '/2', '/3']);
    for (const gap of gaps(paced.hits)) expect(gap).toBeGreaterThanOrEqual(145);
    const slower = await crawlOf({ status: 200, body: 'User-agent: *\nCrawl-delay: 0.4\n' }, { delayMs: 50 });
    expect(slower.record.delayMs).toBe(400);
    for (const gap of gaps(slower.hits)) expect(gap).toBeGreaterThanOrEqual(395);
    // The redirect to another host was not followed.
    expect(other.hits).toEqual([]);
    expect(paced.record.skipped.other_host?.examples).toEqual([`${other.url}/bi-chuyen`]);
  }, 30_000);

  it('crawls nothing when robots.txt cannot be had (5xx), everything when there is none (404)', async () => {
    const unreachable = await crawlOf({ status: 503 }, {});
    expect(unreachable.record).toMatchObject({ stoppedBy: 'robots', pages: [], robots: { source: 'unreachable', status: 503 } });
    expect(unreachable.hits.map((h) => h.path)).toEqual(['/robots.txt']);
    const none = await crawlOf({ status: 404 }, {});
    expect(none.record).toMatchObject({ stoppedBy: 'complete', robots: { source: 'unavailable' } });
    expect(none.record.pages).toHaveLength(4);
    const closed = await crawlOf({ status: 200, body: 'User-agent: dvc-monitor\nDisallow: /2\n' }, {});
    expect(closed.hits.map((h) => h.path)).toEqual(['/robots.txt', '/', '/1', '/di']);
  }, 30_000);
});
