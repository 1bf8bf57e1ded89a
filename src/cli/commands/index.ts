// The commands, for the top-level help and for loading only the one asked for: `--version`,
// `--help` and a command's own start never import the modules of the others (each pulls in
// the store, the browser, the HTTP client…).
import type { Command } from 'commander';
import { msg, type MessageKey, type MessageVars } from '../../messages/index.ts';
import { currentCliLang } from '../errors.ts';

/** The commands, in the order the top-level help lists them. */
export const COMMAND_NAMES = [
  'run', 'demo', 'summary', 'kpi', 'evidence', 'quality', 'check', 'start', 'alerts', 'notify', 'config', 'db',
  'probe', 'uptime', 'trackers', 'report', 'verify', 'serve', 'status-page', 'export', 'worker', 'queue',
] as const;

export type CommandName = typeof COMMAND_NAMES[number];

export const isCommandName = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);

/** A help text (a description, an option's, an argument's) in the command line's language (src/messages/). */
export const helpText = (key: MessageKey, vars?: MessageVars): string => msg(currentCliLang(), key, vars);

/** What the command does, as its --help and the command list say it. */
export const describeCommand = (name: CommandName): string => helpText(`cli.command.${name}`);

/** Loads a command's module and gives back its registration. */
export const COMMAND_LOADERS: Record<CommandName, () => Promise<(program: Command) => void>> = {
  run: async () => (await import('./run.ts')).registerRun,
  demo: async () => (await import('./demo.ts')).registerDemo,
  summary: async () => (await import('./summary.ts')).registerSummary,
  kpi: async () => (await import('./kpi.ts')).registerKpi,
  evidence: async () => (await import('./evidence.ts')).registerEvidence,
  quality: async () => (await import('./quality.ts')).registerQuality,
  check: async () => (await import('./check.ts')).registerCheck,
  start: async () => (await import('./start.ts')).registerStart,
  alerts: async () => (await import('./alerts.ts')).registerAlerts,
  notify: async () => (await import('./notify.ts')).registerNotify,
  config: async () => (await import('./config.ts')).registerConfig,
  db: async () => (await import('./db.ts')).registerDb,
  probe: async () => (await import('./probe.ts')).registerProbe,
  uptime: async () => (await import('./uptime.ts')).registerUptime,
  trackers: async () => (await import('./trackers.ts')).registerTrackers,
  report: async () => (await import('./report.ts')).registerReport,
  verify: async () => (await import('./verify.ts')).registerVerify,
  serve: async () => (await import('./serve.ts')).registerServe,
  'status-page': async () => (await import('./status-page.ts')).registerStatusPage,
  export: async () => (await import('./export.ts')).registerExport,
  worker: async () => (await import('./worker.ts')).registerWorker,
  queue: async () => (await import('./queue.ts')).registerQueue,
};
