// KPI regressions: a KPI fell by at least `kpiDropPoints` from the previous month, or fell
// below its target. Judged on the last complete month (Asia/Ho_Chi_Minh). Never on a figure
// with a quarantined value in it: an agency's rate is then missing (no alert), and a block
// (the country, the ministries, the provinces) is compared like with like, both months summed
// without the agencies either month left out.
import { HEADLINE_KPIS, metricsOf, type KpiDefinition } from '../../kpi/definitions.ts';
import { storedValues } from '../../kpi/from-store.ts';
import { computeKpi, type KpiFigure, type MeasureIndex } from '../../kpi/headline.ts';
import { kpiOverview, type AgencyFigures, type Overview } from '../../kpi/overview.ts';
import { addMonths, currentMonth, localDate } from '../../time/period.ts';
import { dedupeKey, type AlertRule, type Condition, type RuleContext } from '../types.ts';
import { msgBoth } from '../../messages/index.ts';

interface Month {
  overview: Overview;
  values: MeasureIndex;
}

function months(ctx: RuleContext): { current: Month; previous: Month } {
  const period = addMonths(currentMonth(ctx.now), -1);
  const build = (p: string): Month => {
    const values = storedValues(ctx.db, p, metricsOf(HEADLINE_KPIS));
    return { values, overview: kpiOverview({ period: p, today: localDate(ctx.now), agencies: ctx.loaded.agencies, values, targets: ctx.loaded.config.targets, lang: 'vi', kpis: HEADLINE_KPIS }) };
  };
  return { current: build(period), previous: build(addMonths(period, -1)) };
}

/** A block's figures of both months without every agency either month left out (quarantine), or the figures as they are. */
function likeWithLike(kpi: KpiDefinition, now: AgencyFigures, before: AgencyFigures | undefined, m: { current: Month; previous: Month }): { current: KpiFigure; previous: KpiFigure | undefined; leftOut: string[] } {
  const current = now.kpis[kpi.id]!;
  const previous = before?.kpis[kpi.id];
  if (now.level !== 'block' || (!current.excluded && !previous?.excluded)) return { current, previous, leftOut: [] };
  const left = new Set([...(current.excluded ?? []), ...(previous?.excluded ?? [])].map((q) => q.agencyCode));
  const comparable = (figures: AgencyFigures, values: MeasureIndex) => ({
    ...computeKpi(kpi, figures.agencyCode, figures.constituents.filter((c) => !left.has(c)), values, true),
    target: figures.kpis[kpi.id]!.target,
  });
  return { current: comparable(now, m.current.values), previous: before && comparable(before, m.previous.values), leftOut: [...left].sort() };
}

function* pairs(ctx: RuleContext) {
  const m = months(ctx);
  const { current, previous } = { current: m.current.overview, previous: m.previous.overview };
  const before = new Map([...previous.aggregates, ...previous.agencies].map((a) => [a.agencyCode, a]));
  for (const now of [...current.aggregates, ...current.agencies]) {
    if (now.level === 'commune') continue;
    for (const kpi of HEADLINE_KPIS) {
      const compared = likeWithLike(kpi, now, before.get(now.agencyCode), m);
      yield { agency: now, kpi, ...compared, period: current.period, previousPeriod: previous.period };
    }
  }
}

export const kpiDrop: AlertRule = {
  id: 'kpi.drop',
  title: msgBoth('alert.rule.kpiDrop'),
  evaluate(ctx) {
    const threshold = ctx.loaded.config.alerts.kpiDropPoints;
    const found: Condition[] = [];
    for (const p of pairs(ctx)) {
      if (p.current.rate === null || p.previous?.rate == null) continue;
      const drop = p.previous.rate - p.current.rate;
      if (drop < threshold) continue;
      found.push({
        rule: 'kpi.drop', subject: `${p.agency.agencyCode}|${p.kpi.id}`, agencyCode: p.agency.agencyCode === 'VN' || p.agency.level === 'block' ? null : p.agency.agencyCode,
        severity: drop >= threshold * 2 ? 'critical' : 'warning',
        facts: { agency: p.agency.agencyCode, agencyName: p.agency.name, kpi: p.kpi.id, period: p.period, previousPeriod: p.previousPeriod, current: p.current.rate, previous: p.previous.rate, drop, threshold, ...(p.leftOut.length ? { leftOut: p.leftOut } : {}) },
      });
    }
    return found;
  },
};

export const kpiBelowTarget: AlertRule = {
  id: 'kpi.below_target',
  title: msgBoth('alert.rule.kpiBelowTarget'),
  evaluate(ctx) {
    const found: Condition[] = [];
    for (const p of pairs(ctx)) {
      const { rate, target } = p.current;
      if (rate === null || target === null || rate >= target) continue;
      const subject = `${p.agency.agencyCode}|${p.kpi.id}`;
      // Fires when it crosses below (it met the target the month before) and stays firing
      // until the target is met again; an agency that was always below is not a regression.
      const crossed = p.previous?.rate != null && p.previous.rate >= target;
      if (!crossed && !ctx.isActive(dedupeKey({ rule: 'kpi.below_target', subject }))) continue;
      found.push({
        rule: 'kpi.below_target', subject, agencyCode: p.agency.level === 'block' ? null : p.agency.agencyCode, severity: 'warning',
        facts: { agency: p.agency.agencyCode, agencyName: p.agency.name, kpi: p.kpi.id, period: p.period, current: rate, target, previous: p.previous?.rate ?? null, ...(p.leftOut.length ? { leftOut: p.leftOut } : {}) },
      });
    }
    return found;
  },
};
