import type { Command } from 'commander';
import { openFlags } from '../../../storage/quality.ts';
import { t } from '../../i18n.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { month } from '../periods.ts';
import { toCsv } from '../csv.ts';

const KINDS = ['missing', 'inconsistent', 'outlier', 'stale', 'source_changed', 'counter_decreased', 'unknown_unit'];

const KIND_TITLE: Record<string, { vi: string; en: string }> = {
  missing: { vi: 'thiếu số liệu', en: 'missing' },
  inconsistent: { vi: 'không nhất quán', en: 'inconsistent' },
  outlier: { vi: 'bất thường', en: 'outlier' },
  stale: { vi: 'nguồn không cập nhật', en: 'stale source' },
  source_changed: { vi: 'nguồn thay đổi định dạng', en: 'source changed' },
  counter_decreased: { vi: 'lũy kế giảm', en: 'counter went down' },
  unknown_unit: { vi: 'đơn vị không có trong danh mục', en: 'unknown unit' },
};

export function registerQuality(program: Command): void {
  program
    .command('quality')
    .description('open data-quality flags: missing, inconsistent, outlier, stale, source changed, counter decreased, unknown unit')
    .option('--period <YYYY-MM>', 'only this month')
    .option('--agency <code>', 'only this agency')
    .option('--kind <kind>', `only this kind (${KINDS.join(', ')})`)
    .option('--format <format>', 'table, json or csv', 'table')
    .action((opts: { period?: string; agency?: string; kind?: string; format: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      if (opts.period !== undefined) month(opts.period, '--period', new Date());
      if (opts.kind !== undefined && !KINDS.includes(opts.kind)) throw new UsageError(`--kind "${opts.kind}" is not a flag kind. Fix: use one of ${KINDS.join(', ')}`);
      if (!['table', 'json', 'csv'].includes(opts.format)) throw new UsageError(`--format "${opts.format}" is not supported. Fix: use table, json or csv`);
      const { db } = openContext(globals, { reads: 'measures' });
      try {
        const flags = openFlags(db, { period: opts.period, agencyCode: opts.agency, kind: opts.kind });
        if (opts.format === 'json') process.stdout.write(`${JSON.stringify(flags, null, 2)}\n`);
        else if (opts.format === 'csv') {
          process.stdout.write(toCsv(['kind', 'period', 'agency_code', 'metric', 'source_id', 'detail', 'first_seen_at', 'last_seen_at'],
            flags.map((f) => [f.kind, f.period, f.agencyCode, f.metric, f.sourceId, f.detail, f.firstSeenAt, f.lastSeenAt])));
        } else {
          const lines = [t(lang, `${flags.length} cảnh báo chất lượng dữ liệu đang mở`, `${flags.length} open data-quality flags`)];
          for (const f of flags) {
            lines.push(`  ${f.period ?? '—'}  ${(f.agencyCode ?? f.sourceId ?? '').padEnd(12)} ${KIND_TITLE[f.kind]![lang].padEnd(24)} ${f.metric ?? ''}  ${f.detail}`);
          }
          process.stdout.write(`${lines.join('\n')}\n`);
        }
      } finally {
        db.close();
      }
    });
}
