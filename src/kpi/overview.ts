// Every KPI for every agency and aggregate in one period: the national overview that the
// kpi command, reports and the dashboard read. Pure: values in, figures out.
import type { Config } from '../config/schema.ts';
import type { Agency, AgencyLevel } from '../registry/agencies.ts';
import { parseMonth } from '../time/period.ts';
import { ALL_KPIS, type KpiDefinition } from './definitions.ts';
import { computeKpi, constituentsByAgency, type KpiFigure, type MeasureIndex } from './headline.ts';
import { index766, type Index766Row } from './index766.ts';
import { targetFor } from './targets.ts';

export type { KpiFigure };

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

/** Sets the target and the gap on a computed figure. */
function withTarget(f: KpiFigure, target: number | null): KpiFigure {
  f.target = target;
  f.gap = f.rate !== null && target !== null ? f.rate - target : null;
  return f;
}

function assignRanks(rows: AgencyFigures[], kpis: readonly KpiDefinition[]): void {
  for (const kpi of kpis) {
    // Sort the figures themselves: one object shape, no per-comparison lookup by KPI id.
    const ranked: KpiFigure[] = [];
    for (const row of rows) {
      const f = row.kpis[kpi.id]!;
      if (f.rate !== null) ranked.push(f);
    }
    ranked.sort((a, b) => b.rate! - a.rate!);
    for (let i = 0; i < ranked.length; i++) {
      const previous = ranked[i - 1];
      ranked[i]!.rank = previous && previous.rate === ranked[i]!.rate ? previous.rank : i + 1;
    }
  }
}

export function kpiOverview(input: {
  period: string;
  today: string;
  agencies: readonly Agency[];
  values: MeasureIndex;
  targets: Config['targets'];
  lang?: 'vi' | 'en';
  kpis?: readonly KpiDefinition[];
}): Overview {
  const { period, today, targets } = input;
  const kpis = input.kpis ?? ALL_KPIS;
  const lang = input.lang ?? 'vi';
  const year = parseMonth(period).year;
  const values = input.values;
  const byCode = new Map(input.agencies.map((a) => [a.code, a]));

  const agencies: AgencyFigures[] = [];
  for (const level of RANKED_LEVELS) {
    const rows: AgencyFigures[] = [];
    for (const [code, parts] of constituentsByAgency(input.agencies, level, period, today)) {
      const agency = byCode.get(code)!;
      const kpiFigures: Record<string, KpiFigure> = {};
      for (const kpi of kpis) {
        kpiFigures[kpi.id] = withTarget(computeKpi(kpi, code, parts, values), targetFor(targets, kpi, { agencyCode: code, level, year }));
      }
      rows.push({ agencyCode: code, name: agency.name, level, constituents: parts, kpis: kpiFigures, index766: level === 'commune' ? null : index766(code, parts, values) });
    }
    assignRanks(rows, kpis);
    agencies.push(...rows.sort((a, b) => compareCodes(a.agencyCode, b.agencyCode)));
  }

  const partsOf = (level: AgencyLevel) => agencies.filter((a) => a.level === level).flatMap((a) => a.constituents);
  const aggregate = (key: keyof typeof AGGREGATES, parts: string[], level: string): AgencyFigures => {
    const { code, name } = AGGREGATES[key];
    const kpiFigures: Record<string, KpiFigure> = {};
    for (const kpi of kpis) kpiFigures[kpi.id] = withTarget(computeKpi(kpi, code, parts, values), targetFor(targets, kpi, { agencyCode: code, level, year }));
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

// Aggregates sum ministries and provinces; communes are inside their province's counts.
const AGGREGATE_LEVELS: Record<string, { key: keyof typeof AGGREGATES; members: AgencyLevel[]; targetLevel: string }> = {
  [AGGREGATES.country.code]: { key: 'country', members: ['ministry', 'province'], targetLevel: 'national' },
  [AGGREGATES.ministries.code]: { key: 'ministries', members: ['ministry'], targetLevel: 'ministry' },
  [AGGREGATES.provinces.code]: { key: 'provinces', members: ['province'], targetLevel: 'province' },
};

/**
 * Whom an agency or aggregate sums in a period (its former agencies for a merged province,
 * every member for a block) and the level its targets are set at; null for a code that is
 * neither an aggregate nor an agency valid today.
 */
export function constituentsOf(agencies: readonly Agency[], code: string, period: string, today: string): { parts: string[]; targetLevel: string } | null {
  const aggregate = AGGREGATE_LEVELS[code];
  if (aggregate) {
    const parts = aggregate.members.flatMap((member) => [...constituentsByAgency(agencies, member, period, today)].sort(([a], [b]) => compareCodes(a, b)).flatMap(([, p]) => p));
    return { parts, targetLevel: aggregate.targetLevel };
  }
  const level = agencies.find((a) => a.code === code)?.level;
  if (level === undefined || !RANKED_LEVELS.includes(level)) return null;
  const parts = constituentsByAgency(agencies, level, period, today).get(code);
  return parts ? { parts, targetLevel: level } : null;
}

/**
 * One agency's or aggregate's KPI figures for a period, unranked, without computing the whole
 * overview: a point of a 12-month series. The same sums as the overview's.
 */
export function figuresOf(input: {
  code: string;
  period: string;
  today: string;
  agencies: readonly Agency[];
  values: MeasureIndex;
  targets: Config['targets'];
  kpis?: readonly KpiDefinition[];
}): Record<string, KpiFigure> | null {
  const { code, period, today, agencies, values, targets } = input;
  const subject = constituentsOf(agencies, code, period, today);
  if (!subject) return null;
  const year = parseMonth(period).year;
  const figures: Record<string, KpiFigure> = {};
  for (const kpi of input.kpis ?? ALL_KPIS) {
    figures[kpi.id] = withTarget(computeKpi(kpi, code, subject.parts, values), targetFor(targets, kpi, { agencyCode: code, level: subject.targetLevel, year }));
  }
  return figures;
}
