// Issue 15, exports: `dvc-monitor export` from a real store, opened the way its readers open it.
// CSV: a byte-order mark (Excel otherwise shows "Cả nước" as mojibake), Vietnamese headers (English
// with --lang en), values rounded as shown with the full value beside, `;` and decimal commas with
// --excel. XLSX read back with exceljs: typed cells, percent and date formats, local times, frozen
// and filtered headers, widths, the data dictionary and provenance sheets. JSON: full values, its
// dictionary, and a JSON Schema every row satisfies. Bad options: exit 2, naming option and fix.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { openStore } from '../../storage/db.ts';
import { upsertMeasures } from '../../storage/measures.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { createRun, finishRun } from '../../storage/runs.ts';
import { runCli } from '../helpers/cli.ts';
import { parseCsv } from '../helpers/csv.ts';
import { tempDir } from '../helpers/tmp.ts';

const PERIOD = '2026-09';
// 42,203 of 55,753 dossiers online: 75.69637508295519 %, the float the issue saw in the CSV.
const ONLINE = 42203;
const RECEIVED = 55753;
const RATE = (ONLINE / RECEIVED) * 100;
const UPDATED = new Date('2026-10-01T00:30:00Z'); // 07:30 in Hà Nội
const REASON_WITH_SEMICOLON = 'bảng trống; cổng trả lời 500';

let dir: string;
let common: string[];
let hash: string;
let runId: number;

beforeAll(() => {
  dir = tempDir();
  const config = join(dir, 'config.yaml');
  const text = 'version: 1\nportals: []\n';
  writeFileSync(config, text);
  const loaded = parseConfig(text, config, {});
  hash = loaded.hash;
  const dbFile = join(dir, 'store.sqlite');
  const db = openStore(dbFile);
  syncRegistry(db, loaded.agencies, [], []);
  const run = createRun(db, { trigger: 'test', plan: [], pid: process.pid, host: 'test', now: UPDATED, toolVersion: '0.1.0', nodeVersion: process.version, configHash: hash, scoringVersion: 'score/2', axeVersion: '4.14.1' });
  runId = run.id;
  upsertMeasures(db, [
    { agencyCode: 'tinh:01', metric: 'dossiers.received', period: PERIOD, value: RECEIVED, nullReason: null, snapshotId: null, locator: 'HS_TOTAL' },
    { agencyCode: 'tinh:01', metric: 'dossiers.received_online', period: PERIOD, value: ONLINE, nullReason: null, snapshotId: null, locator: 'HTN_TRUCTUYEN' },
    { agencyCode: 'tinh:01', metric: 'dossiers.synced', period: PERIOD, value: null, nullReason: REASON_WITH_SEMICOLON, snapshotId: null, locator: null },
    { agencyCode: 'tinh:01', metric: 'dossiers.digitised', period: PERIOD, value: null, nullReason: 'x'.repeat(40_000), snapshotId: null, locator: null },
  ], { sourceId: null, runId, now: UPDATED });
  finishRun(db, runId, 'succeeded', UPDATED);
  db.close();
  common = ['--config', config, '--db', dbFile, '--period', PERIOD];
});

