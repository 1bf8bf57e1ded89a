// A nightly run's check job: one portal checked, its results and evidence stored together with
// the job's "succeeded" mark. Pages the scanner could not visit are `error` results inside a
// succeeded job; only a checker that cannot work at all (no browser) fails the job, and that
// never touches the run's collection jobs.
import { reusableAccessibility, saveCheck } from '../../storage/checks.ts';
import type { Db } from '../../storage/db.ts';
import { completeJob, markJobFailed, markJobRunning, type JobRow } from '../../storage/runs.ts';
import type { JobSpec } from '../run/job.ts';
import type { Config, PortalConfig } from '../config/schema.ts';
import type { JobOutcome } from '../run/execute-job.ts';
import { JobDeadlineError, withDeadline } from '../run/deadline.ts';
import { targetOfPortal, type Checker, type CheckSettings, type CheckTarget, type PreviousLookup } from './checker.ts';
import { parseRecheckPeriod } from './incremental.ts';

/**
 * Where a check finds its pages' last complete accessibility evidence (incremental.ts): the
 * store, back to checks.fullRecheckEvery. Nothing when `full` is asked or the period is "0".
 */
export function previousFromStore(db: Db, portalId: string | null, settings: Pick<CheckSettings, 'fullRecheckEvery'>, now: Date, full = false): PreviousLookup | undefined {
  const period = parseRecheckPeriod(settings.fullRecheckEvery);
  if (full || !period) return undefined;
  const since = new Date(now.getTime() - period);
  return ({ url }) => reusableAccessibility(db, { portalId, url, since });
}

export function planCheckJobs(config: Config): JobSpec[] {
  if (!config.checks?.enabled) return [];
  return config.portals.filter((p) => p.enabled).map((p) => ({
    key: `check/${p.id}`, kind: 'check', sourceId: null, portalId: p.id, period: null, params: { areas: config.checks!.areas },
  }));
}

/** Each page a check may visit (home, key pages, policy, statement) at its full budget: loading, analysis, closing. */
export function checkJobDeadlineMs(target: CheckTarget, settings: Pick<CheckSettings, 'pageTimeoutMs'>): number {
  return (target.pages.length + 3) * (settings.pageTimeoutMs + 80_000);
}

export async function executeCheckJob(deps: {
  db: Db;
  /** Made on first use, so that a run without check jobs never looks for a browser. */
  checker: () => Checker;
  portal: PortalConfig | undefined;
  job: JobRow;
  now: () => Date;
  /** Every page in full: no accessibility evidence reused. */
  full?: boolean;
}): Promise<JobOutcome> {
  const { db, portal, job, now } = deps;
  markJobRunning(db, job.id, now());
  const fail = (reason: string, message: string): JobOutcome => {
    markJobFailed(db, job.id, { reason, message }, now());
    return { status: 'failed', failureReason: reason, failureMessage: message, measuresChanged: 0, notes: 0 };
  };
  if (!portal) return fail('portal_removed', `portal ${job.portalId} is no longer in the configuration`);
  let checker: Checker;
  try {
    checker = deps.checker();
  } catch (err) {
    return fail('browser_unavailable', (err as Error).message);
  }
  try {
    const target = targetOfPortal(portal);
    // A backstop: every visit has its own deadlines (load, analysis, closing); a check that still
    // outlives all of them together is recorded as timeout and its late result is never stored.
    return await withDeadline(checkJobDeadlineMs(target, checker.settings), async (signal) => {
      const check = await checker.checkPortal(target, {
        areas: job.params.areas as Array<'privacy' | 'accessibility'>, now, previous: previousFromStore(db, portal.id, checker.settings, now(), deps.full),
      });
      signal.throwIfAborted();
      db.transaction(() => {
        saveCheck(db, { runId: job.runId, jobId: job.id, check });
        completeJob(db, job, [], [], now());
      })();
      const errors = check.visits.filter((v) => v.evidence.error).length;
      return { status: 'succeeded', measuresChanged: 0, notes: errors };
    });
  } catch (err) {
    if (err instanceof JobDeadlineError) return fail(err.reason, err.message);
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_')) return fail('store_error', `${code}: ${(err as Error).message}`);
    return fail('scanner_error', (err as Error)?.stack ?? String(err));
  }
}
