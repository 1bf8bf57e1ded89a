// Comparing labels and headers as people read them: Unicode composed the same way (portals mix
// NFC and NFD Vietnamese), spaces collapsed, case and a trailing colon ignored.
export function normaliseLabel(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().replace(/\s*:$/, '').toLocaleLowerCase('vi');
}

/** A value from a portal, shortened for a message (it is untrusted and may be huge). */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}
