// `dvc-monitor report` over a store filled from the sandbox (a real run and a real probe round),
// opened in real Chromium: it renders with its charts, without console errors, the figures are
// the store's, a hostile portal name stays text, and --pdf prints the same report.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { openStore } from '../../storage/db.ts';
import { allMeasuresBetween } from '../../storage/measures.ts';
import { latestScorecard } from '../../storage/check-report.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { overviewFromStore } from '../../src/kpi/from-store.ts';
import { parseConfig } from '../../src/config/load.ts';
import { formatCount, formatMonthLabel, formatPercent } from '../../src/i18n.ts';
import { addMonths, currentMonth } from '../../src/time/period.ts';
import { runCli } from '../helpers/cli.ts';
import { checksConfigYaml } from '../helpers/checks.ts';
import { filledStore } from '../helpers/sandbox-config.ts';
import { publicSiteUrl } from '../../scripts/sandbox/hosts.ts';
import { readBody } from '../../storage/evidence.ts';
import type { PageEvidence } from '../../src/checks/types.ts';
import { SCORING_VERSION, SEVERITY_WEIGHT } from '../../src/checks/score.ts';
import { CRITERIA_VERSION } from '../../src/checks/criteria/index.ts';
import { localTimeText } from '../../src/report/local-time.ts';
import { expiryText } from '../../src/report/privacy-section.ts';
import { localIsoWithOffset } from '../../src/time/period.ts';

const HOSTILE = '<script>alert(1)</script>';
// The current month: the probe round below is taken now, and the portal section covers the report's month.
const PERIOD = currentMonth(new Date());
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');

let sandbox: Sandbox;
let browser: Browser;
let dir: string;
let config: string;
let db: string;
let configText: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5 });
  ({ dir, config, configText, db } = await filledStore(sandbox.url, {
    portalName: HOSTILE, period: PERIOD, months: 6,
    // The ministry's portal on its public name loads a tracker before consent (cookie and third-party tables);
    // Đà Nẵng's five pages all answer HTTP 500 while it is checked (scanner errors summarised once).
    morePortals: `  - { id: dvc-bct, agency: "bo:BCT", name: Bộ Công Thương, url: "${sandbox.url}/sites/bct/", checkUrl: "${publicSiteUrl('bct', 'http')}" }
  - { id: dvc-danang, agency: "tinh:48", name: Đà Nẵng, url: "${sandbox.url}/sites/danang/", pages: [${[1, 2, 3, 4].map((i) => `{ kind: other, url: "${sandbox.url}/sites/danang/trang-${i}" }`).join(', ')}] }`,
  }));
  // A privacy and accessibility check of the Hà Nội portal (exit 1: the sandbox fails serious criteria on purpose).
  const check = await runCli(['check', 'dvc-hanoi', '--config', config, '--db', db, '--log-level', 'silent']);
  expect([0, 1], check.stderr).toContain(check.code);
  // The ministry's public name reaches the sandbox through the checker's host rules (same store, same portals).
  const withHosts = join(dir, 'config-public-hosts.yaml');
  writeFileSync(withHosts, `${configText}${checksConfigYaml(sandbox)}`);
  const ministry = await runCli(['check', 'dvc-bct', '--config', withHosts, '--db', db, '--log-level', 'silent']);
  expect([0, 1], ministry.stderr).toContain(ministry.code);
  sandbox.setFault('site:danang', { mode: 'http_5xx', status: 500 });
  const failed = await runCli(['check', 'dvc-danang', '--config', config, '--db', db, '--log-level', 'silent']);
  sandbox.setFault('site:danang', null);
  expect(failed.code, failed.stderr).not.toBe(2);
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 480_000);
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const htmlOf = (out: string) => join(out, `bao-cao-${PERIOD}.html`);

/** A poppler tool's output (scripts/test.sh installs poppler-utils from Debian). */
function poppler(tool: 'pdfinfo' | 'pdftotext', args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${tool} is needed to read the report's PDF back: install Debian's poppler-utils (scripts/test.sh does as root). ${r.error.message}`);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

async function openReport(file: string, screenshot: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
  await page.goto(`file://${file}`);
  await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
  return { page, errors, dialogs };
}

