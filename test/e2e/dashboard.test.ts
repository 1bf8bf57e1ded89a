// `dvc-monitor serve` as a real process over a store filled from the sandbox, browsed with real
// Chromium at 1366 × 900 and 390 × 844 (screenshots under test-artifacts/): every page renders
// its charts without console errors and without a page scrolling sideways; a hostile portal name
// is text everywhere; every control is reached and used with the keyboard alone; searching,
// sorting and the period picker work with and without script; dark mode follows the system with
// enough contrast; a state change reaches an open page within 2 s; acknowledging from the page
// needs the token and the dashboard's own page (CSRF); the API answers what the store holds; the
// public status page, its feeds, badges and static export show public portals only; /metrics,
// /healthz and /readyz answer.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { benchRound } from '../../scripts/bench/fixtures/dashboard-store.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { applyAlertChanges, getAlert } from '../../storage/alerts.ts';
import { openStore } from '../../storage/db.ts';
import { listEndpoints, writeRounds } from '../../storage/uptime.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { overviewFromStore } from '../../src/kpi/from-store.ts';
import { parseConfig } from '../../src/config/load.ts';
import { currentMonth, addMonths } from '../../src/time/period.ts';
import { INITIAL_HEALTH } from '../../src/uptime/state-machine.ts';
import { runCli, type startCli } from '../helpers/cli.ts';
import { filledStore } from '../helpers/sandbox-config.ts';
import { startServe } from '../helpers/serve.ts';
import { tempDir } from '../helpers/tmp.ts';

const HOSTILE = '<script>alert(1)</script>';
const HOSTILE_SUBJECT = '<img src=x onerror=alert(2)>';
const PRIVATE_NAME = 'Cổng nội bộ không công khai';
const TOKEN = 'test-token-not-secret';
const PERIOD = currentMonth(new Date());
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SIZES = [{ width: 1366, height: 900 }, { width: 390, height: 844 }] as const;

let sandbox: Sandbox;
let browser: Browser;
let serve: ReturnType<typeof startCli>;
let base: string;
let db: string;
let configText: string;
let config: string;
let alertId: number;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9 });
  ({ config, configText, db } = await filledStore(sandbox.url, {
    portalName: HOSTILE, period: PERIOD, months: 3, public: true,
    morePortals: `  - { id: noi-bo, agency: "bo:BCT", name: "${PRIVATE_NAME}", url: "${sandbox.url}/sites/bct/" }`,
  }));
  // An open alert whose subject came from a portal, as the engine would store it.
  const store = openStore(db);
  applyAlertChanges(store, [{
    kind: 'create', status: 'open', notify: null, silencedReason: null,
    condition: { rule: 'portal.down', subject: HOSTILE_SUBJECT, portalId: 'dvc-hanoi', severity: 'critical', facts: { portal: HOSTILE, since: new Date().toISOString(), ratio: 12.345678901234 } },
  }], () => [], new Date());
  alertId = (store.prepare('SELECT max(id) AS id FROM alert').get() as { id: number }).id;
  store.close();
  ({ serve, base } = await startServe(['--config', config, '--db', db], { DVC_MONITOR_TOKEN: TOKEN }));
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 480_000);

afterAll(async () => {
  await browser?.close();
  serve?.child.kill('SIGTERM');
  await serve?.done;
  await sandbox?.close();
});

/** A page with its console errors, uncaught errors and dialogs recorded. */
async function open(context: BrowserContext, path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
  const response = await page.goto(`${base}${path}`);
  expect(response?.status(), path).toBe(200);
  return { page, problems };
}

const PAGES: Array<[path: string, charts: number]> = [
  [`/?period=${PERIOD}`, 2], [`/agency/tinh:01?period=${PERIOD}`, 8], ['/portals', 0], ['/portal/dvc-hanoi', 2], ['/portal/dvc-hanoi?range=1y', 2],
  ['/alerts', 0], ['/alerts/ALERT?lang=en', 0], ['/tiep-can', 0], ['/du-lieu-ca-nhan', 0], ['/status', 0], ['/status?lang=en', 0], ['/status/tiep-can', 0],
];
const pathOf = (p: string) => p.replace('ALERT', String(alertId));
const slug = (path: string) => path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'tong-quan';

