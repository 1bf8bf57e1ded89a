// Alerts and the outbox. Every notification is written to the outbox in the same
// transaction that changes its alert, before anything is sent.
import type { AlertChange } from '../src/alerts/engine.ts';
import { dedupeKey, type ActiveAlert, type AlertEvent } from '../src/alerts/types.ts';
import type { Db } from './db.ts';

export interface AlertRecord extends Omit<ActiveAlert, 'status'> {
  status: 'pending' | 'open' | 'resolved';
  resolvedAt: string | null;
}

export interface OutboxMessage {
  channelId: string;
  payload: unknown;
}

export interface OutboxRow {
  id: number;
  alertId: number | null;
  event: AlertEvent | 'test';
  channelId: string;
  idempotencyKey: string;
  payload: unknown;
  status: 'pending' | 'sending' | 'delivered' | 'dead';
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  deliveredAt: string | null;
  lastError: string | null;
}

const ALERT_COLUMNS = `id, dedupe_key AS dedupeKey, rule, subject, portal_id AS portalId, agency_code AS agencyCode, severity, status,
  facts_json AS facts, first_fired_at AS firstFiredAt, last_fired_at AS lastFiredAt, opened_at AS openedAt, resolved_at AS resolvedAt,
  consecutive_failures AS consecutiveFailures, consecutive_successes AS consecutiveSuccesses, last_notified_at AS lastNotifiedAt,
  reminders_sent AS remindersSent, acknowledged_at AS acknowledgedAt, silenced_reason AS silencedReason`;

const toAlert = (r: AlertRecord & { facts: string }): AlertRecord => ({ ...r, facts: JSON.parse(r.facts) });

export function activeAlerts(db: Db): ActiveAlert[] {
  return (db.prepare(`SELECT ${ALERT_COLUMNS} FROM alert WHERE status != 'resolved' ORDER BY id`).all() as Array<AlertRecord & { facts: string }>)
    .map(toAlert) as ActiveAlert[];
}

export function listAlerts(db: Db, filter: { activeOnly?: boolean; limit?: number } = {}): AlertRecord[] {
  const where = filter.activeOnly ? "WHERE status != 'resolved'" : '';
  return (db.prepare(`SELECT ${ALERT_COLUMNS} FROM alert ${where} ORDER BY id DESC LIMIT ?`).all(filter.limit ?? 500) as Array<AlertRecord & { facts: string }>).map(toAlert);
}

export function getAlert(db: Db, id: number): AlertRecord | undefined {
  const row = db.prepare(`SELECT ${ALERT_COLUMNS} FROM alert WHERE id = ?`).get(id) as (AlertRecord & { facts: string }) | undefined;
  return row && toAlert(row);
}

/** Stops reminders for an open alert. Returns false when there is no such active alert. */
export function acknowledgeAlert(db: Db, id: number, now: Date): boolean {
  return db.prepare("UPDATE alert SET acknowledged_at = ? WHERE id = ? AND status != 'resolved' AND acknowledged_at IS NULL").run(now.toISOString(), id).changes === 1;
}

/**
 * Applies the engine's decisions and queues their notifications, atomically.
 * `render` turns an alert and an event into one message per channel that wants it.
 */
