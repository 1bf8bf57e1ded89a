// The home page's two probes after its visit, in ONE fresh browser context: first its http://
// address (does it redirect to HTTPS? did the browser's own HSTS preload list upgrade it?), then
// its final address asked again with another site's Origin (the HTTP Observatory's CORS test).
// A fresh context each used to start a renderer each, most of what the probes cost; now the CORS
// probe reuses the http:// probe's page, and so its renderer when that ended on the same site.
//
// The evidence is what two separate fresh contexts give:
// - the http:// probe runs first, on a clean slate (no HSTS learned, no cookies), so an internal
//   HSTS redirect can only come from the preload list (hsts-preload.ts);
// - before the CORS probe its document is unloaded (scripts are off in this context, so none can
//   write a cookie or send a beacon on the way out), its cookies cleared, its HTTP cache emptied,
//   and the Origin header set for the CORS request alone;
// - a CORS probe the context's past could shape is asked in a fresh context of its own: after an
//   answer that asked for client hints (Accept-CH stays with the context), for an http:// address
//   (the context may have learned its HSTS), and again after an answer from the cache, a first
//   request that carried a cookie or learned client hints, an HSTS upgrade on the way, or a
//   failure other than a timeout.
import type { Browser, BrowserContext, CDPSession, Page, Request, Response } from 'playwright-core';
import { CORS_PROBE_ORIGIN, type CorsProbe, type PageEvidence } from '../types.ts';
import { classifyFailure, closeBounded } from './failures.ts';
import { hstsUpgradeOnTheWay, upgradedByBrowser } from './hsts-preload.ts';
import { DocumentGuard, type AddressSpace } from './local-network.ts';
import { firstOfChain, redirectChain } from './navigation.ts';
import type { PhaseListener } from './phases.ts';
import type { ProtocolSession } from './targets.ts';

export interface HomeProbesRequest {
  /** The home page's http:// address (none when the home page is itself http://). */
  httpUrl: string | null;
  /** The address the home page ended on, asked again with CORS_PROBE_ORIGIN. */
  corsUrl: string;
  /** Each navigation's own budget. */
  timeoutMs: number;
  /** Where the portal lives, as its visit found it: no probe goes anywhere more private (local-network.ts). */
  portalSpace: AddressSpace;
  phase?: PhaseListener;
}

export interface HomeProbes {
  /** Absent when there was no http:// address to probe. */
  httpVariant?: PageEvidence['httpVariant'];
  corsProbe: CorsProbe;
}

// Scripts off: the probes read the answer's status and headers, which no script changes, and a
// document without scripts cannot set a cookie or send a beacon once the CORS probe is prepared.
const PROBE_CONTEXT = { acceptDownloads: false, serviceWorkers: 'block', javaScriptEnabled: false } as const;

/**
 * The probes' pages, each refusing documents more private than the portal's own address before
 * they are requested, as the visit's page does: a redirect of the http:// address to the
 * monitoring host or the local network is never followed.
 */
class GuardedPages {
  private readonly guards: DocumentGuard[] = [];
  private readonly sessions = new WeakMap<Page, CDPSession>();
  private told = 0;

  constructor(private readonly portalSpace: AddressSpace) {}

  async open(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    const guard = new DocumentGuard(session as unknown as ProtocolSession, () => this.portalSpace);
    await guard.install();
    this.guards.push(guard);
    this.sessions.set(page, session);
    return page;
  }

  /** The DevTools session of a page this opened (its guard's). */
  sessionOf(page: Page): CDPSession {
    return this.sessions.get(page)!;
  }

  /** Why a probe failed: the address refused on its way if there is a new one, else the failure as classified. */
  failure(err: unknown): string {
    const refused = this.guards.flatMap((g) => g.blocked);
    const latest = refused.length > this.told ? refused[refused.length - 1]! : null;
    this.told = refused.length;
    return latest
      ? `the address moved to ${latest.url} (${latest.space}), refused: the monitoring host and the local network are out of a probe's reach`
      : classifyFailure(err).message;
  }
}

