// Headline KPIs per agency and for the country, for one period. Agencies that existed in the
// period are rolled up into today's agencies through the merger map (succeeded_by), so a new
// province's figure for a month before 2025-07-01 covers its old provinces. Rates are ratios
// of summed counts; a missing count makes the rate missing, never a partial sum.
import { isValidOn, type Agency, type AgencyLevel } from '../registry/agencies.ts';
import type { AgencyValues, PeriodValues } from '../../storage/measures.ts';
import { lastDay } from '../time/period.ts';
import type { KpiDefinition } from './definitions.ts';
import { keptReason, MISSING, NO_AGENCY, ZERO_DENOMINATOR } from './missing-reason.ts';

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

/** A value held back by quarantine (src/quality/quarantine.ts): stored, but in no figure until released or confirmed. */
export interface QuarantinedValue {
  agencyCode: string;
  metric: string;
  value: number;
  /** The plausibility rule it broke, and what the rule saw. */
  rule: string;
  facts: Record<string, unknown>;
}

/**
 * Values by metric, then by agency: the overview looks values up hundreds of thousands of
 * times. Plain numbers, no object per measure; the reasons of the (few) missing values and the
 * (few) quarantined values aside.
 */
export class MeasureIndex {
  /** metric → agency → the quarantined value. */
  private readonly held: ReadonlyMap<string, ReadonlyMap<string, QuarantinedValue>>;

  constructor(
    private readonly byMetric: ReadonlyMap<string, AgencyValues>,
    private readonly reasons: ReadonlyMap<string, string>,
    quarantined: readonly QuarantinedValue[] = [],
  ) {
    const held = new Map<string, Map<string, QuarantinedValue>>();
    for (const q of quarantined) {
      const byAgency = held.get(q.metric) ?? new Map<string, QuarantinedValue>();
      byAgency.set(q.agencyCode, q);
      held.set(q.metric, byAgency);
    }
    this.held = held;
  }

  /** Whether any value of the period is held back (the common case is none: figures are then summed directly). */
  get hasQuarantine(): boolean {
    return this.held.size > 0;
  }

  /** The quarantined values of a metric, by agency. */
  quarantinedOf(metric: string): ReadonlyMap<string, QuarantinedValue> | undefined {
    return this.held.get(metric);
  }

  /** The value; null when stored as missing; undefined when nothing is stored. */
  value(agencyCode: string, metric: string): number | null | undefined {
    return this.byMetric.get(metric)?.[agencyCode];
  }

  nullReason(agencyCode: string, metric: string): string | null {
    return this.reasons.get(reasonKey(agencyCode, metric)) ?? null;
  }

  valuesOf(metric: string): AgencyValues | undefined {
    return this.byMetric.get(metric);
  }
}

const reasonKey = (agencyCode: string, metric: string) => `${agencyCode}\u0000${metric}`;

/** The index of one stored period (storage's periodValues), with its quarantined values. */
export function periodIndex(values: PeriodValues, quarantined: readonly QuarantinedValue[] = []): MeasureIndex {
  const reasons = new Map<string, string>();
  for (const m of values.missing) if (m.nullReason) reasons.set(reasonKey(m.agencyCode, m.metric), m.nullReason);
  return new MeasureIndex(values.byMetric, reasons, quarantined);
}

export function indexMeasures(measures: readonly MeasureValue[], quarantined: readonly QuarantinedValue[] = []): MeasureIndex {
  const byMetric = new Map<string, Record<string, number | null>>();
  const reasons = new Map<string, string>();
  for (const m of measures) {
    let byAgency = byMetric.get(m.metric);
    if (!byAgency) byMetric.set(m.metric, (byAgency = Object.create(null) as Record<string, number | null>));
    byAgency[m.agencyCode] = m.value;
    if (m.value === null && m.nullReason) reasons.set(reasonKey(m.agencyCode, m.metric), m.nullReason);
  }
  return new MeasureIndex(byMetric, reasons, quarantined);
}

