// The overview and the national summary of a stored period: what the kpi and summary
// commands, the alert rules, reports and the dashboard all read.
import type { Db } from '../../storage/db.ts';
import { periodValues } from '../../storage/measures.ts';
import { quarantinedIn } from '../../storage/quarantine.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import { localDate } from '../time/period.ts';
import { HEADLINE_KPIS, KPI_METRICS, metricsOf, type KpiDefinition } from './definitions.ts';
import { periodIndex, type MeasureIndex } from './headline.ts';
import { INDEX_766_METRICS } from './index766.ts';
import { nationalSummary, type NationalSummary } from './national-summary.ts';
import { constituentsOf, figuresOf, kpiOverview, type KpiFigure, type Overview } from './overview.ts';

/** The stored values of a period, of every agency or only of `agencyCodes`, with those held back by quarantine. */
export function storedValues(db: Db, period: string, metrics: readonly string[], agencyCodes?: readonly string[]): MeasureIndex {
  const held = quarantinedIn(db, period, metrics, agencyCodes).map((q) => ({ agencyCode: q.agencyCode, metric: q.metric, value: q.value, rule: q.rule, facts: q.facts }));
  return periodIndex(periodValues(db, period, metrics, agencyCodes), held);
}

/** Every KPI (or only `kpis`) for every agency and aggregate, with the 766 index. */
export function overviewFromStore(db: Db, loaded: LoadedConfig, period: string, now: Date, lang: Lang, kpis?: readonly KpiDefinition[]): Overview {
  const metrics = kpis ? metricsOf(kpis) : [...KPI_METRICS, ...INDEX_766_METRICS];
  return kpiOverview({
    period, today: localDate(now), agencies: loaded.agencies, targets: loaded.config.targets, lang, kpis,
    values: storedValues(db, period, metrics),
  });
}

export function summaryFromStore(db: Db, loaded: LoadedConfig, period: string, now: Date, top = 5): NationalSummary {
  return nationalSummary({
    period, today: localDate(now), agencies: loaded.agencies, values: storedValues(db, period, metricsOf(HEADLINE_KPIS)),
    targets: loaded.config.targets, top,
  });
}

export interface SeriesPoint {
  period: string;
  /** null when the agency has no figures in that month (not yet, or no longer, an agency). */
  kpis: Record<string, KpiFigure> | null;
}

/**
 * One agency's (or aggregate's) KPI figures month by month: the trends of reports and the
 * dashboard. Computes that agency only, not twelve whole overviews.
 */
export function seriesFromStore(db: Db, loaded: LoadedConfig, code: string, periods: readonly string[], now: Date, kpis: readonly KpiDefinition[] = HEADLINE_KPIS): SeriesPoint[] {
  const metrics = metricsOf(kpis);
  const today = localDate(now);
  return periods.map((period) => {
    const subject = constituentsOf(loaded.agencies, code, period, today);
    if (!subject) return { period, kpis: null };
    const values = storedValues(db, period, metrics, subject.parts);
    return { period, kpis: figuresOf({ code, subject, period, values, targets: loaded.config.targets, kpis }) };
  });
}

/**
 * The ministries', the provinces' and the blocks' KPIs (headline ones by default) for each
 * period, without the communes: the rank tables' 12-month sparklines and the headline cards'
 * change from last month and last year. The country and the blocks sum ministries and provinces
 * only, so their figures are those of the whole overview.
 */
export function rankedHistory(db: Db, loaded: LoadedConfig, periods: readonly string[], now: Date, kpis: readonly KpiDefinition[] = HEADLINE_KPIS): Map<string, Overview> {
  const agencies = loaded.agencies.filter((a) => a.level === 'ministry' || a.level === 'province');
  const codes = agencies.map((a) => a.code);
  const metrics = metricsOf(kpis);
  const today = localDate(now);
  return new Map(periods.map((period) => [period, kpiOverview({
    period, today, agencies, targets: loaded.config.targets, kpis, values: storedValues(db, period, metrics, codes),
  })]));
}
