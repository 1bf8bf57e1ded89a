// /metrics as Prometheus reads it: the exposition of a store filled by real probes (an HTTPS
// endpoint with a known certificate, one answering 503), KPI measures of two provinces, a
// privacy check, an open alert and a waiting notification, checked by Prometheus' own linter
// (promtool check metrics) and read back with a text-format parser, never by regular expressions;
// and /healthz, what a load balancer or container runtime polls.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAlertChanges, enqueueTestMessage } from '../../storage/alerts.ts';
import { saveCheck } from '../../storage/checks.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { upsertMeasures, type MeasureInput } from '../../storage/measures.ts';
import { addJobs, completeJob, createRun, listJobs } from '../../storage/runs.ts';
import { acquireLock } from '../../storage/service.ts';
import type { PortalCheck } from '../../src/checks/checker.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import { judgePortal } from '../../src/checks/judge.ts';
import { scoreArea } from '../../src/checks/score.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { DashboardData } from '../../src/server/data.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { startDashboard } from '../../src/server/server.ts';
import { LOCK_NAME } from '../../src/service/service.ts';
import { lastCompleteMonth } from '../../src/cli/periods.ts';
import { startMonitor } from '../../src/uptime/monitor.ts';
import { TOOL_VERSION } from '../../src/version.ts';
import { tempDir } from '../helpers/tmp.ts';

interface Sample { labels?: Record<string, string>; value: string }
interface Family { name: string; help: string; type: string; metrics: Sample[] }

const log = createLogger('silent');
const closers: Array<() => Promise<void>> = [];
const CERT_NOT_AFTER = new Date(Math.floor(Date.now() / 1000) * 1000 + 20 * 86_400_000);

let db: Db;
let data: DashboardData;
let certPem: string;
let loadedText: string;
let reportingCount = 0;

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
  return (server.address() as net.AddressInfo).port;
}

const month = lastCompleteMonth(new Date());
const measure = (agencyCode: string, metric: string, value: number): MeasureInput => ({ agencyCode, metric, period: month, value, nullReason: null, snapshotId: null });

