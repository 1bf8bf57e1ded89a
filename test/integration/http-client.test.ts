// The HTTP client against real local servers that misbehave the way portals do.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { generate } from 'selfsigned';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, failureForStatus, HttpFailure, type HttpClient, type HttpLimits } from '../../src/http/client.ts';

const MiB = 1024 * 1024;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Fast limits for tests; each case overrides what it exercises. */
// "Promptly" below means long before a deadline the request would otherwise wait for: the
// bound is a fraction of that deadline, not a speed figure, so a loaded machine does not fail it.
const LONG_WAIT_MS = 10_000;
const PROMPT_MS = 3_000;

function client(limits: Partial<HttpLimits> = {}): HttpClient {
  const c = createHttpClient({ retries: 0, retryBaseDelayMs: 10, ...limits });
  cleanups.push(() => c.close());
  return c;
}

/** Listens on 127.0.0.1:0 and destroys every connection at cleanup. */
async function serve(server: net.Server): Promise<string> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as net.AddressInfo;
  return `${server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${port}`;
}

function httpServer(handler: http.RequestListener): Promise<string> {
  return serve(http.createServer(handler));
}

async function failureOf(promise: Promise<unknown>): Promise<HttpFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpFailure);
  return err as HttpFailure;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function drainedOrClosed(res: http.ServerResponse): Promise<void> {
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

describe('responses', () => {
  it('returns a 200 with its body, flattened headers and timings', async () => {
    const base = await httpServer((_req, res) => {
      setTimeout(() => {
        res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2']);
        res.setHeader('X-Multi', ['one', 'two']);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<h1>Cổng Dịch vụ công</h1>');
      }, 50);
    });
    const before = Date.now();
    const res = await client().request({ url: `${base}/index.html` });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/index.html`);
    expect(res.body.toString('utf8')).toBe('<h1>Cổng Dịch vụ công</h1>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['set-cookie']).toBe('a=1; Path=/\nb=2');
    expect(res.headers['x-multi']).toBe('one, two');
    expect(res.attempts).toBe(1);
    expect(res.redirects).toEqual([]);
    expect(res.startedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(res.firstByteMs).toBeGreaterThanOrEqual(45);
    expect(res.totalMs).toBeGreaterThanOrEqual(res.firstByteMs);
  });

  it('sends a POST form body intact, with a user agent', async () => {
    let received: { method?: string; type?: string; ua?: string; body?: string } = {};
    const base = await httpServer(async (req, res) => {
      received = { method: req.method, type: req.headers['content-type'], ua: req.headers['user-agent'], body: await readBody(req) };
      res.end('ok');
    });
    const form = new URLSearchParams({ maHoSo: 'G22.99-240101-0001', tinh: 'Hà Nội' }).toString();
    const res = await client().request({
      method: 'POST',
      url: `${base}/tra-cuu`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(received).toEqual({ method: 'POST', type: 'application/x-www-form-urlencoded', ua: expect.stringMatching(/^dvc-monitor\/\d/), body: form });
  });

  it('returns a 404 as a response, not a failure', async () => {
    let hits = 0;
    const base = await httpServer((_req, res) => {
      hits++;
      res.writeHead(404).end('không tìm thấy');
    });
    const res = await client({ retries: 2 }).request({ url: `${base}/missing` });
    expect(res.status).toBe(404);
    expect(res.body.toString()).toBe('không tìm thấy');
    expect(res.attempts).toBe(1);
    expect(hits).toBe(1);
  });

  it('retries a 503 and returns the 200 that follows', async () => {
    let hits = 0;
    const base = await httpServer((_req, res) => {
      hits++;
      if (hits <= 2) res.writeHead(503).end('busy');
      else res.end('ok');
    });
    const res = await client({ retries: 2 }).request({ url: base });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('ok');
    expect(res.attempts).toBe(3);
  });

  it('retries a 429 like a 5xx', async () => {
    let hits = 0;
    const base = await httpServer((_req, res) => {
      hits++;
      if (hits === 1) res.writeHead(429).end();
      else res.end('ok');
    });
    const res = await client({ retries: 2 }).request({ url: base });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
  });

  it('returns the last 500 once retries are exhausted', async () => {
    let hits = 0;
    const base = await httpServer((_req, res) => {
      hits++;
      res.writeHead(500).end(`lỗi ${hits}`);
    });
    const res = await client({ retries: 2 }).request({ url: base });
    expect(res.status).toBe(500);
    expect(res.body.toString()).toBe('lỗi 3');
    expect(res.attempts).toBe(3);
    expect(hits).toBe(3);
  });

  it('maps statuses to failure reasons', () => {
    expect(failureForStatus(200)).toBeNull();
    expect(failureForStatus(302)).toBeNull();
    expect(failureForStatus(404)).toBe('http_4xx');
    expect(failureForStatus(429)).toBe('rate_limited');
    expect(failureForStatus(503)).toBe('http_5xx');
  });
});

// Issue 13 item 7: a 429 with Retry-After: 30 was retried after 222 ms.
describe('Retry-After', () => {
  /** A server answering 429 (or 503) with `retryAfter` until `rejections` requests were refused; request times kept. */
  async function busyServer(retryAfter: () => string, rejections = 1, status = 429) {
    const hits: number[] = [];
    const base = await httpServer((_req, res) => {
      hits.push(performance.now());
      if (hits.length <= rejections) res.writeHead(status, { 'retry-after': retryAfter() }).end('chậm lại');
      else res.end('ok');
    });
    return { base, hits };
  }

  it('waits the seconds a 429 asks for before retrying, not the backoff', async () => {
    const { base, hits } = await busyServer(() => '1');
    const res = await client({ retries: 2, retryBaseDelayMs: 10 }).request({ url: base });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(hits[1]! - hits[0]!).toBeGreaterThanOrEqual(990);
  });

  it('reads an HTTP date, and honours Retry-After on a 503 too', async () => {
    const { base, hits } = await busyServer(() => new Date(Date.now() + 2000).toUTCString(), 1, 503);
    const res = await client({ retries: 1, retryBaseDelayMs: 10 }).request({ url: base });
    expect(res.status).toBe(200);
    // HTTP dates have whole seconds: at least 1 s of the 2 asked for.
    expect(hits[1]! - hits[0]!).toBeGreaterThanOrEqual(990);
  });

  it('does not retry at all when the wait asked for is beyond maxRetryAfterMs or the deadline', async () => {
    const tooLong = await busyServer(() => '30', 5);
    const { value: res, ms } = await timed(() => client({ retries: 3, retryBaseDelayMs: 10, maxRetryAfterMs: 10_000 }).request({ url: tooLong.base }));
    expect(res.status).toBe(429);
    expect(res.attempts).toBe(1);
    expect(tooLong.hits).toHaveLength(1);
    expect(ms).toBeLessThan(PROMPT_MS);

    const pastDeadline = await busyServer(() => '5', 5);
    const late = await client({ retries: 3, retryBaseDelayMs: 10, maxRetryAfterMs: 60_000, totalTimeoutMs: 2000 }).request({ url: pastDeadline.base });
    expect(late.status).toBe(429);
    expect(pastDeadline.hits).toHaveLength(1);
  });

  it('holds every request to that host until the pause is over', async () => {
    const { base, hits } = await busyServer(() => '1');
    const c = client({ retries: 1, retryBaseDelayMs: 10 });
    const first = c.request({ url: `${base}/a` });
    await sleep(200);
    const second = await c.request({ url: `${base}/b` });
    expect(second.status).toBe(200);
    expect((await first).status).toBe(200);
    // The second request, sent while the host was paused, waited for the pause too.
    expect(hits[1]! - hits[0]!).toBeGreaterThanOrEqual(990);
    expect(hits).toHaveLength(3);
  });

  it('fails a request that would have to wait past its deadline for a paused host as rate_limited', async () => {
    const { base, hits } = await busyServer(() => '5');
    const c = client({ retries: 0, retryBaseDelayMs: 10, totalTimeoutMs: 3000 });
    // No retry (retries 0), but the host's pause is remembered for the next request.
    expect((await c.request({ url: base })).status).toBe(429);
    const { value: failure, ms } = await timed(() => failureOf(c.request({ url: `${base}/again` })));
    expect(failure.reason).toBe('rate_limited');
    expect(failure.message).toMatch(/asked to wait \d s more \(Retry-After\), beyond this request's deadline/);
    expect(ms).toBeLessThan(PROMPT_MS);
    expect(hits).toHaveLength(1);
  });
});

describe('a body cut short in transit (issue 13 item 1)', () => {
  /** A raw server: the headers it sends, then the body bytes, then it closes the connection. */
  async function rawServer(head: string, body: string): Promise<{ base: string; hits: () => number }> {
    let hits = 0;
    const base = await serve(net.createServer((socket) => {
      socket.once('data', () => {
        hits++;
        socket.end(`${head}\r\n\r\n${body}`);
      });
    }));
    return { base, hits: () => hits };
  }

  it('names a body shorter than its Content-Length truncated, keeps what arrived, and retries it', async () => {
    const { base, hits } = await rawServer('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100', '<html><body><td>1.026');
    const failure = await failureOf(client({ retries: 1 }).request({ url: base }));
    expect(failure.reason).toBe('truncated');
    expect(failure.message).toContain('the body ended after 21 of the 100 bytes its Content-Length announced');
    expect(failure.attempts).toBe(2);
    expect(hits()).toBe(2);
    expect(failure.partial).toMatchObject({ status: 200, attempts: 2, headers: { 'content-type': 'text/html' } });
    expect(failure.partial!.body.toString()).toBe('<html><body><td>1.026');
  });

  it('names a chunked body without its last chunk truncated', async () => {
    const { base } = await rawServer('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked', '9\r\n[{"a":"1"\r\n');
    const failure = await failureOf(client().request({ url: base }));
    expect(failure.reason).toBe('truncated');
    expect(failure.message).toContain('the body ended after 9 bytes, before the end its chunked encoding announces');
    expect(failure.partial!.body.toString()).toBe('[{"a":"1"');
  });
});

describe('transport failures', () => {
  it('reports a closed port as connect_refused, after retrying', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const failure = await failureOf(client({ retries: 1 }).request({ url: `http://127.0.0.1:${port}/` }));
    expect(failure.reason).toBe('connect_refused');
    expect(failure.attempts).toBe(2);
  });

  it('reports a socket destroyed mid-headers as connect_reset, after retrying', async () => {
    let connections = 0;
    const base = await serve(
      net.createServer((socket) => {
        connections++;
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\nContent-Ty');
          socket.destroy();
        });
      }),
    );
    const failure = await failureOf(client({ retries: 1 }).request({ url: base }));
    expect(failure.reason).toBe('connect_reset');
    expect(failure.attempts).toBe(2);
    expect(connections).toBe(2);
  });

  it('times out slow headers close to the limit', async () => {
    const base = await httpServer(() => {
      // Never answers.
    });
    const { value: failure, ms } = await timed(() => failureOf(client({ headersTimeoutMs: 300 }).request({ url: base })));
    expect(failure.reason).toBe('timeout');
    expect(ms).toBeGreaterThanOrEqual(280);
    // undici checks phase timeouts on a ~0.5 s tick, so up to about a second late, never more.
    expect(ms).toBeLessThan(1_300);
  });

  it('times out a body trickling past the total deadline, without retrying past it', async () => {
    const base = await httpServer((_req, res) => {
      res.writeHead(200);
      const tick = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(tick));
    });
    const { value: failure, ms } = await timed(() =>
      failureOf(client({ totalTimeoutMs: 600, bodyTimeoutMs: 5_000, retries: 2 }).request({ url: base })),
    );
    expect(failure.reason).toBe('timeout');
    expect(failure.attempts).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(580);
    expect(ms).toBeLessThan(1_100);
  });

  it('reports an unresolvable host as dns, without retrying', async () => {
    const failure = await failureOf(client({ retries: 2 }).request({ url: 'http://dvc-monitor-test.invalid/' }));
    expect(failure.reason).toBe('dns');
    expect(failure.attempts).toBe(1);
  });

  it('reports the caller aborting as aborted, promptly and without retrying', async () => {
    let hits = 0;
    const base = await httpServer(() => {
      hits++;
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { value: failure, ms } = await timed(() =>
      failureOf(client({ retries: 2, headersTimeoutMs: LONG_WAIT_MS, totalTimeoutMs: LONG_WAIT_MS }).request({ url: base, signal: controller.signal })),
    );
    expect(failure.reason).toBe('aborted');
    expect(failure.attempts).toBe(1);
    expect(hits).toBe(1);
    expect(ms).toBeLessThan(PROMPT_MS);
  });

  it('rejects URLs that are not http or https as invalid_url', async () => {
    const c = client();
    expect((await failureOf(c.request({ url: 'ftp://127.0.0.1/file' }))).reason).toBe('invalid_url');
    const garbage = await failureOf(c.request({ url: 'not a url' }));
    expect(garbage.reason).toBe('invalid_url');
    expect(garbage.attempts).toBe(0);
  });
});

