// The dvc-monitor command line. Returns the process exit code (see errors.ts).
import { Command, CommanderError, Help, Option } from 'commander';
import { LOG_LEVELS } from '../log.ts';
import { TOOL_VERSION } from '../version.ts';
import type { Lang } from '../i18n.ts';
import { msg, type MessageKey } from '../messages/index.ts';
import { COMMAND_LOADERS, COMMAND_NAMES, describeCommand, isCommandName, type CommandName } from './commands/index.ts';
import { localiseCommanderError } from './commander-errors.ts';
import { EXIT, setCliLang } from './errors.ts';

// Global options that take a value: the word after them is not a command name.
const GLOBAL_VALUE_OPTIONS = new Set(['-c', '--config', '--db', '--log-level', '--lang']);

/** The command the arguments name (`dvc-monitor [globals] <command> …`, or `help <command>`), if any. */
export function commandOf(args: readonly string[]): CommandName | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (GLOBAL_VALUE_OPTIONS.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    const name = a === 'help' ? args[i + 1] : a;
    return name !== undefined && isCommandName(name) ? name : null;
  }
  return null;
}

/** The language the arguments ask for (`--lang en` or `--lang=en`), else $DVC_MONITOR_LANG, else Vietnamese. */
export function langOfArgs(args: readonly string[]): Lang {
  let lang = process.env.DVC_MONITOR_LANG;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--lang') lang = args[i + 1];
    else if (args[i]!.startsWith('--lang=')) lang = args[i]!.slice('--lang='.length);
  }
  return asLang(lang);
}

/** A language asked for by name: English when it says so, else the default, Vietnamese (langOf names a wrong one). */
const asLang = (value: string | undefined): Lang => (value === 'en' ? 'en' : 'vi');

/** The language commander writes its own help and errors in. */
const COMMANDER_LANG: Lang = 'en';

/** Commander's own words in help, in the reader's language. */
const HELP_TITLES: Record<string, MessageKey> = {
  'Usage:': 'cli.help.title.usage', 'Options:': 'cli.help.title.options', 'Commands:': 'cli.help.title.commands',
  'Arguments:': 'cli.help.title.arguments', 'Global Options:': 'cli.help.title.globalOptions',
};

function localiseHelp(cmd: Command, lang: Lang): void {
  cmd.configureOutput({ outputError: (text, write) => write(localiseCommanderError(text, lang)) });
  if (lang === COMMANDER_LANG) return;
  cmd.configureHelp({
    styleTitle: (title: string) => (HELP_TITLES[title] ? msg(lang, HELP_TITLES[title]) : title),
    // Commander adds "(default: …)" and "(choices: …)" after a description in English.
    optionDescription: (option) => Help.prototype.optionDescription.call(new Help(), option)
      .replace(/\((default|choices): /g, (_m, w: string) => msg(lang, w === 'default' ? 'cli.help.default' : 'cli.help.choices')),
  });
  cmd.helpOption('-h, --help', msg(lang, 'cli.help.option'));
  // Named only where commander would list it (a command with subcommands): naming it turns it on.
  if (cmd.commands.length > 0) cmd.helpCommand('help [command]', msg(lang, 'cli.help.command'));
}

/**
 * The program with the command the arguments name loaded, and only it: the others are listed
 * by name and description (for --help) without importing their modules.
 */
export async function buildProgram(args: readonly string[] = []): Promise<Command> {
  // Help texts are written before commander parses --lang: the language comes from the arguments.
  const lang = langOfArgs(args);
  setCliLang(lang);
  const program = new Command('dvc-monitor')
    .description(msg(lang, 'cli.program.description'))
    .version(TOOL_VERSION, '-V, --version', msg(lang, 'cli.program.version'))
    .option('-c, --config <file>', msg(lang, 'cli.global.config'))
    .option('--db <file>', msg(lang, 'cli.global.db'))
    .addOption(new Option('--log-level <level>', msg(lang, 'cli.global.logLevel')).choices(LOG_LEVELS))
    .addOption(new Option('--lang <lang>', msg(lang, 'cli.global.lang')).choices(['vi', 'en']))
    .showHelpAfterError(msg(lang, 'cli.help.afterError'))
    .exitOverride();
  const wanted = commandOf(args);
  for (const name of COMMAND_NAMES) {
    if (name === wanted) (await COMMAND_LOADERS[name]())(program);
    else program.command(name).description(describeCommand(name));
  }
  localiseHelp(program, lang);
  // Every subcommand inherits the exit override, so bad options end with code 2, not a throw.
  for (const cmd of program.commands) {
    cmd.exitOverride();
    localiseHelp(cmd, lang);
    for (const sub of cmd.commands) localiseHelp(sub, lang);
  }
  return program;
}

/** The language asked for, read back after a failure (the option may not have been parsed). */
function langAfter(program: Command): Lang {
  return asLang((program.opts() as { lang?: string }).lang ?? process.env.DVC_MONITOR_LANG);
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
    if (name === 'ConfigError') {
      const { describeConfigProblems } = await import('../config/load.ts');
      const { file, texts } = err as { file: string; texts: Array<Record<Lang, string>> };
      process.stderr.write(`${describeConfigProblems(file, texts, langAfter(program))}\n`);
      return EXIT.badInput;
    }
    if (name === 'UsageError' || name === 'QueueSetupError') {
      process.stderr.write(`${(err as Error).message}\n`);
      return EXIT.badInput;
    }
    const lang = langAfter(program);
    if (name === 'ServiceLockedError') {
      process.stderr.write(`${msg(lang, 'cli.failure.serviceLocked', { message: (err as Error).message })}\n`);
      return EXIT.busy;
    }
    if (name === 'RunInProgressError') {
      process.stderr.write(`${msg(lang, 'cli.failure.runInProgress', { message: (err as Error).message })}\n`);
      return EXIT.busy;
    }
    // The store: disk full, read-only, damaged, locked, missing, from a newer version — named, with the path and the fix.
    const { lastOpenedStore, storeFailure } = await import('../../storage/db.ts');
    const store = storeFailure(err, lastOpenedStore() ?? msg(lang, 'cli.failure.theStore'));
    if (store) {
      process.stderr.write(`${store.text[lang]}\n`);
      return store.problem === 'busy' ? EXIT.busy : EXIT.badInput;
    }
    process.stderr.write(`${msg(lang, 'cli.failure.internal', { stack: (err as Error)?.stack ?? String(err) })}\n`);
    return EXIT.internal;
  }
}
