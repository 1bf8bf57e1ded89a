// Issue 13 item 13 and the dashboard part of "Also": the dashboard answers only to its own
// host names, so a DNS-rebinding page cannot read its API from an operator's browser (real
// Chromium resolving an attacker's name to 127.0.0.1), and a malformed percent-encoding is a
// 400, not a 500. Raw requests with chosen Host headers cover the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../src/browser/launch.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { startDashboard, type Dashboard } from '../../src/server/server.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { tempDir } from '../helpers/tmp.ts';

let dashboard: Dashboard;
let db: Db;
let port: number;
let browser: Browser;

beforeAll(async () => {
  const loaded = parseConfig(`version: 1
alerts: { linkBase: "https://dvc-monitor.example.gov.vn" }
server: { allowedHosts: ["giamsat.example.gov.vn", "noibo.example.gov.vn:8443"] }
portals: []
`, 'test.yaml', {});
  db = openStore(join(tempDir(), 'store.sqlite'));
  dashboard = await startDashboard({ db, loaded, log: createLogger('silent'), token: null, port: 0 });
  port = Number(new URL(dashboard.url).port);
  // Private/Local Network Access turned off: the browser as Firefox, Safari or an older Chromium behave,
  // which let a page from a public address reach 127.0.0.1 once its name is rebound there.
  browser = await launchBrowser({ args: ['--host-resolver-rules=MAP rebind.attacker.test 127.0.0.1',
    '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks'] });
});
afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  db?.close();
});

/** A GET with exactly this Host header (null: none). */
function get(path: string, host: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, setHost: false, headers: host === null ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An HTTP/1.0 request without any Host header, over a raw socket. */
function withoutHost(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`GET ${path} HTTP/1.0\r\n\r\n`));
    let answer = '';
    socket.on('data', (c) => (answer += c));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the dashboard\'s Host check', () => {
  it('answers its own names and refuses every other with 421', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'LOCALHOST.:' + port, 'giamsat.example.gov.vn', 'giamsat.example.gov.vn:443', 'noibo.example.gov.vn:8443', 'dvc-monitor.example.gov.vn']) {
      expect((await get('/api/alerts', host)).status, host).toBe(200);
    }
    for (const host of ['rebind.attacker.test', `rebind.attacker.test:${port}`, `127.0.0.1:${port + 1}`, 'noibo.example.gov.vn:9000', `127.0.0.1.attacker.test:${port}`, '', 'a b', 'evil.example/x']) {
      const r = await get('/api/alerts', host);
      expect(r.status, host).toBe(421);
      expect(r.body).not.toMatch(/"alerts"/);
    }
    expect(await withoutHost('/api/alerts')).toMatch(/^HTTP\/1\.1 421 /);
    expect((await get('/metrics', 'rebind.attacker.test')).status).toBe(421);
  });

  it('keeps a DNS-rebinding page in a real browser from reading the API', async () => {
    const page = await browser.newPage();
    try {
      const own = await page.goto(`http://127.0.0.1:${port}/api/alerts`);
      expect(own!.status()).toBe(200);
      // The attacker's page, as its own server served it before the name was rebound to 127.0.0.1 (same origin
      // as the dashboard: same name, same port); everything it asks for afterwards reaches the dashboard.
      const attack = `http://rebind.attacker.test:${port}/attack`;
      await page.route(attack, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Xem ngay</title><p>…</p>' }));
      await page.goto(attack);
      const read = await page.evaluate(async () => {
        const r = await fetch('/api/alerts');
        return { status: r.status, body: await r.text() };
      });
      expect(read.status).toBe(421);
      expect(read.body).not.toMatch(/"alerts"|"outbox"/);
      expect(JSON.parse(read.body).error).toMatch(/không trả lời cho tên máy chủ "rebind\.attacker\.test:\d+"\. Cách sửa: /);
    } finally {
      await page.close();
    }
  });

  it('answers a month in the future with 400', async () => {
    const r = await get('/api/overview?period=9999-12', `127.0.0.1:${port}`);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatch(/period 9999-12 là một tháng trong tương lai \(tháng này là \d{4}-\d{2}\)\. Cách sửa: /);
    const en = await get('/api/overview?period=9999-12&lang=en', `127.0.0.1:${port}`);
    expect(JSON.parse(en.body).error).toMatch(/period 9999-12 is in the future \(this month is \d{4}-\d{2}\)\. Fix: /);
  });

  it('answers a malformed percent-encoding with 400, not 500', async () => {
    for (const path of ['/%', '/agency/%E0%A4%A', '/api/agencies/%ZZ', '/portal/%C0']) {
      const r = await get(path, `127.0.0.1:${port}`);
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body).error).toMatch(/mã hóa phần trăm sai/);
    }
  });
});
