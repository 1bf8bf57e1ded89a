import type { Command } from 'commander';
import { deadLetters, gapsBetween, locationStates } from '../../../storage/scale.ts';
import { msg } from '../../messages/index.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { formatInstant } from '../render-uptime.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';
import { gapReasonText } from '../../scale/gap-reason.ts';

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
        const lines = [msg(lang, 'cli.queue.locations')];
        if (locations.length === 0) lines.push(msg(lang, 'cli.queue.noLocations'));
        for (const l of locations) {
          lines.push(msg(lang, 'cli.queue.location', {
            location: l.location, state: msg(lang, l.state === 'up' ? 'cli.queue.probing' : 'cli.queue.unknown'),
            since: formatInstant(l.since, lang), count: l.workers, lastSeen: formatInstant(l.lastSeenAt, lang),
          }));
        }
        lines.push('', msg(lang, 'cli.queue.gaps'));
        if (gaps.length === 0) lines.push(msg(lang, 'cli.queue.noGaps'));
        for (const g of gaps) lines.push(`  ${formatInstant(g.startedAt, lang)} → ${g.endedAt ? formatInstant(g.endedAt, lang) : msg(lang, 'cli.uptime.ongoing')}: ${g.scope === 'queue' ? 'Redis' : g.location} — ${gapReasonText(g.reason, lang)}`);
        lines.push('', msg(lang, 'cli.queue.deadLetters', { n: dead.length }));
        for (const d of dead) lines.push(`  #${d.id} ${formatInstant(d.receivedAt, lang)} ${d.resultId ?? '?'}: ${d.reason} — ${d.message.slice(0, 200)}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        db.close();
      }
    });
}
