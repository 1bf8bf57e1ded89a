// The sandbox portals over real HTTP: gateway contract and invariants, determinism, faults
// (set in code and over HTTP), the three portal sites and the status endpoints.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readMergerMap } from '../../src/registry/agencies.ts';
import { addMonths, monthRange, parseMonth } from '../../src/time/period.ts';
import { monthlyFigures, scores766, SCORE_MAX, unitFigures, type UnitLevel } from '../../scripts/sandbox/data.ts';
import { formatViInt, formatViPercent } from '../../scripts/sandbox/format.ts';
import { SCORE_FIELDS, SUM_FIELDS } from '../../scripts/sandbox/gateway.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { LEAKED_PERSON, PRIVACY_CONTACT_EMAIL } from '../../scripts/sandbox/sites.ts';

const NOW = new Date('2026-10-15T09:00:00+07:00'); // current month 2026-10, 15 of 31 days
const CURRENT = '2026-10';
const SUM = 'report_by_month_sum_service';
const SCORE = 'report_tinh_766_service';

type Row = Record<string, string>;

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ seed: 2026, now: NOW });
});

afterAll(async () => {
  await sb.close();
});

afterEach(async () => {
  await fetch(`${sb.url}/__sandbox/faults`, { method: 'DELETE' });
});

function post(base: string, params: Record<string, unknown> | string): Promise<Response> {
  const raw = typeof params === 'string' ? params : JSON.stringify({ type: 'ref', provider: 'dvcquocgia', ...params });
  return fetch(`${base}/jsp/rest.jsp`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', 'x-requested-with': 'XMLHttpRequest' },
    body: new URLSearchParams({ params: raw }),
  });
}

function query(service: string, period: string, level: UnitLevel, extra: Record<string, string> = {}): Record<string, string> {
  const { year, month } = parseMonth(period);
  return {
    service, p_nam: String(year), p_thang: String(month), p_6thang: '0', p_quy: '0', p_tinh_id: '0', p_huyen_id: '0',
    p_xa_id: '0', p_linhvuc: '0', p_loaidonvi: level === 'ministry' ? '1' : '2', loaichitieu: '0', pageIndex: '1', pageSize: '100',
    ...extra,
  };
}

async function rows(base: string, service: string, period: string, level: UnitLevel, extra: Record<string, string> = {}): Promise<Row[]> {
  const res = await post(base, query(service, period, level, extra));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return (await res.json()) as Row[];
}

const n = (row: Row, key: string) => Number(row[key]);

async function socketError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return cause?.code ?? String(err);
  }
  return 'no error';
}

