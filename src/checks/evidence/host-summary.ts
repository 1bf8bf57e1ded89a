// The page's evidence as an auditor reads it first: every host the page dealt with, by role
// (requests made to it, cookies and storage it holds, links to it, frames from it; first or
// third party, the tracker lists' word on it), and the beacons sent, each with its query
// parameters decoded and masked (an identifier shows as its length, an address without its own
// query, personal data masked). Pure functions of stored evidence: an old check can be read so too.
import type { PageEvidence } from '../types.ts';
import { identifierLike } from './behaviour/entropy.ts';
import { findPersonalData, maskingPairs, maskText, maskValue } from './personal-data.ts';
import { partyOf, siteOf, trackerFor } from './third-parties.ts';

export interface HostSummary {
  host: string;
  party: 'first' | 'third';
  /** The tracker-list entity (third-party-web) and its categories, if any. */
  entity: string | null;
  categories: string[];
  /** Requests to it a filter-list rule matched. */
  filterMatches: number;
  requests: number;
  bytes: number;
  cookies: number;
  storage: number;
  links: number;
  frames: number;
}

export interface Beacon {
  /** Index in the evidence's requests. */
  request: number;
  host: string;
  type: string;
  method: string;
  /** The address without its query. */
  endpoint: string;
  params: Array<{ name: string; value: string }>;
  tracker: string | null;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

/** Every host of the page, third parties first, then by number of requests. */
export function summariseHosts(page: PageEvidence, firstPartySite = siteOf(hostOf(page.finalUrl ?? page.requestedUrl))): HostSummary[] {
  const byHost = new Map<string, HostSummary>();
  const entry = (host: string): HostSummary | null => {
    if (!host) return null;
    let h = byHost.get(host);
    if (!h) {
      const listed = trackerFor(`https://${host}/`);
      h = { host, party: partyOf(host, firstPartySite), entity: listed?.entity ?? null, categories: listed?.categories ?? [], filterMatches: 0, requests: 0, bytes: 0, cookies: 0, storage: 0, links: 0, frames: 0 };
      byHost.set(host, h);
    }
    return h;
  };
  for (const r of page.requests) {
    const h = entry(r.host);
    if (!h) continue;
    h.requests++;
    h.bytes += r.bytes ?? 0;
    if (r.filterMatch) h.filterMatches++;
  }
  for (const c of page.cookies) {
    const h = entry(c.domain.replace(/^\./, ''));
    if (h) h.cookies++;
  }
  for (const s of page.storage) {
    const h = entry(s.origin ? hostOf(s.origin) : '');
    if (h) h.storage++;
  }
  for (const l of page.links) {
    const h = /^https?:/.test(l.href) ? entry(hostOf(l.href)) : null;
    if (h) h.links++;
  }
  for (const f of page.frames.slice(1)) {
    const h = entry(hostOf(f.url));
    if (h) h.frames++;
  }
  return [...byHost.values()].sort((a, b) => (a.party === b.party ? b.requests - a.requests || a.host.localeCompare(b.host) : a.party === 'third' ? -1 : 1));
}

// Parameters that name the site's account with the tracker (Google Analytics' tid, the Facebook
// pixel's id, Matomo's idsite): public in the page's own source, and what an auditor looks for.
const ACCOUNT_PARAMS = new Set(['tid', 'id', 'idsite', 'siteid', 'site_id', 'pixel_id', 'ti', 'property']);

/** A query value as shown: identifiers by their length, addresses without their query, personal data masked, long text cut. */
export function maskParamValue(value: string, name = ''): string {
  if (ACCOUNT_PARAMS.has(name.toLowerCase()) && /^[\w.-]{1,40}$/.test(value)) return value;
  if (/^https?:\/\//i.test(value)) {
    try {
      const u = new URL(value);
      return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
    } catch { /* not an address after all */ }
  }
  // Personal data sent to a tracker is masked whatever surrounds it (no name beside it is needed here).
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value)) return maskValue('email', value);
  if (/^(\+?84|0)\d{9,10}$/.test(value)) return maskValue('phone', value);
  const verdict = identifierLike(value);
  // A long number is a visitor's id in a beacon (Google Analytics' cid, a timestamp-and-random uid), unless it is a time.
  const longNumber = /^\d[\d.]{9,}$/.test(value) && verdict.why !== 'timestamp';
  if (verdict.identifier || longNumber) return `[mã định danh ${verdict.length} ký tự]`;
  const masked = maskText(value, maskingPairs(findPersonalData(value)));
  return masked.length > 80 ? `${masked.slice(0, 80)}…` : masked;
}

/**
 * The beacons: requests sent to report something rather than to fetch it (navigator.sendBeacon,
 * a tracker's or a filter-listed request with a query, a tiny image with a query).
 */
export function beaconsOf(page: PageEvidence, max = 100): Beacon[] {
  const out: Beacon[] = [];
  page.requests.forEach((r, i) => {
    if (out.length >= max) return;
    let url: URL;
    try {
      url = new URL(r.url);
    } catch {
      return;
    }
    const hasQuery = [...url.searchParams.keys()].length > 0;
    const reporting = r.type === 'Ping' || (hasQuery && (r.tracker || r.filterMatch || (r.type === 'Image' && (r.bytes ?? Infinity) <= 200)));
    if (!reporting) return;
    out.push({
      request: i, host: r.host, type: r.type, method: r.method, endpoint: `${url.origin}${url.pathname}`,
      params: [...url.searchParams.entries()].slice(0, 50).map(([name, value]) => ({ name: name.slice(0, 100), value: maskParamValue(value, name) })),
      tracker: r.tracker?.entity ?? (r.filterMatch ? `${r.filterMatch.list}: ${r.filterMatch.rule}` : null),
    });
  });
  return out;
}
