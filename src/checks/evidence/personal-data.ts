// Personal data on public pages: 12-digit citizen ID numbers (CCCD) always, phone numbers and
// e-mail addresses when a person's name stands beside them (a hotline or an office mailbox is
// not personal data). Pure functions: the same detector finds, masks the stored evidence and
// tells the browser which strings to mask before the screenshot. Heuristics, versioned.
import type { PersonalDataHit } from '../types.ts';

export const PERSONAL_DATA_DETECTOR_VERSION = 'personal-data/1';

/** How close (characters) a name must be to a phone or e-mail to count as "beside" it. */
const NEAR = 120;

// 12 digits starting with 0 (3-digit province code, century/sex digit, birth year, serial).
const CITIZEN_ID = /(?<![\d.,])0\d{11}(?![\d.,])/g;
// Mobile (03x, 05x, 07x, 08x, 09x) and landline (02x) numbers, optional +84, spaces or dots.
const PHONE = /(?<![\d.,])(?:\+84[\s.]?|0)[235789](?:[\s.]?\d){8}(?![\d,]|\.\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

// The commonest Vietnamese family names; a name is one of them and two or three capitalised words.
const FAMILY_NAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô',
  'Dương', 'Lý', 'Đinh', 'Trương', 'Đào', 'Lương', 'Mai', 'Cao', 'Tạ', 'Đoàn', 'Vương', 'Trịnh', 'Lâm',
  'Phùng', 'Hà', 'Tô', 'Châu', 'Kiều', 'Thái', 'Triệu', 'Quách', 'Lưu', 'Tăng', 'Từ', 'La', 'Chu',
];
const NAME = new RegExp(`(?<![\\p{L}])(?:${FAMILY_NAMES.join('|')})(?:[ \\u00a0]+\\p{Lu}\\p{Ll}*){2,3}(?![\\p{L}])`, 'gu');
// "Thành phố Hồ Chí Minh", "đường Lê Thánh Tông": places, not people.
const PLACE_BEFORE = /(?:thành phố|tp\.?|tỉnh|đường|phố|quận|huyện|xã|phường|lăng|cầu|chợ|trường|bệnh viện)\s*$/iu;

export interface RawHit {
  kind: PersonalDataHit['kind'];
  /** The value as found: only ever kept in memory, to mask it. */
  value: string;
  index: number;
  besideName: boolean;
  /** The names beside it (and where), masked in stored text too. */
  names: Array<{ name: string; index: number }>;
}

function namesIn(text: string): Array<{ name: string; index: number }> {
  const out: Array<{ name: string; index: number }> = [];
  for (const m of text.matchAll(NAME)) {
    if (PLACE_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    out.push({ name: m[0], index: m.index });
  }
  return out;
}

export function findPersonalData(text: string): RawHit[] {
  const names = namesIn(text);
  const near = (index: number, length: number) =>
    names.filter((n) => n.index + n.name.length >= index - NEAR && n.index <= index + length + NEAR);
  const hits: RawHit[] = [];
  const taken = new Set<number>();
  for (const m of text.matchAll(CITIZEN_ID)) {
    const beside = near(m.index, m[0].length);
    hits.push({ kind: 'citizen_id', value: m[0], index: m.index, besideName: beside.length > 0, names: beside });
    taken.add(m.index);
  }
  for (const m of text.matchAll(PHONE)) {
    if (taken.has(m.index)) continue;
    const beside = near(m.index, m[0].length);
    if (beside.length) hits.push({ kind: 'phone', value: m[0], index: m.index, besideName: true, names: beside });
  }
  for (const m of text.matchAll(EMAIL)) {
    const beside = near(m.index, m[0].length);
    if (beside.length) hits.push({ kind: 'email', value: m[0], index: m.index, besideName: true, names: beside });
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** 001085012345 → 001*******45; nguyen.van.a@x.vn → n***@x.vn; a name → its initials. */
export function maskValue(kind: RawHit['kind'] | 'name', value: string): string {
  if (kind === 'email') {
    const [local = '', domain = ''] = value.split('@');
    return `${local.slice(0, 1)}***@${domain}`;
  }
  if (kind === 'name') return value.split(/\s+/).map((w) => `${w.slice(0, 1)}.`).join(' ');
  const digits = value.replace(/\D/g, '');
  return `${digits.slice(0, 3)}${'*'.repeat(Math.max(0, digits.length - 5))}${digits.slice(-2)}`;
}

/** Every string to hide and what to show instead, longest first (a name may contain a shorter one). */
export function maskingPairs(hits: RawHit[]): Array<[string, string]> {
  const pairs = new Map<string, string>();
  for (const h of hits) {
    pairs.set(h.value, maskValue(h.kind, h.value));
    for (const n of h.names) pairs.set(n.name, maskValue('name', n.name));
  }
  return [...pairs.entries()].sort((a, b) => b[0].length - a[0].length);
}

export function maskText(text: string, pairs: Array<[string, string]>): string {
  let out = text;
  for (const [raw, masked] of pairs) out = out.split(raw).join(masked);
  return out;
}

/** What is stored for each hit: masked value and masked context, never the raw value. */
export function storedHits(text: string, hits: RawHit[], pairs: Array<[string, string]>): PersonalDataHit[] {
  // A context window must not cut a value or a name in two: half a number would escape masking.
  const spans = hits.flatMap((h) => [[h.index, h.index + h.value.length], ...h.names.map((n) => [n.index, n.index + n.name.length])]);
  const widen = (at: number, dir: -1 | 1) => {
    let pos = at;
    for (const [start, end] of spans) if (pos > start! && pos < end!) pos = dir < 0 ? start! : end!;
    return pos;
  };
  return hits.map((h) => ({
    kind: h.kind,
    masked: maskValue(h.kind, h.value),
    context: maskText(text.slice(widen(Math.max(0, h.index - 60), -1), widen(h.index + h.value.length + 60, 1)), pairs).replace(/\s+/g, ' ').trim(),
    besideName: h.besideName,
  }));
}
