// User-facing words. Vietnamese by default, English on request (--lang en). The words themselves
// are in the message catalogue (src/messages/); here are the formatters every area shares.
import { msg } from './messages/index.ts';

export type Lang = 'vi' | 'en';

/** The language spoken unless another is asked for. */
export const DEFAULT_LANG: Lang = 'vi';

/** The locale numbers and dates are written in: vi-VN, en-US. */
export const localeOf = (lang: Lang): string => msg(lang, 'common.locale');

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * The language's number format with these fraction digits, made once: building an
 * Intl.NumberFormat costs more than formatting hundreds of numbers (a dashboard page shows many).
 */
export function numberFormat(lang: Lang, minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}|${minimumFractionDigits}|${maximumFractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits, maximumFractionDigits })));
  return f;
}

export function formatPercent(value: number | null, lang: Lang): string {
  if (value === null) return msg(lang, 'common.noData');
  return `${numberFormat(lang, 2, 2).format(value)}%`;
}

/** A difference between two percentages: percentage points, not percent. */
export function formatPoints(value: number, lang: Lang): string {
  return msg(lang, 'common.points', { number: numberFormat(lang, 2, 2).format(value) });
}

export function formatCount(value: number, lang: Lang): string {
  return numberFormat(lang, 0, 0).format(value);
}

const monthLabels = new Map<string, string>();

/** "tháng 9/2026", "2026-09"; kept once made: a dashboard page labels the same few months many times. */
export function formatMonthLabel(period: string, lang: Lang): string {
  const key = `${lang}|${period}`;
  let label = monthLabels.get(key);
  if (label === undefined) {
    const [year, month] = period.split('-');
    label = msg(lang, 'common.monthLabel', { year: year!, month: Number(month) });
    if (monthLabels.size < 10_000) monthLabels.set(key, label);
  }
  return label;
}

/** A duration as people say it: "2 giờ 5 phút", "45 giây" (rounded to the minute from one minute on). */
export function formatDuration(ms: number | null, lang: Lang): string {
  if (ms === null) return '—';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return msg(lang, 'common.duration.seconds', { n: Math.round(ms / 1000) });
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d && msg(lang, 'common.duration.days', { n: d }), h && msg(lang, 'common.duration.hours', { n: h }), m && msg(lang, 'common.duration.minutes', { n: m })].filter(Boolean);
  return parts.join(' ');
}

/**
 * Text folded for searching: lower case, without diacritics, đ as d ("Hà Nội" and "ha noi" fold
 * alike). The dashboard's script folds the same way (src/server/assets/dashboard.js).
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A month on a chart axis: "T11/26" in Vietnamese, "2026-11" in English. */
export function formatShortMonth(period: string, lang: Lang): string {
  const key = `${lang}|short|${period}`;
  let label = monthLabels.get(key);
  if (label === undefined) {
    const [year, month] = period.split('-').map(Number);
    label = msg(lang, 'common.shortMonth', { year: year!, month: month!, yy: year! % 100 });
    if (monthLabels.size < 10_000) monthLabels.set(key, label);
  }
  return label;
}
