// Who a request goes to: first or third party, a known tracker or not, a host to review as
// possibly abroad. Tracker entities come from third-party-web (MIT), a maintained list of
// 2,000+ entities with their domains and categories shipped inside the npm package, so it works
// offline; tracking requests also from a filter list (filter-list.ts). Both versions are
// recorded with every check.
import { createRequire } from 'node:module';
import { getDomain, parse } from 'tldts';
import { filterListInfoOf, filterListVersion } from './filter-list.ts';

const require = createRequire(import.meta.url);
const thirdPartyWeb = require('third-party-web') as {
  getEntity(url: string): { name: string; categories: string[] } | undefined;
};

export const TRACKER_LIST_VERSION = `third-party-web@${(require('third-party-web/package.json') as { version: string }).version}`;

/** Both lists a check uses, as its versions record them: "third-party-web@0.26.6 + EasyPrivacy@202309050832". */
export function trackerListsVersion(filterListPath: string | undefined): string {
  return `${TRACKER_LIST_VERSION} + ${filterListVersion(filterListInfoOf(filterListPath))}`;
}

/** Categories of third-party-web that follow people across sites (not CDNs, hosting, video, …). */
export const TRACKER_CATEGORIES = ['ad', 'analytics', 'social', 'marketing', 'tag-manager', 'customer-success'];

export function trackerFor(urlOrHost: string): { entity: string; categories: string[] } | null {
  let entity;
  try {
    entity = thirdPartyWeb.getEntity(urlOrHost);
  } catch {
    return null; // not a URL the list can read (data:, blob:)
  }
  if (!entity || !entity.categories.some((c) => TRACKER_CATEGORIES.includes(c))) return null;
  return { entity: entity.name, categories: entity.categories };
}

/** The registrable domain (hanoi.gov.vn for dichvucong.hanoi.gov.vn), or the host itself for an IP or a single label. */
export function siteOf(host: string): string {
  return getDomain(host) ?? host.toLowerCase();
}

export function partyOf(host: string, firstPartySite: string): 'first' | 'third' {
  return siteOf(host) === firstPartySite ? 'first' : 'third';
}

/**
 * A third-party host that may serve from abroad: anything outside .vn. Without a geolocation
 * database (and without the internet) this is a list for a person to review, not a verdict.
 */
export function mayBeAbroad(host: string): boolean {
  const parsed = parse(host);
  if (parsed.isIp) return false;
  return !/\.vn$/i.test(host);
}
