// Cookie and third-party tables per portal, as an evidence collector's report has them (the EDPS
// website evidence collector): from the portal's latest complete privacy check of the period,
// every cookie (name, host, first or third party, who set it — a Set-Cookie header or a script,
// with its address —, expiry, stored or refused and why, tracker entity and the list and rule that
// matched) and every third-party host (its entity and role, requests, tracker-list match, whether
// it was contacted before consent). Grouped by host and by cookie across the check's pages, and
// bounded: what is left out is counted and named by the evidence file that holds it. Pure
// functions of stored evidence; everything here came from a portal and is escaped when shown.
import { TRACKER_BY_NAME } from '../checks/evidence/cookies.ts';
import type { CookieRecord, PageEvidence, RequestRecord } from '../checks/types.ts';

/** When the evidence was seen: the visit that made no choice, or after refusing or accepting through the banner. */
export type ConsentPhase = 'no_choice' | 'refused' | 'accepted';

export interface ListMatch {
  /** "third-party-web", the filter list's title and version ("EasyPrivacy 202612…"), or the known cookie names. */
  list: string;
  rule: string;
}

export interface CookieRow {
  name: string;
  domain: string;
  party: 'first' | 'third';
  /** How it was set, and by which responses or scripts (the first few; `urlCount` of them in all). */
  setBy: { via: 'header' | 'script' | 'unknown'; urls: string[]; urlCount: number };
  /** Seconds from the visit; null: a session cookie. */
  expiresInS: number | null;
  stored: boolean;
  refusedBecause: string[];
  tracker: string | null;
  matches: ListMatch[];
  phases: ConsentPhase[];
  /** The pages it was seen on (their addresses as asked). */
  pages: string[];
}

export interface HostRow {
  host: string;
  entity: string | null;
  categories: string[];
  /** Resource types asked of it (Script, Image, XHR…): its role when no list knows it. */
  types: string[];
  requests: number;
  /** The filter-list rule that matched its first matched request, and how many of its requests matched. */
  filterMatch: ListMatch | null;
  filterMatches: number;
  phases: ConsentPhase[];
  pages: string[];
}

export interface PrivacyTables {
  checkId: number;
  finishedAt: string;
  cookies: CookieRow[];
  hosts: HostRow[];
  /** Rows beyond the bound, not shown. */
  cookiesLeftOut: number;
  hostsLeftOut: number;
  /** Requests the browser recorded past its own bound (requestsDropped in the evidence). */
  requestsDropped: number;
  /** The evidence files the tables were read from: where every row, and those left out, can be found. */
  evidence: Array<{ url: string; sha256: string }>;
  /** Visits whose evidence file could not be read back (missing or altered in the store). */
  unreadable: Array<{ url: string; sha256: string }>;
}

/** Rows shown per table and portal; the rest is counted and found in the evidence files. */
export const MAX_TABLE_ROWS = 100;
/** Setter addresses kept per cookie (a first-party cookie is often set by every page's own response). */
export const MAX_SETTERS = 3;
/** Longer names and addresses are cut when shown: the evidence file holds them whole. */
export const MAX_CELL_CHARS = 160;

export const cut = (s: string, max = MAX_CELL_CHARS) => (s.length > max ? `${s.slice(0, max)}…` : s);

export const KNOWN_NAMES_LIST = 'dvc-monitor: known cookie names';
const TRACKER_LIST = 'third-party-web';

const PHASE_ORDER: ConsentPhase[] = ['no_choice', 'refused', 'accepted'];
const addPhase = (phases: ConsentPhase[], p: ConsentPhase) => {
  if (!phases.includes(p)) phases.push(p);
  phases.sort((a, b) => PHASE_ORDER.indexOf(a) - PHASE_ORDER.indexOf(b));
};
const addPage = (pages: string[], url: string) => {
  if (!pages.includes(url)) pages.push(url);
};

/** What one phase of one page recorded. */
interface Observed { phase: ConsentPhase; page: string; requests: RequestRecord[]; cookies: CookieRecord[] }

function observationsOf(page: PageEvidence): Observed[] {
  const out: Observed[] = [{ phase: 'no_choice', page: page.requestedUrl, requests: page.requests, cookies: page.cookies }];
  const consent = page.consent;
  for (const [phase, visit] of [['refused', consent?.refuse], ['accepted', consent?.accept]] as const) {
    if (visit?.afterChoice && !visit.notRun) out.push({ phase, page: page.requestedUrl, requests: visit.afterChoice.requests, cookies: visit.afterChoice.cookies });
  }
  return out;
}

