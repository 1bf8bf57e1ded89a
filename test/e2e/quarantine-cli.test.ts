// Quarantine in every output that shows figures (issue 13 item 2): `run`, `quality`, `kpi`,
// `summary`, `evidence`, `report`, `export` and the dashboard, as real child processes and a real
// server over a store the real runner filled through a proxy that serves Hà Nội's HS_TOTAL as
// "9999999999999"; then `quality release` puts the value back, recorded with who and why.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { startDashboard } from '../../src/server/server.ts';
import { addMonths, currentMonth } from '../../src/time/period.ts';
import { openStore } from '../../storage/db.ts';
import { runCli } from '../helpers/cli.ts';
import { rewritingProxy, type RewritingProxy } from '../helpers/rewriting-proxy.ts';
import { tempDir } from '../helpers/tmp.ts';

// The last complete month: what the dashboard's /metrics and the alert rules judge.
const PERIOD = addMonths(currentMonth(), -1);
let sandbox: Sandbox;
let proxy: RewritingProxy;
let dir: string;
let common: string[];
let configText: string;
let absurdRun: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 2026 });
  proxy = await rewritingProxy(sandbox.url);
  dir = tempDir();
  configText = `version: 1
sources:
  - { id: gateway, kind: national-portal, url: "${proxy.url}/jsp/rest.jsp", reports: [monthly_counts], levels: [ministry, province], pageSize: 100 }
`;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, 'config.yaml'), configText);
  common = ['--config', join(dir, 'config.yaml'), '--db', join(dir, 's.sqlite'), '--log-level', 'silent'];
  const history = await runCli(['run', '--from', addMonths(PERIOD, -3), '--to', PERIOD, ...common]);
  expect(history.code, history.stderr).toBe(0);
  proxy.rewrite = (path, body) => {
    const rows = JSON.parse(body.toString('utf8')) as Array<Record<string, string>>;
    for (const row of rows) if (row.MA_COQUAN === '01' && row.CAPDONVIID === '2' && 'HS_TOTAL' in row) row.HS_TOTAL = '9999999999999';
    return Buffer.from(JSON.stringify(rows));
  };
  const absurd = await runCli(['run', '--period', PERIOD, ...common]);
  proxy.rewrite = null;
  expect(absurd.code, absurd.stderr).toBe(0);
  absurdRun = absurd.stdout;
}, 240_000);
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

const HELD_VI = 'tinh:01 dossiers.received = 9.999.999.999.999 — lớn bất khả: 9.999.999.999.999 vượt mức tối đa có thể của số hồ sơ của một cơ quan trong một tháng (100.000.000)';