describe('dvc-monitor report', () => {
  it('writes a Vietnamese report with the store\'s figures, charts, rankings and portals; the hostile name is text', async () => {
    const out = join(dir, 'out');
    const r = await runCli(['report', '--config', config, '--db', db, '--period', PERIOD, '--out', out, '--pdf']);
    expect(r.code, r.stderr).toBe(0);
    const htmlFile = join(out, `bao-cao-${PERIOD}.html`);
    expect(r.stdout).toContain(htmlFile);
    const text = readFileSync(htmlFile, 'utf8');
    // Self-contained: no external resource a browser would fetch.
    expect(text).not.toMatch(/<(script|link)\b/i);
    expect(text).not.toMatch(/<img\b(?![^>]*src="data:image\/jpeg;base64,)/i);

    const { page, errors, dialogs } = await openReport(htmlFile, 'report-vi.png');
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.locator('h1').innerText()).toContain(`Báo cáo dịch vụ công trực tuyến toàn quốc ${formatMonthLabel(PERIOD, 'vi')}`);
    // One trend chart per headline KPI, one availability chart per probed portal.
    expect(await page.locator('#xu-huong ~ figure svg.chart').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('section.portal svg.chart').count()).toBe(3);
    expect(await page.locator('svg.chart path[d^="M"]').count()).toBeGreaterThanOrEqual(3);

    // The country's headline figure is the one `dvc-monitor kpi` computes from the store.
    const loaded = parseConfig(configText, config, {});
    const store = openStore(db);
    const overview = overviewFromStore(store, loaded, PERIOD, new Date(), 'vi');
    store.close();
    const online = overview.aggregates[0]!.kpis['rate.online_dossiers']!;
    expect(online.rate).not.toBeNull();
    expect(await page.locator('.card[data-kpi="rate.online_dossiers"] .big').innerText()).toBe(formatPercent(online.rate, 'vi'));
    const provinces = overview.agencies.filter((a) => a.level === 'province');
    expect(await page.locator('#xep-hang-tinh tbody tr').count()).toBe(provinces.length);
    const first = provinces.find((a) => a.kpis['rate.services_with_online_filings']!.rank === 1)!;
    expect(await page.locator('#xep-hang-tinh tbody tr').first().innerText()).toContain(first.name);

    // The portal name is shown as the literal text, not run.
    expect(await page.locator('#portal-dvc-hanoi h3').innerText()).toBe(HOSTILE);
    expect(await page.locator('section.portal script').count()).toBe(0);
    // The scorecard: scores, criteria with their legal basis, findings and the evidence hashes of the store.
    const store2 = openStore(db);
    const scorecard = latestScorecard(store2, 'dvc-hanoi')!;
    store2.close();
    const card = page.locator('.scorecard[data-portal="dvc-hanoi"]');
    expect(await card.locator('.card[data-area]').count()).toBe(scorecard.areas.length);
    // Times in Vietnam time with the offset said; the exact instant, ISO with +07:00, in the markup.
    for (const a of scorecard.areas) {
      const checkedAt = card.locator(`.card[data-area="${a.area}"][data-check-id="${a.checkId}"] .checked-at time`);
      expect(await checkedAt.getAttribute('datetime')).toBe(localIsoWithOffset(new Date(a.finishedAt)));
      expect(await checkedAt.innerText()).toBe(localTimeText(a.finishedAt));
      expect(localTimeText(a.finishedAt)).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \(UTC\+7\)$/);
    }
    expect(text).not.toContain('(UTC)');
    expect(text).not.toContain(scorecard.checks[0]!.visits[0]!.startedAt);
    expect(await card.locator('table.criteria tbody tr').count()).toBe(scorecard.results.length);
    expect(await card.locator('table.criteria').innerText()).toMatch(/Luật Bảo vệ dữ liệu cá nhân 91\/2025\/QH15/);
    expect(scorecard.results.some((r) => r.outcome === 'fail' && r.findings.length > 0)).toBe(true);
    // Every finding of every failed criterion, none cut.
    const failedFindings = scorecard.results.filter((r) => r.outcome === 'fail').reduce((n, r) => n + r.findings.length, 0);
    // (one criterion has more findings than the ten the report used to show)
    expect(Math.max(...scorecard.results.filter((r) => r.outcome === 'fail').map((r) => r.findings.length))).toBeGreaterThan(10);
    expect(await card.locator('table.criteria tr.outcome-fail ul.findings li').count()).toBe(failedFindings);
    expect(await card.locator(`table.evidence[data-check-id="${scorecard.checks[0]!.checkId}"]`).innerText()).toContain(scorecard.checks[0]!.visits[0]!.evidenceSha256);
    expect(await card.locator('img.screenshot').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('#phuong-phap ~ table.versions').innerText()).toMatch(/Mã băm cấu hình\s+[0-9a-f]{8,}/);

    // Cookie and third-party tables of the ministry's portal, as its stored evidence has them.
    const store3 = openStore(db);
    const bct = latestScorecard(store3, 'dvc-bct')!;
    const danangCard = latestScorecard(store3, 'dvc-danang')!;
    const privacyArea = bct.areas.find((a) => a.area === 'privacy')!;
    expect(privacyArea.complete).toBe(true);
    const evidence = bct.checks.find((c) => c.checkId === privacyArea.checkId)!.visits.filter((v) => v.status === 'ok')
      .map((v) => JSON.parse(readBody(store3, v.evidenceSha256)!.body.toString('utf8')) as PageEvidence);
    const gatewayJob = store3.prepare("SELECT finished_at AS finishedAt, id FROM job WHERE source_id = 'gateway' AND period = ? AND status = 'succeeded' ORDER BY id DESC LIMIT 1").get(PERIOD) as { finishedAt: string; id: number };
    const gatewayFetch = store3.prepare('SELECT url, sha256 FROM snapshot WHERE job_id = ? ORDER BY id LIMIT 1').get(gatewayJob.id) as { url: string; sha256: string };
    store3.close();
    const tables = page.locator(`#portal-dvc-bct .privacy-tables[data-check-id="${privacyArea.checkId}"]`);
    const tracker = tables.locator('table.third-parties tr[data-host="www.google-analytics.com"]');
    const requestsToIt = evidence.reduce((n, e) => n + e.requests.filter((r) => r.host === 'www.google-analytics.com').length, 0);
    expect(requestsToIt).toBeGreaterThan(1);
    // One row for the host, however many requests it had, with their count, its tracker-list entry, contacted before consent.
    expect(await tracker.count()).toBe(1);
    expect(await tracker.locator('td').nth(2).innerText()).toBe(formatCount(requestsToIt, 'vi'));
    expect(await tracker.locator('td').nth(3).innerText()).toContain('third-party-web: Google Analytics');
    expect(await tracker.locator('td.before-consent').innerText()).toMatch(/^có/);
    const trackerCookie = evidence.flatMap((e) => e.cookies).find((c) => c.domain.replace(/^\./, '') === 'www.google-analytics.com' && c.name === '_trk_sid')!;
    expect(trackerCookie).toBeDefined();
    const cookieRow = tables.locator('table.cookies tr[data-cookie="_trk_sid"]');
    expect(await cookieRow.count()).toBe(1);
    const cookieCells = await cookieRow.locator('td').allInnerTexts();
    expect(cookieCells[1]).toContain('bên thứ ba');
    expect(cookieCells[2]).toMatch(/tiêu đề Set-Cookie\s+https:\/\/www\.google-analytics\.com\/tracker\/pixel\.gif/);
    expect(cookieCells[3]).toBe(expiryText(trackerCookie.expiresInS, 'vi'));
    expect(cookieCells[4]).toEqual(trackerCookie.stored ? 'đã lưu' : expect.stringMatching(/^bị từ chối: /));
    for (const reason of trackerCookie.refusedBecause ?? []) expect(cookieCells[4]).toContain(reason);
    expect(cookieCells[5]).toContain('Google Analytics');
    expect(cookieCells[6]).toContain('trước khi chọn');
    for (const v of bct.checks.find((c) => c.checkId === privacyArea.checkId)!.visits.filter((x) => x.status === 'ok')) expect(await tables.locator('.evidence-files').innerText()).toContain(v.evidenceSha256);
    await tables.screenshot({ path: join(ARTIFACTS, 'report-vi-cookies-third-parties.png') });

    // Đà Nẵng's scanner errors: one line per reason with its five pages collapsed, never a block per page.
    const danang = page.locator('#portal-dvc-danang');
    const errors5xx = danang.locator('.visit-errors li.scanner-error');
    expect(await errors5xx.count()).toBe(1);
    expect(await errors5xx.getAttribute('data-pages')).toBe('5');
    expect(await errors5xx.locator('summary').innerText()).toMatch(/^5 trang: http_5xx \(lỗi máy chủ \(HTTP 5xx\)\)/);
    expect(await errors5xx.locator('ol li').count()).toBe(5);
    // The criteria it could not judge share one row naming the reason, the criteria listed (collapsed) inside it.
    const unjudged = danangCard.results.filter((r) => r.outcome === 'error');
    expect(unjudged.length).toBeGreaterThan(3);
    expect(await danang.locator('table.criteria tr.outcome-error').count()).toBe(1);
    expect(await danang.locator('table.criteria tr.unjudged').getAttribute('data-criteria')).toBe(String(unjudged.length));
    expect(await danang.locator('table.criteria tr.unjudged details li').count()).toBe(unjudged.length);
    expect(await danang.locator('table.criteria li.scanner-error[data-reason="http_5xx"]').count()).toBe(1);
    expect(await danang.locator('table.criteria ul.findings li', { hasText: 'http_5xx' }).count()).toBe(0);
    expect(await danang.innerText()).not.toContain('the page answered HTTP 500');
    await danang.locator('.scorecard').screenshot({ path: join(ARTIFACTS, 'report-vi-scanner-errors.png') });

    // The method appendix: formulas in the users' words and in symbols, weights, versions, sources with their collection.
    expect(await page.locator('table.formulas tr[data-kpi="rate.online_dossiers"] .in-words').innerText())
      .toBe('Tỷ lệ hồ sơ trực tuyến = số hồ sơ tiếp nhận trực tuyến ÷ số hồ sơ tiếp nhận (mọi kênh) × 100%');
    expect(await page.locator('table.formulas tr[data-kpi="rate.services_with_online_filings"] .in-symbols').innerText())
      .toBe('T = N ÷ M × 100%; N = services.with_online_filings; M = services.online_full + services.online_partial');
    for (const [severity, weight] of Object.entries(SEVERITY_WEIGHT)) expect(await page.locator(`table.weights tr[data-severity="${severity}"] td.num`).innerText()).toBe(String(weight));
    expect(await page.locator('.scoring-formula').innerText()).toContain(SCORING_VERSION);
    expect(await page.locator('#phuong-phap ~ p', { hasText: CRITERIA_VERSION }).count()).toBe(1);
    const source = await page.locator('table.sources tr[data-source="gateway"]').innerText();
    expect(source).toContain(`${sandbox.url}/jsp/rest.jsp`);
    expect(source).toContain(localTimeText(gatewayJob.finishedAt));
    expect(source).toContain(gatewayFetch.url);
    expect(source).toContain(gatewayFetch.sha256);
    const checkVersions = await page.locator(`table.check-versions tr[data-check-id="${privacyArea.checkId}"]`).innerText();
    const recorded = bct.checks.find((c) => c.checkId === privacyArea.checkId)!.versions;
    for (const key of ['axe', 'trackerList', 'browser', 'criteria', 'scoring']) expect(checkVersions).toContain(String(recorded[key]));
    expect(await page.locator('table.versions').innerText()).toContain(parseConfig(configText, config, {}).hash);
    await page.close();

    // The PDF: the same report printed by Chromium, several A4 pages, tagged, with bookmarks and numbered pages.
    const pdfPath = join(out, `bao-cao-${PERIOD}.pdf`);
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = poppler('pdfinfo', [pdfPath]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    // Bookmarks: the catalogue names an outline, and the outline has entries (Chromium writes them uncompressed).
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/Outlines\s+\d+\s+0\s+R/);
    expect(raw.match(/\/Title\s*[<(]/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
    const pdfPages = poppler('pdftotext', ['-layout', pdfPath, '-']).split('\f');
    for (let i = 1; i <= pages; i++) expect(pdfPages[i - 1]).toContain(`Trang ${i} / ${pages}`);
    // The PDF prints each scanner error once, its pages listed open, and no per-page error block.
    const pdfText = pdfPages.join('\n');
    expect(pdfText.match(/5 trang: http_5xx/g)?.length).toBe(1);
    expect(pdfText).toContain(`${sandbox.url}/sites/danang/trang-4`);
    expect(pdfText).not.toContain('Lỗi công cụ kiểm tra:');
    expect(pdfText).toContain('www.google-analytics.com');
  });

  it('speaks English with --lang en and narrows to one agency; an unknown agency is a usage error naming it', async () => {
    const out = join(dir, 'out-en');
    const r = await runCli(['report', '--config', config, '--db', db, '--period', PERIOD, '--out', out, '--lang', 'en', '--agency', 'tinh:01']);
    expect(r.code, r.stderr).toBe(0);
    const { page, errors } = await openReport(join(out, `bao-cao-${PERIOD}-tinh-01-en.html`), 'report-en-tinh-01.png');
    expect(errors).toEqual([]);
    expect(await page.locator('h1').innerText()).toContain(`Online public services report ${PERIOD} — `);
    expect(await page.locator('#xep-hang-tinh').count()).toBe(0);
    expect(await page.locator('section.portal').count()).toBe(1);
    // That province's own KPIs with rank, target, gap, numerator and denominator, as `kpi --agency` computes them.
    const store = openStore(db);
    const hanoi = overviewFromStore(store, parseConfig(configText, config, {}), PERIOD, new Date(), 'en').agencies.find((a) => a.agencyCode === 'tinh:01')!;
    store.close();
    const online = hanoi.kpis['rate.online_dossiers']!;
    expect(online.rate).not.toBeNull();
    const row = page.locator('table.agency-kpis[data-agency="tinh:01"] tr[data-kpi="rate.online_dossiers"] td');
    expect(await row.nth(1).innerText()).toBe(formatPercent(online.rate, 'en'));
    expect(await row.nth(2).innerText()).toBe(String(online.rank));
    expect(await row.nth(6).innerText()).toBe(formatCount(online.denominator!, 'en'));
    // The new parts speak English too: the tables' heading, formulas in the users' terms, times with their offset.
    expect(await page.locator('#portal-dvc-hanoi h4', { hasText: 'Cookies and third parties' }).count()).toBe(1);
    expect(await page.locator('table.formulas tr[data-kpi="rate.online_dossiers"] .in-words').innerText())
      .toBe('Dossiers filed online = dossiers filed online ÷ dossiers received (all channels) × 100%');
    expect(await page.locator('table.weights tr[data-severity="serious"] td').first().innerText()).toBe('serious');
    expect(await page.locator('#phuong-phap ~ p.muted', { hasText: 'Generated at' }).innerText()).toMatch(/Generated at \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \(UTC\+7\)/);
    await page.close();

    const bad = await runCli(['report', '--config', config, '--db', db, '--period', PERIOD, '--out', out, '--agency', 'tinh:999']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--agency "tinh:999" không có số liệu trong kỳ');
    expect(bad.stderr).toContain('Cách sửa:');
    const badPeriod = await runCli(['report', '--config', config, '--db', db, '--period', '2026-13']);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.stderr).toContain('--period "2026-13"');
  });

  it('covers exactly its month: a check measured in a later month is not in it; a month with no figures is refused, exit 1, naming it', async () => {
    // Last month has figures (the store holds six months), but the portal was checked this month.
    const previous = addMonths(PERIOD, -1);
    const out = join(dir, 'out-previous');
    const r = await runCli(['report', '--config', config, '--db', db, '--period', previous, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(out, `bao-cao-${previous}.html`), 'utf8');
    expect(text).toContain('section class="portal"');
    expect(text).not.toContain('class="scorecard"');

    const empty = join(dir, 'out-empty');
    const none = await runCli(['report', '--config', config, '--db', db, '--period', '2020-01', '--out', empty]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Không lập báo cáo kỳ 2020-01: kho không có số liệu chỉ tiêu nào của tháng này');
    expect(none.stderr).toContain(`dvc-monitor run --period 2020-01`);
    expect(none.stderr).toContain(`gần nhất: ${PERIOD}`);
    expect(existsSync(empty)).toBe(false);
    const en = await runCli(['report', '--config', config, '--db', db, '--period', '2020-01', '--out', empty, '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('No report for 2020-01: the store holds no figures for that month.');
  });

  it('bundles the report, its PDF, every evidence file it cites and a manifest; verify accepts it and names what was altered, added or removed', async () => {
    const out = join(dir, 'out-bundle');
    const r = await runCli(['report', '--config', config, '--db', db, '--period', PERIOD, '--out', out, '--bundle']);
    expect(r.code, r.stderr).toBe(0);
    const zipPath = join(out, `bao-cao-${PERIOD}.zip`);
    expect(r.stdout).toContain(zipPath);
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { period: string; files: Array<{ path: string; sha256: string; role: string; about?: Record<string, unknown> }> };
    expect(manifest.period).toBe(PERIOD);
    // JSON a person reads: local time, ISO 8601 with the offset.
    expect((manifest as unknown as { generatedAt: string }).generatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    const roles = (role: string) => manifest.files.filter((f) => f.role === role);
    expect(roles('report').map((f) => f.path)).toEqual([`bao-cao-${PERIOD}.html`]);
    expect(roles('pdf').map((f) => f.path)).toEqual([`bao-cao-${PERIOD}.pdf`]);
    // Every page the month's check visited, by the hash the store and the report give.
    const store = openStore(db);
    const scorecard = latestScorecard(store, 'dvc-hanoi')!;
    const shas = roles('page_evidence').map((f) => f.sha256);
    for (const v of scorecard.checks[0]!.visits) expect(shas).toContain(v.evidenceSha256);
    // The payloads the month's figures were read from, with where and when they were fetched.
    const snapshotShas = store.prepare('SELECT DISTINCT s.sha256 FROM measure m JOIN snapshot s ON s.id = m.snapshot_id WHERE m.period = ?').pluck().all(PERIOD) as string[];
    store.close();
    expect(snapshotShas.length).toBeGreaterThan(0);
    expect(roles('payload').map((f) => f.sha256).sort()).toEqual([...snapshotShas].sort());
    expect(roles('payload')[0]!.about).toMatchObject({ url: expect.stringContaining('http://127.0.0.1:'), fetchedAt: expect.any(String) });

    const ok = await runCli(['verify', zipPath]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`hợp lệ — ${manifest.files.length} tệp khớp mã băm SHA-256`);

    // Altered, added and removed files are each named.
    const evidencePath = roles('page_evidence')[0]!.path;
    zip.file(evidencePath, 'altered');
    zip.file('extra.txt', 'added');
    zip.remove(roles('payload')[0]!.path);
    const tampered = join(out, 'tampered.zip');
    writeFileSync(tampered, await zip.generateAsync({ type: 'nodebuffer' }));
    const bad = await runCli(['verify', tampered, '--lang', 'en', '--format', 'json']);
    expect(bad.code).toBe(1);
    const verdict = JSON.parse(bad.stdout) as { ok: boolean; problems: Array<{ path: string; problem: string }> };
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual(expect.arrayContaining([
      { path: evidencePath, problem: 'altered' },
      { path: evidencePath, problem: 'name_is_not_its_hash' },
      { path: 'extra.txt', problem: 'not_listed' },
      { path: roles('payload')[0]!.path, problem: 'missing' },
    ]));
    expect(verdict.problems).toHaveLength(4);
    const notZip = await runCli(['verify', htmlOf(out)]);
    expect(notZip.code).toBe(2);
    expect(notZip.stderr).toContain('không phải là tệp zip đọc được');
  });

  it('prints to fit A4: no table wider than the page, no heading left at the foot of a page', async () => {
    const out = join(dir, 'out-print');
    const r = await runCli(['report', '--config', config, '--db', db, '--period', PERIOD, '--out', out, '--pdf']);
    expect(r.code, r.stderr).toBe(0);
    // A4 less the 10 mm side margins the PDF is printed with: 190 mm = 718 CSS px.
    const page = await browser.newPage({ viewport: { width: 718, height: 1000 } });
    await page.emulateMedia({ media: 'print' });
    await page.goto(`file://${htmlOf(out)}`);
    const wide = await page.evaluate(() => [...document.querySelectorAll('table')]
      .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((t) => `${t.className || t.closest('[id]')?.id || 'table'}: ${Math.round(t.getBoundingClientRect().right)} px`));
    const headings = await page.evaluate(() => [...document.querySelectorAll('h2, h3, h4')].map((h) => (h as HTMLElement).innerText.trim()).filter(Boolean));
    await page.close();
    expect(wide).toEqual([]);
    expect(headings.length).toBeGreaterThan(5);

    const pdfPath = join(out, `bao-cao-${PERIOD}.pdf`);
    const pdfPages = poppler('pdftotext', ['-layout', pdfPath, '-']).split('\f').filter((p) => p.trim());
    const orphans = pdfPages.slice(0, -1).flatMap((text, i) => {
      // The page's last line of content, above its footer ("dvc-monitor · … Trang N / M").
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !/Trang \d+ \/ \d+/.test(l));
      const last = lines[lines.length - 1] ?? '';
      return headings.some((h) => h === last || h.split('\n')[0] === last) ? [`page ${i + 1}: ${last}`] : [];
    });
    expect(orphans).toEqual([]);
  });

  it('exports the month as XLSX, CSV and JSON matching the store', async () => {
    const out = join(dir, 'exports');
    for (const format of ['xlsx', 'csv', 'json']) {
      const r = await runCli(['export', '--config', config, '--db', db, '--period', PERIOD, '--format', format, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
    }
    const store = openStore(db);
    const measures = allMeasuresBetween(store, PERIOD, PERIOD);
    const overview = overviewFromStore(store, parseConfig(configText, config, {}), PERIOD, new Date(), 'vi');
    const scorecard = latestScorecard(store, 'dvc-hanoi')!;
    store.close();
    expect(measures.length).toBeGreaterThan(100);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, `dvc-monitor-${PERIOD}.xlsx`));
    // Vietnamese sheets and headers (the data dictionary names them), typed cells (issue 15).
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Số liệu', 'Chỉ tiêu', 'Cách ly', 'Cảnh báo dữ liệu', 'Sẵn sàng', 'Kiểm tra', 'Từ điển dữ liệu', 'Nguồn gốc']);
    const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);
    const sheet = workbook.getWorksheet('Số liệu')!;
    expect(sheet.rowCount - 1).toBe(measures.length);
    const header = headerOf(sheet);
    const stored = new Map(measures.map((m) => [`${m.agencyCode}|${m.metric}`, m.value]));
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = (name: string) => row.getCell(header.indexOf(name) + 1).value;
      expect(cell('Giá trị') ?? null).toBe(stored.get(`${cell('Mã cơ quan')}|${cell('Chỉ số thu thập')}`));
    });
    const kpis = workbook.getWorksheet('Chỉ tiêu')!;
    const kHeader = headerOf(kpis);
    const vn = kpis.getRows(2, kpis.rowCount - 1)!.find((r) => r.getCell(kHeader.indexOf('Mã cơ quan') + 1).value === 'VN' && r.getCell(kHeader.indexOf('Chỉ tiêu') + 1).value === 'rate.online_dossiers')!;
    const vnRate = overview.aggregates[0]!.kpis['rate.online_dossiers']!.rate!;
    // A percentage is a fraction formatted as percent: rounded as shown, the full value beside it.
    expect(vn.getCell(kHeader.indexOf('Tỷ lệ (%)') + 1).value).toBe(Number(vnRate.toFixed(2)) / 100);
    expect(vn.getCell(kHeader.indexOf('Tỷ lệ (%)') + 1).numFmt).toBe('0.00%');
    expect(vn.getCell(kHeader.indexOf('Tỷ lệ (%) — giá trị đầy đủ') + 1).value).toBe(vnRate / 100);
    // The portal name from the configuration is a plain string in the uptime sheet, never a formula.
    const uptime = workbook.getWorksheet('Sẵn sàng')!;
    expect(uptime.rowCount).toBeGreaterThan(1);
    const availability = uptime.getRow(2).getCell(headerOf(uptime).indexOf('Tỷ lệ sẵn sàng (%)') + 1);
    expect(availability.type).toBe(ExcelJS.ValueType.Number);
    expect(availability.numFmt).toBe('0.00%');
    // The check's date is a date cell.
    const checks = workbook.getWorksheet('Kiểm tra')!;
    const measuredOn = checks.getRow(2).getCell(headerOf(checks).indexOf('Ngày đo') + 1);
    expect(measuredOn.type).toBe(ExcelJS.ValueType.Date);
    expect(scorecard.areas.map((a) => `${a.measuredOn}T00:00:00.000Z`)).toContain((measuredOn.value as Date).toISOString());
    expect(measuredOn.numFmt).toBe('yyyy-mm-dd');

    const json = JSON.parse(readFileSync(join(out, `dvc-monitor-${PERIOD}.json`), 'utf8')) as Record<string, Array<Record<string, unknown>>>;
    expect(json.measures).toHaveLength(measures.length);
    expect(json.kpis!.find((r) => r.agency_code === 'VN' && r.kpi === 'rate.online_dossiers')!.rate_percent).toBe(overview.aggregates[0]!.kpis['rate.online_dossiers']!.rate);
    // The latest check: a row per criterion result and finding, with the evidence the report shows.
    const checkRows = json.checks!.filter((r) => r.portal_id === 'dvc-hanoi');
    expect(checkRows).toHaveLength(scorecard.results.reduce((n, r) => n + Math.max(1, r.findings.length), 0));
    const failed = scorecard.results.find((r) => r.outcome === 'fail' && r.findings.length > 0)!;
    const exported = checkRows.filter((r) => r.criterion_id === failed.criterionId);
    expect(exported.map((r) => [r.outcome, r.finding_code, r.evidence_sha256, r.evidence_path])).toEqual(
      failed.findings.map((f) => ['fail', f.code, f.evidenceSha256, f.evidencePath]));
    expect(exported[0]!.legal_basis).toBe(failed.basis.map((b) => [b.instrument, b.article].filter(Boolean).join(' ')).join('; '));
    expect(checks.rowCount - 1).toBe(json.checks!.length);
    const csv = readFileSync(join(out, `dvc-monitor-${PERIOD}-measures.csv`), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(measures.length + 1);

    // The month before has its figures but no check: one measured this month is not its scorecard.
    const before = addMonths(PERIOD, -1);
    const r = await runCli(['export', '--config', config, '--db', db, '--period', before, '--format', 'json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const earlier = JSON.parse(readFileSync(join(out, `dvc-monitor-${before}.json`), 'utf8')) as Record<string, unknown[]>;
    expect(earlier.measures!.length).toBeGreaterThan(100);
    expect(earlier.checks).toEqual([]);
  });
});