function cookieMatches(c: CookieRecord, requests: RequestRecord[]): ListMatch[] {
  const out: ListMatch[] = [];
  const setter = c.setBy.via === 'unknown' ? null : c.setBy.url;
  const request = setter ? requests.find((r) => r.url === setter && r.filterMatch) : undefined;
  if (request?.filterMatch) out.push({ list: request.filterMatch.list, rule: request.filterMatch.rule });
  if (c.tracker === TRACKER_BY_NAME) out.push({ list: KNOWN_NAMES_LIST, rule: c.name });
  else if (c.tracker) out.push({ list: TRACKER_LIST, rule: c.tracker });
  return out;
}

export function privacyTables(check: { checkId: number; finishedAt: string }, pages: ReadonlyArray<{ sha256: string; evidence: PageEvidence | null; url: string }>): PrivacyTables {
  const cookies = new Map<string, CookieRow>();
  const hosts = new Map<string, HostRow>();
  let requestsDropped = 0;
  for (const { evidence } of pages) {
    if (!evidence) continue;
    requestsDropped += evidence.requestsDropped ?? 0;
    for (const o of observationsOf(evidence)) {
      for (const c of o.cookies) {
        const key = JSON.stringify([c.name, c.domain, c.stored, c.setBy.via]);
        let row = cookies.get(key);
        if (!row) {
          row = {
            name: c.name, domain: c.domain, party: c.party, setBy: { via: c.setBy.via, urls: [], urlCount: 0 }, expiresInS: c.expiresInS, stored: c.stored,
            refusedBecause: c.refusedBecause ?? [], tracker: c.tracker === TRACKER_BY_NAME ? null : c.tracker, matches: [], phases: [], pages: [],
          };
          cookies.set(key, row);
        }
        const setter = c.setBy.via === 'unknown' ? null : c.setBy.url;
        if (setter && !row.setBy.urls.includes(setter)) {
          row.setBy.urlCount++;
          if (row.setBy.urls.length < MAX_SETTERS) row.setBy.urls.push(setter);
        }
        for (const m of cookieMatches(c, o.requests)) if (!row.matches.some((x) => x.list === m.list && x.rule === m.rule)) row.matches.push(m);
        addPhase(row.phases, o.phase);
        addPage(row.pages, o.page);
      }
      for (const r of o.requests) {
        if (r.party !== 'third' || !r.host) continue;
        let row = hosts.get(r.host);
        if (!row) {
          row = { host: r.host, entity: r.tracker?.entity ?? null, categories: r.tracker?.categories ?? [], types: [], requests: 0, filterMatch: null, filterMatches: 0, phases: [], pages: [] };
          hosts.set(r.host, row);
        }
        row.requests++;
        if (!row.types.includes(r.type)) row.types.push(r.type);
        if (r.filterMatch) {
          row.filterMatches++;
          row.filterMatch ??= { list: r.filterMatch.list, rule: r.filterMatch.rule };
        }
        addPhase(row.phases, o.phase);
        addPage(row.pages, o.page);
      }
    }
  }
  const tracked = (c: CookieRow) => (c.matches.length ? 0 : 1);
  const cookieRows = [...cookies.values()].sort((a, b) => (a.party === b.party ? 0 : a.party === 'third' ? -1 : 1) || tracked(a) - tracked(b)
    || a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name));
  const listed = (h: HostRow) => (h.entity || h.filterMatch ? 0 : 1);
  const hostRows = [...hosts.values()].sort((a, b) => listed(a) - listed(b) || b.requests - a.requests || a.host.localeCompare(b.host));
  return {
    checkId: check.checkId, finishedAt: check.finishedAt,
    cookies: cookieRows.slice(0, MAX_TABLE_ROWS), cookiesLeftOut: Math.max(0, cookieRows.length - MAX_TABLE_ROWS),
    hosts: hostRows.slice(0, MAX_TABLE_ROWS), hostsLeftOut: Math.max(0, hostRows.length - MAX_TABLE_ROWS),
    requestsDropped,
    evidence: pages.filter((p) => p.evidence).map((p) => ({ url: p.url, sha256: p.sha256 })),
    unreadable: pages.filter((p) => !p.evidence).map((p) => ({ url: p.url, sha256: p.sha256 })),
  };
}

/** Before consent: contacted (or set) on a visit that made no choice. */
export const beforeConsent = (phases: readonly ConsentPhase[]) => phases.includes('no_choice');
