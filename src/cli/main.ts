// The dvc-monitor command line. Returns the process exit code (see errors.ts).
import { Command, CommanderError, Help, Option } from 'commander';
import { LOG_LEVELS } from '../log.ts';
import { TOOL_VERSION } from '../version.ts';
import { COMMAND_DESCRIPTIONS, COMMAND_LOADERS, describeCommand, setHelpLang, type CommandName } from './commands/index.ts';
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
/** The language the arguments ask for (`--lang en` or `--lang=en`), else $DVC_MONITOR_LANG, else Vietnamese. */
export function langOfArgs(args: readonly string[]): 'vi' | 'en' {
  let lang = process.env.DVC_MONITOR_LANG;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--lang') lang = args[i + 1];
    else if (args[i]!.startsWith('--lang=')) lang = args[i]!.slice('--lang='.length);
  }
  return lang === 'en' ? 'en' : 'vi';
}

/** Commander's own words in help, in the reader's language. */
const HELP_TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:', 'Options:': 'Tùy chọn:', 'Commands:': 'Lệnh:', 'Arguments:': 'Tham số:', 'Global Options:': 'Tùy chọn chung:',
};

function localiseHelp(cmd: Command, lang: 'vi' | 'en'): void {
  if (lang === 'en') return;
  cmd.configureHelp({
    styleTitle: (title: string) => HELP_TITLES[title] ?? title,
    // Commander adds "(default: …)" and "(choices: …)" after a description in English.
    optionDescription: (option) => Help.prototype.optionDescription.call(new Help(), option).replace(/\((default|choices): /g, (_m, w: string) => (w === 'default' ? '(mặc định: ' : '(chọn một trong: ')),
  });
  cmd.helpOption('-h, --help', 'hiển thị trợ giúp của lệnh');
  cmd.helpCommand('help [command]', 'hiển thị trợ giúp của một lệnh');
}

/**
 * The program with the command the arguments name loaded, and only it: the others are listed
 * by name and description (for --help) without importing their modules.
 */
export async function buildProgram(args: readonly string[] = []): Promise<Command> {
  const lang = langOfArgs(args);
  setHelpLang(lang);
  const vi = lang === 'vi';
  const program = new Command('dvc-monitor')
    .description(vi ? 'Đo lường chất lượng dịch vụ công trực tuyến' : 'Measures how well Vietnam\'s online public services work')
    .version(TOOL_VERSION, '-V, --version', vi ? 'in phiên bản' : 'output the version number')
    .option('-c, --config <file>', vi ? 'tệp cấu hình (mặc định: config/sandbox.yaml, hoặc $DVC_MONITOR_CONFIG)' : 'configuration file (default: config/sandbox.yaml, or $DVC_MONITOR_CONFIG)')
    .option('--db <file>', vi ? 'kho SQLite (mặc định: store.path trong cấu hình, hoặc $DVC_MONITOR_DB)' : 'SQLite store (default: store.path in the configuration, or $DVC_MONITOR_DB)')
    .addOption(new Option('--log-level <level>', vi ? 'mức ghi nhật ký (mặc định: info, hoặc error trên terminal)' : 'log level (default: info, or error on a terminal)').choices(LOG_LEVELS))
    .addOption(new Option('--lang <lang>', vi ? 'ngôn ngữ hiển thị (mặc định: vi)' : 'language of the output (default: vi)').choices(['vi', 'en']))
    .showHelpAfterError(vi ? '(dùng --help để xem cách dùng)' : '(add --help for additional information)')
    .exitOverride();
  localiseHelp(program, lang);
  const wanted = commandOf(args);
  for (const name of Object.keys(COMMAND_DESCRIPTIONS) as CommandName[]) {
    if (name === wanted) (await COMMAND_LOADERS[name]())(program);
    else program.command(name).description(describeCommand(name));
  }
  // Every subcommand inherits the exit override, so bad options end with code 2, not a throw.
  for (const cmd of program.commands) {
    cmd.exitOverride();
    localiseHelp(cmd, lang);
    for (const sub of cmd.commands) localiseHelp(sub, lang);
  }
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
