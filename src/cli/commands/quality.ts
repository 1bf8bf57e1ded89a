import type { Command } from 'commander';
import { openFlags } from '../../../storage/quality.ts';
import { listQuarantine, type QuarantineRow } from '../../../storage/quarantine.ts';
import { formatMonthLabel, type Lang } from '../../i18n.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import { describeBreach, describeHeld, ruleOf, type Facts } from '../../quality/plausibility.ts';
import { QUARANTINE_HEADER, quarantineRecord, releaseQuarantined, ReleaseError } from '../../quality/quarantine.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { month } from '../periods.ts';
import { toCsv } from '../csv.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';
import { FLAG_KINDS, flagKindTitle } from '../../quality/flag-kinds.ts';
import { endReasonText } from '../../quality/quarantine.ts';
import { flagDetail } from '../../quality/flag-detail.ts';
import { localTimeText } from '../../report/local-time.ts';

const STATUS_TITLE = {
  quarantined: 'cli.quality.status.quarantined',
  released: 'cli.quality.status.released',
  confirmed: 'cli.quality.status.confirmed',
  superseded: 'cli.quality.status.superseded',
  cleared: 'cli.quality.status.cleared',
} as const satisfies Record<QuarantineRow['status'], MessageKey>;

/** A quarantine episode's status in the reader's words. */
export const quarantineStatusTitle = (status: QuarantineRow['status'], lang: Lang) => msg(lang, STATUS_TITLE[status]);

const FORMATS = ['table', 'json', 'csv'] as const;

/** One quarantine episode, in the operator's words. */
function quarantineLine(q: QuarantineRow, lang: Lang): string {
  const since = msg(lang, 'cli.quality.since', { at: localTimeText(q.quarantinedAt) });
  const end = q.status === 'quarantined' ? '' : `; ${quarantineStatusTitle(q.status, lang)} ${(q.endedAt ? localTimeText(q.endedAt) : '—')}${q.endedBy ? ` (${q.endedBy})` : ''}: ${q.endReason ? endReasonText(q.endReason, lang) : ''}`;
  return `  ${q.period}  ${describeHeld(q as QuarantineRow & { facts: Facts }, lang)}  [${msg(lang, 'cli.quality.source', { source: q.sourceId ?? '—' })}, ${since}${end}]`;
}


function renderQuarantine(rows: readonly QuarantineRow[], lang: Lang, all: boolean): string[] {
  const held = rows.filter((q) => q.status === 'quarantined').length;
  const lines = [all
    ? msg(lang, 'cli.quality.episodes', { count: rows.length, held })
    : msg(lang, 'cli.quality.held', { count: held })];
  for (const q of rows) lines.push(quarantineLine(q, lang));
  if (held) lines.push(msg(lang, 'cli.quality.releaseHint'));
  return lines;
}

