// Finds the part of a stored payload a locator points at, for the evidence command.
// Locators: "[12].HS_TOTAL" = field HS_TOTAL of element 12 of a top-level JSON array; other
// collectors may use "row 3, column Tiếp nhận" style text, shown as it is.
const JSON_ROW_FIELD = /^\[(\d+)\]\.([A-Za-z0-9_]+)$/;
const MAX_EXCERPT = 2000;

export function excerptAt(body: Buffer, locator: string): string | null {
  const match = JSON_ROW_FIELD.exec(locator);
  if (!match) return null;
  let rows: unknown;
  try {
    rows = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(rows)) return null;
  const row = rows[Number(match[1])];
  if (!row || typeof row !== 'object') return null;
  const field = match[2]!;
  // The row as published, the field the value came from marked; bounded, since a payload is untrusted.
  const text = Object.entries(row as Record<string, unknown>)
    .map(([k, v]) => `${k === field ? '▶ ' : '  '}${k}: ${JSON.stringify(v)}`)
    .join('\n');
  return text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT)}…` : text;
}