describe('gateway: contract and data', () => {
  it('answers every field as a string, numbers included', async () => {
    const sum = await rows(sb.url, SUM, '2026-09', 'province');
    expect(sum).toHaveLength(34);
    for (const row of sum) {
      expect(Object.keys(row)).toEqual([...SUM_FIELDS]);
      for (const value of Object.values(row)) expect(typeof value).toBe('string');
      for (const key of SUM_FIELDS) {
        if (key === 'TEN' || key === 'MA_COQUAN') continue;
        if (key === 'TILE' || key === 'TILE_DB') expect(row[key]).toMatch(/^\d{1,3}\.\d{2}$/);
        else expect(row[key], key).toMatch(/^\d+$/);
      }
    }
    const scores = await rows(sb.url, SCORE, '2026-09', 'ministry');
    expect(scores).toHaveLength(17);
    for (const row of scores) {
      expect(Object.keys(row)).toEqual([...SCORE_FIELDS]);
      for (const g of [...Object.keys(SCORE_MAX), 'TONG_SCORE']) expect(row[g]).toMatch(/^\d{1,3}\.\d$/);
    }
  });

  it('is deterministic per seed and differs across seeds', async () => {
    const twin = await startSandbox({ seed: 2026, now: NOW });
    const other = await startSandbox({ seed: 7, now: NOW });
    try {
      for (const [service, period, level] of [[SUM, '2025-03', 'province'], [SCORE, '2026-10', 'ministry'], [SUM, '2026-10', 'ministry']] as const) {
        const a = await (await post(sb.url, query(service, period, level))).text();
        const b = await (await post(twin.url, query(service, period, level))).text();
        const c = await (await post(other.url, query(service, period, level))).text();
        expect(b).toBe(a);
        expect(c).not.toBe(a);
      }
      const page = async (base: string) => (await fetch(`${base}/sites/hanoi/thong-ke?thang=2026-05`)).text();
      expect(await page(twin.url)).toBe(await page(sb.url));
      const totals = async (base: string) => (await rows(base, SUM, '2025-03', 'province')).map((r) => r.HS_TOTAL);
      const [mine, theirs] = [await totals(sb.url), await totals(other.url)];
      expect(mine.filter((v, i) => v !== theirs[i]).length).toBeGreaterThan(30);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('keeps the invariants for every unit and month, 63 provinces before 2025-07 and 34 after', async () => {
    const merger = readMergerMap();
    const months = monthRange('2024-01', CURRENT);
    const byLevel: Record<UnitLevel, Map<string, Row[]>> = { ministry: new Map(), province: new Map() };
    await Promise.all(months.flatMap((period) => (['ministry', 'province'] as const).map(async (level) => {
      byLevel[level].set(period, await rows(sb.url, SUM, period, level));
    })));
    const ids = new Map<string, string>();
    for (const level of ['ministry', 'province'] as const) {
      for (const period of months) {
        const list = byLevel[level].get(period) ?? [];
        const expected = level === 'ministry' ? 17 : period < '2025-07' ? 63 : 34;
        expect(list, `${level} ${period}`).toHaveLength(expected);
        // Same numbers as the exported generator, which the collector's tests rely on.
        const model = monthlyFigures(2026, period, level, NOW);
        expect(list.map((r) => [r.MA_COQUAN, r.HS_TOTAL, r.DVCTT_PHATSINH_HS, r.HS_TOTAL_LK])).toEqual(
          model.map((f) => [f.unit.gatewayCode, String(f.monthly.received), String(f.stock.onlineWithFilings), String(f.ytd.received)]),
        );
        const codes = list.map((r) => r.MA_COQUAN);
        expect(codes).toEqual([...codes].sort());
        list.forEach((r, i) => {
          const where = `${r.MA_COQUAN} ${period}`;
          expect(r.ROW_STT).toBe(String(i + 1));
          expect(r.CAPDONVIID).toBe(level === 'ministry' ? '1' : '2');
          const key = `${level}|${period < '2025-07' ? 'old' : 'new'}|${r.MA_COQUAN}`;
          if (level === 'ministry') expect(ids.get(`ministry|${r.MA_COQUAN}`) ?? r.ID, where).toBe(r.ID);
          expect(ids.get(key) ?? r.ID, where).toBe(r.ID);
          ids.set(key, r.ID ?? '');
          if (level === 'ministry') ids.set(`ministry|${r.MA_COQUAN}`, r.ID ?? '');
          const total = n(r, 'HS_TOTAL');
          expect(n(r, 'HTN_TRUCTUYEN') + n(r, 'HTN_TRUCTIEP') + n(r, 'HTN_BUUCHINH'), where).toBe(total);
          expect(n(r, 'DXLTH') + n(r, 'DXLQH'), where).toBeLessThanOrEqual(total);
          expect(n(r, 'DB_TOTAL'), where).toBeLessThanOrEqual(total);
          expect(n(r, 'HS_SOHOA'), where).toBeLessThanOrEqual(total);
          expect(n(r, 'HS_TAISUDUNG'), where).toBeLessThanOrEqual(n(r, 'HS_SOHOA'));
          expect(n(r, 'GDTTQG'), where).toBeLessThanOrEqual(n(r, 'HTN_TRUCTUYEN'));
          expect(n(r, 'DVCTT_TOANTRINH') + n(r, 'DVCTT_MOTPHAN'), where).toBeLessThanOrEqual(n(r, 'TTHC_TOTAL'));
          expect(n(r, 'DVCTT_PHATSINH_HS'), where).toBeLessThanOrEqual(n(r, 'DVCTT_TOANTRINH') + n(r, 'DVCTT_MOTPHAN'));
          expect(r.TILE).toBe(((100 * n(r, 'HTN_TRUCTUYEN')) / total).toFixed(2));
          expect(r.TILE_DB).toBe(((100 * n(r, 'DB_TOTAL')) / total).toFixed(2));
          const { month } = parseMonth(period);
          const prev = month === 1 ? undefined : byLevel[level].get(addMonths(period, -1))?.find((p) => p.MA_COQUAN === r.MA_COQUAN);
          const pairs = [['HS_TOTAL', 'HS_TOTAL_LK'], ['HTN_TRUCTUYEN', 'HTN_TRUCTUYEN_TOTAL'], ['HTN_TRUCTIEP', 'HTN_TRUCTIEP_TOTAL'],
            ['HTN_BUUCHINH', 'HTN_BUUCHINH_TOTAL'], ['DXLTH', 'DXLTH_TOTAL'], ['DXLQH', 'DXLQH_TOTAL'], ['GDTTQG', 'GDTTQG_TOTAL']] as const;
          for (const [m, ytd] of pairs) {
            if (month === 1) expect(n(r, ytd), `${where} ${ytd}`).toBe(n(r, m));
            else if (period === '2025-07' && level === 'province') {
              // A new province's year-to-date carries its old provinces' January–June.
              const olds = merger.filter((x) => x.newCode === r.MA_COQUAN).map((x) => x.oldCode);
              const june = byLevel.province.get('2025-06') ?? [];
              const before = june.filter((p) => olds.includes(p.MA_COQUAN ?? '')).reduce((a, p) => a + n(p, ytd), 0);
              expect(n(r, ytd), `${where} ${ytd}`).toBe(before + n(r, m));
            } else if (prev) expect(n(r, ytd), `${where} ${ytd}`).toBe(n(prev, ytd) + n(r, m));
          }
        });
      }
    }
    // Realistic scale: 6–10 M dossiers a month nationwide; the current month is partial.
    for (const period of months) {
      const total = [...(byLevel.ministry.get(period) ?? []), ...(byLevel.province.get(period) ?? [])].reduce((a, r) => a + n(r, 'HS_TOTAL'), 0);
      const { month } = parseMonth(period);
      if (period === CURRENT) expect(total).toBeLessThan(6_000_000);
      else if (month !== 2) expect(total, period).toBeGreaterThan(5_500_000); // Tết empties February
      expect(total, period).toBeLessThan(10_000_000);
    }
    // Continuity across the merger: July's new provinces ≈ June's old provinces, summed.
    const june = byLevel.province.get('2025-06') ?? [];
    for (const r of byLevel.province.get('2025-07') ?? []) {
      const olds = merger.filter((x) => x.newCode === r.MA_COQUAN).map((x) => x.oldCode);
      const before = june.filter((p) => olds.includes(p.MA_COQUAN ?? '')).reduce((a, p) => a + n(p, 'HS_TOTAL'), 0);
      expect(n(r, 'HS_TOTAL') / before, r.MA_COQUAN).toBeGreaterThan(0.85);
      expect(n(r, 'HS_TOTAL') / before, r.MA_COQUAN).toBeLessThan(1.2);
    }
  });

  it('spreads the rates like the seed articles describe', async () => {
    const ministries = await rows(sb.url, SUM, '2024-08', 'ministry');
    const bct = ministries.find((r) => r.MA_COQUAN === 'BCT');
    expect(Number(bct?.TILE)).toBeGreaterThan(99.9);
    expect(bct?.DVCTT_PHATSINH_HS).toBe(String(n(bct ?? {}, 'DVCTT_TOANTRINH') + n(bct ?? {}, 'DVCTT_MOTPHAN')));
    const provinces = await rows(sb.url, SUM, '2024-01', 'province');
    const tile = provinces.map((r) => Number(r.TILE));
    expect(tile.some((t) => t > 50)).toBe(true);
    expect(tile.some((t) => t < 25)).toBe(true);
    const filing = provinces.map((r) => n(r, 'DVCTT_PHATSINH_HS') / (n(r, 'DVCTT_TOANTRINH') + n(r, 'DVCTT_MOTPHAN')));
    expect(filing.some((f) => f > 0.8)).toBe(true);
    expect(filing.some((f) => f < 0.6)).toBe(true);
    const all = [...ministries, ...provinces];
    const online = all.reduce((a, r) => a + n(r, 'HTN_TRUCTUYEN'), 0) / all.reduce((a, r) => a + n(r, 'HS_TOTAL'), 0);
    expect(online).toBeGreaterThan(0.3);
    expect(online).toBeLessThan(0.55);
    for (const r of provinces) {
      expect(n(r, 'TTHC_TOTAL')).toBeGreaterThanOrEqual(1400);
      expect(n(r, 'TTHC_TOTAL')).toBeLessThanOrEqual(2100);
      const onTime = n(r, 'DXLTH') / (n(r, 'DXLTH') + n(r, 'DXLQH'));
      expect(onTime).toBeGreaterThan(0.84);
      expect(onTime).toBeLessThan(1);
    }
  });

  it('scales the current month by the days elapsed', async () => {
    const sep = await rows(sb.url, SUM, '2026-09', 'province');
    const oct = await rows(sb.url, SUM, CURRENT, 'province');
    const ratio = oct.reduce((a, r) => a + n(r, 'HS_TOTAL'), 0) / sep.reduce((a, r) => a + n(r, 'HS_TOTAL'), 0);
    expect(ratio).toBeGreaterThan(15 / 31 - 0.08);
    expect(ratio).toBeLessThan(15 / 31 + 0.08);
    expect(unitFigures(2026, CURRENT, 'province', '01', NOW)?.fraction).toBeCloseTo(15 / 31, 10);
  });

  it('answers [] for months without data and 400 for unusable params', async () => {
    expect(await rows(sb.url, SUM, '2026-11', 'province')).toEqual([]);
    expect(await rows(sb.url, SUM, '2031-01', 'ministry')).toEqual([]);
    expect(await rows(sb.url, SCORE, '2023-12', 'province')).toEqual([]);
    const noParams = await fetch(`${sb.url}/jsp/rest.jsp`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' });
    expect(noParams.status).toBe(400);
    expect(((await noParams.json()) as { error: string }).error).toMatch(/params/);
    const badJson = await post(sb.url, '{"service": "report_by_month_sum_service",');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toHaveProperty('error');
    for (const broken of [
      { ...query(SUM, '2026-01', 'province'), p_thang: undefined },
      { ...query(SUM, '2026-01', 'province'), p_thang: '13' },
      { ...query(SUM, '2026-01', 'province'), p_loaidonvi: undefined },
      { ...query(SUM, '2026-01', 'province'), service: 'no_such_service' },
      { ...query(SUM, '2026-01', 'province'), pageIndex: '0' },
    ]) {
      const res = await post(sb.url, broken);
      expect(res.status, JSON.stringify(broken)).toBe(400);
    }
    expect((await fetch(`${sb.url}/jsp/rest.jsp`)).status).toBe(405);
  });

  it('paginates by MA_COQUAN and filters by p_tinh_id', async () => {
    const all = await rows(sb.url, SUM, '2026-02', 'province', { pageIndex: '', pageSize: '' });
    expect(all).toHaveLength(34); // default page size 100
    const pages: Row[][] = [];
    for (let p = 1; p <= 5; p++) pages.push(await rows(sb.url, SUM, '2026-02', 'province', { pageIndex: String(p), pageSize: '10' }));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 4, 0]);
    expect(pages.flat()).toEqual(all);
    expect(pages[1]?.[0]?.ROW_STT).toBe('11');
    const old = await rows(sb.url, SUM, '2025-02', 'province', { pageIndex: '7', pageSize: '10' });
    expect(old.map((r) => r.ROW_STT)).toEqual(['61', '62', '63']);

    const danang = await rows(sb.url, SUM, '2025-07', 'province', { p_tinh_id: '48' });
    expect(danang).toHaveLength(1);
    expect(danang[0]).toMatchObject({ MA_COQUAN: '48', TEN: 'Thành phố Đà Nẵng', ROW_STT: '1' });
    expect((await rows(sb.url, SUM, '2025-06', 'province', { p_tinh_id: '49' }))[0]?.TEN).toBe('Tỉnh Quảng Nam');
    expect(await rows(sb.url, SUM, '2025-07', 'province', { p_tinh_id: '49' })).toEqual([]); // merged away
    expect((await rows(sb.url, SUM, '2025-07', 'province', { p_tinh_id: '1' }))[0]?.MA_COQUAN).toBe('01');
    expect((await rows(sb.url, SUM, '2025-07', 'ministry', { p_tinh_id: 'BCT' }))[0]?.TEN).toBe('Bộ Công Thương');
  });

  it('ranks the 766 scores, which follow the units\' figures', async () => {
    const list = await rows(sb.url, SCORE, '2026-09', 'province');
    expect(list).toHaveLength(34);
    const model = scores766(2026, '2026-09', 'province', NOW);
    expect(list.map((r) => [r.MA_COQUAN, r.TONG_SCORE])).toEqual(model.map((s) => [s.unit.gatewayCode, s.total.toFixed(1)]));
    list.forEach((r, i) => {
      expect(r.ROW_STT).toBe(String(i + 1));
      if (i > 0) expect(Number(r.TONG_SCORE)).toBeLessThanOrEqual(Number(list[i - 1]?.TONG_SCORE));
      let tenths = 0;
      for (const [g, max] of Object.entries(SCORE_MAX)) {
        expect(Number(r[g])).toBeGreaterThanOrEqual(0);
        expect(Number(r[g])).toBeLessThanOrEqual(max);
        tenths += Math.round(Number(r[g]) * 10);
      }
      expect(tenths / 10).toBe(Number(r.TONG_SCORE));
    });
    // Higher online rate → higher CLGQ on average; digitisation drives MDSH.
    const figures = new Map(monthlyFigures(2026, '2026-09', 'province', NOW).map((f) => [f.unit.gatewayCode, f]));
    const byOnline = [...list].sort((a, b) => (figures.get(a.MA_COQUAN ?? '')?.onlineRatePct ?? 0) - (figures.get(b.MA_COQUAN ?? '')?.onlineRatePct ?? 0));
    const mean = (rs: Row[], k: string) => rs.reduce((a, r) => a + Number(r[k]), 0) / rs.length;
    expect(mean(byOnline.slice(17), 'CLGQ')).toBeGreaterThan(mean(byOnline.slice(0, 17), 'CLGQ'));
    expect(mean(byOnline.slice(17), 'TTTT')).toBeGreaterThan(mean(byOnline.slice(0, 17), 'TTTT'));
    // p_tinh_id keeps the rank among all units; pagination follows the ranking.
    const third = list[2];
    const filtered = await rows(sb.url, SCORE, '2026-09', 'province', { p_tinh_id: third?.MA_COQUAN ?? '' });
    expect(filtered).toEqual([third]);
    expect(await rows(sb.url, SCORE, '2026-09', 'province', { pageIndex: '2', pageSize: '5' })).toEqual(list.slice(5, 10));
  });
});

describe('faults', () => {
  const sumQuery = () => query(SUM, '2026-01', 'ministry');

  it('slow delays, then answers normally', async () => {
    sb.setFault('gateway', { mode: 'slow', delayMs: 300 });
    const t0 = Date.now();
    const res = await post(sb.url, sumQuery());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(((await res.json()) as Row[]).length).toBe(17);
  });

  it('http_5xx answers an HTML error page with the status', async () => {
    sb.setFault('gateway', { mode: 'http_5xx' });
    const res = await post(sb.url, sumQuery());
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    sb.setFault('gateway', { mode: 'http_5xx', status: 502 });
    expect((await post(sb.url, sumQuery())).status).toBe(502);
  });

  it('count limits a fault to the next N requests', async () => {
    sb.setFault('gateway', { mode: 'http_5xx', status: 504, count: 2 });
    expect((await post(sb.url, sumQuery())).status).toBe(504);
    expect((await post(sb.url, sumQuery())).status).toBe(504);
    expect((await post(sb.url, sumQuery())).status).toBe(200);
    const listed = (await (await fetch(`${sb.url}/__sandbox/faults`)).json()) as { faults: unknown[] };
    expect(listed.faults).toEqual([]);
  });

  it('fail_times answers 503 N times, then normally', async () => {
    sb.setFault('gateway', { mode: 'fail_times', times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(sb.url, sumQuery())).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it('reset drops the connection without an answer', async () => {
    sb.setFault('gateway', { mode: 'reset', count: 1 });
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(await socketError(post(sb.url, sumQuery())));
    expect((await post(sb.url, sumQuery())).status).toBe(200);
  });

  it('malformed_json, html_200 and empty_array answer 200 with unusable bodies', async () => {
    sb.setFault('gateway', { mode: 'malformed_json' });
    let res = await post(sb.url, sumQuery());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    await expect(res.json()).rejects.toThrow();
    sb.setFault('gateway', { mode: 'html_200' });
    res = await post(sb.url, sumQuery());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('Hệ thống đang bảo trì');
    sb.setFault('gateway', { mode: 'empty_array' });
    res = await post(sb.url, sumQuery());
    expect(await res.text()).toBe('[]');
  });

  it('oversized streams a huge body without a content-length', async () => {
    sb.setFault('gateway', { mode: 'oversized', bytes: 3 * 1024 * 1024 + 7, count: 1 });
    let res = await post(sb.url, sumQuery());
    expect(res.headers.get('content-length')).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024 + 7);
    // Default 64 MiB: read it through, counting, never holding it.
    sb.setFault('gateway', { mode: 'oversized', count: 1 });
    res = await post(sb.url, sumQuery());
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) size += chunk.byteLength;
    expect(size).toBe(64 * 1024 * 1024);
    // A client giving up early does not wedge the server.
    sb.setFault('site:hanoi', { mode: 'oversized', count: 1 });
    const controller = new AbortController();
    res = await fetch(`${sb.url}/sites/hanoi/`, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBeGreaterThan(0);
    controller.abort();
    expect((await fetch(`${sb.url}/sites/hanoi/`)).status).toBe(200);
  });

  it('bad_values writes some numbers as N/A, empty, or in Vietnamese notation (gateway only)', async () => {
    sb.setFault('gateway', { mode: 'bad_values' });
    const list = (await (await post(sb.url, sumQuery())).json()) as Row[];
    const values = list.flatMap((r) => Object.values(r));
    expect(values).toContain('N/A');
    expect(values).toContain('');
    expect(values.some((v) => /^\d{1,3}(\.\d{3})+$/.test(v))).toBe(true);
    expect(values.some((v) => /^\d+,\d{2}$/.test(v))).toBe(true);
    expect(list[0]?.HS_TOTAL).toBe(formatViInt(monthlyFigures(2026, '2026-01', 'ministry', NOW)[0]?.monthly.received ?? -1));
    const scores = (await (await post(sb.url, query(SCORE, '2026-01', 'ministry'))).json()) as Row[];
    expect(scores[0]?.TONG_SCORE).toMatch(/^\d+,\d$/);
    expect(scores[1]?.CKMB).toBe('N/A');
    expect(() => sb.setFault('site:hanoi', { mode: 'bad_values' })).toThrow(/gateway/);
  });

  it('gateway:<service> faults only that service; site and status routes are separate', async () => {
    sb.setFault(`gateway:${SCORE}`, { mode: 'http_5xx', status: 503 });
    expect((await post(sb.url, query(SCORE, '2026-01', 'ministry'))).status).toBe(503);
    expect((await post(sb.url, sumQuery())).status).toBe(200);
    sb.setFault('site:bct', { mode: 'html_200' });
    expect(await (await fetch(`${sb.url}/sites/bct/thong-ke`)).text()).toContain('Hệ thống đang bảo trì');
    expect(await (await fetch(`${sb.url}/sites/hanoi/thong-ke`)).text()).toContain('bang-thong-ke');
    sb.setFault('status', { mode: 'reset', count: 1 });
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(await socketError(fetch(`${sb.url}/api/status.json`)));
    expect(() => sb.setFault('nowhere' as 'gateway', { mode: 'reset' })).toThrow(/route/);
  });

  it('counts requests per route', async () => {
    const before = [sb.requestCount(), sb.requestCount('gateway'), sb.requestCount(`gateway:${SUM}`), sb.requestCount('site:danang')];
    await post(sb.url, sumQuery());
    await fetch(`${sb.url}/sites/danang/`);
    expect([sb.requestCount(), sb.requestCount('gateway'), sb.requestCount(`gateway:${SUM}`), sb.requestCount('site:danang')])
      .toEqual([before[0]! + 2, before[1]! + 1, before[2]! + 1, before[3]! + 1]);
  });

  it('can be driven over HTTP', async () => {
    const set = await fetch(`${sb.url}/__sandbox/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'site:danang', fault: { mode: 'http_5xx', status: 502 } }),
    });
    expect(set.status).toBe(200);
    const listed = (await (await fetch(`${sb.url}/__sandbox/faults`)).json()) as { faults: Array<{ route: string }> };
    expect(listed.faults.map((f) => f.route)).toEqual(['site:danang']);
    expect((await fetch(`${sb.url}/sites/danang/`)).status).toBe(502);
    const status = (await (await fetch(`${sb.url}/api/status.json`)).json()) as { status: string; components: Array<{ id: string; status: string }> };
    expect(status.status).toBe('degraded');
    expect(status.components.find((c) => c.id === 'site:danang')?.status).toBe('down');
    const bad = await fetch(`${sb.url}/__sandbox/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: 'gateway', fault: { mode: 'melt' } }),
    });
    expect(bad.status).toBe(400);
    await fetch(`${sb.url}/__sandbox/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: 'site:danang', fault: null }),
    });
    expect((await fetch(`${sb.url}/sites/danang/`)).status).toBe(200);
  });
});

describe('portal sites', () => {
  async function page(path: string): Promise<{ res: Response; body: string }> {
    const res = await fetch(`${sb.url}${path}`);
    return { res, body: await res.text() };
  }

  /** Every local src/href of a page resolves, and nothing points off the sandbox. */
  async function checkLinks(body: string): Promise<void> {
    const refs = [...body.matchAll(/(?:src|href|action)="([^"]+)"/g)].map((m) => m[1] ?? '');
    for (const ref of refs) {
      if (ref.startsWith('mailto:') || ref.startsWith('#')) continue;
      expect(ref.startsWith('/') || ref.startsWith(sb.url), ref).toBe(true);
      if (ref.startsWith('/') && !ref.includes('api/nop-ho-so')) expect((await fetch(`${sb.url}${ref}`)).status, ref).toBe(200);
    }
  }

  it('serves the four pages of every site, in UTF-8', async () => {
    for (const site of ['hanoi', 'bct', 'danang']) {
      for (const sub of ['', 'dich-vu-cong', 'nop-ho-so', 'thong-ke']) {
        const { res, body } = await page(`/sites/${site}/${sub}`);
        expect(res.status, `${site}/${sub}`).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(body).toMatch(/charset="?utf-8/i);
        await checkLinks(body);
      }
    }
    expect((await fetch(`${sb.url}/sites/hanoi`, { redirect: 'manual' })).status).toBe(301);
    expect((await fetch(`${sb.url}/sites/nowhere/`)).status).toBe(404);
  });

  it('hanoi: a clean build with privacy policy, contact point and server-rendered figures', async () => {
    const home = await page('/sites/hanoi/');
    expect(home.body).toContain('<html lang="vi">');
    expect(home.body).toContain('href="/sites/hanoi/chinh-sach-bao-mat"');
    expect(home.body).toContain('Chính sách bảo mật');
    expect([...home.body.matchAll(/<img [^>]*>/g)].every((m) => / alt="[^"]{5,}"/.test(m[0]))).toBe(true);
    expect(home.res.headers.get('set-cookie')).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    expect((await page('/sites/hanoi/chinh-sach-bao-mat')).body).toContain(PRIVACY_CONTACT_EMAIL);
    expect((await page('/sites/hanoi/tuyen-bo-tro-nang')).body).toContain('khả năng tiếp cận');
    const stats = await page('/sites/hanoi/thong-ke?thang=2026-09');
    const f = unitFigures(2026, '2026-09', 'province', '01', NOW);
    expect(stats.body).toContain(`<td class="so">${formatViInt(f?.monthly.received ?? -1)}</td>`);
    expect(stats.body).toContain(formatViPercent(f?.onlineRatePct ?? -1));
    expect(stats.body).toMatch(/\d{1,3}\.\d{3}\.\d{3}/);
    expect(stats.body).toMatch(/\d+,\d{2}%/);
    expect((await page('/sites/hanoi/thong-ke?thang=2030-01')).res.status).toBe(404);
    const consentless = await fetch(`${sb.url}/sites/hanoi/nop-ho-so`, { method: 'POST', body: new URLSearchParams({ ho_ten: 'A' }) });
    expect(consentless.status).toBe(422);
    const ok = await fetch(`${sb.url}/sites/hanoi/nop-ho-so`, { method: 'POST', body: new URLSearchParams({ ho_ten: 'A', dong_y: 'co' }) });
    expect(await ok.text()).toContain('Hồ sơ đã được tiếp nhận');
  });

  it('bct: an old build with a tracker, a loose cookie, images without alt and a data leak', async () => {
    const home = await page('/sites/bct/');
    expect(home.body).toMatch(/<html>/);
    expect(home.body).not.toMatch(/lang=/);
    expect(home.body).not.toContain('Chính sách bảo mật');
    expect(home.body.indexOf('/tracker/collect.js')).toBeLessThan(home.body.indexOf('<body'));
    expect([...home.body.matchAll(/<img [^>]*>/g)].some((m) => !/ alt=/.test(m[0]))).toBe(true);
    const cookie = home.res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ASPSESSIONIDBCT=/);
    expect(cookie).not.toMatch(/secure|httponly|samesite/i);
    const tracker = await page('/tracker/collect.js');
    expect(tracker.res.headers.get('content-type')).toMatch(/javascript/);
    expect(tracker.body).toContain('/tracker/pixel.gif');
    const leak = await page(LEAKED_PERSON.path);
    expect(leak.body).toMatch(/\b\d{12}\b/);
    expect(leak.body).toContain(LEAKED_PERSON.name);
    expect(leak.body).toContain(LEAKED_PERSON.phone);
    expect((await page('/sites/bct/nop-ho-so')).body).toContain('method="get"');
    const stats = await page('/sites/bct/thong-ke');
    expect(stats.body).toContain(formatViInt(unitFigures(2026, CURRENT, 'ministry', 'BCT', NOW)?.monthly.received ?? -1));
  });

  it('danang: statistics rendered client-side from a JSON endpoint, an http form, a keyboard trap', async () => {
    const stats = await page('/sites/danang/thong-ke');
    expect(stats.body).toContain('<tbody id="bang-so-lieu"></tbody>');
    expect(stats.body).toContain('/sites/danang/assets/app.js');
    expect(stats.body).toContain(`data-thang="${CURRENT}"`);
    const app = await page('/sites/danang/assets/app.js');
    expect(app.body).toContain('/sites/danang/api/thong-ke?thang=');
    const api = await fetch(`${sb.url}/sites/danang/api/thong-ke?thang=2025-07`);
    expect(api.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const data = (await api.json()) as { thang: string; don_vi: string; so_lieu: Record<string, number> };
    const f = unitFigures(2026, '2025-07', 'province', '48', NOW);
    expect(data.don_vi).toBe('Thành phố Đà Nẵng');
    expect(data.so_lieu.hs_tiep_nhan).toBe(f?.monthly.received);
    expect(data.so_lieu.ty_le_truc_tuyen).toBe(f?.onlineRatePct);
    expect((await fetch(`${sb.url}/sites/danang/api/thong-ke?thang=2099-01`)).status).toBe(404);
    expect((await fetch(`${sb.url}/sites/danang/api/thong-ke?thang=hom-nay`)).status).toBe(400);
    const service = await page('/sites/danang/dich-vu-cong');
    expect(service.body).toContain(`action="http://127.0.0.1:${new URL(sb.url).port}/sites/danang/api/nop-ho-so"`);
    expect(service.body).toContain('name="so_cccd"');
    expect(service.body).toMatch(/tabindex="0"[^>]*onkeydown="[^"]*preventDefault/);
    expect(service.body).toMatch(/color:#c8c8c8;background-color:#ffffff/);
    const submit = await fetch(`${sb.url}/sites/danang/api/nop-ho-so`, { method: 'POST', body: new URLSearchParams({ ho_ten: 'B' }) });
    expect(((await submit.json()) as { ket_qua: string }).ket_qua).toBe('da_tiep_nhan');
  });
});

describe('status endpoints, index and lifecycle', () => {
  it('publishes a status JSON and a Statuspage-shaped summary', async () => {
    const status = (await (await fetch(`${sb.url}/api/status.json`)).json()) as { status: string; components: Array<{ id: string; status: string }>; updated_at: string };
    expect(status.status).toBe('ok');
    expect(status.components.map((c) => c.id)).toEqual(['gateway', 'site:hanoi', 'site:bct', 'site:danang']);
    expect(status.components.every((c) => c.status === 'ok')).toBe(true);
    expect(status.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Math.abs(Date.parse(status.updated_at) - NOW.getTime())).toBeLessThan(600_000);

    sb.setFault('gateway', { mode: 'slow', delayMs: 1 });
    const summary = (await (await fetch(`${sb.url}/api/v2/summary.json`)).json()) as {
      page: { id: string; name: string; url: string; updated_at: string };
      components: Array<{ id: string; name: string; status: string }>;
      incidents: unknown[];
      scheduled_maintenances: Array<{ name: string; status: string; created_at: string; scheduled_for: string; scheduled_until: string }>;
      status: { indicator: string; description: string };
    };
    expect(summary.page.url).toBe(sb.url);
    expect(summary.components).toHaveLength(4);
    expect(summary.components[0]?.status).toBe('degraded_performance');
    expect(summary.status.indicator).toBe('minor');
    expect(summary.incidents).toEqual([]);
    const notice = summary.scheduled_maintenances.map((m) => (Date.parse(m.scheduled_for) - Date.parse(m.created_at)) / 86_400_000);
    expect(notice).toEqual([15, 3]);
  });

  it('links everything from the index page', async () => {
    const body = await (await fetch(`${sb.url}/`)).text();
    for (const link of ['/sites/hanoi/', '/sites/bct/thong-ke', '/sites/danang/nop-ho-so', '/api/status.json', '/api/v2/summary.json', '/__sandbox/faults']) {
      expect(body).toContain(`href="${link}"`);
    }
  });

  it('closes fast with keep-alive and in-flight requests', async () => {
    const own = await startSandbox({ seed: 1, now: NOW });
    await (await fetch(`${own.url}/sites/hanoi/`)).text(); // leaves a keep-alive socket
    own.setFault('gateway', { mode: 'slow', delayMs: 60_000 });
    const pending = post(own.url, query(SUM, '2026-01', 'ministry'));
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await own.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await socketError(pending)).not.toBe('no error');
  });

  it('runs as a child process driven over HTTP (serve.ts)', async () => {
    const script = fileURLToPath(new URL('../../scripts/sandbox/serve.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--seed', '2026', '--now', NOW.toISOString()], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const url = line.toString().trim().split('\n')[0] ?? '';
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const info = (await (await fetch(`${url}/__sandbox/info`)).json()) as { seed: number; current_month: string };
      expect(info).toMatchObject({ seed: 2026, current_month: CURRENT });
      await fetch(`${url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ route: 'gateway', fault: { mode: 'fail_times', times: 1 } }) });
      expect((await post(url, query(SUM, '2026-01', 'ministry'))).status).toBe(503);
      const again = await (await post(url, query(SUM, '2026-01', 'ministry'))).text();
      expect(again).toBe(await (await post(sb.url, query(SUM, '2026-01', 'ministry'))).text());
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }, 15_000);
});
