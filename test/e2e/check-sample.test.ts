// `dvc-monitor check` of the sandbox's 500-page portal on a small page sample (issue 17), in real
// Chromium: the crawl, the structured and random sample with its seed, the pages checked and the
// share of pages on every result, stored with the check, reproduced from the stored crawl record
// and seed, and shown in the report's scorecard and the export. Six page visits, accessibility only (no consent
// visits): the machine is shared.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostResolverRules, TLS_SPKI_SHA256 } from '../../scripts/sandbox/hosts.ts';
import { SAMPLE_PORTAL_HOST } from '../../scripts/sandbox/sample-portal.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import type { CrawlRecord } from '../../src/checks/sample/crawl.ts';
import { planSample } from '../../src/checks/sample/plan.ts';
import { portalChecks } from '../../src/report/model.ts';
import { scorecardSection } from '../../src/report/scorecard.ts';
import { openStore } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const HOME = `https://${SAMPLE_PORTAL_HOST}/`;

function setup(): { args: string[]; db: string } {
  const dir = tempDir();
  const config = join(dir, 'config.yaml');
  writeFileSync(config, `version: 1
agencies:
  - { code: "tinh:99", name: "Tỉnh Mẫu", level: province }
portals:
  - { id: dvc-tinh-mau, agency: "tinh:99", name: Tỉnh Mẫu, url: "${HOME}", probes: [] }
checks:
  concurrency: 2
  pageTimeoutMs: 30000
  hostResolverRules: "${hostResolverRules(sandbox.port)}"
  trustedCertificateSpki: ["${TLS_SPKI_SHA256}"]
  publicAddresses: ["127.0.0.1:${sandbox.port}"]
  sample: { maxChecked: 6, delayMs: 0 }
`);
  const db = join(dir, 'store.sqlite');
  return { db, args: ['--config', config, '--db', db, '--log-level', 'silent'] };
}

