// Stand-in for the national portal's statistics gateway (POST /jsp/rest.jsp, form body
// `params=<JSON>`). Answers are JSON arrays whose numbers are all strings, like the real one.
import { formatMonth, type MonthPeriod } from '../../src/time/period.ts';
import { monthlyFigures, scores766, type UnitFigures, type UnitLevel, type UnitScore766 } from './data.ts';
import { formatViDecimal, formatViInt } from './format.ts';

export const GATEWAY_PATH = '/jsp/rest.jsp';
export const SUM_SERVICE = 'report_by_month_sum_service';
export const SCORE_SERVICE = 'report_tinh_766_service';
export const GATEWAY_SERVICES = [SUM_SERVICE, SCORE_SERVICE] as const;
export type GatewayService = (typeof GATEWAY_SERVICES)[number];

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export type GatewayRow = Record<string, string>;

/** Field order of report_by_month_sum_service rows (the collector's contract). */
export const SUM_FIELDS = [
  'ROW_STT', 'ID', 'TEN', 'MA_COQUAN', 'CAPDONVIID',
  'HS_TOTAL', 'HTN_TRUCTUYEN', 'HTN_TRUCTIEP', 'HTN_BUUCHINH', 'DB_TOTAL', 'DXLTH', 'DXLQH',
  'GDTTQG', 'GDTTQG_SOTIEN', 'HS_SOHOA', 'HS_TAISUDUNG',
  'TTHC_TOTAL', 'DVCTT_TOANTRINH', 'DVCTT_MOTPHAN', 'DVCTT_PHATSINH_HS',
  'HS_TOTAL_LK', 'HTN_TRUCTUYEN_TOTAL', 'HTN_TRUCTIEP_TOTAL', 'HTN_BUUCHINH_TOTAL',
  'DXLTH_TOTAL', 'DXLQH_TOTAL', 'GDTTQG_TOTAL',
  'TILE', 'TILE_DB',
] as const;

/** Field order of report_tinh_766_service rows. */
export const SCORE_FIELDS = [
  'ID', 'TEN', 'ROW_STT', 'CKMB', 'TDGQ', 'TTTT', 'CLGQ', 'MDHL', 'MDSH', 'TONG_SCORE', 'CAPDONVIID', 'MA_COQUAN',
] as const;

export interface GatewayContext {
  seed: number;
  now: Date;
}

export type ParsedBody =
  | { ok: true; params: Record<string, unknown>; service: string | null }
  | { ok: false; error: string };

/** Reads the form body; only an unusable `params` is an error at this stage. */
export function parseGatewayBody(body: string): ParsedBody {
  const raw = new URLSearchParams(body).get('params');
  if (raw === null) return { ok: false, error: 'missing form field "params" (expected params=<JSON>)' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, error: '"params" is not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: '"params" must be a JSON object' };
  }
  const params = parsed as Record<string, unknown>;
  return { ok: true, params, service: typeof params.service === 'string' ? params.service : null };
}

/** Keys arrive as strings in real clients; accept numbers too, like the real server does. */
function field(params: Record<string, unknown>, key: string): string | undefined {
  const v = params[key];
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function positiveInt(value: string | undefined, fallback: number | undefined): number | undefined | 'invalid' {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) return 'invalid';
  const n = Number(value);
  return n >= 1 ? n : 'invalid';
}

export interface GatewayQuery {
  service: GatewayService;
  period: MonthPeriod;
  level: UnitLevel;
  /** MA_COQUAN to keep, or null for all units (p_tinh_id "0" or absent). */
  unit: string | null;
  pageIndex: number;
  pageSize: number;
}

export function parseQuery(params: Record<string, unknown>): { ok: true; query: GatewayQuery } | { ok: false; error: string } {
  const service = field(params, 'service');
  if (!service) return { ok: false, error: 'missing "service"' };
  if (!(GATEWAY_SERVICES as readonly string[]).includes(service)) return { ok: false, error: `unknown service "${service}"` };
  const year = field(params, 'p_nam');
  if (!year || !/^\d{4}$/.test(year)) return { ok: false, error: '"p_nam" must be a year such as "2026"' };
  const month = field(params, 'p_thang');
  if (!month || !/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) {
    return { ok: false, error: '"p_thang" must be a month number 1..12' };
  }
  const kind = field(params, 'p_loaidonvi');
  if (kind !== '1' && kind !== '2') return { ok: false, error: '"p_loaidonvi" must be "1" (ministries) or "2" (provinces)' };
  const pageIndex = positiveInt(field(params, 'pageIndex'), 1);
  const pageSize = positiveInt(field(params, 'pageSize'), DEFAULT_PAGE_SIZE);
  if (pageIndex === 'invalid' || pageIndex === undefined) return { ok: false, error: '"pageIndex" must be a positive integer' };
  if (pageSize === 'invalid' || pageSize === undefined) return { ok: false, error: '"pageSize" must be a positive integer' };
  const tinh = field(params, 'p_tinh_id');
  let unit: string | null = null;
  if (tinh !== undefined && tinh !== '' && tinh !== '0') unit = /^\d$/.test(tinh) ? tinh.padStart(2, '0') : tinh;
  return {
    ok: true,
    query: {
      service: service as GatewayService,
      period: formatMonth(Number(year), Number(month)),
      level: kind === '1' ? 'ministry' : 'province',
      unit,
      pageIndex,
      pageSize: Math.min(pageSize, MAX_PAGE_SIZE),
    },
  };
}

const str = (n: number) => String(n);

