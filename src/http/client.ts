// The one HTTP client the product uses. Portals are hostile input: every way a request can go
// wrong ends in an HttpResponse or an HttpFailure with a named reason, within hard limits.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { rootCertificates } from 'node:tls';
import pLimit, { type LimitFunction } from 'p-limit';
import { Agent, type Dispatcher } from 'undici';
import { HttpFailure, RETRYABLE, classifyError, failureForStatus, retryAfterMs } from './failure.ts';
import { projectPath } from '../paths.ts';

export { HttpFailure, RETRYABLE, failureForStatus, retryAfterMs, type FailureReason } from './failure.ts';

// undici checks the headers and body timeouts on a ~0.5 s tick, so they can fire up to about a
// second late; the total deadline is an exact timer.
export interface HttpLimits {
  /** TCP connect plus TLS handshake. */
  connectTimeoutMs: number;
  /** From sending the request to the end of the response headers. */
  headersTimeoutMs: number;
  /** Longest silence while the body is arriving. */
  bodyTimeoutMs: number;
  /** Whole request() call: every attempt, redirect and backoff pause. */
  totalTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Extra attempts after the first, for retryable failures and 5xx/429 responses. */
  retries: number;
  /** The first backoff pause; doubles per retry, with jitter. */
  retryBaseDelayMs: number;
  /**
   * The longest Retry-After (429, 503) honoured: a portal asking for a longer pause is not
   * retried (the answer is returned, and named rate_limited by the caller).
   */
  maxRetryAfterMs: number;
  perHostConcurrency: number;
  userAgent: string;
  /** An extra trusted CA, on top of the system roots (for local test servers). */
  ca?: string | Buffer;
}

const VERSION = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;

export const DEFAULT_LIMITS: Readonly<HttpLimits> = Object.freeze({
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  totalTimeoutMs: 60_000,
  maxBodyBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
  retries: 2,
  retryBaseDelayMs: 500,
  maxRetryAfterMs: 60_000,
  perHostConcurrency: 4,
  userAgent: `dvc-monitor/${VERSION}`,
});

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
}

export interface HttpResponse {
  /** Final URL after redirects. */
  url: string;
  status: number;
  /** Lowercase names; repeated values joined with ", ", set-cookie values with "\n". */
  headers: Record<string, string>;
  body: Buffer;
  /** Each hop that answered with a redirect, in order. */
  redirects: Array<{ url: string; status: number }>;
  attempts: number;
  /** Start of the attempt that produced this response; the timings below are measured from it. */
  startedAt: Date;
  /** Until the headers of the final response (redirect hops included). */
  firstByteMs: number;
  /** Until the final body was read completely. */
  totalMs: number;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Waits for requests in flight, then closes the kept-alive connections. */
  close(): Promise<void>;
}

type Method = NonNullable<HttpRequest['method']>;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Credentials the caller meant for one origin must not follow a redirect to another.
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

type Hop =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'final'; status: number; headers: Record<string, string>; body: Buffer; headersAt: number };

/** A body whose connection closed before the length it announced: what arrived, for evidence. */
class CutBody extends Error {
  constructor(readonly status: number, readonly headers: Record<string, string>, readonly body: Buffer, readonly headersAt: number, detail: string) {
    super(detail);
  }
}

