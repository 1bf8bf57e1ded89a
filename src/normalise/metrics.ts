// What kind of quantity a canonical metric is (DOMAIN.md), which decides how it is read and
// whether a year-to-date ("lũy kế") figure can be turned into a month's figure.
export type MetricNature =
  /** Counted per period and additive over months: dossiers, payments. */
  | 'flow'
  /** A level at a point in time: procedures in remit, online services offered. */
  | 'stock'
  /** Neither: rates, scores, codes, and "services that received ≥1 online dossier", which does not add up over months. */
  | 'other';

const STOCKS = new Set(['procedures.total', 'services.online_full', 'services.online_partial']);

export function metricNature(metric: string): MetricNature {
  if (metric.startsWith('dossiers.') || metric.startsWith('payments.')) return 'flow';
  if (STOCKS.has(metric)) return 'stock';
  return 'other';
}

/** Whole, non-negative counts; everything else (rates, scores, status codes) is read as a decimal. */
export function isCountMetric(metric: string): boolean {
  const base = metric.startsWith(YTD_PREFIX) ? metric.slice(YTD_PREFIX.length) : metric;
  return metricNature(base) !== 'other' || base === 'services.with_online_filings';
}

/** A year-to-date figure as published is kept under `ytd.<metric>`. */
export const YTD_PREFIX = 'ytd.';

/** The config's canonical metric names: lowercase dotted words ("dossiers.received_online"). */
export const METRIC_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
