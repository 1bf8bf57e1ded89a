// The sandbox's figures: a deterministic model of what the national portal's statistics
// gateway publishes for each ministry and province, month by month from 2024-01 to the
// current month. Tests (the sandbox's and the collector's) recompute expected values with
// the functions exported here, so the gateway and the portal sites only format them.
//
// Shape of the model:
// - every ministry and every one of the 63 old provinces has a latent trajectory (volume,
//   online share, trends...) drawn from the seed; seed-article figures (BCT 99.99 %, Long
//   An 96.47 %...) are anchors so the picture matches what operators know;
// - a new province (from 2025-07) is the sum of its old provinces' trajectories, so series
//   stay comparable across the merger; its stock of services is its largest constituent's;
// - the current month is partial: counts scale with the days elapsed (at least one).
import { builtInAgencies, readMergerMap } from '../../src/registry/agencies.ts';
import { lastDay, localDate, parseMonth, type MonthPeriod } from '../../src/time/period.ts';
import { clamp, rngFor } from './random.ts';

export const DEFAULT_SEED = 2026;
/** The first month the sandbox has figures for. */
export const DATA_START: MonthPeriod = '2024-01';

export type UnitLevel = 'ministry' | 'province';

export interface SandboxUnit {
  /** Registry code: `bo:BCT`, `tinh63:02` (until 2025-06), `tinh:08` (from 2025-07). */
  agencyCode: string;
  name: string;
  level: UnitLevel;
  /** MA_COQUAN: ministry abbreviation or 2-digit province code (the registry's gatewayCode). */
  gatewayCode: string;
  /** The gateway's numeric ID; stable per unit (old and new provinces get distinct IDs). */
  id: number;
  /** First and last month the unit existed; null = open-ended. */
  firstMonth: MonthPeriod | null;
  lastMonth: MonthPeriod | null;
  /** Latent trajectories summed: itself for ministries and old provinces, its old provinces for a new one. */
  sources: string[];
}

export interface MonthlyCounts {
  received: number; // HS_TOTAL
  receivedOnline: number; // HTN_TRUCTUYEN
  receivedDirect: number; // HTN_TRUCTIEP
  receivedPost: number; // HTN_BUUCHINH
  synced: number; // DB_TOTAL
  resolvedOnTime: number; // DXLTH
  resolvedLate: number; // DXLQH
  paymentsCount: number; // GDTTQG
  paymentsAmountVnd: number; // GDTTQG_SOTIEN
  digitised: number; // HS_SOHOA
  reusingData: number; // HS_TAISUDUNG
}

export interface ServiceStock {
  proceduresTotal: number; // TTHC_TOTAL
  onlineFull: number; // DVCTT_TOANTRINH
  onlinePartial: number; // DVCTT_MOTPHAN
  onlineWithFilings: number; // DVCTT_PHATSINH_HS
}

/** Year-to-date sums (January to this month, same year), the gateway's *_TOTAL / *_LK fields. */
export interface YearToDate {
  received: number; // HS_TOTAL_LK
  receivedOnline: number; // HTN_TRUCTUYEN_TOTAL
  receivedDirect: number; // HTN_TRUCTIEP_TOTAL
  receivedPost: number; // HTN_BUUCHINH_TOTAL
  resolvedOnTime: number; // DXLTH_TOTAL
  resolvedLate: number; // DXLQH_TOTAL
  paymentsCount: number; // GDTTQG_TOTAL
}

export interface UnitFigures {
  unit: SandboxUnit;
  period: MonthPeriod;
  /** Share of the month covered: 1 for past months, elapsed days ÷ days in month for the current one. */
  fraction: number;
  monthly: MonthlyCounts;
  stock: ServiceStock;
  ytd: YearToDate;
  /** TILE: receivedOnline ÷ received in percent, rounded to 2 decimals. */
  onlineRatePct: number;
  /** TILE_DB: synced ÷ received in percent, rounded to 2 decimals. */
  syncRatePct: number;
}

export const SCORE_MAX = { CKMB: 18, TDGQ: 20, TTTT: 10, CLGQ: 12, MDHL: 18, MDSH: 22 } as const;
export type ScoreGroup = keyof typeof SCORE_MAX;

