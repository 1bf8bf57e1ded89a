import type { Command } from 'commander';
import { deadLetters, gapsBetween, locationStates } from '../../../storage/scale.ts';
import { t } from '../../i18n.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { formatInstant } from '../render-uptime.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';

export function registerQueue(program: Command): void {
  withFormat(program
    .command('queue')
    .description(describeCommand('queue')), ['table', 'json'])
    .option('--days <n>', helpText('cli.queue.days'), '30')
    .action((opts: FormatOptions & { days: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const format = outputFormat(opts, ['table', 'json']);
      const lang = langOf(globals);
      const { db } = openContext(globals);
      try {
        const since = new Date(Date.now() - Math.max(1, Number(opts.days) || 30) * 86_400_000).toISOString();
        const locations = locationStates(db);
        const gaps = gapsBetween(db, since, new Date(Date.now() + 1000).toISOString());
        const dead = deadLetters(db, 50);
        if (format === 'json') {
          process.stdout.write(`${JSON.stringify({ locations, gaps, deadLetters: dead }, null, 2)}\n`);
          return;
        }
        const lines = [t(lang, 'Vị trí đo:', 'Locations:')];
        if (locations.length === 0) lines.push(t(lang, '  (chưa có: máy điều phối chưa chạy với queue:)', '  (none yet: no coordinator has run with queue:)'));
        for (const l of locations) {
          lines.push(`  ${l.location}: ${l.state === 'up' ? t(lang, 'đang đo', 'probing') : t(lang, 'KHÔNG XÁC ĐỊNH (không có worker, không tính vào đa số)', 'UNKNOWN (no live worker, left out of the quorum)')} ${t(lang, 'từ', 'since')} ${formatInstant(l.since, lang)}; ${l.workers} worker(s); ${t(lang, 'thấy lần cuối', 'last seen')} ${formatInstant(l.lastSeenAt, lang)}`);
        }
        lines.push('', t(lang, 'Khoảng trống của phép đo:', 'Gaps in the measurement:'));
        if (gaps.length === 0) lines.push(t(lang, '  không có', '  none'));
        for (const g of gaps) lines.push(`  ${formatInstant(g.startedAt, lang)} → ${g.endedAt ? formatInstant(g.endedAt, lang) : t(lang, 'đang diễn ra', 'ongoing')}: ${g.scope === 'queue' ? 'Redis' : g.location} — ${g.reason}`);
        lines.push('', t(lang, `Kết quả không ghi được (dead letter): ${dead.length}`, `Results that could not be ingested (dead letters): ${dead.length}`));
        for (const d of dead) lines.push(`  #${d.id} ${formatInstant(d.receivedAt, lang)} ${d.resultId ?? '?'}: ${d.reason} — ${d.message.slice(0, 200)}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        db.close();
      }
    });
}
