// The dashboard's HTML pages: national overview, an agency with its series, a portal with its
// uptime, the alerts. Built from the report's pieces, escaped by the same `html`.
import { getAlert, listAlerts, type AlertRecord } from '../../storage/alerts.ts';
import { describeAlert } from '../alerts/messages.ts';
import { formatMonthLabel, t, type Lang } from '../i18n.ts';
import { ALL_KPIS, HEADLINE_KPIS } from '../kpi/definitions.ts';
import type { AgencyFigures } from '../kpi/overview.ts';
import { html, page, type Safe } from '../report/html.ts';
import { portalSection, quarantineLegend, rankingTable, rateCell } from '../report/render.ts';
import { quarantinedOf } from '../cli/render-kpi.ts';
import { describeHeld, type Facts } from '../quality/plausibility.ts';
import { portalChecks } from '../report/model.ts';
import { lineChart } from '../report/svg.ts';
import type { DashboardData } from './data.ts';

function nav(lang: Lang, q: string): Safe {
  return html`<nav><a href="/${q}">${t(lang, 'Toàn quốc', 'Country')}</a><a href="/portals${q}">${t(lang, 'Cổng dịch vụ công', 'Portals')}</a><a href="/alerts${q}">${t(lang, 'Cảnh báo', 'Alerts')}</a><a href="/metrics">/metrics</a></nav>`;
}

const query = (lang: Lang) => (lang === 'en' ? '?lang=en' : '');

function layout(lang: Lang, title: string, body: Safe): string {
  return page({ lang, title: `${title} — dvc-monitor`, body: html`${nav(lang, query(lang))}<h1>${title}</h1>${body}` });
}

function seriesCharts(data: DashboardData, code: string, period: string, lang: Lang): Safe {
  const points = data.seriesOf(code, period);
  const o = data.overview(period, lang);
  const name = [...o.aggregates, ...o.agencies].find((a) => a.agencyCode === code)?.name ?? code;
  const current = points[points.length - 1]?.kpis;
  return html`${HEADLINE_KPIS.map((k) => html`<figure>${lineChart({
    title: k.title[lang],
    labels: points.map((p) => formatMonthLabel(p.period, lang).replace('tháng ', 'T')),
    series: [{ name, values: points.map((p) => p.kpis?.[k.id]?.rate ?? null) }],
    target: current?.[k.id]?.target ?? null,
  })}<figcaption>${k.title[lang]}</figcaption></figure>`)}`;
}

function kpiTable(who: AgencyFigures[], lang: Lang): Safe {
  return html`<table class="kpis"><thead><tr><th>${t(lang, 'Chỉ số', 'KPI')}</th>${who.map((a) => html`<th class="num">${a.name}</th>`)}</tr></thead>
<tbody>${ALL_KPIS.map((k) => html`<tr><td>${k.title[lang]}</td>${who.map((a) => rateCell(a.kpis[k.id], lang))}</tr>`)}</tbody></table>
${quarantineLegend(who.flatMap((a) => Object.values(a.kpis)), lang)}`;
}

/** The values held back in the figures shown, with why: a page with quarantine marks says what they are. */
function quarantineList(rows: AgencyFigures[], lang: Lang): Safe {
  const held = quarantinedOf(rows);
  if (held.length === 0) return html``;
  return html`<h2>${t(lang, 'Số liệu bị cách ly', 'Quarantined values')}</h2><p class="muted">${t(lang, 'Không dùng trong chỉ tiêu, xếp hạng và tổng hợp cho tới khi được xác nhận hoặc giải phóng.', 'Left out of KPIs, ranks and aggregates until confirmed or released.')}</p>
<ul class="quarantine">${held.map((q) => html`<li>${describeHeld(q as typeof q & { facts: Facts }, lang)}</li>`)}</ul>`;
}