export interface UnitScore766 {
  unit: SandboxUnit;
  period: MonthPeriod;
  /** 1-based position in descending TONG_SCORE order (ties broken by MA_COQUAN). */
  rank: number;
  /** Group scores with one decimal. */
  groups: Record<ScoreGroup, number>;
  /** Sum of the rounded group scores, one decimal. */
  total: number;
}

// ---------------------------------------------------------------------------------------
// Units

interface UnitTables {
  all: SandboxUnit[];
}

let unitCache: UnitTables | null = null;

function monthOf(date: string | null): MonthPeriod | null {
  return date === null ? null : date.slice(0, 7);
}

function units(): UnitTables {
  if (unitCache) return unitCache;
  const merger = readMergerMap();
  const all: SandboxUnit[] = [];
  let ministryIndex = 0;
  for (const agency of builtInAgencies(merger)) {
    if (agency.level === 'national' || agency.level === 'commune' || agency.gatewayCode === null) continue;
    if (agency.level === 'ministry') {
      ministryIndex += 1;
      all.push({
        agencyCode: agency.code, name: agency.name, level: 'ministry', gatewayCode: agency.gatewayCode,
        id: 3000 + ministryIndex, firstMonth: monthOf(agency.validFrom), lastMonth: monthOf(agency.validTo),
        sources: [agency.code],
      });
      continue;
    }
    const isOld = agency.code.startsWith('tinh63:');
    const sources = isOld
      ? [agency.code]
      : merger.filter((row) => row.newCode === agency.gatewayCode).map((row) => `tinh63:${row.oldCode}`);
    all.push({
      agencyCode: agency.code, name: agency.name, level: 'province', gatewayCode: agency.gatewayCode,
      id: (isOld ? 1000 : 2000) + Number(agency.gatewayCode),
      firstMonth: monthOf(agency.validFrom), lastMonth: monthOf(agency.validTo), sources,
    });
  }
  unitCache = { all };
  return unitCache;
}

/** The units of a level that existed in `period`, sorted by MA_COQUAN. */
export function unitsInMonth(period: MonthPeriod, level: UnitLevel): SandboxUnit[] {
  return units().all
    .filter((u) => u.level === level && (u.firstMonth === null || u.firstMonth <= period) && (u.lastMonth === null || period <= u.lastMonth))
    .sort((a, b) => (a.gatewayCode < b.gatewayCode ? -1 : a.gatewayCode > b.gatewayCode ? 1 : 0));
}

/** Every unit the sandbox knows, whatever its months. */
export function allUnits(): SandboxUnit[] {
  return [...units().all];
}

// ---------------------------------------------------------------------------------------
// Time

function monthIndex(period: MonthPeriod): number {
  const { year, month } = parseMonth(period);
  const start = parseMonth(DATA_START);
  return (year - start.year) * 12 + (month - start.month);
}

/**
 * How much of `period` the figures cover at `now`: 1 for a past month, elapsed days (today
 * counted, so at least one) ÷ days in the month for the current one, null when there is no
 * data (before DATA_START or after the current month).
 */
export function monthFraction(period: MonthPeriod, now: Date): number | null {
  const today = localToday(now);
  const current = today.slice(0, 7);
  if (period < DATA_START || period > current) return null;
  if (period < current) return 1;
  const day = Number(today.slice(8, 10));
  const days = Number(lastDay(period).slice(8, 10));
  return day / days;
}

// localDate builds an Intl formatter per call; the year-to-date sums ask for it thousands of
// times per request with the same instant, so remember the last answer.
let lastToday: { at: number; date: string } | null = null;

function localToday(now: Date): string {
  const at = now.getTime();
  if (lastToday?.at !== at) lastToday = { at, date: localDate(now) };
  return lastToday.date;
}

// ---------------------------------------------------------------------------------------
// Latent trajectories

// Dossiers received per month in 2024-01, in thousands, for the 63 old provinces: big cities
// near a million, small mountain provinces near 20k (seed articles, national portal reports).
const OLD_PROVINCE_VOLUME_K: Record<string, number> = {
  '01': 800, '02': 22, '04': 20, '06': 18, '08': 25, '10': 30, '11': 20, '12': 18, '14': 32, '15': 25,
  '17': 30, '19': 45, '20': 28, '22': 80, '24': 65, '25': 45, '26': 55, '27': 70, '30': 70, '31': 110,
  '33': 45, '34': 55, '35': 30, '36': 55, '37': 35, '38': 120, '40': 110, '42': 50, '44': 30, '45': 25,
  '46': 45, '48': 70, '49': 55, '51': 45, '52': 50, '54': 30, '56': 50, '58': 22, '60': 40, '62': 20,
  '64': 50, '66': 55, '67': 22, '68': 45, '70': 35, '72': 40, '74': 130, '75': 130, '77': 70, '79': 580,
  '80': 70, '82': 50, '83': 40, '84': 30, '86': 30, '87': 45, '89': 55, '91': 50, '92': 60, '93': 25,
  '94': 35, '95': 25, '96': 35,
};

