import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { monthlyFigures } from '../../scripts/sandbox/data.ts';
import { runCli } from '../helpers/cli.ts';
import { writeSandboxConfig } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

let sandbox: Sandbox;
let config: string;
let db: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11 });
  const dir = tempDir();
  config = writeSandboxConfig(dir, sandbox.url);
  db = join(dir, 'store.sqlite');
  const run = await runCli(['run', '--config', config, '--db', db, '--from', '2025-06', '--to', '2025-07', '--log-level', 'silent']);
  expect(run.code, run.stderr).toBe(0);
});
afterAll(async () => {
  await sandbox.close();
});

function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

describe('dvc-monitor kpi across the merger', () => {
  it('gives the same 34 provinces before and after 2025-07-01, the old ones summed into the new', async () => {
    const rowsByMonth: Record<string, Array<Record<string, string>>> = {};
    for (const period of ['2025-06', '2025-07']) {
      const r = await runCli(['kpi', '--config', config, '--db', db, '--period', period, '--level', 'province', '--format', 'csv']);
      expect(r.code, r.stderr).toBe(0);
      rowsByMonth[period] = parseCsv(r.stdout).filter((row) => row.level === 'province' && row.kpi === 'rate.online_dossiers');
    }
    const codes = (p: string) => rowsByMonth[p]!.map((r) => r.agency_code).sort();
    expect(codes('2025-06')).toHaveLength(34);
    expect(codes('2025-06')).toEqual(codes('2025-07'));
    for (const row of rowsByMonth['2025-06']!) expect(row.rate_percent).not.toBe('');

    // Before the merger a new province's denominator is its old provinces' dossiers; after, its own.
    const before = monthlyFigures(11, '2025-06', 'province');
    const after = monthlyFigures(11, '2025-07', 'province');
    for (const row of rowsByMonth['2025-06']!) {
      const olds = row.constituents!.split(' ').map((c) => before.find((f) => `tinh63:${f.unit.gatewayCode}` === c)!);
      expect(Number(row.denominator)).toBe(olds.reduce((s, f) => s + f.monthly.received, 0));
    }
    for (const row of rowsByMonth['2025-07']!) {
      expect(Number(row.denominator)).toBe(after.find((f) => `tinh:${f.unit.gatewayCode}` === row.agency_code)!.monthly.received);
    }
  });

  it('shows one agency in detail with targets, rank, roll-up and the 766 index side by side', async () => {
    const r = await runCli(['kpi', '--config', config, '--db', db, '--period', '2025-07', '--agency', 'bo:BCT']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Bộ Công Thương \(bo:BCT\) — tháng 7\/2025/);
    expect(r.stdout).toMatch(/Tỷ lệ hồ sơ trực tuyến: \d+,\d\d% = [\d.]+ \/ [\d.]+; mục tiêu 50,00% \([+−][\d,]+ điểm %\); hạng \d+\/17/);
    expect(r.stdout).toMatch(/Tiến độ giải quyết\s+[\d,]+\s+[\d,]+\s+[+−][\d,]+\s+\/20/);
    const merged = await runCli(['kpi', '--config', config, '--db', db, '--period', '2025-06', '--agency', 'tinh:79', '--lang', 'en']);
    expect(merged.stdout).toMatch(/Summed from: tinh63:74, tinh63:77, tinh63:79/);
    const unknown = await runCli(['kpi', '--config', config, '--db', db, '--period', '2025-06', '--agency', 'tinh:999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--agency "tinh:999" không phải là mã cơ quan đã biết\. Cách sửa:/);
  });
});

describe('dvc-monitor evidence', () => {
  it('traces a value to the payload, re-checking its hash, and notices tampering', async () => {
    const expected = monthlyFigures(11, '2025-07', 'province').find((f) => f.unit.gatewayCode === '01')!.monthly.received;
    const r = await runCli(['evidence', 'tinh:01', 'dossiers.received', '2025-07', '--config', config, '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.measure.value).toBe(expected);
    expect(out.snapshot).toMatchObject({ method: 'POST', url: `${sandbox.url}/jsp/rest.jsp`, status: 200 });
    expect(out.snapshot.request.body).toContain('report_by_month_sum_service');
    expect(out.bodyIntact).toBe(true);
    expect(out.excerpt).toContain(`▶ HS_TOTAL: "${expected}"`);

    const store = new Database(db);
    store.prepare('UPDATE blob SET body = ? WHERE sha256 = ?').run(gzipSync('[]'), out.snapshot.sha256);
    store.close();
    const tampered = await runCli(['evidence', 'tinh:01', 'dossiers.received', '2025-07', '--config', config, '--db', db]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/KHÔNG KHỚP: nội dung lưu trữ đã bị thay đổi/);

    const missing = await runCli(['evidence', 'tinh:01', 'dossiers.received', '2019-01', '--config', config, '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/không có số liệu nào được lưu cho cơ quan "tinh:01", chỉ số "dossiers.received", kỳ "2019-01"\. Cách sửa:/);
  });
});
