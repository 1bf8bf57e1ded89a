// The probe transport: one HTTP(S) exchange (and its redirect chain) over fresh connections,
// timed phase by phase, with the server certificate captured even when it is invalid.
//
// Why not the shared client (src/http/client.ts): that one pools kept-alive connections and
// retries with backoff, which is right for collecting data and wrong for probing. A probe opens
// a new connection every time (otherwise DNS, connect and TLS are not measured and a changed
// certificate goes unseen), never retries on its own (the state machine decides what a failure
// means) and must see the certificate of a failed handshake to say when it expired. It still
// speaks HTTP through undici and names its failures with the shared FailureReason set.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { rootCertificates } from 'node:tls';
import tls from 'node:tls';
import { Client, type Dispatcher } from 'undici';
import { classifyError, type FailureReason } from '../http/failure.ts';
import { printable } from './conditions.ts';
import { DnsFailure, type Resolver } from './dns.ts';

export interface ProbeTarget {
  url: string;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  /** The whole exchange, redirects included. */
  timeoutMs: number;
  /** Reading stops here; the body is kept truncated (a big home page is not a failure). */
  maxBodyBytes: number;
  maxRedirects: number;
}

export interface TransportOptions {
  resolver: Resolver;
  userAgent: string;
  /** Extra trusted CA (local test servers), on top of the system roots. */
  ca?: string | Buffer;
  /**
   * Connect somewhere else for a host and port (curl's --connect-to): the request, its Host and
   * its TLS name stay the same. A scale-out worker's location may reach portals through a gateway.
   */
  connectTo?: (host: string, port: number) => { host: string; port: number } | null;
}

export interface PhaseTimings {
  /** Summed over the hops of a redirect chain. */
  dnsMs: number;
  connectMs: number;
  tlsMs: number;
  /** From the start to the first byte of the final response's headers. */
  firstByteMs: number;
  /** From the start to the end of the final body (or to the failure). */
  totalMs: number;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** UTC ISO instants. */
  notBefore: string;
  notAfter: string;
}

export type TransportFailureReason = FailureReason | 'local_dns';

export interface ExchangeCommon {
  /** The URL of the last hop attempted. */
  url: string;
  redirects: Array<{ url: string; status: number }>;
  /** null when the chain started on https:; else whether it ended on https:. */
  httpsRedirect: boolean | null;
  ip?: string;
  timings: PhaseTimings;
  certificate?: CertificateInfo;
}

export type ExchangeResult =
  | (ExchangeCommon & {
      ok: true;
      status: number;
      headers: Record<string, string>;
      body: string;
      bodyBytes: number;
      truncated: boolean;
    })
  | (ExchangeCommon & {
      ok: false;
      reason: TransportFailureReason;
      detail: string;
      status?: number;
      /** On a timeout: how late the deadline timer fired (our process busy or frozen). */
      deadlineLateMs?: number;
    });

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

class TransportError extends Error {
  constructor(readonly reason: TransportFailureReason, detail: string, readonly status?: number, readonly deadlineLateMs?: number) {
    super(detail);
  }
}

/** Issuer and subject as "CN=…, O=…": bounded, they come from the portal. */
function distinguishedName(dn: tls.Certificate | undefined): string {
  if (!dn) return '';
  const parts = (['CN', 'O', 'OU', 'C'] as const).flatMap((k) => {
    const v = dn[k];
    return v === undefined ? [] : [`${k}=${Array.isArray(v) ? v.join('+') : v}`];
  });
  return printable(parts.join(', '), 300);
}

function certificateOf(socket: tls.TLSSocket): CertificateInfo | undefined {
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.valid_to) return undefined;
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    notBefore: new Date(cert.valid_from).toISOString(),
    notAfter: new Date(cert.valid_to).toISOString(),
  };
}

function flattenHeaders(raw: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = (Array.isArray(value) ? value.join(', ') : value).slice(0, 2000);
  }
  return out;
}