describe('quarantine in every output', () => {
  it('run and quality say what is held back and why; quality quarantined lists it', async () => {
    expect(absurdRun).toContain('1 số liệu đang bị cách ly, không dùng trong chỉ tiêu và cảnh báo (xem `dvc-monitor quality quarantined`):');
    expect(absurdRun).toContain(`${PERIOD} ${HELD_VI}`);
    const quality = await runCli(['quality', '--period', PERIOD, ...common]);
    expect(quality.code, quality.stderr).toBe(0);
    expect(quality.stdout).toContain('1 số liệu đang bị cách ly (không dùng trong chỉ tiêu, xếp hạng, tổng hợp và cảnh báo cho tới khi được xác nhận hoặc giải phóng)');
    expect(quality.stdout).toContain(HELD_VI);
    // Times in Vietnam time with the offset, flag findings in the reader's words (kept in English in the store).
    expect(quality.stdout).toMatch(/\[nguồn gateway, từ \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \(UTC\+7\)\]/);
    expect(quality.stdout).toMatch(/bất thường\s+dossiers\.resolved_late\s+76 dưới 1\/10 trung vị của 3 kỳ trước \(\d+\)/);
    expect(quality.stdout).not.toMatch(/Z\]|median|earlier periods/);
    const en = await runCli(['quality', 'quarantined', '--format', 'json', '--lang', 'en', ...common]);
    expect(JSON.parse(en.stdout)).toEqual([expect.objectContaining({
      agencyCode: 'tinh:01', metric: 'dossiers.received', period: PERIOD, value: 9999999999999, rule: 'too_large', status: 'quarantined', sourceId: 'gateway',
      reason: '9,999,999,999,999 is above the most one agency\'s count for a month can be (100,000,000)',
    })]);
    // The run judged its alerts on this month: no KPI alert from the absurd count, a data.anomaly for the quarantine.
    const alerts = JSON.parse((await runCli(['alerts', '--json', ...common])).stdout) as Array<{ rule: string; subject: string }>;
    const onIt = ['VN', 'khoi:tinh', 'tinh:01'].map((a) => `${a}|rate.online_dossiers`);
    expect(alerts.filter((a) => a.rule.startsWith('kpi.') && onIt.includes(a.subject))).toEqual([]);
    expect(alerts.map((a) => a.subject)).toContain(`quarantined|tinh:01|dossiers.received|${PERIOD}`);
    const evidence = await runCli(['evidence', 'tinh:01', 'dossiers.received', PERIOD, ...common]);
    expect(evidence.stdout).toMatch(/BỊ CÁCH LY từ .*: 9\.999\.999\.999\.999 vượt mức tối đa .* — không dùng trong chỉ tiêu, xếp hạng, tổng hợp, cảnh báo/);
  });

  it('kpi marks the incomplete blocks and the quarantined agency, in the table, the detail and CSV', async () => {
    const table = await runCli(['kpi', '--period', PERIOD, ...common]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/Cả nước\s+.*%\*/);
    expect(table.stdout).toMatch(/Thành phố Hà Nội\s+\S+%\s+\S*\s+cách ly/);
    expect(table.stdout).toContain('SỐ LIỆU BỊ CÁCH LY');
    expect(table.stdout).toContain(`  ${HELD_VI}`);
    const country = await runCli(['kpi', '--period', PERIOD, '--agency', 'VN', ...common]);
    expect(country.stdout).toMatch(/Tỷ lệ hồ sơ trực tuyến: [\d,]+% = [\d.]+ \/ [\d.]+ \(chưa đầy đủ, không gồm tinh:01 \(dossiers\.received bị cách ly: lớn bất khả\)\)/);
    const hanoi = await runCli(['kpi', '--period', PERIOD, '--agency', 'tinh:01', '--lang', 'en', ...common]);
    expect(hanoi.stdout).toContain('Dossiers filed online: not computed: quarantined value — tinh:01 dossiers.received = 9,999,999,999,999 — impossibly large');
    const csv = await runCli(['kpi', '--period', PERIOD, '--format', 'csv', ...common]);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header!.split(',').at(-1)).toBe('quarantined_values');
    expect(rows.find((r) => r.startsWith(`${PERIOD},VN,`) && r.includes(',rate.online_dossiers,'))).toMatch(/,tinh:01 dossiers\.received=9999999999999 \(too_large\)$/);
  });

  it('summary gives the country figure without Hà Nội and says so', async () => {
    const summary = await runCli(['summary', '--period', PERIOD, ...common]);
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toMatch(/Tỷ lệ hồ sơ trực tuyến: cả nước [\d,]+%.*\n  chưa đầy đủ, không gồm tinh:01 \(dossiers\.received bị cách ly: lớn bất khả\)/);
    expect(summary.stdout).toContain(`Thành phố Hà Nội: số liệu bị cách ly — ${HELD_VI}`);
  });

  it('the report, the exports and the dashboard show it too', async () => {
    const out = join(dir, 'out');
    expect((await runCli(['report', '--period', PERIOD, '--out', out, ...common])).code).toBe(0);
    const report = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('.html'))!), 'utf8');
    expect(report).toContain('<h3>Số liệu bị cách ly</h3>');
    expect(report).toMatch(/<td>tinh:01<\/td><td>dossiers\.received<\/td><td class="num">9\.999\.999\.999\.999<\/td><td>lớn bất khả<\/td>/);
    expect(report).toMatch(/<td class="num incomplete" title="chưa đầy đủ, không gồm tinh:01[^"]*">[\d,]+%\*<\/td>/);
    expect(report).toContain('<td class="num quarantined"');

    expect((await runCli(['export', '--period', PERIOD, '--format', 'json', '--out', out, ...common])).code).toBe(0);
    const exported = JSON.parse(readFileSync(join(out, `dvc-monitor-${PERIOD}.json`), 'utf8'));
    expect(exported.quarantine).toEqual([expect.objectContaining({ agency_code: 'tinh:01', metric: 'dossiers.received', value: 9999999999999, rule: 'too_large', status: 'quarantined' })]);
    expect(exported.measures.find((m: Record<string, unknown>) => m.agency_code === 'tinh:01' && m.metric === 'dossiers.received')).toMatchObject({ value: 9999999999999, quarantined_rule: 'too_large' });
    expect(exported.kpis.find((k: Record<string, unknown>) => k.agency_code === 'VN' && k.kpi === 'rate.online_dossiers').quarantined_values).toBe('tinh:01 dossiers.received=9999999999999 (too_large)');

    const db = openStore(join(dir, 's.sqlite'));
    const dashboard = await startDashboard({ db, loaded: parseConfig(configText, 'c.yaml', {}), log: createLogger('silent'), token: null, port: 0 });
    try {
      const api = await (await fetch(`${dashboard.url}/api/overview?period=${PERIOD}&lang=en`)).json() as { aggregates: Array<{ kpis: Record<string, { excluded: unknown[] | null }> }>; quarantined: Array<{ reason: string }> };
      expect(api.aggregates[0]!.kpis['rate.online_dossiers']!.excluded).toHaveLength(1);
      expect(api.quarantined.map((q) => q.reason)).toEqual(['9,999,999,999,999 is above the most one agency\'s count for a month can be (100,000,000)']);
      const page = await (await fetch(`${dashboard.url}/?period=${PERIOD}`)).text();
      expect(page).toContain('<h2 id="cach-ly">Số liệu bị cách ly</h2>');
      expect(page).toContain(`<li>${HELD_VI}</li>`);
      const agency = await (await fetch(`${dashboard.url}/agency/tinh:01?period=${PERIOD}`)).text();
      expect(agency).toContain('<td class="num quarantined"');
      const metrics = await (await fetch(`${dashboard.url}/metrics`)).text();
      expect(metrics).toMatch(/^dvc_kpi_quarantined_agencies\{kpi="rate.online_dossiers",agency="VN",level="national",region=""\} 1$/m);
      expect(metrics).toMatch(/^dvc_kpi_quarantined_agencies\{kpi="rate.services_with_online_filings",agency="VN",level="national",region=""\} 0$/m);
    } finally {
      await dashboard.close();
      db.close();
    }
  });

  it('quality release needs who and why, records them, and the value counts again', async () => {
    const noName = await runCli(['quality', 'release', 'tinh:01', 'dossiers.received', PERIOD, '--reason', 'đã kiểm tra', ...common]);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('cần --by: người giải phóng số liệu được ghi lại. Cách sửa: thêm --by "Nguyễn Văn An"');
    const wrong = await runCli(['quality', 'release', 'tinh:02', 'dossiers.received', PERIOD, '--by', 'An', '--reason', 'x', ...common, '--lang', 'en']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`tinh:02 dossiers.received ${PERIOD} is not quarantined. Fix: \`dvc-monitor quality quarantined\` lists the values held back`);
    const release = await runCli(['quality', 'release', 'tinh:01', 'dossiers.received', PERIOD, '--by', 'Nguyễn Văn An', '--reason', 'Sở xác nhận bằng công văn 123/STTTT', ...common]);
    expect(release.code, release.stderr).toBe(0);
    expect(release.stdout).toMatch(/^Đã giải phóng tinh:01 dossiers\.received tháng \d+\/\d{4} = 9999999999999 \(lớn bất khả\): từ nay được dùng trong chỉ tiêu, xếp hạng, tổng hợp và cảnh báo\. Ghi nhận: Nguyễn Văn An, lúc \S+, lý do: Sở xác nhận bằng công văn 123\/STTTT\./);
    const history = JSON.parse((await runCli(['quality', 'quarantined', '--all', '--format', 'json', ...common])).stdout);
    expect(history).toEqual([expect.objectContaining({ status: 'released', endedBy: 'Nguyễn Văn An', endReason: 'Sở xác nhận bằng công văn 123/STTTT' })]);
    const country = await runCli(['kpi', '--period', PERIOD, '--agency', 'VN', ...common]);
    expect(country.stdout).not.toContain('chưa đầy đủ');
    // Released stays released: the same value collected again is not held back again.
    proxy.rewrite = (path, body) => Buffer.from(body.toString('utf8').replace(/("MA_COQUAN":"01","CAPDONVIID":"2","HS_TOTAL":")\d+/, '$19999999999999'));
    try {
      await runCli(['run', '--period', PERIOD, ...common]);
    } finally {
      proxy.rewrite = null;
    }
    expect(JSON.parse((await runCli(['quality', 'quarantined', '--format', 'json', ...common])).stdout)).toEqual([]);
  });
});