async function exportTo(args: string[]): Promise<string> {
  const out = join(dir, args.join('_').replace(/[^a-z]+/gi, '-') || 'default');
  const r = await runCli(['export', ...common, '--out', out, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

const file = (out: string, name: string) => join(out, `dvc-monitor-${PERIOD}${name}`);

/** The row of a parsed table whose cells under `match` columns equal the given values. */
function rowOf(rows: string[][], match: Record<string, string>): Record<string, string> {
  const [header, ...body] = rows;
  const found = body.find((r) => Object.entries(match).every(([k, v]) => r[header!.indexOf(k)] === v));
  expect(found, JSON.stringify(match)).toBeDefined();
  return Object.fromEntries(header!.map((h, i) => [h, found![i]!]));
}

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark, speaks Vietnamese, rounds as shown and keeps the full value beside', async () => {
    const out = await exportTo(['--format', 'csv']);
    const bytes = readFileSync(file(out, '-kpis.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Cả nước');
    const kpis = parseCsv(text);
    expect(kpis[0]!.slice(0, 8)).toEqual(['Kỳ', 'Mã cơ quan', 'Cơ quan', 'Cấp', 'Chỉ tiêu', 'Tên chỉ tiêu', 'Tỷ lệ (%)', 'Tỷ lệ (%) — giá trị đầy đủ']);
    const row = rowOf(kpis, { 'Mã cơ quan': 'tinh:01', 'Chỉ tiêu': 'rate.online_dossiers' });
    expect(row['Tỷ lệ (%)']).toBe('75.70');
    expect(row['Tỷ lệ (%) — giá trị đầy đủ']).toBe('75.69637508295519');
    expect(row['Tử số']).toBe(String(ONLINE));
    expect(row['Tên chỉ tiêu']).toBe('Tỷ lệ hồ sơ trực tuyến');
    expect(row['Cơ quan']).toBe('Thành phố Hà Nội');

    const measures = parseCsv(readFileSync(file(out, '-measures.csv'), 'utf8'));
    const synced = rowOf(measures, { 'Mã cơ quan': 'tinh:01', 'Chỉ số thu thập': 'dossiers.synced' });
    expect(synced['Giá trị']).toBe('');
    expect(synced['Lý do thiếu']).toBe(REASON_WITH_SEMICOLON);
    // Local time (Asia/Ho_Chi_Minh), as a spreadsheet parses a date and time.
    expect(synced['Cập nhật lúc']).toBe('2026-10-01 07:30:00');
    expect(synced['Lần chạy']).toBe(String(runId));

    // The dictionary beside the tables names every column written, with its meaning, unit and source.
    const dictionary = parseCsv(readFileSync(file(out, '-dictionary.csv'), 'utf8'));
    expect(dictionary[0]).toEqual(['Bảng', 'Cột', 'Mã cột', 'Ý nghĩa', 'Đơn vị', 'Nguồn', 'Kiểu']);
    const rate = rowOf(dictionary, { 'Bảng': 'Chỉ tiêu', 'Mã cột': 'rate_percent' });
    expect(rate).toMatchObject({ 'Cột': 'Tỷ lệ (%)', 'Đơn vị': '%', 'Kiểu': 'tỷ lệ phần trăm, làm tròn 2 chữ số thập phân' });
    expect(rate['Ý nghĩa']).toContain('Tử số ÷ mẫu số × 100');
    for (const [name, title] of [['kpis', 'Chỉ tiêu'], ['measures', 'Số liệu'], ['quarantine', 'Cách ly'], ['findings', 'Cảnh báo dữ liệu'], ['uptime', 'Sẵn sàng'], ['checks', 'Kiểm tra']] as const) {
      const header = parseCsv(readFileSync(file(out, `-${name}.csv`), 'utf8'))[0]!;
      expect(dictionary.filter((r) => r[0] === title).map((r) => r[1])).toEqual(header);
    }
    const provenance = parseCsv(readFileSync(file(out, '-provenance.csv'), 'utf8'));
    expect(rowOf(provenance, { 'Mã': 'config_hash' })['Giá trị']).toBe(hash);
    expect(rowOf(provenance, { 'Mã': 'run_id' })['Giá trị']).toBe(String(runId));
    expect(rowOf(provenance, { 'Mã': 'measure_runs' })['Giá trị']).toBe(String(runId));
  });

  it('speaks English with --lang en', async () => {
    const out = await exportTo(['--format', 'csv', '--lang', 'en']);
    const kpis = parseCsv(readFileSync(file(out, '-kpis.csv'), 'utf8'));
    expect(kpis[0]!.slice(0, 8)).toEqual(['Period', 'Agency code', 'Agency', 'Level', 'KPI', 'KPI name', 'Rate (%)', 'Rate (%) — full value']);
    expect(rowOf(kpis, { 'Agency code': 'tinh:01', KPI: 'rate.online_dossiers' })['Rate (%)']).toBe('75.70');
    expect(parseCsv(readFileSync(file(out, '-dictionary.csv'), 'utf8'))[0]).toEqual(['Table', 'Column', 'Column key', 'Meaning', 'Unit', 'Source', 'Type']);
  });

  it('--excel: ";" between fields and decimal commas, as Excel set to Vietnamese reads them; --delimiter ";" alone keeps the point', async () => {
    const out = await exportTo(['--format', 'csv', '--excel']);
    const text = readFileSync(file(out, '-kpis.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const kpis = parseCsv(text, ';');
    const row = rowOf(kpis, { 'Mã cơ quan': 'tinh:01', 'Chỉ tiêu': 'rate.online_dossiers' });
    expect(row['Tỷ lệ (%)']).toBe('75,70');
    expect(row['Tỷ lệ (%) — giá trị đầy đủ']).toBe('75,69637508295519');
    // Every row has as many fields as the header: a ";" inside a text is quoted.
    const measures = parseCsv(readFileSync(file(out, '-measures.csv'), 'utf8'), ';');
    for (const r of measures) expect(r).toHaveLength(measures[0]!.length);
    expect(rowOf(measures, { 'Chỉ số thu thập': 'dossiers.synced' })['Lý do thiếu']).toBe(REASON_WITH_SEMICOLON);

    const semi = await exportTo(['--format', 'csv', '--delimiter', ';']);
    expect(rowOf(parseCsv(readFileSync(file(semi, '-kpis.csv'), 'utf8'), ';'), { 'Mã cơ quan': 'tinh:01', 'Chỉ tiêu': 'rate.online_dossiers' })['Tỷ lệ (%)']).toBe('75.70');
  });
});

describe('XLSX export', () => {
  it('has typed, formatted cells, local dates, frozen and filtered headers, widths, a data dictionary and provenance', async () => {
    const out = await exportTo(['--format', 'xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file(out, '.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Số liệu', 'Chỉ tiêu', 'Cách ly', 'Cảnh báo dữ liệu', 'Sẵn sàng', 'Kiểm tra', 'Từ điển dữ liệu', 'Nguồn gốc']);

    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      const last = sheet.getRow(1).cellCount;
      expect(sheet.autoFilter, sheet.name).toBe(`A1:${sheet.getColumn(last).letter}1`);
      for (let c = 1; c <= last; c++) expect(sheet.getColumn(c).width, `${sheet.name} ${c}`).toBeGreaterThanOrEqual(10);
    }

    const kpis = workbook.getWorksheet('Chỉ tiêu')!;
    const header = (kpis.getRow(1).values as unknown[]).slice(1) as string[];
    const cellOf = (row: ExcelJS.Row, name: string) => row.getCell(header.indexOf(name) + 1);
    const row = kpis.getRows(2, kpis.rowCount - 1)!.find((r) => cellOf(r, 'Mã cơ quan').value === 'tinh:01' && cellOf(r, 'Chỉ tiêu').value === 'rate.online_dossiers')!;
    const rate = cellOf(row, 'Tỷ lệ (%)');
    expect(rate.type).toBe(ExcelJS.ValueType.Number);
    expect(rate.value).toBe(0.757);
    expect(rate.numFmt).toBe('0.00%');
    const raw = cellOf(row, 'Tỷ lệ (%) — giá trị đầy đủ');
    expect(raw.value).toBe(RATE / 100);
    expect(raw.numFmt).toContain('%');
    expect(cellOf(row, 'Tử số').value).toBe(ONLINE);
    expect(cellOf(row, 'Mẫu số').type).toBe(ExcelJS.ValueType.Number);
    // The agency column is wide enough for "Thành phố Hà Nội".
    expect(kpis.getColumn(header.indexOf('Cơ quan') + 1).width).toBeGreaterThanOrEqual('Thành phố Hà Nội'.length);

    const measures = workbook.getWorksheet('Số liệu')!;
    const mHeader = (measures.getRow(1).values as unknown[]).slice(1) as string[];
    const received = measures.getRows(2, measures.rowCount - 1)!.find((r) => r.getCell(mHeader.indexOf('Chỉ số thu thập') + 1).value === 'dossiers.received')!;
    const updated = received.getCell(mHeader.indexOf('Cập nhật lúc') + 1);
    expect(updated.type).toBe(ExcelJS.ValueType.Date);
    // A date cell has no time zone: it shows the wall clock in Hà Nội (07:30), not UTC (00:30).
    expect((updated.value as Date).toISOString()).toBe('2026-10-01T07:30:00.000Z');
    expect(updated.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    const value = received.getCell(mHeader.indexOf('Giá trị') + 1);
    expect([value.type, value.value]).toEqual([ExcelJS.ValueType.Number, RECEIVED]);
    expect(received.getCell(mHeader.indexOf('Lần chạy') + 1).numFmt).toBe('#,##0');
    // Excel holds at most 32,767 characters in a cell: a longer text is cut and marked, not a file Excel must repair.
    const long = measures.getRows(2, measures.rowCount - 1)!.find((r) => r.getCell(mHeader.indexOf('Chỉ số thu thập') + 1).value === 'dossiers.digitised')!;
    const reason = long.getCell(mHeader.indexOf('Lý do thiếu') + 1).value as string;
    expect([reason.length, reason.endsWith('x…')]).toEqual([32_767, true]);

    const dictionary = workbook.getWorksheet('Từ điển dữ liệu')!;
    const entries = dictionary.getRows(2, dictionary.rowCount - 1)!.map((r) => (r.values as unknown[]).slice(1) as string[]);
    expect((dictionary.getRow(1).values as unknown[]).slice(1)).toEqual(['Bảng', 'Cột', 'Mã cột', 'Ý nghĩa', 'Đơn vị', 'Nguồn', 'Kiểu']);
    // One dictionary: every sheet's headers are its entries, in order.
    for (const sheet of workbook.worksheets.slice(0, 6)) {
      expect(entries.filter((e) => e[0] === sheet.name).map((e) => e[1])).toEqual((sheet.getRow(1).values as unknown[]).slice(1));
    }
    expect(entries.find((e) => e[2] === 'updated_at')!.slice(3, 6)).toEqual(['Lần ghi gần nhất của giá trị', 'ngày giờ Việt Nam (UTC+7)', 'Kho dữ liệu (bảng measure): giá trị thu thập được']);

    const provenance = workbook.getWorksheet('Nguồn gốc')!;
    const items = new Map(provenance.getRows(2, provenance.rowCount - 1)!.map((r) => [r.getCell(2).value, r.getCell(3).value]));
    expect(items.get('config_hash')).toBe(hash);
    expect(items.get('run_config_hash')).toBe(hash);
    expect(items.get('run_id')).toBe(runId);
    expect(items.get('scoring_version')).toBe('score/2');
    expect(items.get('axe_version')).toBe('4.14.1');
    expect(items.get('period')).toBe(PERIOD);
    // The run recorded no browser (no check ran): said, not left blank.
    expect(items.get('browser_version')).toBe('không ghi nhận');
  });

  it('names its sheets and headers in English with --lang en', async () => {
    const out = await exportTo(['--format', 'xlsx', '--lang', 'en']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file(out, '.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Measures', 'KPIs', 'Quarantine', 'Data-quality flags', 'Availability', 'Checks', 'Data dictionary', 'Provenance']);
    expect((workbook.getWorksheet('KPIs')!.getRow(1).values as unknown[]).slice(1, 9)).toEqual(['Period', 'Agency code', 'Agency', 'Level', 'KPI', 'KPI name', 'Rate (%)', 'Rate (%) — full value']);
  });
});

describe('JSON export', () => {
  it('holds full values under the dictionary\'s keys, local times with their offset, its dictionary and a schema every row satisfies', async () => {
    const out = await exportTo(['--format', 'json']);
    const json = JSON.parse(readFileSync(file(out, '.json'), 'utf8')) as Record<string, unknown> & { dictionary: Record<string, { columns: Array<{ key: string; header: { vi: string } }> }> };
    const kpis = json.kpis as Array<Record<string, unknown>>;
    expect(kpis.find((k) => k.agency_code === 'tinh:01' && k.kpi === 'rate.online_dossiers')!.rate_percent).toBe(RATE);
    const measures = json.measures as Array<Record<string, unknown>>;
    expect(measures.find((m) => m.metric === 'dossiers.synced')!.updated_at).toBe('2026-10-01T07:30:00+07:00');
    expect(json.dictionary.kpis!.columns.find((c) => c.key === 'rate_percent')!.header.vi).toBe('Tỷ lệ (%)');
    expect((json.provenance as Record<string, unknown>).config_hash).toBe(hash);

    expect(json.$schema).toBe(`./dvc-monitor-${PERIOD}.schema.json`);
    const schema = JSON.parse(readFileSync(file(out, '.schema.json'), 'utf8')) as { required: string[]; properties: Record<string, { items?: { required: string[]; properties: Record<string, { type: string[]; title: string }> } }> };
    expect(Object.keys(json).filter((k) => k !== '$schema').sort()).toEqual([...schema.required].sort());
    const ofType = (v: unknown, types: string[]) => types.some((t) => (t === 'null' ? v === null : t === 'integer' ? Number.isInteger(v) : typeof v === t));
    for (const [name, { columns }] of Object.entries(json.dictionary)) {
      const items = schema.properties[name]!.items!;
      expect(items.required).toEqual(columns.map((c) => c.key));
      expect(columns.map((c) => items.properties[c.key]!.title)).toEqual(columns.map((c) => c.header.vi));
      for (const row of json[name] as Array<Record<string, unknown>>) {
        expect(Object.keys(row)).toEqual(items.required);
        for (const [key, v] of Object.entries(row)) expect(ofType(v, items.properties[key]!.type), `${name}.${key} = ${JSON.stringify(v)}`).toBe(true);
      }
    }
  });
});

describe('bad options', () => {
  it('exit 2 naming the option, the value and the fix, and write nothing', async () => {
    const out = join(dir, 'refused');
    const cases: Array<[string[], RegExp]> = [
      [['--format', 'ods'], /--format "ods" is not supported\. Fix: use --format xlsx, --format csv or --format json/],
      [['--period', '2026-13'], /--period "2026-13" is not a month\. Fix: write YYYY-MM/],
      [['--format', 'csv', '--delimiter', '|'], /--delimiter "\|" is not supported\. Fix: use --delimiter "," or --delimiter ";"/],
      [['--excel'], /--excel shapes CSV files, and --format is xlsx\. Fix: add --format csv/],
      [['--format', 'csv', '--excel', '--delimiter', ','], /--excel writes ";" between fields .* Fix: leave --delimiter out/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['export', ...common, '--out', out, ...args, '--lang', 'en']);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
  });
});
