// A portal check's sample: the crawl from the home page the check just visited, then the plan.
// The single process and the scale-out coordinator both call this once the home page's visit is
// in, so both check the same pages in the same order.
//
// The crawl talks to the very server that answered the home page's visit: its requests are sent
// to that address (the name is not resolved again, so a portal's DNS cannot turn the crawl
// towards the monitoring host halfway), with the certificate trust the browser has. Where the
// visit did not record the address, the name is resolved once and must land in the same address
// space as the home page did (local-network.ts).
import { lookup } from 'node:dns/promises';
import { performance } from 'node:perf_hooks';
import { createHttpClient } from '../../http/client.ts';
import { TOOL_VERSION } from '../../version.ts';
import type { CheckSettings, CheckTarget } from '../checker.ts';
import { addressSpace, morePrivate } from '../evidence/local-network.ts';
import type { Area, PageEvidence } from '../types.ts';
import { crawl, CRAWL_SCHEMA, type CrawlRecord } from './crawl.ts';
import { planSample, type SamplePlan } from './plan.ts';
import { dailySeed } from './random.ts';
import { ROBOTS_TOKEN } from './robots.ts';
import type { SampleSettings } from './settings.ts';

/** The crawl's own pages are HTML: more than this is no page of a portal. */
const MAX_CRAWL_BODY = 10 * 1024 * 1024;

export const CRAWL_USER_AGENT = `dvc-monitor/${TOOL_VERSION} (page sample; robots.txt token ${ROBOTS_TOKEN})`;

/** "ip:port" as the browser recorded it (IPv6 without brackets), as host and port. */
export function parseAddress(address: string): { host: string; port: number } | null {
  const m = /^\[?(.+?)\]?:(\d+)$/.exec(address);
  return m ? { host: m[1]!, port: Number(m[2]) } : null;
}

/** Where the crawl connects: the address the home page was answered from, else the name resolved once and held to the home page's address space. */
async function portalAddress(home: PageEvidence, start: URL, publicAddresses: readonly string[]): Promise<{ host: string; port: number }> {
  const documents = home.requests.filter((r) => r.type === 'Document' && r.context?.kind !== 'iframe' && r.remoteAddress);
  const answered = documents.find((r) => r.url === start.href) ?? documents.at(-1);
  const recorded = answered?.remoteAddress ? parseAddress(answered.remoteAddress) : null;
  if (recorded) return recorded;
  const port = Number(start.port) || (start.protocol === 'https:' ? 443 : 80);
  const { address } = await lookup(start.hostname);
  const portalSpace = home.localNetwork?.portalSpace ?? 'public';
  const isPublic = publicAddresses.includes(`${address}:${port}`) || publicAddresses.includes(`[${address}]:${port}`);
  const space = isPublic ? 'public' : addressSpace(address);
  if (morePrivate(space, portalSpace)) throw new Error(`${start.hostname} now resolves to ${address} (${space}), more private than the home page's own address (${portalSpace}): not crawled`);
  return { host: address, port };
}

/** A crawl record for a crawl that could not run: the sample is then the home page and what it links to. */
function failedCrawl(start: string, settings: SampleSettings, message: string): CrawlRecord {
  const { seed: _seed, ...shown } = settings;
  return {
    schema: CRAWL_SCHEMA, start, origin: new URL(start).origin, settings: shown,
    robots: { source: 'unreachable', group: null, rules: [], crawlDelay: null, sitemaps: [], url: `${new URL(start).origin}/robots.txt`, status: null, error: null },
    delayMs: settings.delayMs, renderedLinks: 0, pages: [], templates: [], skipped: {}, stoppedBy: 'failed', requests: 0, error: message.slice(0, 500),
  };
}

export async function samplePortal(input: {
  target: CheckTarget;
  home: PageEvidence;
  areas: readonly Area[];
  settings: SampleSettings;
  check: Pick<CheckSettings, 'pageTimeoutMs' | 'trustedCertificateSpki' | 'publicAddresses'>;
  /** Local date of the check: with the portal, the seed when none is fixed. */
  measuredOn: string;
  signal?: AbortSignal;
}): Promise<SamplePlan> {
  const { target, home, settings } = input;
  const t0 = performance.now();
  const start = new URL(home.finalUrl ?? target.homeUrl);
  const seed = settings.seed ?? dailySeed(target.portalId ?? start.origin, input.measuredOn);
  let record: CrawlRecord;
  try {
    const pinned = await portalAddress(home, start, input.check.publicAddresses);
    const http = createHttpClient({
      connectTo: (host, port) => (host.toLowerCase() === start.hostname.toLowerCase() && port === (Number(start.port) || (start.protocol === 'https:' ? 443 : 80)) ? pinned : null),
      trustedSpki: input.check.trustedCertificateSpki,
      headersTimeoutMs: input.check.pageTimeoutMs, bodyTimeoutMs: input.check.pageTimeoutMs, totalTimeoutMs: input.check.pageTimeoutMs * 2,
      maxBodyBytes: MAX_CRAWL_BODY, maxRedirects: 0, retries: 1, perHostConcurrency: 1, userAgent: CRAWL_USER_AGENT,
    });
    try {
      const renderedLinks = home.links.filter((l) => !l.hidden && (l.frame ?? 0) === 0).map((l) => l.href);
      record = (await crawl({ start: start.href, renderedLinks, settings, http, ...(input.signal ? { signal: input.signal } : {}) })).record;
    } finally {
      await http.close();
    }
  } catch (err) {
    if (input.signal?.aborted) throw err;
    record = failedCrawl(start.href, settings, (err as Error).message);
  }
  const plan = planSample({ crawl: record, homeUrl: target.homeUrl, homeLinks: home.links, configured: target.pages, areas: input.areas, settings, seed });
  return { ...plan, planMs: performance.now() - t0 };
}
