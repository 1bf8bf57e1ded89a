// The national summary the seed articles report: the two headline KPIs for the country, and
// the provinces that lead and trail on each, for one month.
import type { Config } from '../config/schema.ts';
import type { Agency } from '../registry/agencies.ts';
import { HEADLINE_KPIS } from './definitions.ts';
import type { MeasureIndex } from './headline.ts';
import { compareCodes, kpiOverview, type KpiFigure } from './overview.ts';

export interface RankedAgency extends KpiFigure {
  name: string;
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
  values: MeasureIndex;
  targets: Config['targets'];
  top?: number;
}): NationalSummary {
  const top = input.top ?? 5;
  const overview = kpiOverview({ ...input, kpis: HEADLINE_KPIS });
  const provinces = overview.agencies.filter((a) => a.level === 'province');
  const rankings = HEADLINE_KPIS.map((kpi): KpiRanking => {
    const rows = provinces.map((p) => ({ ...p.kpis[kpi.id]!, name: p.name }));
    const withRate = rows.filter((r) => r.rate !== null).sort((a, b) => b.rate! - a.rate! || compareCodes(a.agencyCode, b.agencyCode));
    return {
      kpi: kpi.id,
      country: { ...overview.aggregates[0]!.kpis[kpi.id]!, name: overview.aggregates[0]!.name },
      best: withRate.slice(0, top),
      worst: withRate.slice(-top).reverse(),
      ranked: withRate.length,
      missing: rows.filter((r) => r.rate === null),
    };
  });
  return { period: input.period, provincesCount: provinces.length, rankings };
}
