// Reading numbers as portals write them: strings, Vietnamese grouping ("1.234.567") and
// decimal comma ("97,67"), and the many ways of saying "no value". A value that cannot be
// read is reported with a reason; it never becomes 0.
export type Parsed = { ok: true; value: number } | { ok: false; reason: string };

const NOT_AVAILABLE = new Set(['n/a', 'na', '-', '--', 'null', 'undefined', 'không có', 'kxđ']);
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

/** A decimal written either way: "97,67", "97.67", "1.234,5", "1,234.5", "12%". */
export function parseDecimal(raw: unknown): Parsed {
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
