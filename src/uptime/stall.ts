// Measures how long our own process stood still: the event loop blocked (a synchronous store
// write waiting on a lock, a long GC pause) or the whole process paused (SIGSTOP, a suspended
// VM). A probe that overlapped such a stall has timings that are ours, not the portal's.
import { performance } from 'node:perf_hooks';

const TICK_MS = 100;
/** Lateness of a heartbeat below this is ordinary jitter on a busy machine. */
const JITTER_MS = 50;

export interface StallMark {
  total: number;
  store: number;
}

export interface StallMeter {
  mark(): StallMark;
  /** Stall since the mark, and how much of it was spent waiting on the store. */
  since(mark: StallMark): { stalledMs: number; storeMs: number };
  /** The store layer reports a synchronous wait it knows about (it blocked the event loop). */
  noteStoreWait(ms: number): void;
  stop(): void;
}

export function createStallMeter(): StallMeter {
  let accumulated = 0;
  let storeWaits = 0;
  let lastBeat = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - lastBeat - TICK_MS;
    if (late > JITTER_MS) accumulated += late;
    lastBeat = now;
  }, TICK_MS);
  timer.unref();

  // A stall still in progress (the heartbeat has not run yet since the loop unblocked) counts too:
  // a probe's timeout timer may fire before the heartbeat in the same turn of the loop.
  const total = () => {
    const pending = performance.now() - lastBeat - TICK_MS;
    return accumulated + (pending > JITTER_MS ? pending : 0);
  };

  return {
    mark: () => ({ total: total(), store: storeWaits }),
    since: (m) => ({ stalledMs: Math.max(total() - m.total, storeWaits - m.store), storeMs: storeWaits - m.store }),
    noteStoreWait: (ms) => {
      storeWaits += ms;
    },
    stop: () => clearInterval(timer),
  };
}
