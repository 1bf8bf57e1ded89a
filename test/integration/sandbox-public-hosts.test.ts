// The sandbox's public hostnames for browsers (hosts.ts): one port speaks HTTP and TLS, each
// portal host is served as its web server is configured, and config/sandbox.yaml's checks
// section matches the rules and the certificate pin the code derives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { FIXTURE_PAGES } from '../../scripts/sandbox/check-fixtures.ts';
import { hostResolverRules, TLS_CERT, TLS_SPKI_SHA256 } from '../../scripts/sandbox/hosts.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { loadConfig } from '../../src/config/load.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

/** A request to 127.0.0.1 that names a public host (Host header, and SNI over TLS), trusting the test certificate. */
function get(scheme: 'http' | 'https', host: string, path: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port: sandbox.port, path, headers: { host }, servername: host, ca: TLS_CERT };
    const req = (scheme === 'https' ? httpsRequest : httpRequest)(options, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sandbox public hosts', () => {
  it('serves Hà Nội over TLS with every security header, and redirects its plain HTTP to HTTPS', async () => {
    const page = await get('https', 'dichvucong.hanoi.sandbox', '/sites/hanoi/');
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.body).toContain('Cổng Dịch vụ công Thành phố Hà Nội');
    const plain = await get('http', 'dichvucong.hanoi.sandbox', '/sites/hanoi/thong-ke?thang=2026-09');
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://dichvucong.hanoi.sandbox/sites/hanoi/thong-ke?thang=2026-09');
  });

  it('serves Bộ Công Thương over plain HTTP, with its tracker on the tracker host', async () => {
    const page = await get('http', 'dichvucong.bct.sandbox', '/sites/bct/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBeUndefined();
    expect(page.body).toContain('src="https://www.google-analytics.com/tracker/collect.js"');
    const tracker = await get('https', 'www.google-analytics.com', '/tracker/collect.js');
    expect(tracker.body).toContain('document.currentScript');
  });

  it('leaves 127.0.0.1 as it was: relative tracker path, no redirect, no added headers', async () => {
    const page = await fetch(`${sandbox.url}/sites/bct/`);
    expect(await page.text()).toContain('src="/tracker/collect.js"');
    expect(page.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves the checker fixtures, hostile ones included', async () => {
    expect((await get('https', 'kiemthu.sandbox', FIXTURE_PAGES.clean)).status).toBe(200);
    const loop = await get('https', 'kiemthu.sandbox', FIXTURE_PAGES.hostile.redirectLoop);
    expect(loop.status).toBe(302);
    expect(loop.headers.location).toBe(`${FIXTURE_PAGES.hostile.redirectLoop}?n=1`);
    expect((await get('https', 'kiemthu.sandbox', FIXTURE_PAGES.hostile.download)).headers['content-disposition']).toMatch(/attachment/);
  });

  it('config/sandbox.yaml carries the same host rules and certificate pin', () => {
    const loaded = loadConfig('config/sandbox.yaml', { SANDBOX_PORT: '8730' });
    expect(loaded.config.checks?.hostResolverRules).toBe(hostResolverRules(8730));
    expect(loaded.config.checks?.trustedCertificateSpki).toEqual([TLS_SPKI_SHA256]);
    expect(hostResolverRules(8730)).toMatch(/EXCLUDE 127\.0\.0\.1, EXCLUDE localhost, MAP \* ~NOTFOUND$/);
  });
});
