// Runs each endpoint at its own interval. Endpoints are spread over the interval by a stable
// hash of their name (as Prometheus spreads scrapes), so 10,000 endpoints every 60 s make a
// steady ~167 probes/s instead of a burst each minute, and the spread survives restarts.
// One timer, a min-heap of due times, a cap on probes in flight. Lateness (start minus due)
// is handed to the caller, who records it with each probe.
import { performance } from 'node:perf_hooks';

export interface ScheduleItem<T> {
  key: string;
  intervalMs: number;
  value: T;
}

export interface SchedulerStats {
  started: number;
  /** Ticks skipped because the previous probe of the same endpoint was still running. */
  skippedBusy: number;
  /** Ticks that passed while the process could not run them (paused longer than an interval). */
  missed: number;
  inFlight: number;
  queued: number;
}

export interface Scheduler {
  stats(): SchedulerStats;
  /** No new probe starts; resolves when those in flight have finished. */
  stop(): Promise<void>;
}

/** Wall-clock milliseconds that never go backwards (a monotonic clock anchored at process start). */
export const monotonicNow = () => performance.timeOrigin + performance.now();

/** FNV-1a: a cheap, stable hash of the endpoint's name. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Where in each interval this endpoint fires, in ms after the interval's start (epoch-aligned). */
export function phaseOffset(key: string, intervalMs: number): number {
  return hash32(key) % intervalMs;
}

/** The first due time strictly after `now`. */
export function nextDue(key: string, intervalMs: number, now: number): number {
  const offset = phaseOffset(key, intervalMs);
  return Math.floor((now - offset) / intervalMs) * intervalMs + offset + intervalMs;
}

interface Entry<T> {
  item: ScheduleItem<T>;
  due: number;
  running: boolean;
}

class DueHeap<T> {
  private readonly a: Array<Entry<T>> = [];
  get size() { return this.a.length; }
  peek(): Entry<T> | undefined { return this.a[0]; }
  push(e: Entry<T>): void {
    const a = this.a;
    a.push(e);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p]!.due <= a[i]!.due) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): Entry<T> | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.due < a[m]!.due) m = l;
        if (r < a.length && a[r]!.due < a[m]!.due) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

export function createScheduler<T>(opts: {
  items: ReadonlyArray<ScheduleItem<T>>;
  run: (item: ScheduleItem<T>, dueAt: number) => Promise<void>;
  concurrency: number;
  clock?: () => number;
  /** Ticks of this item passed while the process could not run them (it was paused). */
  onMissed?: (item: ScheduleItem<T>, ticks: number) => void;
}): Scheduler {
  const clock = opts.clock ?? monotonicNow;
  const heap = new DueHeap<T>();
  const waiting: Array<{ entry: Entry<T>; due: number }> = [];
  const stats = { started: 0, skippedBusy: 0, missed: 0, inFlight: 0 };
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const start0 = clock();
  for (const item of opts.items) heap.push({ item, due: nextDue(item.key, item.intervalMs, start0), running: false });

  function launch(entry: Entry<T>, due: number): void {
    entry.running = true;
    stats.started++;
    stats.inFlight++;
    const p = opts.run(entry.item, due).catch(() => {}).finally(() => {
      entry.running = false;
      stats.inFlight--;
      inFlight.delete(p);
      const next = waiting.shift();
      if (next && !stopped) launch(next.entry, next.due);
    });
    inFlight.add(p);
  }

  function fire(): void {
    timer = null;
    if (stopped) return;
    const now = clock();
    for (let top = heap.peek(); top && top.due <= now; top = heap.peek()) {
      const entry = heap.pop()!;
      const due = entry.due;
      if (entry.running) stats.skippedBusy++;
      else if (stats.inFlight < opts.concurrency) launch(entry, due);
      else {
        entry.running = true; // queued counts as busy: a second tick of it must not queue again
        waiting.push({ entry, due });
      }
      // The next tick; ticks that fell inside a pause are counted and not replayed.
      let next = due + entry.item.intervalMs;
      if (next <= now) {
        const behind = Math.floor((now - next) / entry.item.intervalMs) + 1;
        stats.missed += behind;
        next += behind * entry.item.intervalMs;
        opts.onMissed?.(entry.item, behind);
      }
      entry.due = next;
      heap.push(entry);
    }
    arm();
  }

  function arm(): void {
    const top = heap.peek();
    if (!top || stopped) return;
    // Timers are capped at ~24.8 days; a long wait is simply re-armed.
    timer = setTimeout(fire, Math.min(Math.max(0, top.due - clock()), 2 ** 30));
  }

  arm();

  return {
    stats: () => ({ ...stats, queued: waiting.length }),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      waiting.length = 0;
      await Promise.allSettled([...inFlight]);
    },
  };
}