describe('dvc-monitor check on a page sample', () => {
  it('crawls the portal, checks the structured and random sample, stores it with its seed, and says on how many pages each result holds', async () => {
    const { db, args } = setup();
    const before = sandbox.publicRequests().length;
    const r = await runCli(['check', 'dvc-tinh-mau', '--area', 'accessibility', '--seed', '20261207', '--json', ...args]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);

    // The sample: 499 pages found, 17 templates; home, statement and login by role, 3 at random with the seed given.
    expect(out.sample).toMatchObject({ seed: 20261207, pagesFound: 499, pagesChecked: 6, structured: 3, random: 3, stoppedBy: 'complete' });
    expect(out.sample.templates).toHaveLength(17);
    expect(out.sample.pages.map((p: { reasons: Array<{ role: string }> }) => p.reasons[0]!.role)).toEqual(['home', 'accessibility_statement', 'login', 'random', 'random', 'random']);
    expect(out.sample.pages[0]).toMatchObject({ url: HOME, kind: 'home', template: 'T1', depth: 0 });
    expect(out.sample.crawl.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.pages.map((p: { url: string }) => p.url)).toEqual(out.sample.pages.map((p: { url: string }) => p.url));
    expect(out.pages.every((p: { error: unknown }) => p.error === null)).toBe(true);

    // Every page criterion's portal result says on how many of the 6 pages it had its outcome, every page finding how many share it.
    const portalResults = out.results.filter((x: { level: string; pages?: unknown }) => x.level === 'portal' && x.pages);
    expect(portalResults.length).toBeGreaterThan(10);
    for (const x of portalResults) expect(x.pages.of).toBe(6);
    expect(out.results.find((x: { criterionId: string; level: string }) => x.criterionId === 'accessibility.page-language' && x.level === 'portal').pages).toEqual({ with: 6, of: 6 });
    const pageFindings = out.results.filter((x: { level: string }) => x.level === 'page').flatMap((x: { details: Array<{ pages?: { of: number } }> }) => x.details);
    expect(pageFindings.length).toBeGreaterThan(0);
    for (const d of pageFindings) expect(d.pages?.of).toBe(6);

    // The crawl asked for nothing robots.txt forbids and posted nothing; the browser too stayed on the portal.
    const asked = sandbox.publicRequests().slice(before);
    expect(asked.every((x) => x.method === 'GET' || x.method === 'HEAD')).toBe(true);
    expect(asked.filter((x) => x.host === SAMPLE_PORTAL_HOST && x.path.startsWith('/noi-bo/') && x.path !== '/noi-bo/cong-khai')).toEqual([]);

    // Stored with the check: the sample's summary, each page and why, the crawl record; shares on results and findings.
    const store = openStore(db, { readonly: true });
    try {
      const sample = store.prepare('SELECT * FROM check_sample').get() as Record<string, unknown>;
      expect(sample).toMatchObject({ seed: 20261207, pages_found: 499, templates: 17, structured: 3, random: 3, left_out: 23, stopped_by: 'complete', crawl_sha256: out.sample.crawl.sha256 });
      const pages = store.prepare('SELECT s.page_index, s.url, s.selection, v.url AS visited FROM check_sample_page s JOIN check_visit v ON v.check_id = s.check_id AND v.page_index = s.page_index ORDER BY s.page_index').all() as Array<{ url: string; selection: string; visited: string }>;
      expect(pages).toHaveLength(6);
      for (const p of pages) expect(p.visited).toBe(p.url);
      expect(store.prepare("SELECT count(*) FROM check_result WHERE level = 'portal' AND pages_of = 6").pluck().get()).toBe(portalResults.length);
      expect(store.prepare('SELECT count(*) FROM finding WHERE pages_of = 6').pluck().get()).toBeGreaterThan(0);

      // An auditor reproduces the sample from what is stored: the crawl record and the seed.
      const stored = readBody(store, out.sample.crawl.sha256)!;
      expect(stored.intact).toBe(true);
      const crawl = JSON.parse(stored.body.toString('utf8')) as CrawlRecord;
      expect(crawl.pages).toHaveLength(499);
      const again = planSample({ crawl, homeUrl: HOME, homeLinks: [], configured: [], areas: ['accessibility'], settings: { ...crawl.settings }, seed: Number(sample.seed) });
      expect(again.pages.map((p) => [p.url, p.selection])).toEqual(pages.map((p) => [p.url, p.selection]));

      // The report's scorecard: pages checked of pages found, the seed, why each page, "trên x/6 trang".
      const { scorecard } = portalChecks(store, 'dvc-tinh-mau');
      expect(scorecard!.checks[0]!.sample).toMatchObject({ seed: 20261207, pagesFound: 499 });
      const vi = String(scorecardSection(scorecard, 'vi', null));
      expect(vi).toContain('data-seed="20261207"');
      expect(vi).toContain('đã kiểm tra 6 trong 499 trang tìm thấy (17 khuôn mẫu trang): 3 theo cấu trúc, 3 ngẫu nhiên với hạt giống 20261207');
      expect(vi).toMatch(/<span class="share">trên \d\/6 trang<\/span>/);
      expect(vi).toContain('chọn ngẫu nhiên');
      const en = String(scorecardSection(scorecard, 'en', null));
      expect(en).toContain('6 of 499 pages found checked (17 templates): 3 structured, 3 random with seed 20261207');
    } finally {
      store.close();
    }

    // The export's checks table carries the same shares: the pages with the portal's outcome and with each finding, of the 6 checked.
    const exported = join(tempDir(), 'export');
    const e = await runCli(['export', '--period', out.measuredOn.slice(0, 7), '--format', 'json', '--out', exported, ...args]);
    expect(e.code, e.stderr).toBe(0);
    const rows = (JSON.parse(readFileSync(join(exported, `dvc-monitor-${out.measuredOn.slice(0, 7)}.json`), 'utf8')) as { checks: Array<Record<string, unknown>> }).checks;
    expect(rows.find((x) => x.criterion_id === 'accessibility.page-language')).toMatchObject({ outcome: 'pass', pages_with_outcome: 6, pages_checked: 6 });
    for (const x of rows.filter((r) => r.pages_checked !== null)) expect(x.pages_checked).toBe(6);
    const shared = rows.filter((x) => typeof x.finding_pages === 'number');
    expect(shared.length).toBeGreaterThan(0);
    for (const x of shared) expect(x.finding_pages as number).toBeGreaterThanOrEqual(1), expect(x.finding_pages as number).toBeLessThanOrEqual(6);
  }, 600_000);
});
