import type { Command } from 'commander';
import type { Db } from '../../../storage/db.ts';
import {
  dailyRollups, incidentsBetween, latestProbes, listEndpoints, maintenanceBetween, refreshRollups,
} from '../../../storage/uptime.ts';
import type { Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { isStoreBusy } from '../../uptime/recorder.ts';
import { utcBoundsOfLocalDate } from '../../uptime/rollup.ts';
import { buildUptimeReport, type UptimeReport } from '../../uptime/report.ts';
import { gapsBetween, latestLocationResults, locationDays, partialDays } from '../../../storage/scale.ts';
import { currentMonth, isMonthPeriod, lastDay, localDate } from '../../time/period.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { renderUptimeCsv, renderUptimeTable } from '../render-uptime.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** YYYY-MM-DD, or YYYY-MM for the month's first (as --from) or last (as --to) day. */
function parseDateOption(value: string, option: '--from' | '--to'): string {
  if (isMonthPeriod(value)) return option === '--from' ? `${value}-01` : lastDay(value);
  if (DATE_RE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
  throw new UsageError('error.date.notDate', { option, value });
}

/** `daily`: where the daily rollups are read (the dashboard keeps closed days in memory: src/uptime/closed-days.ts). */
export function uptimeReportFromStore(db: Db, opts: { portalId?: string; from: string; to: string; now: Date; lang: Lang; dailyFigures?: boolean; daily?: typeof dailyRollups }): UptimeReport {
  const all = listEndpoints(db, { includeDisabled: true, ...(opts.portalId === undefined ? {} : { portalId: opts.portalId }) });
  const rangeStart = utcBoundsOfLocalDate(opts.from).from;
  const rangeEnd = utcBoundsOfLocalDate(opts.to).to;
  const days = (opts.daily ?? dailyRollups)(db, all.map((e) => e.id), opts.from, opts.to);
  // Endpoints removed from the configuration still show, for the ranges in which they were probed.
  const endpoints = all.filter((e) => e.enabled || days.some((d) => d.endpointId === e.id));
  const ids = endpoints.map((e) => e.id);
  return buildUptimeReport({
    from: opts.from, to: opts.to, rangeStart, rangeEnd, now: opts.now, endpoints, lang: opts.lang,
    days,
    incidents: incidentsBetween(db, rangeStart, rangeEnd, ids),
    maintenance: maintenanceBetween(db, rangeStart, rangeEnd, opts.portalId),
    latest: latestProbes(db, ids),
    ...(opts.dailyFigures === undefined ? {} : { dailyFigures: opts.dailyFigures }),
    locationDays: locationDays(db, ids, opts.from, opts.to),
    latestLocations: latestLocationResults(db, ids),
    partialDays: partialDays(db, ids, opts.from, opts.to),
    gaps: gapsBetween(db, rangeStart, rangeEnd),
  });
}

export function registerUptime(program: Command): void {
  withFormat(program
    .command('uptime')
    .description(describeCommand('uptime')), ['table', 'json', 'csv'])
    .option('--portal <id>', helpText('cli.uptime.portal'))
    .option('--from <date>', helpText('cli.uptime.from'))
    .option('--to <date>', helpText('cli.uptime.to'))
    .action((opts: FormatOptions & { portal?: string; from?: string; to?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const format = outputFormat(opts, ['table', 'json', 'csv']);
      const now = new Date();
      const today = localDate(now);
      const from = opts.from ? parseDateOption(opts.from, '--from') : `${currentMonth(now)}-01`;
      const to = opts.to ? parseDateOption(opts.to, '--to') : today;
      if (from > to) throw new UsageError('error.range.reversed', { from, to });
      const { db } = openContext(globals, { reads: 'uptime' });
      try {
        if (opts.portal !== undefined) {
          const known = [...new Set(listEndpoints(db, { includeDisabled: true }).map((e) => e.portalId))];
          if (!known.includes(opts.portal)) {
            throw known.length ? new UsageError('error.uptime.unknownPortal', { value: opts.portal, known: known.join(', ') }) : new UsageError('error.uptime.nothingProbed', { value: opts.portal });
          }
        }
        try {
          refreshRollups(db);
        } catch (err) {
          if (!isStoreBusy(err)) throw err;
          process.stderr.write(msg(lang, 'cli.uptime.storeBusy'));
        }
        const report = uptimeReportFromStore(db, { ...(opts.portal === undefined ? {} : { portalId: opts.portal }), from, to, now, lang });
        const text = format === 'json' ? JSON.stringify(report, null, 2) : format === 'csv' ? renderUptimeCsv(report, lang) : renderUptimeTable(report, lang);
        process.stdout.write(`${text}\n`);
      } finally {
        db.close();
      }
    });
}
