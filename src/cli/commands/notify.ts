import type { Command } from 'commander';
import { enqueueTestMessage, outboxByKey } from '../../../storage/alerts.ts';
import { deliverDue } from '../../alerts/delivery.ts';
import { testMessage } from '../../alerts/messages.ts';
import { createHttpClient } from '../../http/client.ts';
import { msg } from '../../messages/index.ts';
import { langOf, loggerOf, openContext, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { describeCommand, helpText } from './index.ts';

export function registerNotify(program: Command): void {
  const notify = program.command('notify').description(describeCommand('notify'));
  notify
    .command('test <channel>')
    .description(helpText('cli.notify.test'))
    .action(async (channelId: string, _opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const log = loggerOf({ ...globals, logLevel: globals.logLevel ?? 'warn' }, false);
      const { loaded, db } = openContext(globals);
      const http = createHttpClient({ retries: 0, totalTimeoutMs: 30_000 });
      try {
        const channel = loaded.config.channels.find((c) => c.id === channelId);
        if (!channel) {
          const known = loaded.config.channels.map((c) => c.id).join(', ');
          throw known ? new UsageError('error.notify.channel', { value: channelId, file: loaded.file, known }) : new UsageError('error.notify.noChannels', { value: channelId, file: loaded.file });
        }
        const now = new Date();
        const row = enqueueTestMessage(db, channel.id, testMessage(channel.id, channel.lang, loaded.config.alerts.linkBase, now), now);
        await deliverDue(db, loaded.config.channels, { http, log, giveUpAfterHours: loaded.config.alerts.giveUpAfterHours, onlyIds: [row.id] });
        const after = outboxByKey(db, row.idempotencyKey)!;
        if (after.status === 'delivered') {
          process.stdout.write(msg(lang, 'cli.notify.delivered', { channel: channel.id, kind: channel.kind }));
        } else {
          process.stderr.write(msg(lang, 'cli.notify.failed', { channel: channel.id, error: String(after.lastError) }));
          process.exitCode = EXIT.jobFailed;
        }
      } finally {
        await http.close();
        db.close();
      }
    });
}
