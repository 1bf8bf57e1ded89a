// Writes the export tables as people and programs open them:
// - CSV: UTF-8 with a byte-order mark (Excel reads "Cả nước", not mojibake), headers in the user's
//   language, rounded values as shown with the full value in its own column, local times; `,`
//   by default, `;` on request, and the `excel` preset (`;` and decimal comma) for an Excel set
//   to Vietnamese, where `,` is the decimal separator. A dictionary and a provenance file beside.
// - XLSX: typed cells (numbers, percentages as formatted fractions, dates as dates in local time),
//   frozen and filtered header rows, column widths, a "Từ điển dữ liệu" sheet and a provenance sheet.
// - JSON: full values under the dictionary's keys, times in ISO 8601 with their offset, the
//   dictionary as a block, and a JSON Schema file derived from the same dictionary.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { quoteField, csvCell, type CsvDelimiter } from '../cli/csv.ts';
import type { Lang } from '../i18n.ts';
import { msg, type MessageKey } from '../messages/index.ts';
import { localDateTime, localIsoWithOffset, localWallClock } from '../time/period.ts';
import {
  DICTIONARY_HEADER, DIGITS, TABLE_TITLES, dictionaryRows, jsonDictionary, jsonSchema, tableColumns, withRawColumns,
  type ColumnSpec, type TableName,
} from './export-dictionary.ts';

export type Cell = string | number | null;

export interface ExportTable {
  name: TableName;
  /** The dictionary keys of the row positions. */
  header: readonly string[];
  rows: Cell[][];
}

export interface ProvenanceItem {
  key: string;
  label: Record<Lang, string>;
  value: Cell;
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface CsvStyle {
  delimiter: CsvDelimiter;
  decimalComma: boolean;
}

export interface ExportWrite {
  format: ExportFormat;
  dir: string;
  /** File name without extension: dvc-monitor-2026-10. */
  base: string;
  lang: Lang;
  period: string;
  generatedAt: Date;
  provenance: ProvenanceItem[];
  csv: CsvStyle;
}

const PROVENANCE_HEADER = ['export.provenance.col.item', 'export.provenance.col.key', 'export.provenance.col.value'] as const satisfies readonly MessageKey[];

/** A provenance row for people: a version no run recorded says so rather than leaving a blank. */
const provenanceRow = (p: ProvenanceItem, lang: Lang): Cell[] => [p.label[lang], p.key, p.value ?? msg(lang, 'export.provenance.notRecorded')];

const asDate = (value: Cell) => {
  const d = typeof value === 'string' ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

/** A value rounded as it is shown (what `formatPercent` prints). */
const rounded = (value: number, digits: number) => Number(value.toFixed(digits));

function typed(tables: readonly ExportTable[]) {
  return tables.map((t) => ({ ...t, columns: tableColumns(t.name, t.header) }));
}

// ---- CSV ---------------------------------------------------------------------------------

function csvValue(spec: ColumnSpec, raw: boolean, value: Cell, style: CsvStyle): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const digits = DIGITS[spec.type];
    const text = digits !== undefined && !raw ? value.toFixed(digits) : String(value);
    return quoteField(style.decimalComma ? text.replace('.', ',') : text, style.delimiter);
  }
  if (spec.type === 'datetime') {
    const at = asDate(value);
    if (at) return localDateTime(at);
  }
  return csvCell(value, style.delimiter);
}

function csvText(header: string[], rows: string[][], style: CsvStyle): string {
  // The byte-order mark makes Excel read the file as UTF-8 (without it, "Cả nước" turns to mojibake).
  const line = (cells: string[]) => cells.join(style.delimiter);
  return `\uFEFF${[header.map((h) => csvCell(h, style.delimiter)).join(style.delimiter), ...rows.map(line)].join('\n')}\n`;
}

function writeCsv(tables: ReturnType<typeof typed>, w: ExportWrite): string[] {
  const files = tables.map((table) => {
    const columns = withRawColumns(table.columns);
    const index = new Map(table.header.map((k, i) => [k, i]));
    const rows = table.rows.map((row) => columns.map(({ spec, raw, from }) => csvValue(spec, raw, row[index.get(from)!] ?? null, w.csv)));
    const file = join(w.dir, `${w.base}-${table.name}.csv`);
    writeFileSync(file, csvText(columns.map(({ spec }) => spec.header[w.lang]), rows, w.csv));
    return file;
  });
  const dictionary = join(w.dir, `${w.base}-dictionary.csv`);
  writeFileSync(dictionary, csvText(DICTIONARY_HEADER.map((h) => h[w.lang]), dictionaryRows(tables, w.lang, true).map((r) => r.map((c) => csvCell(c, w.csv.delimiter))), w.csv));
  const provenance = join(w.dir, `${w.base}-provenance.csv`);
  writeFileSync(provenance, csvText(PROVENANCE_HEADER.map((h) => msg(w.lang, h)), w.provenance.map((p) => provenanceRow(p, w.lang).map((c) => csvCell(c, w.csv.delimiter))), w.csv));
  return [...files, dictionary, provenance];
}

// ---- XLSX --------------------------------------------------------------------------------

