// Reading CSV exports as government portals produce them: UTF-8 with or without a byte-order
// mark (Excel's "CSV UTF-8"), UTF-16 ("Unicode text"), the legacy Vietnamese code page
// Windows-1258, "," or ";" between fields (Excel in Vietnamese locales writes ";"), quoted
// fields with doubled quotes, CRLF line ends. RFC 4180, written out because it is short.
import { csvLastLineCut } from './complete.ts';
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
    // Valid text but for a character whose bytes stop at the very end: the file was cut inside it.
    if (endsInsideCharacter(bytes, encoding)) throw new PayloadFailure('truncated', `the file ends inside a ${encoding} character: it is cut short`);
    throw new PayloadFailure('malformed_csv', `the file is not valid ${encoding} text. Fix: set "encoding" to the one the portal uses (utf-8, utf-16le or windows-1258)`);
  }
}

function endsInsideCharacter(bytes: Buffer, encoding: string): boolean {
  const decodes = (b: Buffer) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(b);
      return true;
    } catch {
      return false;
    }
  };
  if (encoding.startsWith('utf-16')) return bytes.length % 2 === 1 ? decodes(bytes.subarray(0, -1)) : bytes.length >= 2 && decodes(bytes.subarray(0, -2));
  if (encoding !== 'utf-8') return false;
  // The start of a multi-byte sequence (0b11xxxxxx) within the last three bytes, cut before its end.
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const lead = bytes[bytes.length - back]!;
    if (lead < 0xc0) continue;
    const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    // Only continuation bytes (10xxxxxx) after it: a character begun and cut, not a wrong byte.
    const rest = bytes.subarray(bytes.length - back + 1);
    return back < needed && rest.every((b) => b >= 0x80 && b < 0xc0) && decodes(bytes.subarray(0, bytes.length - back));
  }
  return false;
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

/**
 * Rows of cells. An unterminated quote, a last row cut short (or ending on a delimiter), or, unless
 * `finalNewline` is optional, a last line without its line end is a truncated file.
 */
export function parseCsv(text: string, delimiter: ',' | ';' | '\t', options: { finalNewline?: 'required' | 'optional' } = {}): string[][] {
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
  if (quoted) throw new PayloadFailure('truncated', `a quoted field opened on row ${rows.length + 1} never closes: the file is cut short`);
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    const width = rows.reduce((max, r) => Math.max(max, r.length), 0);
    // Without a line end, a row cut short or ending on a delimiter is a file cut off mid-row.
    if (row.length < width || cell === '') throw new PayloadFailure('truncated', `the last row has ${row.length} of ${width} fields${cell === '' ? ', the last one empty,' : ''} and no line end: the file is cut short`);
    // A whole-looking last row without its line end may still be cut inside its last field ("1026" of "1026874").
    const lastLine = options.finalNewline === 'optional' ? null : csvLastLineCut(text);
    if (lastLine) throw new PayloadFailure('truncated', `row ${rows.length + 1}: ${lastLine}`);
    rows.push(row);
  }
  return rows;
}
