// The national summary the seed articles report: the two headline KPIs for the country, and
// the provinces that lead and trail on each, for one month.
import type { Config } from '../config/schema.ts';
import type { Agency } from '../registry/agencies.ts';
import { parseMonth } from '../time/period.ts';
import { HEADLINE_KPIS } from './definitions.ts';
import { computeKpi, constituentsByAgency, indexMeasures, type KpiValue, type MeasureValue } from './headline.ts';
import { targetFor } from './targets.ts';

export interface RankedAgency extends KpiValue {
  name: string;
  target: number | null;
}

export interface KpiRanking {
  kpi: string;
  country: RankedAgency;
  best: RankedAgency[];
  /** Lowest first; their ranks count down from `ranked`. */
  worst: RankedAgency[];
  /** How many provinces have a figure, i.e. the rank of the last one. */
  ranked: number;
  /** Provinces without a figure for this KPI, with the reason. */
  missing: RankedAgency[];
}

export interface NationalSummary {
  period: string;
  provincesCount: number;
  rankings: KpiRanking[];
}

export function nationalSummary(input: {
  period: string;
  today: string;
  agencies: readonly Agency[];
  measures: readonly MeasureValue[];
  targets: Config['targets'];
  top?: number;
}): NationalSummary {
  const { period, today, agencies, targets } = input;
  const top = input.top ?? 5;
  const year = parseMonth(period).year;
  const names = new Map(agencies.map((a) => [a.code, a.name]));
  const values = indexMeasures(input.measures);
  const provinces = constituentsByAgency(agencies, 'province', period, today);
  const ministries = constituentsByAgency(agencies, 'ministry', period, today);
  const everyUnit = [...provinces.values(), ...ministries.values()].flat();

  const rankings = HEADLINE_KPIS.map((kpi): KpiRanking => {
    const ranked = (value: KpiValue, level: string): RankedAgency => ({
      ...value, name: names.get(value.agencyCode) ?? value.agencyCode,
      target: targetFor(targets, kpi, { agencyCode: value.agencyCode, level, year }),
    });
    const perProvince = [...provinces].map(([code, parts]) => ranked(computeKpi(kpi, code, parts, values), 'province'));
    const withRate = perProvince.filter((p) => p.rate !== null).sort((a, b) => b.rate! - a.rate! || a.agencyCode.localeCompare(b.agencyCode));
    return {
      kpi: kpi.id,
      country: ranked(computeKpi(kpi, 'VN', everyUnit, values), 'national'),
      best: withRate.slice(0, top),
      worst: withRate.slice(-top).reverse(),
      ranked: withRate.length,
      missing: perProvince.filter((p) => p.rate === null),
    };
  });
  return { period, provincesCount: provinces.size, rankings };
}
