// Probes against real local servers that misbehave the way portals do.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { generate } from 'selfsigned';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/uptime/conditions.ts';
import { createResolver } from '../../src/uptime/dns.ts';
import type { EndpointSpec } from '../../src/uptime/endpoints.ts';
import { probeEndpoint, type ProbeOutcome } from '../../src/uptime/probe.ts';
import { createStallMeter } from '../../src/uptime/stall.ts';
import { createTransport, type Transport } from '../../src/uptime/transport.ts';
import { startDnsServer } from '../helpers/dns-server.ts';

const cleanups: Array<() => Promise<void> | void> = [];

/** Blocks this thread for `ms` without burning CPU, as a frozen process would (GC pause, SIGSTOP). */
const freeze = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(server: net.Server, port = 0): Promise<number> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  }));
  return (server.address() as net.AddressInfo).port;
}

const httpServer = async (handler: http.RequestListener) => `http://127.0.0.1:${await listen(http.createServer(handler))}`;

function spec(url: string, over: Partial<EndpointSpec> = {}): EndpointSpec {
  return {
    portalId: 'p', key: 'home', url, method: 'GET', headers: {}, intervalMs: 60_000, timeoutMs: 2000, slowMs: 1500, downAfter: 1,
    confirmDelayMs: 50, maxBodyBytes: 64 * 1024, maxRedirects: 5, conditions: [], softConditions: [], ...over,
  };
}

function deps(transport?: Transport) {
  const stall = createStallMeter();
  cleanups.push(() => stall.stop());
  return { transport: transport ?? createTransport({ resolver: createResolver(), userAgent: 'dvc-monitor test' }), stall };
}

async function probe(s: EndpointSpec, transport?: Transport): Promise<ProbeOutcome> {
  const outcome = await probeEndpoint(s, deps(transport));
  expect(outcome).not.toBeNull();
  return outcome!;
}

