// Reading XLSX exports with exceljs: the cells of one sheet as plain values (numbers stay
// numbers, dates become Date, formulas give their cached result, rich text its text).
import type ExcelJS from 'exceljs';
import { zipCut } from './complete.ts';
import { PayloadFailure } from './measure.ts';
import type { Cell } from './table.ts';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function plainValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  if ('error' in value) return null; // #DIV/0!, #N/A…: no value
  return null;
}

export async function readXlsxSheet(body: Buffer, sheet: string | undefined): Promise<Cell[][]> {
  if (!body.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new PayloadFailure('not_xlsx', 'the file is not an XLSX workbook (no ZIP signature)');
  }
  const cut = zipCut(body);
  if (cut) throw new PayloadFailure('truncated', `the workbook (${body.length} bytes) is cut short: ${cut}`);
  // Loaded here, not at start-up: exceljs costs a quarter of a second that most runs need not pay.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new PayloadFailure('malformed_xlsx', `the workbook cannot be read (${(err as Error).message.slice(0, 160)}): truncated or corrupt`);
  }
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!worksheet) {
    const names = workbook.worksheets.map((w) => JSON.stringify(w.name)).join(', ');
    throw new PayloadFailure('unexpected_shape', sheet === undefined ? 'the workbook has no sheet' : `the workbook has no sheet ${JSON.stringify(sheet)} (it has ${names})`);
  }
  const rows: Cell[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = plainValue(cell.value);
    });
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}
