// Writes probe rounds to the store in batches. A busy or failing store never costs a portal
// its state: rounds wait in memory and are written on a later flush (with backoff), and the
// time a write held the event loop is reported to the stall meter, so probes it delayed turn
// UNKNOWN instead of timing out into DOWN.
import { performance } from 'node:perf_hooks';
import type { Db } from '../../storage/db.ts';
import { writeRounds, type RoundRecord } from '../../storage/uptime.ts';
import type { Logger } from '../log.ts';
import type { StallMeter } from './stall.ts';

export interface Recorder {
  add(round: RoundRecord): void;
  /** Writes what is buffered, unless backing off after a failure. True when nothing is left. */
  flush(options?: { force?: boolean }): boolean;
  stats(): { buffered: number; written: number; dropped: number; failedFlushes: number };
}

/** A write lock held by someone else past busy_timeout: worth waiting for. */
export function isStoreBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export function createRecorder(db: Db, deps: { stall: StallMeter; log: Logger; maxBuffered?: number; now?: () => number }): Recorder {
  // About ten minutes of 10,000 endpoints; beyond it the oldest results go (and are logged).
  const maxBuffered = deps.maxBuffered ?? 100_000;
  const now = deps.now ?? Date.now;
  let buffer: RoundRecord[] = [];
  let written = 0;
  let dropped = 0;
  let failedFlushes = 0;
  let failuresInRow = 0;
  let retryAt = 0;

  return {
    add(round) {
      buffer.push(round);
      if (buffer.length > maxBuffered) {
        const excess = buffer.length - maxBuffered;
        buffer.splice(0, excess);
        dropped += excess;
        deps.log.error({ dropped }, 'the store has refused writes for too long: oldest probe results dropped');
      }
    },
    flush(options = {}) {
      if (buffer.length === 0) return true;
      if (!options.force && now() < retryAt) return false;
      const t0 = performance.now();
      try {
        writeRounds(db, buffer);
        written += buffer.length;
        buffer = [];
        failuresInRow = 0;
        return true;
      } catch (err) {
        failedFlushes++;
        failuresInRow++;
        retryAt = now() + Math.min(30_000, 500 * 2 ** failuresInRow);
        const busy = isStoreBusy(err);
        deps.log[busy ? 'warn' : 'error']({ err, buffered: buffer.length }, busy ? 'the store is busy; probe results kept in memory' : 'cannot write probe results; kept in memory');
        return false;
      } finally {
        const waited = performance.now() - t0;
        if (waited > 20) deps.stall.noteStoreWait(waited);
      }
    },
    stats: () => ({ buffered: buffer.length, written, dropped, failedFlushes }),
  };
}
