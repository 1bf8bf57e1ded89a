// Every job of a run ends by a hard deadline, whatever the portal does: a page whose script never
// stops, a request that never completes. At the deadline the job's signal aborts, so the work
// kills what it started (the browser context, the HTTP request); the job is recorded as
// `timeout` and the run goes on, even if the work ignores the signal.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceConfig } from '../config/schema.ts';

/** How long work that was told to stop gets to let go of what it holds before the job moves on. */
export const STOP_GRACE_MS = 10_000;

/** Browser pages: loading and waiting (the source's timeoutMs) plus launching, reading and closing. */
const BROWSER_MARGIN_MS = 30_000;
const DEFAULT_JOB_TIMEOUT_MS = 10 * 60_000;

export class JobDeadlineError extends Error {
  readonly reason = 'timeout';
  constructor(readonly deadlineMs: number) {
    super(`the job passed its hard deadline of ${Math.round(deadlineMs / 1000)} s and was stopped (its browser page or request killed)`);
    this.name = 'JobDeadlineError';
  }
}

/** A collection job's deadline: the source's jobTimeoutMs, or a default from its kind. */
export function jobDeadlineMs(source: SourceConfig): number {
  if (source.jobTimeoutMs !== undefined) return source.jobTimeoutMs;
  if (source.kind === 'html-page' && source.render === 'browser') return source.timeoutMs + BROWSER_MARGIN_MS;
  return DEFAULT_JOB_TIMEOUT_MS;
}

/**
 * Runs `work` with a signal that aborts at `deadlineMs`. Settles with the work's outcome, or with
 * a JobDeadlineError once the deadline passed and the work either stopped or had STOP_GRACE_MS
 * to do so: a job never outlives its deadline by more than the grace.
 */
export async function withDeadline<T>(deadlineMs: number, work: (signal: AbortSignal) => Promise<T>, graceMs = STOP_GRACE_MS): Promise<T> {
  const controller = new AbortController();
  const expired = new JobDeadlineError(deadlineMs);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(expired);
      resolve('deadline');
    }, deadlineMs);
  });
  const running = work(controller.signal);
  try {
    // Work that finished is its outcome, even if the deadline passed meanwhile (it committed first).
    const first = await Promise.race([running, deadline]);
    if (first !== 'deadline') return first as T;
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
  }
  // Past the deadline: wait (bounded) for the work to let go of what it started, then give up on it.
  await Promise.race([running.then(() => undefined, () => undefined), sleep(graceMs, undefined, { ref: false })]);
  throw expired;
}