/** Both probes, the http:// one first; each one's failure is its own and named as a visit's would be. */
export async function probeHome(browser: Browser, request: HomeProbesRequest): Promise<HomeProbes> {
  const phase = request.phase ?? (() => {});
  const pages = new GuardedPages(request.portalSpace);
  phase('http-probe');
  if (!request.httpUrl) {
    phase('cors-probe');
    return { corsProbe: await probeCorsAlone(browser, pages, request.corsUrl, request.timeoutMs) };
  }
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  let httpVariant: PageEvidence['httpVariant'];
  let askedForHints = false;
  try {
    context = await browser.newContext(PROBE_CONTEXT);
    page = await pages.open(context);
    ({ httpVariant, askedForHints } = await probeHttpVariant(page, pages, request.httpUrl, request.timeoutMs));
  } catch (err) {
    httpVariant = httpFailure(request.httpUrl, pages.failure(err));
  }
  try {
    phase('cors-probe');
    // Client hints a site asked for stay with the context, and no DevTools command clears them.
    const corsProbe = context && !askedForHints ? await probeCorsAfter(context, page, pages, request.corsUrl, request.timeoutMs) : null;
    return { httpVariant, corsProbe: corsProbe ?? await probeCorsAlone(browser, pages, request.corsUrl, request.timeoutMs) };
  } finally {
    await closeBounded(context);
  }
}

/** The http:// probe's evidence, and whether an answer on its way asked the browser for more client hints. */
async function probeHttpVariant(page: Page, pages: GuardedPages, httpUrl: string, timeoutMs: number): Promise<{ httpVariant: NonNullable<PageEvidence['httpVariant']>; askedForHints: boolean }> {
  try {
    const response = await page.goto(httpUrl, { waitUntil: 'commit', timeout: timeoutMs });
    const httpVariant = {
      url: httpUrl, finalUrl: response?.url() ?? page.url(), status: response?.status() ?? null, error: null, redirects: response ? await redirectChain(response) : [],
      upgradedByBrowser: response ? await upgradedByBrowser(response.request()) : false,
    };
    return { httpVariant, askedForHints: response ? await asksForHints(response.request()) : false };
  } catch (err) {
    return { httpVariant: httpFailure(httpUrl, pages.failure(err)), askedForHints: false };
  }
}

async function asksForHints(request: Request): Promise<boolean> {
  for (let r: Request | null = request; r; r = r.redirectedFrom()) {
    const response = await r.response();
    if ((await response?.headerValue('accept-ch')) || (await response?.headerValue('critical-ch'))) return true;
  }
  return false;
}

// The client hints any context sends to an https:// site unasked (the low-entropy ones).
const DEFAULT_HINTS = new Set(['sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform']);
const LEGACY_HINTS = new Set(['device-memory', 'dpr', 'width', 'viewport-width', 'rtt', 'downlink', 'ect']);

/** A request of the chain carried client hints a fresh context would not have sent (a `<meta>` Accept-CH, say). */
async function sentLearnedHints(request: Request): Promise<boolean> {
  for (let r: Request | null = request; r; r = r.redirectedFrom()) {
    const names = Object.keys(await r.allHeaders());
    if (names.some((n) => (n.startsWith('sec-ch-') && !DEFAULT_HINTS.has(n)) || LEGACY_HINTS.has(n))) return true;
  }
  return false;
}

const httpFailure = (url: string, error: string) => ({ url, finalUrl: null, status: null, error });

/** The CORS probe in its own fresh context: the home page is http://, or the shared context could not give a clean answer. */
async function probeCorsAlone(browser: Browser, pages: GuardedPages, url: string, timeoutMs: number): Promise<CorsProbe> {
  let context: BrowserContext | null = null;
  try {
    context = await browser.newContext(PROBE_CONTEXT);
    return (await askWithOrigin(await pages.open(context), pages, url, timeoutMs)).probe;
  } catch (err) {
    return corsFailure(url, pages.failure(err));
  } finally {
    await closeBounded(context);
  }
}

