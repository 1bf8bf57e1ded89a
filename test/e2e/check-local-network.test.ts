// A checked page cannot reach the monitoring host's own services (a dashboard on another
// 127.0.0.1 port stands for them) nor eat the machine's memory: every way a page can reach out is
// refused and recorded, a page that moves the tab there ends as a named scanner error, and the
// next page is checked as usual. The sandbox's portals stand for public ones (checks.publicAddresses).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import type { Checker } from '../../src/checks/checker.ts';
import type { VisitResult } from '../../src/checks/evidence/visit.ts';
import { sandboxChecker } from '../helpers/checks.ts';

const R = FIXTURE_PAGES.reachingOut;
let sandbox: Sandbox;
let checker: Checker;
let dashboard: http.Server;
let port = 0;
const reached: string[] = [];
const visits: Record<string, VisitResult> = {};

beforeAll(async () => {
  dashboard = http.createServer((req, res) => {
    reached.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'access-control-allow-origin': '*' });
    res.end('<title>Bảng điều khiển</title><p>Bí mật của máy giám sát</p>');
  });
  dashboard.on('upgrade', (req, socket) => { reached.push(`UPGRADE ${req.url}`); socket.destroy(); });
  dashboard.on('connection', () => reached.push('connection'));
  await new Promise<void>((resolve) => dashboard.listen(0, '127.0.0.1', resolve));
  port = (dashboard.address() as AddressInfo).port;
  sandbox = await startSandbox();
  checker = sandboxChecker(sandbox, { pageTimeoutMs: 15_000, maxPageMemoryMb: 256 });
  for (const [name, path] of Object.entries(R)) {
    visits[name] = await checker.visit(`${FIXTURES_ORIGIN}${path}?cong=${port}`, 'other', 'kiemthu.sandbox', ['privacy']);
  }
  visits.after = await checker.visit(`${FIXTURES_ORIGIN}${FIXTURE_PAGES.clean}`, 'other', 'kiemthu.sandbox', ['privacy']);
}, 300_000);

afterAll(async () => {
  await checker?.close();
  await sandbox?.close();
  await new Promise((resolve) => dashboard?.close(resolve));
});

describe('a page that reaches for the monitoring host', () => {
  it('never gets a request through: image, frame, fetch (by IP and by localhost), beacon, WebSocket, redirect, script move', () => {
    expect(reached.filter((r) => r !== 'connection')).toEqual([]);
  });

  it('has each refusal recorded in its evidence, and is still checked', () => {
    const e = visits.subresources!.evidence;
    expect(e.error).toBeNull();
    const refused = e.requests.filter((r) => r.failed === 'blocked:local-network').map((r) => `${r.type} ${new URL(r.url).pathname}`);
    expect(refused.sort()).toEqual(['Document /khung', 'Fetch /api/alerts', 'Fetch /api/portals', 'Image /anh.gif', 'Ping /beacon', 'WebSocket /socket']);
    expect(e.localNetwork).toMatchObject({ portalSpace: 'public', refusedRequests: refused.length, blockedDocuments: [{ url: `http://127.0.0.1:${port}/khung`, space: 'loopback', mainFrame: false }] });
  });

  it('ends as the scanner error local_network when it moves the tab there, by redirect or by script, keeping nothing of what it would have shown', () => {
    for (const name of ['redirect', 'scriptMove']) {
      const v = visits[name]!;
      expect(v.evidence.error?.reason, name).toBe('local_network');
      expect(v.evidence.localNetwork?.blockedDocuments[0]).toEqual({ url: `http://127.0.0.1:${port}/bang-dieu-khien`, space: 'loopback', mainFrame: true });
      expect([v.dom, v.screenshot]).toEqual([null, null]);
    }
  });
});

describe('a page that eats memory', () => {
  it('ends as too_much_memory, and the next page is checked as usual', () => {
    expect(visits.memoryHog!.evidence.error?.reason).toBe('too_much_memory');
    expect(visits.memoryHog!.evidence.error?.message).toMatch(/MiB/);
    expect(visits.after!.evidence.error).toBeNull();
  });
});
