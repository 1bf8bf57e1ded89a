// Fault injection: the ways real portals misbehave (slow, 5xx, dropped connections, maintenance
// pages with status 200, half-written JSON, runaway bodies...), switchable per route so the
// collectors' retry, timeout and validation paths can be exercised on demand.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';

/**
 * `gateway` = all of /jsp/rest.jsp, `gateway:<service>` = one service, `site:<id>`, `status`;
 * `igate` = the platform API's data, `igate:token` = its SSO token endpoint, `open-data` = the exports.
 */
export type FaultRoute = 'gateway' | 'status' | 'igate' | 'igate:token' | 'open-data' | `gateway:${string}` | `site:${string}`;

/** Extra field on every fault: apply to the next `count` matching requests only, then clear. */
interface Counted {
  count?: number | undefined;
}

export type Fault = Counted & (
  | { mode: 'slow'; delayMs: number }
  | { mode: 'http_5xx'; status?: number | undefined }
  | { mode: 'reset' }
  | { mode: 'malformed_json' }
  | { mode: 'html_200' }
  | { mode: 'oversized'; bytes?: number | undefined }
  | { mode: 'empty_array' }
  | { mode: 'bad_values' }
  | { mode: 'fail_times'; times: number; status?: number | undefined }
  // The normal answer cut in half (a crashed upstream), or with its table/headers renamed (a redesign).
  | { mode: 'truncated' }
  | { mode: 'redesigned' }
  // The normal page, plus a script that starts an endless loop once the page has loaded (a broken
  // widget): the page's main thread never frees up again.
  | { mode: 'endless_script' }
  // HTTP 401 for any token (a revoked client; with count 1, a token revoked early).
  | { mode: 'unauthorized' }
  // HTTP 429 Too Many Requests, with Retry-After: N seconds (absent when retryAfter is omitted).
  | { mode: 'rate_limited'; retryAfter?: number | undefined }
);

export type FaultMode = Fault['mode'];

export const DEFAULT_OVERSIZED_BYTES = 64 * 1024 * 1024;

const count = z.number().int().positive().optional();
const status5xx = z.number().int().min(500).max(599).optional();

export const faultSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('slow'), delayMs: z.number().int().min(0).max(600_000), count }),
  z.strictObject({ mode: z.literal('http_5xx'), status: status5xx, count }),
  z.strictObject({ mode: z.literal('reset'), count }),
  z.strictObject({ mode: z.literal('malformed_json'), count }),
  z.strictObject({ mode: z.literal('html_200'), count }),
  z.strictObject({ mode: z.literal('oversized'), bytes: z.number().int().positive().max(2 ** 32).optional(), count }),
  z.strictObject({ mode: z.literal('empty_array'), count }),
  z.strictObject({ mode: z.literal('bad_values'), count }),
  z.strictObject({ mode: z.literal('fail_times'), times: z.number().int().positive(), status: status5xx, count }),
  z.strictObject({ mode: z.literal('truncated'), count }),
  z.strictObject({ mode: z.literal('redesigned'), count }),
  z.strictObject({ mode: z.literal('endless_script'), count }),
  z.strictObject({ mode: z.literal('unauthorized'), count }),
  z.strictObject({ mode: z.literal('rate_limited'), retryAfter: z.number().int().min(0).max(86_400).optional(), count }),
]);

const ROUTE_RE = /^(?:gateway|status|igate|igate:token|open-data|gateway:[A-Za-z0-9_.-]+|site:[a-z0-9-]+)$/;

export function isFaultRoute(value: unknown): value is FaultRoute {
  return typeof value === 'string' && ROUTE_RE.test(value);
}