/** Every control a keyboard user can reach on the page now (visible, enabled, not inside a closed disclosure). */
const CONTROLS = `[...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary, [tabindex="0"]')]
  .filter((e) => !e.disabled && !e.hidden && !e.closest('[hidden]') && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'
    && !(e.closest('details:not([open])') && e.tagName !== 'SUMMARY'))`;

/** Presses Tab until the focus comes round: the controls reached, in order, and any without a visible focus indicator. */
async function tabThrough(page: Page): Promise<{ reached: number; expected: number; missed: string[]; invisible: string[] }> {
  const expected = (await page.evaluate(`(${CONTROLS}).length`)) as number;
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen = new Set<string>();
  const invisible: string[] = [];
  for (let i = 0; i < expected + 5; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const all = [...document.querySelectorAll('*')];
      const s = getComputedStyle(e);
      return { key: `${e.tagName}#${all.indexOf(e)}`, shown: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, text: (e.textContent ?? '').trim().slice(0, 40) };
    });
    if (focused === null) continue;
    if (seen.has(focused.key)) break;
    seen.add(focused.key);
    if (!focused.shown) invisible.push(focused.text);
  }
  const missed = (await page.evaluate(`(${CONTROLS}).map((e) => [e, [...document.querySelectorAll('*')].indexOf(e)]).map(([e, i]) => e.tagName + '#' + i + ' ' + (e.textContent || '').trim().slice(0, 30))`)) as string[];
  return { reached: seen.size, expected, missed: missed.filter((m) => !seen.has(m.split(' ')[0]!)), invisible };
}

