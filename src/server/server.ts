// The dashboard's HTTP server: routes pages, the JSON API, /metrics and /healthz. Binds 127.0.0.1 unless
// told otherwise, and answers only to its own host names (hosts.ts: no DNS rebinding). Only
// POST /api/alerts/:id/ack changes state, and it needs the token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../storage/db.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import type { Logger } from '../log.ts';
import { currentMonth, isMonthPeriod } from '../time/period.ts';
import { ackApi, agencyApi, alertApi, alertsApi, overviewApi, portalsApi, type ApiAnswer } from './api.ts';
import { isAuthorised } from './auth.ts';
import { DashboardData } from './data.ts';
import { allowedHosts, hostAllowed, type HostRule } from './hosts.ts';
import { health } from './health.ts';
import { createMetrics } from './metrics.ts';
import { agencyPage, alertPage, alertsPage, nationalPage, portalPage, portalsPage } from './pages.ts';

export interface Dashboard {
  url: string;
  server: Server;
  close(): Promise<void>;
}

// Pages carry no script and load nothing from elsewhere: a stray portal string cannot run.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const json = (res: ServerResponse, a: ApiAnswer) => send(res, a.status, 'application/json; charset=utf-8', JSON.stringify(a.body));
const htmlPage = (res: ServerResponse, body: string | null, lang: Lang) =>
  body === null ? send(res, 404, 'text/html; charset=utf-8', lang === 'vi' ? '<!doctype html><p>Không tìm thấy trang.</p>' : '<!doctype html><p>Not found.</p>')
    : send(res, 200, 'text/html; charset=utf-8', body);

export async function startDashboard(opts: {
  db: Db; loaded: LoadedConfig; log: Logger; token: string | null; host?: string; port?: number; defaultLang?: Lang; now?: () => Date;
}): Promise<Dashboard> {
  const data = new DashboardData(opts.db, opts.loaded, opts.now);
  const metrics = createMetrics(data);

  let hosts: HostRule[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, hosts)) {
      const asked = (req.headers.host ?? '').slice(0, 200).replace(/[\u0000-\u001f\u007f]/g, '?');
      opts.log.warn({ host: asked, url: String(req.url).slice(0, 200) }, 'request for another host refused (421)');
      return json(res, { status: 421, body: { error: `this dashboard does not answer to the host "${asked}". Fix: reach it by a name listed in server.allowedHosts (or the host of alerts.linkBase), or add the name there` } });
    }
    const url = new URL(req.url ?? '/', 'http://dashboard.local');
    const langParam = url.searchParams.get('lang');
    const lang: Lang = langParam === 'en' || langParam === 'vi' ? langParam : (opts.defaultLang ?? 'vi');
    const period = url.searchParams.get('period') ?? data.defaultPeriod();
    if (!isMonthPeriod(period)) return json(res, { status: 400, body: { error: `period "${period}" is not a month. Fix: write period=YYYY-MM, for example period=2026-10` } });
    const thisMonth = currentMonth((opts.now ?? (() => new Date()))());
    if (period > thisMonth) return json(res, { status: 400, body: { error: `period ${period} is in the future (this month is ${thisMonth}). Fix: use ${thisMonth} or earlier` } });
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return json(res, { status: 400, body: { error: 'the address has a malformed percent-encoding (a % not followed by two hexadecimal digits of valid UTF-8). Fix: encode it again' } });
    }
    let m: RegExpMatchArray | null;

    if (req.method === 'POST' && (m = path.match(/^\/api\/alerts\/(\d+)\/ack$/))) {
      if (!isAuthorised(req, opts.token)) {
        return json(res, { status: 401, body: { error: opts.token === null ? 'acknowledging needs a token, and this dashboard was started without one. Fix: set DVC_MONITOR_TOKEN (or the variable named by --token-env) before dvc-monitor serve' : 'missing or wrong token. Fix: send the header "Authorization: Bearer <token>"' } });
      }
      return json(res, ackApi(data, Number(m[1]), new Date()));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, { status: 405, body: { error: `${req.method} is not allowed here: the dashboard is read-only except POST /api/alerts/<id>/ack` } });

    // Browsers ask for it on every page; an empty answer keeps their consoles clean.
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (path === '/healthz') {
      const h = health(opts.db, (opts.now ?? (() => new Date()))());
      return json(res, { status: h.httpStatus, body: h.body });
    }
    if (path === '/metrics') return send(res, 200, metrics.contentType, await metrics.metrics());
    if (path === '/api/overview') return json(res, overviewApi(data, period, lang, url.searchParams.get('level')));
    if ((m = path.match(/^\/api\/agencies\/(.+)$/))) return json(res, agencyApi(data, m[1]!, period, lang));
    if (path === '/api/portals') return json(res, portalsApi(data, lang));
    if ((m = path.match(/^\/api\/portals\/([^/]+)$/))) return json(res, portalsApi(data, lang, m[1]!));
    if (path === '/api/alerts') return json(res, alertsApi(data, url.searchParams.get('active') === '1'));
    if ((m = path.match(/^\/api\/alerts\/(\d+)$/))) return json(res, alertApi(data, Number(m[1])));
    if (path.startsWith('/api/')) return json(res, { status: 404, body: { error: `no API at ${path}` } });

    if (path === '/') return htmlPage(res, nationalPage(data, period, lang), lang);
    if ((m = path.match(/^\/agency\/(.+)$/))) return htmlPage(res, agencyPage(data, m[1]!, period, lang), lang);
    if (path === '/portals') return htmlPage(res, portalsPage(data, lang), lang);
    if ((m = path.match(/^\/portal\/([^/]+)$/))) return htmlPage(res, portalPage(data, m[1]!, url.searchParams.get('period') ?? currentMonth((opts.now ?? (() => new Date()))()), lang), lang);
    if (path === '/alerts') return htmlPage(res, alertsPage(data, lang), lang);
    if ((m = path.match(/^\/alerts\/(\d+)$/))) return htmlPage(res, alertPage(data, Number(m[1]), lang), lang);
    return htmlPage(res, null, lang);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.log.error({ err, url: req.url }, 'dashboard request failed');
      if (!res.headersSent) json(res, { status: 500, body: { error: 'internal error; see the dashboard log' } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  hosts = allowedHosts({ configured: opts.loaded.config.server.allowedHosts, linkBase: opts.loaded.config.alerts.linkBase, bound: address });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
