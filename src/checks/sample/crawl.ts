// The crawl that finds a portal's pages for its sample: breadth-first from the home page, over
// the product's HTTP client (src/http/client.ts), within the home page's host, one request at a
// time with a pause between two (a longer robots.txt Crawl-delay wins), robots.txt honoured,
// include/exclude patterns, a depth, page and time limit. Only links are followed (<a href>,
// <area href>, and redirects within the host): forms are read, never submitted, and a link that
// would end a session (đăng xuất) is not followed.
//
// Why the HTTP client and not the browser: the crawl needs each page's links and structure, not
// its rendering, and a browser page costs seconds of CPU where a fetch and a parse cost
// milliseconds. JavaScript is needed only where a page writes its links with scripts; the home
// page is the one that matters for that (it leads everywhere), and the check visits it in
// Chromium anyway: its rendered links join the crawl (`renderedLinks`). Other pages whose served
// HTML has scripts but no link in its main content are marked (`needsScript`), so the record says
// where the crawl may not have seen everything.
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpFailure, type HttpClient, type HttpResponse } from '../../http/client.ts';
import { readPage, type FormFacts } from './page-reader.ts';
import { parseRobots, robotsAllows, robotsUnavailable, robotsUnreachable, ROBOTS_MAX_BYTES, type Robots } from './robots.ts';
import { LOGOUT_WORDS } from './roles.ts';
import type { SampleSettings } from './settings.ts';
import { byDepthThenUrl, groupByTemplate, type Template } from './templates.ts';

export const CRAWL_SCHEMA = 'dvc-monitor/crawl/1';
/** The longest robots.txt Crawl-delay honoured (a longer one would stop the crawl at its time limit anyway). */
export const MAX_CRAWL_DELAY_MS = 60_000;
const MAX_REDIRECT_HOPS = 5;
const MAX_URL_LENGTH = 2000;
const EXAMPLES = 10;

const NOT_A_PAGE = /\.(pdf|docx?|xlsx?|pptx?|od[tsp]|rtf|zip|rar|7z|gz|tgz|tar|jpe?g|png|gif|webp|svg|ico|bmp|tiff?|mp[34]|m4a|avi|mov|wmv|webm|ogg|wav|css|js|mjs|json|xml|csv|txt|rss|atom|exe|msi|apk|dmg|iso)$/i;

export interface CrawledPage {
  url: string;
  depth: number;
  status: number;
  title: string;
  h1: string;
  forms: FormFacts[];
  /** Links to pages of the portal (in scope) on this page. */
  links: number;
  /** Its served HTML has scripts and no link in its main content (or none within the host, without a <main>): its links may need JavaScript. */
  needsScript: boolean;
  template: string;
}

type SkipReason = 'robots' | 'excluded' | 'not_included' | 'other_host' | 'not_a_page' | 'logout' | 'too_deep' | 'over_limit' | 'not_html' | 'http_error' | 'failed';

export interface CrawlRecord {
  schema: typeof CRAWL_SCHEMA;
  start: string;
  origin: string;
  settings: Omit<SampleSettings, 'seed'>;
  robots: Robots & { url: string; status: number | null; error: string | null };
  /** The pause between two requests the crawl kept, ms. */
  delayMs: number;
  /** Links of the home page as Chromium rendered it that its served HTML did not have. */
  renderedLinks: number;
  pages: CrawledPage[];
  templates: Array<Omit<Template, 'urls'> & { pages: number; example: string }>;
  /** What the crawl did not fetch or could not use, counted, with a few addresses each. */
  skipped: Partial<Record<SkipReason, { count: number; examples: string[] }>>;
  /** complete: no link left; max_pages, deadline: a limit stopped it; robots: the home page is disallowed; failed: it could not run (error). */
  stoppedBy: 'complete' | 'max_pages' | 'deadline' | 'robots' | 'failed';
  requests: number;
  error?: string;
}

export interface Crawl {
  record: CrawlRecord;
  /** Each page's skeleton, for tests and for regrouping; not stored. */
  skeletons: Map<string, string[]>;
}

export interface CrawlInput {
  /** The home page's address (where the browser's visit ended up). */
  start: string;
  /** The home page's links as Chromium rendered them. */
  renderedLinks?: readonly string[];
  settings: SampleSettings;
  /** The product's HTTP client, routed to the address the home page was answered from. */
  http: HttpClient;
  signal?: AbortSignal;
  /** Clock for the time limit (ms). */
  now?: () => number;
}

