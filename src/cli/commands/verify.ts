// `dvc-monitor verify BUNDLE`: an auditor's offline check of a report bundle. Needs no store and
// no configuration: only the zip and its manifest.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { verifyBundle, type BundleVerdict } from '../../report/bundle.ts';
import { t, type Lang } from '../../i18n.ts';
import { langOf, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';

const PROBLEM: Record<BundleVerdict['problems'][number]['problem'], { vi: string; en: string }> = {
  missing: { vi: 'có trong bản kê nhưng không có trong gói', en: 'listed in the manifest but not in the bundle' },
  altered: { vi: 'nội dung khác mã băm SHA-256 trong bản kê (đã bị sửa)', en: 'its content does not match the SHA-256 in the manifest (altered)' },
  not_listed: { vi: 'có trong gói nhưng không có trong bản kê (được thêm vào)', en: 'in the bundle but not in the manifest (added)' },
  name_is_not_its_hash: { vi: 'tên tệp bằng chứng không phải mã băm của nội dung', en: 'the evidence file is not named by the hash of its content' },
  manifest_unreadable: { vi: 'không đọc được bản kê manifest.json', en: 'manifest.json cannot be read' },
};

function describe(v: BundleVerdict, file: string, lang: Lang): string {
  const lines = [v.ok
    ? t(lang, `${file}: hợp lệ — ${v.checked} tệp khớp mã băm SHA-256 trong bản kê (báo cáo kỳ ${v.manifest!.period}, tạo lúc ${v.manifest!.generatedAt}, dvc-monitor ${v.manifest!.tool}).`,
      `${file}: valid — ${v.checked} files match the SHA-256 in the manifest (report for ${v.manifest!.period}, generated ${v.manifest!.generatedAt}, dvc-monitor ${v.manifest!.tool}).`)
    : t(lang, `${file}: KHÔNG hợp lệ — ${v.problems.length} vấn đề:`, `${file}: NOT valid — ${v.problems.length} problems:`)];
  for (const p of v.problems) lines.push(`  ${p.path}: ${PROBLEM[p.problem][lang]}`);
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
