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
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';
import type { Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';

/** An argument as a POSIX shell reads it back. */
const shellWord = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** The command that resumes this run: the same one, as it was typed (a run resumes only its own plan). */
export const resumeCommand = (argv: readonly string[] = process.argv) => ['dvc-monitor', ...argv.slice(2)].map(shellWord).join(' ');

/**
 * Runs the measurement with the config's HTTP limits and a progress bar on terminals. Ctrl+C
 * stops it between jobs (the job in hand finishes, the others stay pending and the run is
 * resumed by the same command, which is printed); a second Ctrl+C ends the process at once.
 */
export async function measure(args: { db: Db; loaded: LoadedConfig; periods: string[]; log: Logger; trigger: string; lang: Lang; fresh?: boolean; fullChecks?: boolean }): Promise<RunSummary> {
  const http = httpClientFor(args.loaded.config.http);
  const progress = createProgress({ lang: args.lang });
  const stopping = new AbortController();
  const onInterrupt = () => {
    progress.stop();
    if (stopping.signal.aborted) process.exit(EXIT.jobFailed);
    process.stderr.write(`${msg(args.lang, 'cli.run.stopping', { command: resumeCommand() })}\n`);
    stopping.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await runMeasurement({
      db: args.db, loaded: args.loaded, plan: { periods: args.periods }, http, log: args.log, trigger: args.trigger, fresh: args.fresh, fullChecks: args.fullChecks,
      signal: stopping.signal,
      onProgress: (p) => progress.update(p.done, p.total, p.job.key),
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.stop();
    await http.close();
  }
}

export function registerRun(program: Command): void {
  withFormat(program
    .command('run')
    .description(describeCommand('run')), ['table', 'json'])
    .option('--period <YYYY-MM>', helpText('cli.run.period'))
    .option('--from <YYYY-MM>', helpText('cli.run.from'))
    .option('--to <YYYY-MM>', helpText('cli.run.to'))
    .option('--backfill', helpText('cli.run.backfill'))
    .option('--fresh', helpText('cli.run.fresh'))
    .option('--full-checks', helpText('cli.run.fullChecks'))
    .action(async (opts: PeriodOptions & FormatOptions & { fresh?: boolean; fullChecks?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const format = outputFormat(opts, ['table', 'json']);
      const lang = langOf(globals);
      const log = loggerOf(globals, Boolean(process.stderr.isTTY));
      let periods: string[] = [];
      const { loaded, db } = openContext(globals, { beforeStore: (l) => { periods = periodsToCollect(opts, l.config.schedule, new Date()); } });
      try {
        const summary = await measure({ db, loaded, periods, log, trigger: 'cli', lang, fresh: opts.fresh, fullChecks: opts.fullChecks });
        const alerts = summary.status === 'interrupted' ? null : await alertsAfterRun(db, loaded, log);
        const resume = summary.status === 'interrupted' ? msg(lang, 'cli.run.resume', { command: resumeCommand() }) : null;
        process.stdout.write(`${format === 'json' ? JSON.stringify({ ...summary, alerts, ...(resume ? { resumeCommand: resumeCommand() } : {}) }, null, 2) : [renderRunSummary(summary, lang), alerts && renderAlertOutcome(alerts, lang), resume].filter(Boolean).join('\n')}\n`);
        // A killed run finished first counts too: its failures are this command's failures.
        const statuses = [summary.status, summary.previous?.status];
        process.exitCode = summary.pendingPlan || statuses.some((s) => s === 'failed' || s === 'interrupted') ? EXIT.jobFailed : EXIT.ok;
      } finally {
        db.close();
      }
    });
}
