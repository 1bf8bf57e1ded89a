// Commander's own errors, as the real program raises them, said in the reader's language with the fix.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';

/** What the program writes on stderr for these arguments. */
async function stderrOf(args: string[]): Promise<string> {
  const program = await buildProgram(args);
  let written = '';
  const capture = { writeErr: (s: string) => { written += s; }, writeOut: () => {} };
  program.configureOutput(capture);
  for (const cmd of program.commands) cmd.configureOutput(capture);
  await program.parseAsync(args, { from: 'user' }).catch(() => {});
  return written;
}

describe('commander\'s errors', () => {
  it.each([
    [['run', '--bogus'], "lỗi: không có tùy chọn '--bogus'. Cách sửa: xem các tùy chọn bằng --help", "error: unknown option '--bogus'. Fix: see the options with --help"],
    [['run', '--period'], "lỗi: tùy chọn '--period <YYYY-MM>' cần một giá trị. Cách sửa: viết giá trị sau tùy chọn", "error: option '--period <YYYY-MM>' needs a value. Fix: write it after the option"],
    [['status-page'], "lỗi: thiếu tùy chọn bắt buộc '--out <dir>'. Cách sửa: thêm nó", "error: required option '--out <dir>' not given. Fix: add it"],
    [['evidence'], "lỗi: thiếu tham số bắt buộc 'agency-or-sha256'. Cách sửa: xem cần nêu gì bằng --help", "error: missing required argument 'agency-or-sha256'. Fix: see what to give with --help"],
    [['verify', 'a.zip', 'b.zip'], "lỗi: quá nhiều tham số cho 'verify': có 2, cần 1. Cách sửa: xem cần nêu gì bằng --help", "error: too many arguments for 'verify': 2 given, 1 expected. Fix: see what to give with --help"],
    [['--log-level', 'loud', 'run'], "lỗi: tùy chọn '--log-level <level>' không nhận giá trị 'loud'. Cách sửa: dùng một trong", "error: option '--log-level <level>' argument 'loud' is not offered. Fix: use one of"],
    [['runn'], "lỗi: không có lệnh 'runn'. Cách sửa: xem các lệnh bằng dvc-monitor --help\n(Có phải ý bạn là run?)", "error: unknown command 'runn'. Fix: see the commands with dvc-monitor --help\n(Did you mean run?)"],
  ])('%j', async (args, vi, en) => {
    expect(await stderrOf(args)).toContain(vi);
    expect(await stderrOf([...args, '--lang', 'en'])).toContain(en);
  });
});
