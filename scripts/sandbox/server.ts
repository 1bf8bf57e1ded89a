// The sandbox HTTP server: the national statistics gateway, three portal websites, status
// endpoints and a control API for faults, all on 127.0.0.1. Used by the demo and by tests.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { tlsOrPlainFront } from '../../src/server/tls-front.ts';
import { currentMonth } from '../../src/time/period.ts';
import { DATA_START, DEFAULT_SEED } from './data.ts';
import { FaultBoard, isFaultRoute, parseFault, respondWithFault, type BodyKind, type Fault, type FaultRoute } from './faults.ts';
import { answerGateway, GATEWAY_PATH, GATEWAY_SERVICES, parseGatewayBody } from './gateway.ts';
import { escapeHtml } from './format.ts';
import { IGATE_TOKEN_PATH, IgateTwin } from './igate.ts';
import { redesign, truncate, withEndlessScript } from './mangle.ts';
import { answerOpenData } from './open-data.ts';
import { CDN_SCRIPT, handleFixture } from './check-fixtures.ts';
import { acceptWebSocket } from './evidence-fixtures.ts';
import { behaviourThirdParty } from './privacy-behaviour-fixtures.ts';
import { publicHostOf, TLS_CERT, TLS_KEY, type Deployment } from './hosts.ts';
import { handleSamplePortal } from './sample-portal.ts';
import { handleSite, handleTracker, isSiteId, SITE_IDS, SITES, type SiteContext, type SiteId } from './sites.ts';
import { statusJson, statuspageSummary } from './status.ts';

export type { Fault, FaultRoute } from './faults.ts';

export interface SandboxOptions {
  /** Seed of every figure and identifier; default 2026. */
  seed?: number;
  /** Port on 127.0.0.1; default 0 = ephemeral. */
  port?: number;
  /** Decides the current (partial) month; default new Date() at start. Fixed for the sandbox's life. */
  now?: Date;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The port, which also speaks TLS for the public hostnames of hosts.ts. */
  port: number;
  seed: number;
  /** The instant that decides the current month (pass it to monthlyFigures to recompute). */
  now: Date;
  close(): Promise<void>;
  setFault(route: FaultRoute, fault: Fault | null): void;
  /** Requests seen on a route (the control API excluded), or all requests when omitted. */
  requestCount(route?: FaultRoute): number;
  /** The latest requests to the public hostnames (at most 5000), oldest first: what a browser really asked for. */
  publicRequests(): Array<{ host: string; path: string; method: string }>;
}

const MAX_PUBLIC_LOG = 5000;

const GATEWAY_BODY_LIMIT = 1024 * 1024;
const FORM_BODY_LIMIT = 64 * 1024;

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | Buffer): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...headers, 'content-length': buf.length });
  res.end(buf);
}

/** The response with `defaults` set first, so that headers the handler sends win over them. */
function withHeaders(res: ServerResponse, defaults: Record<string, string>): ServerResponse {
  for (const [k, v] of Object.entries(defaults)) res.setHeader(k, v);
  return res;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(value));
}

