// The alerts: states and severities in words, a subject that names the portal or agency, the
// facts as labelled values, filters by rule, portal and state (a GET form: works without script),
// and acknowledging from the page: a POST form that carries the operator's token (never a cookie,
// so another site cannot make the browser send it) to an address that also checks the request
// came from this dashboard (Origin, Sec-Fetch-Site). See server.ts for the checks.
import { getAlert, listAlerts, type AlertRecord } from '../../../storage/alerts.ts';
import { describeAlert } from '../../alerts/messages.ts';
import { ALL_RULES } from '../../alerts/evaluate.ts';
import { ALERT_SEVERITY_NAME, ALERT_STATUS_NAME, readableFacts, readableSubject } from '../../alerts/readable.ts';
import { t, type Lang } from '../../i18n.ts';
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
  return html`${ALERT_STATUS_NAME[a.status]?.[lang] ?? a.status}${a.acknowledgedAt ? html`<br><span class="muted">${t(lang, 'đã xác nhận', 'acknowledged')} ${localTime(a.acknowledgedAt, lang)}</span>` : null}`;
}

const severity = (a: AlertRecord, lang: Lang) => html`<span class="${a.severity === 'critical' ? 'bad' : a.severity === 'warning' ? 'warn' : ''}">${ALERT_SEVERITY_NAME[a.severity]?.[lang] ?? a.severity}</span>`;

function alertRow(ctx: PageContext, data: DashboardData, a: AlertRecord): Safe {
  const { lang } = ctx;
  return html`<tr><td><a href="${href(ctx, `/alerts/${a.id}`)}">#${a.id}<span class="visually-hidden">: ${ruleTitle(a.rule, lang)}</span></a></td><td>${severity(a, lang)}</td><td>${statusText(a, lang)}</td>
<td>${ruleTitle(a.rule, lang)}<br><strong>${subjectOf(data, a, lang)}</strong></td><td>${describeAlert(a.rule, a.facts, lang)}</td><td>${localTime(a.lastFiredAt, lang)}</td></tr>`;
}

const alertHead = (lang: Lang) => html`<thead><tr><th scope="col">#</th><th scope="col">${t(lang, 'Mức độ', 'Severity')}</th><th scope="col">${t(lang, 'Trạng thái', 'State')}</th><th scope="col">${t(lang, 'Cảnh báo', 'Alert')}</th><th scope="col">${t(lang, 'Nội dung', 'Message')}</th><th scope="col">${t(lang, 'Lần cuối', 'Last fired')} (${VN_TIME(lang)})</th></tr></thead>`;

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
  const form = html`<form class="toolbar" method="get" action="/alerts" aria-label="${t(lang, 'Lọc cảnh báo', 'Filter the alerts')}">${keptFields(ctx)}
<label>${t(lang, 'Quy tắc', 'Rule')}<select name="rule">${option('', t(lang, 'Tất cả', 'All'), rule)}${rules.map((r) => option(r, ruleTitle(r, lang), rule))}</select></label>
<label>${t(lang, 'Cổng', 'Portal')}<select name="portal">${option('', t(lang, 'Tất cả', 'All'), portal)}${portals.map((p) => option(p, names.get(p) ?? p, portal))}</select></label>
<label>${t(lang, 'Trạng thái', 'State')}<select name="state">${option('', t(lang, 'Tất cả', 'All'), state)}${option('active', t(lang, 'Chưa khắc phục', 'Not resolved'), state)}${option('unacknowledged', t(lang, 'Đang mở, chưa xác nhận', 'Open, not acknowledged'), state)}${(['pending', 'open', 'resolved'] as const).map((s) => option(s, ALERT_STATUS_NAME[s]![lang], state))}</select></label>
<button type="submit">${t(lang, 'Lọc', 'Filter')}</button></form>`;
  const body = html`${form}<div id="danh-sach-canh-bao" data-live="1">${all.length === 0 ? html`<p class="ok">${t(lang, 'Chưa có cảnh báo nào.', 'No alerts yet.')}</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="canh-bao-caption" tabindex="0"><table class="alerts"><caption id="canh-bao-caption">${t(lang, `Cảnh báo (${shown.length}/${all.length}), mới nhất trước`, `Alerts (${shown.length}/${all.length}), newest first`)}</caption>${alertHead(lang)}<tbody>${shown.map((a) => alertRow(ctx, data, a))}</tbody></table></div>`}</div>`;
  return dashboardPage(ctx, { section: 'alerts', live: true, title: t(lang, 'Cảnh báo', 'Alerts'), body });
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
  const notice = outcome ?? (acknowledged === '1' ? { kind: 'done' as const, message: t(lang, 'Đã xác nhận cảnh báo: không gửi nhắc lại nữa.', 'Alert acknowledged: no more reminders.') } : null);
  const canAck = a.status !== 'resolved' && a.acknowledgedAt === null;
  const ackSection = !canAck ? html`<p class="muted">${a.status === 'resolved' ? t(lang, 'Cảnh báo đã khắc phục: không cần xác nhận.', 'The alert is resolved: nothing to acknowledge.') : t(lang, 'Cảnh báo đã được xác nhận.', 'The alert has been acknowledged.')}</p>`
    : !ctx.canAcknowledge ? html`<p class="muted">${t(lang, 'Bảng điều khiển này chạy không có mã truy cập (biến môi trường DVC_MONITOR_TOKEN) nên chỉ xem được, không xác nhận được.', 'This dashboard runs without a token (the DVC_MONITOR_TOKEN environment variable): read-only, alerts cannot be acknowledged here.')}</p>`
      : html`<form class="ack" method="post" action="${href(ctx, `/alerts/${a.id}/ack`)}">
<input type="text" name="username" value="dvc-monitor" autocomplete="username" hidden>
<label>${t(lang, 'Mã truy cập của người vận hành', 'Operator token')}<input type="password" name="token" required autocomplete="current-password"></label>
<button type="submit" class="primary">${t(lang, 'Xác nhận cảnh báo', 'Acknowledge the alert')}</button></form>
<p class="muted">${t(lang, 'Xác nhận dừng việc nhắc lại; cảnh báo vẫn mở cho tới khi tình trạng được khắc phục.', 'Acknowledging stops the reminders; the alert stays open until the condition is gone.')}</p>`;
  const body = html`${notice ? html`<p class="notice ${notice.kind === 'error' ? 'error' : 'success'}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${notice.message}</p>` : null}