// Ministries: [dossiers per month in 2024-01, procedures in remit, average online payment VND].
// BCA (residence, passports, vehicles) is by far the largest; TTCP receives a few hundred.
const MINISTRY_TABLE: Record<string, [number, number, number]> = {
  BCA: [950_000, 420, 90_000], BCT: [60_000, 450, 250_000], BDTTG: [1_500, 60, 100_000],
  BGDDT: [30_000, 200, 150_000], BKHCN: [8_000, 320, 300_000], BNG: [15_000, 90, 400_000],
  BNNMT: [40_000, 600, 200_000], BNV: [10_000, 150, 100_000], BQP: [5_000, 300, 100_000],
  BTC: [350_000, 600, 1_500_000], BTP: [30_000, 250, 200_000], BVHTTDL: [5_000, 300, 300_000],
  BXD: [20_000, 350, 500_000], BYT: [25_000, 500, 400_000], NHNN: [6_000, 200, 500_000],
  TTCP: [400, 50, 50_000], VPCP: [800, 55, 50_000],
};

// Anchors from the seed articles (online-dossier and filing rates, 2022): leaders stay put,
// the others still trend upwards from there.
const ANCHORS: Record<string, { online?: number; filing?: number }> = {
  'bo:BCT': { online: 0.9999, filing: 1 },
  'bo:BGDDT': { online: 0.9958, filing: 1 },
  'bo:BTC': { online: 0.9141, filing: 0.95 },
  'bo:BKHCN': { filing: 0.9767 }, // took over the former BTTTT, the third filing leader
  'bo:BCA': { online: 0.42 },
  'tinh63:01': { online: 0.4 },
  'tinh63:79': { online: 0.42 },
  'tinh63:80': { filing: 0.9647 }, // Long An
  'tinh63:30': { filing: 0.945 }, // Hải Dương
  'tinh63:82': { filing: 0.93 }, // Tiền Giang
  'tinh63:17': { online: 0.8702, filing: 0.92 }, // Hòa Bình
  'tinh63:24': { filing: 0.905 }, // Bắc Giang
  'tinh63:22': { online: 0.7533 }, // Quảng Ninh
  'tinh63:37': { online: 0.5935 }, // Ninh Bình
  'tinh63:35': { online: 0.5673 }, // Hà Nam
  'tinh63:38': { online: 0.566 }, // Thanh Hóa
};

// Month-of-year factor: Tết falls in late January or February and empties the offices.
const SEASON = [1.06, 0.78, 1.05, 0.97, 1.0, 1.02, 1.03, 0.99, 0.98, 1.02, 1.03, 1.07];

interface Profile {
  volume: number;
  growth: number;
  online0: number;
  onlineTrend: number;
  onlineCap: number;
  onlineNoise: number;
  postShare: number;
  sync0: number;
  onTime: number;
  resolvedShare: number;
  payShare: number;
  avgFee: number;
  digit0: number;
  digitTrend: number;
  reuse: number;
  procedures: number;
  procDrift: number;
  full0: number;
  partial0: number;
  filing0: number;
  filingTrend: number;
  filingNoise: number;
}

const profileCache = new Map<string, Profile>();