export function nationalPage(data: DashboardData, period: string, lang: Lang): string {
  const o = data.overview(period, lang);
  const by = (level: string) => o.agencies.filter((a) => a.level === level).sort((a, b) => (a.kpis[HEADLINE_KPIS[0]!.id]!.rank ?? 1e9) - (b.kpis[HEADLINE_KPIS[0]!.id]!.rank ?? 1e9));
  return layout(lang, t(lang, `Toàn quốc — ${formatMonthLabel(period, lang)}`, `Whole country — ${formatMonthLabel(period, lang)}`), html`
${kpiTable(o.aggregates, lang)}
<h2>${t(lang, 'Xu hướng 12 tháng', 'Trends over 12 months')}</h2>${seriesCharts(data, 'VN', period, lang)}
<h2>${t(lang, 'Các bộ, ngành', 'Ministries')}</h2>${rankingTable(by('ministry'), lang, 'xep-hang-bo')}
<h2>${t(lang, 'Các tỉnh, thành phố', 'Provinces')}</h2>${rankingTable(by('province'), lang, 'xep-hang-tinh')}
${quarantineList([...o.aggregates, ...o.agencies], lang)}
<p class="muted">${t(lang, 'Chi tiết một cơ quan:', 'One agency in detail:')} <a href="/agency/tinh:01${query(lang)}">/agency/tinh:01</a>, <a href="/agency/bo:BCT${query(lang)}">/agency/bo:BCT</a></p>`);
}

export function agencyPage(data: DashboardData, code: string, period: string, lang: Lang): string | null {
  const o = data.overview(period, lang);
  const agency = [...o.aggregates, ...o.agencies].find((a) => a.agencyCode === code);
  if (!agency) return null;
  return layout(lang, `${agency.name} (${agency.agencyCode}) — ${formatMonthLabel(period, lang)}`, html`
${kpiTable([agency], lang)}${quarantineList([agency], lang)}<h2>${t(lang, 'Xu hướng 12 tháng', 'Trends over 12 months')}</h2>${seriesCharts(data, code, period, lang)}`);
}

export function portalsPage(data: DashboardData, lang: Lang): string {
  const portals = data.loaded.config.portals;
  return layout(lang, t(lang, 'Cổng dịch vụ công', 'Portals'), html`<ul class="portals">${portals.map((p) => html`<li><a href="/portal/${encodeURIComponent(p.id)}${query(lang)}">${p.name}</a> <span class="muted">${p.agency}</span></li>`)}</ul>`);
}

export function portalPage(data: DashboardData, portalId: string, period: string, lang: Lang): string | null {
  const p = data.loaded.config.portals.find((x) => x.id === portalId);
  if (!p) return null;
  const endpoints = data.uptimeReport(lang, portalId).endpoints;
  return layout(lang, p.name, portalSection({ portalId: p.id, name: p.name, agencyCode: p.agency, url: p.url, endpoints, ...portalChecks(data.db, p.id) }, period, lang));
}

function alertRow(a: AlertRecord, lang: Lang): Safe {
  return html`<tr><td><a href="/alerts/${a.id}${query(lang)}">#${a.id}</a></td><td>${a.severity}</td><td>${a.status}${a.acknowledgedAt ? t(lang, ' (đã xác nhận)', ' (acknowledged)') : ''}</td><td>${a.subject}</td><td>${describeAlert(a.rule, a.facts, lang)}</td><td>${a.lastFiredAt}</td></tr>`;
}

const alertHead = (lang: Lang) => html`<thead><tr><th>#</th><th>${t(lang, 'Mức độ', 'Severity')}</th><th>${t(lang, 'Trạng thái', 'Status')}</th><th>${t(lang, 'Đối tượng', 'Subject')}</th><th>${t(lang, 'Nội dung', 'Message')}</th><th>${t(lang, 'Lần cuối (UTC)', 'Last fired (UTC)')}</th></tr></thead>`;

export function alertsPage(data: DashboardData, lang: Lang): string {
  const alerts = listAlerts(data.db, { limit: 200 });
  return layout(lang, t(lang, 'Cảnh báo', 'Alerts'), alerts.length === 0
    ? html`<p class="ok">${t(lang, 'Chưa có cảnh báo nào.', 'No alerts yet.')}</p>`
    : html`<table class="alerts">${alertHead(lang)}<tbody>${alerts.map((a) => alertRow(a, lang))}</tbody></table>`);
}

export function alertPage(data: DashboardData, id: number, lang: Lang): string | null {
  const a = getAlert(data.db, id);
  if (!a) return null;
  return layout(lang, t(lang, `Cảnh báo #${a.id}`, `Alert #${a.id}`), html`<table class="alerts">${alertHead(lang)}<tbody>${alertRow(a, lang)}</tbody></table>
<h2>${t(lang, 'Dữ kiện', 'Facts')}</h2><pre>${JSON.stringify(a.facts, null, 2)}</pre>
<p class="muted">${t(lang, 'Xác nhận (cần mã truy cập):', 'Acknowledge (needs the token):')} <code>curl -X POST -H "Authorization: Bearer $DVC_MONITOR_TOKEN" ${`/api/alerts/${a.id}/ack`}</code></p>`);
}
