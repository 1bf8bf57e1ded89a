import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { t } from '../../i18n.ts';
import { JOB_KINDS, type JobKind } from '../../scale/messages.ts';
import { parseConnectTo, startWorker } from '../../scale/worker.ts';
import { configPath, langOf, loggerOf, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { describeCommand } from './index.ts';

function parseKinds(text: string): JobKind[] {
  const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
  const wrong = kinds.filter((k) => !(JOB_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || wrong.length > 0) {
    throw new UsageError(`--kinds "${text}" ${wrong.length ? `has unknown kinds (${wrong.join(', ')})` : 'is empty'}. Fix: a comma-separated list of ${JOB_KINDS.join(', ')}, e.g. --kinds probe,check`);
  }
  return [...new Set(kinds)] as JobKind[];
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(describeCommand('worker'))
    .requiredOption('--location <id>', 'the location (network) this worker probes from, one of queue.locations')
    .option('--kinds <list>', `the jobs it takes: ${JOB_KINDS.join(',')}`, JOB_KINDS.join(','))
    .option('--concurrency <n>', 'at once: probes in flight (default 100), pages (default checks.concurrency), collection jobs (default 4)')
    .option('--connect-to <rule>', 'HOST:PORT=HOST2:PORT2: probes of HOST:PORT connect to HOST2:PORT2 instead (curl --connect-to); repeatable', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--redis-username <user>', "this worker's Redis ACL user (default: queue.redis.username)")
    .option('--redis-password-env <name>', 'the environment variable holding its password (default: queue.redis.passwordEnv)')
    .action(async (opts: { location: string; kinds: string; concurrency?: string; connectTo: string[]; redisUsername?: string; redisPasswordEnv?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const log = loggerOf({ ...globals, logLevel: globals.logLevel ?? 'info' }, false);
      const kinds = parseKinds(opts.kinds);
      let concurrency: number | undefined;
      if (opts.concurrency !== undefined) {
        concurrency = Number(opts.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
          throw new UsageError(`--concurrency "${opts.concurrency}" is not a number of jobs. Fix: a whole number from 1 to 1000`);
        }
      }
      if (opts.redisPasswordEnv !== undefined && !/^[A-Z_][A-Z0-9_]*$/.test(opts.redisPasswordEnv)) {
        throw new UsageError(`--redis-password-env "${opts.redisPasswordEnv}" is not the name of an environment variable. Fix: write the NAME of the variable (e.g. DVC_WORKER_REDIS_PASSWORD), never the password`);
      }
      // A worker never opens the store: only the configuration.
      const loaded = loadConfig(configPath(globals));
      const worker = await startWorker({
        loaded, location: opts.location, kinds, log, connectTo: opts.connectTo.map(parseConnectTo),
        ...(concurrency === undefined ? {} : { concurrency }),
        redis: { ...(opts.redisUsername ? { username: opts.redisUsername } : {}), ...(opts.redisPasswordEnv ? { passwordEnv: opts.redisPasswordEnv } : {}) },
      });
      process.stderr.write(`${t(lang,
        `dvc-monitor worker ${worker.id} đang chạy tại vị trí "${opts.location}" (${kinds.join(', ')}). Dừng bằng Ctrl+C.`,
        `dvc-monitor worker ${worker.id} is running at location "${opts.location}" (${kinds.join(', ')}). Stop with Ctrl+C.`)}\n`);
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
