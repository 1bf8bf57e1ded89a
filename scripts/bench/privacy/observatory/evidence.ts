// Their `Requests` turned into our evidence (the shape a browser visit records), so that the
// criteria judge it exactly as they judge a visit. The HTML of a page is read with the same
// selectors COLLECT_SCRIPT uses in the browser.
import * as cheerio from 'cheerio';
import { emptyEvidence } from '../../../../src/checks/evidence/visit.ts';
import { describeCookies, parseCookieDeclaration, type StoredCookie } from '../../../../src/checks/evidence/cookies.ts';
import type { PageEvidence } from '../../../../src/checks/types.ts';
import { emptyRequests, headerValues, htmlFileOf, type ObsRequests, type ObsResponse } from './requests.ts';

type Which = 'auto' | 'https' | 'http' | 'cors';

/** A response's headers as the visit keeps them: lower-cased names, repeated ones joined (Set-Cookie by line). */
function documentHeaders(response: ObsResponse): Record<string, string> {
  const names = new Set(Object.keys(response.headers).filter((k) => typeof response.headers[k] !== 'function').map((k) => k.toLowerCase()));
  return Object.fromEntries([...names].map((name) => [name, headerValues(response, name).join(name === 'set-cookie' ? '\n' : ', ')]));
}

/** The page's address: their session's scheme, their hostname. */
export function pageUrl(req: ObsRequests): string {
  return `${req.session?.url.protocol ?? 'https:'}//${req.hostname}/`;
}

/** The visit of the page as `from` answered it; an unverified certificate is the visit's tls_invalid failure. */
export function pageEvidence(req: ObsRequests, from: Which = 'auto'): PageEvidence {
  const url = pageUrl(req);
  const page = emptyEvidence(url, 'home', new Date(0));
  page.finalUrl = url;
  const response = req.responses[from];
  if (!response) return page;
  if (!response.verified) {
    page.error = { reason: 'tls_invalid', message: 'the certificate is not trusted' };
    return page;
  }
  const html = req.resources.path ?? '';
  page.document = { status: response.status, headers: documentHeaders(response), tls: null, redirects: [], ...documentDeclarations(html, url) };
  return page;
}

/**
 * What COLLECT_SCRIPT reads from a document, read from the HTML with cheerio in the same way:
 * CSP <meta> elements that are children of <head> (http-equiv trimmed, any case), referrer
 * <meta>, and scripts and stylesheets by address, resolved against the page.
 */
function documentDeclarations(html: string, url: string): Pick<NonNullable<PageEvidence['document']>, 'meta' | 'subresources'> {
  const $ = cheerio.load(html);
  const content = (els: ReturnType<typeof $>, max: number) => els.toArray().slice(0, 10).map((m) => String($(m).attr('content') ?? '').slice(0, max));
  const resolve = (src: string) => {
    try {
      return new URL(src, url).href.slice(0, 500);
    } catch {
      return '';
    }
  };
  return {
    meta: {
      csp: content($('head > meta').filter((_, m) => String($(m).attr('http-equiv') ?? '').trim().toLowerCase() === 'content-security-policy'), 8192),
      referrer: content($('meta[name="referrer" i], meta[http-equiv="referrer-policy" i]'), 200),
    },
    subresources: $('script[src], link[rel~="stylesheet" i][href]').toArray().slice(0, 200).map((el) => {
      const script = el.tagName === 'script';
      const attr = (name: string) => { const v = $(el).attr(name); return v === undefined ? null : v.slice(0, 500); };
      const src = attr(script ? 'src' : 'href') ?? '';
      return { kind: script ? 'script' as const : 'stylesheet' as const, src, url: resolve(src), integrity: attr('integrity'), crossorigin: attr('crossorigin') };
    }),
  };
}

/** Their jar's cookies as the browser would report them, with the Set-Cookie lines that declared them. */
export function cookieEvidence(req: ObsRequests): PageEvidence['cookies'] {
  const url = pageUrl(req);
  const declarations = headerValues(req.responses.auto, 'set-cookie').flatMap((line) => parseCookieDeclaration(line, 'header', url) ?? []);
  const stored: StoredCookie[] = (req.session?.jar.getCookiesSync() ?? []).flatMap((c) => {
    const d = parseCookieDeclaration(c.raw, 'header', url);
    return d ? [{ name: d.name, value: 'x'.repeat(d.valueLength), domain: d.domain ?? req.hostname, path: d.path ?? '/', expires: -1, httpOnly: d.httpOnly, secure: d.secure, sameSite: d.sameSite ?? 'Lax' }] : [];
  });
  return describeCookies(stored, declarations, req.hostname, 0);
}

/** What a test changed from their empty request: the input of a vector, in a line. */
export function describeInput(req: ObsRequests, filesDir: string): string {
  const base = emptyRequests(filesDir);
  const parts: string[] = [];
  if (req.hostname !== base.hostname) parts.push(`host ${req.hostname}`);
  if (req.session && req.session.url.protocol !== 'https:') parts.push(`page over ${req.session.url.protocol}`);
  for (const which of ['auto', 'https', 'http', 'cors'] as const) {
    const response = req.responses[which];
    if (!response) {
      parts.push(`${which}: no response`);
      continue;
    }
    if (!response.verified) parts.push(`${which}: certificate not verified`);
    if (response.status !== 200) parts.push(`${which}: status ${response.status}`);
    for (const [name, value] of Object.entries(documentHeaders(response))) {
      if (name === 'content-type' && value === 'text/html') continue;
      parts.push(`${which} ${name}: ${JSON.stringify(value)}`);
    }
    for (const [name, value] of Object.entries(response.request.headers)) {
      if (typeof value !== 'function') parts.push(`${which} request ${name}: ${JSON.stringify(value)}`);
    }
  }
  const route = (r: ObsRequests['responses']['httpRedirects']) => r.map((x) => `${x.url.href} (${x.status})`).join(' → ');
  if (route(req.responses.httpRedirects) !== route(base.responses.httpRedirects)) parts.push(`http:// route: ${route(req.responses.httpRedirects) || 'none'}`);
  const file = htmlFileOf.get(req);
  if (file && file.html === req.resources.path) parts.push(`HTML ${file.name}`);
  else if (req.resources.path) parts.push(`HTML ${JSON.stringify(req.resources.path.slice(0, 80))}`);
  return parts.join('; ') || 'their empty request';
}

