// Issue 13 item 1: the Hà Nội statistics page served with a valid Content-Length but cut after
// 1,933 bytes turned dossiers.received for 2026-10 from 1,026,874 into 1,026, and the run
// reported success. Here every source kind's real sandbox payload is served cut at many points
// (a valid Content-Length for what is sent), and collected through the real runner into a real
// store that already holds the uncut figures: no cut may store a value different from them. A
// cut is allowed to fail the job (by name) or to leave the earlier value as it was.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IGATE_SANDBOX_SECRET } from '../../scripts/sandbox/igate.ts';
import { currentMonth } from '../../src/time/period.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { collect, lastRunJobs } from '../helpers/collect.ts';
import { rewritingProxy } from '../helpers/rewriting-proxy.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { tempDir } from '../helpers/tmp.ts';

const NOW = new Date('2026-11-20T09:00:00+07:00');
const sandbox = useSandbox({ seed: 2026, now: NOW });

/** Names a cut job may fail with: the cut named as such, or an answer too short to be anything. */
const CUT_FAILURES = new Set(['truncated', 'empty', 'not_html', 'not_json', 'not_csv', 'not_xlsx', 'unexpected_shape']);

/** The rewriting proxy, cutting the answer of the path `cut` names to its first `cut.at` bytes. */
async function cuttingProxy(): Promise<{ url: string; cut: { path: RegExp | null; at: number }; close(): Promise<void> }> {
  const cut = { path: null as RegExp | null, at: 0 };
  const proxy = await rewritingProxy(sandbox.url);
  proxy.rewrite = (path, body) => (cut.path?.test(path) ? body.subarray(0, cut.at) : body);
  return { url: proxy.url, cut, close: () => proxy.close() };
}

/**
 * Where to cut a body of `length` bytes: every position right after a digit (a number cut at a
 * digit boundary is the dangerous cut), and a stride over the rest, at most `max` in all.
 */
function cutPoints(body: Buffer, max: number): number[] {
  const afterDigit: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < body.length; i++) (i > 0 && body[i - 1]! >= 0x30 && body[i - 1]! <= 0x39 ? afterDigit : others).push(i);
  const spread = (list: number[], n: number) => (list.length <= n ? list : Array.from({ length: n }, (_, k) => list[Math.floor((k * list.length) / n)]!));
  return [...new Set([...spread(afterDigit, Math.ceil(max * 0.7)), ...spread(others, Math.floor(max * 0.3))])].sort((a, b) => a - b);
}

const values = (db: Db) => db.prepare('SELECT agency_code, metric, period, value, null_reason FROM measure ORDER BY 1, 2, 3').all();

interface Kind {
  name: string;
  sources: (base: string) => string;
  /** Months collected first (whole), then again under each cut. */
  reference: string[];
  cutPeriods: string[];
  /** The path whose answer is cut, and one request to it for its uncut length. */
  path: RegExp;
  body: (base: string) => Promise<Buffer>;
  maxCuts: number;
  env?: Record<string, string>;
  /** Cuts the format cannot tell from a whole document (they may succeed, with the earlier values kept). */
  undetectable?: (body: Buffer, at: number) => boolean;
}

const get = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

