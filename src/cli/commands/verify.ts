// `dvc-monitor verify BUNDLE`: an auditor's offline check of a report bundle. Needs no store and
// no configuration: only the zip and its manifest.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { verifyBundle, type BundleVerdict } from '../../report/bundle.ts';
import type { Lang } from '../../i18n.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import { langOf, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';

const PROBLEM = {
  missing: 'cli.verify.problem.missing',
  altered: 'cli.verify.problem.altered',
  not_listed: 'cli.verify.problem.not_listed',
  name_is_not_its_hash: 'cli.verify.problem.name_is_not_its_hash',
  manifest_unreadable: 'cli.verify.problem.manifest_unreadable',
} as const satisfies Record<BundleVerdict['problems'][number]['problem'], MessageKey>;

function describe(v: BundleVerdict, file: string, lang: Lang): string {
  const lines = [v.ok
    ? msg(lang, 'cli.verify.valid', { file, count: v.checked, period: v.manifest!.period, generatedAt: v.manifest!.generatedAt, tool: v.manifest!.tool })
    : msg(lang, 'cli.verify.invalid', { file, count: v.problems.length })];
  for (const p of v.problems) lines.push(`  ${p.path}: ${msg(lang, PROBLEM[p.problem])}`);
  return lines.join('\n');
}

export function registerVerify(program: Command): void {
  withFormat(program
    .command('verify')
    .description(describeCommand('verify')), ['table', 'json'])
    .argument('<bundle>', helpText('cli.verify.bundle'))
    .action(async (file: string, opts: FormatOptions, cmd: Command) => {
      const lang = langOf(cmd.optsWithGlobals<GlobalOptions>());
      const format = outputFormat(opts, ['table', 'json']);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (err) {
        throw new UsageError('error.verify.unreadable', { value: file, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
      }
      let verdict: BundleVerdict;
      try {
        verdict = await verifyBundle(bytes);
      } catch (err) {
        throw new UsageError('error.verify.notZip', { value: file, reason: (err as Error).message });
      }
      process.stdout.write(format === 'json' ? `${JSON.stringify({ file, ok: verdict.ok, checked: verdict.checked, problems: verdict.problems }, null, 2)}\n` : `${describe(verdict, file, lang)}\n`);
      process.exitCode = verdict.ok ? EXIT.ok : EXIT.jobFailed;
    });
}
