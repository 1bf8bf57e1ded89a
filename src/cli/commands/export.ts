import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportProvenance, exportTables } from '../../report/exports.ts';
import { EXPORT_FORMATS, writeExport, type CsvStyle, type ExportFormat } from '../../report/export-write.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { periodOption } from '../periods.ts';
import { describeCommand } from './index.ts';

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
    throw new UsageError(`${given} shapes CSV files, and --format is ${opts.format}. Fix: add --format csv, or leave ${opts.excel ? '--excel' : '--delimiter'} out (the XLSX opens in Excel as it is)`);
  }
  const delimiter = opts.delimiter === undefined ? undefined : DELIMITERS[opts.delimiter];
  if (opts.delimiter !== undefined && delimiter === undefined) throw new UsageError(`--delimiter "${opts.delimiter}" is not supported. Fix: use --delimiter "," or --delimiter ";" (or --excel for ";" with decimal commas)`);
  if (opts.excel) {
    if (delimiter === ',') throw new UsageError('--excel writes ";" between fields (the decimal comma needs it) and --delimiter is ",". Fix: leave --delimiter out, or leave --excel out');
    return { delimiter: ';', decimalComma: true };
  }
  return { delimiter: delimiter ?? ',', decimalComma: false };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(describeCommand('export'))
    .option('--period <YYYY-MM>', 'the month (default: last month)')
    .option('--format <format>', 'xlsx (a sheet per table, a data dictionary and provenance), csv (a UTF-8 file per table, with BOM) or json (with its dictionary and JSON Schema)', 'xlsx')
    .option('--delimiter <char>', 'CSV field separator: "," (default) or ";"')
    .option('--excel', 'CSV for Excel set to Vietnamese: ";" between fields and a decimal comma')
    .option('--out <dir>', 'directory to write into', 'exports')
    .action(async (opts: ExportOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const now = new Date();
      const period = periodOption(opts.period, now);
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format "${opts.format}" is not supported. Fix: use --format xlsx, --format csv or --format json`);
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