/**
 * The CORS probe in the context the http:// probe used, cleaned to a fresh context's state;
 * null when it should be asked in a fresh context instead: an http:// address (the context may
 * have learned its HSTS), a cleaning that failed, or an answer the context's past could have
 * shaped. A failure other than a timeout is asked again too, as whatever caused it may be the
 * context's; a timeout is not, so that the probe keeps its one budget.
 */
async function probeCorsAfter(context: BrowserContext, used: Page | null, pages: GuardedPages, url: string, timeoutMs: number): Promise<CorsProbe | null> {
  if (!url.startsWith('https:')) return null;
  let page: Page;
  const fromCache = { seen: false };
  try {
    page = await blankPage(context, used, pages, timeoutMs);
    await context.clearCookies();
    const cdp = pages.sessionOf(page);
    await cdp.send('Network.enable');
    // Emptied, not turned off: a cache turned off adds `Cache-Control: no-cache` to the request,
    // which a fresh context does not send (a CDN may answer it differently).
    await cdp.send('Network.clearBrowserCache');
    cdp.on('Network.requestServedFromCache', () => { fromCache.seen = true; });
    cdp.on('Network.requestWillBeSent', (e) => { if (e.redirectResponse?.fromDiskCache) fromCache.seen = true; });
    cdp.on('Network.responseReceived', (e) => { if (e.type === 'Document' && (e.response.fromDiskCache || e.response.fromPrefetchCache)) fromCache.seen = true; });
  } catch {
    return null;
  }
  const { probe, response, failure } = await askWithOrigin(page, pages, url, timeoutMs);
  if (failure) return failure.reason === 'timeout' ? probe : null;
  if (!response) return probe;
  try {
    const sentCookie = await firstOfChain(response.request()).headerValue('cookie');
    const shaped = sentCookie || fromCache.seen || (await hstsUpgradeOnTheWay(response.request())) || (await sentLearnedHints(response.request()));
    return shaped ? null : probe;
  } catch {
    return null;
  }
}

/** Leaving a document for about:blank takes milliseconds; a page that cannot is replaced. */
const BLANK_TIMEOUT_MS = 5_000;

/** The page the http:// probe left, with its document unloaded; a new one if that page cannot be reused. */
async function blankPage(context: BrowserContext, used: Page | null, pages: GuardedPages, timeoutMs: number): Promise<Page> {
  if (used && !used.isClosed()) {
    try {
      await used.goto('about:blank', { waitUntil: 'commit', timeout: Math.min(timeoutMs, BLANK_TIMEOUT_MS) });
      return used;
    } catch {
      await used.close().catch(() => {});
    }
  }
  return pages.open(context);
}

/** The page's answer to a navigation that carries another site's Origin, its response, and how it failed. */
async function askWithOrigin(page: Page, pages: GuardedPages, url: string, timeoutMs: number): Promise<{ probe: CorsProbe; response: Response | null; failure: ReturnType<typeof classifyFailure> | null }> {
  try {
    await page.setExtraHTTPHeaders({ origin: CORS_PROBE_ORIGIN });
    const response = await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    const headers = response ? await response.allHeaders() : {};
    const header = (name: string) => (headers[name] === undefined ? null : String(headers[name]).slice(0, 500));
    return {
      probe: { url, origin: CORS_PROBE_ORIGIN, status: response?.status() ?? null, allowOrigin: header('access-control-allow-origin'), allowCredentials: header('access-control-allow-credentials'), error: null },
      response, failure: null,
    };
  } catch (err) {
    const failure = classifyFailure(err);
    return { probe: corsFailure(url, pages.failure(err)), response: null, failure };
  }
}

const corsFailure = (url: string, error: string): CorsProbe => ({ url, origin: CORS_PROBE_ORIGIN, status: null, allowOrigin: null, allowCredentials: null, error });
