// Reading numbers as portals write them: strings, Vietnamese grouping ("1.234.567") and
// decimal comma ("97,67"), and the many ways of saying "no value". A value that cannot be
// read is reported with a reason; it never becomes 0.
export type Parsed = { ok: true; value: number } | { ok: false; reason: string };

const NOT_AVAILABLE = new Set(['n/a', 'na', '-', '--', '—', '–', 'null', 'undefined', 'không có', 'kxđ']);
const MAX_COUNT = 1e13; // far above any real count (60 M dossiers a year nationally): a guard against garbage

function missing(raw: unknown): Parsed | null {
  if (raw === null || raw === undefined) return { ok: false, reason: 'missing: the field is absent' };
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') return { ok: false, reason: 'missing: the field is empty' };
    if (NOT_AVAILABLE.has(text.toLowerCase())) return { ok: false, reason: `not_available: the portal wrote ${JSON.stringify(text)}` };
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, reason: `unreadable: expected a number, got ${typeof raw}` };
  return null;
}

// What gateways send almost always: plain digits. Read without the general path's work
// (same results: the general path gives these exactly Number(text)).
const PLAIN_COUNT = /^\d{1,12}$/;
const PLAIN_DECIMAL = /^\d{1,15}(?:\.\d{1,15})?$/;

/** A decimal written either way: "97,67", "97.67", "1.234,5", "1,234.5", "12%". */
export function parseDecimal(raw: unknown): Parsed {
  if (typeof raw === 'string' && PLAIN_DECIMAL.test(raw)) return { ok: true, value: Number(raw) };
  const none = missing(raw);
  if (none) return none;
  if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, reason: `unreadable: ${raw}` };
  let text = (raw as string).trim().replace(/\s|%$/g, '');
  if (!/^-?[\d.,]+$/.test(text)) return { ok: false, reason: `unreadable: ${JSON.stringify(raw)} is not a number` };
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both present: the later one is the decimal separator, the other groups thousands.
    const [group, decimal] = lastComma > lastDot ? ['.', ','] : [',', '.'];
    text = text.split(group).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    if ((text.match(/,/g) ?? []).length > 1) text = text.split(',').join(''); // "1,234,567"
    else text = text.replace(',', '.'); // "97,67"
  } else if ((text.match(/\./g) ?? []).length > 1) {
    text = text.split('.').join(''); // "1.234.567"
  }
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `unreadable: ${JSON.stringify(raw)} is not a number` };
}

/** A non-negative whole count: "1234", "1.234.567" (Vietnamese grouping), "1,234,567". */
export function parseCount(raw: unknown): Parsed {
  if (typeof raw === 'string' && PLAIN_COUNT.test(raw)) return { ok: true, value: Number(raw) };
  const none = missing(raw);
  if (none) return none;
  let value: number;
  if (typeof raw === 'number') value = raw;
  else {
    const text = (raw as string).trim().replace(/\s/g, '');
    if (/^-?\d+$/.test(text)) value = Number(text);
    else if (/^-?\d{1,3}([.,]\d{3})+$/.test(text) && !/[.][\d]{3}[,]|[,][\d]{3}[.]/.test(text)) {
      // Grouped thousands: a count has no decimals, so "1.234" means one thousand two hundred and thirty-four.
      value = Number(text.replace(/[.,]/g, ''));
    } else {
      const decimal = parseDecimal(raw);
      if (decimal.ok) return { ok: false, reason: `not_a_count: ${JSON.stringify(raw)} is not a whole number` };
      return decimal;
    }
  }
  if (!Number.isFinite(value) || !Number.isInteger(value)) return { ok: false, reason: `not_a_count: ${JSON.stringify(raw)} is not a whole number` };
  if (value < 0) return { ok: false, reason: `negative: ${JSON.stringify(raw)} is below zero` };
  if (value > MAX_COUNT) return { ok: false, reason: `out_of_range: ${JSON.stringify(raw)} is implausibly large` };
  return { ok: true, value };
}

// Dates as Vietnamese portals write them: day first ("15/10/2026", "5-1-2026", "15.10.2026"),
// "ngày 15 tháng 10 năm 2026", or ISO "2026-10-15". Months: "10/2026", "Tháng 10/2026",
// "tháng 10 năm 2026", "2026-10".
export type ParsedText = { ok: true; value: string } | { ok: false; reason: string };

const pad2 = (n: number) => String(n).padStart(2, '0');

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2200 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** A calendar date as YYYY-MM-DD. Day first always: "03/04/2026" is the 3rd of April. */
export function parseViDate(raw: unknown): ParsedText {
  if (raw instanceof Date) {
    // Spreadsheet date cells arrive as Date objects at UTC midnight.
    return Number.isNaN(raw.getTime()) ? { ok: false, reason: 'unreadable: invalid date' } : { ok: true, value: raw.toISOString().slice(0, 10) };
  }
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'missing: no date' };
  const text = raw.trim().normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
  let parts: [number, number, number] | null = null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[t ].*)?$/.exec(text);
  if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dayFirst = /^(?:ngày )?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text) ?? /^ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})$/.exec(text);
  if (!parts && dayFirst) parts = [Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])];
  if (!parts) return { ok: false, reason: `unreadable: ${JSON.stringify(raw)} is not a date (expected dd/mm/yyyy)` };
  const [year, month, day] = parts;
  if (!validDate(year, month, day)) return { ok: false, reason: `unreadable: ${JSON.stringify(raw)} is not a calendar date` };
  return { ok: true, value: `${year}-${pad2(month)}-${pad2(day)}` };
}

/** A month as YYYY-MM, from "10/2026", "Tháng 10/2026", "tháng 10 năm 2026", "2026-10" or a full date. */
export function parseViMonth(raw: unknown): ParsedText {
  if (typeof raw === 'string') {
    const text = raw.trim().normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
    const m = /^(?:tháng )?(\d{1,2})[/.-](\d{4})$/.exec(text) ?? /^tháng (\d{1,2}) năm (\d{4})$/.exec(text);
    if (m) {
      const month = Number(m[1]);
      return month >= 1 && month <= 12 ? { ok: true, value: `${m[2]}-${pad2(month)}` } : { ok: false, reason: `unreadable: ${JSON.stringify(raw)} has no month ${month}` };
    }
    const iso = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
    if (iso) return { ok: true, value: `${iso[1]}-${iso[2]}` };
  }
  const date = parseViDate(raw);
  return date.ok ? { ok: true, value: date.value.slice(0, 7) } : { ok: false, reason: date.reason.replace('is not a date (expected dd/mm/yyyy)', 'is not a month (expected mm/yyyy)') };
}

/** The first month named inside a longer text: "Thống kê tháng 10/2026 (tạm tính)" → 2026-10. */
export function findViMonth(text: string): ParsedText {
  const m = /(\d{1,2})\s*[/.-]\s*(\d{4})|tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu.exec(text.normalize('NFC'));
  if (!m) return { ok: false, reason: `unreadable: ${JSON.stringify(text.slice(0, 80))} names no month` };
  return parseViMonth(m[1] !== undefined ? `${m[1]}/${m[2]}` : `${m[3]}/${m[4]}`);
}
