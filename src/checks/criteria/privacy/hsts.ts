// Strict-Transport-Security tells browsers never to use plain HTTP for the site again. The
// header is read as RFC 6797 says (a directive given twice makes it invalid, and browsers then
// ignore it; `foo-max-age` is not `max-age`) and as the HTTP Observatory does (two headers,
// joined by a comma, are invalid). Six months is the minimum: the Observatory counts
// 15,552,000 s (180 days), since so many sites use that figure for it. A host on the browser's
// HSTS preload list passes whatever its header says, as the Observatory counts it: the home
// page's probe of http:// tells (the browser upgrades the request itself, hsts-preload.ts).
import type { Judgement, PageEvidence } from '../../types.ts';
import { msg, msgBoth, type MessageKey, type MessageVars } from '../../../messages/index.ts';
import { detail, finding, judgement, type PageCriterion, type PortalEvidence } from '../criterion.ts';

export const MIN_MAX_AGE = 15_552_000;

export type HstsPolicy = { maxAge: number; includeSubDomains: boolean; preload: boolean };

/** The `;`-separated parts of a value, a `;` inside a quoted string kept in its part. */
function directivesOf(value: string): string[] {
  const parts: string[] = [];
  let current = '', quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted && c === '\\') { current += c + (value[++i] ?? ''); continue; }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) { parts.push(current); current = ''; } else current += c;
  }
  return [...parts, current];
}

/** Why browsers would ignore a Strict-Transport-Security value: a message and its values. */
interface HstsInvalid {
  key: MessageKey;
  vars?: MessageVars;
}

/** The policy a Strict-Transport-Security value sets, or why browsers would ignore it. */
function readHsts(value: string): HstsPolicy | { why: HstsInvalid } {
  if (value.includes(',')) return { why: { key: 'privacy.hsts.why.repeatedHeader' } };
  const seen = new Map<string, string | null>();
  for (const part of directivesOf(value.slice(0, 1024))) {
    const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*)?$/.exec(part);
    if (!m) {
      if (part.trim()) return { why: { key: 'privacy.hsts.why.notDirective', vars: { part: part.trim().slice(0, 60) } } };
      continue;
    }
    const name = m[1]!.toLowerCase();
    if (seen.has(name)) return { why: { key: 'privacy.hsts.why.directiveTwice', vars: { name } } };
    seen.set(name, m[2] === undefined ? null : m[2].replace(/^"|"$/g, '').replace(/\\(.)/g, '$1'));
  }
  const maxAge = seen.get('max-age');
  if (maxAge === undefined || maxAge === null) return { why: { key: 'privacy.hsts.why.maxAgeMissing' } };
  if (!/^\d+$/.test(maxAge)) return { why: { key: 'privacy.hsts.why.maxAgeNotNumber', vars: { value: maxAge.slice(0, 30) } } };
  return { maxAge: Number(maxAge), includeSubDomains: seen.has('includesubdomains'), preload: seen.has('preload') };
}

/** The policy a Strict-Transport-Security value sets, or why browsers would ignore it (in English, as stored). */
export function parseHsts(value: string): HstsPolicy | { invalid: string } {
  const read = readHsts(value);
  return 'why' in read ? { invalid: msg('en', read.why.key, read.why.vars) } : read;
}

/** The page's own Strict-Transport-Security header, judged. */
function ownHeader(value: string | undefined): Judgement {
  if (!value) return judgement('fail', [finding('hsts.missing', 'privacy.hsts.missing', {}, { evidence: { blob: 'evidence', path: 'document.headers' } })]);
  const policy = readHsts(value);
  if ('why' in policy) {
    const { key, vars } = policy.why;
    return judgement('fail', [finding('hsts.invalid', 'privacy.hsts.invalid', (lang) => ({ why: msg(lang, key, vars), value }), { data: { value, why: msg('en', key, vars) } })]);
  }
  const maxAge = policy.maxAge;
  if (maxAge < MIN_MAX_AGE) return judgement('fail', [finding('hsts.too_short', 'privacy.hsts.tooShort', { maxAge, min: MIN_MAX_AGE }, { data: { value } })]);
  return judgement('pass', [detail('hsts.ok', `HSTS: ${value}`, `HSTS: ${value}`, { data: { value } })]);
}

/**
 * The page's host, when the home page's probe of http:// found it on the browser's HSTS preload
 * list (the browser upgraded the request itself) and the page is on that same host.
 */
export function preloadedHost(page: PageEvidence, portal?: PortalEvidence): string | null {
  const probe = (portal?.home ?? page).httpVariant;
  if (!probe?.upgradedByBrowser) return null;
  const host = (url: string) => { try { return new URL(url).hostname; } catch { return null; } };
  const mine = host(page.finalUrl ?? page.requestedUrl);
  return mine && mine === host(probe.url) ? mine : null;
}

export const hsts: PageCriterion = {
  id: 'privacy.hsts',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.hsts.title'),
  description: msgBoth('privacy.hsts.description'),
  severity: 'moderate',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }, { instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page, portal) {
    if (!(page.finalUrl ?? '').startsWith('https:')) {
      return judgement('fail', [finding('hsts.no_https', 'privacy.hsts.noHttps')]);
    }
    const own = ownHeader(page.document?.headers['strict-transport-security']);
    const preloaded = preloadedHost(page, portal);
    // On the preload list, browsers never use http:// for the host, header or not (as the Observatory counts it).
    if (preloaded && own.outcome === 'fail') {
      return judgement('pass', [finding('hsts.preloaded', 'privacy.hsts.preloaded', (lang) => ({ host: preloaded, header: own.details[0]!.text[lang] }),
        { data: { host: preloaded, header: own.details[0]!.code }, evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    return own;
  },
  // Browsers take HSTS only from a connection whose certificate they accept.
  judgeFailedVisit(page) {
    if (page.error?.reason !== 'tls_invalid') return null;
    return judgement('fail', [finding('hsts.certificate_invalid', 'privacy.hsts.certificateInvalid', { message: page.error.message }, { evidence: { blob: 'evidence', path: 'error' } })]);
  },
};