const KINDS: Kind[] = [
  {
    name: 'national-portal gateway JSON',
    sources: (base) => `
  - { id: gateway, kind: national-portal, url: "${base}/jsp/rest.jsp", reports: [monthly_counts], levels: [province], pageSize: 100 }`,
    reference: ['2026-10'], cutPeriods: ['2026-10'], path: /^\/jsp\/rest\.jsp/, maxCuts: 300,
    body: async (base) => {
      const params = { type: 'ref', service: 'report_by_month_sum_service', p_nam: '2026', p_thang: '10', p_tinh_id: '0', pageIndex: 1, pageSize: 100, p_loaidonvi: '2' };
      const res = await fetch(`${base}/jsp/rest.jsp`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `params=${encodeURIComponent(JSON.stringify(params))}` });
      return Buffer.from(await res.arrayBuffer());
    },
  },
  {
    name: 'platform-api JSON (OAuth2, paged)',
    sources: (base) => `
  - id: igate
    kind: platform-api
    url: "${base}/igate"
    auth: { tokenUrl: "${base}/igate/sso/realms/dvc-sandbox/protocol/openid-connect/token", clientId: dvc-monitor, clientSecretEnv: IGATE_SANDBOX_CLIENT_SECRET }
    pageSize: 50
    reports:
      - { id: ho-so, path: /pa/dossier-statistic/by-agency, fields: { received.total: dossiers.received, received.online: dossiers.received_online, resolved.onTime: dossiers.resolved_on_time } }
    agencies: { "6401a0c2e3b94f1a2b3c4d01": "tinh:48", "6401a0c2e3b94f1a2b3c4d02": "xa:dn-haichau", "6401a0c2e3b94f1a2b3c4d03": "xa:dn-thanhkhe", "6401a0c2e3b94f1a2b3c4d04": "xa:dn-sontra" }`,
    reference: ['2026-10'], cutPeriods: ['2026-10'], path: /^\/igate\/pa\//, maxCuts: 200, env: { IGATE_SANDBOX_CLIENT_SECRET: IGATE_SANDBOX_SECRET },
    body: async (base) => {
      const token = await (await fetch(`${base}/igate/sso/realms/dvc-sandbox/protocol/openid-connect/token`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'dvc-monitor', client_secret: IGATE_SANDBOX_SECRET }).toString(),
      })).json() as { access_token: string };
      const res = await fetch(`${base}/igate/pa/dossier-statistic/by-agency?fromDate=2026-10-01&toDate=2026-10-31&page=0&size=50`, { headers: { authorization: `Bearer ${token.access_token}` } });
      return Buffer.from(await res.arrayBuffer());
    },
  },
  {
    name: 'html-page, static (the issue\'s Hà Nội page)',
    sources: (base) => `
  - id: thong-ke-hanoi
    kind: html-page
    url: "${base}/sites/hanoi/thong-ke?thang={period}"
    agency: "tinh:01"
    table: { selector: "#bang-thong-ke", metricsIn: rows, labelColumn: Chỉ tiêu, valueColumn: "Tháng {MM}/{YYYY}", metrics: { "Hồ sơ tiếp nhận": dossiers.received, "Tiếp nhận trực tuyến": dossiers.received_online, "Hồ sơ giải quyết quá hạn": dossiers.resolved_late, "Tỷ lệ hồ sơ trực tuyến": reported.online_dossier_rate } }`,
    reference: ['2026-10'], cutPeriods: ['2026-10'], path: /^\/sites\/hanoi\/thong-ke/, maxCuts: 400,
    body: (base) => get(`${base}/sites/hanoi/thong-ke?thang=2026-10`),
  },
  {
    name: 'open-data CSV (year-to-date)',
    sources: (base) => `
  - { id: csv, kind: open-data, url: "${base}/open-data/ho-so-luy-ke-{period}.csv", format: csv, cumulative: true, agencyColumn: Mã tỉnh, agencyLevel: province, columns: { "Hồ sơ tiếp nhận (lũy kế)": dossiers.received, "Tiếp nhận trực tuyến (lũy kế)": dossiers.received_online } }`,
    reference: ['2026-09', '2026-10'], cutPeriods: ['2026-10'], path: /^\/open-data\/ho-so-luy-ke-2026-10\.csv/, maxCuts: 300,
    // CSV has no end marker: a file cut exactly at a line end is a shorter file (its last rows missing, nothing wrong stored).
    undetectable: (body, at) => body[at - 1] === 0x0a || body[at - 1] === 0x0d,
    body: (base) => get(`${base}/open-data/ho-so-luy-ke-2026-10.csv`),
  },
  {
    name: 'open-data XLSX',
    sources: (base) => `
  - { id: xlsx, kind: open-data, url: "${base}/open-data/ho-so-{YYYY}.xlsx", format: xlsx, periodColumn: Tháng, agencyColumn: Mã tỉnh, agencyLevel: province, columns: { "Hồ sơ tiếp nhận": dossiers.received, "Hồ sơ được số hóa": dossiers.digitised } }`,
    reference: ['2026-10'], cutPeriods: ['2026-10'], path: /^\/open-data\/ho-so-2026\.xlsx/, maxCuts: 80,
    body: (base) => get(`${base}/open-data/ho-so-2026.xlsx`),
  },
  {
    name: 'status endpoint JSON (Statuspage)',
    sources: (base) => `
  - { id: status, kind: status-endpoint, url: "${base}/api/v2/summary.json", agency: VN, format: statuspage }`,
    reference: [currentMonth()], cutPeriods: [currentMonth()], path: /^\/api\/v2\/summary\.json/, maxCuts: 200,
    body: (base) => get(`${base}/api/v2/summary.json`),
  },
];

