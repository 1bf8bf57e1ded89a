// CSV as spreadsheets read it: RFC 4180 quoting, and every text cell a spreadsheet would read as
// a formula neutralised with a leading apostrophe (a value from a portal must never run in the
// reader's spreadsheet). Numbers stay numbers: a numeric column's -45.5 is written -45.5.
//
// A cell is read as a formula when, after any leading white space, it starts with = + - @ (or
// their full-width and small forms), or with a tab or carriage return (OWASP "CSV injection").
// "-2+3+cmd|' /C calc'!A0" starts with a minus and a digit like a number, yet is a formula: only
// a cell that is a plain number as a whole is left as it is.

/** =, +, -, @ and their full-width (U+FF1D, U+FF0B, U+FF0D, U+FF20) and small (U+FE66, U+FE62, U+FE63, U+FE6B) forms; tab, CR. */
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\t\r]/;
/** A plain decimal number, written the way this tool writes numbers (-45.5, 1026874, 1.5e-7). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** The field separator: `,` (RFC 4180), or `;` as Excel expects where the decimal separator is a comma (vi-VN). */
export type CsvDelimiter = ',' | ';';

/** RFC 4180 quoting: a field holding the separator, a quote or a line break is quoted. */
export const quoteField = (text: string, delimiter: CsvDelimiter = ',') =>
  (text.includes(delimiter) || /["\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function csvCell(value: unknown, delimiter: CsvDelimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return String(value);
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return quoteField(text, delimiter);
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return [header, ...rows].map((row) => row.map((v) => csvCell(v)).join(',')).join('\n') + '\n';
}