/** Number formats: percentages are fractions shown as percent; dates are real dates. */
function numFmt(spec: ColumnSpec, raw: boolean): string | undefined {
  switch (spec.type) {
    case 'percent': return raw ? '0.00##########%' : '0.00%';
    case 'points': return raw ? 'General' : '0.00';
    case 'score': return raw ? 'General' : '0.0';
    case 'integer': return '#,##0';
    case 'datetime': return 'yyyy-mm-dd hh:mm:ss';
    case 'date': return 'yyyy-mm-dd';
    default: return undefined;
  }
}

function xlsxValue(spec: ColumnSpec, raw: boolean, value: Cell): Date | string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const digits = DIGITS[spec.type];
    const shown = digits !== undefined && !raw ? rounded(value, digits) : value;
    return spec.type === 'percent' ? shown / 100 : shown;
  }
  // A spreadsheet shows a date cell as its wall clock: the local (Asia/Ho_Chi_Minh) one.
  if (spec.type === 'datetime') return asDate(value) ? localWallClock(asDate(value)!) : value;
  if (spec.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  // A string stays a string cell, never a formula, whatever it starts with; Excel holds at most
  // 32,767 characters in a cell (a longer one makes it "repair" the file), so a longer text is cut, marked.
  return value.length > XLSX_CELL_MAX ? `${value.slice(0, XLSX_CELL_MAX - 1)}…` : value;
}

const XLSX_CELL_MAX = 32_767;

const displayWidth = (value: unknown) => {
  if (value === null || value === undefined) return 0;
  if (value instanceof Date) return 19;
  return Math.max(...String(value).split('\n').map((l) => [...l].length));
};

function addSheet(workbook: ExcelJS.Workbook, title: string, header: string[], rows: unknown[][], formats: Array<string | undefined>): ExcelJS.Worksheet {
  // Frozen header row; an autofilter over every column.
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  const head = sheet.addRow(header);
  head.font = { bold: true };
  head.alignment = { vertical: 'top', wrapText: true };
  for (const row of rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, header.length) } };
  header.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    if (formats[i]) column.numFmt = formats[i]!;
    // Wide enough for the header and the longest value, within reason (a long finding wraps).
    const widest = Math.max(displayWidth(h) * 0.9, ...rows.slice(0, 2000).map((r) => displayWidth(r[i])));
    column.width = Math.min(60, Math.max(10, Math.ceil(widest) + 2));
    if (widest > 58) column.alignment = { vertical: 'top', wrapText: true };
  });
  head.numFmt = 'General';
  return sheet;
}

async function writeXlsx(tables: ReturnType<typeof typed>, w: ExportWrite): Promise<string[]> {
  // Loaded when a workbook is written, not at start-up (a quarter of a second).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'dvc-monitor';
  workbook.created = w.generatedAt;
  workbook.title = `dvc-monitor ${w.period}`;
  for (const table of tables) {
    const columns = withRawColumns(table.columns);
    const index = new Map(table.header.map((k, i) => [k, i]));
    const rows = table.rows.map((row) => columns.map(({ spec, raw, from }) => xlsxValue(spec, raw, row[index.get(from)!] ?? null)));
    addSheet(workbook, TABLE_TITLES[table.name][w.lang], columns.map(({ spec }) => spec.header[w.lang]), rows, columns.map(({ spec, raw }) => numFmt(spec, raw)));
  }
  addSheet(workbook, TABLE_TITLES.dictionary[w.lang], DICTIONARY_HEADER.map((h) => h[w.lang]), dictionaryRows(tables, w.lang, true), []);
  addSheet(workbook, TABLE_TITLES.provenance[w.lang], PROVENANCE_HEADER.map((h) => msg(w.lang, h)), w.provenance.map((p) => provenanceRow(p, w.lang)), []);
  const file = join(w.dir, `${w.base}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return [file];
}

// ---- JSON --------------------------------------------------------------------------------

function jsonValue(spec: ColumnSpec, value: Cell): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (spec.type === 'datetime') return asDate(value) ? localIsoWithOffset(asDate(value)!) : value;
  return value;
}

function writeJson(tables: ReturnType<typeof typed>, w: ExportWrite): string[] {
  const schemaFile = `${w.base}.schema.json`;
  const document = {
    $schema: `./${schemaFile}`,
    period: w.period,
    generated_at: localIsoWithOffset(w.generatedAt),
    provenance: Object.fromEntries(w.provenance.map((p) => [p.key, p.value])),
    dictionary: jsonDictionary(tables),
    ...Object.fromEntries(tables.map((t) => [t.name, t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.key, jsonValue(c, r[i] ?? null)])))])),
  };
  const file = join(w.dir, `${w.base}.json`);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  const schema = join(w.dir, schemaFile);
  writeFileSync(schema, `${JSON.stringify(jsonSchema(tables, w.lang), null, 2)}\n`);
  return [file, schema];
}

/** Writes the tables; returns the files written. */
export async function writeExport(tables: readonly ExportTable[], w: ExportWrite): Promise<string[]> {
  const described = typed(tables);
  if (w.format === 'csv') return writeCsv(described, w);
  if (w.format === 'json') return writeJson(described, w);
  return writeXlsx(described, w);
}
