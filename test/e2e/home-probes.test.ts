// The home page's two probes share one browser context (home-probes.ts) and still give what two
// separate fresh contexts give, by real Chromium against a real server on 127.0.0.1 that logs
// what reached it: the http:// probe on a clean slate, the CORS probe answered by the server
// itself (not the HTTP cache), asked as a fresh context asks (no Cache-Control), with the Origin
// header and without the http:// probe's cookies or the client hints its answer asked for.
// The reference is the probes as they were before: each in its own fresh context.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Server, Socket } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLS_CERT, TLS_KEY, TLS_SPKI_SHA256 } from '../../scripts/sandbox/hosts.ts';
import { launchBrowser } from '../../src/browser/launch.ts';
import { browserArgs } from '../../src/checks/checker.ts';
import { probeHome } from '../../src/checks/evidence/home-probes.ts';
import { upgradedByBrowser } from '../../src/checks/evidence/hsts-preload.ts';
import { redirectChain } from '../../src/checks/evidence/navigation.ts';
import { CORS_PROBE_ORIGIN, type CorsProbe, type PageEvidence } from '../../src/checks/types.ts';
import { tlsOrPlainFront } from '../../src/server/tls-front.ts';

// Names the test certificate covers, each a portal of its own kind.
const REDIRECTS = 'dichvucong.hanoi.sandbox'; // http:// → https://, HSTS, echoes the Origin with credentials
const COOKIES = 'dichvucong.bct.sandbox'; // cookies and long-lived cache headers on every answer
const NO_HTTP = 'dichvucong.danang.sandbox'; // its http:// address hangs up; HTTPS answers ACAO *
const HINTS = 'kiemthu.sandbox'; // asks for client hints beyond the default ones
const ESCAPES = 'dichvucong.thoat.sandbox'; // its http:// address redirects to the monitoring host (another 127.0.0.1 port)

interface Arrival { scheme: 'http' | 'https'; host: string; path: string; origin: string | null; cookie: string | null; cacheControl: string | null }
let arrivals: Arrival[] = [];
/** Requests that carried client hints beyond the ones every context sends unasked. */
let hinted: string[] = [];
let server: Server;
/** Stands for the monitoring host's own service: nothing may reach it. */
let monitoringHost: http.Server;
let monitoringPort = 0;
const reachedMonitoringHost: string[] = [];
const sockets = new Set<Socket>();
let browser: Browser;

function answer(req: http.IncomingMessage, res: http.ServerResponse): void {
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  // A browser may also ask for the icon, as it likes: not what the probes are about.
  if (req.url === '/favicon.ico') return void res.writeHead(404).end();
  arrivals.push({ scheme, host, path: req.url ?? '', origin: req.headers.origin ?? null, cookie: req.headers.cookie ?? null, cacheControl: req.headers['cache-control'] ?? null });
  const learned = Object.keys(req.headers).filter((h) => h.startsWith('sec-ch-') && !['sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform'].includes(h));
  if (learned.length) hinted.push(`${scheme}://${host}${req.url}: ${learned.sort().join(' ')}`);
  const page = '<!doctype html><html lang="vi"><title>Cổng dịch vụ công</title><p>Trang chủ</p></html>';
  if (host === NO_HTTP && scheme === 'http') return void req.socket.destroy();
  if (host === ESCAPES) return void res.writeHead(302, { location: `http://127.0.0.1:${monitoringPort}/bi-mat` }).end();
  if (host === NO_HTTP) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'access-control-allow-origin': '*' }).end(page);
  if (host === HINTS) {
    if (scheme === 'http') return void res.writeHead(301, { location: `https://${host}${req.url}` }).end();
    const cors = req.headers.origin ? { 'access-control-allow-origin': req.headers.origin } : {};
    return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'accept-ch': 'Sec-CH-UA-Arch, Sec-CH-UA-Full-Version-List', ...cors }).end(page);
  }
  if (host === REDIRECTS) {
    if (scheme === 'http') return void res.writeHead(301, { location: `https://${host}${req.url}` }).end();
    const cors = req.headers.origin ? { 'access-control-allow-origin': req.headers.origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {};
    return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'strict-transport-security': 'max-age=31536000', ...cors }).end(page);
  }
  // COOKIES: a session cookie and an hour in any cache on every answer, no Vary: a browser may
  // serve the https:// page from its cache, Origin or not. Credentials are granted to a session only.
  const common = { 'set-cookie': 'phien=abc123; Path=/', 'cache-control': 'public, max-age=3600' };
  if (scheme === 'http') return void res.writeHead(301, { ...common, location: `https://${host}${req.url}` }).end();
  const cors = {
    ...(req.headers.origin ? { 'access-control-allow-origin': req.headers.origin } : {}),
    ...(req.headers.cookie?.includes('phien=') ? { 'access-control-allow-credentials': 'true' } : {}),
  };
  res.writeHead(200, { ...common, 'content-type': 'text/html; charset=utf-8', ...cors }).end(page);
}

