// The alert lifecycle as a pure function: given the alerts now active and the conditions a
// set of rules found firing, decide what to create, change and notify. Flap suppression:
// a condition opens only after `failuresToOpen` evaluations in a row, and resolves only
// after `successesToResolve` in a row without it.
import { dedupeKey, type ActiveAlert, type AlertEvent, type Condition } from './types.ts';

export interface AlertPolicy {
  failuresToOpen: (rule: string) => number;
  successesToResolve: (rule: string) => number;
  /** Minutes between reminders for an open, unacknowledged alert; null for none. */
  reminderMinutes: number | null;
  /** Why notifications about this subject are held back now (a maintenance window), or null. */
  silenced: (subject: { rule: string; portalId: string | null }, now: Date) => string | null;
}

export type AlertChange =
  | { kind: 'create'; condition: Condition; status: 'pending' | 'open'; notify: AlertEvent | null; silencedReason: string | null }
  | { kind: 'update'; alert: ActiveAlert; patch: Partial<ActiveAlert> & { resolvedAt?: string }; notify: AlertEvent | null };

const minutesBetween = (from: string, to: Date) => (to.getTime() - Date.parse(from)) / 60_000;

/**
 * @param evaluatedRules the rules whose conditions `firing` covers: alerts of other rules
 *   are left alone (an uptime pass must not resolve a KPI alert).
 */
export function reconcile(active: readonly ActiveAlert[], firing: readonly Condition[], evaluatedRules: ReadonlySet<string>, policy: AlertPolicy, now: Date): AlertChange[] {
  const at = now.toISOString();
  const changes: AlertChange[] = [];
  const byKey = new Map(active.map((a) => [a.dedupeKey, a]));
  const seen = new Set<string>();

  for (const condition of firing) {
    const key = dedupeKey(condition);
    if (seen.has(key)) continue;
    seen.add(key);
    const silencedReason = policy.silenced({ rule: condition.rule, portalId: condition.portalId ?? null }, now);
    const alert = byKey.get(key);
    if (!alert) {
      const opens = policy.failuresToOpen(condition.rule) <= 1;
      changes.push({ kind: 'create', condition, status: opens ? 'open' : 'pending', notify: opens && !silencedReason ? 'opened' : null, silencedReason: opens ? silencedReason : null });
      continue;
    }
    const failures = alert.consecutiveFailures + 1;
    const patch: Partial<ActiveAlert> = { consecutiveFailures: failures, consecutiveSuccesses: 0, facts: condition.facts, severity: condition.severity, lastFiredAt: at, silencedReason };
    let notify: AlertEvent | null = null;
    if (alert.status === 'pending') {
      if (failures >= policy.failuresToOpen(alert.rule)) {
        patch.status = 'open';
        patch.openedAt = at;
        if (!silencedReason) notify = 'opened';
      }
    } else if (!silencedReason) {
      if (alert.lastNotifiedAt === null) notify = 'opened'; // opened during a maintenance window, still firing after it
      else if (policy.reminderMinutes !== null && alert.acknowledgedAt === null && minutesBetween(alert.lastNotifiedAt, now) >= policy.reminderMinutes) notify = 'reminder';
    }
    changes.push({ kind: 'update', alert, patch, notify });
  }

  for (const alert of active) {
    if (seen.has(alert.dedupeKey) || !evaluatedRules.has(alert.rule)) continue;
    const successes = alert.consecutiveSuccesses + 1;
    if (alert.status === 'pending') {
      // It never opened: a flap, resolved without a word.
      changes.push({ kind: 'update', alert, patch: { consecutiveSuccesses: successes, resolvedAt: at }, notify: null });
    } else if (successes >= policy.successesToResolve(alert.rule)) {
      // A resolved notice only follows an opened notice that was actually sent.
      changes.push({ kind: 'update', alert, patch: { consecutiveSuccesses: successes, resolvedAt: at }, notify: alert.lastNotifiedAt ? 'resolved' : null });
    } else {
      changes.push({ kind: 'update', alert, patch: { consecutiveSuccesses: successes, consecutiveFailures: 0 }, notify: null });
    }
  }
  return changes;
}
