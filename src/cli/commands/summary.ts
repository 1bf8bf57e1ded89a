import type { Command } from 'commander';
import { summaryFromStore } from '../../kpi/from-store.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { periodOption } from '../periods.ts';
import { renderNationalSummary } from '../render.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';


export function registerSummary(program: Command): void {
  withFormat(program
    .command('summary')
    .description(describeCommand('summary')), ['table', 'json'])
    .option('--period <YYYY-MM>', helpText('cli.option.period.lastMonth'))
    .option('--top <N>', helpText('cli.summary.top'), '5')
    .action((opts: FormatOptions & { period?: string; top: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const period = periodOption(opts.period, new Date());
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1 || top > 34) throw new UsageError('error.summary.top', { value: opts.top });
      const format = outputFormat(opts, ['table', 'json']);
      const { loaded, db } = openContext(globals, { reads: 'measures' });
      try {
        const summary = summaryFromStore(db, loaded, period, new Date(), top);
        process.stdout.write(`${format === 'json' ? JSON.stringify(summary, null, 2) : renderNationalSummary(summary, lang)}\n`);
      } finally {
        db.close();
      }
    });
}
