// Keystrokes sent before submit: the visit types a canary (a value no one else would type) into
// the page's fields, never submits, and looks for it in what the page sends next: as typed,
// URL-encoded, in base64, or hashed (MD5, SHA-1, SHA-256 in hexadecimal, as the Facebook
// pixel's "advanced matching" hashes e-mail addresses), in addresses and request bodies.
import { createHash } from 'node:crypto';

export type CanaryEncoding = 'plain' | 'url_encoded' | 'base64' | 'md5' | 'sha1' | 'sha256';

/** What the visit types into a field of this type, for field number `index`. */
export function canaryValue(seed: string, index: number, fieldType: string): { typed: string; token: string } {
  const s = seed.toLowerCase().replace(/[^0-9a-z]/g, '').slice(0, 10).padEnd(10, '0');
  if (fieldType === 'tel') {
    // Digits only (a phone field may strip the rest): 09, the seed's digits, the field.
    const digits = Array.from(s, (c) => (parseInt(c, 36) % 10).toString()).join('').slice(0, 7);
    const token = `09${digits}${index % 10}`;
    return { typed: token, token };
  }
  const token = `kt${s}${index.toString(36)}q`;
  return { typed: fieldType === 'email' ? `${token}@example.com` : token, token };
}

export interface CanaryNeedles {
  /** Found as text (after URL-decoding and base64-decoding the haystack), case-insensitive. */
  plain: string[];
  /** Found as they are, case-sensitive. */
  base64: string[];
  /** Lower-case hexadecimal digests, found case-insensitive. */
  hashes: Array<{ encoding: 'md5' | 'sha1' | 'sha256'; hex: string }>;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/=+$/, '');
const b64url = (s: string) => b64(s).replace(/\+/g, '-').replace(/\//g, '_');

/** Every form the canary can take in a request. */
export function canaryNeedles(typed: string, token: string): CanaryNeedles {
  const values = [...new Set([typed, typed.trim().toLowerCase(), token])];
  return {
    plain: [...new Set([token.toLowerCase(), typed.toLowerCase()])],
    // Without padding, so the value encoded alone is found inside a longer string; only ≥ 8 characters (shorter would match by chance).
    base64: [...new Set(values.flatMap((v) => [b64(v), b64url(v)]))].filter((x) => x.length >= 8),
    hashes: values.flatMap((v) => (['md5', 'sha1', 'sha256'] as const).map((encoding) => ({ encoding, hex: createHash(encoding).update(v, 'utf8').digest('hex') }))),
  };
}

const MAX_HAYSTACK = 16 * 1024;
const MAX_BASE64_RUNS = 50;

function urlDecoded(s: string): string {
  let out = s;
  for (let i = 0; i < 2; i++) {
    try {
      const next = decodeURIComponent(out.replace(/\+/g, ' '));
      if (next === out) break;
      out = next;
    } catch {
      // A stray % somewhere: decode what can be decoded, sequence by sequence.
      out = out.replace(/(%[0-9a-f]{2})+/gi, (m) => { try { return decodeURIComponent(m); } catch { return m; } });
      break;
    }
  }
  return out;
}

/** The haystack's base64 (and base64url) runs, decoded: a value inside encoded JSON. */
function base64Decoded(s: string): string[] {
  const runs = s.match(/[A-Za-z0-9+/_-]{12,}={0,2}/g) ?? [];
  return runs.slice(0, MAX_BASE64_RUNS).map((r) => Buffer.from(r.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
}

/**
 * Where the canary is in `haystack` (an address, a request body): the first encoding found,
 * plain text first, or null. The haystack is judged on its first 16 KB.
 */
export function findCanary(haystack: string, needles: CanaryNeedles): CanaryEncoding | null {
  const raw = haystack.slice(0, MAX_HAYSTACK);
  const lower = raw.toLowerCase();
  if (needles.plain.some((n) => lower.includes(n))) return 'plain';
  const decoded = urlDecoded(raw);
  if (decoded !== raw && needles.plain.some((n) => decoded.toLowerCase().includes(n))) return 'url_encoded';
  if (needles.base64.some((n) => raw.includes(n) || decoded.includes(n))) return 'base64';
  const unpacked = [...base64Decoded(raw), ...(decoded !== raw ? base64Decoded(decoded) : [])].map((x) => x.toLowerCase());
  if (unpacked.some((x) => needles.plain.some((n) => x.includes(n)))) return 'base64';
  for (const h of needles.hashes) if (lower.includes(h.hex)) return h.encoding;
  return null;
}
