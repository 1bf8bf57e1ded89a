// The dashboard's HTTP server: pages, the public status page with its feeds and badges, the JSON
// API, /metrics, /healthz and /readyz, live updates (/events). Binds 127.0.0.1 unless told
// otherwise, answers only to its own host names (hosts.ts: no DNS rebinding), and with
// server.tls speaks HTTPS, redirecting plain HTTP on the same port. Only acknowledging an alert
// changes state: POST /api/alerts/:id/ack with the token as a Bearer header, or the page's form
// (POST /alerts/:id/ack) with the token typed in, from this dashboard's own page.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { acknowledgeAlert, getAlert } from '../../storage/alerts.ts';
import type { Db } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';
import type { Logger } from '../log.ts';
import { currentMonth, isMonthPeriod } from '../time/period.ts';
import { ackApi, agencyApi, alertApi, alertsApi, overviewApi, portalsApi, statusApi } from './api.ts';
import { SCRIPT, STYLESHEET } from './assets.ts';
import { isAuthorised, tokenMatches } from './auth.ts';
import { DashboardData } from './data.ts';
import { health, readiness } from './health.ts';
import { allowedHosts, hostAllowed, type HostRule } from './hosts.ts';
import { fromOwnPage, HTML, jsonAnswer, readForm, securityHeaders, send, type Answer } from './http.ts';
import { LiveUpdates } from './live.ts';
import { tlsOrPlainFront } from './tls-front.ts';
import { createMetrics } from './metrics.ts';
import { privacyContent, statementContent } from './pages/about.ts';
import { agencyPage } from './pages/agency.ts';
import { alertPage, alertsPage, type AckOutcome } from './pages/alerts.ts';
import { dashboardPage, href, type PageContext } from './pages/layout.ts';
import { html } from '../report/html.ts';
import { nationalPage } from './pages/national.ts';
import { portalPage, portalsPage } from './pages/portals.ts';
import { stateBadgeSvg, uptimeBadgeSvg } from './status/badge.ts';
import { atomFeed, rssFeed } from './status/feed.ts';
import { publicPortals, statusModel, type StatusModel } from './status/model.ts';
import { publicPage, renderStatusPage, SERVER_STATUS_LINKS } from './status/render.ts';

