import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { configJsonSchema } from '../../config/schema.ts';
import { configPath, langOf, type GlobalOptions } from '../context.ts';
import { describeCommand, helpText } from './index.ts';
import { msg } from '../../messages/index.ts';

export function registerConfig(program: Command): void {
  const config = program.command('config').description(describeCommand('config'));
  config
    .command('validate [file]')
    .description(helpText('cli.config.validate'))
    .action((file: string | undefined, _opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const loaded = loadConfig(file ?? configPath(globals));
      const c = loaded.config;
      const lang = langOf(globals);
      process.stdout.write(`${msg(lang, 'config.valid', {
        file: loaded.file,
        portals: msg(lang, 'count.portals', { count: c.portals.length }),
        sources: msg(lang, 'count.sources', { count: c.sources.length }),
        agencies: msg(lang, 'count.agencies', { count: loaded.agencies.length }),
      })}\n`);
    });
  config
    .command('schema')
    .description(helpText('cli.config.schema'))
    .option('--out <file>', helpText('cli.config.out'))
    .action((opts: { out?: string }) => {
      const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
      if (opts.out) writeFileSync(opts.out, text);
      else process.stdout.write(text);
    });
}
