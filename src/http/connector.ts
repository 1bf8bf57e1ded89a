// A connector for the HTTP client that connects somewhere else for a host (curl's --connect-to:
// the request's Host and TLS name stay the same) and trusts certificates by their public key's
// pin exactly as Chromium's --ignore-certificate-errors-spki-list does for the checker's browser
// (so the crawl of a page sample sees what the browser sees): a certificate the system roots do
// not vouch for passes only when the SHA-256 of its public key is listed (the sandbox's test
// certificate); its errors, the host name included, are then ignored, as Chromium ignores them.
import { createHash, X509Certificate } from 'node:crypto';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { buildConnector } from 'undici';

export type ConnectTo = (host: string, port: number) => { host: string; port: number } | null;

/** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, the form Chromium's SPKI list takes. */
const pinOf = (cert: PeerCertificate) => {
  if (!cert.raw) return null;
  return createHash('sha256').update(new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
};

export function routedConnector(options: buildConnector.BuildOptions, route: { connectTo?: ConnectTo | undefined; trustedSpki: readonly string[] }): buildConnector.connector {
  // With pins, the handshake is let through and judged below, by the roots or by the pin; no TLS
  // session is resumed, as a resumed one may not show the certificate again.
  const connect = buildConnector({ ...options, ...(route.trustedSpki.length ? { rejectUnauthorized: false, maxCachedSessions: 0 } : {}) } as buildConnector.BuildOptions);
  return (opts, callback) => {
    const https = opts.protocol === 'https:';
    const port = Number(opts.port) || (https ? 443 : 80);
    const to = route.connectTo?.(opts.hostname, port) ?? null;
    // `host` (the Host header's value) still gives the TLS server name.
    const target = to ? { ...opts, hostname: to.host, port: String(to.port), host: opts.host ?? opts.hostname } : opts;
    connect(target, (err, socket) => {
      if (err || !socket) return callback(err ?? new Error('no socket'), null);
      if (!https || !route.trustedSpki.length) return callback(null, socket);
      const tls = socket as TLSSocket;
      if (tls.authorized) return callback(null, socket);
      const pin = pinOf(tls.getPeerCertificate());
      if (pin && route.trustedSpki.includes(pin)) return callback(null, socket);
      tls.destroy();
      const code = String(tls.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      return callback(Object.assign(new Error(`certificate refused: ${code}`), { code }), null);
    });
  };
}