beforeAll(async () => {
  const plain = http.createServer(answer);
  const tls = https.createServer({ key: TLS_KEY, cert: TLS_CERT }, answer);
  server = tlsOrPlainFront(tls, plain, sockets);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  monitoringHost = http.createServer((req, res) => { reachedMonitoringHost.push(`${req.method} ${req.url}`); res.end('bí mật'); });
  await new Promise<void>((resolve) => monitoringHost.listen(0, '127.0.0.1', resolve));
  monitoringPort = (monitoringHost.address() as AddressInfo).port;
  const hostResolverRules = [...[REDIRECTS, COOKIES, NO_HTTP, HINTS, ESCAPES].map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ');
  browser = await launchBrowser({ args: browserArgs({ hostResolverRules, trustedCertificateSpki: [TLS_SPKI_SHA256], publicAddresses: [], maxPageMemoryMb: 256 }) });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (monitoringHost ? monitoringHost.close(() => resolve()) : resolve()));
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

const TIMEOUT_MS = 10_000;

/** The http:// probe as it was: alone, in a fresh context. */
async function httpVariantAlone(httpUrl: string): Promise<PageEvidence['httpVariant']> {
  const context = await browser.newContext({ acceptDownloads: false, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const response = await page.goto(httpUrl, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    return {
      url: httpUrl, finalUrl: response?.url() ?? page.url(), status: response?.status() ?? null, error: null,
      redirects: response ? await redirectChain(response) : [], upgradedByBrowser: response ? await upgradedByBrowser(response.request()) : false,
    };
  } catch (err) {
    return { url: httpUrl, finalUrl: null, status: null, error: String((err as Error).message).split('\n')[0]! };
  } finally {
    await context.close();
  }
}

/** The CORS probe as it was: alone, in a fresh context sending the Origin on every request. */
async function corsAlone(url: string): Promise<CorsProbe> {
  const context = await browser.newContext({ acceptDownloads: false, serviceWorkers: 'block', extraHTTPHeaders: { origin: CORS_PROBE_ORIGIN } });
  try {
    const response = await (await context.newPage()).goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    const headers = response ? await response.allHeaders() : {};
    return {
      url, origin: CORS_PROBE_ORIGIN, status: response?.status() ?? null, error: null,
      allowOrigin: headers['access-control-allow-origin'] ?? null, allowCredentials: headers['access-control-allow-credentials'] ?? null,
    };
  } finally {
    await context.close();
  }
}

/** Both probes of a host's home page, separately then together, with what reached the server each time. */
async function bothWays(host: string) {
  const httpUrl = `http://${host}/`;
  const corsUrl = `https://${host}/`;
  arrivals = [];
  hinted = [];
  const separate = { httpVariant: await httpVariantAlone(httpUrl), corsProbe: await corsAlone(corsUrl) };
  const separateArrivals = arrivals;
  const separateHinted = hinted;
  arrivals = [];
  hinted = [];
  const phases: string[] = [];
  const { value: together, contexts } = await countingContexts(() => probeHome(browser, { httpUrl, corsUrl, timeoutMs: TIMEOUT_MS, portalSpace: 'public', phase: (p) => phases.push(p) }));
  return { separate, separateArrivals, separateHinted, together, togetherArrivals: arrivals, togetherHinted: hinted, phases, contexts };
}

/** How many browser contexts `run` opened (the real browser's, counted on the way). */
async function countingContexts<T>(run: () => Promise<T>): Promise<{ value: T; contexts: number }> {
  const open = browser.newContext;
  let contexts = 0;
  browser.newContext = (...args) => { contexts++; return open.apply(browser, args); };
  try {
    return { value: await run(), contexts };
  } finally {
    browser.newContext = open;
  }
}

describe('the home page probes in one context', () => {
  it('give what separate fresh contexts give for a page that redirects to HTTPS and echoes the Origin', async () => {
    const run = await bothWays(REDIRECTS);
    expect(run.together).toEqual(run.separate);
    expect(run.together.httpVariant).toEqual({
      url: `http://${REDIRECTS}/`, finalUrl: `https://${REDIRECTS}/`, status: 200, error: null,
      redirects: [{ url: `http://${REDIRECTS}/`, status: 301 }], upgradedByBrowser: false,
    });
    expect(run.together.corsProbe).toEqual({ url: `https://${REDIRECTS}/`, origin: CORS_PROBE_ORIGIN, status: 200, allowOrigin: CORS_PROBE_ORIGIN, allowCredentials: 'true', error: null });
    // The HSTS the http:// probe's answer taught the context did not reach the CORS probe (an https:// address).
    expect(run.togetherArrivals).toEqual(run.separateArrivals);
    expect(run.phases).toEqual(['http-probe', 'cors-probe']);
    expect(run.contexts).toBe(1);
  });

  it('ask the server itself for the CORS answer, with the Origin and without the http:// probe\'s cookie or cache', async () => {
    const run = await bothWays(COOKIES);
    expect(run.together).toEqual(run.separate);
    expect(run.together.corsProbe).toEqual({ url: `https://${COOKIES}/`, origin: CORS_PROBE_ORIGIN, status: 200, allowOrigin: CORS_PROBE_ORIGIN, allowCredentials: null, error: null });
    const http = { scheme: 'http', host: COOKIES, path: '/', origin: null, cookie: null, cacheControl: null };
    // The http:// probe: no Origin, a fresh context's cookie jar; the session cookie its 301 set goes with the https:// request.
    expect(run.togetherArrivals).toEqual([http, { ...http, scheme: 'https', cookie: 'phien=abc123' }, { ...http, scheme: 'https', origin: CORS_PROBE_ORIGIN }]);
    expect(run.togetherArrivals).toEqual(run.separateArrivals);
    expect(run.contexts).toBe(1);
  });

  it('record the CORS probe when the http:// address fails, each failure named as before', async () => {
    const run = await bothWays(NO_HTTP);
    expect(run.together.httpVariant).toEqual({ url: `http://${NO_HTTP}/`, finalUrl: null, status: null, error: expect.stringContaining('net::ERR_EMPTY_RESPONSE') });
    expect(run.together).toEqual(run.separate);
    expect(run.together.corsProbe).toEqual({ url: `https://${NO_HTTP}/`, origin: CORS_PROBE_ORIGIN, status: 200, allowOrigin: '*', allowCredentials: null, error: null });
    // Chromium may try a connection that hung up once more by itself: how often is its own affair.
    const over = (scheme: string, arrived: Arrival[]) => arrived.filter((a) => a.scheme === scheme);
    expect(over('https', run.togetherArrivals)).toEqual([{ scheme: 'https', host: NO_HTTP, path: '/', origin: CORS_PROBE_ORIGIN, cookie: null, cacheControl: null }]);
    expect(over('https', run.togetherArrivals)).toEqual(over('https', run.separateArrivals));
    expect(over('http', run.togetherArrivals)).toContainEqual({ scheme: 'http', host: NO_HTTP, path: '/', origin: null, cookie: null, cacheControl: null });
    expect(new Set(over('http', run.togetherArrivals).map((a) => JSON.stringify(a)))).toEqual(new Set(over('http', run.separateArrivals).map((a) => JSON.stringify(a))));
    expect(run.contexts).toBe(1);
  });

  it('ask in a fresh context after an answer that asked for client hints, which stay with a context', async () => {
    const run = await bothWays(HINTS);
    expect(run.together).toEqual(run.separate);
    expect(run.together.corsProbe).toMatchObject({ status: 200, allowOrigin: CORS_PROBE_ORIGIN, error: null });
    expect(run.togetherArrivals).toEqual(run.separateArrivals);
    expect(run.separateHinted).toEqual([]);
    expect(run.togetherHinted).toEqual([]);
    expect(run.contexts).toBe(2);
  });

  it('record the http:// probe when the CORS probe fails, and close the context either way', async () => {
    const before = browser.contexts().length;
    const { value: probes, contexts } = await countingContexts(() => probeHome(browser, { httpUrl: `http://${REDIRECTS}/`, corsUrl: 'https://khong-co.sandbox/', timeoutMs: TIMEOUT_MS, portalSpace: 'public' }));
    // A failure that is not a timeout is asked again in a fresh context: the shared one may have caused it.
    expect(contexts).toBe(2);
    expect(probes.httpVariant).toMatchObject({ status: 200, error: null, finalUrl: `https://${REDIRECTS}/` });
    expect(probes.corsProbe).toEqual({ url: 'https://khong-co.sandbox/', origin: CORS_PROBE_ORIGIN, status: null, allowOrigin: null, allowCredentials: null, error: expect.stringContaining('net::ERR_NAME_NOT_RESOLVED') });
    expect(browser.contexts().length).toBe(before);
  });

  it('never follow the http:// address to the monitoring host, as the visit would not, and say so', async () => {
    // Without the guard a fresh context follows that redirect: what the test rules out can happen.
    reachedMonitoringHost.length = 0;
    expect(await httpVariantAlone(`http://${ESCAPES}/`)).toMatchObject({ finalUrl: `http://127.0.0.1:${monitoringPort}/bi-mat`, status: 200 });
    expect(reachedMonitoringHost).toContain('GET /bi-mat');
    reachedMonitoringHost.length = 0;
    const probes = await probeHome(browser, { httpUrl: `http://${ESCAPES}/`, corsUrl: `https://${NO_HTTP}/`, timeoutMs: TIMEOUT_MS, portalSpace: 'public' });
    expect(reachedMonitoringHost).toEqual([]);
    expect(probes.httpVariant).toEqual({
      url: `http://${ESCAPES}/`, finalUrl: null, status: null,
      error: `the address moved to http://127.0.0.1:${monitoringPort}/bi-mat (loopback), refused: the monitoring host and the local network are out of a probe's reach`,
    });
    expect(probes.corsProbe).toMatchObject({ status: 200, allowOrigin: '*', error: null });
  });

  it('ask an http:// home page with the Origin alone, in its own context', async () => {
    arrivals = [];
    const probes = await probeHome(browser, { httpUrl: null, corsUrl: `https://${NO_HTTP}/`, timeoutMs: TIMEOUT_MS, portalSpace: 'public' });
    expect(probes).toEqual({ corsProbe: { url: `https://${NO_HTTP}/`, origin: CORS_PROBE_ORIGIN, status: 200, allowOrigin: '*', allowCredentials: null, error: null } });
    expect(arrivals).toEqual([{ scheme: 'https', host: NO_HTTP, path: '/', origin: CORS_PROBE_ORIGIN, cookie: null, cacheControl: null }]);
  });
});