async function walk(kind: Kind, options: { limits?: Record<string, number> } = {}) {
  const proxy = await cuttingProxy();
  const db = openStore(join(tempDir(), 'walk.sqlite'));
  try {
    const sources = kind.sources(proxy.url);
    const whole = await collect(db, sources, kind.reference, { env: kind.env, agencies: WARDS, limits: options.limits });
    expect(whole.failures, kind.name).toEqual([]);
    const reference = values(db);
    expect(reference.length, kind.name).toBeGreaterThan(0);
    const body = await kind.body(proxy.url);
    const points = cutPoints(body, kind.maxCuts);
    const wrong: string[] = [];
    const reasons = new Map<string, number>();
    proxy.cut.path = kind.path;
    for (const at of points) {
      proxy.cut.at = at;
      const run = await collect(db, sources, kind.cutPeriods, { env: kind.env, agencies: WARDS, limits: options.limits });
      for (const f of run.failures) reasons.set(f.reason, (reasons.get(f.reason) ?? 0) + 1);
      const now = values(db);
      if (JSON.stringify(now) !== JSON.stringify(reference)) {
        const changed = now.filter((row, i) => JSON.stringify(row) !== JSON.stringify(reference[i]));
        wrong.push(`cut at ${at}/${body.length} (${run.status}): ${JSON.stringify(changed.slice(0, 3))}`);
        // Put the true figures back, so the next cut is judged on its own.
        db.prepare('DELETE FROM measure').run();
        const insert = db.prepare(`INSERT INTO measure (agency_code, metric, period, value, null_reason, updated_at) VALUES (@agency_code, @metric, @period, @value, @null_reason, '2026-01-01T00:00:00Z')`);
        for (const row of reference as object[]) insert.run(row);
      }
      // A cut strictly inside the document never succeeds quietly: it fails by name.
      const failed = lastRunJobs(db).filter((j) => j.status === 'failed');
      if (at < body.toString('latin1').trimEnd().length && failed.length === 0 && !kind.undetectable?.(body, at)) wrong.push(`cut at ${at}/${body.length} succeeded`);
      for (const j of failed) if (!CUT_FAILURES.has(j.reason ?? '')) wrong.push(`cut at ${at}: failed as ${j.reason} (${j.message})`);
    }
    return { points: points.length, length: body.length, wrong, reasons: Object.fromEntries(reasons) };
  } finally {
    db.close();
    await proxy.close();
  }
}

const WARDS = `  - { code: "xa:dn-haichau", name: Phường Hải Châu, level: commune, parent: "tinh:48", validFrom: "2025-07-01" }
  - { code: "xa:dn-thanhkhe", name: Phường Thanh Khê, level: commune, parent: "tinh:48", validFrom: "2025-07-01" }
  - { code: "xa:dn-sontra", name: Phường Sơn Trà, level: commune, parent: "tinh:48", validFrom: "2025-07-01" }`;

