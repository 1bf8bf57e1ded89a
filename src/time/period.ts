// Periods are calendar months in Asia/Ho_Chi_Minh ("2026-10"); times in the store are UTC.
export const LOCAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Made once: building an Intl.DateTimeFormat costs more than formatting many dates. */
const LOCAL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: LOCAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export type MonthPeriod = string; // "YYYY-MM"

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthPeriod(value: string): boolean {
  return MONTH_RE.test(value);
}

export function parseMonth(value: string): { year: number; month: number } {
  const m = MONTH_RE.exec(value);
  if (!m) throw new Error(`"${value}" is not a month period; write it as YYYY-MM, for example 2026-10`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function formatMonth(year: number, month: number): MonthPeriod {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function addMonths(period: MonthPeriod, delta: number): MonthPeriod {
  const { year, month } = parseMonth(period);
  const index = year * 12 + (month - 1) + delta;
  return formatMonth(Math.floor(index / 12), (index % 12) + 1);
}

/** Inclusive list of months from `from` to `to`. */
export function monthRange(from: MonthPeriod, to: MonthPeriod): MonthPeriod[] {
  if (from > to) throw new Error(`the range ${from}..${to} is empty: the first month comes after the last`);
  const out: MonthPeriod[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) out.push(p);
  return out;
}

/** The local date (YYYY-MM-DD) in Asia/Ho_Chi_Minh at instant `at`. */
/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function localDate(at: Date = new Date()): string {
  return LOCAL_DATE.format(at);
}

/** The wall clock in Asia/Ho_Chi_Minh at instant `at`, its fields read as UTC: what a spreadsheet's date cell shows. */
export function localWallClock(at: Date): Date {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: LOCAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second), at.getUTCMilliseconds()));
}

/** "2026-10-01 07:00:00": the local time as a person (and a spreadsheet) reads it. */
export const localDateTime = (at: Date) => localWallClock(at).toISOString().slice(0, 19).replace('T', ' ');

/** ISO 8601 in local time with its offset: "2026-10-01T07:00:00+07:00". */
export function localIsoWithOffset(at: Date): string {
  const offsetMinutes = Math.round((localWallClock(at).getTime() - at.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${localWallClock(at).toISOString().slice(0, 19)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function currentMonth(at: Date = new Date()): MonthPeriod {
  return localDate(at).slice(0, 7);
}

export function firstDay(period: MonthPeriod): string {
  return `${period}-01`;
}

export function lastDay(period: MonthPeriod): string {
  const { year, month } = parseMonth(period);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${period}-${String(days).padStart(2, '0')}`;
}

/**
 * Fills a period into a template: {period} → 2026-10, {YYYY} → 2026, {MM} → 10, {M} → 10
 * (no leading zero), {from} / {to} → first / last day (YYYY-MM-DD), {fromVN} / {toVN} → the
 * same as dd/mm/yyyy. Used for source URLs and for header texts such as "Tháng {MM}/{YYYY}".
 */
export function fillPeriod(template: string, period: MonthPeriod): string {
  const { year, month } = parseMonth(period);
  const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const values: Record<string, string> = {
    period, YYYY: String(year), MM: String(month).padStart(2, '0'), M: String(month),
    from: firstDay(period), to: lastDay(period), fromVN: vn(firstDay(period)), toVN: vn(lastDay(period)),
  };
  return template.replace(/\{(period|YYYY|MM|M|from|to|fromVN|toVN)\}/g, (_m, key: string) => values[key]!);
}
