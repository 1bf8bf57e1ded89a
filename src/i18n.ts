// User-facing words. Vietnamese by default, English on request (--lang en).
export type Lang = 'vi' | 'en';

/** Picks the text for the language: t(lang, 'Vietnamese', 'English'). */
export const t = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en);

export function formatPercent(value: number | null, lang: Lang): string {
  if (value === null) return lang === 'vi' ? 'không có số liệu' : 'no data';
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)}%`;
}

/** A difference between two percentages: percentage points, not percent. */
export function formatPoints(value: number, lang: Lang): string {
  const number = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return lang === 'vi' ? `${number} điểm %` : `${number} points`;
}

export function formatCount(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 0 }).format(value);
}

export function formatMonthLabel(period: string, lang: Lang): string {
  const [year, month] = period.split('-');
  return lang === 'vi' ? `tháng ${Number(month)}/${year}` : `${year}-${month}`;
}

/** A duration as people say it: "2 giờ 5 phút", "45 giây" (rounded to the minute from one minute on). */
export function formatDuration(ms: number | null, lang: Lang): string {
  if (ms === null) return '—';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return t(lang, `${Math.round(ms / 1000)} giây`, `${Math.round(ms / 1000)} s`);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d && t(lang, `${d} ngày`, `${d} d`), h && t(lang, `${h} giờ`, `${h} h`), m && t(lang, `${m} phút`, `${m} min`)].filter(Boolean);
  return parts.join(' ');
}
