import type { Command } from 'commander';
import { httpClientFor } from '../../http/for-config.ts';
import { runMeasurement, type RunSummary } from '../../run/nightly.ts';
import type { Db } from '../../../storage/db.ts';
import type { LoadedConfig } from '../../config/load.ts';
import type { Logger } from '../../log.ts';
import { langOf, loggerOf, openContext, type GlobalOptions } from '../context.ts';
import { EXIT } from '../errors.ts';
import { periodsToCollect, type PeriodOptions } from '../periods.ts';
import { createProgress } from '../progress.ts';
import { renderAlertOutcome, renderRunSummary } from '../render.ts';
import { alertsAfterRun } from '../../alerts/after-run.ts';
import { COMMAND_DESCRIPTIONS } from './index.ts';

/** Runs the measurement with the config's HTTP limits and a progress bar on terminals. */
export async function measure(args: { db: Db; loaded: LoadedConfig; periods: string[]; log: Logger; trigger: string; fresh?: boolean; fullChecks?: boolean }): Promise<RunSummary> {
  const http = httpClientFor(args.loaded.config.http);
  const progress = createProgress();
  try {
    return await runMeasurement({
      db: args.db, loaded: args.loaded, plan: { periods: args.periods }, http, log: args.log, trigger: args.trigger, fresh: args.fresh, fullChecks: args.fullChecks,
      onProgress: (p) => progress.update(p.done, p.total, p.job.key),
    });
  } finally {
    progress.stop();
    await http.close();
  }
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description(COMMAND_DESCRIPTIONS['run'])
    .option('--period <YYYY-MM>', 'collect this month only')
    .option('--from <YYYY-MM>', 'first month to collect')
    .option('--to <YYYY-MM>', 'last month to collect (default: this month)')
    .option('--backfill', 'collect every month from schedule.backfillFrom to this month')
    .option('--fresh', 'abandon an interrupted run instead of resuming it')
    .option('--full-checks', 'check every page in full, reusing no accessibility evidence of unchanged pages (default: reused up to checks.fullRecheckEvery)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: PeriodOptions & { fresh?: boolean; fullChecks?: boolean; json?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const log = loggerOf(globals, Boolean(process.stderr.isTTY));
      let periods: string[] = [];
      const { loaded, db } = openContext(globals, { beforeStore: (l) => { periods = periodsToCollect(opts, l.config.schedule, new Date()); } });
      try {
        const summary = await measure({ db, loaded, periods, log, trigger: 'cli', fresh: opts.fresh, fullChecks: opts.fullChecks });
        const alerts = summary.status === 'interrupted' ? null : await alertsAfterRun(db, loaded, log);
        process.stdout.write(`${opts.json ? JSON.stringify({ ...summary, alerts }, null, 2) : [renderRunSummary(summary, lang), alerts && renderAlertOutcome(alerts, lang)].filter(Boolean).join('\n')}\n`);
        // A killed run finished first counts too: its failures are this command's failures.
        const statuses = [summary.status, summary.previous?.status];
        process.exitCode = summary.pendingPlan || statuses.some((s) => s === 'failed' || s === 'interrupted') ? EXIT.jobFailed : EXIT.ok;
      } finally {
        db.close();
      }
    });
}
