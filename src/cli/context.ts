// What every command needs from the global options: the configuration, the store, a logger.
import { dirname, resolve } from 'node:path';
import { openStore, type Db } from '../../storage/db.ts';
import { loadConfig, type LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import { createLogger, LOG_LEVELS, type Logger } from '../log.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { UsageError } from './errors.ts';
import { msg, type MessageKey } from '../messages/index.ts';

export interface GlobalOptions {
  config?: string;
  db?: string;
  logLevel?: string;
  lang?: string;
}

export { PROJECT_ROOT };
export const DEFAULT_CONFIG = resolve(PROJECT_ROOT, 'config/sandbox.yaml');

export function configPath(opts: GlobalOptions): string {
  return resolve(opts.config ?? process.env.DVC_MONITOR_CONFIG ?? DEFAULT_CONFIG);
}

export function langOf(opts: GlobalOptions): Lang {
  const lang = opts.lang ?? process.env.DVC_MONITOR_LANG ?? 'vi';
  if (lang !== 'vi' && lang !== 'en') throw new UsageError('error.lang.unsupported', { value: lang });
  return lang;
}

export function loggerOf(opts: GlobalOptions, interactive: boolean): Logger {
  const level = opts.logLevel ?? process.env.DVC_MONITOR_LOG_LEVEL ?? (interactive ? 'error' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError('error.logLevel.unknown', { value: level, levels: LOG_LEVELS.join(', ') });
  }
  // On a terminal the progress bar and the summary speak; logs stay quiet unless asked for.
  return createLogger(level);
}

/**
 * The store's path: --db or $DVC_MONITOR_DB as typed (relative to the working directory), else
 * `store.path` from the configuration, relative to the configuration file's folder, so a command
 * run from another directory finds the same store.
 */
export function storePath(opts: GlobalOptions, loaded: LoadedConfig | null): string {
  const typed = opts.db ?? process.env.DVC_MONITOR_DB;
  if (typed !== undefined) {
    if (typed.trim() === '') throw new UsageError('error.db.empty', { value: typed });
    return resolve(typed);
  }
  const configured = loaded?.config.store.path ?? 'data/dvc-monitor.sqlite';
  return loaded ? resolve(dirname(loaded.file), configured) : resolve(configured);
}

/** What fills the store a read command reads, for the message when there is none. */
export type StoreFiller = 'measures' | 'uptime' | 'alerts' | 'checks' | 'all';

const FILLERS = {
  measures: 'cli.store.filler.measures',
  uptime: 'cli.store.filler.uptime',
  alerts: 'cli.store.filler.alerts',
  checks: 'cli.store.filler.checks',
  all: 'cli.store.filler.all',
} as const satisfies Record<StoreFiller, MessageKey>;

function fillHint(filler: StoreFiller, opts: GlobalOptions, loaded: LoadedConfig): Record<Lang, string> {
  const where = opts.db !== undefined ? '--db' : process.env.DVC_MONITOR_DB !== undefined ? '$DVC_MONITOR_DB' : `store.path ${JSON.stringify(loaded.config.store.path)} (${loaded.file})`;
  return { vi: msg('vi', 'cli.store.readOnly', { filler: msg('vi', FILLERS[filler]), where }), en: msg('en', 'cli.store.readOnly', { filler: msg('en', FILLERS[filler]), where }) };
}

/**
 * The configuration and the store. Commands that write (run, check, probe, start, …) create the
 * store when there is none; commands that only read name what they read (`reads`) and fail,
 * naming the path and the command that fills it, instead of creating an empty store.
 */
export function openContext(opts: GlobalOptions, use: { reads?: StoreFiller; beforeStore?: (loaded: LoadedConfig) => void } = {}): { loaded: LoadedConfig; db: Db } {
  const loaded = loadConfig(configPath(opts));
  // Arguments that depend on the configuration are checked before the store is opened: bad input creates nothing.
  use.beforeStore?.(loaded);
  const path = storePath(opts, loaded);
  return { loaded, db: openStore(path, use.reads ? { mustExist: fillHint(use.reads, opts, loaded) } : {}) };
}