/** Sums the metrics over the agencies; NaN when any value is missing (no partial sums). */
function sumMetrics(metrics: readonly string[], agencies: readonly string[], values: MeasureIndex): number {
  let total = 0;
  for (const metric of metrics) {
    const byAgency = values.valuesOf(metric);
    if (!byAgency) return NaN;
    for (const code of agencies) {
      const value = byAgency[code];
      if (value === undefined || value === null) return NaN;
      total += value;
    }
  }
  return total;
}

/** Why sumMetrics gave NaN: the first missing value. Only walked on that rare path. */
function firstMissing(metrics: readonly string[], agencies: readonly string[], values: MeasureIndex): string {
  for (const code of agencies) {
    for (const metric of metrics) {
      if (values.value(code, metric) == null) {
        const reason = values.nullReason(code, metric);
        return reason ? keptReason('kpi.missing.metricBecause', { metric, agency: code, reason }) : keptReason('kpi.missing.metric', { metric, agency: code });
      }
    }
  }
  return MISSING;
}

/**
 * A KPI value in the shape of an overview figure (target, gap and rank left null): one object
 * shape and no copy, which matters at 27,000 figures per national overview.
 */
export interface KpiFigure extends KpiValue {
  target: number | null;
  /** rate − target in percentage points. */
  gap: number | null;
  /** 1 = best within the agency's level (standard competition ranking); null without a rate. */
  rank: number | null;
  /**
   * Quarantined values this figure leaves out, or null when none: an agency's rate is then
   * missing; an aggregate sums the other agencies and is incomplete (constituents are the ones summed).
   */
  excluded: QuarantinedValue[] | null;
}

const kpiValue = (kpi: string, agencyCode: string, constituents: readonly string[], numerator: number | null, denominator: number | null, rate: number | null, missingReason: string | null, excluded: QuarantinedValue[] | null = null): KpiFigure =>
  ({ kpi, agencyCode, constituents, numerator, denominator, rate, missingReason, target: null, gap: null, rank: null, excluded });

/** The quarantined values among the KPI's metrics of these agencies. */
function heldBack(kpi: KpiDefinition, constituents: readonly string[], values: MeasureIndex): QuarantinedValue[] {
  const found: QuarantinedValue[] = [];
  let members: Set<string> | null = null;
  for (const metric of new Set([...kpi.numerator, ...kpi.denominator])) {
    const held = values.quarantinedOf(metric);
    if (!held) continue;
    members ??= new Set(constituents);
    for (const [agencyCode, q] of held) if (members.has(agencyCode)) found.push(q);
  }
  return found;
}

/**
 * A KPI of one agency (`aggregate` false) or of a block (the country, the ministries, the
 * provinces). A quarantined value is in no figure: the agency's rate is missing with the reason;
 * a block leaves that agency out of both sums and lists what it left out (never a silently partial sum).
 */
export function computeKpi(kpi: KpiDefinition, target: string, constituents: readonly string[], values: MeasureIndex, aggregate = false): KpiFigure {
  const held = values.hasQuarantine ? heldBack(kpi, constituents, values) : [];
  if (held.length > 0) {
    if (!aggregate) {
      const first = held[0]!;
      return kpiValue(kpi.id, target, constituents, null, null, null, keptReason('kpi.missing.quarantined', { metric: first.metric, agency: first.agencyCode, value: first.value, rule: first.rule }), held);
    }
    const left = new Set(held.map((q) => q.agencyCode));
    const figure = computeKpi(kpi, target, constituents.filter((c) => !left.has(c)), values);
    figure.excluded = held;
    return figure;
  }
  if (constituents.length === 0) return kpiValue(kpi.id, target, constituents, null, null, null, NO_AGENCY);
  const numerator = sumMetrics(kpi.numerator, constituents, values);
  if (Number.isNaN(numerator)) return kpiValue(kpi.id, target, constituents, null, null, null, firstMissing(kpi.numerator, constituents, values));
  const denominator = sumMetrics(kpi.denominator, constituents, values);
  if (Number.isNaN(denominator)) return kpiValue(kpi.id, target, constituents, null, null, null, firstMissing(kpi.denominator, constituents, values));
  if (denominator === 0) return kpiValue(kpi.id, target, constituents, numerator, 0, null, ZERO_DENOMINATOR);
  return kpiValue(kpi.id, target, constituents, numerator, denominator, (numerator / denominator) * 100, null);
}
