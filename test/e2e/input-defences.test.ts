// Issue 13, "Also": bad input is exit 2 with a message naming the place, the value and the fix,
// never exit 4 with a stack trace or a silent acceptance — a YAML alias bomb, 1e400 in a number
// field, invalid UTF-8 in the configuration, a month in the future or an empty --period. The real
// CLI in child processes; nothing is collected and no store is created.
import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

function expectBadInput(r: CliResult, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|lỗi nội bộ|\n\s+at /);
}

const GOOD = 'version: 1\nportals:\n  - { id: dvc-hanoi, agency: "tinh:01", name: "Hà Nội", url: "https://dichvucong.hanoi.gov.vn/" }\n';

describe('the configuration file', () => {
  it('refuses a YAML alias bomb by name, at its first alias', async () => {
    const dir = tempDir();
    const file = join(dir, 'bomb.yaml');
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++) levels.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(9).fill(`*${'abcdefgh'[i - 1]}`).join(',')}]`);
    writeFileSync(file, `version: 1\n${levels.join('\n')}\n`);
    expectBadInput(await runCli(['config', 'validate', file]), new RegExp(`${file.replace(/\./g, '\\.')}:3:8 bí danh YAML \\(\\*tên\\) bung ra quá lớn[^]*Cách sửa: viết thẳng các giá trị`));
    expectBadInput(await runCli(['config', 'validate', file, '--lang', 'en']), new RegExp(`${file.replace(/\./g, '\\.')}:3:8 YAML aliases \\(\\*name\\) expand too far[^]*Fix: write the values out`));
  });

  it('says a number written as 1e400 is out of range, not "null"', async () => {
    const dir = tempDir();
    const file = join(dir, 'inf.yaml');
    writeFileSync(file, 'version: 1\nhttp: { timeoutMs: 1e400, retries: -1e999 }\n');
    const r = await runCli(['config', 'validate', file, '--lang', 'en']);
    expectBadInput(r, new RegExp(`${file.replace(/\./g, '\\.')}:2:20 http\\.timeoutMs is 1e400, which is out of range: larger than any number can be\\. Fix:`));
    expect(r.stderr).toMatch(/http\.retries is -1e999, which is out of range: smaller than any number can be/);
    expect(r.stderr).not.toMatch(/is null/);
    const vi = await runCli(['config', 'validate', file]);
    expectBadInput(vi, new RegExp(`${file.replace(/\./g, '\\.')}:2:20 http\\.timeoutMs là 1e400, nằm ngoài phạm vi: lớn hơn mọi số có thể biểu diễn\\. Cách sửa:`));
    expect(vi.stderr).toMatch(/http\.retries là -1e999, nằm ngoài phạm vi: nhỏ hơn mọi số có thể biểu diễn/);
  });

  it('refuses invalid UTF-8 with its line and column instead of reading it as something else', async () => {
    const dir = tempDir();
    const file = join(dir, 'latin1.yaml');
    // "Hà Nội" saved by a Latin-1 editor: à is the single byte 0xE0.
    writeFileSync(file, Buffer.concat([Buffer.from('version: 1\nportals:\n  - { id: dvc-hanoi, agency: "tinh:01", name: "H'), Buffer.from([0xe0]), Buffer.from(' Nội", url: "https://dichvucong.hanoi.gov.vn/" }\n')]));
    expectBadInput(await runCli(['config', 'validate', file]), new RegExp(`${file.replace(/\./g, '\\.')}:3:49 không phải là UTF-8 hợp lệ \\(các byte 0xE0 [^]*Cách sửa: lưu tệp dưới dạng UTF-8`));
    expectBadInput(await runCli(['config', 'validate', file, '--lang', 'en']), new RegExp(`${file.replace(/\./g, '\\.')}:3:49 is not valid UTF-8 \\(bytes 0xE0 `));
    const good = join(dir, 'good.yaml');
    writeFileSync(good, `\uFEFF${GOOD}`);
    expect((await runCli(['config', 'validate', good])).code).toBe(0);
  });
});

describe('periods', () => {
  it('refuses a month in the future and an empty --period, as --to 2099-12 already was', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.yaml');
    writeFileSync(config, GOOD);
    const db = join(dir, 'store.sqlite');
    const common = ['--config', config, '--db', db];
    expectBadInput(await runCli(['run', ...common, '--period', '9999-12']), /--period 9999-12 là tháng trong tương lai \(tháng này là \d{4}-\d{2}\)\. Cách sửa: dùng \d{4}-\d{2} hoặc sớm hơn/);
    expectBadInput(await runCli(['run', ...common, '--period', '9999-12', '--lang', 'en']), /--period 9999-12 is in the future \(this month is \d{4}-\d{2}\)\. Fix: use \d{4}-\d{2} or earlier/);
    expectBadInput(await runCli(['run', ...common, '--period', '']), /--period "" không phải là một tháng\. Cách sửa: viết theo dạng YYYY-MM/);
    expectBadInput(await runCli(['run', ...common, '--period', '', '--lang', 'en']), /--period "" is not a month\. Fix: write YYYY-MM/);
    expectBadInput(await runCli(['run', ...common, '--from', '9999-01']), /--from 9999-01 là tháng trong tương lai/);
    expectBadInput(await runCli(['run', ...common, '--from', '', '--to', '2026-01']), /--from "" không phải là một tháng/);
    expectBadInput(await runCli(['run', ...common, '--to', '2099-12']), /--to 2099-12 là tháng trong tương lai/);
    expectBadInput(await runCli(['run', ...common, '--period', '2026-01', '--backfill', '--lang', 'en']), /--period, --backfill: only one of these can be given\. Fix: choose one way to name the months/);
    for (const command of ['summary', 'kpi', 'report', 'export', 'quality']) {
      expectBadInput(await runCli([command, ...common, '--period', '9999-12']), /--period 9999-12 là tháng trong tương lai/);
    }
    expectBadInput(await runCli(['summary', ...common, '--period', '']), /--period "" không phải là một tháng/);
    expect(existsSync(db)).toBe(false);
  }, 120_000);
});
