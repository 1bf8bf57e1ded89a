import { describe, expect, it } from 'vitest';
import { reconcile, type AlertPolicy } from '../../src/alerts/engine.ts';
import { channelsFor } from '../../src/alerts/routing.ts';
import { dedupeKey, type ActiveAlert, type Condition } from '../../src/alerts/types.ts';
import { ChannelSchema } from '../../src/config/schema.ts';

const policy = (over: Partial<AlertPolicy> = {}): AlertPolicy => ({
  failuresToOpen: () => 1, successesToResolve: () => 1, reminderMinutes: 60, silenced: () => null, ...over,
});
const condition: Condition = { rule: 'portal.down', subject: 'dvc-hanoi', portalId: 'dvc-hanoi', severity: 'critical', facts: { reason: 'timeout' } };
const active = (over: Partial<ActiveAlert> = {}): ActiveAlert => ({
  id: 1, dedupeKey: dedupeKey(condition), rule: condition.rule, subject: condition.subject, portalId: 'dvc-hanoi', agencyCode: null,
  severity: 'critical', status: 'open', facts: {}, firstFiredAt: '2026-11-22T00:00:00.000Z', lastFiredAt: '2026-11-22T00:00:00.000Z',
  openedAt: '2026-11-22T00:00:00.000Z', consecutiveFailures: 1, consecutiveSuccesses: 0, lastNotifiedAt: '2026-11-22T00:00:00.000Z',
  remindersSent: 0, acknowledgedAt: null, silencedReason: null, ...over,
});
const rules = new Set(['portal.down']);
const at = (minutes: number) => new Date(Date.parse('2026-11-22T00:00:00.000Z') + minutes * 60_000);

describe('alert lifecycle', () => {
  it('opens and notifies at once with the default thresholds', () => {
    expect(reconcile([], [condition], rules, policy(), at(0))).toEqual([{ kind: 'create', condition, status: 'open', notify: 'opened', silencedReason: null }]);
  });

  it('suppresses a flap: pending until N failures in a row, resolved silently if it stops before', () => {
    const p = policy({ failuresToOpen: () => 3 });
    const [first] = reconcile([], [condition], rules, p, at(0));
    expect(first).toMatchObject({ kind: 'create', status: 'pending', notify: null });
    const pending = active({ status: 'pending', openedAt: null, lastNotifiedAt: null });
    expect(reconcile([pending], [condition], rules, p, at(1))[0]).toMatchObject({ patch: { consecutiveFailures: 2 }, notify: null });
    expect(reconcile([{ ...pending, consecutiveFailures: 2 }], [condition], rules, p, at(2))[0]).toMatchObject({ patch: { status: 'open', consecutiveFailures: 3 }, notify: 'opened' });
    expect(reconcile([pending], [], rules, p, at(1))[0]).toMatchObject({ patch: { resolvedAt: at(1).toISOString() }, notify: null });
  });

  it('resolves with a notice after N successes in a row', () => {
    const p = policy({ successesToResolve: () => 2 });
    expect(reconcile([active()], [], rules, p, at(5))[0]).toMatchObject({ patch: { consecutiveSuccesses: 1 }, notify: null });
    expect(reconcile([active({ consecutiveSuccesses: 1 })], [], rules, p, at(6))[0]).toMatchObject({ patch: { resolvedAt: at(6).toISOString() }, notify: 'resolved' });
  });

  it('reminds at the interval until acknowledged', () => {
    expect(reconcile([active()], [condition], rules, policy(), at(59))[0]).toMatchObject({ notify: null });
    expect(reconcile([active()], [condition], rules, policy(), at(60))[0]).toMatchObject({ notify: 'reminder' });
    expect(reconcile([active({ acknowledgedAt: at(1).toISOString() })], [condition], rules, policy(), at(120))[0]).toMatchObject({ notify: null });
    expect(reconcile([active()], [condition], rules, policy({ reminderMinutes: null }), at(600))[0]).toMatchObject({ notify: null });
  });

  it('holds notifications during a maintenance window, and sends the opening once it ends', () => {
    const quiet = policy({ silenced: () => 'bảo trì 01:00–03:00' });
    expect(reconcile([], [condition], rules, quiet, at(0))[0]).toMatchObject({ status: 'open', notify: null, silencedReason: 'bảo trì 01:00–03:00' });
    const silenced = active({ lastNotifiedAt: null, silencedReason: 'bảo trì' });
    expect(reconcile([silenced], [condition], rules, policy(), at(10))[0]).toMatchObject({ notify: 'opened' });
    // Resolved before anyone was told: nothing to say.
    expect(reconcile([silenced], [], rules, policy(), at(10))[0]).toMatchObject({ notify: null, patch: { resolvedAt: expect.any(String) } });
  });

  it('leaves alerts of rules it did not evaluate alone', () => {
    expect(reconcile([active()], [], new Set(['kpi.drop']), policy(), at(5))).toEqual([]);
  });
});

describe('routing', () => {
  const channel = (extra: Record<string, unknown>) => ChannelSchema.parse({ id: 'c', kind: 'webhook', url: 'http://127.0.0.1:1/', ...extra });
  const alert = { rule: 'portal.down', portalId: 'dvc-hanoi', agencyCode: 'tinh:01', severity: 'warning' as const };
  it('filters by rule prefix, portal, agency and severity', () => {
    expect(channelsFor(alert, [channel({})])).toHaveLength(1);
    expect(channelsFor(alert, [channel({ rules: ['portal.'] })])).toHaveLength(1);
    expect(channelsFor(alert, [channel({ rules: ['kpi.'] })])).toHaveLength(0);
    expect(channelsFor(alert, [channel({ portals: ['dvc-bct'] })])).toHaveLength(0);
    expect(channelsFor(alert, [channel({ agencies: ['tinh:01'] })])).toHaveLength(1);
    expect(channelsFor(alert, [channel({ minSeverity: 'critical' })])).toHaveLength(0);
    expect(channelsFor({ ...alert, severity: 'info' }, [channel({})])).toHaveLength(0);
  });
});