export function sumRow(f: UnitFigures, rowNumber: number): GatewayRow {
  const m = f.monthly;
  const s = f.stock;
  const y = f.ytd;
  return {
    ROW_STT: str(rowNumber),
    ID: str(f.unit.id),
    TEN: f.unit.name,
    MA_COQUAN: f.unit.gatewayCode,
    CAPDONVIID: f.unit.level === 'ministry' ? '1' : '2',
    HS_TOTAL: str(m.received),
    HTN_TRUCTUYEN: str(m.receivedOnline),
    HTN_TRUCTIEP: str(m.receivedDirect),
    HTN_BUUCHINH: str(m.receivedPost),
    DB_TOTAL: str(m.synced),
    DXLTH: str(m.resolvedOnTime),
    DXLQH: str(m.resolvedLate),
    GDTTQG: str(m.paymentsCount),
    GDTTQG_SOTIEN: str(m.paymentsAmountVnd),
    HS_SOHOA: str(m.digitised),
    HS_TAISUDUNG: str(m.reusingData),
    TTHC_TOTAL: str(s.proceduresTotal),
    DVCTT_TOANTRINH: str(s.onlineFull),
    DVCTT_MOTPHAN: str(s.onlinePartial),
    DVCTT_PHATSINH_HS: str(s.onlineWithFilings),
    HS_TOTAL_LK: str(y.received),
    HTN_TRUCTUYEN_TOTAL: str(y.receivedOnline),
    HTN_TRUCTIEP_TOTAL: str(y.receivedDirect),
    HTN_BUUCHINH_TOTAL: str(y.receivedPost),
    DXLTH_TOTAL: str(y.resolvedOnTime),
    DXLQH_TOTAL: str(y.resolvedLate),
    GDTTQG_TOTAL: str(y.paymentsCount),
    TILE: f.onlineRatePct.toFixed(2),
    TILE_DB: f.syncRatePct.toFixed(2),
  };
}

export function scoreRow(s: UnitScore766): GatewayRow {
  const g = s.groups;
  return {
    ID: str(s.unit.id),
    TEN: s.unit.name,
    ROW_STT: str(s.rank),
    CKMB: g.CKMB.toFixed(1),
    TDGQ: g.TDGQ.toFixed(1),
    TTTT: g.TTTT.toFixed(1),
    CLGQ: g.CLGQ.toFixed(1),
    MDHL: g.MDHL.toFixed(1),
    MDSH: g.MDSH.toFixed(1),
    TONG_SCORE: s.total.toFixed(1),
    CAPDONVIID: s.unit.level === 'ministry' ? '1' : '2',
    MA_COQUAN: s.unit.gatewayCode,
  };
}

/** All rows of a query before pagination (unit filter applied). */
export function queryRows(query: GatewayQuery, ctx: GatewayContext): GatewayRow[] {
  if (query.service === SUM_SERVICE) {
    const figures = monthlyFigures(ctx.seed, query.period, query.level, ctx.now)
      .filter((f) => query.unit === null || f.unit.gatewayCode === query.unit);
    return figures.map((f, i) => sumRow(f, i + 1));
  }
  // 766: ROW_STT is the rank among all units, so it survives the unit filter.
  return scores766(ctx.seed, query.period, query.level, ctx.now)
    .filter((s) => query.unit === null || s.unit.gatewayCode === query.unit)
    .map(scoreRow);
}

export function paginate<T>(rows: T[], pageIndex: number, pageSize: number): T[] {
  const start = (pageIndex - 1) * pageSize;
  return rows.slice(start, start + pageSize);
}

/**
 * The bad_values fault: the formats seen in hand-maintained upstream data. Rows cycle through
 * four patterns (by position on the page) so every kind appears on any page of 3+ rows:
 *   0: HS_TOTAL with a thousands dot ("1.234.567"), TILE with a decimal comma ("97,67")
 *   1: DB_TOTAL "N/A", TILE_DB ""
 *   2: GDTTQG_SOTIEN "", DXLTH with a thousands dot
 *   3: untouched
 * 766 rows cycle: TONG_SCORE with a decimal comma, CKMB "N/A", MDHL "".
 */
export function corruptRows(service: GatewayService, rows: GatewayRow[]): GatewayRow[] {
  return rows.map((row, i) => {
    const r = { ...row };
    if (service === SUM_SERVICE) {
      if (i % 4 === 0) {
        r.HS_TOTAL = formatViInt(Number(row.HS_TOTAL));
        r.TILE = formatViDecimal(Number(row.TILE), 2);
      } else if (i % 4 === 1) {
        r.DB_TOTAL = 'N/A';
        r.TILE_DB = '';
      } else if (i % 4 === 2) {
        r.GDTTQG_SOTIEN = '';
        r.DXLTH = formatViInt(Number(row.DXLTH));
      }
    } else if (i % 3 === 0) {
      r.TONG_SCORE = formatViDecimal(Number(row.TONG_SCORE), 1);
    } else if (i % 3 === 1) {
      r.CKMB = 'N/A';
    } else {
      r.MDHL = '';
    }
    return r;
  });
}

export interface GatewayAnswer {
  status: number;
  body: unknown;
}

/** The gateway's answer to parsed params (faults are applied by the server around this). */
export function answerGateway(params: Record<string, unknown>, ctx: GatewayContext, corrupt = false): GatewayAnswer {
  const parsed = parseQuery(params);
  if (!parsed.ok) return { status: 400, body: { error: parsed.error } };
  const q = parsed.query;
  const page = paginate(queryRows(q, ctx), q.pageIndex, q.pageSize);
  return { status: 200, body: corrupt ? corruptRows(q.service, page) : page };
}
