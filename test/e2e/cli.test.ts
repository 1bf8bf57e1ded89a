import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { runCli } from '../helpers/cli.ts';
import { writeSandboxConfig } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('dvc-monitor CLI', () => {
  it('has --help on every command, in Vietnamese unless English is asked for', async () => {
    for (const args of [['--help'], ['run', '--help'], ['demo', '--help'], ['summary', '--help'], ['config', 'validate', '--help'], ['db', 'migrate', '--help']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Cách dùng: dvc-monitor/);
      expect(r.stdout).toContain('Tùy chọn:');
      expect(r.stdout).toContain('-h, --help');
      expect(r.stdout).not.toMatch(/Usage:|Options:|display help/);
      // Every option's help too, not only commander's words (every command: test/unit/cli-help-lang.test.ts).
      expect(r.stdout).not.toMatch(/\b(the|only|this|from|with|every) [a-z]+/);
      const en = await runCli([...args, '--lang', 'en']);
      expect(en.code, args.join(' ')).toBe(0);
      expect(en.stdout).toMatch(/^Usage: dvc-monitor/);
    }
    const top = await runCli(['--help']);
    expect(top.stdout).toContain('Lệnh:');
    expect(top.stdout).toMatch(/summary\s+bản tóm tắt toàn quốc của một tháng/);
    const viaEnv = await runCli(['--help'], { DVC_MONITOR_LANG: 'en' });
    expect(viaEnv.stdout).toMatch(/summary\s+the national summary for a month/);
  });

  it('refuses a bad configuration with exit 2, naming the place, the value and the fix', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\nportals:\n  - id: x\n    agency: "tinh:01"\n    name: X\n    url: ftp://x.gov.vn/\n    colour: red\n');
    const r = await runCli(['config', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:6:10 portals[0].url is "ftp://x.gov.vn/": is not an http(s) URL. Fix:`);
    expect(r.stderr).toContain(`${file}:7:5 portals[0].colour unknown key "colour". Fix: remove it`);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: 2 lỗi trong cấu hình\n`));
    const en = await runCli(['config', 'validate', file, '--lang', 'en']);
    expect(en.stderr).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: 2 problems in the configuration\n`));
    const ok = await runCli(['config', 'validate', 'config/vietnam.yaml']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/cấu hình hợp lệ — 23 cổng, 3 nguồn, 115 cơ quan/);
    expect((await runCli(['config', 'validate', 'config/vietnam.yaml', '--lang', 'en'])).stdout).toMatch(/valid — 23 portals, 3 sources, 115 agencies\./);
  });

  it('refuses bad arguments with exit 2', async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url);
    const bad = await runCli(['run', '--config', config, '--db', join(dir, 's.sqlite'), '--period', '2026-13']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('--period "2026-13" không phải là một tháng. Cách sửa: viết theo dạng YYYY-MM, ví dụ --period 2026-10\n');
    const en = await runCli(['run', '--config', config, '--db', join(dir, 's.sqlite'), '--period', '2026-13', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe('--period "2026-13" is not a month. Fix: write YYYY-MM, for example --period 2026-10\n');
    const viaEnv = await runCli(['summary', '--config', config, '--db', join(dir, 's.sqlite'), '--format', 'xml'], { DVC_MONITOR_LANG: 'en' });
    expect(viaEnv.code).toBe(2);
    expect(viaEnv.stderr).toBe('--format "xml" is not one this command gives. Fix: use --format table, --format json\n');
    expect((await runCli(['run', '--bogus'])).code).toBe(2);
    expect((await runCli(['summary', '--config', config, '--db', join(dir, 's.sqlite'), '--format', 'xml'])).code).toBe(2);
  });

  it('runs, prints a summary, and exits 1 when a job failed', async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url);
    const db = join(dir, 's.sqlite');
    const ok = await runCli(['run', '--config', config, '--db', db, '--period', '2026-09', '--log-level', 'silent']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Lần chạy #1: thành công\.\n  4 việc: 4 thành công, 0 thất bại/);

    sandbox.setFault('gateway:report_tinh_766_service', { mode: 'html_200' });
    try {
      const failed = await runCli(['run', '--config', config, '--db', db, '--period', '2026-09', '--lang', 'en']);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toMatch(/Run #2: some jobs failed\.\n  4 jobs: 2 succeeded, 2 failed/);
      expect(failed.stdout).toMatch(/gateway\/index_766\/ministry\/2026-09: not_json — the gateway answered an HTML page instead of JSON/);
      // Not on a terminal: pino JSON logs on stderr, one object per line.
      const logs = failed.stderr.trim().split('\n').map((l) => JSON.parse(l));
      expect(logs.some((l) => l.msg === 'job finished' && l.reason === 'not_json')).toBe(true);
    } finally {
      sandbox.setFault('gateway:report_tinh_766_service', null);
    }
    const store = new Database(db, { readonly: true });
    expect(store.prepare("SELECT failure_reason FROM job WHERE run_id = 2 AND status = 'failed'").pluck().all()).toEqual(['not_json', 'not_json']);
    store.close();

    const summary = await runCli(['summary', '--config', config, '--db', db, '--period', '2026-09']);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/TỔNG HỢP QUỐC GIA — tháng 9\/2026/);
    expect(summary.stdout).toMatch(/Tỷ lệ hồ sơ trực tuyến: cả nước \d+,\d\d%/);
  });

  it('migrates a store from nothing', async () => {
    const dir = tempDir();
    const r = await runCli(['db', 'migrate', '--db', join(dir, 'new.sqlite')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/đã áp dụng 001_registry\.sql, 002_runs\.sql/);
    expect((await runCli(['db', 'migrate', '--db', join(dir, 'new.sqlite')])).stdout).toMatch(/lược đồ đã mới nhất/);
  });
});
