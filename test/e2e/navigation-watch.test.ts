// A page that moves on by itself is followed to the document the visitor ends on, even when
// the browser is slow to replace the old document (a loaded machine): the hop names the new
// address, not the old document's, whose load state answered before the move committed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.ts';
import { NavigationWatch } from '../../src/checks/evidence/navigation.ts';

let server: http.Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    if (req.url === '/moi') {
      // Headers at once, the body a little later: the move's response is known before the new document commits.
      res.flushHeaders();
      setTimeout(() => res.end('<title>Trang mới</title><p>Trang mới</p>'), 800);
      return;
    }
    if (req.url === '/sau-1-giay') {
      res.end(`<title>Trang cũ</title><p>Sau 1 giây bạn sẽ được chuyển.</p><script>addEventListener('load', () => setTimeout(() => { location.href = '/moi'; }, 1000));</script>`);
      return;
    }
    res.end(`<title>Trang cũ</title><p>Đang chuyển…</p><script>addEventListener('load', () => setTimeout(() => { location.href = '/moi'; }, 300));</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

it('records the new address of a script redirect on a slow renderer', async () => {
  const page = await browser.newPage();
  try {
    // A slow renderer, as on a loaded machine: the commit of the new document lags behind its response.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 50 });
    const watch = new NavigationWatch(page);
    await page.goto(`${origin}/cu`);
    await watch.loaded();
    const hops = await watch.follow(async () => {});
    expect(hops).toHaveLength(1);
    expect(hops[0]).toMatchObject({ from: `${origin}/cu`, to: `${origin}/moi`, cause: 'script' });
    expect(page.url()).toBe(`${origin}/moi`);
  } finally {
    await page.close();
  }
}, 60_000);

it('names the document it left when the move committed before follow() looked (a busy test process)', async () => {
  const page = await browser.newPage();
  try {
    const watch = new NavigationWatch(page);
    await page.goto(`${origin}/cu`);
    await watch.loaded();
    // The move (300 ms after load) and its commit (about 800 ms later) both happen before follow() starts.
    await page.waitForURL(`${origin}/moi`, { timeout: 10_000 });
    const hops = await watch.follow(async () => {});
    expect(hops).toHaveLength(1);
    expect(hops[0]).toMatchObject({ from: `${origin}/cu`, to: `${origin}/moi`, cause: 'script' });
  } finally {
    await page.close();
  }
}, 60_000);

it('times a move from the document\'s own load, on the browser\'s clock, however late Node hears of it', async () => {
  const page = await browser.newPage();
  try {
    const watch = new NavigationWatch(page);
    await page.goto(`${origin}/sau-1-giay`);
    // Node learns of the load late, as on a loaded machine: its own clock would say 600 ms.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await watch.loaded();
    const hops = await watch.follow(async () => {});
    expect(hops).toHaveLength(1);
    expect(hops[0]!.afterLoadMs).toBeGreaterThanOrEqual(1000);
    expect(hops[0]!.afterLoadMs).toBeLessThan(1400);
  } finally {
    await page.close();
  }
}, 60_000);
