// HTTP pieces of the dashboard: the security headers every answer carries, sending, reading a
// small form body, and telling a request from this dashboard's own pages from one another site's
// page made the browser send (CSRF).
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * No inline script or style, nothing from elsewhere: a stray portal string cannot run, and the
 * pages pass the checker's own header grading (the MDN HTTP Observatory's scoring).
 */
export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(tls: boolean): Record<string, string> {
  return {
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    ...(tls ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export interface Answer {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export function send(res: ServerResponse, base: Record<string, string>, a: Answer): void {
  res.writeHead(a.status, { ...base, 'content-type': a.type, 'cache-control': 'no-store', ...a.headers });
  res.end(a.body);
}

export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * JSON with <, > and & as \u escapes (still the same JSON): a portal's name such as
 * "<script>" never appears as markup in an answer, whatever a client or a proxy sniffs it as.
 */
export const jsonText = (body: unknown): string => JSON.stringify(body).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);

export const jsonAnswer = (status: number, body: unknown): Answer => ({ status, type: JSON_TYPE, body: jsonText(body) });

/** Reads an application/x-www-form-urlencoded body of at most `limit` bytes; null when it is not one or too long. */
export async function readForm(req: IncomingMessage, limit = 8192): Promise<URLSearchParams | null> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Whether a state-changing request came from this dashboard's own page. Browsers say where a
 * request comes from: Sec-Fetch-Site (which a page cannot forge) decides when it is there. Only
 * without it is Origin compared with Host: under our Referrer-Policy: no-referrer a browser sends
 * "Origin: null" even for our own form, so Origin cannot be what decides for browsers that send
 * Sec-Fetch-Site; an opaque "null" origin without it is refused. A request with neither header is
 * not from a browser page (curl, a script): the token alone decides.
 */
export function fromOwnPage(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host.toLowerCase() === String(req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}
