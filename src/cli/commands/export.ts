import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXPORT_FORMATS, exportTables, writeExport, type ExportFormat } from '../../report/exports.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { periodOption } from '../periods.ts';
import { COMMAND_DESCRIPTIONS } from './index.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(COMMAND_DESCRIPTIONS['export'])
    .option('--period <YYYY-MM>', 'the month (default: last month)')
    .option('--format <format>', 'csv (one file per table), xlsx (one sheet per table) or json', 'xlsx')
    .option('--out <dir>', 'directory to write into', 'exports')
    .action(async (opts: { period?: string; format: string; out: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const period = periodOption(opts.period, new Date());
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format "${opts.format}" is not supported. Fix: use --format csv, --format xlsx or --format json`);
      const { loaded, db } = openContext(globals, { reads: 'all' });
      let tables;
      try {
        tables = exportTables(db, loaded, period, lang, new Date());
      } finally {
        db.close();
      }
      const dir = resolve(opts.out);
      mkdirSync(dir, { recursive: true });
      for (const file of await writeExport(tables, opts.format as ExportFormat, dir, `dvc-monitor-${period}`)) process.stdout.write(`${file}\n`);
    });
}