export function registerQuality(program: Command): void {
  const quality = withFormat(program
    .command('quality')
    .description(describeCommand('quality')), FORMATS)
    .option('--period <YYYY-MM>', helpText('cli.option.period.only'))
    .option('--agency <code>', helpText('cli.option.agency.only'))
    .option('--kind <kind>', helpText('cli.quality.kind', { kinds: FLAG_KINDS.join(', ') }))
    .action((opts: FormatOptions & { period?: string; agency?: string; kind?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      if (opts.period !== undefined) month(opts.period, '--period', new Date());
      if (opts.kind !== undefined && !(FLAG_KINDS as readonly string[]).includes(opts.kind)) throw new UsageError('error.quality.kind', { value: opts.kind, kinds: FLAG_KINDS.join(', ') });
      const format = outputFormat(opts, FORMATS);
      const { db } = openContext(globals, { reads: 'measures' });
      try {
        const flags = openFlags(db, { period: opts.period, agencyCode: opts.agency, kind: opts.kind });
        const held = opts.kind === undefined ? listQuarantine(db, { periods: opts.period ? [opts.period] : undefined, agencyCode: opts.agency }) : [];
        if (format === 'json') process.stdout.write(`${JSON.stringify({ quarantined: held, flags }, null, 2)}\n`);
        else if (format === 'csv') {
          process.stdout.write(toCsv(['kind', 'period', 'agency_code', 'metric', 'source_id', 'detail', 'first_seen_at', 'last_seen_at'], [
            ...held.map((q) => ['quarantined', q.period, q.agencyCode, q.metric, q.sourceId, `${q.value}: ${describeBreach(q as QuarantineRow & { facts: Facts }, lang)}`, q.quarantinedAt, q.quarantinedAt]),
            ...flags.map((f) => [f.kind, f.period, f.agencyCode, f.metric, f.sourceId, f.detail, f.firstSeenAt, f.lastSeenAt]),
          ]));
        } else {
          const lines = opts.kind === undefined ? [...renderQuarantine(held, lang, false), ''] : [];
          lines.push(msg(lang, 'cli.quality.openFlags', { count: flags.length }));
          for (const f of flags) {
            lines.push(`  ${f.period ?? '—'}  ${(f.agencyCode ?? f.sourceId ?? '').padEnd(12)} ${flagKindTitle(f.kind, lang).padEnd(24)} ${f.metric ?? ''}  ${flagDetail(f.detail, lang)}`);
          }
          process.stdout.write(`${lines.join('\n')}\n`);
        }
      } finally {
        db.close();
      }
    });

  quality
    .command('quarantined')
    // --period, --agency and --format are quality's own (commander gives the parent the options it knows).
    .description(helpText('cli.quality.quarantined'))
    .option('--all', helpText('cli.quality.all'))
    .action((own: { all?: boolean }, cmd: Command) => {
      const opts = { ...(cmd.parent!.opts() as FormatOptions & { period?: string; agency?: string }), ...own };
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      if (opts.period !== undefined) month(opts.period, '--period', new Date());
      const format = outputFormat(opts, FORMATS);
      const { db } = openContext(globals, { reads: 'measures' });
      try {
        const rows = listQuarantine(db, { periods: opts.period ? [opts.period] : undefined, agencyCode: opts.agency, all: opts.all });
        if (format === 'json') process.stdout.write(`${JSON.stringify(rows.map((q) => ({ ...q, reason: describeBreach(q as QuarantineRow & { facts: Facts }, lang) })), null, 2)}\n`);
        else if (format === 'csv') process.stdout.write(toCsv(QUARANTINE_HEADER, rows.map((q) => quarantineRecord(q, lang))));
        else process.stdout.write(`${renderQuarantine(rows, lang, opts.all ?? false).join('\n')}\n`);
      } finally {
        db.close();
      }
    });

  quality
    .command('release <agency> <metric> <period>')
    .description(helpText('cli.quality.release'))
    .option('--by <name>', helpText('cli.quality.by'))
    .option('--reason <text>', helpText('cli.quality.reason'))
    .action((agency: string, metric: string, period: string, opts: { by?: string; reason?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      month(period, 'period', new Date());
      const by = opts.by?.trim() ?? '';
      const reason = opts.reason?.trim() ?? '';
      if (by === '') throw new UsageError('error.quality.noBy');
      if (reason === '') throw new UsageError('error.quality.noReason');
      if (by.length > 200 || reason.length > 2000) throw new UsageError('error.quality.tooLong');
      const { db } = openContext(globals, { reads: 'measures' });
      try {
        let released: QuarantineRow;
        try {
          released = releaseQuarantined(db, { agencyCode: agency, metric, period, by, reason, now: new Date() });
        } catch (err) {
          if (err instanceof ReleaseError) throw new UsageError('error.quality.notQuarantined', { agency, metric, period });
          throw err;
        }
        const rule = ruleOf(released.rule)?.title[lang] ?? released.rule;
        process.stdout.write(msg(lang, 'cli.quality.released', { agency, metric, period: formatMonthLabel(period, lang), value: String(released.value), rule, by, at: String(released.endedAt), reason }));
      } finally {
        db.close();
      }
    });
}