describe('body size limit', () => {
  it('stops a 50 MiB streamed body without content-length quickly and with bounded memory', async () => {
    let sent = 0;
    let closed = false;
    const base = await httpServer(async (_req, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      while (sent < 50 * MiB && !closed) {
        sent += chunk.length;
        if (!res.write(chunk)) await drainedOrClosed(res);
      }
      res.end();
    });
    const heapBefore = process.memoryUsage().heapUsed;
    const { value: failure, ms } = await timed(() => failureOf(client({ maxBodyBytes: MiB }).request({ url: base })));
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(failure.reason).toBe('too_large');
    expect(failure.status).toBe(200);
    expect(ms).toBeLessThan(2_000);
    await sleep(50);
    expect(closed).toBe(true);
    // The server could only push what the client read plus socket buffers, nowhere near 50 MiB.
    expect(sent).toBeLessThan(16 * MiB);
    expect(heapGrowth).toBeLessThan(16 * MiB);
  });

  it('fails on a content-length above the limit before reading the body', async () => {
    let closed = false;
    const base = await httpServer((_req, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200, { 'Content-Length': String(100 * MiB) });
      res.write(Buffer.alloc(1024)); // and then nothing: the client must not wait for the rest
    });
    const { value: failure, ms } = await timed(() => failureOf(client({ maxBodyBytes: MiB, bodyTimeoutMs: LONG_WAIT_MS, totalTimeoutMs: LONG_WAIT_MS }).request({ url: base })));
    expect(failure.reason).toBe('too_large');
    expect(failure.message).toMatch(/content-length/);
    expect(ms).toBeLessThan(PROMPT_MS);
    await sleep(50);
    expect(closed).toBe(true);
  });
});

