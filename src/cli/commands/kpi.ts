import type { Command } from 'commander';
import { openFlags } from '../../../storage/quality.ts';
import { ALL_KPIS } from '../../kpi/definitions.ts';
import { overviewFromStore } from '../../kpi/from-store.ts';
import type { Lang } from '../../i18n.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { periodOption } from '../periods.ts';
import { renderAgencyDetail, overviewCsv, renderOverview } from '../render-kpi.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';

const LEVELS = ['ministry', 'province', 'commune'] as const;
type Level = (typeof LEVELS)[number];

export function registerKpi(program: Command): void {
  withFormat(program
    .command('kpi')
    .description(describeCommand('kpi')), ['table', 'json', 'csv'])
    .option('--period <YYYY-MM>', helpText('cli.option.period.lastMonth'))
    .option('--agency <code>', helpText('cli.kpi.agency'))
    .option('--level <level>', helpText('cli.kpi.level'))
    .action((opts: FormatOptions & { period?: string; agency?: string; level?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const period = periodOption(opts.period, new Date());
      if (opts.level !== undefined && !(LEVELS as readonly string[]).includes(opts.level)) {
        throw new UsageError('error.kpi.level', { value: opts.level });
      }
      const format = outputFormat(opts, ['table', 'json', 'csv']);
      const { loaded, db } = openContext(globals, { reads: 'measures' });
      try {
        const overview = overviewFromStore(db, loaded, period, new Date(), lang);
        const everyone = [...overview.aggregates, ...overview.agencies];
        if (opts.agency !== undefined) {
          const agency = everyone.find((a) => a.agencyCode === opts.agency);
          if (!agency) {
            const known = loaded.agencies.find((a) => a.code === opts.agency);
            throw known
              ? new UsageError('error.agency.noSuccessor', { value: opts.agency, name: known.name, period })
              : new UsageError('error.agency.unknown', { value: opts.agency });
          }
          const flags = openFlags(db, { period, agencyCode: opts.agency });
          if (format === 'json') process.stdout.write(`${JSON.stringify({ period, ...agency, flags }, null, 2)}\n`);
          else if (format === 'csv') process.stdout.write(overviewCsv([agency], period));
          else {
            const rankedCount = new Map(ALL_KPIS.map((k) => [k.id, overview.agencies.filter((a) => a.level === agency.level && a.kpis[k.id]!.rank !== null).length]));
            process.stdout.write(`${renderAgencyDetail(agency, period, lang, flags, rankedCount)}\n`);
          }
          return;
        }
        const levels: Level[] = opts.level ? [opts.level as Level] : ['ministry', 'province'];
        const rows = overview.agencies.filter((a) => (levels as string[]).includes(a.level));
        if (format === 'json') process.stdout.write(`${JSON.stringify({ period, aggregates: overview.aggregates, agencies: rows }, null, 2)}\n`);
        else if (format === 'csv') process.stdout.write(overviewCsv([...overview.aggregates, ...rows], period));
        else process.stdout.write(`${renderOverview(overview, lang, openFlags(db, { period }), levels)}\n`);
      } finally {
        db.close();
      }
    });
}
