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
  constituents: string[];
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

/** Sums the metrics over the agencies; the first missing value makes the sum missing. */
function sumMetrics(metrics: readonly string[], agencies: readonly string[], values: ReadonlyMap<string, MeasureValue>): { total: number } | { missing: string } {
  let total = 0;
  for (const code of agencies) {
    for (const metric of metrics) {
      const m = values.get(`${code}|${metric}`);
      if (!m || m.value === null) return { missing: `${metric} missing for ${code}${m?.nullReason ? `: ${m.nullReason}` : ''}` };
      total += m.value;
    }
  }
  return { total };
}

export function computeKpi(kpi: KpiDefinition, target: string, constituents: readonly string[], values: ReadonlyMap<string, MeasureValue>): KpiValue {
  const base = { kpi: kpi.id, agencyCode: target, constituents: [...constituents], numerator: null, denominator: null, rate: null };
  if (constituents.length === 0) return { ...base, missingReason: 'no agency reported for this period' };
  const numerator = sumMetrics(kpi.numerator, constituents, values);
  if ('missing' in numerator) return { ...base, missingReason: numerator.missing };
  const denominator = sumMetrics(kpi.denominator, constituents, values);
  if ('missing' in denominator) return { ...base, missingReason: denominator.missing };
  if (denominator.total === 0) return { ...base, numerator: numerator.total, denominator: 0, missingReason: 'denominator is 0' };
  return { ...base, numerator: numerator.total, denominator: denominator.total, rate: (numerator.total / denominator.total) * 100, missingReason: null };
}

export const indexMeasures = (measures: readonly MeasureValue[]) => new Map(measures.map((m) => [`${m.agencyCode}|${m.metric}`, m]));