describe('dvc-monitor serve', () => {
  it('binds 127.0.0.1 and never prints the token', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const started = await Promise.race([serve.done, new Promise((r) => setTimeout(() => r(null), 200))]);
    expect(started).toBeNull();
    serve.child.stdout!.on('data', (d) => expect(String(d)).not.toContain(TOKEN));
  });

  for (const size of SIZES) {
    it(`renders every page at ${size.width} × ${size.height} with its charts, no console error, no sideways scrolling; portal text stays text`, async () => {
      const context = await browser.newContext({ viewport: size });
      for (const [p, charts] of PAGES) {
        const path = pathOf(p);
        const { page, problems } = await open(context, path);
        await page.screenshot({ path: join(ARTIFACTS, `dashboard-${size.width}-${slug(path)}.png`), fullPage: true });
        expect(problems, path).toEqual([]);
        expect(await page.locator('svg.chart').count(), path).toBe(charts);
        // Each chart has a name and the table of its figures behind it.
        for (const chart of await page.locator('figure.chart-figure').all()) {
          expect(await chart.locator('svg[role="img"][aria-label]').count(), path).toBe(1);
          expect(await chart.locator('details.chart-data table tbody tr').count(), path).toBeGreaterThan(0);
        }
        // Only our own script file, nothing inline, no element a portal string could have made.
        expect(await page.locator('script:not([src="/assets/dashboard.js"]), img[src="x"], [onerror]').count(), path).toBe(0);
        const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        expect(width[0], `${path} scrolls sideways at ${size.width}`).toBeLessThanOrEqual(width[1]!);
        await page.close();
      }
      const { page } = await open(context, '/portal/dvc-hanoi');
      expect(await page.locator('h1').innerText()).toBe(HOSTILE);
      // Uptime is shown for the endpoints the probe round reached.
      expect(await page.locator('#diem-do tbody tr').first().innerText()).toContain('100,00%');
      for (const path of ['/portals', '/status', '/alerts']) {
        await page.goto(`${base}${path}`);
        expect(await page.locator('main').innerText(), path).toContain(path === '/alerts' ? HOSTILE_SUBJECT : HOSTILE);
      }
      await context.close();
    });
  }

  it('reaches every control with the keyboard alone, with a visible focus, at both sizes', async () => {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size });
      for (const [p] of PAGES) {
        const path = pathOf(p);
        const { page } = await open(context, path);
        const walk = await tabThrough(page);
        expect(walk.missed, `${path} at ${size.width}`).toEqual([]);
        expect(walk.invisible, `${path} at ${size.width}`).toEqual([]);
        expect(walk.reached, path).toBe(walk.expected);
        await page.close();
      }
      await context.close();
    }
  });

  it('searches without diacritics, sorts and keeps the period, by keyboard, with and without script', async () => {
    const period = addMonths(PERIOD, -1);
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const { page } = await open(context, '/');
      // The period picker: chosen with the keyboard, then kept by every link.
      await page.locator('select[name="period"]').focus();
      await page.locator('select[name="period"]').selectOption(period);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`period=${period}`));
      expect(await page.locator('h1').innerText()).toContain(`${Number(period.slice(5))}/${period.slice(0, 4)}`);
      await page.locator('nav a[href^="/portals"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/portals/);
      expect(page.url()).toContain(`period=${period}`);
      await page.locator('nav a[href^="/?"], nav a[href="/"]').first().focus();
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.pathname === '/');
      // "ha noi" finds "Thành phố Hà Nội".
      await page.locator('input[name="q"]').focus();
      await page.keyboard.type('ha noi');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => [...document.querySelectorAll('#xep-hang-tinh tbody tr')].filter((r) => !(r as HTMLElement).hidden).length === 1);
      expect(await page.locator('#xep-hang-tinh tbody tr:not([hidden])').innerText()).toContain('Hà Nội');
      expect(page.url()).toContain('q=ha+noi');
      // The script says what it did in the page's language (words from the catalogue).
      if (javaScriptEnabled) expect(await page.locator('#ket-qua-loc').innerText()).toMatch(/^Đang lọc: \d+ kết quả\.$/);
      // The search emptied again brings every ministry back (no ministry is "ha noi").
      expect(await page.locator('#xep-hang-bo tbody tr:not([hidden])').count()).toBe(0);
      await page.locator('input[name="q"]').focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('#xep-hang-bo tbody tr:not([hidden])').length > 5);
      expect(new URL(page.url()).searchParams.get('q') ?? '').toBe('');
      // Sorting by name, from the column heading.
      await page.locator('#xep-hang-bo th a.sort[data-sort="name"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#xep-hang-bo th:nth-child(2)')?.getAttribute('aria-sort') === 'ascending');
      expect(new URL(page.url()).searchParams.get('sort')).toBe('name');
      if (javaScriptEnabled) expect(await page.locator('#live-status').innerText()).toMatch(/^Đã sắp xếp theo .+, tăng dần$/);
      const names = await page.locator('#xep-hang-bo tbody tr:not([hidden]) th[scope="row"] a').allInnerTexts();
      expect(names.length).toBeGreaterThan(5);
      expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
      // A chart's data table opens from its summary.
      await page.locator('details.chart-data summary').first().focus();
      await page.keyboard.press('Enter');
      expect(await page.locator('details.chart-data').first().getAttribute('open')).not.toBeNull();
      await context.close();
    }
  });

  it('follows the system into dark mode, every text with enough contrast', async () => {
    const context = await browser.newContext({ colorScheme: 'dark', bypassCSP: true });
    for (const path of ['/', '/portal/dvc-hanoi', '/alerts', '/status', `/agency/tinh:01`]) {
      const { page, problems } = await open(context, path);
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(background, path).toBe('rgb(22, 24, 27)');
      await page.screenshot({ path: join(ARTIFACTS, `dashboard-dark-${slug(path)}.png`) });
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run(o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run({ runOnly: ['color-contrast'] });
        return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
      });
      expect(violations, path).toEqual([]);
      expect(problems, path).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  it('brings a state change to an open page within 2 s, without reloading it', async () => {
    const context = await browser.newContext();
    const { page, problems } = await open(context, '/portal/dvc-hanoi');
    let navigations = 0;
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations++);
    await page.waitForTimeout(700); // the event stream is open
    const store = openStore(db);
    const endpoint = listEndpoints(store, { portalId: 'dvc-hanoi' }).find((e) => e.key === 'home')!;
    const started = Date.now();
    writeRounds(store, [benchRound(endpoint.id, INITIAL_HEALTH, { kind: 'failed', reason: 'http_5xx' }, new Date(), null)]);
    store.close();
    await page.waitForFunction(() => document.querySelector('#hien-tai .state-down') !== null, undefined, { timeout: 2000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2000);
    expect(navigations).toBe(0);
    expect(await page.locator('#live-status').innerText()).toMatch(/Đã cập nhật/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('answers the API with the store\'s figures; unknown things are named 404s, a bad period a 400', async () => {
    const overview = await (await fetch(`${base}/api/overview?period=${PERIOD}`)).json() as { aggregates: Array<{ agencyCode: string; kpis: Record<string, { rate: number | null }> }>; agencies: unknown[] };
    const store = openStore(db);
    const expected = overviewFromStore(store, parseConfig(configText, config, {}), PERIOD, new Date(), 'vi');
    store.close();
    expect(overview.aggregates[0]!.kpis['rate.online_dossiers']!.rate).toBe(expected.aggregates[0]!.kpis['rate.online_dossiers']!.rate);
    expect(overview.agencies).toHaveLength(expected.agencies.filter((a) => a.level === 'ministry' || a.level === 'province').length);

    const agency = await (await fetch(`${base}/api/agencies/tinh:01?period=${PERIOD}`)).json() as { series: Array<{ period: string }> };
    expect(agency.series.map((s) => s.period).at(-1)).toBe(PERIOD);
    const portal = await (await fetch(`${base}/api/portals/dvc-hanoi`)).json() as { endpoints: Array<{ portalId: string; lastProbe: unknown }> };
    expect(portal.endpoints.length).toBeGreaterThan(0);
    expect(portal.endpoints.every((e) => e.portalId === 'dvc-hanoi' && e.lastProbe !== null)).toBe(true);

    const missing = await fetch(`${base}/api/portals/nope`);
    expect(missing.status).toBe(404);
    // An API error is in the language asked for, Vietnamese by default, and says the fix.
    expect((await missing.json() as { error: string }).error).toContain('cổng "nope" không có trong cấu hình. Cách sửa: dùng một trong các cổng dvc-hanoi');
    expect((await (await fetch(`${base}/api/portals/nope?lang=en`)).json() as { error: string }).error).toContain('portal "nope" is not configured. Fix: use one of dvc-hanoi');
    const bad = await fetch(`${base}/api/overview?period=2026-13`);
    expect(bad.status).toBe(400);
    expect((await bad.json() as { error: string }).error).toContain('period "2026-13"');
    expect((await fetch(`${base}/api/overview`, { method: 'DELETE' })).status).toBe(405);
    const headers = (await fetch(`${base}/`)).headers;
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });

  it('shows an alert readably: localised state and severity, named subject, facts without raw JSON', async () => {
    const context = await browser.newContext();
    const { page } = await open(context, `/alerts/${alertId}`);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Nghiêm trọng');
    expect(text).toContain('Đang mở');
    expect(text).not.toContain('critical');
    expect(text).not.toMatch(/[{]"/);
    expect(text).toContain('12,35');
    expect(text).not.toContain('12.345678901234');
    await page.goto(`${base}/alerts?state=resolved`);
    expect(await page.locator('table.alerts tbody tr').count()).toBe(0);
    await page.goto(`${base}/alerts?rule=portal.down&portal=dvc-hanoi`);
    expect(await page.locator('table.alerts tbody tr').count()).toBe(1);
    await context.close();
  });

  it('acknowledges from the page only with the token, and only from its own page', async () => {
    const url = `${base}/alerts/${alertId}/ack`;
    const form = (token: string) => ({ method: 'POST', redirect: 'manual' as const, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(token)}` });
    // Another site's page making the browser post the form: refused before the token is even read.
    const crossSite = await fetch(url, { ...form(TOKEN), headers: { ...form(TOKEN).headers, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('không xuất phát từ trang của bảng điều khiển');
    expect((await fetch(url, { ...form('wrong') })).status).toBe(401);
    expect((await fetch(`${base}/api/alerts/${alertId}/ack`, { method: 'POST' })).status).toBe(401);
    let store = openStore(db);
    expect(getAlert(store, alertId)!.acknowledgedAt).toBeNull();
    store.close();

    // The operator, with the keyboard, on the alert's page.
    const context = await browser.newContext();
    const { page, problems } = await open(context, `/alerts/${alertId}`);
    await page.locator('input[name="token"]').focus();
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await page.waitForURL(/xac-nhan=1/);
    expect(await page.locator('.notice[role="status"]').innerText()).toContain('Đã xác nhận');
    expect(problems).toEqual([]);
    store = openStore(db);
    expect(getAlert(store, alertId)!.acknowledgedAt).not.toBeNull();
    store.close();
    await context.close();
  });

  it('publishes public portals only: status page, feeds, badges, JSON and the static export', async () => {
    const status = await (await fetch(`${base}/status`)).text();
    expect(status).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(status).not.toContain(PRIVATE_NAME);
    for (const feed of ['/status/feed.atom', '/status/feed.rss', '/api/status']) {
      const res = await fetch(`${base}${feed}`);
      expect(res.status, feed).toBe(200);
      const body = await res.text();
      expect(body, feed).not.toContain(PRIVATE_NAME);
      expect(body, feed).not.toContain('<script>');
    }
    expect((await fetch(`${base}/status/feed.atom`)).headers.get('content-type')).toContain('application/atom+xml');
    const badge = await fetch(`${base}/badge/dvc-hanoi/status.svg`);
    expect(badge.headers.get('content-type')).toContain('image/svg+xml');
    // The live-update test above left dvc-hanoi down: the badge says so, in words as well as colour.
    expect(await badge.text()).toMatch(/<title>trạng thái: ngừng hoạt động<\/title>/);
    expect((await fetch(`${base}/badge/dvc-hanoi/uptime-30d.svg`)).status).toBe(200);
    expect((await fetch(`${base}/badge/noi-bo/status.svg`)).status).toBe(404);
    expect((await fetch(`${base}/badge/nope/status.svg`)).status).toBe(404);

    const out = tempDir();
    const r = await runCli(['status-page', '--out', out, '--base-url', 'https://trangthai.example.gov.vn/', '--config', config, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    for (const file of ['index.html', 'index.en.html', 'feed.atom', 'feed.rss', 'tiep-can.html', 'du-lieu-ca-nhan.html', 'assets/status.css', 'badge/dvc-hanoi/status.svg', 'badge/dvc-hanoi/uptime-30d.svg']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(existsSync(join(out, 'badge/noi-bo'))).toBe(false);
    const everything = readdirSync(out, { recursive: true }).filter((f) => String(f).match(/\.(html|atom|rss|svg)$/)).map((f) => readFileSync(join(out, String(f)), 'utf8')).join('\n');
    expect(everything).not.toContain(PRIVATE_NAME);
    expect(readFileSync(join(out, 'feed.atom'), 'utf8')).toContain('<link rel="self" type="application/atom+xml" href="https://trangthai.example.gov.vn/feed.atom"/>');
  });

  it('answers /healthz, /readyz and Prometheus /metrics: probes, availability, KPIs, runs, outbox', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    // `serve` alone, without `start`: the dashboard answers, nothing is being probed.
    expect(await health.json()).toMatchObject({ status: 'degraded', store: { ok: true } });
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready' });
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    // The live-update test above left dvc-hanoi down: its latest probe failed.
    const hanoi = 'portal="dvc-hanoi",endpoint="home",agency="tinh:01"';
    expect(text).toMatch(new RegExp(`^probe_success\\{${hanoi}\\} 0$`, 'm'));
    expect(text).toMatch(new RegExp(`^dvc_endpoint_state\\{${hanoi},state="down"\\} 1$`, 'm'));
    const internal = 'portal="noi-bo",endpoint="home",agency="bo:BCT"';
    expect(text).toMatch(new RegExp(`^probe_success\\{${internal}\\} 1$`, 'm'));
    expect(text).toMatch(new RegExp(`^probe_duration_seconds\\{${internal}\\} [0-9.e-]+$`, 'm'));
    expect(text).toMatch(/^dvc_kpi_ratio\{kpi="rate.online_dossiers",agency="VN",level="national",region=""\} 0\.[0-9]+$/m);
    expect(text).toMatch(/^dvc_run_last_finished_timestamp_seconds [0-9.e+]+$/m);
    // No channel configured and nothing queued: the family is declared, with no series.
    expect(text).toMatch(/^# TYPE dvc_outbox_messages gauge$/m);
    expect(text).not.toMatch(/^dvc_outbox_messages\{/m);
  });
});
