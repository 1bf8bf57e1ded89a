// Their `Requests` shape, as their test helpers build it (test/helpers.js, read, not copied):
// four responses to mozilla.org (`auto`, the page as fetched; `cors`, fetched with an Origin
// header; `http`; `https`), each 200 text/html and verified; the redirects of http:// and
// https://; a cookie session; optionally an HTML file of theirs as the page's body. Built here
// without axios: the headers of `auto` have a `set` method as theirs do, and the other three are
// structured clones of it (which, as in their helpers, drops that method: `setHeader` on them
// does nothing, and tests write their headers as properties).
import { readFileSync } from 'node:fs';

/** Response headers as their tests write them: properties (any case), some via `set`. */
export class HeaderBag {
  [name: string]: unknown;
  constructor(init: Record<string, string> = {}) {
    Object.assign(this, init);
  }
  set(name: string, value: string): void {
    this[name] = value;
  }
}

export interface ObsResponse {
  headers: Record<string, unknown>;
  request: { headers: Record<string, unknown> };
  status: number;
  verified: boolean;
}

export interface ObsRequests {
  hostname: string;
  resources: { path: string | null };
  responses: {
    auto: ObsResponse | null; cors: ObsResponse | null; http: ObsResponse | null; https: ObsResponse | null;
    httpRedirects: Array<{ url: URL; status: number }>;
    httpsRedirects: Array<{ url: URL; status: number }>;
  };
  session: { url: URL; jar: CookieJar } | null;
}

/** What their cookie tests put in the session's jar: cookies as parsed from a Set-Cookie line. */
export interface JarCookie {
  raw: string;
  key: string;
}

export class CookieJar {
  readonly cookies: JarCookie[] = [];
  setCookieSync(cookie: JarCookie): void {
    // A browser keeps the last cookie of a name (for the same domain and path, as here).
    const i = this.cookies.findIndex((c) => c.key === cookie.key);
    if (i >= 0) this.cookies.splice(i, 1);
    this.cookies.push(cookie);
  }
  getCookiesSync(): JarCookie[] {
    return [...this.cookies];
  }
  serializeSync(): { cookies: JarCookie[] } {
    return { cookies: this.getCookiesSync() };
  }
}

/** Which of their HTML files a request was built from (for the report of an input). */
export const htmlFileOf = new WeakMap<object, { name: string; html: string }>();

const chain = (...steps: Array<[string, number]>) => steps.map(([url, status]) => ({ url: new URL(url), status }));

export function emptyRequests(filesDir: string, httpEquivFile: string | null = null): ObsRequests {
  const auto: ObsResponse = { headers: new HeaderBag({ 'content-type': 'text/html' }), request: { headers: new HeaderBag() }, status: 200, verified: true };
  const req: ObsRequests = {
    hostname: 'mozilla.org',
    resources: { path: null },
    responses: {
      auto, cors: structuredClone(auto), http: structuredClone(auto), https: structuredClone(auto),
      httpRedirects: chain(['http://mozilla.org/', 301], ['https://mozilla.org/', 301], ['https://www.mozilla.org/', 200]),
      httpsRedirects: chain(['https://mozilla.org/', 301], ['https://www.mozilla.org/', 200]),
    },
    session: { url: new URL('https://mozilla.org/'), jar: new CookieJar() },
  };
  if (httpEquivFile) {
    const html = readFileSync(`${filesDir}${httpEquivFile}`, 'utf8');
    req.resources.path = html;
    htmlFileOf.set(req, { name: httpEquivFile, html });
  }
  return req;
}

/** Their `setHeader`: only headers that kept their `set` method take it. */
export function setHeader(response: ObsResponse | null, header: string, value: string): void {
  if (typeof response?.headers.set === 'function') (response.headers.set as (n: string, v: string) => void)(header, value);
}

/** A response's header values by lower-cased name, each value as written (a list stays a list). */
export function headerValues(response: ObsResponse | null | undefined, name: string): string[] {
  if (!response?.headers) return [];
  return Object.entries(response.headers)
    .filter(([key, value]) => key.toLowerCase() === name && value !== undefined && typeof value !== 'function')
    .flatMap(([, value]) => (Array.isArray(value) ? value.map(String) : [String(value)]));
}
