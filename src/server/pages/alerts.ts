// The alerts: states and severities in words, a subject that names the portal or agency, the
// facts as labelled values, filters by rule, portal and state (a GET form: works without script),
// and acknowledging from the page: a POST form that carries the operator's token (never a cookie,
// so another site cannot make the browser send it) to an address that also checks the request
// came from this dashboard (Origin, Sec-Fetch-Site). See server.ts for the checks.
import { getAlert, listAlerts, type AlertRecord } from '../../../storage/alerts.ts';
import { describeAlert } from '../../alerts/messages.ts';
import { ALL_RULES } from '../../alerts/evaluate.ts';
import { ALERT_SEVERITY_NAME, ALERT_STATUS_NAME, readableFacts, readableSubject } from '../../alerts/readable.ts';
import type { Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { html, Safe } from '../../report/html.ts';
import type { DashboardData } from '../data.ts';
import { dashboardPage, href, keptFields, localTime, VN_TIME, type PageContext } from './layout.ts';

const ruleTitle = (rule: string, lang: Lang) => ALL_RULES.find((r) => r.id === rule)?.title[lang] ?? rule;

function subjectOf(data: DashboardData, a: AlertRecord, lang: Lang): string {
  const portals = new Map(data.loaded.config.portals.map((p) => [p.id, p.name]));
  const agencies = new Map(data.loaded.agencies.map((x) => [x.code, x.name]));
  return readableSubject(a, { portal: (id) => portals.get(id), agency: (code) => agencies.get(code) }, lang);
}

function statusText(a: AlertRecord, lang: Lang): Safe {
  return html`${ALERT_STATUS_NAME[a.status]?.[lang] ?? a.status}${a.acknowledgedAt ? html`<br><span class="muted">${msg(lang, 'dashboard.alert.acknowledgedAt')} ${localTime(a.acknowledgedAt, lang)}</span>` : null}`;
}

const severity = (a: AlertRecord, lang: Lang) => html`<span class="${a.severity === 'critical' ? 'bad' : a.severity === 'warning' ? 'warn' : ''}">${ALERT_SEVERITY_NAME[a.severity]?.[lang] ?? a.severity}</span>`;

function alertRow(ctx: PageContext, data: DashboardData, a: AlertRecord): Safe {
  const { lang } = ctx;
  return html`<tr><td><a href="${href(ctx, `/alerts/${a.id}`)}">#${a.id}<span class="visually-hidden">: ${ruleTitle(a.rule, lang)}</span></a></td><td>${severity(a, lang)}</td><td>${statusText(a, lang)}</td>
<td>${ruleTitle(a.rule, lang)}<br><strong>${subjectOf(data, a, lang)}</strong></td><td>${describeAlert(a.rule, a.facts, lang)}</td><td>${localTime(a.lastFiredAt, lang)}</td></tr>`;
}

const alertHead = (lang: Lang) => html`<thead><tr><th scope="col">#</th><th scope="col">${msg(lang, 'dashboard.alert.severity')}</th><th scope="col">${msg(lang, 'dashboard.col.state')}</th><th scope="col">${msg(lang, 'dashboard.alerts.col.alert')}</th><th scope="col">${msg(lang, 'dashboard.alert.message')}</th><th scope="col">${msg(lang, 'dashboard.alerts.col.lastFired', { tz: VN_TIME(lang) })}</th></tr></thead>`;

export function alertsPage(data: DashboardData, ctx: PageContext): string {
  const { lang } = ctx;
  const all = listAlerts(data.db, { limit: 1000 });
  const rule = ctx.url.searchParams.get('rule') ?? '';
  const portal = ctx.url.searchParams.get('portal') ?? '';
  const state = ctx.url.searchParams.get('state') ?? '';
  const shown = all.filter((a) => (rule === '' || a.rule === rule) && (portal === '' || a.portalId === portal)
    && (state === '' || (state === 'active' ? a.status !== 'resolved' : state === 'unacknowledged' ? a.status === 'open' && a.acknowledgedAt === null : a.status === state)));
  const option = (value: string, label: string, selected: string) => html`<option value="${value}"${value === selected ? new Safe(' selected') : null}>${label}</option>`;
  const rules = [...new Set(all.map((a) => a.rule))].sort();
  const portals = [...new Set(all.map((a) => a.portalId).filter((p): p is string => p !== null))].sort();
  const names = new Map(data.loaded.config.portals.map((p) => [p.id, p.name]));
  const form = html`<form class="toolbar" method="get" action="/alerts" aria-label="${msg(lang, 'dashboard.alerts.filter.label')}">${keptFields(ctx)}
<label>${msg(lang, 'dashboard.alert.rule')}<select name="rule">${option('', msg(lang, 'dashboard.filter.all'), rule)}${rules.map((r) => option(r, ruleTitle(r, lang), rule))}</select></label>
<label>${msg(lang, 'dashboard.portals.col.portal')}<select name="portal">${option('', msg(lang, 'dashboard.filter.all'), portal)}${portals.map((p) => option(p, names.get(p) ?? p, portal))}</select></label>
<label>${msg(lang, 'dashboard.col.state')}<select name="state">${option('', msg(lang, 'dashboard.filter.all'), state)}${option('active', msg(lang, 'dashboard.alerts.filter.active'), state)}${option('unacknowledged', msg(lang, 'dashboard.alerts.filter.unacknowledged'), state)}${(['pending', 'open', 'resolved'] as const).map((s) => option(s, ALERT_STATUS_NAME[s]![lang], state))}</select></label>
<button type="submit">${msg(lang, 'dashboard.filter.submit')}</button></form>`;
  const body = html`${form}<div id="danh-sach-canh-bao" data-live="1">${all.length === 0 ? html`<p class="ok">${msg(lang, 'dashboard.alerts.none')}</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="canh-bao-caption" tabindex="0"><table class="alerts"><caption id="canh-bao-caption">${msg(lang, 'dashboard.alerts.caption', { shown: shown.length, all: all.length })}</caption>${alertHead(lang)}<tbody>${shown.map((a) => alertRow(ctx, data, a))}</tbody></table></div>`}</div>`;
  return dashboardPage(ctx, { section: 'alerts', live: true, title: msg(lang, 'dashboard.nav.alerts'), body });
}

export interface AckOutcome {
  kind: 'done' | 'already' | 'error';
  message: string;
}

export function alertPage(data: DashboardData, ctx: PageContext, id: number, outcome: AckOutcome | null = null): string | null {
  const { lang } = ctx;
  const a = getAlert(data.db, id);
  if (!a) return null;
  const acknowledged = ctx.url.searchParams.get('xac-nhan');
  const notice = outcome ?? (acknowledged === '1' ? { kind: 'done' as const, message: msg(lang, 'dashboard.alert.ack.done') } : null);
  const canAck = a.status !== 'resolved' && a.acknowledgedAt === null;
  const ackSection = !canAck ? html`<p class="muted">${a.status === 'resolved' ? msg(lang, 'dashboard.alert.ack.resolved') : msg(lang, 'dashboard.alert.ack.already')}</p>`
    : !ctx.canAcknowledge ? html`<p class="muted">${msg(lang, 'dashboard.alert.ack.noToken')}</p>`
      : html`<form class="ack" method="post" action="${href(ctx, `/alerts/${a.id}/ack`)}">
<input type="text" name="username" value="dvc-monitor" autocomplete="username" hidden>
<label>${msg(lang, 'dashboard.alert.ack.token')}<input type="password" name="token" required autocomplete="current-password"></label>
<button type="submit" class="primary">${msg(lang, 'dashboard.alert.ack.submit')}</button></form>
<p class="muted">${msg(lang, 'dashboard.alert.ack.note')}</p>`;
  const body = html`${notice ? html`<p class="notice ${notice.kind === 'error' ? 'error' : 'success'}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${notice.message}</p>` : null}
<p><strong>${subjectOf(data, a, lang)}</strong></p>
<div id="canh-bao" data-live="1"><dl class="facts">
<dt>${msg(lang, 'dashboard.alert.rule')}</dt><dd>${ruleTitle(a.rule, lang)} <span class="muted">${a.rule}</span></dd>
<dt>${msg(lang, 'dashboard.alert.severity')}</dt><dd>${severity(a, lang)}</dd>
<dt>${msg(lang, 'dashboard.col.state')}</dt><dd>${statusText(a, lang)}</dd>
<dt>${msg(lang, 'dashboard.alert.message')}</dt><dd>${describeAlert(a.rule, a.facts, lang)}</dd>
<dt>${msg(lang, 'dashboard.alert.firstFired')}</dt><dd>${localTime(a.firstFiredAt, lang)}</dd>
<dt>${msg(lang, 'dashboard.alert.openedAt')}</dt><dd>${localTime(a.openedAt, lang)}</dd>
<dt>${msg(lang, 'dashboard.alert.lastFired')}</dt><dd>${localTime(a.lastFiredAt, lang)}</dd>
<dt>${msg(lang, 'dashboard.alert.resolvedAt')}</dt><dd>${localTime(a.resolvedAt, lang)}</dd>
${a.silencedReason ? html`<dt>${msg(lang, 'dashboard.alert.heldBack')}</dt><dd>${a.silencedReason}</dd>` : null}
</dl></div>
<h2 id="du-kien">${msg(lang, 'dashboard.alert.facts')}</h2>
<dl class="facts">${readableFacts(a.facts, lang).map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl>
${a.portalId ? html`<p><a href="${href(ctx, `/portal/${encodeURIComponent(a.portalId)}`)}">${msg(lang, 'dashboard.alert.seePortal')}</a></p>` : a.agencyCode ? html`<p><a href="${href(ctx, `/agency/${encodeURIComponent(a.agencyCode)}`)}">${msg(lang, 'dashboard.alert.seeAgency')}</a></p>` : null}
<h2 id="xac-nhan">${msg(lang, 'dashboard.alert.ack.heading')}</h2>${ackSection}`;
  return dashboardPage(ctx, { section: 'alerts', live: true, title: msg(lang, 'dashboard.alert.title', { id: a.id, rule: ruleTitle(a.rule, lang) }), body });
}
