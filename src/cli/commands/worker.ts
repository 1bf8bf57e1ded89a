import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { msg } from '../../messages/index.ts';
import { JOB_KINDS, type JobKind } from '../../scale/messages.ts';
import { parseConnectTo, startWorker } from '../../scale/worker.ts';
import { configPath, langOf, loggerOf, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { describeCommand, helpText } from './index.ts';

function parseKinds(text: string): JobKind[] {
  const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
  const wrong = kinds.filter((k) => !(JOB_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || wrong.length > 0) {
    throw wrong.length
      ? new UsageError('error.worker.kindsUnknown', { value: text, wrong: wrong.join(', '), kinds: JOB_KINDS.join(', ') })
      : new UsageError('error.worker.kindsEmpty', { value: text, kinds: JOB_KINDS.join(', ') });
  }
  return [...new Set(kinds)] as JobKind[];
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(describeCommand('worker'))
    .requiredOption('--location <id>', helpText('cli.worker.location'))
    .option('--kinds <list>', helpText('cli.worker.kinds', { kinds: JOB_KINDS.join(',') }), JOB_KINDS.join(','))
    .option('--concurrency <n>', helpText('cli.worker.concurrency'))
    .option('--connect-to <rule>', helpText('cli.worker.connectTo'), (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--redis-username <user>', helpText('cli.worker.redisUsername'))
    .option('--redis-password-env <name>', helpText('cli.worker.redisPasswordEnv'))
    .action(async (opts: { location: string; kinds: string; concurrency?: string; connectTo: string[]; redisUsername?: string; redisPasswordEnv?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const log = loggerOf({ ...globals, logLevel: globals.logLevel ?? 'info' }, false);
      const kinds = parseKinds(opts.kinds);
      let concurrency: number | undefined;
      if (opts.concurrency !== undefined) {
        concurrency = Number(opts.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
          throw new UsageError('error.worker.concurrency', { value: opts.concurrency });
        }
      }
      if (opts.redisPasswordEnv !== undefined && !/^[A-Z_][A-Z0-9_]*$/.test(opts.redisPasswordEnv)) {
        throw new UsageError('error.worker.passwordEnv', { value: opts.redisPasswordEnv });
      }
      // A worker never opens the store: only the configuration.
      const loaded = loadConfig(configPath(globals));
      const worker = await startWorker({
        loaded, location: opts.location, kinds, log, connectTo: opts.connectTo.map(parseConnectTo),
        ...(concurrency === undefined ? {} : { concurrency }),
        redis: { ...(opts.redisUsername ? { username: opts.redisUsername } : {}), ...(opts.redisPasswordEnv ? { passwordEnv: opts.redisPasswordEnv } : {}) },
      });
      process.stderr.write(`${msg(lang, 'cli.worker.running', { program: 'dvc-monitor', id: worker.id, location: opts.location, kinds: kinds.join(', ') })}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          void worker.stop().finally(resolve);
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
    });
}
