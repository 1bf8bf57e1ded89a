// What every command needs from the global options: the configuration, the store, a logger.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type Db } from '../../storage/db.ts';
import { loadConfig, type LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import { createLogger, LOG_LEVELS, type Logger } from '../log.ts';
import { UsageError } from './errors.ts';

export interface GlobalOptions {
  config?: string;
  db?: string;
  logLevel?: string;
  lang?: string;
}

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_CONFIG = resolve(PROJECT_ROOT, 'config/sandbox.yaml');

export function configPath(opts: GlobalOptions): string {
  return resolve(opts.config ?? process.env.DVC_MONITOR_CONFIG ?? DEFAULT_CONFIG);
}

export function langOf(opts: GlobalOptions): Lang {
  const lang = opts.lang ?? process.env.DVC_MONITOR_LANG ?? 'vi';
  if (lang !== 'vi' && lang !== 'en') throw new UsageError(`--lang "${lang}" is not supported. Fix: use --lang vi or --lang en`);
  return lang;
}

export function loggerOf(opts: GlobalOptions, interactive: boolean): Logger {
  const level = opts.logLevel ?? process.env.DVC_MONITOR_LOG_LEVEL ?? (interactive ? 'error' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--log-level "${level}" is not a level. Fix: use one of ${LOG_LEVELS.join(', ')}`);
  }
  // On a terminal the progress bar and the summary speak; logs stay quiet unless asked for.
  return createLogger(level);
}

export function storePath(opts: GlobalOptions, loaded: LoadedConfig | null): string {
  const path = opts.db ?? process.env.DVC_MONITOR_DB ?? loaded?.config.store.path ?? 'data/dvc-monitor.sqlite';
  return isAbsolute(path) ? path : resolve(path);
}

export function openContext(opts: GlobalOptions): { loaded: LoadedConfig; db: Db } {
  const loaded = loadConfig(configPath(opts));
  return { loaded, db: openStore(storePath(opts, loaded)) };
}
