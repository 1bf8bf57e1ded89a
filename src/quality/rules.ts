// Data-quality rules as pure functions: they look at measures and say what is suspicious.
// A flag never changes a value; it is stored and shown beside it.
import { ALL_KPIS } from '../kpi/definitions.ts';
import { storedDetail, type FlagDetailKey } from './flag-detail.ts';

export type FlagKind = 'missing' | 'inconsistent' | 'outlier' | 'stale' | 'source_changed' | 'counter_decreased' | 'unknown_unit';

export interface QualityFlag {
  kind: FlagKind;
  sourceId: string | null;
  agencyCode: string | null;
  metric: string | null;
  period: string | null;
  detail: string;
}

export const flagKey = (f: Pick<QualityFlag, 'kind' | 'sourceId' | 'agencyCode' | 'metric' | 'period'>) =>
  [f.kind, f.sourceId ?? '', f.agencyCode ?? '', f.metric ?? '', f.period ?? ''].join('|');

/** Parts that cannot exceed their whole (beyond the KPIs, whose rates are checked below). */
const PART_OF_WHOLE: Array<{ parts: string[]; whole: string[]; what: FlagDetailKey }> = [
  { parts: ['dossiers.received_online', 'dossiers.received_direct', 'dossiers.received_post'], whole: ['dossiers.received'], what: 'quality.detail.channelsExceedReceived' },
  { parts: ['dossiers.resolved_on_time', 'dossiers.resolved_late'], whole: ['dossiers.resolved'], what: 'quality.detail.onTimeLateExceedResolved' },
  { parts: ['services.online_full', 'services.online_partial'], whole: ['procedures.total'], what: 'quality.detail.servicesExceedProcedures' },
];

const PERCENT_METRICS = ['reported.online_dossier_rate', 'reported.sync_rate'];

/** Inconsistencies among one agency's values for one period (metric → value, nulls left out). */
export function inconsistencies(values: ReadonlyMap<string, number>): Array<{ metric: string; detail: string }> {
  const found: Array<{ metric: string; detail: string }> = [];
  const sum = (metrics: string[]) => (metrics.every((m) => values.has(m)) ? metrics.reduce((s, m) => s + values.get(m)!, 0) : null);
  for (const rule of PART_OF_WHOLE) {
    const parts = sum(rule.parts);
    const whole = sum(rule.whole);
    if (parts !== null && whole !== null && parts > whole) {
      found.push({ metric: rule.whole[0]!, detail: storedDetail(rule.what, { parts, whole, partMetrics: rule.parts.join(' + '), wholeMetrics: rule.whole.join(' + ') }) });
    }
  }
  for (const kpi of ALL_KPIS) {
    const numerator = sum([...kpi.numerator]);
    const denominator = sum([...kpi.denominator]);
    if (numerator !== null && denominator !== null && denominator > 0 && numerator > denominator) {
      found.push({ metric: kpi.numerator[0]!, detail: storedDetail('quality.detail.rateOver100', { kpi: kpi.id, numerator, numeratorMetrics: kpi.numerator.join(' + '), denominator, denominatorMetrics: kpi.denominator.join(' + ') }) });
    }
  }
  for (const metric of PERCENT_METRICS) {
    const value = values.get(metric);
    if (value !== undefined && value > 100) found.push({ metric, detail: storedDetail('quality.detail.percentOver100', { metric, value }) });
  }
  return found;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A value more than `factor` times the median of the agency's earlier values (or less than
 * the median ÷ factor) is an outlier. Too short a history (< 3 values) tells nothing. The
 * month in progress is naturally low, so callers skip the low side for it.
 */
export function outlier(value: number, history: readonly number[], factor: number, options: { checkLow?: boolean } = {}): string | null {
  if (history.length < 3) return null;
  const m = median(history)!;
  if (m <= 0) return value > 0 && value > factor ? storedDetail('quality.detail.outlierFromZero', { value, count: history.length, median: m }) : null;
  if (value > m * factor) return storedDetail('quality.detail.outlierHigh', { value, factor, count: history.length, median: m });
  if ((options.checkLow ?? true) && value < m / factor) return storedDetail('quality.detail.outlierLow', { value, factor, count: history.length, median: m });
  return null;
}
