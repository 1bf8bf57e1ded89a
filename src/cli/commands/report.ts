import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readBody, snapshotsOfPeriod } from '../../../storage/evidence.ts';
import { refreshRollups } from '../../../storage/uptime.ts';
import { buildBundle, citedPageEvidence, type BundleInput } from '../../report/bundle.ts';
import { buildReportModel, NothingToReportError, ReportInputError, reportDate, type ReportModel } from '../../report/model.ts';
import { htmlToPdf } from '../../report/pdf.ts';
import { renderReport } from '../../report/render.ts';
import { isStoreBusy } from '../../uptime/recorder.ts';
import { localIsoWithOffset } from '../../time/period.ts';
import { TOOL_VERSION } from '../../version.ts';
import type { Db } from '../../../storage/db.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { currentCliLang, EXIT, UsageError } from '../errors.ts';
import { DEFAULT_LANG } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { periodOption } from '../periods.ts';
import { describeCommand, helpText } from './index.ts';

/** A blob the report cites is missing from the store, or no longer matches its hash. */
class EvidenceMissingError extends Error {
  constructor(sha256: string) {
    super(msg(currentCliLang(), 'error.report.evidenceMissing', { sha: sha256 }));
    this.name = 'EvidenceMissingError';
  }
}

function blobOf(db: Db, sha256: string): Buffer {
  const b = readBody(db, sha256);
  if (!b || !b.intact) throw new EvidenceMissingError(sha256);
  return b.body;
}

/** Everything the bundle holds from the store, read while it is open. */
function bundleEvidence(db: Db, model: ReportModel): Pick<BundleInput, 'pageEvidence' | 'payloads'> {
  // An agency's report cites the payloads of its own figures (a merged province's: its former ones').
  const agencyCodes = model.agency && model.agency.level !== 'block' ? [model.agency.agencyCode, ...model.agency.constituents] : undefined;
  return {
    pageEvidence: [...citedPageEvidence(model)].map(([sha256, about]) => ({ sha256, about, body: blobOf(db, sha256) })),
    payloads: snapshotsOfPeriod(db, model.period, agencyCodes).map((snapshot) => ({ snapshot, body: blobOf(db, snapshot.sha256) })),
  };
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(describeCommand('report'))
    .option('--period <YYYY-MM>', helpText('cli.option.period.lastMonth'))
    .option('--agency <code>', helpText('cli.report.agency'))
    .option('--out <dir>', helpText('cli.option.out.dir'), 'reports')
    .option('--pdf', helpText('cli.report.pdf'))
    .option('--bundle', helpText('cli.report.bundle'))
    .action(async (opts: { period?: string; agency?: string; out: string; pdf?: boolean; bundle?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const period = periodOption(opts.period, new Date());
      const now = new Date();
      const { loaded, db } = openContext(globals, { reads: 'all' });
      let htmlText: string;
      let model: ReportModel;
      let evidence: Pick<BundleInput, 'pageEvidence' | 'payloads'> | null = null;
      try {
        // Probes since the last rollup count too; a busy prober only costs the last few minutes.
        try {
          refreshRollups(db);
        } catch (err) {
          if (!isStoreBusy(err)) throw err;
        }
        model = buildReportModel(db, loaded, { period, lang, now, ...(opts.agency === undefined ? {} : { agencyCode: opts.agency }) });
        htmlText = renderReport(model);
        if (opts.bundle) evidence = bundleEvidence(db, model);
      } catch (err) {
        if (err instanceof ReportInputError) throw new UsageError({ text: err.message });
        if (err instanceof NothingToReportError || err instanceof EvidenceMissingError) {
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
      const base = `bao-cao-${period}${opts.agency ? `-${opts.agency.replace(/[^A-Za-z0-9]+/g, '-')}` : ''}${lang === DEFAULT_LANG ? '' : `-${lang}`}`;
      const htmlPath = join(dir, `${base}.html`);
      writeFileSync(htmlPath, htmlText);
      process.stdout.write(`${htmlPath}\n`);
      const pdf = opts.pdf || opts.bundle ? await htmlToPdf(htmlText, { lang, date: reportDate(now) }) : null;
      if (pdf && opts.pdf) {
        const pdfPath = join(dir, `${base}.pdf`);
        writeFileSync(pdfPath, pdf);
        process.stdout.write(`${pdfPath}\n`);
      }
      if (evidence) {
        const zip = await buildBundle({
          base, html: htmlText, pdf, ...evidence,
          // JSON a person may read: local time, ISO 8601 with its offset (+07:00).
          manifest: { tool: TOOL_VERSION, period, agency: opts.agency ?? null, generatedAt: localIsoWithOffset(new Date(model.generatedAt)) },
        });
        const zipPath = join(dir, `${base}.zip`);
        writeFileSync(zipPath, zip);
        process.stdout.write(`${zipPath}\n`);
      }
    });
}
