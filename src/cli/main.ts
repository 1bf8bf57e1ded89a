// The dvc-monitor command line. Returns the process exit code (see errors.ts).
import { Command, CommanderError, Option } from 'commander';
import { LOG_LEVELS } from '../log.ts';
import { TOOL_VERSION } from '../version.ts';
import { COMMAND_DESCRIPTIONS, COMMAND_LOADERS, type CommandName } from './commands/index.ts';
import { EXIT } from './errors.ts';

// Global options that take a value: the word after them is not a command name.
const GLOBAL_VALUE_OPTIONS = new Set(['-c', '--config', '--db', '--log-level', '--lang']);

/** The command the arguments name (`dvc-monitor [globals] <command> …`, or `help <command>`), if any. */
export function commandOf(args: readonly string[]): CommandName | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (GLOBAL_VALUE_OPTIONS.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    const name = a === 'help' ? args[i + 1] : a;
    return name !== undefined && Object.hasOwn(COMMAND_DESCRIPTIONS, name) ? name as CommandName : null;
  }
  return null;
}

/**
 * The program with the command the arguments name loaded, and only it: the others are listed
 * by name and description (for --help) without importing their modules.
 */
export async function buildProgram(args: readonly string[] = []): Promise<Command> {
  const program = new Command('dvc-monitor')
    .description('Đo lường chất lượng dịch vụ công trực tuyến — measures Vietnam\'s online public services')
    .version(TOOL_VERSION)
    .option('-c, --config <file>', 'configuration file (default: config/sandbox.yaml, or $DVC_MONITOR_CONFIG)')
    .option('--db <file>', 'SQLite store (default: store.path in the configuration, or $DVC_MONITOR_DB)')
    .addOption(new Option('--log-level <level>', 'log level (default: info, or error on a terminal)').choices(LOG_LEVELS))
    .addOption(new Option('--lang <lang>', 'language of the output (default: vi)').choices(['vi', 'en']))
    .showHelpAfterError()
    .exitOverride();
  const wanted = commandOf(args);
  for (const name of Object.keys(COMMAND_DESCRIPTIONS) as CommandName[]) {
    if (name === wanted) (await COMMAND_LOADERS[name]())(program);
    else program.command(name).description(COMMAND_DESCRIPTIONS[name]);
  }
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
  const program = await buildProgram(argv.slice(2));
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; commander already printed what was wrong otherwise.
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.ok : EXIT.badInput;
    }
    // By name: the classes live in modules only the command that throws them loads.
    const name = (err as Error)?.name;
    if (name === 'ConfigError' || name === 'UsageError' || name === 'QueueSetupError') {
      process.stderr.write(`${(err as Error).message}\n`);
      return EXIT.badInput;
    }
    if (name === 'ServiceLockedError') {
      process.stderr.write(`${(err as Error).message}. Only one service may run per store: stop that one first.\n`);
      return EXIT.busy;
    }
    if (name === 'RunInProgressError') {
      process.stderr.write(`${(err as Error).message}. Wait for it to finish, or stop that process first.\n`);
      return EXIT.busy;
    }
    // The store: disk full, read-only, damaged, locked, missing, from a newer version — named, with the path and the fix.
    const { lastOpenedStore, storeFailure } = await import('../../storage/db.ts');
    const store = storeFailure(err, lastOpenedStore() ?? 'the store');
    if (store) {
      process.stderr.write(`${store.text[langAfter(program)]}\n`);
      return store.problem === 'busy' ? EXIT.busy : EXIT.badInput;
    }
    process.stderr.write(`internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
