// Collection health: a collector that keeps failing, a stale source, a count anomaly.
import { openFlags } from '../../../storage/quality.ts';
import { listQuarantine } from '../../../storage/quarantine.ts';
import { recentSourceOutcomes } from '../../../storage/runs.ts';
import { addMonths, currentMonth } from '../../time/period.ts';
import type { AlertRule, Condition } from '../types.ts';
import { msgBoth } from '../../messages/index.ts';

export const collectorFailing: AlertRule = {
  id: 'collector.failing',
  title: msgBoth('alert.rule.collectorFailing'),
  evaluate(ctx) {
    const runs = ctx.loaded.config.alerts.collectorFailedRuns;
    const found: Condition[] = [];
    for (const source of ctx.loaded.config.sources.filter((s) => s.enabled)) {
      const outcomes = recentSourceOutcomes(ctx.db, source.id, runs);
      if (outcomes.length < runs || outcomes.some((o) => o.failed === 0)) continue;
      found.push({
        rule: 'collector.failing', subject: source.id, severity: 'critical',
        facts: { source: source.id, runs: outcomes.map((o) => o.runId), reasons: [...new Set(outcomes.flatMap((o) => o.reasons))], failedRuns: runs },
      });
    }
    return found;
  },
};

export const sourceStale: AlertRule = {
  id: 'source.stale',
  title: msgBoth('alert.rule.sourceStale'),
  evaluate(ctx) {
    return openFlags(ctx.db, { kind: 'stale' }).map((f) => ({
      rule: 'source.stale', subject: f.sourceId ?? 'unknown', severity: 'warning' as const,
      facts: { source: f.sourceId, detail: f.detail, since: f.firstSeenAt },
    }));
  },
};

const ANOMALY_KINDS = new Set(['inconsistent', 'outlier', 'counter_decreased']);

export const dataAnomaly: AlertRule = {
  id: 'data.anomaly',
  title: msgBoth('alert.rule.dataAnomaly'),
  evaluate(ctx) {
    // Anomalies in the months nightly runs still collect: older ones are history, not news.
    const recent = new Set([currentMonth(ctx.now), addMonths(currentMonth(ctx.now), -1)]);
    const flags = openFlags(ctx.db)
      .filter((f) => ANOMALY_KINDS.has(f.kind) && f.period !== null && recent.has(f.period))
      .map((f): Condition => ({
        rule: 'data.anomaly', subject: `${f.kind}|${f.agencyCode}|${f.metric}|${f.period}`, agencyCode: f.agencyCode, severity: 'warning' as const,
        facts: { kind: f.kind, agency: f.agencyCode, metric: f.metric, period: f.period, detail: f.detail, source: f.sourceId },
      }));
    // A quarantined value needs a person: to correct the source, or to release it.
    const held = listQuarantine(ctx.db, { periods: [...recent] }).map((q): Condition => ({
      rule: 'data.anomaly', subject: `quarantined|${q.agencyCode}|${q.metric}|${q.period}`, agencyCode: q.agencyCode, severity: 'warning',
      facts: { kind: 'quarantined', agency: q.agencyCode, metric: q.metric, period: q.period, value: q.value, rule: q.rule, ruleFacts: q.facts, source: q.sourceId },
    }));
    return [...flags, ...held];
  },
};
