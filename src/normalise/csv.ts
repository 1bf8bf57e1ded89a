// Reading CSV exports as government portals produce them: UTF-8 with or without a byte-order
// mark (Excel's "CSV UTF-8"), UTF-16 ("Unicode text"), the legacy Vietnamese code page
// Windows-1258, "," or ";" between fields (Excel in Vietnamese locales writes ";"), quoted
// fields with doubled quotes, CRLF line ends. RFC 4180, written out because it is short.
import { PayloadFailure } from './measure.ts';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'windows-1258';
export type CsvDelimiter = 'auto' | ',' | ';' | '\t';

export function decodeCsv(body: Buffer, encoding: CsvEncoding): string {
  // A byte-order mark says more than the config.
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return decode(body.subarray(3), 'utf-8');
  if (body[0] === 0xff && body[1] === 0xfe) return decode(body.subarray(2), 'utf-16le');
  if (body[0] === 0xfe && body[1] === 0xff) return decode(body.subarray(2), 'utf-16be');
  return decode(body, encoding);
}

function decode(bytes: Buffer, encoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new PayloadFailure('malformed_csv', `the file is not valid ${encoding} text. Fix: set "encoding" to the one the portal uses (utf-8, utf-16le or windows-1258)`);
  }
}

/** The delimiter used most over the first lines, outside quotes (a title row above the header may hold a comma). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n' && ++lines >= 20) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

/** Rows of cells. An unterminated quote, or a last row cut short (or ending on a delimiter) without a line end, is a truncated file. */
export function parseCsv(text: string, delimiter: ',' | ';' | '\t'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (quoted) throw new PayloadFailure('malformed_csv', `a quoted field opened on row ${rows.length + 1} never closes: the file is truncated or malformed`);
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    const width = rows.reduce((max, r) => Math.max(max, r.length), 0);
    // Without a line end, a row cut short or ending on a delimiter is a file cut off mid-row.
    if (row.length < width || cell === '') throw new PayloadFailure('malformed_csv', `the last row has ${row.length} of ${width} fields${cell === '' ? ', the last one empty,' : ''} and no line end: the file is truncated`);
    rows.push(row);
  }
  return rows;
}
