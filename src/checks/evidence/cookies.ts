// Cookies as the browser stored them, joined with how each was declared: by a Set-Cookie header
// (which response) or by a script writing document.cookie (which script). The flags judged are
// the declared ones: a browser fills in SameSite=Lax when none is given, the site did not.
import type { CookieRecord } from '../types.ts';
import { partyOf, trackerFor } from './third-parties.ts';

export interface CookieDeclaration {
  name: string;
  domain: string | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string | null;
  valueLength: number;
  /** Path, Max-Age and Expires as declared (a refused cookie has no stored copy to read them from). */
  path?: string | null;
  maxAgeS?: number | null;
  expiresAtS?: number | null;
  via: 'header' | 'script';
  /** The response that set it, or the script that wrote it. */
  url: string | null;
  /** For a script: the scripts on the call stack, innermost first. */
  stack?: string[];
  /** Why the browser refused to store it (CDP blockedReasons), when it did. */
  blocked?: string[];
}

export interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
}

// Analytics and advertising cookies by name, for when the script that wrote them is unknown.
const KNOWN_TRACKING_NAMES = /^(_ga|_gid|_gat|__utm[a-z]|_fbp|_fbc|_hj|_pk_|_clck|_clsk|_uet|_gcl_|__gads|__gpi|IDE$|_tt_|_trk_)/;
/** The tracker a cookie is given when only its name (KNOWN_TRACKING_NAMES) says it tracks. */
export const TRACKER_BY_NAME = 'known analytics or advertising cookie name';

export function parseCookieDeclaration(text: string, via: 'header' | 'script', url: string | null): CookieDeclaration | null {
  const [pair = '', ...attributes] = text.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  if (!name) return null;
  const attr = new Map(attributes.map((a) => {
    const i = a.indexOf('=');
    return i < 0 ? [a.trim().toLowerCase(), ''] : [a.slice(0, i).trim().toLowerCase(), a.slice(i + 1).trim()];
  }));
  const expires = Date.parse(attr.get('expires') ?? '');
  return {
    name,
    domain: attr.get('domain')?.replace(/^\./, '').toLowerCase() ?? null,
    secure: attr.has('secure'),
    httpOnly: attr.has('httponly'),
    sameSite: attr.has('samesite') ? attr.get('samesite')! : null,
    valueLength: pair.length - eq - 1,
    path: attr.get('path') || null,
    maxAgeS: /^-?\d{1,12}$/.test(attr.get('max-age') ?? '') ? Number(attr.get('max-age')) : null,
    expiresAtS: Number.isFinite(expires) ? Math.round(expires / 1000) : null,
    via,
    url,
  };
}

