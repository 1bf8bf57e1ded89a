// Why a request to a portal failed, as a closed set: every failure is recorded under one of
// these names, so a misbehaving portal becomes a finding instead of a crash.
export type FailureReason =
  | 'invalid_url'
  | 'dns'
  | 'connect_refused'
  | 'connect_reset'
  | 'tls_invalid'
  | 'tls_expired'
  | 'timeout'
  | 'too_large'
  // The body ended before the length its Content-Length (or chunked encoding) announced.
  | 'truncated'
  | 'too_many_redirects'
  | 'http_4xx'
  | 'http_5xx'
  // HTTP 429, or a Retry-After longer than we may wait: the portal asked us to slow down.
  | 'rate_limited'
  | 'aborted'
  | 'network';

/**
 * Failures worth another attempt: they are often transient on overloaded portals.
 * Not `dns`: ENOTFOUND is an authoritative answer that a retry seconds later will not change,
 * and the scheduler's next probe is the right retry for a resolver hiccup (EAI_AGAIN).
 * Not TLS, size, redirect or URL failures: they are deterministic. Not `aborted`: the caller asked.
 */
export const RETRYABLE: ReadonlySet<FailureReason> = new Set<FailureReason>([
  'connect_refused',
  'connect_reset',
  'timeout',
  'http_5xx',
  'network',
  'truncated',
]);

export class HttpFailure extends Error {
  readonly reason: FailureReason;
  /** The URL being fetched when it failed (a redirect target, if the chain got that far). */
  readonly url: string;
  /** Attempts made, retries included; 0 when the request was refused before sending (invalid_url). */
  readonly attempts: number;
  /** The status of the response that caused the failure (too_large, too_many_redirects). */
  readonly status?: number;
  /** What arrived of a body cut short in transit (truncated): kept as evidence by the caller. */
  readonly partial?: { url: string; status: number; headers: Record<string, string>; body: Buffer; redirects: Array<{ url: string; status: number }>; attempts: number; startedAt: Date; firstByteMs: number; totalMs: number };

  constructor(reason: FailureReason, url: string, opts: { attempts: number; status?: number; cause?: unknown; detail?: string; partial?: HttpFailure['partial'] }) {
    const detail = opts.detail ?? (opts.cause instanceof Error ? opts.cause.message : undefined);
    const tries = opts.attempts > 1 ? ` after ${opts.attempts} attempts` : '';
    super(`${reason}: ${url}${detail ? ` (${detail})` : ''}${tries}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'HttpFailure';
    this.reason = reason;
    this.url = url;
    this.attempts = opts.attempts;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.partial !== undefined) this.partial = opts.partial;
  }
}

export function failureForStatus(status: number): FailureReason | null {
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status <= 499) return 'http_4xx';
  if (status >= 500 && status <= 599) return 'http_5xx';
  return null;
}

// OpenSSL verification results that Node exposes as `err.code` on a failed TLS handshake.
const TLS_INVALID_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const CODE_REASONS: Record<string, FailureReason> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',
  ECONNREFUSED: 'connect_refused',
  ECONNRESET: 'connect_reset',
  ECONNABORTED: 'connect_reset',
  EPIPE: 'connect_reset',
  UND_ERR_SOCKET: 'connect_reset',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  // Response headers beyond undici's maxHeaderSize: a hostile portal, same class as a huge body.
  UND_ERR_HEADERS_OVERFLOW: 'too_large',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'too_large',
  CERT_HAS_EXPIRED: 'tls_expired',
};

/**
 * A Retry-After header (RFC 9110 §10.2.3) as milliseconds from `now`: delay-seconds or an
 * HTTP-date; null when absent or unreadable (then the client's own backoff applies). A date in
 * the past is 0.
 */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (header === undefined) return null;
  const text = header.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3},? /.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function reasonForCode(code: string): FailureReason | undefined {
  if (CODE_REASONS[code]) return CODE_REASONS[code];
  if (TLS_INVALID_CODES.has(code)) return 'tls_invalid';
  // Handshake failures (no shared protocol or cipher, plain HTTP on a TLS port): the portal's TLS is unusable.
  if (code.startsWith('ERR_SSL_')) return 'tls_invalid';
  return undefined;
}

/**
 * The reason for a transport error. undici wraps the socket's error (SocketError, ConnectTimeoutError,
 * AggregateError from happy eyeballs), so the chain of causes and aggregated errors is searched
 * for the first code we know; anything unrecognised is a generic, retryable `network` failure.
 */
export function classifyError(err: unknown): FailureReason {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, message, cause, errors } = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') {
      const reason = reasonForCode(code);
      if (reason) return reason;
    }
    if (typeof message === 'string' && /other side closed|socket hang up/i.test(message)) return 'connect_reset';
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return 'network';
}