export interface Dashboard {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface DashboardOptions {
  db: Db;
  loaded: LoadedConfig;
  log: Logger;
  token: string | null;
  host?: string;
  port?: number;
  defaultLang?: Lang;
  now?: () => Date;
  /** PEM certificate and key: HTTPS, with plain HTTP on the same port redirected to it. */
  tls?: { cert: Buffer; key: Buffer } | null;
}

const SVG = 'image/svg+xml; charset=utf-8';

export async function startDashboard(opts: DashboardOptions): Promise<Dashboard> {
  const clock = opts.now ?? (() => new Date());
  const data = new DashboardData(opts.db, opts.loaded, clock);
  const metrics = createMetrics(data);
  const live = new LiveUpdates(data, opts.log);
  const tls = Boolean(opts.tls);
  const headers = securityHeaders(tls);
  const contact = opts.loaded.config.server.contact;
  const defaultLang: Lang = opts.defaultLang ?? 'vi';
  let hosts: HostRule[] = [];

  const answer = (res: ServerResponse, a: Answer) => send(res, headers, a);
  const json = (res: ServerResponse, status: number, body: unknown) => answer(res, jsonAnswer(status, body));
  const page = (res: ServerResponse, body: string, status = 200) => answer(res, { status, type: HTML, body });

  /** The status model, computed once per store change. */
  const status = (): StatusModel => data.uptimeMemo('status', () => {
    const now = clock();
    return statusModel(opts.db, opts.loaded, now, (ids, from, to) => data.closedDays.counts(ids, from, to, now));
  });

  /** The language a request asks for (?lang=vi or ?lang=en), else the dashboard's own. */
  const requestLang = (rawUrl: string | undefined): Lang => {
    try {
      const asked = new URL(rawUrl ?? '/', 'http://dashboard.local').searchParams.get('lang');
      return asked === 'en' || asked === 'vi' ? asked : defaultLang;
    } catch {
      return defaultLang;
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const lang = requestLang(req.url);
    if (!hostAllowed(req.headers.host, hosts)) {
      const asked = (req.headers.host ?? '').slice(0, 200).replace(/[\u0000-\u001f\u007f]/g, '?');
      opts.log.warn({ host: asked, url: String(req.url).slice(0, 200) }, 'request for another host refused (421)');
      return json(res, 421, { error: msg(lang, 'server.error.host', { host: asked }) });
    }
    const url = new URL(req.url ?? '/', 'http://dashboard.local');
    const asked = url.searchParams.get('period');
    const period = asked ?? data.defaultPeriod();
    if (!isMonthPeriod(period)) return json(res, 400, { error: msg(lang, 'server.error.periodNotMonth', { value: period }) });
    const thisMonth = currentMonth(clock());
    if (period > thisMonth) return json(res, 400, { error: msg(lang, 'server.error.periodFuture', { value: period, month: thisMonth }) });
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return json(res, 400, { error: msg(lang, 'server.error.badEncoding') });
    }
    const ctx: PageContext = { lang, period, periodExplicit: asked !== null, url, canAcknowledge: opts.token !== null, now: clock() };
    let m: RegExpMatchArray | null;

    if (req.method === 'POST' && (m = path.match(/^\/api\/alerts\/(\d+)\/ack$/))) {
      if (!isAuthorised(req, opts.token)) {
        return json(res, 401, { error: msg(lang, opts.token === null ? 'server.error.ackNoToken' : 'server.error.ackWrongToken') });
      }
      return json(res, ...apiPair(ackApi(data, Number(m[1]), new Date(), lang)));
    }
    if (req.method === 'POST' && (m = path.match(/^\/alerts\/(\d+)\/ack$/))) return acknowledgeFromPage(req, res, ctx, Number(m[1]));
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: msg(lang, 'server.error.methodNotAllowed', { method: String(req.method) }) });

    // Browsers ask for it on every page; an empty answer keeps their consoles clean.
    if (path === '/favicon.ico') return answer(res, { status: 204, type: 'image/x-icon', body: '' });
    if (path === '/assets/dashboard.css') return answer(res, { status: 200, type: 'text/css; charset=utf-8', body: STYLESHEET });
    if (path === '/assets/dashboard.js') return answer(res, { status: 200, type: 'text/javascript; charset=utf-8', body: SCRIPT });
    if (path === '/healthz') {
      const h = health(opts.db, clock());
      return json(res, h.httpStatus, h.body);
    }
    if (path === '/readyz') return json(res, ...readiness(opts.db));
    if (path === '/events') {
      if (!live.open(res, headers)) json(res, 503, { error: msg(lang, 'server.error.tooManyStreams') });
      return;
    }
    if (path === '/metrics') return answer(res, { status: 200, type: metrics.contentType, body: await metrics.metrics() });

    if (path === '/api/overview') return json(res, ...apiPair(overviewApi(data, period, lang, url.searchParams.get('level'))));
    if ((m = path.match(/^\/api\/agencies\/(.+)$/))) return json(res, ...apiPair(agencyApi(data, m[1]!, period, lang)));
    if (path === '/api/portals') return json(res, ...apiPair(portalsApi(data, lang)));
    if ((m = path.match(/^\/api\/portals\/([^/]+)$/))) return json(res, ...apiPair(portalsApi(data, lang, m[1]!)));
    if (path === '/api/alerts') return json(res, ...apiPair(alertsApi(data, url.searchParams.get('active') === '1')));
    if ((m = path.match(/^\/api\/alerts\/(\d+)$/))) return json(res, ...apiPair(alertApi(data, Number(m[1]), lang)));
    if (path === '/api/status') return json(res, ...apiPair(statusApi(status())));
    if (path.startsWith('/api/')) return json(res, 404, { error: msg(lang, 'server.error.noApi', { path }) });

