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
    // Vietnamese by default (issue 15): every line, not only the heading.
    expect(r.stderr).toBe([
      `${file}: 2 lỗi trong cấu hình`,
      `  - ${file}:6:10 portals[0].url là "ftp://x.gov.vn/": không phải là địa chỉ http(s). Cách sửa: viết địa chỉ đầy đủ bắt đầu bằng https:// (http:// chỉ dùng cho môi trường thử nghiệm trên máy)`,
      `  - ${file}:7:5 portals[0].colour là khóa không được hỗ trợ: "colour". Cách sửa: xóa đi hoặc sửa lại cho đúng chính tả`,
      '',
    ].join('\n'));
    const en = await runCli(['config', 'validate', file, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe([
      `${file}: 2 problems in the configuration`,
      `  - ${file}:6:10 portals[0].url is "ftp://x.gov.vn/": is not an http(s) URL. Fix: write a full address starting with https:// (http:// only for local sandboxes)`,
      `  - ${file}:7:5 portals[0].colour unknown key "colour". Fix: remove it or correct its spelling`,
      '',
    ].join('\n'));
    // Any command that loads the file says it the same way; an unset variable and a cross-check too.
    const unset = join(dir, 'unset.yaml');
    writeFileSync(unset, 'version: 1\nportals:\n  - id: x\n    agency: "tinh:01"\n    name: X\n    url: "${PORTAL_URL_NOT_SET}"\n');
    const summary = await runCli(['summary', '--config', unset, '--db', join(dir, 's.sqlite')], { PORTAL_URL_NOT_SET: '' });
    expect(summary.code).toBe(2);
    expect(summary.stderr).toContain(`${unset}:6:10 portals[0].url dùng biến môi trường PORTAL_URL_NOT_SET, nhưng biến này chưa được đặt. Cách sửa: export PORTAL_URL_NOT_SET=… hoặc viết \${PORTAL_URL_NOT_SET:-default}`);
    const unknown = join(dir, 'unknown.yaml');
    writeFileSync(unknown, 'version: 1\nhttp: { retries: many }\nportals:\n  - { id: x, agency: "tinh:99", name: X, url: "https://x.gov.vn/" }\n');
    const typed = await runCli(['config', 'validate', unknown], { DVC_MONITOR_LANG: 'en' });
    expect(typed.code).toBe(2);
    expect(typed.stderr).toContain(`${unknown}:2:18 http.retries is "many", expected number. Fix: write a number`);
    writeFileSync(unknown, 'version: 1\nportals:\n  - { id: x, agency: "tinh:99", name: X, url: "https://x.gov.vn/" }\n');
    const cross = await runCli(['config', 'validate', unknown]);
    expect(cross.code).toBe(2);
    expect(cross.stderr).toContain(`${unknown}:3:22 portals[0].agency "tinh:99" không phải là mã cơ quan đã biết. Cách sửa: dùng một mã như "tinh:01", "bo:BCT" hoặc "VN", hoặc thêm cơ quan đó vào "agencies"`);
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
      expect(failed.stdout).toMatch(/gateway\/index_766\/ministry\/2026-09: not_json \(not JSON\) — the gateway answered an HTML page instead of JSON/);
      // In Vietnamese the reason is named in Vietnamese, the portal's own words marked as technical detail.
      const failedVi = await runCli(['run', '--config', config, '--db', db, '--period', '2026-09', '--log-level', 'silent']);
      expect(failedVi.stdout).toMatch(/gateway\/index_766\/ministry\/2026-09: not_json \(không phải JSON\) — chi tiết kỹ thuật \(tiếng Anh\): the gateway answered an HTML page instead of JSON/);
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
