// Every KPI for every agency and aggregate in one period: the national overview that the
// kpi command, reports and the dashboard read. Pure: values in, figures out.
import type { Config } from '../config/schema.ts';
import { msg, type MessageKey } from '../messages/index.ts';
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

interface Aggregate {
  code: string;
  name: MessageKey;
  /** The levels it sums; communes are inside their province's counts. */
  members: readonly AgencyLevel[];
  /** The level its targets are set at. */
  targetLevel: string;
}

/** The aggregates, in the order the overview lists them. */
export const AGGREGATES: readonly Aggregate[] = [
  { code: 'VN', name: 'kpi.aggregate.country', members: ['ministry', 'province'], targetLevel: 'national' },
  { code: 'khoi:bo', name: 'kpi.aggregate.ministries', members: ['ministry'], targetLevel: 'ministry' },
  { code: 'khoi:tinh', name: 'kpi.aggregate.provinces', members: ['province'], targetLevel: 'province' },
];

/** The country and the blocks: they leave a quarantined agency out (and say so) instead of having no figure. */
export const isAggregate = (code: string) => AGGREGATES.some((a) => a.code === code);

/** Code order without the cost of locale-aware comparison (codes are ASCII). */
export const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const RANKED_LEVELS: AgencyLevel[] = ['ministry', 'province', 'commune'];

/** Every KPI of one agency or aggregate: sums over its constituents, with the target of its level and year. */
function figuresFor(kpis: readonly KpiDefinition[], code: string, parts: readonly string[], values: MeasureIndex, targets: Config['targets'], targetLevel: string, year: number): Record<string, KpiFigure> {
  const figures: Record<string, KpiFigure> = {};
  const aggregate = isAggregate(code);
  for (const kpi of kpis) {
    const f = computeKpi(kpi, code, parts, values, aggregate);
    f.target = targetFor(targets, kpi, { agencyCode: code, level: targetLevel, year });
    f.gap = f.rate !== null && f.target !== null ? f.rate - f.target : null;
    figures[kpi.id] = f;
  }
  return figures;
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
      rows.push({
        agencyCode: code, name: byCode.get(code)!.name, level, constituents: parts, kpis: figuresFor(kpis, code, parts, values, targets, level, year),
        index766: level === 'commune' ? null : index766(code, parts, values),
      });
    }
    assignRanks(rows, kpis);
    agencies.push(...rows.sort((a, b) => compareCodes(a.agencyCode, b.agencyCode)));
  }

  const partsOf = (level: AgencyLevel) => agencies.filter((a) => a.level === level).flatMap((a) => a.constituents);
  const aggregates = AGGREGATES.map((a): AgencyFigures => {
    const parts = a.members.flatMap(partsOf);
    return { agencyCode: a.code, name: msg(lang, a.name), level: 'block', constituents: parts, kpis: figuresFor(kpis, a.code, parts, values, targets, a.targetLevel, year), index766: null };
  });
  return { period, aggregates, agencies };
}

/**
 * Whom an agency or aggregate sums in a period (its former agencies for a merged province,
 * every member for a block) and the level its targets are set at; null for a code that is
 * neither an aggregate nor an agency valid today.
 */
export function constituentsOf(agencies: readonly Agency[], code: string, period: string, today: string): { parts: string[]; targetLevel: string } | null {
  const aggregate = AGGREGATES.find((a) => a.code === code);
  if (aggregate) {
    // In the overview's order: members by code.
    const parts = aggregate.members.flatMap((member) => [...constituentsByAgency(agencies, member, period, today)].sort(([a], [b]) => compareCodes(a, b)).flatMap(([, p]) => p));
    return { parts, targetLevel: aggregate.targetLevel };
  }
  const level = agencies.find((a) => a.code === code)?.level;
  if (level === undefined || !RANKED_LEVELS.includes(level)) return null;
  const parts = constituentsByAgency(agencies, level, period, today).get(code);
  return parts ? { parts, targetLevel: level } : null;
}

/**
 * One agency's or aggregate's KPI figures for a period (whom it sums: constituentsOf), unranked,
 * without computing the whole overview: a point of a 12-month series. The same sums as the overview's.
 */
export function figuresOf(input: {
  code: string;
  subject: { parts: readonly string[]; targetLevel: string };
  period: string;
  values: MeasureIndex;
  targets: Config['targets'];
  kpis?: readonly KpiDefinition[];
}): Record<string, KpiFigure> {
  const { code, subject, period, values, targets } = input;
  return figuresFor(input.kpis ?? ALL_KPIS, code, subject.parts, values, targets, subject.targetLevel, parseMonth(period).year);
}
