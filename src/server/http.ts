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

export const jsonAnswer = (status: number, body: unknown): Answer => ({ status, type: JSON_TYPE, body: JSON.stringify(body) });

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
 * request comes from (Sec-Fetch-Site, Origin on every POST); a form on another site is refused
 * even before its lack of the token is. A request without either header is not from a browser
 * page (curl, a script): the token alone decides.
 */
export function fromOwnPage(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host.toLowerCase() === String(req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}