describe('a payload cut short never stores a wrong value', () => {
  it('reproduces the issue: Hà Nội\'s page cut after 1,933 bytes fails as truncated, 1,026,874 stays', async () => {
    const proxy = await cuttingProxy();
    const db = openStore(join(tempDir(), 'issue.sqlite'));
    try {
      const sources = KINDS[2]!.sources(proxy.url);
      expect((await collect(db, sources, ['2026-10'])).failures).toEqual([]);
      const received = () => db.prepare("SELECT value FROM measure WHERE agency_code = 'tinh:01' AND metric = 'dossiers.received' AND period = '2026-10'").pluck().get();
      expect(received()).toBe(1_026_874);
      const page = (await KINDS[2]!.body(proxy.url)).toString('utf8');
      // Cut inside the figure, right after "1.026": the cut the issue found.
      const at = Buffer.byteLength(page.slice(0, page.indexOf('1.026.874') + '1.026'.length));
      proxy.cut.path = KINDS[2]!.path;
      proxy.cut.at = at;
      const cut = await collect(db, sources, ['2026-10']);
      expect(cut.status).toBe('failed');
      expect(cut.failures).toEqual([expect.objectContaining({ reason: 'truncated', message: expect.stringMatching(/is cut short: it has no <\/body> or <\/html>/) })]);
      expect(received()).toBe(1_026_874);
      // The cut page is kept as evidence, as every payload is.
      const kept = db.prepare("SELECT b.size FROM snapshot s JOIN blob b ON b.sha256 = s.sha256 JOIN job j ON j.id = s.job_id WHERE j.status = 'failed'").pluck().all();
      expect(kept).toEqual([at]);
    } finally {
      db.close();
      await proxy.close();
    }
  });

  for (const kind of KINDS) {
    it(`${kind.name}: no cut point stores a value different from the whole payload's`, async () => {
      const result = await walk(kind);
      expect(result.wrong, `${result.points} cuts of ${result.length} bytes; failures ${JSON.stringify(result.reasons)}`).toEqual([]);
      expect(result.reasons.truncated ?? 0).toBeGreaterThan(result.points / 2);
    });
  }

  // The browser renders whatever arrived into a whole document: the page as served, and the data
  // its script fetches, are checked for their own ends.
  const danang = (base: string) => `
  - id: thong-ke-danang
    kind: html-page
    url: "${base}/sites/danang/thong-ke?thang={period}"
    render: browser
    waitFor: "#bang-so-lieu tr"
    timeoutMs: 2500
    agency: "tinh:48"
    table: { metricsIn: rows, labelColumn: Chỉ tiêu, valueColumn: Giá trị, metrics: { "Hồ sơ tiếp nhận": dossiers.received, "Tiếp nhận trực tuyến": dossiers.received_online, "Tỷ lệ hồ sơ trực tuyến": reported.online_dossier_rate } }`;
  // Hà Nội's server-rendered page read through Chromium: the figures are in the page as served.
  const hanoiInBrowser = (base: string) => KINDS[2]!.sources(base).replace('    kind: html-page\n', '    kind: html-page\n    render: browser\n    timeoutMs: 2500\n');
  for (const [what, sources, path, fetchBody] of [
    ['Hà Nội\'s page as served', hanoiInBrowser, /^\/sites\/hanoi\/thong-ke/, (base: string) => get(`${base}/sites/hanoi/thong-ke?thang=2026-10`)],
    ['Đà Nẵng\'s page as served', danang, /^\/sites\/danang\/thong-ke\?/, (base: string) => get(`${base}/sites/danang/thong-ke?thang=2026-10`)],
    ['the JSON Đà Nẵng\'s script fetches', danang, /^\/sites\/danang\/api\/thong-ke/, (base: string) => get(`${base}/sites/danang/api/thong-ke?thang=2026-10`)],
  ] as const) {
    it(`html-page rendered in Chromium, cut in ${what}: no cut stores a different value, each fails as truncated`, async () => {
      const result = await walk({ name: `browser: ${what}`, sources, reference: ['2026-10'], cutPeriods: ['2026-10'], path, body: fetchBody, maxCuts: 15 });
      expect(result.wrong, `${result.points} cuts of ${result.length} bytes; failures ${JSON.stringify(result.reasons)}`).toEqual([]);
      expect(result.reasons.truncated ?? 0).toBeGreaterThanOrEqual(result.points - 1);
    });
  }
});