function profile(seed: number, key: string): Profile {
  const cacheKey = `${seed}|${key}`;
  const cached = profileCache.get(cacheKey);
  if (cached) return cached;
  const r = rngFor(seed, 'profile', key);
  const isMinistry = key.startsWith('bo:');
  const code = key.slice(key.indexOf(':') + 1);
  const anchor = ANCHORS[key] ?? {};
  const ministry = MINISTRY_TABLE[code];
  // Draw every value unconditionally, in a fixed order, so anchors never shift other draws.
  const volumeJitter = r.jitter(0.1);
  const growth = r.between(0.002, 0.009);
  const onlineDraw = isMinistry ? clamp(r.normal(0.3, 0.2), 0.03, 0.85) : clamp(r.normal(0.33, 0.1), 0.08, 0.7);
  const onlineTrendDraw = r.between(0.002, 0.006);
  const postShare = r.between(0.003, 0.04);
  const sync0 = clamp(r.normal(0.92, 0.04), 0.75, 0.99);
  const onTime = clamp(r.normal(0.95, 0.03), 0.86, 0.995);
  const resolvedShare = r.between(0.86, 0.97);
  const payShare = r.between(0.08, 0.4);
  const feeDraw = isMinistry ? r.jitter(0.2) : r.between(40_000, 250_000);
  const digit0 = r.between(0.2, 0.6);
  const digitTrend = r.between(0.001, 0.006);
  const reuse = r.between(0.05, 0.35);
  const proceduresDraw = isMinistry ? r.jitter(0.15) : r.int(1500, 2000);
  const procDrift = isMinistry ? r.int(-2, 4) : r.int(-4, 12);
  const full0 = r.between(0.55, 0.6);
  const partial0 = r.between(0.12, 0.28);
  const filingDraw = isMinistry ? clamp(r.normal(0.6, 0.2), 0.35, 0.95) : clamp(r.normal(0.66, 0.14), 0.35, 0.88);
  const filingTrendDraw = r.between(0, 0.004);

  const baseVolume = isMinistry ? (ministry?.[0] ?? 5_000) : (OLD_PROVINCE_VOLUME_K[code] ?? 30) * 1000;
  const online0 = anchor.online ?? onlineDraw;
  const leaderOnline = online0 >= 0.9;
  const filing0 = anchor.filing ?? filingDraw;
  const leaderFiling = filing0 >= 0.9;
  const p: Profile = {
    volume: baseVolume * volumeJitter,
    growth,
    online0,
    onlineTrend: leaderOnline ? 0 : onlineTrendDraw,
    onlineCap: leaderOnline ? Math.min(0.99995, online0 + 0.002) : 0.97,
    onlineNoise: leaderOnline ? (1 - online0) * 0.1 : 0.012,
    postShare,
    sync0,
    onTime,
    resolvedShare,
    payShare,
    avgFee: isMinistry ? (ministry?.[2] ?? 100_000) * feeDraw : feeDraw,
    digit0,
    digitTrend,
    reuse,
    procedures: isMinistry ? clamp(Math.round((ministry?.[1] ?? 100) * proceduresDraw), 50, 600) : proceduresDraw,
    procDrift,
    full0,
    partial0,
    filing0,
    filingTrend: leaderFiling ? 0 : filingTrendDraw,
    filingNoise: filing0 >= 0.999 ? 0 : leaderFiling ? 0.003 : 0.01,
  };
  profileCache.set(cacheKey, p);
  return p;
}

interface Latent {
  monthly: MonthlyCounts;
  stock: ServiceStock;
}

