// robots.txt as RFC 9309 reads it: the groups naming our product token (else the `*` groups),
// allow/disallow rules with `*` and `$`, the longest match deciding (allow on a tie), and the
// non-standard Crawl-delay that many portals still write. A file that could not be fetched is
// read as the RFC says: unavailable (4xx) allows everything, unreachable (5xx, network) nothing.

/** The product token a robots.txt group names to speak to this crawler. */
export const ROBOTS_TOKEN = 'dvc-monitor';

/** RFC 9309 §2.5: crawlers may ignore what follows the first 500 KiB. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

interface Rule {
  allow: boolean;
  /** The path pattern as written (percent-encoding normalised). */
  path: string;
}

export interface Robots {
  /** How the file was had: parsed, or what its absence means. */
  source: 'parsed' | 'unavailable' | 'unreachable';
  /** The group that applies: our token, `*`, or none. */
  group: string | null;
  rules: Array<{ allow: boolean; path: string }>;
  /** Seconds, when the applying group sets one. */
  crawlDelay: number | null;
  sitemaps: string[];
}

/** Upper-case %xx escapes and encode what a browser would, so "/tin%2dtuc" and "/tin-tuc" compare as RFC 9309 §2.2.2 asks. */
function normalisePath(path: string): string {
  return path.replace(/%[0-9a-f]{2}/gi, (m) => {
    const c = String.fromCharCode(parseInt(m.slice(1), 16));
    // Unreserved characters are the same escaped or not.
    return /[A-Za-z0-9\-._~]/.test(c) ? c : m.toUpperCase();
  });
}

const compiled = new Map<string, RegExp>();

function toRegex(pattern: string): RegExp {
  const known = compiled.get(pattern);
  if (known) return known;
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  const regex = new RegExp(`^${body}${anchored ? '$' : ''}`);
  if (compiled.size < 10_000) compiled.set(pattern, regex);
  return regex;
}

export function parseRobots(text: string): Robots {
  const lines = text.slice(0, ROBOTS_MAX_BYTES).split(/\r\n|\r|\n/);
  type Group = { agents: string[]; rules: Rule[]; crawlDelay: number | null };
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of lines) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      // Consecutive user-agent lines share one group.
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [], crawlDelay: null }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (key === 'sitemap') {
      if (value) sitemaps.push(value);
      continue;
    }
    if (!current) continue; // rules before any user-agent line belong to no group
    if (key === 'allow' || key === 'disallow') {
      if (!value) continue; // "Disallow:" with nothing forbids nothing
      const path = normalisePath(value);
      current.rules.push({ allow: key === 'allow', path });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelay = seconds;
    }
  }
  // Groups naming our token (case-insensitive; a version after "/" ignored), else `*`.
  const ours = groups.filter((g) => g.agents.some((a) => a.replace(/\/.*$/, '') === ROBOTS_TOKEN));
  const applying = ours.length ? ours : groups.filter((g) => g.agents.includes('*'));
  const rules = applying.flatMap((g) => g.rules);
  const delays = applying.map((g) => g.crawlDelay).filter((d): d is number => d !== null);
  return {
    source: 'parsed', group: ours.length ? ROBOTS_TOKEN : applying.length ? '*' : null,
    rules: rules.map((r) => ({ allow: r.allow, path: r.path })),
    crawlDelay: delays.length ? Math.max(...delays) : null,
    sitemaps,
  };
}

export const robotsUnavailable = (): Robots => ({ source: 'unavailable', group: null, rules: [], crawlDelay: null, sitemaps: [] });
export const robotsUnreachable = (): Robots => ({ source: 'unreachable', group: null, rules: [{ allow: false, path: '/' }], crawlDelay: null, sitemaps: [] });

/** Whether the crawler may fetch a path (with its query): the longest matching rule decides, allow on a tie. */
export function robotsAllows(robots: Robots, pathAndQuery: string): boolean {
  const path = normalisePath(pathAndQuery);
  if (path === '/robots.txt') return true;
  let best: { length: number; allow: boolean } | null = null;
  for (const r of robots.rules) {
    if (!toRegex(r.path).test(path)) continue;
    const length = r.path.length;
    if (!best || length > best.length || (length === best.length && r.allow)) best = { length, allow: r.allow };
  }
  return best?.allow ?? true;
}