<p><strong>${subjectOf(data, a, lang)}</strong></p>
<div id="canh-bao" data-live="1"><dl class="facts">
<dt>${t(lang, 'Quy tắc', 'Rule')}</dt><dd>${ruleTitle(a.rule, lang)} <span class="muted">${a.rule}</span></dd>
<dt>${t(lang, 'Mức độ', 'Severity')}</dt><dd>${severity(a, lang)}</dd>
<dt>${t(lang, 'Trạng thái', 'State')}</dt><dd>${statusText(a, lang)}</dd>
<dt>${t(lang, 'Nội dung', 'Message')}</dt><dd>${describeAlert(a.rule, a.facts, lang)}</dd>
<dt>${t(lang, 'Lần đầu', 'First fired')}</dt><dd>${localTime(a.firstFiredAt, lang)}</dd>
<dt>${t(lang, 'Mở lúc', 'Opened')}</dt><dd>${localTime(a.openedAt, lang)}</dd>
<dt>${t(lang, 'Lần cuối', 'Last fired')}</dt><dd>${localTime(a.lastFiredAt, lang)}</dd>
<dt>${t(lang, 'Khắc phục lúc', 'Resolved')}</dt><dd>${localTime(a.resolvedAt, lang)}</dd>
${a.silencedReason ? html`<dt>${t(lang, 'Tạm không gửi', 'Held back')}</dt><dd>${a.silencedReason}</dd>` : null}
</dl></div>
<h2 id="du-kien">${t(lang, 'Dữ kiện', 'Facts')}</h2>
<dl class="facts">${readableFacts(a.facts, lang).map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl>
${a.portalId ? html`<p><a href="${href(ctx, `/portal/${encodeURIComponent(a.portalId)}`)}">${t(lang, 'Xem cổng', 'See the portal')}</a></p>` : a.agencyCode ? html`<p><a href="${href(ctx, `/agency/${encodeURIComponent(a.agencyCode)}`)}">${t(lang, 'Xem cơ quan', 'See the agency')}</a></p>` : null}
<h2 id="xac-nhan">${t(lang, 'Xác nhận', 'Acknowledge')}</h2>${ackSection}`;
  return dashboardPage(ctx, { section: 'alerts', live: true, title: t(lang, `Cảnh báo #${a.id}: ${ruleTitle(a.rule, lang)}`, `Alert #${a.id}: ${ruleTitle(a.rule, lang)}`), body });
}