describe('probing real servers', () => {
  it('times every phase, keeps status, size and IP, and evaluates the conditions', async () => {
    const base = await httpServer((_req, res) => res.end(JSON.stringify({ status: 'ok', services: 4456 })));
    const o = await probe(spec(`${base}/api/status.json`, {
      conditions: ['[STATUS] == 200', '[BODY].status == "ok"', '[RESPONSE_TIME] < 1500'].map(parseCondition),
    }));
    expect(o.observation).toEqual({ kind: 'up' });
    expect(o.attempts).toBe(1);
    const x = o.exchange;
    expect(x.ok && x.status).toBe(200);
    expect(x.ok && x.bodyBytes).toBe(31);
    expect(x.ip).toBe('127.0.0.1');
    expect(x.timings.connectMs).toBeGreaterThan(0);
    expect(x.timings.firstByteMs).toBeGreaterThanOrEqual(x.timings.connectMs);
    expect(x.timings.totalMs).toBeGreaterThanOrEqual(x.timings.firstByteMs);
    expect(o.assertions.map((a) => a.ok)).toEqual([true, true, true]);
  });

  it('a server that goes down and comes back: refused (confirmed by a retry), then up again', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    const port = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    let hits = 0;
    const counting = net.createServer();
    counting.on('connection', () => hits++);
    const down = await probe(spec(`http://127.0.0.1:${port}/`));
    expect(down.observation).toEqual({ kind: 'failed', reason: 'connect_refused' });
    expect(down.attempts).toBe(2);
    await listen(http.createServer((_req, res) => res.end('back')), port);
    const up = await probe(spec(`http://127.0.0.1:${port}/`));
    expect(up.observation).toEqual({ kind: 'up' });
    expect(hits).toBe(0);
  });

  it('a blip that the confirm-retry does not see again is UP, with the first failure noted', async () => {
    let calls = 0;
    const base = await httpServer((req, res) => {
      if (calls++ === 0) req.socket.destroy();
      else res.end('ok');
    });
    const o = await probe(spec(base));
    expect(o.observation).toEqual({ kind: 'up' });
    expect(o.attempts).toBe(2);
    expect(o.firstFailure).toBe('connect_reset');
  });

  it('a connection reset on every try is a failure named connect_reset', async () => {
    const base = await httpServer((req) => req.socket.destroy());
    expect((await probe(spec(base))).observation).toEqual({ kind: 'failed', reason: 'connect_reset' });
  });

  it('a server that never answers times out; a slow one is DEGRADED', async () => {
    const hang = await httpServer(() => {});
    const t0 = performance.now();
    const o = await probe(spec(hang, { timeoutMs: 300 }));
    expect(o.observation).toEqual({ kind: 'failed', reason: 'timeout' });
    expect(performance.now() - t0).toBeLessThan(5000);
    const slow = await httpServer((_req, res) => setTimeout(() => res.end('ok'), 400));
    expect((await probe(spec(slow, { slowMs: 200, timeoutMs: 3000 }))).observation).toEqual({ kind: 'degraded', reason: 'slow' });
  });

  it('a 5xx is http_5xx, a 404 http_4xx, unless the conditions decide about the status', async () => {
    const base = await httpServer((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : req.url === '/auth' ? 401 : 503;
      res.end('no');
    });
    expect((await probe(spec(`${base}/`))).observation).toEqual({ kind: 'failed', reason: 'http_5xx' });
    expect((await probe(spec(`${base}/missing`))).observation).toEqual({ kind: 'failed', reason: 'http_4xx' });
    expect((await probe(spec(`${base}/auth`, { conditions: [parseCondition('[STATUS] == 401')] }))).observation).toEqual({ kind: 'up' });
  });

  it('a maintenance page served with status 200 fails a content condition; a soft one only degrades', async () => {
    const base = await httpServer((_req, res) => res.end('<html><title>Hệ thống đang bảo trì</title></html>'));
    const hard = await probe(spec(base, { conditions: [parseCondition('[BODY] == pat(*Trang chủ*)')] }));
    expect(hard.observation).toEqual({ kind: 'failed', reason: 'assertion' });
    expect(hard.assertions[0]).toMatchObject({ ok: false, soft: false });
    expect(hard.assertions[0]!.actual).toContain('bảo trì');
    const soft = await probe(spec(base, { softConditions: [parseCondition('[BODY] == pat(*Trang chủ*)')] }));
    expect(soft.observation).toEqual({ kind: 'degraded', reason: 'soft_assertion' });
  });

  it('follows and records redirects; a loop and a long chain are too_many_redirects', async () => {
    const base = await httpServer((req, res) => {
      const n = Number(req.url?.slice(1));
      if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else if (Number.isInteger(n) && n > 0) res.writeHead(301, { location: `/${n - 1}` }).end();
      else res.end('home');
    });
    const ok = await probe(spec(`${base}/2`));
    expect(ok.observation).toEqual({ kind: 'up' });
    expect(ok.exchange.redirects).toEqual([{ url: `${base}/2`, status: 301 }, { url: `${base}/1`, status: 301 }]);
    expect(ok.exchange.url).toBe(`${base}/0`);
    expect(ok.exchange.httpsRedirect).toBe(false);
    const loop = await probe(spec(`${base}/loop`));
    expect(loop.observation).toEqual({ kind: 'failed', reason: 'too_many_redirects' });
    const long = await probe(spec(`${base}/9`, { maxRedirects: 3 }));
    expect(long.observation).toEqual({ kind: 'failed', reason: 'too_many_redirects' });
  });

  it('reads at most maxBodyBytes of a huge body, and does not fail for it', async () => {
    const base = await httpServer((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const write = () => { while (res.write(chunk)); };
      res.on('drain', write);
      write();
    });
    const o = await probe(spec(base, { maxBodyBytes: 100_000 }));
    expect(o.observation).toEqual({ kind: 'up' });
    expect(o.exchange.ok && o.exchange.bodyBytes).toBe(100_000);
    expect(o.exchange.ok && o.exchange.truncated).toBe(true);
  });

  it('our own process frozen while the portal\'s time ran out is UNKNOWN (paused), not a timeout', async () => {
    const base = await httpServer((_req, res) => setTimeout(() => res.end('ok'), 200));
    const pending = probeEndpoint(spec(base, { timeoutMs: 500 }), deps());
    await new Promise((r) => setTimeout(r, 50));
    freeze(1200); // the event loop stands still, as in a long GC pause or SIGSTOP
    const o = await pending;
    expect(o!.observation).toEqual({ kind: 'unknown', reason: 'paused' });
  });

  it('a response that only looks slow because we stood still is UNKNOWN; a really slow one stays DEGRADED', async () => {
    const base = await httpServer((_req, res) => setTimeout(() => res.end('ok'), 100));
    const pending = probeEndpoint(spec(base, { slowMs: 600, timeoutMs: 5000 }), deps());
    await new Promise((r) => setTimeout(r, 20));
    freeze(900);
    const o = await pending;
    expect(o!.observation).toEqual({ kind: 'unknown', reason: 'paused' });
    expect(o!.stalledMs).toBeGreaterThan(500);
    const slow = await httpServer((_req, res) => setTimeout(() => res.end('ok'), 800));
    expect((await probe(spec(slow, { slowMs: 300, timeoutMs: 5000 }))).observation).toEqual({ kind: 'degraded', reason: 'slow' });
  });

  it('stops at once when the prober stops (abort), recording nothing', async () => {
    const hang = await httpServer(() => {});
    const controller = new AbortController();
    const pending = probeEndpoint(spec(hang, { timeoutMs: 5000 }), { ...deps(), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBeNull();
  });
});

describe('TLS', () => {
  const DAY = 86_400_000;
  let valid: { key: string; cert: string };
  let expired: { key: string; cert: string };

  beforeAll(async () => {
    const make = async (notBeforeDate: Date, notAfterDate: Date) => {
      const pems = await generate([{ name: 'commonName', value: 'dvc-monitor uptime test' }, { name: 'organizationName', value: 'Sandbox CA' }], {
        keyType: 'ec', algorithm: 'sha256', notBeforeDate, notAfterDate,
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
      });
      return { key: pems.private, cert: pems.cert };
    };
    const now = Date.now();
    [valid, expired] = await Promise.all([make(new Date(now - DAY), new Date(now + 20 * DAY)), make(new Date(now - 60 * DAY), new Date(now - 2 * DAY))]);
  });

  const httpsBase = async (pems: { key: string; cert: string }) => `https://127.0.0.1:${await listen(https.createServer(pems, (_req, res) => res.end('secure')))}`;
  const trusting = (ca: string) => createTransport({ resolver: createResolver(), userAgent: 'test', ca });

  it('a self-signed certificate is tls_invalid, and its dates and issuer are still recorded', async () => {
    const o = await probe(spec(await httpsBase(valid)));
    expect(o.observation).toEqual({ kind: 'failed', reason: 'tls_invalid' });
    expect(o.exchange.certificate).toMatchObject({ subject: 'CN=dvc-monitor uptime test, O=Sandbox CA', issuer: 'CN=dvc-monitor uptime test, O=Sandbox CA' });
    expect(Date.parse(o.exchange.certificate!.notAfter)).toBeGreaterThan(Date.now() + 19 * DAY);
  });

  it('an expired certificate is tls_expired, even from a trusted issuer', async () => {
    const o = await probe(spec(await httpsBase(expired)), trusting(expired.cert));
    expect(o.observation).toEqual({ kind: 'failed', reason: 'tls_expired' });
    expect(Date.parse(o.exchange.certificate!.notAfter)).toBeLessThan(Date.now());
  });

  it('a trusted certificate passes, with TLS timed and [CERTIFICATE_EXPIRATION] checked', async () => {
    const base = await httpsBase(valid);
    const o = await probe(spec(base, { conditions: [parseCondition('[CERTIFICATE_EXPIRATION] > 336h')], softConditions: [parseCondition('[CERTIFICATE_EXPIRATION] > 720h')] }), trusting(valid.cert));
    expect(o.observation).toEqual({ kind: 'degraded', reason: 'soft_assertion' }); // 20 days left: > 14, < 30
    expect(o.exchange.timings.tlsMs).toBeGreaterThan(0);
    expect(o.exchange.httpsRedirect).toBeNull();
  });

  it('records an HTTP → HTTPS redirect', async () => {
    const secure = await httpsBase(valid);
    const plain = await httpServer((_req, res) => res.writeHead(301, { location: `${secure}/` }).end());
    const o = await probe(spec(plain, { conditions: [parseCondition('[FINAL_URL] == pat(https://*)')] }), trusting(valid.cert));
    expect(o.observation).toEqual({ kind: 'up' });
    expect(o.exchange.httpsRedirect).toBe(true);
    expect(o.exchange.redirects).toEqual([{ url: `${plain}/`, status: 301 }]);
  });
});

describe('DNS: the portal\'s fault or ours', () => {
  it('resolves through the configured server and times the lookup', async () => {
    const dns = await startDnsServer({ 'dichvucong.test': '127.0.0.1' });
    cleanups.push(() => dns.close());
    const port = await listen(http.createServer((_req, res) => res.end('ok')));
    const transport = createTransport({ resolver: createResolver({ servers: [dns.address] }), userAgent: 'test' });
    const o = await probe(spec(`http://dichvucong.test:${port}/`), transport);
    expect(o.observation).toEqual({ kind: 'up' });
    expect(o.exchange.ip).toBe('127.0.0.1');
    expect(o.exchange.timings.dnsMs).toBeGreaterThan(0);
    expect(dns.queries).toContain('dichvucong.test');
  });

  it('a name that does not exist (NXDOMAIN) is the portal\'s failure: dns', async () => {
    const dns = await startDnsServer({});
    cleanups.push(() => dns.close());
    const transport = createTransport({ resolver: createResolver({ servers: [dns.address] }), userAgent: 'test' });
    expect((await probe(spec('http://khong-ton-tai.test/'), transport)).observation).toEqual({ kind: 'failed', reason: 'dns' });
  });

  it('our resolver not answering is ours: UNKNOWN (local_dns), never a failure', async () => {
    // A port where nothing listens: the resolver is unreachable.
    const dead = await startDnsServer({});
    const address = dead.address;
    await dead.close();
    const transport = createTransport({ resolver: createResolver({ servers: [address], timeoutMs: 200 }), userAgent: 'test' });
    const o = await probe(spec('http://dichvucong.test/'), transport);
    expect(o.observation).toEqual({ kind: 'unknown', reason: 'local_dns' });
    expect(o.attempts).toBe(1);
  });

  it('a resolver failure (SERVFAIL) is the portal\'s when a canary still resolves, ours when none does', async () => {
    const dns = await startDnsServer({ 'canary.test': '127.0.0.1', 'broken.test': 'SERVFAIL' });
    cleanups.push(() => dns.close());
    const withCanary = createResolver({ servers: [dns.address], canaries: ['canary.test'] });
    await expect(withCanary.resolve('broken.test')).rejects.toMatchObject({ reason: 'dns', code: 'ESERVFAIL' });
    const withoutCanary = createResolver({ servers: [dns.address] });
    await expect(withoutCanary.resolve('broken.test')).rejects.toMatchObject({ reason: 'local_dns' });
    // Our resolver down: the canary fails too, so the failure is ours.
    const dead = await startDnsServer({});
    await dead.close();
    const down = createResolver({ servers: [dead.address], timeoutMs: 200, canaries: ['canary.test'] });
    await expect(down.resolve('dichvucong.test')).rejects.toMatchObject({ reason: 'local_dns' });
  });
});