export function applyAlertChanges(
  db: Db,
  changes: readonly AlertChange[],
  render: (alert: AlertRecord, event: AlertEvent) => OutboxMessage[],
  now: Date,
): { opened: number; resolved: number; queued: number } {
  const at = now.toISOString();
  const insertAlert = db.prepare(`
    INSERT INTO alert (dedupe_key, rule, subject, portal_id, agency_code, severity, status, facts_json, first_fired_at, last_fired_at, opened_at, silenced_reason)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const updateAlert = db.prepare(`
    UPDATE alert SET status = @status, severity = @severity, facts_json = @facts, last_fired_at = @lastFiredAt, opened_at = @openedAt,
      resolved_at = @resolvedAt, consecutive_failures = @consecutiveFailures, consecutive_successes = @consecutiveSuccesses,
      silenced_reason = @silencedReason
    WHERE id = @id`);
  const markNotified = db.prepare(`UPDATE alert SET last_notified_at = ?, reminders_sent = reminders_sent + ? WHERE id = ?`);
  let opened = 0;
  let resolved = 0;
  let queued = 0;
  db.transaction(() => {
    for (const change of changes) {
      let id: number;
      if (change.kind === 'create') {
        const c = change.condition;
        id = Number(insertAlert.run(dedupeKey(c), c.rule, c.subject, c.portalId ?? null, c.agencyCode ?? null, c.severity, change.status,
          JSON.stringify(c.facts), at, at, change.status === 'open' ? at : null, change.silencedReason).lastInsertRowid);
        if (change.status === 'open') opened++;
      } else {
        const merged = { ...change.alert, resolvedAt: null as string | null, ...change.patch };
        updateAlert.run({
          ...merged, facts: JSON.stringify(merged.facts), status: merged.resolvedAt ? 'resolved' : merged.status,
        });
        id = change.alert.id;
        if (change.alert.status === 'pending' && merged.status === 'open' && !merged.resolvedAt) opened++;
        if (merged.resolvedAt && change.alert.status === 'open') resolved++;
      }
      if (change.notify) {
        const alert = getAlert(db, id)!;
        queued += enqueue(db, alert, change.notify, render(alert, change.notify), now);
        markNotified.run(at, change.notify === 'reminder' ? 1 : 0, id);
      }
    }
  })();
  return { opened, resolved, queued };
}

function enqueue(db: Db, alert: AlertRecord, event: AlertEvent, messages: OutboxMessage[], now: Date): number {
  // The key names the alert, the event and, for reminders, which one: stable across retries.
  const sequence = event === 'reminder' ? alert.remindersSent + 1 : 0;
  const insert = db.prepare(`
    INSERT INTO outbox (alert_id, event, channel_id, idempotency_key, payload_json, status, created_at, next_attempt_at)
    VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`);
  let count = 0;
  for (const m of messages) {
    count += insert.run(alert.id, event, m.channelId, `dvc-alert-${alert.id}-${event}-${sequence}-${m.channelId}`, JSON.stringify(m.payload), now.toISOString(), now.toISOString()).changes;
  }
  return count;
}

export function enqueueTestMessage(db: Db, channelId: string, payload: unknown, now: Date): OutboxRow {
  const key = `dvc-test-${channelId}-${now.getTime()}`;
  db.prepare(`INSERT INTO outbox (alert_id, event, channel_id, idempotency_key, payload_json, status, created_at, next_attempt_at)
              VALUES (NULL, 'test', ?, ?, ?, 'pending', ?, ?)`).run(channelId, key, JSON.stringify(payload), now.toISOString(), now.toISOString());
  return outboxByKey(db, key)!;
}

const OUTBOX_COLUMNS = `id, alert_id AS alertId, event, channel_id AS channelId, idempotency_key AS idempotencyKey, payload_json AS payload,
  status, attempts, created_at AS createdAt, next_attempt_at AS nextAttemptAt, delivered_at AS deliveredAt, last_error AS lastError`;
const toOutbox = (r: OutboxRow & { payload: string }): OutboxRow => ({ ...r, payload: JSON.parse(r.payload) });

export function outboxByKey(db: Db, key: string): OutboxRow | undefined {
  const row = db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE idempotency_key = ?`).get(key) as (OutboxRow & { payload: string }) | undefined;
  return row && toOutbox(row);
}

/**
 * Claims due messages for sending: pending ones whose time has come, and 'sending' ones whose
 * lease ran out (the process that claimed them died mid-delivery). A notice of an alert waits
 * while an earlier notice of the same alert to the same channel is still undelivered (pending,
 * retrying or being sent): a retried opening is never overtaken by its resolution. Only a notice
 * delivered or given up (dead) lets the next one go.
 */
export function claimDueMessages(db: Db, now: Date, leaseMs: number, limit: number, claimant: string, onlyIds?: readonly number[]): OutboxRow[] {
  const at = now.toISOString();
  const only = onlyIds ? `AND o.id IN (${onlyIds.map(() => '?').join(',') || 'NULL'})` : '';
  return (db.prepare(`
    UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = ?, claimed_by = ?
    WHERE id IN (SELECT o.id FROM outbox o
                 WHERE ((o.status = 'pending' AND o.next_attempt_at <= ?) OR (o.status = 'sending' AND o.lease_until <= ?)) ${only}
                   AND NOT (o.alert_id IS NOT NULL AND EXISTS (SELECT 1 FROM outbox e WHERE e.alert_id = o.alert_id AND e.channel_id = o.channel_id
                                                              AND e.id < o.id AND e.status IN ('pending', 'sending')))
                 ORDER BY o.id LIMIT ?)
    RETURNING ${OUTBOX_COLUMNS}`).all(new Date(now.getTime() + leaseMs).toISOString(), claimant, at, at, ...(onlyIds ?? []), limit) as Array<OutboxRow & { payload: string }>)
    .map(toOutbox)
    .sort((a, b) => a.id - b.id);
}

