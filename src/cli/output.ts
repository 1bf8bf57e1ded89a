// One output option for every command that prints data: `--format table|json|csv` (the formats
// the command can give), with `--json` kept as the shorthand for `--format json`.
import { Option, type Command } from 'commander';
import { helpText } from './commands/index.ts';
import { UsageError } from './errors.ts';

export type OutputFormat = 'table' | 'json' | 'csv';

export interface FormatOptions {
  format?: string;
  json?: boolean;
}

/** Adds `--format` (default table) and the `--json` shorthand to a command. */
export function withFormat(cmd: Command, formats: readonly OutputFormat[]): Command {
  return cmd
    .option('--format <format>', helpText('cli.option.format', { formats: formats.join(', ') }), 'table')
    .addOption(new Option('--json', helpText('cli.option.json')));
}

/** The format asked for, refused by name when the command cannot give it. */
export function outputFormat(opts: FormatOptions, formats: readonly OutputFormat[]): OutputFormat {
  const asked = opts.format ?? 'table';
  if (opts.json && asked !== 'table' && asked !== 'json') throw new UsageError('error.format.twoFormats', { value: asked });
  const format = opts.json ? 'json' : asked;
  if (!(formats as readonly string[]).includes(format)) throw new UsageError('error.format.notGiven', { value: format, choices: formats.map((f) => `--format ${f}`).join(', ') });
  return format as OutputFormat;
}
