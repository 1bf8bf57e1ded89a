import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openData } from '../../collectors/open-data.ts';
import { OpenDataSourceSchema } from '../../src/config/schema.ts';
import { failureOf, jobFor, payload, registry, valueOf } from '../helpers/normalise.ts';

const csv = (over: Record<string, unknown> = {}) => OpenDataSourceSchema.parse({
  id: 'd', kind: 'open-data', url: 'http://127.0.0.1:1/{period}.csv', format: 'csv', agencyColumn: 'Mã tỉnh', agencyLevel: 'province',
  columns: { 'Hồ sơ tiếp nhận': 'dossiers.received', 'Tỷ lệ (%)': 'reported.online_dossier_rate', 'Hồ sơ số hóa': 'dossiers.digitised' }, ...over,
});
const FILE = '\uFEFFBÁO CÁO SỐ LIỆU, THÁNG 10/2026\r\n\r\nSTT;Mã tỉnh;Hồ sơ tiếp nhận;Tỷ lệ (%)\r\n1;01;1.234.567;52,31\r\n2;"48";"2.000";N/A\r\n;Tổng cộng;;\r\n3;99;5;1\r\n';

describe('open-data normaliser', () => {
  it('reads a CSV below its title rows, agencies by gateway code, Vietnamese numbers', async () => {
    const r = await openData.normalise(csv(), jobFor('2026-10'), [payload(FILE)], registry);
    expect(valueOf(r, 'tinh:01', 'dossiers.received')?.value).toBe(1234567);
    expect(valueOf(r, 'tinh:01', 'reported.online_dossier_rate')?.value).toBe(52.31);
    expect(valueOf(r, 'tinh:48', 'reported.online_dossier_rate')!.nullReason).toBe('not_available: the portal wrote "N/A" (row 5, "Tỷ lệ (%)")');
    // A column the export lacks: missing for every row, one note; an unknown code: a note, no guess.
    expect(valueOf(r, 'tinh:48', 'dossiers.digitised')).toMatchObject({ value: null, nullReason: expect.stringContaining('"Hồ sơ số hóa" is not in') });
    expect(r.notes.filter((n) => n.kind === 'not_found')).toHaveLength(1);
    expect(r.notes.some((n) => n.kind === 'unknown_unit' && n.message.includes('"99"'))).toBe(true);
  });

  it('reads the same code as the old province before the merger', async () => {
    const r = await openData.normalise(csv(), jobFor('2025-06'), [payload(FILE)], registry);
    expect(valueOf(r, 'tinh63:01', 'dossiers.received')?.value).toBe(1234567);
  });

  it('maps agency names through the config, with a comma delimiter', async () => {
    const src = csv({ agencyColumn: 'Đơn vị', agencyLevel: undefined, agencies: { 'Bộ Công Thương': 'bo:BCT' }, columns: { 'Số hồ sơ': 'dossiers.received' } });
    const r = await openData.normalise(src, jobFor('2026-10'), [payload('Đơn vị,Số hồ sơ\n"Bộ  Công Thương","1,234,567"\n')], registry);
    expect(valueOf(r, 'bo:BCT', 'dossiers.received')?.value).toBe(1234567);
  });

  it('reads an XLSX sheet, keeping only the rows of the month asked for', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow(['Dữ liệu mở']);
    sheet.addRow(['Tháng', 'Mã tỉnh', 'Hồ sơ tiếp nhận', 'Tỷ lệ (%)']);
    sheet.addRow(['09/2026', '01', 100, 50.5]);
    sheet.addRow([new Date(Date.UTC(2026, 9, 1)), '01', 200, { formula: 'B1', result: 60.25 }]);
    sheet.addRow(['10/2026', '48', -7, { richText: [{ text: '4' }, { text: '0' }] }]);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const src = OpenDataSourceSchema.parse({ ...csv(), format: 'xlsx', periodColumn: 'Tháng', sheet: 'Số liệu' });
    const r = await openData.normalise(src, jobFor('2026-10'), [payload(body)], registry);
    expect(valueOf(r, 'tinh:01', 'dossiers.received')?.value).toBe(200);
    expect(valueOf(r, 'tinh:01', 'reported.online_dossier_rate')?.value).toBe(60.25);
    expect(valueOf(r, 'tinh:48', 'dossiers.received')!.nullReason).toMatch(/^negative/);
    expect(valueOf(r, 'tinh:48', 'reported.online_dossier_rate')?.value).toBe(40);
    expect((await failureOf(() => openData.normalise({ ...src, sheet: 'Khác' }, jobFor('2026-10'), [payload(body)], registry))).reason).toBe('unexpected_shape');
    expect((await failureOf(() => openData.normalise(src, jobFor('2026-11'), [payload(body)], registry))).reason).toBe('empty');
    expect((await failureOf(() => openData.normalise(src, jobFor('2026-10'), [payload(body.subarray(0, body.length - 200))], registry))).reason).toBe('truncated');
    expect((await failureOf(() => openData.normalise(csv(), jobFor('2026-10'), [payload(body)], registry))).reason).toBe('not_csv');
  });

  it('names an HTML page, a truncated file and a changed layout', async () => {
    const html = payload('<!DOCTYPE html><html><head><title>Đăng nhập hệ thống</title>');
    expect(await failureOf(() => openData.normalise(csv(), jobFor('2026-10'), [html], registry))).toMatchObject({ reason: 'not_csv', message: expect.stringContaining('Đăng nhập hệ thống') });
    expect((await failureOf(() => openData.normalise({ ...csv(), format: 'xlsx' }, jobFor('2026-10'), [html], registry))).reason).toBe('not_xlsx');
    expect((await failureOf(() => openData.normalise(csv(), jobFor('2026-10'), [payload(FILE.slice(0, FILE.indexOf('52,3')))], registry))).reason).toBe('truncated');
    expect((await failureOf(() => openData.normalise(csv(), jobFor('2026-10'), [payload(FILE.replace('Mã tỉnh', 'Mã ĐVHC'))], registry))).reason).toBe('unexpected_shape');
    expect((await failureOf(() => openData.normalise(csv(), jobFor('2026-10'), [payload(FILE.replace('Hồ sơ tiếp nhận;Tỷ lệ (%)', 'A;B'))], registry))).reason).toBe('unexpected_shape');
    expect((await failureOf(() => openData.normalise(csv(), jobFor('2026-10'), [payload('STT;Mã tỉnh;Hồ sơ tiếp nhận\r\n')], registry))).reason).toBe('empty');
  });
});
