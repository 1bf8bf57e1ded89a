// The Quyết định 766/QĐ-TTg index (2022): the group scores the national portal publishes, and
// our own computation of the groups its counts allow, shown side by side. Group meanings
// and thresholds are unverified (DOMAIN.md): they are data here, versioned, not logic.
import { KPI_DIGITISED, KPI_ON_TIME, KPI_PROCEDURES_ONLINE, type KpiDefinition } from './definitions.ts';
import { computeKpi, type MeasureIndex } from './headline.ts';
import { msgBoth } from '../messages/index.ts';

export const INDEX_766_VERSION = 'qd766-2022/v1';

export interface Index766Group {
  /** The gateway's field, lowercased: index766.<key>. */
  key: 'ckmb' | 'tdgq' | 'tttt' | 'clgq' | 'mdhl' | 'mdsh';
  title: { vi: string; en: string };
  max: number;
  /** How we compute it from counts; null when counts cannot tell (transparency, satisfaction…). */
  from: { kpi: KpiDefinition; fullPointsAt: number } | null;
}

export const INDEX_766_GROUPS: readonly Index766Group[] = [
  { key: 'ckmb', title: msgBoth('kpi.index766.group.ckmb'), max: 18, from: null },
  { key: 'tdgq', title: msgBoth('kpi.index766.group.tdgq'), max: 20, from: { kpi: KPI_ON_TIME, fullPointsAt: 100 } },
  { key: 'clgq', title: msgBoth('kpi.index766.group.clgq'), max: 12, from: { kpi: KPI_PROCEDURES_ONLINE, fullPointsAt: 80 } },
  { key: 'tttt', title: msgBoth('kpi.index766.group.tttt'), max: 10, from: null },
  { key: 'mdsh', title: msgBoth('kpi.index766.group.mdsh'), max: 22, from: { kpi: KPI_DIGITISED, fullPointsAt: 80 } },
  { key: 'mdhl', title: msgBoth('kpi.index766.group.mdhl'), max: 18, from: null },
];

export const INDEX_766_METRICS = [...INDEX_766_GROUPS.map((g) => `index766.${g.key}`), 'index766.total', 'index766.rank'];

/** DOMAIN.md: a ratio below its full-points threshold earns ratio × max ÷ threshold. */
export function groupPoints(ratePercent: number, max: number, fullPointsAt: number): number {
  return (Math.min(ratePercent, fullPointsAt) / fullPointsAt) * max;
}

export interface Index766Row {
  key: Index766Group['key'] | 'total';
  max: number;
  collected: number | null;
  computed: number | null;
  /** computed − collected, where both exist. */
  difference: number | null;
}

/**
 * Side by side for one agency. Published scores exist only for the unit itself: a new
 * province's scores for a month before the merger were published for its former provinces.
 */
export function index766(agencyCode: string, constituents: readonly string[], values: MeasureIndex): Index766Row[] {
  const own = constituents.length === 1 && constituents[0] === agencyCode;
  // A published score that is quarantined (out of its group's range) is shown as not collected.
  const collected = (key: string) => (own && !values.quarantinedOf(`index766.${key}`)?.has(agencyCode) ? (values.value(agencyCode, `index766.${key}`) ?? null) : null);
  const rows: Index766Row[] = INDEX_766_GROUPS.map((g) => {
    const rate = g.from ? computeKpi(g.from.kpi, agencyCode, constituents, values).rate : null;
    const computed = g.from && rate !== null ? groupPoints(rate, g.max, g.from.fullPointsAt) : null;
    const published = collected(g.key);
    return { key: g.key, max: g.max, collected: published, computed, difference: computed !== null && published !== null ? computed - published : null };
  });
  const total = collected('total');
  return [...rows, { key: 'total', max: 100, collected: total, computed: null, difference: null }];
}
