// Open-data exports, as provinces publish them for download:
// - /open-data/ho-so-luy-ke-<YYYY-MM>.csv: one row per province, year-to-date ("lũy kế")
//   figures, UTF-8 with a byte-order mark, ";" between fields, CRLF, title rows above the header;
// - /open-data/ho-so-<YYYY>.xlsx: one sheet with a row per month and province, monthly figures,
//   numbers stored as numbers, the month written "MM/YYYY".
// Figures come from data.ts, so tests recompute what the collector must store.
import ExcelJS from 'exceljs';
import { isMonthPeriod, monthRange, type MonthPeriod } from '../../src/time/period.ts';
import { monthFraction, monthlyFigures, type UnitFigures } from './data.ts';
import { formatViDecimal, formatViInt } from './format.ts';
import { redesign } from './mangle.ts';

export const OPEN_DATA_CSV = (period: string) => `/open-data/ho-so-luy-ke-${period}.csv`;
export const OPEN_DATA_XLSX = (year: number | string) => `/open-data/ho-so-${year}.xlsx`;

export const CSV_HEADER = ['STT', 'Mã tỉnh', 'Tên tỉnh, thành phố', 'Hồ sơ tiếp nhận (lũy kế)', 'Tiếp nhận trực tuyến (lũy kế)', 'Giải quyết đúng hạn (lũy kế)', 'Tỷ lệ trực tuyến (%)'];
export const XLSX_HEADER = ['Tháng', 'Mã tỉnh', 'Tên đơn vị', 'Hồ sơ tiếp nhận', 'Tiếp nhận trực tuyến', 'Hồ sơ được số hóa', 'Tỷ lệ trực tuyến (%)'];

export interface OpenDataAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const pct = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 100 : 0);
const monthLabel = (p: MonthPeriod) => `${p.slice(5, 7)}/${p.slice(0, 4)}`;

/** bad_values: what a careless export does to some cells (every fourth row gets one). */
function spoil(row: number, value: string | number): string | number {
  switch (row % 8) {
    case 0: return '-120';
    case 2: return '99.999.999.999.999.999';
    case 4: return 'N/A';
    case 6: return '12,5';
    default: return value;
  }
}

const csvCell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function yearToDateCsv(figures: UnitFigures[], period: MonthPeriod, badValues: boolean): string {
  const rows = figures.map((f, i) => {
    const y = f.ytd;
    return [String(i + 1), f.unit.gatewayCode, f.unit.name,
      badValues ? String(spoil(i, formatViInt(y.received))) : formatViInt(y.received),
      formatViInt(y.receivedOnline), formatViInt(y.resolvedOnTime), formatViDecimal(pct(y.receivedOnline, y.received))];
  });
  const lines = [
    ['BÁO CÁO TÌNH HÌNH TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH'],
    [`Số liệu lũy kế từ đầu năm đến hết tháng ${monthLabel(period)} (dữ liệu mở, sandbox)`],
    [],
    CSV_HEADER,
    ...rows,
  ];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

async function monthlyXlsx(seed: number, months: MonthPeriod[], now: Date, badValues: boolean, renamed: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Số liệu');
  sheet.addRow([`Số liệu tiếp nhận hồ sơ năm ${months[0]!.slice(0, 4)} theo tháng (dữ liệu mở, sandbox)`]);
  sheet.addRow([]);
  sheet.addRow(XLSX_HEADER.map((h) => (renamed ? redesign(h) : h)));
  let i = 0;
  for (const period of months) {
    for (const f of monthlyFigures(seed, period, 'province', now)) {
      const m = f.monthly;
      sheet.addRow([monthLabel(period), f.unit.gatewayCode, f.unit.name, badValues ? spoil(i, m.received) : m.received, m.receivedOnline, m.digitised, pct(m.receivedOnline, m.received)]);
      i++;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const WORKBOOKS = new Map<string, Promise<Buffer>>();

/** Answers a GET under /open-data/, or null when the path is not one of the exports. */
export async function answerOpenData(path: string, ctx: { seed: number; now: Date }, fault: { badValues: boolean; redesigned: boolean }): Promise<OpenDataAnswer | null> {
  const csv = /^\/open-data\/ho-so-luy-ke-(\d{4}-\d{2})\.csv$/.exec(path);
  if (csv) {
    const period = csv[1]!;
    if (!isMonthPeriod(period) || monthFraction(period, ctx.now) === null) return notFound(`Không có tệp dữ liệu cho tháng ${period}.`);
    let text = yearToDateCsv(monthlyFigures(ctx.seed, period, 'province', ctx.now), period, fault.badValues);
    if (fault.redesigned) text = redesign(text);
    return { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="ho-so-luy-ke-${period}.csv"` }, body: Buffer.from(text, 'utf8') };
  }
  const xlsx = /^\/open-data\/ho-so-(\d{4})\.xlsx$/.exec(path);
  if (xlsx) {
    const year = xlsx[1]!;
    const months = monthRange(`${year}-01`, `${year}-12`).filter((p) => monthFraction(p, ctx.now) !== null);
    if (months.length === 0) return notFound(`Không có tệp dữ liệu cho năm ${year}.`);
    // A year's workbook is the same for every month's job of a run: built once, kept for a few requests.
    const key = `${ctx.seed}|${ctx.now.getTime()}|${months.join(',')}|${fault.badValues}|${fault.redesigned}`;
    let built = WORKBOOKS.get(key);
    if (!built) {
      built = monthlyXlsx(ctx.seed, months, ctx.now, fault.badValues, fault.redesigned);
      WORKBOOKS.set(key, built);
      if (WORKBOOKS.size > 8) WORKBOOKS.delete(WORKBOOKS.keys().next().value!);
    }
    const body = await built;
    return { status: 200, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="ho-so-${year}.xlsx"` }, body };
  }
  return null;
}

function notFound(message: string): OpenDataAnswer {
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(`${message}\n`, 'utf8') };
}
