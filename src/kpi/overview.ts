// Every KPI for every agency and aggregate in one period: the national overview that the
// kpi command, reports and the dashboard read. Pure: measures in, figures out.
import type { Config } from '../config/schema.ts';
import type { Agency, AgencyLevel } from '../registry/agencies.ts';
import { parseMonth } from '../time/period.ts';
import { ALL_KPIS, type KpiDefinition } from './definitions.ts';
import { computeKpi, constituentsByAgency, indexMeasures, type KpiValue, type MeasureValue } from './headline.ts';
import { index766, type Index766Row } from './index766.ts';
import { targetFor } from './targets.ts';

export interface KpiFigure extends KpiValue {
  target: number | null;
  /** rate − target in percentage points. */
  gap: number | null;
  /** 1 = best within the agency's level (standard competition ranking); null without a rate. */
  rank: number | null;
}

export interface AgencyFigures {
  agencyCode: string;
  name: string;
  level: AgencyLevel | 'block';
  constituents: string[];
  kpis: Record<string, KpiFigure>;
  index766: Index766Row[] | null;
}

export interface Overview {
  period: string;
  /** Aggregates first: the country, the ministries block, the provinces block. */
  aggregates: AgencyFigures[];
  agencies: AgencyFigures[];
}

export const AGGREGATES = {
  country: { code: 'VN', name: { vi: 'Cả nước', en: 'Whole country' } },
  ministries: { code: 'khoi:bo', name: { vi: 'Khối bộ, ngành', en: 'Ministries' } },
  provinces: { code: 'khoi:tinh', name: { vi: 'Khối địa phương', en: 'Provinces' } },
} as const;

/** Code order without the cost of locale-aware comparison (codes are ASCII). */
export const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const RANKED_LEVELS: AgencyLevel[] = ['ministry', 'province', 'commune'];

function figure(v: KpiValue, target: number | null): KpiFigure {
  // Fields listed, not spread: one object shape, which matters at 27,000 figures per overview.
  return {
    kpi: v.kpi, agencyCode: v.agencyCode, constituents: v.constituents, numerator: v.numerator, denominator: v.denominator,
    rate: v.rate, missingReason: v.missingReason, target, gap: v.rate !== null && target !== null ? v.rate - target : null, rank: null,
  };
}

function assignRanks(rows: AgencyFigures[], kpis: readonly KpiDefinition[]): void {
  for (const kpi of kpis) {
    const ranked = rows.filter((r) => r.kpis[kpi.id]!.rate !== null).sort((a, b) => b.kpis[kpi.id]!.rate! - a.kpis[kpi.id]!.rate!);
    ranked.forEach((row, i) => {
      const previous = ranked[i - 1];
      const tie = previous && previous.kpis[kpi.id]!.rate === row.kpis[kpi.id]!.rate;
      row.kpis[kpi.id]!.rank = tie ? previous.kpis[kpi.id]!.rank : i + 1;
    });
  }
}

export function kpiOverview(input: {
  period: string;
  today: string;
  agencies: readonly Agency[];
  measures: readonly MeasureValue[];
  targets: Config['targets'];
  lang?: 'vi' | 'en';
  kpis?: readonly KpiDefinition[];
}): Overview {
  const { period, today, targets } = input;
  const kpis = input.kpis ?? ALL_KPIS;
  const lang = input.lang ?? 'vi';
  const year = parseMonth(period).year;
  const values = indexMeasures(input.measures);
  const byCode = new Map(input.agencies.map((a) => [a.code, a]));

  const agencies: AgencyFigures[] = [];
  for (const level of RANKED_LEVELS) {
    const rows: AgencyFigures[] = [];
    for (const [code, parts] of constituentsByAgency(input.agencies, level, period, today)) {
      const agency = byCode.get(code)!;
      const kpiFigures: Record<string, KpiFigure> = {};
      for (const kpi of kpis) {
        kpiFigures[kpi.id] = figure(computeKpi(kpi, code, parts, values), targetFor(targets, kpi, { agencyCode: code, level, year }));
      }
      rows.push({ agencyCode: code, name: agency.name, level, constituents: parts, kpis: kpiFigures, index766: level === 'commune' ? null : index766(code, parts, values) });
    }
    assignRanks(rows, kpis);
    agencies.push(...rows.sort((a, b) => compareCodes(a.agencyCode, b.agencyCode)));
  }

  // Aggregates sum ministries and provinces; communes are inside their province's counts.
  const partsOf = (level: AgencyLevel) => agencies.filter((a) => a.level === level).flatMap((a) => a.constituents);
  const aggregate = (key: keyof typeof AGGREGATES, parts: string[], level: string): AgencyFigures => {
    const { code, name } = AGGREGATES[key];
    const kpiFigures: Record<string, KpiFigure> = {};
    for (const kpi of kpis) kpiFigures[kpi.id] = figure(computeKpi(kpi, code, parts, values), targetFor(targets, kpi, { agencyCode: code, level, year }));
    return { agencyCode: code, name: name[lang], level: 'block', constituents: parts, kpis: kpiFigures, index766: null };
  };
  const ministries = partsOf('ministry');
  const provinces = partsOf('province');
  return {
    period,
    aggregates: [
      aggregate('country', [...ministries, ...provinces], 'national'),
      aggregate('ministries', ministries, 'ministry'),
      aggregate('provinces', provinces, 'province'),
    ],
    agencies,
  };
}
