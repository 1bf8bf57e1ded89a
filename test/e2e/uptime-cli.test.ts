// `dvc-monitor probe` and `dvc-monitor uptime` as real child processes against the sandbox.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { runCli, startCli } from '../helpers/cli.ts';
import { writeSandboxConfig } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('dvc-monitor probe and uptime', () => {
  it('probes once, records an outage, and reports it as a table, JSON and CSV', async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url);
    const common = ['--config', config, '--db', join(dir, 's.sqlite'), '--log-level', 'silent'];
    sandbox.setFault('site:hanoi', { mode: 'http_5xx', status: 503 });
    const down = await runCli(['probe', '--once', ...common]);
    sandbox.setFault('site:hanoi', null);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toBe('dvc-hanoi/home: NGỪNG HOẠT ĐỘNG (lỗi máy chủ (HTTP 5xx))\n');
    const up = await runCli(['probe', '--once', ...common, '--lang', 'en']);
    expect(up.stdout).toBe('dvc-hanoi/home: UP\n');

    const table = await runCli(['uptime', ...common]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^TÌNH TRẠNG HOẠT ĐỘNG — từ 01\/\d\d\/\d{4} đến/);
    expect(table.stdout).toContain('Trạng thái hiện tại: HOẠT ĐỘNG');
    expect(table.stdout).toContain('Tỷ lệ sẵn sàng: 50,00% (2 lần đo được tính: 1 hoạt động, 0 suy giảm, 1 ngừng');
    expect(table.stdout).toMatch(/Sự cố: 1; .*\n\s+\d\d:\d\d \d\d\/\d\d\/\d{4} → \d\d:\d\d \d\d\/\d\d\/\d{4} \(.+\): lỗi máy chủ \(HTTP 5xx\)/);

    const json = await runCli(['uptime', ...common, '--format', 'json', '--portal', 'dvc-hanoi']);
    const report = JSON.parse(json.stdout) as { endpoints: Array<{ endpoint: string; total: { availabilityPercent: number }; incidents: Array<{ cause: string }> }> };
    expect(report.endpoints.map((e) => [e.endpoint, e.total.availabilityPercent, e.incidents.map((i) => i.cause)])).toEqual([['home', 50, ['http_5xx']]]);

    const csv = await runCli(['uptime', ...common, '--format', 'csv', '--lang', 'en']);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header).toBe('date,portal,endpoint,url,up,degraded,down,maintenance,unknown,failed_probes,availability_percent,p50_ms,p95_ms');
    expect(rows.at(-1)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d,dvc-hanoi,home,${sandbox.url}/sites/hanoi/,1,0,1,0,0,1,50,\\d+,\\d+$`));
  });

  it('refuses bad arguments with exit 2, naming the option and the fix', async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url);
    const common = ['--config', config, '--db', join(dir, 's.sqlite')];
    // `uptime` only reads: it needs a store (an empty one here) to say the portal has no endpoint in it.
    expect((await runCli(['db', 'migrate', ...common])).code).toBe(0);
    const unknown = await runCli(['uptime', ...common, '--portal', 'dvc-nowhere']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--portal "dvc-nowhere" không có điểm đo nào được giám sát trong kho này, và chưa cổng nào được giám sát\. Cách sửa: chạy dvc-monitor probe/);
    const date = await runCli(['uptime', ...common, '--from', '2026-13-01', '--lang', 'en']);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/--from "2026-13-01" is not a date\. Fix: write YYYY-MM-DD/);
    expect((await runCli(['uptime', ...common, '--format', 'xml'])).code).toBe(2);
  });

  it('refuses a condition typo before probing anything: exit 2 with the place and the fix (issue 13 item 7)', async () => {
    const dir = tempDir();
    const config = join(dir, 'typo.yaml');
    writeFileSync(config, `version: 1\nportals:\n  - id: dvc-hanoi\n    agency: "tinh:01"\n    name: Hà Nội\n    url: "${sandbox.url}/sites/hanoi/"\n    probes:\n      - id: home\n        url: "${sandbox.url}/sites/hanoi/"\n        conditions: ["[STATUS] === 200"]\n`);
    const before = sandbox.requestCount();
    const r = await runCli(['probe', '--once', '--config', config, '--db', join(dir, 's.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${config}:10:22 portals[0].probes[0].conditions[0] là "[STATUS] === 200": không phải là một điều kiện:`);
    expect(r.stderr).toContain('"===" không phải là toán tử; có phải là "=="? ví dụ "[STATUS] == 200"');
    const en = await runCli(['probe', '--once', '--config', config, '--db', join(dir, 's.sqlite'), '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('"===" is not an operator; did you mean "=="? e.g. "[STATUS] == 200"');
    expect(sandbox.requestCount()).toBe(before);
  });

  it('runs until SIGTERM or SIGINT and then stops cleanly', async () => {
    const dir = tempDir();
    const config = writeSandboxConfig(dir, sandbox.url);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { child, done } = startCli(['probe', '--config', config, '--db', join(dir, 's.sqlite'), '--log-level', 'silent']);
      await new Promise<void>((resolve) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('Đang đo 1 điểm đo của 1 cổng; dừng bằng Ctrl+C.')) resolve();
        });
      });
      child.kill(signal);
      const result = await done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('Đã dừng đo.');
    }
  });
});