function latentMonth(seed: number, key: string, period: MonthPeriod, fraction: number): Latent {
  const p = profile(seed, key);
  const t = monthIndex(period);
  const { month } = parseMonth(period);
  const r = rngFor(seed, 'month', key, period);
  // Fixed draw order again: every draw happens whatever the branch.
  const volumeNoise = r.jitter(0.04);
  const onlineNoise = r.normal(0, p.onlineNoise);
  const postNoise = r.jitter(0.2);
  const syncNoise = r.normal(0, 0.01);
  const resolvedNoise = r.normal(0, 0.01);
  const onTimeNoise = r.normal(0, 0.008);
  const payNoise = r.normal(0, 0.01);
  const feeNoise = r.jitter(0.1);
  const digitNoise = r.normal(0, 0.01);
  const reuseNoise = r.normal(0, 0.01);
  const filingNoise = r.normal(0, p.filingNoise);

  const received = Math.max(0, Math.round(p.volume * (1 + p.growth) ** t * (SEASON[month - 1] ?? 1) * volumeNoise * fraction));
  const onlineRate = clamp(p.online0 + p.onlineTrend * t + onlineNoise, 0.01, p.onlineCap);
  const receivedOnline = Math.round(received * onlineRate);
  const receivedPost = Math.min(received - receivedOnline, Math.round((received - receivedOnline) * p.postShare * postNoise));
  const receivedDirect = received - receivedOnline - receivedPost;
  const synced = Math.min(received, Math.round(received * clamp(p.sync0 + 0.002 * t + syncNoise, 0.6, 0.999)));
  const resolved = Math.round(received * clamp(p.resolvedShare + resolvedNoise, 0.7, 0.99));
  const resolvedOnTime = Math.round(resolved * clamp(p.onTime + onTimeNoise, 0.85, 0.999));
  const resolvedLate = resolved - resolvedOnTime;
  const paymentsCount = Math.round(receivedOnline * clamp(p.payShare + 0.003 * t + payNoise, 0, 0.9));
  const paymentsAmountVnd = Math.round(paymentsCount * p.avgFee * feeNoise);
  const digitised = Math.round(received * clamp(p.digit0 + p.digitTrend * t + digitNoise, 0.05, 0.97));
  const reusingData = Math.round(digitised * clamp(p.reuse + 0.004 * t + reuseNoise, 0, 0.8));

  // The stock moves slowly: procedures added or removed every half-year, full online growing.
  const proceduresTotal = Math.max(1, p.procedures + Math.floor(t / 6) * p.procDrift);
  const onlineFull = Math.round(proceduresTotal * Math.min(0.75, p.full0 + 0.0015 * t));
  const onlinePartial = Math.min(proceduresTotal - onlineFull, Math.round(proceduresTotal * p.partial0));
  const onlineServices = onlineFull + onlinePartial;
  // A partial month has seen fewer services receive a filing; 100 % stays 100 %.
  const filingRate = clamp(p.filing0 + p.filingTrend * t + filingNoise, 0.3, 1) ** (1 / (0.5 + 0.5 * fraction));
  const onlineWithFilings = Math.min(onlineServices, Math.round(onlineServices * filingRate));

  return {
    monthly: {
      received, receivedOnline, receivedDirect, receivedPost, synced, resolvedOnTime, resolvedLate,
      paymentsCount, paymentsAmountVnd, digitised, reusingData,
    },
    stock: { proceduresTotal, onlineFull, onlinePartial, onlineWithFilings },
  };
}

const COUNT_KEYS: Array<keyof MonthlyCounts> = [
  'received', 'receivedOnline', 'receivedDirect', 'receivedPost', 'synced', 'resolvedOnTime',
  'resolvedLate', 'paymentsCount', 'paymentsAmountVnd', 'digitised', 'reusingData',
];

/** A unit's month: its own trajectory, or the sum of its old provinces' for a merged one. */
function unitLatent(seed: number, unit: SandboxUnit, period: MonthPeriod, fraction: number): Latent {
  const parts = unit.sources.map((key) => latentMonth(seed, key, period, fraction));
  const [first, ...rest] = parts;
  if (!first) throw new Error(`unit ${unit.agencyCode} has no sources`);
  if (rest.length === 0) return first;
  const monthly = { ...first.monthly };
  for (const part of rest) for (const k of COUNT_KEYS) monthly[k] += part.monthly[k];
  // A merged province keeps one catalogue of procedures: the largest constituent's (whole,
  // so its filing rate carries over and the series does not jump at the merger).
  let largest = first;
  for (const part of rest) if (part.stock.proceduresTotal > largest.stock.proceduresTotal) largest = part;
  return { monthly, stock: { ...largest.stock } };
}

function pct(numerator: number, denominator: number): number {
  return denominator > 0 ? Math.round((numerator / denominator) * 10000) / 100 : 0;
}

function figuresFor(seed: number, unit: SandboxUnit, period: MonthPeriod, now: Date): UnitFigures {
  const fraction = monthFraction(period, now);
  if (fraction === null) throw new Error(`no data for ${period}`);
  const { monthly, stock } = unitLatent(seed, unit, period, fraction);
  const ytd: YearToDate = {
    received: 0, receivedOnline: 0, receivedDirect: 0, receivedPost: 0, resolvedOnTime: 0, resolvedLate: 0, paymentsCount: 0,
  };
  const { year, month } = parseMonth(period);
  for (let m = 1; m <= month; m++) {
    const p = `${year}-${String(m).padStart(2, '0')}`;
    const f = monthFraction(p, now);
    if (f === null) continue; // before DATA_START
    const c = p === period ? monthly : unitLatent(seed, unit, p, f).monthly;
    ytd.received += c.received;
    ytd.receivedOnline += c.receivedOnline;
    ytd.receivedDirect += c.receivedDirect;
    ytd.receivedPost += c.receivedPost;
    ytd.resolvedOnTime += c.resolvedOnTime;
    ytd.resolvedLate += c.resolvedLate;
    ytd.paymentsCount += c.paymentsCount;
  }
  return {
    unit, period, fraction, monthly, stock, ytd,
    onlineRatePct: pct(monthly.receivedOnline, monthly.received),
    syncRatePct: pct(monthly.synced, monthly.received),
  };
}

