import { describe, expect, it } from 'vitest';
import { htmlPage } from '../../collectors/html-page.ts';
import { HtmlPageSourceSchema } from '../../src/config/schema.ts';
import { failureOf, jobFor, payload, registry, valueOf } from '../helpers/normalise.ts';

const job = jobFor('2026-10');
const rowsSource = (over: Record<string, unknown> = {}) => HtmlPageSourceSchema.parse({
  id: 'p', kind: 'html-page', url: 'http://127.0.0.1:1/thong-ke?thang={period}', agency: 'tinh:01', periodText: 'h2',
  table: { metricsIn: 'rows', labelColumn: 'Chỉ tiêu', valueColumn: 'Tháng {MM}/{YYYY}', metrics: { 'Hồ sơ tiếp nhận': 'dossiers.received', 'Tỷ lệ hồ sơ trực tuyến': 'reported.online_dossier_rate', 'Hồ sơ được số hóa': 'dossiers.digitised' } },
  ...over,
});
const page = (table: string, heading = 'Thống kê tháng 10/2026') => payload(`<!DOCTYPE html><html><body><h2>${heading}</h2>${table}</body></html>`);
const hanoiTable = `<table id="bang"><thead><tr><th>Chỉ tiêu</th><th>Tháng 10/2026</th><th>Lũy kế</th></tr></thead><tbody>
  <tr><th scope="row">Hồ sơ  tiếp nhận</th><td>1.234.567</td><td>9.999.999</td></tr>
  <tr><th scope="row">Tỷ lệ hồ sơ trực tuyến</th><td>97,67%</td><td>—</td></tr></tbody></table>`;

describe('statistics page normaliser', () => {
  it('reads rows by label and the column by its header, in Vietnamese formats', () => {
    const r = htmlPage.normalise(rowsSource(), job, [page(hanoiTable)], registry);
    expect(valueOf(r, 'tinh:01', 'dossiers.received')?.value).toBe(1234567);
    expect(valueOf(r, 'tinh:01', 'reported.online_dossier_rate')?.value).toBe(97.67);
    // A mapped row the page does not print: missing with a reason and a note, not 0.
    expect(valueOf(r, 'tinh:01', 'dossiers.digitised')).toMatchObject({ value: null, nullReason: 'missing: the row "Hồ sơ được số hóa" is not in the table' });
    expect(r.notes).toEqual([expect.objectContaining({ kind: 'not_found', metric: 'dossiers.digitised', period: '2026-10' })]);
  });

  it('finds the statistics table inside layout tables of an old build', () => {
    const legacy = `<table width="980"><tr><td>menu</td><td><table border="1"><tr><td><b>Chỉ tiêu</b></td><td><b>Tháng 10/2026</b></td></tr><tr><td><font>Hồ sơ tiếp nhận</font></td><td>5.000</td></tr></table></td></tr></table>`;
    const r = htmlPage.normalise(rowsSource({ table: { selector: 'table', metricsIn: 'rows', labelColumn: 'Chỉ tiêu', valueColumn: 'Tháng {MM}/{YYYY}', metrics: { 'Hồ sơ tiếp nhận': 'dossiers.received' } } }), job, [page(legacy)], registry);
    expect(valueOf(r, 'tinh:01', 'dossiers.received')?.value).toBe(5000);
  });

  it('reads a ranking table with one agency per row', () => {
    const src = HtmlPageSourceSchema.parse({
      id: 'p', kind: 'html-page', url: 'http://127.0.0.1:1/x',
      table: { metricsIn: 'columns', agencyColumn: 'Đơn vị', agencies: { 'Thành phố Hà Nội': 'tinh:01', 'Bộ Công Thương': 'bo:BCT' }, metrics: { 'Hồ sơ trực tuyến': 'dossiers.received_online' } },
    });
    const table = `<table><tr><th>STT</th><th>Đơn vị</th><th>Hồ sơ trực tuyến</th></tr><tr><td>1</td><td>Bộ Công Thương</td><td>12.345</td></tr><tr><td>2</td><td>Thành phố Hà Nội</td><td>-3</td></tr><tr><td>3</td><td>Tỉnh Mới</td><td>7</td></tr></table>`;
    const r = htmlPage.normalise(src, job, [page(table)], registry);
    expect(valueOf(r, 'bo:BCT', 'dossiers.received_online')?.value).toBe(12345);
    expect(valueOf(r, 'tinh:01', 'dossiers.received_online')!.nullReason).toMatch(/^negative/);
    expect(r.notes.some((n) => n.kind === 'unknown_unit' && n.message.includes('Tỉnh Mới'))).toBe(true);
  });

  it('reads single values by CSS selector', () => {
    const src = HtmlPageSourceSchema.parse({ id: 'p', kind: 'html-page', url: 'http://127.0.0.1:1/x', agency: 'tinh:01', selectors: { '#tong .so': 'dossiers.received', '#khong-co': 'dossiers.synced' } });
    const r = htmlPage.normalise(src, job, [page('<div id="tong"><span class="so"> 2.468 </span></div>')], registry);
    expect(valueOf(r, 'tinh:01', 'dossiers.received')?.value).toBe(2468);
    expect(valueOf(r, 'tinh:01', 'dossiers.synced')?.value).toBeNull();
  });

  it('names a moved table, renamed headers or labels, another month, and JSON instead of a page', async () => {
    const fail = (src: ReturnType<typeof rowsSource>, p: ReturnType<typeof page>) => failureOf(() => htmlPage.normalise(src, job, [p], registry));
    expect(await fail(rowsSource(), page('<div>Bảng đã chuyển sang trang khác</div>'))).toMatchObject({ reason: 'unexpected_shape' });
    expect(await fail(rowsSource(), page(hanoiTable.replace('Tháng 10/2026', 'Kỳ báo cáo 10-2026')))).toMatchObject({ reason: 'unexpected_shape', message: expect.stringContaining('"Tháng 10/2026"') });
    expect(await fail(rowsSource(), page(hanoiTable.replace('Hồ sơ  tiếp nhận', 'Tổng hồ sơ').replace('Tỷ lệ hồ sơ trực tuyến', 'Tỷ lệ')))).toMatchObject({ reason: 'unexpected_shape' });
    expect(await fail(rowsSource(), page(hanoiTable, 'Thống kê tháng 09/2026'))).toMatchObject({ reason: 'wrong_period' });
    expect(await fail(rowsSource(), payload('{"so_lieu": {}}'))).toMatchObject({ reason: 'not_html' });
    expect(await fail(rowsSource(), payload(''))).toMatchObject({ reason: 'empty' });
    const src = HtmlPageSourceSchema.parse({ id: 'p', kind: 'html-page', url: 'http://127.0.0.1:1/x', agency: 'tinh:01', selectors: { '#tong': 'dossiers.received' } });
    expect(await failureOf(() => htmlPage.normalise(src, job, [page('<p>trống</p>')], registry))).toMatchObject({ reason: 'unexpected_shape' });
  });

  it('never executes what the page carries: scripts are text to it', () => {
    const hostile = hanoiTable.replace('1.234.567', '<script>globalThis.pwned = true</script>1.234.567');
    const r = htmlPage.normalise(rowsSource(), job, [page(hostile)], registry);
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    expect(valueOf(r, 'tinh:01', 'dossiers.received')!.nullReason).toMatch(/^unreadable/);
  });
});
