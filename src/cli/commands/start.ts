import type { Command } from 'commander';
import { openStore } from '../../../storage/db.ts';
import { channelSecretProblems } from '../../alerts/channels/index.ts';
import { scrubStoredSecrets } from '../../alerts/delivery.ts';
import { Service } from '../../service/service.ts';
import { Coordinator } from '../../scale/coordinator.ts';
import { msg } from '../../messages/index.ts';
import { langOf, loggerOf, openContext, type GlobalOptions } from '../context.ts';
import { describeCommand, helpText } from './index.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(describeCommand('start'))
    .option('--no-catch-up', helpText('cli.start.noCatchUp'))
    .option('--no-probes', helpText('cli.start.noProbes'))
    .action(async (opts: { catchUp: boolean; probes: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      // A service's output is its log: JSON lines, info level unless told otherwise.
      const log = loggerOf({ ...globals, logLevel: globals.logLevel ?? 'info' }, false);
      const { loaded, db } = openContext(globals);
      // A channel whose secret is missing or malformed is named now (never with its value), not at the first alert.
      for (const p of channelSecretProblems(loaded.config.channels, process.env)) log.error({ channel: p.channelId }, p.problem);
      const scrubbed = scrubStoredSecrets(db, loaded.config.channels);
      if (scrubbed) log.warn({ rows: scrubbed }, 'secrets redacted from failures stored by an earlier version');
      // The prober writes on its own connection with a short busy timeout: a long wait would freeze probes in flight.
      // With queue: configured (scale-out), the coordinator's results are written on it too.
      const distributed = loaded.config.queue !== undefined;
      const probeDb = opts.probes || distributed ? openStore(db.name, { busyTimeoutMs: 1000 }) : undefined;
      const closeAll = () => {
        probeDb?.close();
        db.close();
      };
      const service = distributed
        ? new Coordinator({ db, probeDb: probeDb!, loaded, log, catchUp: opts.catchUp, probes: opts.probes })
        : new Service({ db, probeDb, loaded, log, catchUp: opts.catchUp });
      try {
        await service.start();
      } catch (err) {
        closeAll();
        throw err;
      }
      process.stderr.write(`${msg(lang, 'cli.start.running', { schedule: loaded.config.schedule.nightly })}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          void service.stop().finally(() => {
            closeAll();
            resolve();
          });
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
    });
}
