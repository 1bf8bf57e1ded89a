// Does a payload end where its document does? A body cut short (a crashed upstream, a proxy
// that gave up) can still carry a valid Content-Length and parse: the Hà Nội page cut after
// 1,933 bytes read "1.026" where it said "1.026.874". Each format is checked by its own end
// marker; what a format cannot tell is listed in the README (Sources: truncated payloads).
// Each function answers null when the document is complete, or why it is not.
import type { AnyNode, Element } from 'domhandler';
import * as cheerio from 'cheerio';

// ---------------------------------------------------------------------------------------------
// JSON: the text must be one whole value; a proper prefix of one is a cut.

type JsonExtent = { kind: 'complete' } | { kind: 'cut'; why: string } | { kind: 'invalid' };

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// The rest of the text is (a prefix of) a number: "-", "12.", "1e", "1e+" at the very end.
const NUMBER_TO_END = /-?(?:0|[1-9]\d*)?(?:\.\d*)?(?:[eE][+-]?\d*)?$/y;
const LITERALS = ['true', 'false', 'null'];

/**
 * Whether `text` is one complete JSON value, a proper prefix of one (cut short), or neither. A
 * top-level number cut at a digit looks complete; the sources here all answer an object or array.
 */
export function jsonExtent(text: string): JsonExtent {
  const stack: Array<'{' | '['> = [];
  // What the next token may be: a value, an object key, ":", "," or a closer, or nothing more.
  type Expect = 'value' | 'key' | 'colon' | 'next' | 'end';
  let expect: Expect = 'value' as Expect;
  // Right after "{", "[" or ",": a closer is allowed only after an opener ("{}", "[]", not "[1,]").
  let afterComma = false;
  const n = text.length;
  const cut = (why: string): JsonExtent => ({ kind: 'cut', why });
  const afterValue = (): Expect => (stack.length ? 'next' : 'end');
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (WS.has(c)) {
      i++;
      continue;
    }
    if (expect === 'end') return { kind: 'invalid' };
    if (expect === 'colon') {
      if (c !== ':') return { kind: 'invalid' };
      expect = 'value';
      i++;
      continue;
    }
    const top = stack.at(-1);
    const closes = (c === '}' && top === '{') || (c === ']' && top === '[');
    if (expect === 'next') {
      if (c === ',' && top) {
        expect = top === '{' ? 'key' : 'value';
        afterComma = true;
      } else if (closes) {
        stack.pop();
        expect = afterValue();
        afterComma = false;
      } else return { kind: 'invalid' };
      i++;
      continue;
    }
    // A value or a key is expected: a closer of an empty container, a string, or (for a value) the rest.
    if (closes && !afterComma && ((expect === 'key' && c === '}') || (expect === 'value' && c === ']'))) {
      stack.pop();
      expect = afterValue();
      afterComma = false;
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= n) return cut('it ends inside a string');
      i = j + 1;
      if (expect === 'key') {
        expect = 'colon';
        afterComma = false;
      } else {
        expect = afterValue();
        afterComma = false;
      }
      continue;
    }
    if (expect === 'key') return { kind: 'invalid' };
    if (c === '{' || c === '[') {
      stack.push(c);
      expect = c === '{' ? 'key' : 'value';
      afterComma = false;
      i++;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      NUMBER_TO_END.lastIndex = i;
      if (NUMBER_TO_END.test(text)) {
        // The text ends inside (or right at the end of) a number.
        if (stack.length) return cut('it ends inside a number');
        return m && i + m[0].length === n ? { kind: 'complete' } : cut('it ends inside a number');
      }
      if (!m) return { kind: 'invalid' };
      i += m[0].length;
      expect = afterValue();
      afterComma = false;
      continue;
    }
    const literal = LITERALS.find((l) => l[0] === c);
    if (!literal) return { kind: 'invalid' };
    const got = text.slice(i, i + literal.length);
    if (got !== literal) return literal.startsWith(got) && i + got.length >= n ? cut('it ends inside a literal') : { kind: 'invalid' };
    i += literal.length;
    expect = afterValue();
    afterComma = false;
  }
  if (expect === 'end') return { kind: 'complete' };
  if (stack.length === 0) return { kind: 'invalid' }; // nothing but whitespace
  return cut(`it ends with ${stack.length} ${stack.length === 1 ? 'bracket' : 'brackets'} still open`);
}