/** A home page with a tracker loaded before consent and a cookie it set: privacy criteria fail. */
function privacyCheck(at: Date): PortalCheck {
  const home = 'https://dichvucong.hanoi.gov.vn/';
  const e = emptyEvidence(home, 'home', at);
  const evidence = {
    ...e, finalUrl: home, lang: 'vi', title: 'Cổng DVC', text: 'Cổng dịch vụ công',
    document: { status: 200, headers: {}, tls: null, redirects: [] },
    requests: [{
      url: 'https://www.google-analytics.com/collect', host: 'www.google-analytics.com', method: 'GET', type: 'Image', party: 'third' as const,
      initiator: { type: 'script', url: 'https://www.googletagmanager.com/gtag/js' }, status: 200, mimeType: 'image/gif', failed: null, bytes: 43, responseHeaders: {},
      tracker: { entity: 'Google Analytics', categories: ['analytics'] },
    }],
    cookies: [{
      name: '_ga', domain: '.hanoi.gov.vn', path: '/', secure: false, httpOnly: false, sameSite: null, expiresInS: 63072000, party: 'first' as const,
      setBy: { via: 'script' as const, url: 'https://www.googletagmanager.com/gtag/js' }, tracker: 'Google Analytics', valueLength: 26, stored: true, refusedBecause: null,
    }],
  };
  const results = judgePortal({ home: evidence, pages: [] }, ['privacy'], at.toISOString().slice(0, 10));
  return {
    target: { portalId: 'dvc-hanoi', homeUrl: home, pages: [] }, areas: ['privacy'], startedAt: at, finishedAt: at, measuredOn: at.toISOString().slice(0, 10),
    visits: [{ evidence, dom: Buffer.from('<html lang="vi"></html>'), axe: null, screenshot: Buffer.from([0xff, 0xd8, 0xff]), crops: [] }],
    results, scores: [scoreArea(results, 'privacy')],
    versions: { tool: TOOL_VERSION, axe: '4.14.1', trackerList: 'third-party-web@0.30.0', browser: 'Chromium 156', criteria: 'criteria/2', scoring: 'score/2' },
  };
}

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'dvc-monitor metrics test' }], {
    keyType: 'ec', algorithm: 'sha256', notBeforeDate: new Date(Date.now() - 86_400_000), notAfterDate: CERT_NOT_AFTER,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  certPem = pems.cert;
  const securePort = await listen(https.createServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('{"status":"ok"}')));
  const brokenPort = await listen(http.createServer((_req, res) => {
    res.statusCode = 503;
    res.end('Service Unavailable');
  }));
  // Answers after 50 ms, above its slowMs of 1: SUY GIẢM (degraded), still available.
  const slowPort = await listen(http.createServer((_req, res) => void setTimeout(() => res.end('ok'), 50)));
  loadedText = `version: 1
uptime:
  defaults: { intervalSeconds: 10, timeoutMs: 2000, slowMs: 2000, confirmDelayMs: 20 }
channels:
  - { id: ops, kind: webhook, url: "http://127.0.0.1:9/hook" }
portals:
  - id: dvc-hanoi
    agency: "tinh:01"
    name: Hà Nội
    url: "https://127.0.0.1:${securePort}/"
    probes:
      - { id: home, url: "https://127.0.0.1:${securePort}/" }
      - { id: api, url: "http://127.0.0.1:${brokenPort}/api" }
      - { id: slow, url: "http://127.0.0.1:${slowPort}/", slowMs: 1 }
`;
  const loaded = parseConfig(loadedText, 'test.yaml', {});
  db = openStore(join(tempDir(), 'metrics.sqlite'));
  for (let i = 0; i < 2; i++) {
    const monitor = startMonitor({ db, loaded, log, once: true, ca: pems.cert });
    await monitor.done;
    await monitor.stop();
  }
  // Every current ministry and province reports (so the country and the blocks have a figure):
  // 620 of 1,000 dossiers online in Hà Nội, 1,000 of 4,000 in Hồ Chí Minh City, 500 of 1,000 elsewhere.
  const reporting = loaded.agencies.filter((a) => (a.level === 'province' || a.level === 'ministry') && a.validTo === null);
  const online: Record<string, [number, number]> = { 'tinh:01': [620, 1000], 'tinh:79': [1000, 4000] };
  upsertMeasures(db, reporting.flatMap((a) => {
    const [o, r] = online[a.code] ?? [500, 1000];
    return [measure(a.code, 'dossiers.received', r), measure(a.code, 'dossiers.received_online', o)];
  }), { sourceId: null, runId: null, now: new Date() });
  reportingCount = reporting.length;
  saveCheck(db, { runId: null, jobId: null, check: privacyCheck(new Date(Date.now() - 3_600_000)) });
  applyAlertChanges(db, [{
    kind: 'create', status: 'open', notify: null, silencedReason: null,
    condition: { rule: 'portal.down', subject: 'dvc-hanoi/api', portalId: 'dvc-hanoi', severity: 'critical', facts: { since: new Date().toISOString() } },
  }], () => [], new Date());
  enqueueTestMessage(db, 'ops', { text: 'test' }, new Date(Date.now() - 600_000));
  acquireLock(db, LOCK_NAME, { pid: process.pid, host: 'test-host' }, new Date(), 60_000, () => false);
  data = new DashboardData(db, loaded, () => new Date());
}, 60_000);

afterAll(async () => {
  db?.close();
  for (const close of closers.splice(0)) await close();
});

const scrape = async () => createMetrics(data).metrics();
const parse = (text: string): Map<string, Family> => new Map((parsePrometheusTextFormat(text) as Family[]).map((f) => [f.name, f]));
const values = (families: Map<string, Family>, name: string, match: Record<string, string> = {}) =>
  (families.get(name)?.metrics ?? []).filter((m) => Object.entries(match).every(([k, v]) => m.labels?.[k] === v)).map((m) => ({ labels: m.labels ?? {}, value: Number(m.value) }));
const one = (families: Map<string, Family>, name: string, match: Record<string, string> = {}) => {
  const found = values(families, name, match);
  expect(found, `${name}${JSON.stringify(match)}`).toHaveLength(1);
  return found[0]!.value;
};