/** The body as text, or null when it exceeds `limit` (the caller answers 413). */
async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function indexPage(seed: number, now: Date): string {
  const sites = SITE_IDS.map((id) => {
    const p = SITES[id].pages;
    return `<li>${escapeHtml(SITES[id].name)} (${SITES[id].build}): <a href="/sites/${id}/">trang chủ</a>, <a href="/sites/${id}/${p.service}">dịch vụ công</a>, <a href="/sites/${id}/${p.form}">biểu mẫu</a>, <a href="/sites/${id}/${p.statistics}">thống kê</a></li>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Sandbox dvc-monitor</title></head>
<body>
<h1>Sandbox dvc-monitor</h1>
<p>Các cổng mô phỏng dùng cho bản trình diễn và kiểm thử. Hạt giống (seed): ${seed}. Số liệu từ ${DATA_START} đến ${currentMonth(now)} (tháng hiện tại chưa trọn).</p>
<h2>Cổng Dịch vụ công quốc gia – API thống kê</h2>
<p><code>POST ${GATEWAY_PATH}</code>, thân dạng <code>params=&lt;JSON&gt;</code>; dịch vụ: ${GATEWAY_SERVICES.map((s) => `<code>${s}</code>`).join(', ')}.</p>
<h2>Cổng dịch vụ công</h2>
<ul>
${sites}
</ul>
<h2>Trạng thái</h2>
<ul><li><a href="/api/status.json">/api/status.json</a></li><li><a href="/api/v2/summary.json">/api/v2/summary.json</a></li></ul>
<h2>Hệ thống giải quyết TTHC Đà Nẵng (kiểu iGate, cần mã truy cập OAuth2)</h2>
<p><code>POST ${IGATE_TOKEN_PATH}</code>; <code>GET /igate/pa/dossier-statistic/by-agency</code>, <code>GET /igate/pa/kgg-digitize/digitization-by-agency</code> (<code>fromDate</code>, <code>toDate</code>, <code>page</code>, <code>size</code>).</p>
<h2>Dữ liệu mở</h2>
<ul><li><code>/open-data/ho-so-luy-ke-YYYY-MM.csv</code> (lũy kế, UTF-8 BOM, dấu ;)</li><li><code>/open-data/ho-so-YYYY.xlsx</code></li></ul>
<h2>Điều khiển</h2>
<ul><li><a href="/__sandbox/faults">/__sandbox/faults</a> (GET, POST <code>{"route": "...", "fault": {...} | null}</code>, DELETE)</li><li><a href="/__sandbox/requests">/__sandbox/requests</a></li><li><a href="/__sandbox/info">/__sandbox/info</a></li></ul>
</body>
</html>
`;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? DEFAULT_SEED;
  const now = new Date((options.now ?? new Date()).getTime());
  const startedAt = Date.now();
  // Sandbox time flows from `now`, so updated_at fields agree with the data's month.
  const clock = () => new Date(now.getTime() + (Date.now() - startedAt));
  const board = new FaultBoard();
  const counts = new Map<string, number>();
  let total = 0;
  const sockets = new Set<Socket>();
  const shutdown = new AbortController();
  let baseUrl = '';

  const count = (route: string) => counts.set(route, (counts.get(route) ?? 0) + 1);
  const publicLog: Array<{ host: string; path: string; method: string }> = [];
  const logPublic = (host: string, req: IncomingMessage) => {
    publicLog.push({ host, path: req.url ?? '/', method: req.method ?? 'GET' });
    if (publicLog.length > MAX_PUBLIC_LOG) publicLog.shift();
  };
  const igateTwin = new IgateTwin({ seed, now });

  type Mangle = 'truncated' | 'redesigned' | 'endless_script' | null;
  /**
   * Applies the active fault, if any. proceed=false: the request has been answered (or dropped);
   * corrupt: answer with bad values; mangle: cut or re-lay the normal answer before sending it.
   */
  async function applyFault(routes: FaultRoute[], kind: BodyKind, req: IncomingMessage, res: ServerResponse): Promise<{ proceed: boolean; corrupt: boolean; mangle: Mangle }> {
    const fault = board.take(routes);
    if (!fault) return { proceed: true, corrupt: false, mangle: null };
    if (fault.mode === 'truncated' || fault.mode === 'redesigned' || fault.mode === 'endless_script') return { proceed: true, corrupt: false, mangle: fault.mode };
    if (fault.mode === 'slow') {
      try {
        await sleep(fault.delayMs, undefined, { signal: shutdown.signal });
      } catch {
        return { proceed: false, corrupt: false, mangle: null }; // sandbox closing
      }
      return { proceed: !res.destroyed, corrupt: false, mangle: null };
    }
    if (fault.mode === 'bad_values') return { proceed: true, corrupt: true, mangle: null };
    await respondWithFault(fault, req, res, kind);
    return { proceed: false, corrupt: false, mangle: null };
  }

  /** The body as the mangling fault leaves it. */
  function mangled(body: string | Buffer, mangle: Mangle, contentType: string | string[] | undefined): string | Buffer {
    if (mangle === 'truncated') return truncate(body);
    if (mangle === 'redesigned' && /text|javascript|json/.test(String(contentType))) return redesign(body.toString());
    if (mangle === 'endless_script' && /text\/html/.test(String(contentType))) return withEndlessScript(body.toString());
    return body;
  }

  async function gateway(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    count('gateway');
    const body = method === 'POST' ? await readBody(req, GATEWAY_BODY_LIMIT) : '';
    const parsed = body === null ? null : parseGatewayBody(body);
    const routes: FaultRoute[] = [];
    if (parsed?.ok && parsed.service !== null) {
      const specific = `gateway:${parsed.service}`;
      count(specific);
      if (isFaultRoute(specific)) routes.push(specific);
    }
    routes.push('gateway');
    const { proceed, corrupt, mangle } = await applyFault(routes, 'json', req, res);
    if (!proceed) return;
    if (method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJson(res, 405, { error: `use POST with a form body params=<JSON>, not ${method}` });
      return;
    }
    if (parsed === null) {
      res.setHeader('connection', 'close');
      sendJson(res, 413, { error: `body larger than ${GATEWAY_BODY_LIMIT} bytes` });
      return;
    }
    if (!parsed.ok) {
      sendJson(res, 400, { error: parsed.error });
      return;
    }
    const answer = answerGateway(parsed.params, { seed, now }, corrupt);
    send(res, answer.status, { 'content-type': 'application/json; charset=utf-8' }, mangled(JSON.stringify(answer.body), mangle, 'json'));
  }

  async function status(req: IncomingMessage, res: ServerResponse, path: string, method: string): Promise<void> {
    count('status');
    const { proceed, mangle } = await applyFault(['status'], 'json', req, res);
    if (!proceed) return;
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { error: 'method not allowed' });
      return;
    }
    const faults = board.list();
    const at = clock();
    const body = JSON.stringify(path === '/api/status.json' ? statusJson(faults, at) : statuspageSummary(faults, now, at, baseUrl));
    send(res, 200, { 'content-type': 'application/json; charset=utf-8' }, mangled(body, mangle, 'json'));
  }

  async function site(req: IncomingMessage, res: ServerResponse, url: URL, id: string, rest: string | undefined, method: string, extra: Partial<SiteContext> = {}): Promise<void> {
    if (!isSiteId(id)) {
      send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, `no sandbox site "${id}"\n`);
      return;
    }
    count(`site:${id}`);
    const { proceed, mangle } = await applyFault([`site:${id}`], 'html', req, res);
    if (!proceed) return;
    if (rest === undefined) {
      send(res, 301, { location: `/sites/${id}/`, 'content-type': 'text/plain; charset=utf-8' }, `/sites/${id}/\n`);
      return;
    }
    const body = method === 'POST' ? await readBody(req, FORM_BODY_LIMIT) : '';
    if (body === null) {
      res.setHeader('connection', 'close');
      send(res, 413, { 'content-type': 'text/plain; charset=utf-8' }, 'Payload Too Large\n');
      return;
    }
    const ctx: SiteContext = { seed, now, baseUrl, ...extra };
    const subpath = rest.replace(/^\//, '').replace(/^index\.html$/, '');
    const answer = handleSite(id, { method, subpath, query: url.searchParams, body }, ctx);
    send(res, answer.status, answer.headers, mangled(answer.body, mangle, answer.headers['content-type']));
  }

  async function igate(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const route: FaultRoute = url.pathname === IGATE_TOKEN_PATH ? 'igate:token' : 'igate';
    count(route);
    const { proceed, mangle } = await applyFault([route], 'json', req, res);
    if (!proceed) return;
    const body = method === 'POST' ? await readBody(req, FORM_BODY_LIMIT) : '';
    const request = { method, path: url.pathname, query: url.searchParams, headers: req.headers, body: body ?? '' };
    const answer = route === 'igate:token' ? igateTwin.token(request) : igateTwin.api(request);
    send(res, answer.status, answer.headers, mangled(answer.body, mangle, answer.headers['content-type']));
  }

  async function openData(req: IncomingMessage, res: ServerResponse, path: string, method: string): Promise<void> {
    count('open-data');
    const { proceed, corrupt, mangle } = await applyFault(['open-data'], 'html', req, res);
    if (!proceed) return;
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, { 'content-type': 'text/plain; charset=utf-8' }, 'Method Not Allowed\n');
      return;
    }
    const answer = await answerOpenData(path, { seed, now }, { badValues: corrupt, redesigned: mangle === 'redesigned' });
    if (!answer) return send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not Found\n');
    send(res, answer.status, answer.headers, mangle === 'truncated' ? truncate(answer.body) : answer.body);
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string, method: string): Promise<void> {
    if (path === '/__sandbox/faults') {
      if (method === 'GET') return sendJson(res, 200, { faults: board.list() });
      if (method === 'DELETE') {
        board.clear();
        return sendJson(res, 200, { ok: true, faults: [] });
      }
      if (method === 'POST') {
        const body = await readBody(req, FORM_BODY_LIMIT);
        let input: unknown;
        try {
          input = JSON.parse(body ?? '');
        } catch {
          return sendJson(res, 400, { error: 'body must be JSON {"route": "...", "fault": {...} | null}' });
        }
        if (typeof input !== 'object' || input === null || !('route' in input) || !('fault' in input)) {
          return sendJson(res, 400, { error: 'body must be JSON {"route": "...", "fault": {...} | null}' });
        }
        try {
          const { route, fault } = parseFault(input.route, input.fault);
          board.set(route, fault);
        } catch (err) {
          return sendJson(res, 400, { error: (err as Error).message });
        }
        return sendJson(res, 200, { ok: true, faults: board.list() });
      }
      res.setHeader('allow', 'GET, POST, DELETE');
      return sendJson(res, 405, { error: 'method not allowed' });
    }
    if (path === '/__sandbox/requests' && method === 'GET') {
      return sendJson(res, 200, { total, routes: Object.fromEntries([...counts.entries()].sort()) });
    }
    if (path === '/__sandbox/info' && method === 'GET') {
      return sendJson(res, 200, { seed, now: now.toISOString(), current_month: currentMonth(now), data_start: DATA_START, sites: SITE_IDS });
    }
    return sendJson(res, 404, { error: `unknown control endpoint ${path}` });
  }

  /** A request to a public hostname (hosts.ts): a portal deployment, the fixtures, or a third party. */
  async function servePublicHost(req: IncomingMessage, res: ServerResponse, url: URL, method: string, target: NonNullable<ReturnType<typeof publicHostOf>>): Promise<void> {
    const secure = Boolean((req.socket as { encrypted?: boolean }).encrypted);
    const { name, host } = target;
    if (host.kind === 'third-party') {
      count(`public:${name}`);
      const behaviour = behaviourThirdParty(name, url.pathname, url.searchParams);
      if (behaviour) return send(res, behaviour.status, behaviour.headers, behaviour.body);
      const answer = handleTracker(url.pathname, { seed, now, baseUrl }) ?? { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found\n' };
      if (host.name === 'cdn' && answer.status === 404 && url.pathname.endsWith('.js')) {
        return send(res, 200, { 'content-type': 'text/javascript; charset=utf-8', 'access-control-allow-origin': '*' }, CDN_SCRIPT);
      }
      return send(res, answer.status, answer.headers, answer.body);
    }
    const deployment: Deployment = host.deployment;
    if (deployment.redirectToHttps && !secure) {
      return send(res, 301, { location: `https://${name}${url.pathname}${url.search}`, 'content-type': 'text/plain; charset=utf-8' }, 'Moved Permanently\n');
    }
    // The deployment's headers on every answer; a page may loosen its own CSP (the fixtures do).
    const deploymentHeaders: Record<string, string> = { ...deployment.headers, ...(secure && deployment.hsts ? { 'strict-transport-security': deployment.hsts } : {}) };
    const wrapped = withHeaders(res, deploymentHeaders);
    if (host.kind === 'sample-portal') {
      count(`public:${name}`);
      const answer = handleSamplePortal(method, url.pathname, url.searchParams);
      return send(wrapped, answer.status, answer.headers, method === 'HEAD' ? '' : answer.body);
    }
    if (host.kind === 'fixtures') {
      count(`public:${name}`);
      const answer = handleFixture(url.pathname, url.searchParams, name, req.headers);
      if (typeof answer === 'function') {
        for (const [k, v] of Object.entries(deploymentHeaders)) res.setHeader(k, v);
        return answer(res, shutdown.signal);
      }
      return send(wrapped, answer.status, answer.headers, answer.body);
    }
    const siteMatch = /^\/sites\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (url.pathname === '/') return send(wrapped, 302, { location: `/sites/${host.site}/`, 'content-type': 'text/plain; charset=utf-8' }, `/sites/${host.site}/\n`);
    if (!siteMatch || siteMatch[1] !== host.site) return send(wrapped, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not Found\n');
    // Absolute links the sites write (danang's form action) name the host over plain http, as such builds do.
    return site(req, wrapped, url, host.site satisfies SiteId, siteMatch[2], method, { baseUrl: `http://${name}`, trackerOrigin: 'https://www.google-analytics.com' });
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith('/__sandbox/')) return control(req, res, path, method);
    total += 1;
    const publicHost = publicHostOf(req.headers.host);
    if (publicHost) logPublic(publicHost.name, req);
    if (publicHost) return servePublicHost(req, res, url, method, publicHost);
    if (path === GATEWAY_PATH) return gateway(req, res, method);
    if (path === '/api/status.json' || path === '/api/v2/summary.json') return status(req, res, path, method);
    if (path.startsWith('/igate/')) return igate(req, res, url, method);
    if (path.startsWith('/open-data/')) return openData(req, res, path, method);
    const siteMatch = /^\/sites\/([^/]+)(\/.*)?$/.exec(path);
    if (siteMatch) return site(req, res, url, siteMatch[1] ?? '', siteMatch[2], method);
    const tracker = handleTracker(path, { seed, now, baseUrl });
    if (tracker) return send(res, tracker.status, tracker.headers, tracker.body);
    if (path === '/' && (method === 'GET' || method === 'HEAD')) {
      return send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, indexPage(seed, now));
    }
    send(res, 404, { 'content-type': 'text/plain; charset=utf-8' }, 'Not Found\n');
  }

  const server = http.createServer((req, res) => {
    dispatch(req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: `sandbox error: ${(err as Error).message}` });
    });
  });
  // The same handler over TLS, for the public hostnames (hosts.ts), on the same port.
  const tlsServer = https.createServer({ key: TLS_KEY, cert: TLS_CERT }, server.listeners('request')[0] as http.RequestListener);
  // WebSockets: only the evidence page's endpoint, on a fixtures host.
  const upgrade = (req: IncomingMessage, socket: Duplex) => {
    const publicHost = publicHostOf(req.headers.host);
    if (publicHost) logPublic(publicHost.name, req);
    if (publicHost?.host.kind !== 'fixtures' || !acceptWebSocket(req, socket)) socket.destroy();
  };
  server.on('upgrade', upgrade);
  tlsServer.on('upgrade', upgrade);
  // One port for both (src/server/tls-front.ts).
  const front = tlsOrPlainFront(tlsServer, server, sockets);

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port ?? 0, '127.0.0.1', () => {
      front.off('error', reject);
      resolve();
    });
  });
  const port = (front.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: baseUrl,
    port,
    seed,
    now,
    setFault: (route, fault) => board.set(route, fault),
    publicRequests: () => [...publicLog],
    requestCount: (route) => (route === undefined ? total : (counts.get(route) ?? 0)),
    close() {
      closing ??= new Promise<void>((resolve) => {
        shutdown.abort(); // wakes slow faults
        front.close(() => resolve());
        // Keep-alive and in-flight sockets would hold close() open: end them now.
        server.closeAllConnections();
        tlsServer.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