/**
 * Messages claimed by a process of this host that has died (killed mid-delivery) go back to
 * pending at once instead of waiting for their lease. Returns how many.
 */
export function reclaimFromDeadSenders(db: Db, host: string, isAlive: (pid: number) => boolean): number {
  const rows = db.prepare("SELECT id, claimed_by AS claimedBy FROM outbox WHERE status = 'sending'").all() as Array<{ id: number; claimedBy: string | null }>;
  const release = db.prepare("UPDATE outbox SET status = 'pending', lease_until = NULL WHERE id = ? AND status = 'sending'");
  let count = 0;
  for (const row of rows) {
    const [pid, claimHost] = (row.claimedBy ?? '').split('@');
    if (claimHost === host && !isAlive(Number(pid))) count += release.run(row.id).changes;
  }
  return count;
}

export function markDelivered(db: Db, id: number, now: Date): void {
  db.prepare("UPDATE outbox SET status = 'delivered', delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?").run(now.toISOString(), id);
}

/** A failed attempt: retried at `retryAt`, or given up (`dead`) when retryAt is null. */
export function markAttemptFailed(db: Db, id: number, error: string, retryAt: Date | null): void {
  db.prepare('UPDATE outbox SET status = ?, next_attempt_at = coalesce(?, next_attempt_at), lease_until = NULL, last_error = ? WHERE id = ?')
    .run(retryAt ? 'pending' : 'dead', retryAt?.toISOString() ?? null, error.slice(0, 2000), id);
}

/** The outbox per channel and status, with the creation time of each group's oldest message (the backlog's age on /metrics). */
export function outboxByChannel(db: Db): Array<{ channelId: string; status: OutboxRow['status']; n: number; oldestCreatedAt: string }> {
  return db.prepare('SELECT channel_id AS channelId, status, count(*) AS n, min(created_at) AS oldestCreatedAt FROM outbox GROUP BY 1, 2 ORDER BY 1, 2')
    .all() as Array<{ channelId: string; status: OutboxRow['status']; n: number; oldestCreatedAt: string }>;
}

/** Open (notified) alerts per rule and severity. */
export function openAlertCounts(db: Db): Array<{ rule: string; severity: string; n: number }> {
  return db.prepare("SELECT rule, severity, count(*) AS n FROM alert WHERE status = 'open' GROUP BY 1, 2 ORDER BY 1, 2").all() as Array<{ rule: string; severity: string; n: number }>;
}

export function outboxCounts(db: Db): Record<OutboxRow['status'], number> {
  const counts = { pending: 0, sending: 0, delivered: 0, dead: 0 };
  for (const r of db.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as Array<{ status: OutboxRow['status']; n: number }>) counts[r.status] = r.n;
  return counts;
}

export function listOutbox(db: Db, filter: { status?: OutboxRow['status']; alertId?: number } = {}): OutboxRow[] {
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  if (filter.status) (clauses.push('status = ?'), params.push(filter.status));
  if (filter.alertId !== undefined) (clauses.push('alert_id = ?'), params.push(filter.alertId));
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  return (db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox ${where} ORDER BY id`).all(...params) as Array<OutboxRow & { payload: string }>).map(toOutbox);
}

/** Failures stored for one channel, to scrub secrets an older version left in them. */
export function lastErrorsOfChannel(db: Db, channelId: string): Array<{ id: number; lastError: string }> {
  return db.prepare('SELECT id, last_error AS lastError FROM outbox WHERE channel_id = ? AND last_error IS NOT NULL').all(channelId) as Array<{ id: number; lastError: string }>;
}

export function replaceLastError(db: Db, id: number, lastError: string): void {
  db.prepare('UPDATE outbox SET last_error = ? WHERE id = ?').run(lastError, id);
}

/** Changes whenever an alert opens, fires again, resolves or is acknowledged (the dashboard's live updates). */
export function alertsFingerprint(db: Db): string {
  return db.prepare(`SELECT count(*) || ':' || ifnull(max(id), 0) || ':' || ifnull(max(opened_at), '') || ':' || ifnull(max(resolved_at), '') || ':' ||
    ifnull(max(acknowledged_at), '') || ':' || (SELECT count(*) FROM alert WHERE status != 'resolved') FROM alert`).pluck().get() as string;
}