/** The Set-Cookie lines of a response (CDP joins repeated headers with a newline). */
export function setCookieLines(headerValue: string | undefined): string[] {
  return headerValue ? headerValue.split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

function domainMatches(cookieDomain: string, declared: CookieDeclaration, declaredFromHost: string | null): boolean {
  const bare = cookieDomain.replace(/^\./, '');
  if (declared.domain) return declared.domain === bare;
  return declaredFromHost === null || declaredFromHost === bare;
}

const hostOf = (url: string | null) => {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
};

/**
 * Stored cookies with their declarations, then the cookies the browser refused (headless
 * Chromium blocks third-party cookies that an ordinary browser would keep): the attempt is
 * the evidence.
 */
export function describeCookies(stored: StoredCookie[], declarations: CookieDeclaration[], firstPartySite: string, nowS: number): CookieRecord[] {
  const refused = declarations.filter((d) => d.blocked?.length).map((d): CookieRecord => {
    const domain = d.domain ?? hostOf(d.url) ?? '';
    return {
      // Max-Age wins over Expires, as in browsers.
      name: d.name, domain, path: d.path ?? '/', secure: d.secure, httpOnly: d.httpOnly, sameSite: d.sameSite,
      expiresInS: d.maxAgeS ?? (d.expiresAtS != null ? Math.round(d.expiresAtS - nowS) : null),
      party: partyOf(domain, firstPartySite), setBy: { via: 'header', url: d.url ?? '' },
      tracker: (d.url ? trackerFor(d.url)?.entity : null) ?? (KNOWN_TRACKING_NAMES.test(d.name) ? TRACKER_BY_NAME : null),
      valueLength: d.valueLength, stored: false, refusedBecause: d.blocked!,
    };
  });
  const kept = declarations.filter((d) => !d.blocked?.length);
  return [...describeStored(stored, kept, firstPartySite, nowS), ...refused, ...refusedWrites(stored, kept, firstPartySite, nowS)];
}

/**
 * A script's write the browser did not keep (a tracker's frame writing document.cookie while
 * third-party cookies are blocked): the browser says nothing, so no stored cookie of that name
 * for the script's host is the sign. Deletions (an expiry in the past) are not attempts.
 */
function refusedWrites(stored: StoredCookie[], declarations: CookieDeclaration[], firstPartySite: string, nowS: number): CookieRecord[] {
  const seen = new Set<string>();
  const expiry = (d: CookieDeclaration) => d.maxAgeS ?? (d.expiresAtS != null ? Math.round(d.expiresAtS - nowS) : null);
  // A cookie the page wrote and then deleted was kept, for a while.
  const deleted = new Set(declarations.filter((d) => (expiry(d) ?? 1) <= 0).map((d) => d.name));
  return declarations.flatMap((d): CookieRecord[] => {
    const expiresInS = expiry(d);
    if (d.via !== 'script' || deleted.has(d.name)) return [];
    const writer = hostOf(d.url);
    const domain = d.domain ?? writer ?? '';
    if (!domain || seen.has(`${d.name}@${domain}`) || stored.some((c) => c.name === d.name && domainMatches(c.domain, d, writer))) return [];
    seen.add(`${d.name}@${domain}`);
    const setters = d.stack?.length ? d.stack : d.url ? [d.url] : [];
    return [{
      name: d.name, domain, path: d.path ?? '/', secure: d.secure, httpOnly: false, sameSite: d.sameSite, expiresInS,
      party: partyOf(domain, firstPartySite), setBy: { via: 'script', url: d.url, stack: d.stack ?? [] },
      tracker: setters.map((u) => trackerFor(u)?.entity).find(Boolean) ?? trackerFor(domain)?.entity ?? (KNOWN_TRACKING_NAMES.test(d.name) ? TRACKER_BY_NAME : null),
      valueLength: d.valueLength, stored: false, refusedBecause: ['NotStoredAfterScriptWrite'],
    }];
  });
}

function describeStored(stored: StoredCookie[], declarations: CookieDeclaration[], firstPartySite: string, nowS: number): CookieRecord[] {
  return stored.map((c) => {
    // The last declaration of the same name for this domain is the one the browser kept.
    const declared = [...declarations].reverse().find((d) => d.name === c.name && domainMatches(c.domain, d, d.via === 'header' ? hostOf(d.url) : null))
      ?? [...declarations].reverse().find((d) => d.name === c.name);
    const setBy: CookieRecord['setBy'] = declared ? (declared.via === 'header' ? { via: 'header', url: declared.url ?? '' } : { via: 'script', url: declared.url, stack: declared.stack ?? [] }) : { via: 'unknown' };
    // Any tracker on the call stack wrote it, even through a first-party helper.
    const setters = declared?.stack?.length ? declared.stack : declared?.url ? [declared.url] : [];
    const setterTracker = setters.map((u) => trackerFor(u)?.entity).find(Boolean) ?? null;
    const domainTracker = trackerFor(c.domain.replace(/^\./, ''))?.entity ?? null;
    const nameTracker = KNOWN_TRACKING_NAMES.test(c.name) ? TRACKER_BY_NAME : null;
    return {
      name: c.name,
      domain: c.domain,
      path: c.path,
      secure: declared ? declared.secure : c.secure,
      httpOnly: declared ? declared.httpOnly : c.httpOnly,
      sameSite: declared ? declared.sameSite : null,
      expiresInS: c.expires > 0 ? Math.round(c.expires - nowS) : null,
      party: partyOf(c.domain.replace(/^\./, ''), firstPartySite),
      setBy,
      tracker: setterTracker ?? domainTracker ?? nameTracker,
      valueLength: c.value.length,
      stored: true,
      refusedBecause: null,
    };
  });
}