describe('/metrics', () => {
  it('passes promtool check metrics (the Prometheus linter: names, units, _total on counters only)', async () => {
    const check = spawnSync('promtool', ['check', 'metrics'], { input: await scrape(), encoding: 'utf8' });
    if (check.error) throw new Error(`promtool is not installed (${check.error.message}). Fix: apt-get install prometheus (scripts/test.sh does it)`);
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('names what promtool does not judge as Prometheus asks: ratios 0–1, base units, counters, info metrics', async () => {
    const families = parse(await scrape());
    for (const f of families.values()) {
      expect(f.name, 'a percentage is a _ratio in Prometheus').not.toMatch(/percent/);
      expect(f.name, `${f.name}: base units (seconds, bytes, ratios)`).not.toMatch(/_(ms|milliseconds|minutes|hours|days|kilobytes|megabytes)(_|$)/);
      expect(f.name.endsWith('_total'), `${f.name}: _total on counters only`).toBe(f.type === 'COUNTER');
      if (f.name.endsWith('_info')) expect(f.metrics.every((m) => m.value === '1'), `${f.name} is always 1`).toBe(true);
      if (f.name.endsWith('_ratio')) expect(f.metrics.every((m) => Number(m.value) >= 0 && Number(m.value) <= 1), `${f.name} within 0–1`).toBe(true);
    }
    expect(one(families, 'dvc_build_info', { version: TOOL_VERSION, node_version: process.version })).toBe(1);
    expect(families.get('dvc_endpoint_probes_total')!.type).toBe('COUNTER');
  });

  it('probes as blackbox_exporter names them, with the agency; certificate expiry; degraded and down states', async () => {
    const families = parse(await scrape());
    const home = { portal: 'dvc-hanoi', endpoint: 'home', agency: 'tinh:01' };
    const api = { portal: 'dvc-hanoi', endpoint: 'api', agency: 'tinh:01' };
    expect(one(families, 'probe_success', home)).toBe(1);
    expect(one(families, 'probe_success', api)).toBe(0);
    expect(one(families, 'probe_http_status_code', api)).toBe(503);
    expect(one(families, 'probe_duration_seconds', home)).toBeGreaterThan(0);
    expect(one(families, 'probe_duration_seconds', home)).toBeLessThan(2);
    expect(values(families, 'probe_http_duration_seconds', home).map((s) => s.labels.phase).sort()).toEqual(['connect', 'processing', 'resolve', 'tls', 'transfer']);
    expect(one(families, 'probe_http_duration_seconds', { ...home, phase: 'tls' })).toBeGreaterThan(0);
    expect(one(families, 'probe_ssl_earliest_cert_expiry', home)).toBe(CERT_NOT_AFTER.getTime() / 1000);
    expect(values(families, 'probe_ssl_earliest_cert_expiry', api)).toEqual([]);
    expect(values(families, 'dvc_endpoint_state', { ...home, state: 'up' })[0]!.value).toBe(1);
    expect(values(families, 'dvc_endpoint_state', { ...api, state: 'down' })[0]!.value).toBe(1);
    expect(values(families, 'dvc_endpoint_state', api).filter((s) => s.value === 1)).toHaveLength(1);
    expect(values(families, 'dvc_endpoint_state', { ...home, state: 'degraded' })[0]!.value).toBe(0);
    const slow = { portal: 'dvc-hanoi', endpoint: 'slow', agency: 'tinh:01' };
    expect(values(families, 'dvc_endpoint_state', { ...slow, state: 'degraded' })[0]!.value).toBe(1);
    expect(one(families, 'probe_success', slow)).toBe(1);
  });

  it('availability as counters that grow with every probe written, by any process, and never go back', async () => {
    const metrics = createMetrics(data);
    const first = parse(await metrics.metrics());
    const home = { portal: 'dvc-hanoi', endpoint: 'home', agency: 'tinh:01' };
    // Counted from the process start: the probes already stored are not replayed as a burst.
    expect(one(first, 'dvc_endpoint_probes_total', { ...home, state: 'up' })).toBe(0);
    expect(one(first, 'dvc_endpoint_probes_total', { ...home, state: 'down' })).toBe(0);
    const monitor = startMonitor({ db, loaded: parseConfig(loadedText, 'test.yaml', {}), log, once: true, ca: certPem });
    await monitor.done;
    await monitor.stop();
    const second = parse(await metrics.metrics());
    expect(one(second, 'dvc_endpoint_probes_total', { ...home, state: 'up' })).toBe(1);
    expect(one(second, 'dvc_endpoint_probes_total', { portal: 'dvc-hanoi', endpoint: 'api', agency: 'tinh:01', state: 'down' })).toBe(1);
    const third = parse(await metrics.metrics());
    expect(one(third, 'dvc_endpoint_probes_total', { ...home, state: 'up' })).toBe(1);
  });

  it('KPIs per agency with level and region, 0–1, with targets and ranks; the country and the blocks beside them', async () => {
    const families = parse(await scrape());
    const kpi = 'rate.online_dossiers';
    expect(one(families, 'dvc_kpi_ratio', { kpi, agency: 'tinh:01', level: 'province', region: 'dong_bang_song_hong' })).toBeCloseTo(0.62, 10);
    expect(one(families, 'dvc_kpi_ratio', { kpi, agency: 'tinh:79', level: 'province', region: 'dong_nam_bo' })).toBeCloseTo(0.25, 10);
    expect(one(families, 'dvc_kpi_ratio', { kpi, agency: 'tinh:48', level: 'province', region: 'bac_trung_bo_duyen_hai_mien_trung' })).toBeCloseTo(0.5, 10);
    // Ministries belong to no region; the country is level national, the blocks level block.
    const ministries = values(families, 'dvc_kpi_ratio', { kpi, level: 'ministry' });
    expect(ministries.length).toBeGreaterThan(0);
    expect(ministries.every((m) => m.labels.region === '')).toBe(true);
    const others = reportingCount - 2;
    expect(one(families, 'dvc_kpi_ratio', { kpi, agency: 'VN', level: 'national', region: '' })).toBeCloseTo((620 + 1000 + others * 500) / (1000 + 4000 + others * 1000), 10);
    expect(one(families, 'dvc_kpi_ratio', { kpi, agency: 'khoi:tinh', level: 'block' })).toBeGreaterThan(0);
    // Every province has a region (the 34 of 2025 in regions-2025.csv).
    expect(values(families, 'dvc_kpi_ratio', { kpi, level: 'province' }).filter((m) => m.labels.region === '')).toEqual([]);
    expect(values(families, 'dvc_kpi_ratio', { kpi, level: 'province' })).toHaveLength(34);
    expect(one(families, 'dvc_kpi_rank', { kpi, agency: 'tinh:01' })).toBe(1);
    expect(one(families, 'dvc_kpi_rank', { kpi, agency: 'tinh:79' })).toBe(34);
    expect(one(families, 'dvc_kpi_target_ratio', { kpi, agency: 'tinh:01' })).toBeGreaterThan(0);
    expect(one(families, 'dvc_kpi_quarantined_agencies', { kpi, agency: 'VN' })).toBe(0);
    expect(values(families, 'dvc_kpi_quarantined_agencies', { agency: 'tinh:01' })).toEqual([]);
    // A KPI without a figure is absent, never a 0 that looks like data.
    expect(values(families, 'dvc_kpi_ratio', { kpi: 'rate.digitised', agency: 'tinh:01' })).toEqual([]);
    expect(one(families, 'dvc_agency_info', { agency: 'tinh:79', level: 'province', region: 'dong_nam_bo' })).toBe(1);
    expect(one(families, 'dvc_region_info', { region: 'dong_nam_bo', name: 'Đông Nam Bộ' })).toBe(1);
    expect(one(families, 'dvc_portal_info', { portal: 'dvc-hanoi', agency: 'tinh:01', name: 'Hà Nội' })).toBe(1);
  });

  it('check scores and failing criteria per portal and area', async () => {
    const families = parse(await scrape());
    const privacy = { portal: 'dvc-hanoi', agency: 'tinh:01', area: 'privacy' };
    const score = one(families, 'dvc_check_score_ratio', privacy);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThan(1);
    const failing = values(families, 'dvc_check_failing_criteria', privacy);
    expect(failing.map((s) => s.labels.severity).sort()).toEqual(['critical', 'minor', 'moderate', 'serious']);
    const failed = one(families, 'dvc_check_criteria', { ...privacy, outcome: 'fail' });
    expect(failed).toBeGreaterThan(0);
    expect(failing.reduce((n, s) => n + s.value, 0)).toBe(failed);
    expect(one(families, 'dvc_check_incomplete', privacy)).toBe(0);
    expect(values(families, 'dvc_check_score_ratio', { area: 'accessibility' })).toEqual([]);
  });

  it('the outbox backlog and its age per channel, open alerts, the service heartbeat', async () => {
    const families = parse(await scrape());
    expect(one(families, 'dvc_outbox_messages', { channel: 'ops', status: 'pending' })).toBe(1);
    expect(one(families, 'dvc_outbox_messages', { channel: 'ops', status: 'dead' })).toBe(0);
    const queuedAt = one(families, 'dvc_outbox_oldest_undelivered_timestamp_seconds', { channel: 'ops' });
    expect(Math.round(Date.now() / 1000 - queuedAt)).toBeGreaterThanOrEqual(600);
    expect(Math.round(Date.now() / 1000 - queuedAt)).toBeLessThan(700);
    expect(one(families, 'dvc_alerts_open', { rule: 'portal.down', severity: 'critical' })).toBe(1);
    expect(Math.abs(Date.now() / 1000 - one(families, 'dvc_service_heartbeat_timestamp_seconds'))).toBeLessThan(60);
  });
});

describe('/metrics over time', () => {
  it('serves the KPI series again after a job writes new figures, and only then makes them anew', async () => {
    const metrics = createMetrics(data);
    const kpi = 'rate.online_dossiers';
    const canTho = { kpi, agency: 'tinh:92', level: 'province' };
    expect(one(parse(await metrics.metrics()), 'dvc_kpi_ratio', canTho)).toBeCloseTo(0.5, 10);
    // A nightly job on another connection (as the service's run is) writes Cần Thơ's figure again, changed.
    const writer = openStore(db.name);
    try {
      const run = createRun(writer, { trigger: 'test', plan: {}, pid: process.pid, host: 'test', now: new Date(), toolVersion: TOOL_VERSION, nodeVersion: process.version, configHash: 'x' });
      addJobs(writer, run.id, [{ key: 'again', kind: 'collect', sourceId: 'test', portalId: null, period: month, params: {} }]);
      const job = listJobs(writer, run.id).find((j) => j.key === 'again')!;
      completeJob(writer, { id: job.id, runId: run.id, sourceId: 'test' }, [measure('tinh:92', 'dossiers.received_online', 900)], [], new Date());
    } finally {
      writer.close();
    }
    const after = await metrics.metrics();
    expect(one(parse(after), 'dvc_kpi_ratio', canTho)).toBeCloseTo(0.9, 10);
    // Unchanged figures: the same KPI text, not a new one (the 70,000 lines of a national store are made once).
    const again = await metrics.metrics();
    expect(again.slice(again.indexOf('# HELP dvc_kpi_ratio'))).toBe(after.slice(after.indexOf('# HELP dvc_kpi_ratio')));
  });
});

describe('promtool', () => {
  it('is a real linter here: it refuses a percentage gauge and a counter without _total', () => {
    const bad = '# HELP dvc_kpi_percent x\n# TYPE dvc_kpi_percent gauge\ndvc_kpi_percent 75\n# HELP dvc_probes x\n# TYPE dvc_probes counter\ndvc_probes 1\n';
    const out = spawnSync('promtool', ['check', 'metrics'], { input: bad, encoding: 'utf8' });
    expect(out.status).not.toBe(0);
    expect(out.stdout + out.stderr).toContain('counter metrics should have "_total" suffix');
  });
});

describe('/healthz', () => {
  it('ok with a live service; degraded (200) when the service stopped beating; 503 when the store lags this build or does not answer', async () => {
    const store = openStore(join(tempDir(), 'health.sqlite'));
    let now = new Date();
    const dashboard = await startDashboard({ db: store, loaded: parseConfig('version: 1\nportals: []\n', 'c.yaml', {}), log, token: null, port: 0, now: () => now });
    closers.push(() => dashboard.close());
    const get = async () => {
      const res = await fetch(`${dashboard.url}/healthz`);
      return { code: res.status, body: await res.json() as { status: string; problems: string[]; store: { schema: { applied: number; known: number } } } };
    };
    let h = await get();
    expect(h).toMatchObject({ code: 200, body: { status: 'degraded', problems: ['no dvc-monitor start service holds this store: nothing is being probed or collected'] } });
    expect(h.body.store.schema.applied).toBe(h.body.store.schema.known);

    acquireLock(store, LOCK_NAME, { pid: 4242, host: 'ops-host' }, now, 60_000, () => false);
    expect(await get()).toMatchObject({ code: 200, body: { status: 'ok', problems: [], service: { running: true, pid: 4242, host: 'ops-host', heartbeatAgeSeconds: 0 } } });
    now = new Date(now.getTime() + 90_000);
    h = await get();
    expect(h).toMatchObject({ code: 200, body: { status: 'degraded', service: { running: false, heartbeatAgeSeconds: 90 } } });
    expect(h.body.problems[0]).toContain('last beat 90 s ago (process 4242 on ops-host)');

    const newest = h.body.store.schema.known;
    store.prepare('DELETE FROM schema_migration WHERE version = ?').run(newest);
    h = await get();
    expect(h.code).toBe(503);
    expect(h.body.status).toBe('failing');
    expect(h.body.problems[0]).toContain('run dvc-monitor db migrate');

    store.close();
    h = await get();
    expect(h.code).toBe(503);
    expect(h.body.problems[0]).toContain('the store does not answer');
  });
});
