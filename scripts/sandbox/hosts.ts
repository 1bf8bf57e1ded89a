// Public hostnames of the sandbox, for browsers only. A browser launched with
// `--host-resolver-rules` from hostResolverRules() sends these names to the sandbox's port and
// every other name to NOTFOUND, so pages can use real-looking hosts (a portal's own name, a
// tracker's well-known host) while no request ever leaves 127.0.0.1. The same port speaks plain
// HTTP and TLS (server.ts tells them apart by the first byte), with the test certificate in
// tls/, which the checker trusts by its SPKI pin, never by turning certificate checks off.
//
// Each portal host is a "deployment" of a site in sites.ts: the same pages, served the way
// that portal's web server is configured (HTTPS redirect, HSTS, security headers).
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SiteId } from './sites.ts';
import { projectPath } from '../../src/paths.ts';

export const TLS_CERT = readFileSync(projectPath('scripts', 'sandbox', 'tls', 'sandbox-cert.pem'));
export const TLS_KEY = readFileSync(projectPath('scripts', 'sandbox', 'tls', 'sandbox-key.pem'));

/** base64 SHA-256 of the certificate's public key, the form Chromium's SPKI list takes. */
export const TLS_SPKI_SHA256 = createHash('sha256')
  .update(new X509Certificate(TLS_CERT).publicKey.export({ type: 'spki', format: 'der' }))
  .digest('base64');

export interface Deployment {
  /** Plain-HTTP requests get a 301 to the same URL over HTTPS. */
  redirectToHttps: boolean;
  /** Headers added to every response (HSTS only over TLS, as browsers ignore it otherwise). */
  headers: Record<string, string>;
  hsts: string | null;
}

export type PublicHost =
  | { kind: 'site'; site: SiteId; deployment: Deployment }
  | { kind: 'fixtures'; deployment: Deployment }
  | { kind: 'third-party'; name: string };

// A careful deployment: every header an HTTP Observatory-style grader looks for.
const HARDENED: Deployment = {
  redirectToHttps: true,
  hsts: 'max-age=31536000; includeSubDomains',
  headers: {
    'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  },
};

// A widget provider whose pages other sites embed: hardened, but frameable by anyone.
const EMBEDDABLE: Deployment = {
  ...HARDENED,
  headers: Object.fromEntries(Object.entries(HARDENED.headers).filter(([k]) => k !== 'x-frame-options')),
};

// An old server: plain HTTP only, no security header at all.
const LEGACY: Deployment = { redirectToHttps: false, hsts: null, headers: {} };

// HTTPS with a redirect, but half-done: no HSTS, no CSP, no frame protection.
const PARTIAL: Deployment = {
  redirectToHttps: true,
  hsts: null,
  headers: { 'x-content-type-options': 'nosniff', 'referrer-policy': 'unsafe-url' },
};

export const PUBLIC_HOSTS: Record<string, PublicHost> = {
  'dichvucong.hanoi.sandbox': { kind: 'site', site: 'hanoi', deployment: HARDENED },
  'dichvucong.bct.sandbox': { kind: 'site', site: 'bct', deployment: LEGACY },
  'dichvucong.danang.sandbox': { kind: 'site', site: 'danang', deployment: PARTIAL },
  // More deployments of the same builds, each its own site (registrable domain): the checks
  // benchmark's page set spread over many sites, as a national run is (scripts/bench/checks.ts).
  'dichvucong.haiphong.sandbox': { kind: 'site', site: 'hanoi', deployment: PARTIAL },
  'dichvucong.cantho.sandbox': { kind: 'site', site: 'danang', deployment: HARDENED },
  'dichvucong.hue.sandbox': { kind: 'site', site: 'bct', deployment: LEGACY },
  'dichvucong.quangninh.sandbox': { kind: 'site', site: 'hanoi', deployment: HARDENED },
  'dichvucong.btc.sandbox': { kind: 'site', site: 'bct', deployment: PARTIAL },
  'dichvucong.byt.sandbox': { kind: 'site', site: 'danang', deployment: LEGACY },
  'dichvucong.nghean.sandbox': { kind: 'site', site: 'hanoi', deployment: LEGACY },
  'dichvucong.dongnai.sandbox': { kind: 'site', site: 'danang', deployment: PARTIAL },
  // Single-purpose pages for the checker's tests and benchmark (check-fixtures.ts).
  'kiemthu.sandbox': { kind: 'fixtures', deployment: HARDENED },
  // The same fixtures on another site, for cross-origin frames (out-of-process in Chromium).
  'tienich.sandbox': { kind: 'fixtures', deployment: EMBEDDABLE },
  // A third site, for a frame inside that frame (depth 2, out of both processes).
  'khung.sandbox': { kind: 'fixtures', deployment: EMBEDDABLE },
  // Trackers' own frames, embedded by a portal page (evidence-fixtures.ts): video, social, ads.
  'www.youtube.com': { kind: 'fixtures', deployment: EMBEDDABLE },
  'platform.twitter.com': { kind: 'fixtures', deployment: EMBEDDABLE },
  'googleads.g.doubleclick.net': { kind: 'fixtures', deployment: EMBEDDABLE },
  // Stand-ins for well-known third parties: the tracker the bct build loads, and a CDN abroad.
  'www.google-analytics.com': { kind: 'third-party', name: 'tracker' },
  'cdn.jsdelivr.net': { kind: 'third-party', name: 'cdn' },
  // Stand-ins for the behaviour fixtures (privacy-behaviour-fixtures.ts): a collector no list
  // knows, a session recorder, the Facebook pixel's script and endpoint.
  'thuthap.sandbox': { kind: 'third-party', name: 'behaviour' },
  'static.hotjar.com': { kind: 'third-party', name: 'behaviour' },
  'connect.facebook.net': { kind: 'third-party', name: 'behaviour' },
  'www.facebook.com': { kind: 'third-party', name: 'behaviour' },
};

/** The public host a request was addressed to, from its Host header; undefined for 127.0.0.1. */
export function publicHostOf(hostHeader: string | undefined): { name: string; host: PublicHost } | undefined {
  if (!hostHeader) return undefined;
  const name = hostHeader.replace(/:\d+$/, '').toLowerCase();
  const host = PUBLIC_HOSTS[name];
  return host && { name, host };
}

/**
 * Chromium's --host-resolver-rules for a sandbox on `port`: the public hosts go to it, loopback
 * stays as it is, everything else fails to resolve (no DNS query leaves the machine).
 */
export function hostResolverRules(port: number): string {
  return [
    ...Object.keys(PUBLIC_HOSTS).map((name) => `MAP ${name} 127.0.0.1:${port}`),
    'EXCLUDE 127.0.0.1',
    'EXCLUDE localhost',
    'MAP * ~NOTFOUND',
  ].join(', ');
}

/** https://dichvucong.hanoi.sandbox/sites/hanoi/ and the like: a site's home on its own host. */
export function publicSiteUrl(site: SiteId, scheme: 'https' | 'http' = 'https'): string {
  const name = Object.entries(PUBLIC_HOSTS).find(([, h]) => h.kind === 'site' && h.site === site)![0];
  return `${scheme}://${name}/sites/${site}/`;
}
