// Headline KPIs per agency and for the country, for one period. Agencies that existed in the
// period are rolled up into today's agencies through the merger map (succeeded_by), so a new
// province's figure for a month before 2025-07-01 covers its old provinces. Rates are ratios
// of summed counts; a missing count makes the rate missing, never a partial sum.
import { isValidOn, type Agency, type AgencyLevel } from '../registry/agencies.ts';
import { lastDay } from '../time/period.ts';
import type { KpiDefinition } from './definitions.ts';

export interface MeasureValue {
  agencyCode: string;
  metric: string;
  value: number | null;
  nullReason: string | null;
}

export interface KpiValue {
  kpi: string;
  agencyCode: string;
  /** Agencies of the period whose counts were summed (old provinces for a merged one). */
  constituents: readonly string[];
  numerator: number | null;
  denominator: number | null;
  /** Percent, or null with the reason. */
  rate: number | null;
  missingReason: string | null;
}

/** Follows succeeded_by links to the agency that carries the remit today. */
export function currentSuccessor(code: string, byCode: ReadonlyMap<string, Agency>): string {
  const seen = new Set<string>();
  let current = code;
  while (!seen.has(current)) {
    seen.add(current);
    const next = byCode.get(current)?.succeededBy;
    if (!next) return current;
    current = next;
  }
  return current; // a cycle in the registry: stop where it closes
}

/** For each agency of `level` valid today, the agencies of that level that existed in `period` and roll up into it. */
export function constituentsByAgency(agencies: readonly Agency[], level: AgencyLevel, period: string, today: string): Map<string, string[]> {
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const periodEnd = lastDay(period);
  const result = new Map<string, string[]>();
  for (const a of agencies) if (a.level === level && isValidOn(a, today)) result.set(a.code, []);
  for (const a of agencies) {
    if (a.level !== level) continue;
    // An agency counts for the period if it existed on any day of it; the merger fell on a month boundary.
    const existed = (a.validFrom === null || a.validFrom <= periodEnd) && (a.validTo === null || a.validTo >= `${period}-01`);
    if (!existed) continue;
    result.get(currentSuccessor(a.code, byCode))?.push(a.code);
  }
  return result;
}

/** Measures by agency, then by metric: the overview looks values up hundreds of thousands of times. */
export type MeasureIndex = ReadonlyMap<string, ReadonlyMap<string, MeasureValue>>;

export function indexMeasures(measures: readonly MeasureValue[]): MeasureIndex {
  const index = new Map<string, Map<string, MeasureValue>>();
  for (const m of measures) {
    let byMetric = index.get(m.agencyCode);
    if (!byMetric) index.set(m.agencyCode, (byMetric = new Map()));
    byMetric.set(m.metric, m);
  }
  return index;
}

/** Sums the metrics over the agencies; the first missing value makes the sum missing. */
function sumMetrics(metrics: readonly string[], agencies: readonly string[], values: MeasureIndex): { total: number } | { missing: string } {
  let total = 0;
  for (const code of agencies) {
    const byMetric = values.get(code);
    for (const metric of metrics) {
      const m = byMetric?.get(metric);
      if (!m || m.value === null) return { missing: `${metric} missing for ${code}${m?.nullReason ? `: ${m.nullReason}` : ''}` };
      total += m.value;
    }
  }
  return { total };
}

// One object shape for every result: the overview builds tens of thousands of them.
const kpiValue = (kpi: string, agencyCode: string, constituents: readonly string[], numerator: number | null, denominator: number | null, rate: number | null, missingReason: string | null): KpiValue =>
  ({ kpi, agencyCode, constituents, numerator, denominator, rate, missingReason });

export function computeKpi(kpi: KpiDefinition, target: string, constituents: readonly string[], values: MeasureIndex): KpiValue {
  if (constituents.length === 0) return kpiValue(kpi.id, target, constituents, null, null, null, 'no agency reported for this period');
  const numerator = sumMetrics(kpi.numerator, constituents, values);
  if ('missing' in numerator) return kpiValue(kpi.id, target, constituents, null, null, null, numerator.missing);
  const denominator = sumMetrics(kpi.denominator, constituents, values);
  if ('missing' in denominator) return kpiValue(kpi.id, target, constituents, null, null, null, denominator.missing);
  if (denominator.total === 0) return kpiValue(kpi.id, target, constituents, numerator.total, 0, null, 'denominator is 0');
  return kpiValue(kpi.id, target, constituents, numerator.total, denominator.total, (numerator.total / denominator.total) * 100, null);
}