    // The public status page, its feeds and badges: public portals only.
    if (path === '/status') return page(res, data.uptimeMemo(`status-page|${lang}`, () => renderStatusPage(status(), lang, SERVER_STATUS_LINKS)));
    if (path === '/status/feed.atom' || path === '/status/feed.rss') {
      const base = `${tls ? 'https' : 'http'}://${req.headers.host}/status`;
      return path.endsWith('atom')
        ? answer(res, { status: 200, type: 'application/atom+xml; charset=utf-8', body: atomFeed(status(), lang, base, `${base}/feed.atom`) })
        : answer(res, { status: 200, type: 'application/rss+xml; charset=utf-8', body: rssFeed(status(), lang, base) });
    }
    if (path === '/status/tiep-can' || path === '/status/du-lieu-ca-nhan') return page(res, aboutPage(lang, path.endsWith('tiep-can') ? 'statement' : 'privacy', 'public'));
    if ((m = path.match(/^\/badge\/([^/]+)\/(status|uptime-30d)\.svg$/))) return badge(res, m[1]!, m[2] as 'status' | 'uptime-30d', lang);

    if (path === '/') return page(res, nationalPage(data, ctx));
    if ((m = path.match(/^\/agency\/(.+)$/))) return pageOr404(res, ctx, agencyPage(data, ctx, m[1]!));
    if (path === '/portals') return page(res, portalsPage(data, ctx));
    if ((m = path.match(/^\/portal\/([^/]+)$/))) return pageOr404(res, ctx, portalPage(data, ctx, m[1]!));
    if (path === '/alerts') return page(res, alertsPage(data, ctx));
    if ((m = path.match(/^\/alerts\/(\d+)$/))) return pageOr404(res, ctx, alertPage(data, ctx, Number(m[1])));
    if (path === '/tiep-can' || path === '/du-lieu-ca-nhan') return page(res, aboutPage(lang, path === '/tiep-can' ? 'statement' : 'privacy', 'dashboard', ctx));
    if ((m = path.match(/^\/evidence\/([0-9a-f]{64})$/))) return evidence(res, m[1]!, lang);
    return notFoundPage(res, ctx);
  }

  const apiPair = (a: { status: number; body: unknown }): [number, unknown] => [a.status, a.body];

  function pageOr404(res: ServerResponse, ctx: PageContext, body: string | null): void {
    if (body === null) return notFoundPage(res, ctx);
    page(res, body);
  }

  function notFoundPage(res: ServerResponse, ctx: PageContext): void {
    page(res, dashboardPage(ctx, {
      section: 'national', title: msg(ctx.lang, 'server.notFound.title'),
      body: html`<p>${msg(ctx.lang, 'server.notFound.see')} <a href="${href(ctx, '/')}">${msg(ctx.lang, 'server.notFound.country')}</a> ${msg(ctx.lang, 'server.notFound.or')} <a href="${href(ctx, '/portals')}">${msg(ctx.lang, 'server.notFound.portals')}</a>.</p>`,
    }), 404);
  }

  function aboutPage(lang: Lang, which: 'statement' | 'privacy', frame: 'public' | 'dashboard', ctx?: PageContext): string {
    const title = msg(lang, which === 'statement' ? 'dashboard.about.statement.title' : 'dashboard.about.privacy.title');
    const body = which === 'statement' ? statementContent(lang, contact) : privacyContent(lang, contact);
    if (frame === 'dashboard') return dashboardPage(ctx!, { section: 'about', title, body });
    const path = which === 'statement' ? '/status/tiep-can' : '/status/du-lieu-ca-nhan';
    return publicPage(lang, SERVER_STATUS_LINKS, { title, body, alternate: { vi: path, en: `${path}?lang=en` } });
  }

  function badge(res: ServerResponse, portalId: string, kind: 'status' | 'uptime-30d', lang: Lang): void {
    // Only public portals have badges; another id gets the same 404 as an unknown one.
    if (!publicPortals(opts.loaded).some((p) => p.id === portalId)) return json(res, 404, { error: msg(lang, 'server.error.noPublicPortal', { portal: portalId }) });
    const summary = data.portalSummaries().find((s) => s.portalId === portalId);
    const body = kind === 'status' ? stateBadgeSvg(summary?.state ?? 'unknown', lang) : uptimeBadgeSvg(summary?.availability30d ?? null, lang);
    // Embedded by other sites: readable cross-origin, cached a minute.
    answer(res, { status: 200, type: SVG, body, headers: { 'cross-origin-resource-policy': 'cross-origin', 'cache-control': 'public, max-age=60' } });
  }

  function evidence(res: ServerResponse, sha: string, lang: Lang): void {
    const blob = readBody(opts.db, sha);
    if (!blob) return json(res, 404, { error: msg(lang, 'server.error.noEvidence', { sha }) });
    if (!blob.intact) return json(res, 409, { error: msg(lang, 'server.error.evidenceAltered', { sha }) });
    const body = blob.body;
    // Evidence came from portals: never served as a page (a DOM snapshot is hostile HTML).
    const type = body[0] === 0xff && body[1] === 0xd8 ? 'image/jpeg' : body[0] === 0x7b || body[0] === 0x5b ? JSON_OR_TEXT : 'text/plain; charset=utf-8';
    answer(res, { status: 200, type, body, headers: { 'content-security-policy': `${headers['content-security-policy']}; sandbox`, ...(type.startsWith('text/plain') ? { 'content-disposition': `attachment; filename="${sha}.txt"` } : {}) } });
  }

  async function acknowledgeFromPage(req: IncomingMessage, res: ServerResponse, ctx: PageContext, id: number): Promise<void> {
    const { lang } = ctx;
    const refuse = (status: number, message: string) => {
      const body = alertPage(data, ctx, id, { kind: 'error', message } satisfies AckOutcome);
      return body === null ? notFoundPage(res, ctx) : page(res, body, status);
    };
    if (!fromOwnPage(req)) return refuse(403, msg(lang, 'server.ack.notOwnPage'));
    const form = await readForm(req);
    if (form === null) return refuse(400, msg(lang, 'server.ack.badForm'));
    if (opts.token === null) return refuse(403, msg(lang, 'server.ack.noToken'));
    if (!tokenMatches(form.get('token') ?? '', opts.token)) return refuse(401, msg(lang, 'server.ack.wrongToken'));
    const alert = getAlert(opts.db, id);
    if (!alert) return notFoundPage(res, ctx);
    acknowledgeAlert(opts.db, id, new Date());
    // Post/redirect/get: reloading the page does not send the form again.
    const q = new URLSearchParams(ctx.url.search);
    q.set('xac-nhan', '1');
    res.writeHead(303, { ...headers, location: `/alerts/${id}?${q.toString()}`, 'cache-control': 'no-store' });
    res.end();
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      opts.log.error({ err, url: req.url }, 'dashboard request failed');
      if (!res.headersSent) json(res, 500, { error: msg(requestLang(req.url), 'server.error.internal') });
      else res.end();
    });
  };

  const server = tls ? createHttpsServer({ cert: opts.tls!.cert, key: opts.tls!.key }, handler) as unknown as Server : createHttpServer(handler);
  // With TLS, plain HTTP on the same port gets a redirect to the same address over HTTPS.
  const redirect = createHttpServer((req, res) => {
    const host = hostAllowed(req.headers.host, hosts) ? req.headers.host! : null;
    if (!host) return json(res, 421, { error: msg(requestLang(req.url), 'server.error.unknownHost') });
    res.writeHead(308, { location: `https://${host}${req.url ?? '/'}`, 'cache-control': 'no-store' });
    res.end();
  });
  const sockets = new Set<Socket>();
  const front: NetServer | Server = tls ? tlsOrPlainFront(server, redirect, sockets) : server;

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = front.address() as AddressInfo;
  hosts = allowedHosts({ configured: opts.loaded.config.server.allowedHosts, linkBase: opts.loaded.config.alerts.linkBase, bound: address });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      live.close();
      server.closeAllConnections();
      redirect.closeAllConnections();
      for (const s of sockets) s.destroy();
      front.close(() => resolve());
    }),
  };
}

const JSON_OR_TEXT = 'application/json; charset=utf-8';