/**
 * The figures the gateway publishes for every unit of `level` that existed in `period`,
 * sorted by MA_COQUAN; [] when the month has no data (before 2024-01 or after now's month).
 * `now` decides the current (partial) month: pass the sandbox's.
 */
export function monthlyFigures(seed: number, period: MonthPeriod, level: UnitLevel, now: Date = new Date()): UnitFigures[] {
  if (monthFraction(period, now) === null) return [];
  return unitsInMonth(period, level).map((unit) => figuresFor(seed, unit, period, now));
}

/** One unit's figures by MA_COQUAN, or null if it did not exist or the month has no data. */
export function unitFigures(
  seed: number, period: MonthPeriod, level: UnitLevel, gatewayCode: string, now: Date = new Date(),
): UnitFigures | null {
  if (monthFraction(period, now) === null) return null;
  const unit = unitsInMonth(period, level).find((u) => u.gatewayCode === gatewayCode);
  return unit ? figuresFor(seed, unit, period, now) : null;
}

// ---------------------------------------------------------------------------------------
// Quyết định 766 scores

/** A ratio below its full-points threshold earns ratio × max ÷ threshold (domain rule). */
function part(ratio: number, threshold: number): number {
  return Math.min(1, Math.max(0, ratio) / threshold);
}

function scoreFor(seed: number, f: UnitFigures): Omit<UnitScore766, 'rank'> {
  const m = f.monthly;
  const s = f.stock;
  const traits = rngFor(seed, 'traits', f.unit.agencyCode);
  const satisfaction = traits.between(0.6, 0.98);
  const transparency = traits.between(0.45, 1);
  const noise = rngFor(seed, '766', f.unit.agencyCode, f.period).normal(0, 0.02);
  const received = Math.max(1, m.received);
  const onlineRate = m.receivedOnline / received;
  const resolved = m.resolvedOnTime + m.resolvedLate;
  const onTimeRate = resolved > 0 ? m.resolvedOnTime / resolved : 0;
  const services = s.onlineFull + s.onlinePartial;
  const filingRate = services > 0 ? s.onlineWithFilings / services : 0;
  const payShare = m.receivedOnline > 0 ? m.paymentsCount / m.receivedOnline : 0;
  const fractions: Record<ScoreGroup, number> = {
    CKMB: 0.5 * part(m.synced / received, 0.98) + 0.5 * transparency,
    TDGQ: part(onTimeRate, 0.98),
    TTTT: 0.5 * part(onlineRate, 0.6) + 0.5 * part(payShare, 0.5),
    CLGQ: 0.5 * part(onlineRate, 0.6) + 0.5 * part(filingRate, 0.8),
    MDHL: clamp(satisfaction + 0.3 * (onTimeRate - 0.95) + noise, 0.5, 1),
    MDSH: part(m.digitised / received, 0.8),
  };
  // Work in tenths so the total is exactly the sum of the published group scores.
  const tenths = {} as Record<ScoreGroup, number>;
  let totalTenths = 0;
  for (const g of Object.keys(SCORE_MAX) as ScoreGroup[]) {
    tenths[g] = Math.round(fractions[g] * SCORE_MAX[g] * 10);
    totalTenths += tenths[g];
  }
  const groups = {} as Record<ScoreGroup, number>;
  for (const g of Object.keys(SCORE_MAX) as ScoreGroup[]) groups[g] = tenths[g] / 10;
  return { unit: f.unit, period: f.period, groups, total: totalTenths / 10 };
}

/** 766 scores of every unit of `level` in `period`, ranked by total descending. */
export function scores766(seed: number, period: MonthPeriod, level: UnitLevel, now: Date = new Date()): UnitScore766[] {
  const scored = monthlyFigures(seed, period, level, now).map((f) => scoreFor(seed, f));
  scored.sort((a, b) => b.total - a.total || (a.unit.gatewayCode < b.unit.gatewayCode ? -1 : 1));
  return scored.map((s, i) => ({ ...s, rank: i + 1 }));
}