describe('redirects', () => {
  it('follows and records a chain, resolving relative locations', async () => {
    const base = await httpServer((req, res) => {
      if (req.url === '/a') res.writeHead(301, { Location: 'b' }).end();
      else if (req.url === '/b') res.writeHead(302, { Location: `${base}/c?x=1` }).end('moved');
      else res.end(`final ${req.url}`);
    });
    const res = await client().request({ url: `${base}/a` });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('final /c?x=1');
    expect(res.url).toBe(`${base}/c?x=1`);
    expect(res.redirects).toEqual([
      { url: `${base}/a`, status: 301 },
      { url: `${base}/b`, status: 302 },
    ]);
  });

  it('stops a redirect loop as too_many_redirects', async () => {
    let hits = 0;
    const base = await httpServer((_req, res) => {
      hits++;
      res.writeHead(302, { Location: '/loop' }).end();
    });
    const failure = await failureOf(client({ maxRedirects: 3, retries: 2 }).request({ url: `${base}/loop` }));
    expect(failure.reason).toBe('too_many_redirects');
    expect(failure.status).toBe(302);
    expect(failure.attempts).toBe(1);
    expect(hits).toBe(4);
  });

  it('turns a POST into a GET without body after a 303', async () => {
    const seen: Array<{ url?: string; method?: string; body: string; type?: string }> = [];
    const base = await httpServer(async (req, res) => {
      seen.push({ url: req.url, method: req.method, body: await readBody(req), type: req.headers['content-type'] });
      if (req.url === '/submit') res.writeHead(303, { Location: '/result' }).end();
      else res.end('done');
    });
    const res = await client().request({
      method: 'POST',
      url: `${base}/submit`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(res.body.toString()).toBe('done');
    expect(seen).toEqual([
      { url: '/submit', method: 'POST', body: 'a=1', type: 'application/x-www-form-urlencoded' },
      { url: '/result', method: 'GET', body: '', type: undefined },
    ]);
  });

  it('keeps the method and body across a 307', async () => {
    const seen: Array<{ url?: string; method?: string; body: string }> = [];
    const base = await httpServer(async (req, res) => {
      seen.push({ url: req.url, method: req.method, body: await readBody(req) });
      if (req.url === '/old') res.writeHead(307, { Location: '/new' }).end();
      else res.end('done');
    });
    await client().request({ method: 'POST', url: `${base}/old`, body: 'a=1' });
    expect(seen).toEqual([
      { url: '/old', method: 'POST', body: 'a=1' },
      { url: '/new', method: 'POST', body: 'a=1' },
    ]);
  });

  it('refuses a redirect to a non-http scheme as invalid_url', async () => {
    const base = await httpServer((_req, res) => res.writeHead(302, { Location: 'file:///etc/passwd' }).end());
    const failure = await failureOf(client().request({ url: base }));
    expect(failure.reason).toBe('invalid_url');
  });
});

describe('TLS', () => {
  const DAY = 24 * 3600 * 1000;
  let valid: { key: string; cert: string };
  let expired: { key: string; cert: string };
  let otherName: { key: string; cert: string };

  beforeAll(async () => {
    const make = async (notBeforeDate: Date, notAfterDate: Date, altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }>) => {
      const pems = await generate([{ name: 'commonName', value: 'dvc-monitor test' }], {
        keyType: 'ec',
        algorithm: 'sha256',
        notBeforeDate,
        notAfterDate,
        extensions: [{ name: 'subjectAltName', altNames }],
      });
      return { key: pems.private, cert: pems.cert };
    };
    const now = Date.now();
    const local = [{ type: 7 as const, ip: '127.0.0.1' }];
    [valid, expired, otherName] = await Promise.all([
      make(new Date(now - DAY), new Date(now + 30 * DAY), local),
      make(new Date(now - 60 * DAY), new Date(now - 30 * DAY), local),
      make(new Date(now - DAY), new Date(now + 30 * DAY), [{ type: 2, value: 'dichvucong.example' }]),
    ]);
  });

  const httpsServer = (pems: { key: string; cert: string }) =>
    serve(https.createServer(pems, (_req, res) => res.end('secure')));

  it('rejects a self-signed certificate as tls_invalid, without retrying', async () => {
    const base = await httpsServer(valid);
    const failure = await failureOf(client({ retries: 2 }).request({ url: base }));
    expect(failure.reason).toBe('tls_invalid');
    expect(failure.attempts).toBe(1);
  });

  it('accepts the same server once its certificate is a trusted CA', async () => {
    const base = await httpsServer(valid);
    const res = await client({ ca: valid.cert }).request({ url: base });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('secure');
  });

  it('rejects a certificate for another host name as tls_invalid', async () => {
    const base = await httpsServer(otherName);
    const failure = await failureOf(client({ ca: otherName.cert }).request({ url: base }));
    expect(failure.reason).toBe('tls_invalid');
  });

  it('reports an expired certificate as tls_expired', async () => {
    const base = await httpsServer(expired);
    const failure = await failureOf(client({ ca: expired.cert }).request({ url: base }));
    expect(failure.reason).toBe('tls_expired');
  });
});

describe('per-host concurrency', () => {
  it('never has more requests in flight to a host than the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const base = await httpServer((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 60);
    });
    const c = client({ perHostConcurrency: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => c.request({ url: `${base}/${i}` })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(peak).toBe(2);
  });

  it('lets a request still waiting for its host slot be aborted', async () => {
    const base = await httpServer(() => {
      // Never answers, so the first request holds the only slot.
    });
    const c = client({ perHostConcurrency: 1, headersTimeoutMs: LONG_WAIT_MS, totalTimeoutMs: LONG_WAIT_MS });
    const holder = new AbortController();
    const first = failureOf(c.request({ url: `${base}/slow`, signal: holder.signal }));
    const waiting = new AbortController();
    setTimeout(() => waiting.abort(), 100);
    const { value: failure, ms } = await timed(() => failureOf(c.request({ url: `${base}/queued`, signal: waiting.signal })));
    expect(failure.reason).toBe('aborted');
    expect(ms).toBeLessThan(PROMPT_MS);
    holder.abort();
    expect((await first).reason).toBe('aborted');
  });
});
