// One alert evaluation: run the rules, reconcile with the active alerts, and queue the
// notifications in the outbox, all before anything is sent.
import { activeAlerts, applyAlertChanges } from '../../storage/alerts.ts';
import type { Db } from '../../storage/db.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Logger } from '../log.ts';
import { reconcile, type AlertPolicy } from './engine.ts';
import { renderAlertMessage } from './messages.ts';
import { channelsFor } from './routing.ts';
import { checkRegressed, newCookie, newTracker, newViolation } from './rules/checks.ts';
import { collectorFailing, dataAnomaly, sourceStale } from './rules/data.ts';
import { kpiBelowTarget, kpiDrop } from './rules/kpi.ts';
import { certificateExpiring, portalDown } from './rules/uptime.ts';
import { portalPartiallyReachable } from './rules/partial-reach.ts';
import { maintenanceWindowsOf } from '../uptime/endpoints.ts';
import { dedupeKey, type AlertRule, type Condition } from './types.ts';

/** Rules judged after a nightly run: the store's counts, collection health, the portal checks. */
export const RUN_RULES: readonly AlertRule[] = [
  kpiDrop, kpiBelowTarget, collectorFailing, sourceStale, dataAnomaly, checkRegressed, newTracker, newCookie, newViolation,
];

/** Rules judged as the prober writes states: every minute in the service. */
export const UPTIME_RULES: readonly AlertRule[] = [portalDown, certificateExpiring, portalPartiallyReachable];

export const ALL_RULES: readonly AlertRule[] = [...RUN_RULES, ...UPTIME_RULES];

/** Notifications about a portal are held back during its declared maintenance windows. */
export function maintenanceSilence(loaded: LoadedConfig): AlertPolicy['silenced'] {
  const windows = maintenanceWindowsOf(loaded.config);
  return ({ portalId }, now) => {
    if (!portalId) return null;
    const at = now.toISOString();
    const window = windows.find((w) => w.portalId === portalId && w.startsAt <= at && at < w.endsAt);
    return window ? `maintenance ${window.id} (${window.startsAt} – ${window.endsAt})` : null;
  };
}

export interface EvaluationResult {
  opened: number;
  resolved: number;
  queued: number;
  /** Rules that failed to evaluate: their alerts were left as they were. */
  ruleErrors: Array<{ rule: string; error: string }>;
}

export function evaluateAlerts(db: Db, loaded: LoadedConfig, options: {
  now: Date;
  log: Logger;
  rules?: readonly AlertRule[];
  silenced?: AlertPolicy['silenced'];
}): EvaluationResult {
  const { now, log } = options;
  const rules = options.rules ?? ALL_RULES;
  const settings = loaded.config.alerts;
  const active = activeAlerts(db);
  const activeKeys = new Set(active.map((a) => a.dedupeKey));
  const firing: Condition[] = [];
  const evaluated = new Set<string>();
  const ruleErrors: EvaluationResult['ruleErrors'] = [];
  for (const rule of rules) {
    try {
      firing.push(...rule.evaluate({ db, loaded, now, isActive: (key) => activeKeys.has(key) }));
      evaluated.add(rule.id);
    } catch (err) {
      // A broken rule must not resolve its alerts nor stop the others.
      ruleErrors.push({ rule: rule.id, error: (err as Error).message });
      log.error({ err, rule: rule.id }, 'alert rule failed');
    }
  }
  const policy: AlertPolicy = {
    failuresToOpen: (rule) => settings.perRule[rule]?.failuresToOpen ?? settings.failuresToOpen,
    successesToResolve: (rule) => settings.perRule[rule]?.successesToResolve ?? settings.successesToResolve,
    reminderMinutes: settings.reminderMinutes,
    silenced: options.silenced ?? maintenanceSilence(loaded),
  };
  const changes = reconcile(active, firing, evaluated, policy, now);
  const titles = new Map(rules.map((r) => [r.id, r.title]));
  const result = applyAlertChanges(db, changes, (alert, event) =>
    channelsFor(alert, loaded.config.channels).map((channel) => ({
      channelId: channel.id,
      payload: renderAlertMessage(alert, event, channel.lang, settings.linkBase, titles.get(alert.rule)),
    })), now);
  log.info({ ...result, firing: firing.length, keys: firing.slice(0, 50).map(dedupeKey) }, 'alerts evaluated');
  return { ...result, ruleErrors };
}
