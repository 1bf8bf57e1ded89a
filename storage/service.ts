// The long-running service's lock (one instance per store) and its schedule bookkeeping.
import type { Db } from './db.ts';

export interface LockHolder {
  pid: number;
  host: string;
  acquiredAt: string;
  heartbeatAt: string;
}

/**
 * Takes the lock when it is free, when its holder is dead (`isDead`), or when the holder has
 * not refreshed its heartbeat for `staleAfterMs` (a holder on another host that crashed).
 * Returns null when acquired, or the live holder.
 */
export function acquireLock(db: Db, name: string, me: { pid: number; host: string }, now: Date, staleAfterMs: number, isDead: (holder: LockHolder) => boolean): LockHolder | null {
  return db.transaction(() => {
    const holder = db.prepare('SELECT pid, host, acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt FROM service_lock WHERE name = ?').get(name) as LockHolder | undefined;
    const stale = holder && now.getTime() - Date.parse(holder.heartbeatAt) > staleAfterMs;
    if (holder && !(holder.pid === me.pid && holder.host === me.host) && !stale && !isDead(holder)) return holder;
    db.prepare(`INSERT INTO service_lock (name, pid, host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET pid = excluded.pid, host = excluded.host, acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`)
      .run(name, me.pid, me.host, now.toISOString(), now.toISOString());
    return null;
  }).immediate();
}

export function heartbeat(db: Db, name: string, me: { pid: number; host: string }, now: Date): boolean {
  return db.prepare('UPDATE service_lock SET heartbeat_at = ? WHERE name = ? AND pid = ? AND host = ?').run(now.toISOString(), name, me.pid, me.host).changes === 1;
}

export function releaseLock(db: Db, name: string, me: { pid: number; host: string }): void {
  db.prepare('DELETE FROM service_lock WHERE name = ? AND pid = ? AND host = ?').run(name, me.pid, me.host);
}

export function taskStarted(db: Db, task: string, now: Date): void {
  db.prepare(`INSERT INTO schedule_state (task, last_started_at) VALUES (?, ?)
              ON CONFLICT (task) DO UPDATE SET last_started_at = excluded.last_started_at`).run(task, now.toISOString());
}

export function taskFinished(db: Db, task: string, status: string, now: Date): void {
  db.prepare('UPDATE schedule_state SET last_finished_at = ?, last_status = ? WHERE task = ?').run(now.toISOString(), status, task);
}

export function lastStarted(db: Db, task: string): string | null {
  return (db.prepare('SELECT last_started_at FROM schedule_state WHERE task = ?').pluck().get(task) as string | null | undefined) ?? null;
}

/** The lock's holder (the running service) and its last heartbeat, or undefined when no service holds it. */
export function lockHolder(db: Db, name: string): LockHolder | undefined {
  return db.prepare('SELECT pid, host, acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt FROM service_lock WHERE name = ?').get(name) as LockHolder | undefined;
}