// ---------------------------------------------------------------------------------------------
// HTML: HTML lets a document omit </td>, </tr>, </table>, </body> and </html>, so a page cut
// after "<td>1.026" is a valid document. Only an explicit end marker after the last content
// tells the page was sent whole: </body> or </html> for a document, the closing tag of its last
// element for a fragment (an answer without <html> or <body>).

/** Elements whose content carries no figure: a trailing analytics script after </html> may be cut harmlessly. */
const NOT_CONTENT = new Set(['script', 'style', 'noscript', 'template']);

interface Located {
  sourceCodeLocation?: { startOffset: number; endOffset: number; startTag?: { endOffset: number }; endTag?: { startOffset: number } } | null;
}

export function htmlCut(html: string): string | null {
  const $ = cheerio.load(html, { sourceCodeLocationInfo: true } as Parameters<typeof cheerio.load>[1]);
  let lastContent = -1;
  const walk = (node: AnyNode) => {
    const at = (node as Located).sourceCodeLocation;
    if (node.type === 'text') {
      if (at && /\S/.test((node as { data: string }).data)) lastContent = Math.max(lastContent, at.endOffset);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const element = node as Element;
    if (node.type === 'tag') {
      if (NOT_CONTENT.has(element.name)) return;
      if (at?.startTag) lastContent = Math.max(lastContent, at.startTag.endOffset);
    }
    for (const child of element.children) walk(child);
  };
  const root = $.root()[0]!;
  walk(root);
  const htmlElement = root.children.find((n): n is Element => n.type === 'tag' && n.name === 'html');
  const body = htmlElement?.children.find((n): n is Element => n.type === 'tag' && n.name === 'body');
  const endOf = (el: Element | undefined) => (el as Located | undefined)?.sourceCodeLocation?.endTag?.startOffset;
  const explicitStart = Boolean((htmlElement as Located | undefined)?.sourceCodeLocation?.startTag ?? (body as Located | undefined)?.sourceCodeLocation?.startTag);
  if (explicitStart) {
    const ends = [endOf(htmlElement), endOf(body)].filter((e): e is number => e !== undefined);
    if (ends.length === 0) return 'it has no </body> or </html>: the page ends before its document does';
    if (Math.max(...ends) < lastContent) return 'text follows its </html>: where the page ends cannot be told, and it may be cut';
    return null;
  }
  // A fragment: its last element (by position) must be closed after everything it holds.
  const blocks = (body?.children ?? []).filter((n): n is Element => n.type === 'tag' && !NOT_CONTENT.has(n.name));
  const last = blocks.at(-1);
  const end = endOf(last);
  if (lastContent < 0) return null;
  if (end === undefined || end < lastContent) return `its last element <${last?.name ?? '?'}> is not closed: the answer ends before its document does`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// CSV has no end marker but its last line end; a cut exactly at a line end cannot be told.

/** Why a CSV text's last line is cut, or null: without a line end after it, a last field cut at a digit looks whole. */
export function csvLastLineCut(text: string): string | null {
  if (text === '' || text.endsWith('\n') || text.endsWith('\r')) return null;
  return 'its last line has no line end: the file is cut short (or the portal writes none after its last row: then set finalNewline: optional)';
}

// ---------------------------------------------------------------------------------------------
// ZIP (XLSX): the end-of-central-directory record is the file's last bytes, and says how many
// bytes of comment follow it; any cut removes or shortens it.

const EOCD = 0x06054b50;
const EOCD_SIZE = 22;

export function zipCut(body: Buffer): string | null {
  const from = Math.max(0, body.length - EOCD_SIZE - 0xffff);
  for (let p = body.length - EOCD_SIZE; p >= from; p--) {
    if (body.readUInt32LE(p) !== EOCD) continue;
    const commentLength = body.readUInt16LE(p + 20);
    const end = p + EOCD_SIZE + commentLength;
    if (end > body.length) return `its end record promises ${end - body.length} more bytes than the file has: the file is cut short`;
    const directoryEnd = body.readUInt32LE(p + 16) + body.readUInt32LE(p + 12);
    if (directoryEnd > p) return 'its central directory reaches past the end record: the file is cut short or corrupt';
    return null;
  }
  return 'it has no end record (the last bytes of every ZIP file): the file is cut short';
}
