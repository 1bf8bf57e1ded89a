import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildReportModel, NothingToReportError, ReportInputError } from '../../report/model.ts';
import { htmlToPdf } from '../../report/pdf.ts';
import { renderReport } from '../../report/render.ts';
import { refreshRollups } from '../../../storage/uptime.ts';
import { isStoreBusy } from '../../uptime/recorder.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { periodOption } from '../periods.ts';
import { COMMAND_DESCRIPTIONS } from './index.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(COMMAND_DESCRIPTIONS['report'])
    .option('--period <YYYY-MM>', 'the month (default: last month)')
    .option('--agency <code>', 'only this agency, e.g. tinh:01, bo:BCT')
    .option('--out <dir>', 'directory to write into', 'reports')
    .option('--pdf', 'also print the report to PDF with Chromium')
    .action(async (opts: { period?: string; agency?: string; out: string; pdf?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const period = periodOption(opts.period, new Date());
      const { loaded, db } = openContext(globals, { reads: 'all' });
      let htmlText: string;
      try {
        // Probes since the last rollup count too; a busy prober only costs the last few minutes.
        try {
          refreshRollups(db);
        } catch (err) {
          if (!isStoreBusy(err)) throw err;
        }
        const model = buildReportModel(db, loaded, { period, lang, now: new Date(), ...(opts.agency === undefined ? {} : { agencyCode: opts.agency }) });
        htmlText = renderReport(model);
      } catch (err) {
        if (err instanceof ReportInputError) throw new UsageError(err.message);
        if (err instanceof NothingToReportError) {
          process.stderr.write(`${err.message}\n`);
          process.exitCode = EXIT.jobFailed;
          return;
        }
        throw err;
      } finally {
        db.close();
      }
      const dir = resolve(opts.out);
      mkdirSync(dir, { recursive: true });
      const base = `bao-cao-${period}${opts.agency ? `-${opts.agency.replace(/[^A-Za-z0-9]+/g, '-')}` : ''}${lang === 'en' ? '-en' : ''}`;
      const htmlPath = join(dir, `${base}.html`);
      writeFileSync(htmlPath, htmlText);
      process.stdout.write(`${htmlPath}\n`);
      if (opts.pdf) {
        const pdfPath = join(dir, `${base}.pdf`);
        await htmlToPdf(htmlText, pdfPath);
        process.stdout.write(`${pdfPath}\n`);
      }
    });
}
