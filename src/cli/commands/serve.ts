import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LoadedConfig } from '../../config/load.ts';
import { DEFAULT_TOKEN_ENV, tokenFromEnv } from '../../server/auth.ts';
import { startDashboard } from '../../server/server.ts';
import { msg } from '../../messages/index.ts';
import { langOf, loggerOf, openContext, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { describeCommand, helpText } from './index.ts';

/** server.tls's certificate and key, read relative to the configuration file; a missing file is bad input. */
function readTls(loaded: LoadedConfig): { cert: Buffer; key: Buffer } | null {
  const tls = loaded.config.server.tls;
  if (!tls) return null;
  const read = (field: 'certFile' | 'keyFile') => {
    const file = resolve(dirname(loaded.file), tls[field]);
    try {
      return readFileSync(file);
    } catch (err) {
      throw new UsageError('error.serve.tlsFile', { field, value: tls[field], reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message, file, config: loaded.file });
    }
  };
  return { cert: read('certFile'), key: read('keyFile') };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(describeCommand('serve'))
    .option('--port <port>', helpText('cli.serve.port'), '8080')
    .option('--host <host>', helpText('cli.serve.host'), '127.0.0.1')
    .option('--token-env <name>', helpText('cli.serve.tokenEnv'), DEFAULT_TOKEN_ENV)
    .action(async (opts: { port: string; host: string; tokenEnv: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('error.serve.port', { value: opts.port });
      const log = loggerOf({ ...globals, logLevel: globals.logLevel ?? 'info' }, false);
      const { loaded, db } = openContext(globals, { reads: 'all' });
      const token = tokenFromEnv(opts.tokenEnv);
      const tls = readTls(loaded);
      const dashboard = await startDashboard({ db, loaded, log, token, host: opts.host, port, defaultLang: lang, tls });
      // The token itself is never printed: only whether one was found, and where.
      process.stdout.write(msg(lang, 'cli.serve.dashboard', { url: dashboard.url }));
      process.stdout.write(msg(lang, 'cli.serve.statusPage', { url: dashboard.url }));
      process.stdout.write(msg(lang, token === null ? 'cli.serve.noToken' : 'cli.serve.token', { env: opts.tokenEnv }));
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          resolve();
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
      await dashboard.close();
      db.close();
    });
}
