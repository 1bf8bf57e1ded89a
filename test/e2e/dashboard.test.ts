// `dvc-monitor serve` as a real process over a store filled from the sandbox, browsed with real
// Chromium: every page renders with its charts and without console errors (screenshots under
// test-artifacts/), portal text stays text, the API answers what the store holds, the alert
// link of the messages resolves, acknowledging needs the token, and /metrics speaks Prometheus.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { applyAlertChanges, getAlert } from '../../storage/alerts.ts';
import { openStore } from '../../storage/db.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { overviewFromStore } from '../../src/kpi/from-store.ts';
import { parseConfig } from '../../src/config/load.ts';
import { currentMonth } from '../../src/time/period.ts';
import { startCli } from '../helpers/cli.ts';
import { filledStore } from '../helpers/sandbox-config.ts';

const HOSTILE = '<script>alert(1)</script>';
const HOSTILE_SUBJECT = '<img src=x onerror=alert(2)>';
const TOKEN = 'test-token-not-secret';
const PERIOD = currentMonth(new Date());
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');

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
  ({ config, configText, db } = await filledStore(sandbox.url, { portalName: HOSTILE, period: PERIOD, months: 3 }));
  // An open alert whose subject came from a portal, as the engine would store it.
  const store = openStore(db);
  applyAlertChanges(store, [{
    kind: 'create', status: 'open', notify: null, silencedReason: null,
    condition: { rule: 'portal.down', subject: HOSTILE_SUBJECT, portalId: 'dvc-hanoi', severity: 'critical', facts: { portal: HOSTILE, since: new Date().toISOString() } },
  }], () => [], new Date());
  alertId = (store.prepare('SELECT max(id) AS id FROM alert').get() as { id: number }).id;
  store.close();

  serve = startCli(['serve', '--config', config, '--db', db, '--port', '0', '--log-level', 'silent'], { DVC_MONITOR_TOKEN: TOKEN });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]!);
    });
    void serve.done.then((r) => reject(new Error(`serve exited ${r.code}: ${r.stderr}`)));
  });
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 480_000);
afterAll(async () => {
  await browser?.close();
  serve?.child.kill('SIGTERM');
  await serve?.done;
  await sandbox?.close();
});

describe('dvc-monitor serve', () => {
  it('binds 127.0.0.1 and never prints the token', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const started = await Promise.race([serve.done, new Promise((r) => setTimeout(() => r(null), 200))]);
    expect(started).toBeNull();
    serve.child.stdout!.on('data', (d) => expect(String(d)).not.toContain(TOKEN));
  });

  it('renders every page with its charts and no console errors; portal text stays text', async () => {
    const pages: Array<[string, string, number]> = [
      [`/?period=${PERIOD}`, 'dashboard-national.png', 2],
      [`/agency/tinh:01?period=${PERIOD}`, 'dashboard-agency.png', 2],
      ['/portals', 'dashboard-portals.png', 0],
      ['/portal/dvc-hanoi', 'dashboard-portal.png', 1],
      ['/alerts', 'dashboard-alerts.png', 0],
      [`/alerts/${alertId}?lang=en`, 'dashboard-alert.png', 0],
    ];
    for (const [path, shot, charts] of pages) {
      const page = await browser.newPage();
      const errors: string[] = [];
      const dialogs: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBe(200);
      await page.screenshot({ path: join(ARTIFACTS, shot), fullPage: true });
      expect(errors, path).toEqual([]);
      expect(dialogs, path).toEqual([]);
      expect(await page.locator('svg.chart').count(), path).toBeGreaterThanOrEqual(charts);
      expect(await page.locator('body script, body img').count(), path).toBe(0);
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(`${base}/portal/dvc-hanoi`);
    expect(await page.locator('h1').innerText()).toBe(HOSTILE);
    // Uptime is shown for the current month, where the probe round fell.
    expect(await page.locator('table.uptime tbody tr').first().innerText()).toContain('100,00%');
    await page.goto(`${base}/alerts`);
    expect(await page.locator('table.alerts tbody tr').first().innerText()).toContain(HOSTILE_SUBJECT);
    await page.close();
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
    expect((await missing.json() as { error: string }).error).toContain('portal "nope"');
    const bad = await fetch(`${base}/api/overview?period=2026-13`);
    expect(bad.status).toBe(400);
    expect((await bad.json() as { error: string }).error).toContain('period "2026-13"');
    expect((await fetch(`${base}/api/overview`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${base}/`)).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('acknowledges an alert only with the token', async () => {
    const url = `${base}/api/alerts/${alertId}/ack`;
    expect((await fetch(url, { method: 'POST' })).status).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    let store = openStore(db);
    expect(getAlert(store, alertId)!.acknowledgedAt).toBeNull();
    store.close();
    const ok = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: alertId, acknowledged: true });
    store = openStore(db);
    expect(getAlert(store, alertId)!.acknowledgedAt).not.toBeNull();
    store.close();
  });

  it('exposes Prometheus metrics: probes, availability, KPIs, runs, outbox; /healthz', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const home = 'portal="dvc-hanoi",endpoint="home",agency="tinh:01"';
    expect(text).toMatch(new RegExp(`^probe_success\\{${home}\\} 1$`, 'm'));
    expect(text).toMatch(new RegExp(`^probe_duration_seconds\\{${home}\\} [0-9.e-]+$`, 'm'));
    expect(text).toMatch(new RegExp(`^dvc_endpoint_state\\{${home},state="up"\\} 1$`, 'm'));
    expect(text).toMatch(/^dvc_kpi_ratio\{kpi="rate.online_dossiers",agency="VN",level="national",region=""\} 0\.[0-9]+$/m);
    expect(text).toMatch(/^dvc_run_last_finished_timestamp_seconds [0-9.e+]+$/m);
    // No channel configured and nothing queued: the family is declared, with no series.
    expect(text).toMatch(/^# TYPE dvc_outbox_messages gauge$/m);
    expect(text).not.toMatch(/^dvc_outbox_messages\{/m);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    // `serve` alone, without `start`: the dashboard answers, nothing is being probed.
    expect(await health.json()).toMatchObject({ status: 'degraded', store: { ok: true } });
  });
});