const defaultPort = (protocol: string) => (protocol === 'https:' ? '443' : '80');

/** The address as the crawl keys it within the portal: the home page's scheme for a default port, no fragment; null when out of the host. */
export function inScope(href: string, home: URL): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname.toLowerCase() !== home.hostname.toLowerCase()) return null;
  const port = url.port || defaultPort(url.protocol);
  const homePort = home.port || defaultPort(home.protocol);
  if (port !== homePort) {
    // http://host/ and https://host/ are one site on their default ports: the home page's scheme is kept.
    if (url.port || home.port) return null;
    url.protocol = home.protocol;
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  return url.href.length > MAX_URL_LENGTH ? null : url.href;
}

const pathAndQuery = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

function compile(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => new RegExp(p, 'u'));
}

export async function crawl(input: CrawlInput): Promise<Crawl> {
  const { settings, http } = input;
  const now = input.now ?? (() => performance.now());
  const deadline = now() + settings.crawlTimeoutMs;
  const home = new URL(input.start);
  const startKey = inScope(input.start, home) ?? home.href;
  const include = compile(settings.include);
  const exclude = compile(settings.exclude);
  const skipped: CrawlRecord['skipped'] = {};
  const skip = (reason: SkipReason, url: string) => {
    const s = (skipped[reason] ??= { count: 0, examples: [] });
    s.count++;
    if (s.examples.length < EXAMPLES) s.examples.push(url.slice(0, 300));
  };
  let requests = 0;
  let lastRequestEnd: number | null = null;
  let delayMs = settings.delayMs;

  /** One GET, after the polite pause; redirects come back as answers. */
  const get = async (url: string): Promise<HttpResponse> => {
    if (lastRequestEnd !== null) {
      const wait = lastRequestEnd + delayMs - now();
      if (wait > 0) await sleep(wait, undefined, input.signal ? { signal: input.signal } : undefined);
    }
    requests++;
    try {
      return await http.request({ url, redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' }, ...(input.signal ? { signal: input.signal } : {}) });
    } finally {
      lastRequestEnd = now();
    }
  };

  // robots.txt first (RFC 9309): redirects within the host followed, 4xx allows all, 5xx or no answer forbids all.
  const robotsUrl = `${home.origin}/robots.txt`;
  let robots: Robots;
  let robotsStatus: number | null = null;
  let robotsError: string | null = null;
  try {
    let url = robotsUrl;
    let answer = await get(url);
    for (let hop = 0; answer.status >= 300 && answer.status < 400 && hop < MAX_REDIRECT_HOPS; hop++) {
      const next = inScope(new URL(answer.headers.location ?? '', url).href, home);
      if (!next) break;
      answer = await get((url = next));
    }
    robotsStatus = answer.status;
    robots = answer.status >= 200 && answer.status < 300 ? parseRobots(answer.body.subarray(0, ROBOTS_MAX_BYTES).toString('utf8'))
      : answer.status >= 500 ? robotsUnreachable()
        : robotsUnavailable();
  } catch (err) {
    robotsError = err instanceof HttpFailure ? err.reason : (err as Error).message.slice(0, 200);
    robots = robotsUnreachable();
  }
  if (robots.crawlDelay !== null) delayMs = Math.max(delayMs, Math.min(robots.crawlDelay * 1000, MAX_CRAWL_DELAY_MS));

  /** Whether the crawl may fetch an address in scope, or why not. */
  const refusal = (url: string): SkipReason | null => {
    const pq = pathAndQuery(url);
    if (url === startKey) return robotsAllows(robots, pq) ? null : 'robots';
    if (NOT_A_PAGE.test(new URL(url).pathname)) return 'not_a_page';
    if (exclude.some((r) => r.test(pq))) return 'excluded';
    if (include.length && !include.some((r) => r.test(pq))) return 'not_included';
    if (!robotsAllows(robots, pq)) return 'robots';
    return null;
  };

  const pages: Array<Omit<CrawledPage, 'template'>> = [];
  const skeletons = new Map<string, string[]>();
  const seen = new Set<string>([startKey]);
  /** Addresses off the host already counted (a footer link is on every page). */
  const elsewhere = new Set<string>();
  const queue: Array<{ url: string; depth: number; hops: number }> = [];
  let stoppedBy: CrawlRecord['stoppedBy'] = 'complete';
  let renderedLinks = 0;

  /** Links of a page at `depth`, in document order, queued unless out of scope, refused or seen. */
  const follow = (links: ReadonlyArray<{ href: string; text: string }>, depth: number): number => {
    let inside = 0;
    for (const link of links) {
      const key = inScope(link.href, home);
      if (!key) {
        if (!elsewhere.has(link.href)) skip('other_host', link.href);
        elsewhere.add(link.href);
        continue;
      }
      inside++;
      if (seen.has(key)) continue;
      seen.add(key);
      if (LOGOUT_WORDS.test(link.text) || LOGOUT_WORDS.test(decodeURIComponent(new URL(key).pathname))) {
        skip('logout', key);
        continue;
      }
      if (depth + 1 > settings.maxDepth) {
        skip('too_deep', key);
        continue;
      }
      const why = refusal(key);
      if (why) {
        skip(why, key);
        continue;
      }
      queue.push({ url: key, depth: depth + 1, hops: 0 });
    }
    return inside;
  };

  if (refusal(startKey)) stoppedBy = 'robots';
  else queue.push({ url: startKey, depth: 0, hops: 0 });

  while (queue.length) {
    if (pages.length >= settings.maxPages || requests >= settings.maxPages * 2 + 10) {
      stoppedBy = 'max_pages';
      for (const q of queue) skip('over_limit', q.url);
      break;
    }
    if (now() >= deadline) {
      stoppedBy = 'deadline';
      for (const q of queue) skip('over_limit', q.url);
      break;
    }
    const item = queue.shift()!;
    let answer: HttpResponse;
    try {
      answer = await get(item.url);
    } catch (err) {
      if (input.signal?.aborted) throw err;
      skip('failed', `${item.url} (${err instanceof HttpFailure ? err.reason : (err as Error).message.slice(0, 100)})`);
      continue;
    }
    if (answer.status >= 300 && answer.status < 400) {
      // A redirect within the host is the page moved: its target takes its place in the queue.
      const target = answer.headers.location ? inScope(new URL(answer.headers.location, item.url).href, home) : null;
      if (!target) {
        skip('other_host', answer.headers.location ?? item.url);
        continue;
      }
      if (seen.has(target) || item.hops >= MAX_REDIRECT_HOPS) continue;
      seen.add(target);
      const why = refusal(target);
      if (why) skip(why, target);
      else queue.unshift({ url: target, depth: item.depth, hops: item.hops + 1 });
      continue;
    }
    if (answer.status < 200 || answer.status >= 300) {
      skip('http_error', `${item.url} (HTTP ${answer.status})`);
      continue;
    }
    if (!/html/i.test(answer.headers['content-type'] ?? '')) {
      skip('not_html', item.url);
      continue;
    }
    const facts = readPage(answer.body.toString('utf8'), item.url);
    const canFollow = item.depth < settings.maxDepth;
    let inside = canFollow ? follow(facts.links, item.depth) : facts.links.filter((l) => inScope(l.href, home)).length;
    if (!canFollow) for (const l of facts.links) {
      const key = inScope(l.href, home);
      if (key && !seen.has(key)) {
        seen.add(key);
        skip('too_deep', key);
      }
    }
    if (item.url === startKey && input.renderedLinks?.length) {
      // The home page as the browser rendered it: links its scripts wrote join the crawl.
      const before = seen.size;
      inside += follow(input.renderedLinks.map((href) => ({ href, text: '' })), item.depth);
      renderedLinks = seen.size - before;
    }
    pages.push({
      url: item.url, depth: item.depth, status: answer.status, title: facts.title, h1: facts.h1, forms: facts.forms,
      links: inside, needsScript: facts.scripts > 0 && (facts.mainLinks ?? inside) === 0,
    });
    skeletons.set(item.url, facts.skeleton);
  }

  const templates = groupByTemplate(pages.map((p) => ({ url: p.url, depth: p.depth, skeleton: skeletons.get(p.url)! })));
  const templateOf = new Map(templates.flatMap((t) => t.urls.map((u) => [u, t.id] as const)));
  const { seed: _seed, ...shownSettings } = settings;
  const record: CrawlRecord = {
    schema: CRAWL_SCHEMA, start: startKey, origin: home.origin, settings: shownSettings,
    robots: { ...robots, url: robotsUrl, status: robotsStatus, error: robotsError },
    delayMs, renderedLinks,
    pages: pages.map((p) => ({ ...p, template: templateOf.get(p.url)! })).sort(byDepthThenUrl),
    templates: templates.map((t) => ({ id: t.id, fingerprint: t.fingerprint, pages: t.urls.length, example: t.urls[0]! })),
    skipped, stoppedBy, requests,
  };
  return { record, skeletons };
}
