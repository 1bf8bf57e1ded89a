// The dvc-monitor command line. Returns the process exit code (see errors.ts).
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/load.ts';
import { lastOpenedStore, storeFailure } from '../../storage/db.ts';
import { LOG_LEVELS } from '../log.ts';
import { RunInProgressError } from '../run/nightly.ts';
import { ServiceLockedError } from '../service/service.ts';
import { TOOL_VERSION } from '../version.ts';
import { registerAlerts } from './commands/alerts.ts';
import { registerCheck } from './commands/check.ts';
import { registerConfig } from './commands/config.ts';
import { registerDb } from './commands/db.ts';
import { registerDemo } from './commands/demo.ts';
import { registerEvidence } from './commands/evidence.ts';
import { registerExport } from './commands/export.ts';
import { registerKpi } from './commands/kpi.ts';
import { registerQuality } from './commands/quality.ts';
import { registerReport } from './commands/report.ts';
import { registerRun } from './commands/run.ts';
import { registerServe } from './commands/serve.ts';
import { registerStatusPage } from './commands/status-page.ts';
import { registerNotify } from './commands/notify.ts';
import { registerStart } from './commands/start.ts';
import { registerSummary } from './commands/summary.ts';
import { registerProbe } from './commands/probe.ts';
import { registerTrackers } from './commands/trackers.ts';
import { registerUptime } from './commands/uptime.ts';
import { EXIT, UsageError } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command('dvc-monitor')
    .description('Đo lường chất lượng dịch vụ công trực tuyến — measures Vietnam\'s online public services')
    .version(TOOL_VERSION)
    .option('-c, --config <file>', 'configuration file (default: config/sandbox.yaml, or $DVC_MONITOR_CONFIG)')
    .option('--db <file>', 'SQLite store (default: store.path in the configuration, or $DVC_MONITOR_DB)')
    .addOption(new Option('--log-level <level>', 'log level (default: info, or error on a terminal)').choices(LOG_LEVELS))
    .addOption(new Option('--lang <lang>', 'language of the output (default: vi)').choices(['vi', 'en']))
    .showHelpAfterError()
    .exitOverride();
  registerRun(program);
  registerDemo(program);
  registerSummary(program);
  registerKpi(program);
  registerEvidence(program);
  registerQuality(program);
  registerCheck(program);
  registerStart(program);
  registerAlerts(program);
  registerNotify(program);
  registerConfig(program);
  registerDb(program);
  registerProbe(program);
  registerUptime(program);
  registerTrackers(program);
  registerReport(program);
  registerServe(program);
  registerStatusPage(program);
  registerExport(program);
  // Every subcommand inherits the exit override, so bad options end with code 2, not a throw.
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** The language asked for, read back after a failure (the option may not have been parsed). */
function langAfter(program: Command): 'vi' | 'en' {
  const lang = (program.opts() as { lang?: string }).lang ?? process.env.DVC_MONITOR_LANG;
  return lang === 'en' ? 'en' : 'vi';
}

export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; commander already printed what was wrong otherwise.
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.ok : EXIT.badInput;
    }
    if (err instanceof ConfigError || err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.badInput;
    }
    if (err instanceof ServiceLockedError) {
      process.stderr.write(`${err.message}. Only one service may run per store: stop that one first.\n`);
      return EXIT.busy;
    }
    if (err instanceof RunInProgressError) {
      process.stderr.write(`${err.message}. Wait for it to finish, or stop that process first.\n`);
      return EXIT.busy;
    }
    // The store: disk full, read-only, damaged, locked, missing, from a newer version — named, with the path and the fix.
    const store = storeFailure(err, lastOpenedStore() ?? 'the store');
    if (store) {
      process.stderr.write(`${store.text[langAfter(program)]}\n`);
      return store.problem === 'busy' ? EXIT.busy : EXIT.badInput;
    }
    process.stderr.write(`internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
