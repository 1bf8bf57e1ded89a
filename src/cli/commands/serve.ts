import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LoadedConfig } from '../../config/load.ts';
import { DEFAULT_TOKEN_ENV, tokenFromEnv } from '../../server/auth.ts';
import { startDashboard } from '../../server/server.ts';
import { t } from '../../i18n.ts';
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
      process.stdout.write(`${t(lang, 'Bảng điều khiển', 'Dashboard')}: ${dashboard.url}/\n`);
      process.stdout.write(`${t(lang, 'Trang trạng thái công khai', 'Public status page')}: ${dashboard.url}/status\n`);
      process.stdout.write(token === null
        ? t(lang, `Chưa đặt biến môi trường ${opts.tokenEnv}: chỉ xem, không xác nhận được cảnh báo.\n`, `${opts.tokenEnv} is not set: read-only, alerts cannot be acknowledged.\n`)
        : t(lang, `Mã truy cập lấy từ biến môi trường ${opts.tokenEnv}.\n`, `Token read from the environment variable ${opts.tokenEnv}.\n`));
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