/** Validates a fault (from code or JSON) for a route; throws an Error with a readable message. */
export function parseFault(route: unknown, fault: unknown): { route: FaultRoute; fault: Fault | null } {
  if (!isFaultRoute(route)) {
    throw new Error(`unknown fault route ${JSON.stringify(route)}: use "gateway", "gateway:<service>", "site:<siteId>", "status", "igate", "igate:token" or "open-data"`);
  }
  if (fault === null) return { route, fault: null };
  const parsed = faultSchema.safeParse(fault);
  if (!parsed.success) {
    throw new Error(`invalid fault for ${route}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'fault'}: ${i.message}`).join('; ')}`);
  }
  if (parsed.data.mode === 'bad_values' && !route.startsWith('gateway') && route !== 'open-data') {
    throw new Error(`bad_values only applies to gateway routes and open-data, not ${route}`);
  }
  if (parsed.data.mode === 'redesigned' && !route.startsWith('site:') && route !== 'open-data') {
    throw new Error(`redesigned only applies to site routes and open-data, not ${route}`);
  }
  if (parsed.data.mode === 'endless_script' && !route.startsWith('site:')) {
    throw new Error(`endless_script only applies to site routes, not ${route}`);
  }
  if (parsed.data.mode === 'unauthorized' && route !== 'igate') {
    throw new Error(`unauthorized only applies to igate, not ${route}`);
  }
  return { route, fault: parsed.data };
}

interface ActiveFault {
  fault: Fault;
  /** Requests left before the fault clears itself; null = until removed. */
  remaining: number | null;
}

export interface FaultListing {
  route: FaultRoute;
  fault: Fault;
  remaining: number | null;
}

export class FaultBoard {
  private readonly active = new Map<FaultRoute, ActiveFault>();

  set(route: FaultRoute, fault: Fault | null): void {
    const checked = parseFault(route, fault);
    if (checked.fault === null) {
      this.active.delete(checked.route);
      return;
    }
    const f = checked.fault;
    const remaining = f.mode === 'fail_times' ? f.times : (f.count ?? null);
    this.active.set(checked.route, { fault: f, remaining });
  }

  clear(): void {
    this.active.clear();
  }

  list(): FaultListing[] {
    return [...this.active.entries()]
      .map(([route, a]) => ({ route, fault: a.fault, remaining: a.remaining }))
      .sort((a, b) => (a.route < b.route ? -1 : 1));
  }

  /**
   * The fault to apply to one request matching `routes` (most specific first), consuming one
   * use of a counted fault. fail_times comes back as the 5xx it stands for.
   */
  take(routes: FaultRoute[]): Fault | null {
    for (const route of routes) {
      const a = this.active.get(route);
      if (!a) continue;
      if (a.remaining !== null) {
        a.remaining -= 1;
        if (a.remaining <= 0) this.active.delete(route);
      }
      if (a.fault.mode === 'fail_times') return { mode: 'http_5xx', status: a.fault.status ?? 503 };
      return a.fault;
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Responses

export type BodyKind = 'json' | 'html';

const REASONS: Record<number, string> = {
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

/** What a reverse proxy in front of a portal sends when the application behind it fails. */
function proxyErrorPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? 'Server Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** A maintenance page served with status 200: clients that only check the status are fooled. */
export const MAINTENANCE_PAGE = `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Hệ thống đang bảo trì</title></head>
<body>
<h1>Hệ thống đang bảo trì</h1>
<p>Hệ thống đang được nâng cấp để phục vụ tốt hơn. Quý khách vui lòng quay lại sau.</p>
<p>Xin cảm ơn!</p>
</body>
</html>
`;

/** JSON that is whole but broken (a stray comma, as hand-written upstream code emits); a cut one is `truncated`. */
export const MALFORMED_JSON = '[{"ROW_STT":"1","ID":"2001","TEN":"Thành phố Hà Nội","MA_COQUAN":"01","CAPDONVIID":"2","HS_TOTAL":"8",}]';

/** Waits for the socket to take more, or to close; the listener that did not fire is removed. */
export function waitDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Streams `bytes` bytes in 64 KiB chunks with backpressure: the body never sits in memory. */
async function streamOversized(res: ServerResponse, bytes: number, kind: BodyKind): Promise<void> {
  const head = kind === 'json' ? '[' : '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thống kê</title></head><body>';
  const unit = kind === 'json'
    ? '{"ROW_STT":"1","ID":"9999","TEN":"Du lieu lap lai","MA_COQUAN":"00","HS_TOTAL":"123456"},'
    : '<p>Du lieu lap lai khong co diem dung.</p>\n';
  const chunk = Buffer.from(unit.repeat(Math.ceil(65536 / unit.length)).slice(0, 65536), 'ascii');
  res.writeHead(200, { 'content-type': kind === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8' });
  let sent = 0;
  const headBuf = Buffer.from(head, 'utf8').subarray(0, bytes);
  res.write(headBuf);
  sent += headBuf.length;
  while (sent < bytes && !res.destroyed) {
    const n = Math.min(chunk.length, bytes - sent);
    const ok = res.write(n === chunk.length ? chunk : chunk.subarray(0, n));
    sent += n;
    if (!ok) await waitDrainOrClose(res);
  }
  if (!res.destroyed) res.end();
}

/**
 * Answers a request with a terminal fault (everything but slow and bad_values, which the
 * caller applies around its normal answer).
 */
export async function respondWithFault(fault: Fault, req: IncomingMessage, res: ServerResponse, kind: BodyKind): Promise<void> {
  switch (fault.mode) {
    case 'http_5xx':
    case 'fail_times': {
      const status = fault.status ?? (fault.mode === 'fail_times' ? 503 : 500);
      const body = proxyErrorPage(status);
      res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    case 'reset':
      // An RST rather than a FIN, so clients see ECONNRESET as with a crashed load balancer.
      req.socket.resetAndDestroy();
      return;
    case 'malformed_json':
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(MALFORMED_JSON) });
      res.end(MALFORMED_JSON);
      return;
    case 'html_200':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(MAINTENANCE_PAGE) });
      res.end(MAINTENANCE_PAGE);
      return;
    case 'oversized':
      await streamOversized(res, fault.bytes ?? DEFAULT_OVERSIZED_BYTES, kind);
      return;
    case 'empty_array':
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': 2 });
      res.end('[]');
      return;
    case 'unauthorized': {
      const body = JSON.stringify({ error: 'invalid_token', error_description: 'Token verification failed' });
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    case 'rate_limited': {
      const body = kind === 'json' ? JSON.stringify({ error: 'too many requests' }) : '<html><head><title>429 Too Many Requests</title></head><body><h1>429 Too Many Requests</h1></body></html>';
      res.writeHead(429, {
        'content-type': kind === 'json' ? 'application/json' : 'text/html', 'content-length': Buffer.byteLength(body),
        ...(fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) }),
      });
      res.end(body);
      return;
    }
    case 'slow':
    case 'bad_values':
    case 'truncated':
    case 'redesigned':
    case 'endless_script':
      throw new Error(`${fault.mode} is not a terminal fault`);
  }
}
