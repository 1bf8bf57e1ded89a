// KPI regressions: a KPI fell by at least `kpiDropPoints` from the previous month, or fell
// below its target. Judged on the last complete month (Asia/Ho_Chi_Minh).
import { HEADLINE_KPIS } from '../../kpi/definitions.ts';
import { overviewFromStore } from '../../kpi/from-store.ts';
import type { Overview } from '../../kpi/overview.ts';
import { addMonths, currentMonth } from '../../time/period.ts';
import { dedupeKey, type AlertRule, type Condition, type RuleContext } from '../types.ts';

function overviews(ctx: RuleContext): { current: Overview; previous: Overview } {
  const period = addMonths(currentMonth(ctx.now), -1);
  const build = (p: string) => overviewFromStore(ctx.db, ctx.loaded, p, ctx.now, 'vi', HEADLINE_KPIS);
  return { current: build(period), previous: build(addMonths(period, -1)) };
}

function* pairs(ctx: RuleContext) {
  const { current, previous } = overviews(ctx);
  const before = new Map([...previous.aggregates, ...previous.agencies].map((a) => [a.agencyCode, a]));
  for (const now of [...current.aggregates, ...current.agencies]) {
    if (now.level === 'commune') continue;
    for (const kpi of HEADLINE_KPIS) {
      yield { agency: now, kpi, current: now.kpis[kpi.id]!, previous: before.get(now.agencyCode)?.kpis[kpi.id], period: current.period, previousPeriod: previous.period };
    }
  }
}

export const kpiDrop: AlertRule = {
  id: 'kpi.drop',
  title: { vi: 'Chỉ tiêu giảm mạnh so với tháng trước', en: 'KPI fell sharply from the previous month' },
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
        facts: { agency: p.agency.agencyCode, agencyName: p.agency.name, kpi: p.kpi.id, period: p.period, previousPeriod: p.previousPeriod, current: p.current.rate, previous: p.previous.rate, drop, threshold },
      });
    }
    return found;
  },
};

export const kpiBelowTarget: AlertRule = {
  id: 'kpi.below_target',
  title: { vi: 'Chỉ tiêu xuống dưới mục tiêu', en: 'KPI fell below its target' },
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
        facts: { agency: p.agency.agencyCode, agencyName: p.agency.name, kpi: p.kpi.id, period: p.period, current: rate, target, previous: p.previous?.rate ?? null },
      });
    }
    return found;
  },
};
