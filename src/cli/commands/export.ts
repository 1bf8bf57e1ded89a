import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportProvenance, exportTables } from '../../report/exports.ts';
import { EXPORT_FORMATS, writeExport, type CsvStyle, type ExportFormat } from '../../report/export-write.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { periodOption } from '../periods.ts';
import { describeCommand, helpText } from './index.ts';

interface ExportOptions {
  period?: string;
  format: string;
  out: string;
  delimiter?: string;
  excel?: boolean;
}

const DELIMITERS: Record<string, CsvStyle['delimiter']> = { ',': ',', comma: ',', ';': ';', semicolon: ';' };

/** The CSV shape asked for; refused when it names something else, or when the format is not CSV. */
export function csvStyle(opts: ExportOptions): CsvStyle {
  if (opts.format !== 'csv' && (opts.excel || opts.delimiter !== undefined)) {
    const given = opts.excel ? '--excel' : `--delimiter "${opts.delimiter}"`;
    throw new UsageError('error.export.csvOnly', { given, format: opts.format, option: opts.excel ? '--excel' : '--delimiter' });
  }
  const delimiter = opts.delimiter === undefined ? undefined : DELIMITERS[opts.delimiter];
  if (opts.delimiter !== undefined && delimiter === undefined) throw new UsageError('error.export.delimiter', { value: opts.delimiter });
  if (opts.excel) {
    if (delimiter === ',') throw new UsageError('error.export.excelComma');
    return { delimiter: ';', decimalComma: true };
  }
  return { delimiter: delimiter ?? ',', decimalComma: false };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(describeCommand('export'))
    .option('--period <YYYY-MM>', helpText('cli.option.period.lastMonth'))
    .option('--format <format>', helpText('cli.export.format'), 'xlsx')
    .option('--delimiter <char>', helpText('cli.export.delimiter'))
    .option('--excel', helpText('cli.export.excel'))
    .option('--out <dir>', helpText('cli.option.out.dir'), 'exports')
    .action(async (opts: ExportOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const now = new Date();
      const period = periodOption(opts.period, now);
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError('error.export.format', { value: opts.format });
      const csv = csvStyle(opts);
      const { loaded, db } = openContext(globals, { reads: 'all' });
      let tables;
      let provenance;
      try {
        tables = exportTables(db, loaded, period, lang, now);
        provenance = exportProvenance(db, loaded, period, now, tables);
      } finally {
        db.close();
      }
      const dir = resolve(opts.out);
      mkdirSync(dir, { recursive: true });
      const files = await writeExport(tables, { format: opts.format as ExportFormat, dir, base: `dvc-monitor-${period}`, lang, period, generatedAt: now, provenance, csv });
      for (const file of files) process.stdout.write(`${file}\n`);
    });
}