export function createTransport(options: TransportOptions) {
  const ca = options.ca === undefined ? undefined : [...rootCertificates, options.ca];

  async function exchange(target: ProbeTarget, signal?: AbortSignal): Promise<ExchangeResult> {
    const t0 = performance.now();
    const timings: PhaseTimings = { dnsMs: 0, connectMs: 0, tlsMs: 0, firstByteMs: 0, totalMs: 0 };
    const redirects: ExchangeCommon['redirects'] = [];
    const startedOnHttp = target.url.startsWith('http:');
    const state: { ip?: string; certificate?: CertificateInfo; sockets: net.Socket[] } = { sockets: [] };
    const common = (url: string): ExchangeCommon => ({
      url, redirects, timings, httpsRedirect: startedOnHttp ? url.startsWith('https:') : null,
      ...(state.ip === undefined ? {} : { ip: state.ip }),
      ...(state.certificate === undefined ? {} : { certificate: state.certificate }),
    });

    const deadline = new AbortController();
    const timer = setTimeout(() => {
      // How late the deadline itself fired: if our process was frozen then, an answer may be
      // sitting unread in the socket, and "timeout" would be our fault, not the portal's.
      const lateMs = performance.now() - t0 - target.timeoutMs;
      deadline.abort(new TransportError('timeout', `no complete answer within ${target.timeoutMs} ms`, undefined, lateMs));
    }, target.timeoutMs);
    const onCallerAbort = () => deadline.abort(new TransportError('aborted', 'probe stopped'));
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    deadline.signal.addEventListener('abort', () => { for (const s of state.sockets) s.destroy(); }, { once: true });

    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      clearTimeout(timer);
      return { ok: false, reason: 'invalid_url', detail: `cannot parse "${target.url}"`, ...common(target.url) };
    }
    const seen = new Set<string>();
    try {
      for (;;) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TransportError('invalid_url', `unsupported scheme in "${url.href}"`);
        seen.add(url.href);
        const hop = await oneHop(url, target, timings, state, deadline.signal, t0);
        if (hop.kind === 'final') {
          timings.totalMs = performance.now() - t0;
          return { ok: true, ...hop.response, ...common(url.href) };
        }
        redirects.push({ url: url.href, status: hop.status });
        let next: URL;
        try {
          next = new URL(hop.location, url);
        } catch {
          throw new TransportError('invalid_url', `redirect to an unparsable location "${hop.location.slice(0, 200)}"`, hop.status);
        }
        if (seen.has(next.href)) throw new TransportError('too_many_redirects', `redirect loop back to ${next.href}`, hop.status);
        if (redirects.length > target.maxRedirects) throw new TransportError('too_many_redirects', `more than ${target.maxRedirects} redirects`, hop.status);
        url = next;
      }
    } catch (err) {
      timings.totalMs = performance.now() - t0;
      const cause = deadline.signal.aborted ? deadline.signal.reason : err;
      const { reason, detail, status } = describeFailure(cause);
      const late = cause instanceof TransportError ? cause.deadlineLateMs : undefined;
      return {
        ok: false, reason, detail, ...(status === undefined ? {} : { status }), ...(late === undefined ? {} : { deadlineLateMs: late }), ...common(url.href),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
      for (const s of state.sockets) s.destroy();
    }
  }

  type Hop =
    | { kind: 'redirect'; status: number; location: string }
    | { kind: 'final'; response: { status: number; headers: Record<string, string>; body: string; bodyBytes: number; truncated: boolean } };

  async function oneHop(
    url: URL, target: ProbeTarget, timings: PhaseTimings, state: { ip?: string; certificate?: CertificateInfo; sockets: net.Socket[] },
    signal: AbortSignal, t0: number,
  ): Promise<Hop> {
    const https = url.protocol === 'https:';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port) || (https ? 443 : 80);
    const route = options.connectTo?.(host, port) ?? null;

    // The connection is made here, phase by phase, and handed to undici for the HTTP exchange.
    const connect = async (): Promise<net.Socket> => {
      let phase = performance.now();
      const connectHost = route?.host ?? host;
      let ip = connectHost;
      if (net.isIP(connectHost) === 0) {
        ip = await options.resolver.resolve(connectHost);
        timings.dnsMs += performance.now() - phase;
        phase = performance.now();
      }
      state.ip = ip;
      signal.throwIfAborted();
      const socket = net.connect({ host: ip, port: route?.port ?? port, noDelay: true });
      state.sockets.push(socket);
      await settled(socket, 'connect', signal);
      timings.connectMs += performance.now() - phase;
      if (!https) return socket;
      phase = performance.now();
      const secure = tls.connect({
        socket, host, servername: net.isIP(host) === 0 ? host : undefined, ALPNProtocols: ['http/1.1'],
        // Verified below, by hand: the certificate of a failed handshake is evidence too.
        rejectUnauthorized: false, ...(ca ? { ca } : {}),
      });
      // Only the TLS socket is destroyed from now on: destroying the plain socket under a live
      // TLS socket crashes Node 20 (segmentation fault).
      state.sockets[state.sockets.indexOf(socket)] = secure;
      await settled(secure, 'secureConnect', signal);
      timings.tlsMs += performance.now() - phase;
      state.certificate = certificateOf(secure);
      if (!secure.authorized) {
        const code = String(secure.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
        throw Object.assign(new Error(`certificate refused: ${code}`), { code });
      }
      return secure;
    };

    const client = new Client(url.origin, {
      connect: (_opts, callback) => {
        connect().then((s) => callback(null, s), (err: Error) => callback(err, null));
      },
      pipelining: 1,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    try {
      const res = await client.request({
        path: url.pathname + url.search,
        method: target.method,
        headers: { 'user-agent': options.userAgent, ...target.headers },
        signal,
      });
      timings.firstByteMs = performance.now() - t0;
      const location = res.headers['location'];
      if (REDIRECT_STATUSES.has(res.statusCode) && typeof location === 'string' && location !== '') {
        await res.body.dump();
        return { kind: 'redirect', status: res.statusCode, location };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        if (size + chunk.length > target.maxBodyBytes) {
          chunks.push(chunk.subarray(0, target.maxBodyBytes - size));
          size = target.maxBodyBytes;
          truncated = true;
          break;
        }
        chunks.push(chunk);
        size += chunk.length;
      }
      res.body.on('error', () => {}).destroy();
      return {
        kind: 'final',
        response: {
          status: res.statusCode, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks, size).toString('utf8'),
          bodyBytes: size, truncated,
        },
      };
    } finally {
      // Our socket is destroyed first, without an error: undici would destroy it with one, and
      // Node formats the stack of every error a stream is destroyed with (costly at 167 probes/s).
      for (const socket of state.sockets) socket.destroy();
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0; // destroy() makes an error nobody reads: skip capturing its stack
      try {
        client.destroy().catch(() => {});
      } finally {
        Error.stackTraceLimit = limit;
      }
    }
  }

  return { exchange };
}

export type Transport = ReturnType<typeof createTransport>;

/**
 * Waits for a socket to reach `event`. undici only honours an abort once the connector has
 * answered, so the connector must give up on its own: on error, on close (a socket destroyed
 * while connecting emits no error) and on abort.
 */
function settled(socket: net.Socket, event: 'connect' | 'secureConnect', signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (err?: unknown) => {
      socket.off(event, onEvent).off('error', done).off('close', onClose);
      signal.removeEventListener('abort', onAbort);
      if (err === undefined) resolve();
      else reject(err);
    };
    const onEvent = () => done();
    const onClose = () => done(signal.reason ?? new Error('socket closed while connecting'));
    const onAbort = () => done(signal.reason);
    socket.once(event, onEvent).once('error', done).once('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
  });
}

function describeFailure(err: unknown): { reason: TransportFailureReason; detail: string; status?: number } {
  if (err instanceof TransportError) return { reason: err.reason, detail: err.message, ...(err.status === undefined ? {} : { status: err.status }) };
  // undici wraps what the connector threw; the DNS verdict may sit in the cause chain.
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DnsFailure) return { reason: e.reason, detail: e.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { reason: classifyError(err), detail: message.slice(0, 300) };
}