export function createHttpClient(overrides: Partial<HttpLimits> = {}): HttpClient {
  const limits: HttpLimits = { ...DEFAULT_LIMITS, ...overrides };
  const agent = new Agent({
    connect: {
      timeout: limits.connectTimeoutMs,
      // `ca` replaces Node's trust store, so the system roots are passed along with the extra CA.
      ...(limits.ca === undefined ? {} : { ca: [...rootCertificates, limits.ca] }),
    },
    headersTimeout: limits.headersTimeoutMs,
    bodyTimeout: limits.bodyTimeoutMs,
  });
  const hostLimiters = new Map<string, LimitFunction>();
  // A host that answered Retry-After gets no request from us before then (performance.now() time).
  const hostPausedUntil = new Map<string, number>();
  let closed = false;

  /** Waits out a host's Retry-After pause; one that outlasts the deadline fails now as rate_limited. */
  async function respectHostPause(url: URL, signal: AbortSignal, deadlineAt: number, attempt: number): Promise<void> {
    const until = hostPausedUntil.get(url.hostname);
    if (until === undefined) return;
    const wait = until - performance.now();
    if (wait <= 0) {
      hostPausedUntil.delete(url.hostname);
      return;
    }
    if (performance.now() + wait >= deadlineAt) {
      throw new HttpFailure('rate_limited', url.href, { attempts: attempt - 1, detail: `${url.hostname} asked to wait ${Math.ceil(wait / 1000)} s more (Retry-After), beyond this request's deadline` });
    }
    await sleep(wait, undefined, { signal });
  }

  function limiterFor(url: URL): LimitFunction {
    let limiter = hostLimiters.get(url.hostname);
    if (!limiter) {
      limiter = pLimit(limits.perHostConcurrency);
      hostLimiters.set(url.hostname, limiter);
    }
    return limiter;
  }

  async function request(req: HttpRequest): Promise<HttpResponse> {
    if (closed) throw new Error('the HTTP client is closed');
    const firstUrl = parseHttpUrl(req.url, req.url, 0);
    if (req.signal?.aborted) throw new HttpFailure('aborted', req.url, { attempts: 0, cause: req.signal.reason });

    // One controller carries both the caller's abort and the total deadline into undici,
    // the per-host queue and the backoff pauses; its reason tells the two apart.
    const controller = new AbortController();
    const deadlineReason = new Error(`total deadline of ${limits.totalTimeoutMs} ms passed`);
    const deadlineAt = performance.now() + limits.totalTimeoutMs;
    const timer = setTimeout(() => controller.abort(deadlineReason), limits.totalTimeoutMs);
    const onCallerAbort = () => controller.abort(req.signal?.reason);
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const toFailure = (err: unknown, url: string, attempts: number): HttpFailure => {
      if (err instanceof HttpFailure) return err;
      if (controller.signal.aborted) {
        return controller.signal.reason === deadlineReason
          ? new HttpFailure('timeout', url, { attempts, cause: deadlineReason })
          : new HttpFailure('aborted', url, { attempts, cause: controller.signal.reason });
      }
      return new HttpFailure(classifyError(err), url, { attempts, cause: err });
    };

    try {
      for (let attempt = 1; ; attempt++) {
        let outcome: HttpResponse | HttpFailure;
        try {
          outcome = await runAttempt(req, firstUrl, attempt, controller.signal, deadlineAt, toFailure);
        } catch (err) {
          outcome = toFailure(err, req.url, attempt);
        }
        const retryable = outcome instanceof HttpFailure ? RETRYABLE.has(outcome.reason) : isRetryableStatus(outcome.status);
        let delay = backoffMs(limits.retryBaseDelayMs, attempt);
        // The portal's own Retry-After is the pause, for the whole host: never hammer a portal that asked us to wait.
        const asked = outcome instanceof HttpFailure || !retryable ? null : retryAfterMs(outcome.headers['retry-after'], Date.now());
        if (asked !== null && !(outcome instanceof HttpFailure)) {
          if (asked > limits.maxRetryAfterMs) return outcome;
          hostPausedUntil.set(new URL(outcome.url).hostname, performance.now() + asked);
          delay = Math.max(delay, asked);
        }
        // Give up when out of retries, or when the pause alone would overrun the deadline.
        if (!retryable || attempt > limits.retries || performance.now() + delay >= deadlineAt) {
          if (outcome instanceof HttpFailure) throw outcome;
          return outcome;
        }
        try {
          await sleep(delay, undefined, { signal: controller.signal });
        } catch (err) {
          throw toFailure(err, req.url, attempt);
        }
      }
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** One attempt: the request and its redirect chain. */
  async function runAttempt(
    req: HttpRequest,
    firstUrl: URL,
    attempt: number,
    signal: AbortSignal,
    deadlineAt: number,
    toFailure: (err: unknown, url: string, attempts: number) => HttpFailure,
  ): Promise<HttpResponse> {
    let url = firstUrl;
    let method: Method = req.method ?? 'GET';
    let body = req.body;
    const headers: Record<string, string> = { 'user-agent': limits.userAgent };
    for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
    const redirects: HttpResponse['redirects'] = [];
    const startedAt = new Date();
    const t0 = performance.now();

    for (;;) {
      const hopUrl = url;
      const hopMethod = method;
      const hopBody = body;
      let hop: Hop;
      try {
        await respectHostPause(hopUrl, signal, deadlineAt, attempt);
        // The per-host slot is held for one hop only, so a redirect to another host cannot deadlock.
        const task = limiterFor(hopUrl)(() => exchange(hopUrl, hopMethod, headers, hopBody, signal, attempt));
        hop = await untilAborted(task, signal);
      } catch (err) {
        if (err instanceof CutBody) {
          throw new HttpFailure('truncated', hopUrl.href, {
            attempts: attempt, status: err.status, detail: err.message,
            partial: {
              url: hopUrl.href, status: err.status, headers: err.headers, body: err.body, redirects: [...redirects], attempts: attempt,
              startedAt, firstByteMs: err.headersAt - t0, totalMs: performance.now() - t0,
            },
          });
        }
        throw toFailure(err, hopUrl.href, attempt);
      }

      if (hop.kind === 'final') {
        return {
          url: hopUrl.href,
          status: hop.status,
          headers: hop.headers,
          body: hop.body,
          redirects,
          attempts: attempt,
          startedAt,
          firstByteMs: hop.headersAt - t0,
          totalMs: performance.now() - t0,
        };
      }

      redirects.push({ url: hopUrl.href, status: hop.status });
      if (redirects.length > limits.maxRedirects) {
        throw new HttpFailure('too_many_redirects', hopUrl.href, {
          attempts: attempt,
          status: hop.status,
          detail: `more than ${limits.maxRedirects} redirects`,
        });
      }
      url = parseHttpUrl(hop.location, hopUrl.href, attempt, hopUrl);
      if (url.origin !== hopUrl.origin) for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];
      // As browsers do: 303 always, and 301/302 after POST, become a GET without body; 307/308 keep both.
      if ((hop.status === 303 && method !== 'HEAD') || ((hop.status === 301 || hop.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        for (const name of BODY_HEADERS) delete headers[name];
      }
    }
  }

  /** One HTTP exchange, with the body read under the size limit (or discarded, for a redirect). */
  async function exchange(
    url: URL,
    method: Method,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
    signal: AbortSignal,
    attempt: number,
  ): Promise<Hop> {
    signal.throwIfAborted();
    const res = await agent.request({ origin: url.origin, path: url.pathname + url.search, method, headers, body, signal });
    const headersAt = performance.now();
    try {
      const location = res.headers['location'];
      if (REDIRECT_STATUSES.has(res.statusCode) && typeof location === 'string' && location !== '') {
        await res.body.dump();
        return { kind: 'redirect', status: res.statusCode, location };
      }
      const tooLarge = (detail: string) =>
        new HttpFailure('too_large', url.href, { attempts: attempt, status: res.statusCode, detail });
      const declared = Number(res.headers['content-length']);
      if (method !== 'HEAD' && declared > limits.maxBodyBytes) {
        throw tooLarge(`content-length ${declared} exceeds the limit of ${limits.maxBodyBytes} bytes`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > limits.maxBodyBytes) throw tooLarge(`body exceeds the limit of ${limits.maxBodyBytes} bytes`);
          chunks.push(chunk);
        }
      } catch (err) {
        // The connection closed mid-body: the answer is cut short, not the connection refused.
        const reason = err instanceof HttpFailure || signal.aborted ? null : classifyError(err);
        if (reason !== 'connect_reset' && reason !== 'network') throw err;
        const detail = Number.isFinite(declared) && res.headers['content-length'] !== undefined
          ? `the body ended after ${size} of the ${declared} bytes its Content-Length announced`
          : `the body ended after ${size} bytes, before the end its chunked encoding announces`;
        throw new CutBody(res.statusCode, flattenHeaders(res.headers), Buffer.concat(chunks, size), headersAt, detail);
      }
      return { kind: 'final', status: res.statusCode, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks, size), headersAt };
    } finally {
      // Closes the connection if the body was not read to the end, so a hostile server stops sending;
      // the abort error the stream then emits is of no interest, the answer is already decided.
      res.body.on('error', () => {}).destroy();
    }
  }

  return {
    request,
    async close() {
      closed = true;
      await agent.close();
    },
  };
}

function parseHttpUrl(raw: string, reportAs: string, attempts: number, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (err) {
    throw new HttpFailure('invalid_url', reportAs, { attempts, cause: err, detail: `cannot parse "${raw}"` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpFailure('invalid_url', reportAs, { attempts, detail: `unsupported scheme in "${url.href}"` });
  }
  return url;
}

function isRetryableStatus(status: number): boolean {
  const reason = failureForStatus(status);
  return status === 429 || (reason !== null && RETRYABLE.has(reason));
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so clients spread out. */
function backoffMs(baseMs: number, attempt: number): number {
  const step = baseMs * 2 ** (attempt - 1);
  return step / 2 + Math.random() * (step / 2);
}

/** Settles when `task` does or, if sooner, when `signal` aborts (a request still waiting for its host slot). */
function untilAborted<T>(task: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    task.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) onAbort();
  });
}

function flattenHeaders(raw: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    const separator = name === 'set-cookie' ? '\n' : ', ';
    const joined = Array.isArray(value) ? value.join(separator) : value;
    out[name] = out[name] === undefined ? joined : `${out[name]}${separator}${joined}`;
  }
  return out;
}
