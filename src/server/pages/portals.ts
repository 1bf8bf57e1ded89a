// The portal list (every portal's state in colour and words, 24-hour and 30-day availability,
// p95, open incidents, certificates) and one portal's page: its endpoints now, the heartbeat
// bar, response-time and availability charts over 24 h / 7 d / 30 d / 1 y, the last probe's
// phase timings, incidents in local time with their duration, maintenance windows with the
// NĐ 224/2026 notice verdict, certificates, and the latest complete privacy and accessibility
// scorecard with every finding expandable to its evidence.
import { hourlyRollups, listEndpoints, maintenanceBetween, recentBeats, type MaintenanceRow } from '../../../storage/uptime.ts';
import { chartFigure, type ChartSpec } from '../../charts/index.ts';
import { formatDate, formatDuration, formatInstant, reasonLabel, stateLabel } from '../../cli/render-uptime.ts';
import { foldText, formatCount, formatPercent, formatShortMonth, type Lang } from '../../i18n.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import { portalChecks } from '../../report/model.ts';
import { scorecardSection } from '../../report/scorecard.ts';
import { html, Safe } from '../../report/html.ts';
import { addMonths, currentMonth, localDate } from '../../time/period.ts';
import type { EndpointReport } from '../../uptime/report.ts';
import { bucketFigures, type BucketFigures, type PortalSummary } from '../../uptime/summary.ts';
import type { DashboardData } from '../data.ts';
import { dashboardPage, href, keptFields, localTime, sameWith, VN_TIME, type PageContext } from './layout.ts';
import { heartbeat, msText, stateBadge } from './uptime-bits.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const RANGES = ['24h', '7d', '30d', '1y'] as const;
export type Range = (typeof RANGES)[number];
const RANGE_NAME = {
  '24h': 'dashboard.range.24h', '7d': 'dashboard.range.7d', '30d': 'dashboard.range.30d', '1y': 'dashboard.range.1y',
} as const satisfies Record<Range, MessageKey>;
const BEATS = 60;

const pct = (v: number | null, lang: Lang) => (v === null ? '—' : formatPercent(v, lang));

/** Days (or "expired N days ago") left on a certificate, in words. */
function certificateText(c: { notAfter: string; issuer: string; daysLeft: number } | null, lang: Lang): Safe {
  if (!c) return html`<span class="muted">—</span>`;
  const left = c.daysLeft >= 0 ? msg(lang, 'dashboard.cert.daysLeft', { count: c.daysLeft }) : msg(lang, 'dashboard.cert.expired', { count: -c.daysLeft });
  return html`<span class="${c.daysLeft < 14 ? 'bad' : ''}">${left}</span><br><span class="muted">${formatInstant(c.notAfter, lang)}</span>`;
}

/** Whether a window was announced 7 working days ahead (NĐ 224/2026 Art. 13), in words. */
export function noticeVerdict(m: MaintenanceRow, lang: Lang): Safe {
  const when = m.announcedOn === null ? msg(lang, 'dashboard.maintenance.noDate')
    : msg(lang, 'dashboard.maintenance.announced', { date: formatDate(m.announcedOn), count: m.workingDaysNotice ?? 0 });
  return m.announced
    ? html`${when}: <span class="ok">✔ ${msg(lang, 'dashboard.maintenance.compliant')}</span>`
    : html`${when}: <span class="bad">✘ ${msg(lang, 'dashboard.maintenance.notAnnounced')}</span>`;
}

export function portalsPage(data: DashboardData, ctx: PageContext): string {
  const { lang } = ctx;
  const query = (ctx.url.searchParams.get('q') ?? '').slice(0, 100);
  const stateFilter = ctx.url.searchParams.get('state') ?? '';
  const all = data.portalSummaries();
  const folded = foldText(query);
  const shown = all.filter((p) => (folded === '' || foldText(`${p.name} ${p.portalId} ${p.agencyCode}`).includes(folded)) && (stateFilter === '' || p.state === stateFilter));
  const counts = new Map<string, number>();
  for (const p of all) counts.set(p.state, (counts.get(p.state) ?? 0) + 1);
  const row = (p: PortalSummary) => {
    const open = p.endpoints.find((e) => e.openIncident)?.openIncident ?? null;
    const cert = p.endpoints.map((e) => e.certificate).filter((c) => c !== null).sort((a, b) => a.daysLeft - b.daysLeft)[0] ?? null;
    const p95 = Math.max(...p.endpoints.map((e) => e.p95Ms30d ?? -1));
    return html`<tr data-search="${foldText(`${p.name} ${p.portalId} ${p.agencyCode}`)}"><th scope="row"><a href="${href(ctx, `/portal/${encodeURIComponent(p.portalId)}`)}">${p.name}</a><br><span class="muted">${p.portalId} · ${p.agencyCode}</span></th>
<td data-value="${p.state}">${stateBadge(p.state, lang)}${p.endpoints.length > 1 ? html`<br><span class="muted">${p.endpoints.map((e) => `${e.endpoint}: ${e.state === p.state ? '=' : stateLabel(e.state, lang).toLowerCase()}`).join(', ')}</span>` : null}</td>
<td class="num" data-value="${p.availability24h ?? ''}">${pct(p.availability24h, lang)}</td><td class="num" data-value="${p.availability30d ?? ''}">${pct(p.availability30d, lang)}</td>
<td class="num">${msText(p95 < 0 ? null : p95, lang)}</td>
<td>${open ? html`<span class="bad">${msg(lang, 'dashboard.since')} ${localTime(open.startedAt, lang)}</span><br>${reasonLabel(open.cause, lang)}` : html`<span class="muted">${msg(lang, 'dashboard.portals.noIncident')}</span>`}</td>
<td>${certificateText(cert, lang)}</td></tr>`;
  };
  const body = html`<p>${msg(lang, 'dashboard.portals.now')} ${[...counts].map(([s, n], i) => html`${i ? ', ' : ''}${stateBadge(s, lang)} ${formatCount(n, lang)}`)}</p>
<form class="toolbar" method="get" action="/portals" role="search" aria-label="${msg(lang, 'dashboard.portals.filter.label')}">${keptFields(ctx)}
<label>${msg(lang, 'dashboard.portals.filter.search')}<input type="search" name="q" value="${query}" data-filter-for="danh-sach-cong" autocomplete="off"></label>
<label>${msg(lang, 'dashboard.col.state')}<select name="state"><option value="">${msg(lang, 'dashboard.filter.all')}</option>${(['down', 'degraded', 'maintenance', 'unknown', 'up'] as const).map((s) => html`<option value="${s}"${s === stateFilter ? new Safe(' selected') : null}>${stateFilterName(s, lang)}</option>`)}</select></label>
<button type="submit">${msg(lang, 'dashboard.filter.submit')}</button></form><p id="ket-qua-loc" class="muted" aria-live="polite"></p>
<div class="table-wrap" role="region" aria-labelledby="danh-sach-cong-caption" tabindex="0" id="vung-danh-sach" data-live="1"><table id="danh-sach-cong" data-filterable="1"><caption id="danh-sach-cong-caption">${msg(lang, 'dashboard.portals.caption', { shown: shown.length, all: all.length })}</caption>
<thead><tr><th scope="col">${msg(lang, 'dashboard.portals.col.portal')}</th><th scope="col">${msg(lang, 'dashboard.col.state')}</th><th scope="col" class="num">${msg(lang, 'dashboard.portals.col.availability24h')}</th><th scope="col" class="num">${msg(lang, 'dashboard.portals.col.availability30d')}</th><th scope="col" class="num">${msg(lang, 'dashboard.portals.col.p95')}</th><th scope="col">${msg(lang, 'dashboard.portals.col.incident', { tz: VN_TIME(lang) })}</th><th scope="col">${msg(lang, 'dashboard.portals.col.certificate')}</th></tr></thead>
<tbody>${shown.map(row)}</tbody></table></div>`;
  return dashboardPage(ctx, { section: 'portals', live: true, title: msg(lang, 'dashboard.portals.title'), body });
}

const STATE_FILTER_NAME = {
  up: 'dashboard.portals.filter.up', degraded: 'dashboard.portals.filter.degraded', down: 'dashboard.portals.filter.down',
  maintenance: 'dashboard.portals.filter.maintenance', unknown: 'dashboard.portals.filter.unknown',
} as const satisfies Record<string, MessageKey>;
const stateFilterName = (s: keyof typeof STATE_FILTER_NAME, lang: Lang) => msg(lang, STATE_FILTER_NAME[s]);

interface RangeSeries {
  labels: string[];
  categoryName: string;
  byEndpoint: Array<{ endpoint: string; figures: BucketFigures[] }>;
}

/** Availability and percentiles per hour (24 h, 7 d), day (30 d) or month (1 y) of one portal's endpoints. */
function rangeSeries(data: DashboardData, portalId: string, range: Range, lang: Lang): RangeSeries {
  return data.uptimeMemo(`range|${portalId}|${range}|${lang}`, () => {
    const now = data.clock();
    const endpoints = listEndpoints(data.db, { portalId });
    if (range === '1y') {
      const report = data.uptimeReport(lang, portalId);
      const months = Array.from({ length: 12 }, (_, i) => addMonths(currentMonth(now), i - 11));
      return {
        labels: months.map((m) => formatShortMonth(m, lang)), categoryName: msg(lang, 'dashboard.chart.month'),
        byEndpoint: report.endpoints.filter((e) => e.configured).map((e) => ({
          endpoint: e.endpoint,
          figures: months.map((m) => {
            const f = e.months.find((x) => x.month === m);
            return { start: m, availability: f?.availabilityPercent ?? null, p50Ms: f?.p50Ms ?? null, p95Ms: f?.p95Ms ?? null };
          }),
        })),
      };
    }
    if (range === '30d') {
      const dates = Array.from({ length: 30 }, (_, i) => localDate(new Date(now.getTime() - (29 - i) * DAY_MS)));
      const rows = data.closedDays.daily(endpoints.map((e) => e.id), dates[0]!, dates[29]!, now);
      return {
        labels: dates.map((d) => formatDate(d).slice(0, 5)), categoryName: msg(lang, 'dashboard.chart.date'),
        byEndpoint: endpoints.map((e) => ({ endpoint: e.key, figures: bucketFigures(dates, rows.filter((r) => r.endpointId === e.id).map((r) => ({ ...r, start: r.date }))) })),
      };
    }
    const hours = range === '24h' ? 24 : 168;
    const last = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    const starts = Array.from({ length: hours }, (_, i) => new Date(last - (hours - 1 - i) * HOUR_MS).toISOString());
    const rows = hourlyRollups(data.db, endpoints.map((e) => e.id), starts[0]!, new Date(last + HOUR_MS).toISOString());
    return {
      labels: starts.map((s) => (range === '24h' ? formatInstant(s, lang).replace(/.*\s(\d\d:\d\d)$|^(\d\d:\d\d).*/, '$1$2') : formatInstant(s, lang))),
      categoryName: msg(lang, 'dashboard.chart.hour', { tz: VN_TIME(lang) }),
      byEndpoint: endpoints.map((e) => ({ endpoint: e.key, figures: bucketFigures(starts, rows.filter((r) => r.endpointId === e.id).map((r) => ({ ...r, start: r.hour }))) })),
    };
  });
}

const finite = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);

function rangeCharts(ctx: PageContext, name: string, series: RangeSeries, range: Range): Safe {
  const { lang } = ctx;
  const rangeName = msg(lang, RANGE_NAME[range]);
  const response: ChartSpec = {
    title: msg(lang, 'dashboard.chart.responseTitle', { range: rangeName, name }),
    categoryName: series.categoryName, categories: series.labels, unit: 'ms', lang,
    series: series.byEndpoint.flatMap((e) => [
      { name: `${e.endpoint} p50`, values: e.figures.map((f) => finite(f.p50Ms)) },
      { name: `${e.endpoint} p95`, values: e.figures.map((f) => finite(f.p95Ms)) },
    ]),
    note: msg(lang, 'dashboard.chart.responseNote'),
  };
  const available: ChartSpec = {
    title: msg(lang, 'dashboard.chart.availabilityTitle', { range: rangeName, name }),
    categoryName: series.categoryName, categories: series.labels, unit: 'percent', lang, kind: 'bar',
    series: series.byEndpoint.map((e) => ({ name: e.endpoint, values: e.figures.map((f) => f.availability) })),
    note: msg(lang, 'dashboard.chart.availabilityNote'),
  };
  return html`<ul class="ranges" aria-label="${msg(lang, 'dashboard.chart.rangeLabel')}">${RANGES.map((r) => html`<li><a href="${sameWith(ctx, { range: r })}#bieu-do"${r === range ? new Safe(' aria-current="true"') : null}>${msg(lang, RANGE_NAME[r])}</a></li>`)}</ul>
<div class="charts">${chartFigure(response)}${chartFigure(available)}</div>`;
}

function endpointTable(endpoints: EndpointReport[], summaries: PortalSummary | undefined, lang: Lang): Safe {
  const sum = new Map((summaries?.endpoints ?? []).map((e) => [e.endpoint, e]));
  return html`<div class="table-wrap" role="region" aria-labelledby="diem-do-caption" tabindex="0"><table id="diem-do"><caption id="diem-do-caption">${msg(lang, 'dashboard.endpoints.caption')}</caption>
<thead><tr><th scope="col">${msg(lang, 'dashboard.col.endpoint')}</th><th scope="col">${msg(lang, 'dashboard.col.state')}</th><th scope="col">${msg(lang, 'dashboard.endpoints.col.since')}</th><th scope="col">${msg(lang, 'dashboard.endpoints.col.lastProbe')}</th><th scope="col" class="num">${msg(lang, 'dashboard.endpoints.col.24h')}</th><th scope="col" class="num">${msg(lang, 'dashboard.endpoints.col.30d')}</th><th scope="col" class="num">${msg(lang, 'dashboard.endpoints.col.12m')}</th><th scope="col" class="num">p50 / p95</th><th scope="col">${msg(lang, 'dashboard.portals.col.certificate')}</th></tr></thead>
<tbody>${endpoints.map((e) => {
    const s = sum.get(e.endpoint);
    return html`<tr><th scope="row">${e.endpoint}<br><span class="muted">${e.url}</span>${e.configured ? null : html`<br><span class="muted">${msg(lang, 'dashboard.endpoints.removed')}</span>`}</th>
<td>${stateBadge(e.state, lang)}${e.lastProbe?.reason ? html`<br>${reasonLabel(e.lastProbe.reason, lang)}` : null}</td><td>${localTime(e.stateSince, lang)}</td><td>${localTime(e.lastProbeAt, lang)}</td>
<td class="num">${pct(s?.availability24h ?? null, lang)}</td><td class="num">${pct(s?.availability30d ?? null, lang)}</td><td class="num">${pct(e.total.availabilityPercent, lang)}</td>
<td class="num">${msText(e.total.p50Ms, lang)} / ${msText(e.total.p95Ms, lang)}</td><td>${certificateText(e.certificate, lang)}${e.certificate ? html`<br><span class="muted">${e.certificate.issuer}</span>` : null}</td></tr>`;
  })}</tbody></table></div>`;
}

/** What the last probe of each endpoint measured, phase by phase: what an operator reads first when it is down. */
function phaseTable(endpoints: EndpointReport[], lang: Lang): Safe {
  const probed = endpoints.filter((e) => e.lastProbe);
  if (probed.length === 0) return html``;
  const n = (v: number | null) => (v === null ? '—' : `${formatCount(Math.round(v), lang)} ms`);
  return html`<div class="table-wrap" role="region" aria-labelledby="giai-doan-caption" tabindex="0"><table><caption id="giai-doan-caption">${msg(lang, 'dashboard.phases.caption')}</caption>
<thead><tr><th scope="col">${msg(lang, 'dashboard.col.endpoint')}</th><th scope="col">${msg(lang, 'dashboard.phases.col.at')}</th><th scope="col">${msg(lang, 'dashboard.phases.col.result')}</th><th scope="col" class="num">DNS</th><th scope="col" class="num">${msg(lang, 'dashboard.phases.col.connect')}</th><th scope="col" class="num">TLS</th><th scope="col" class="num">${msg(lang, 'dashboard.phases.col.firstByte')}</th><th scope="col" class="num">${msg(lang, 'dashboard.phases.col.total')}</th></tr></thead>
<tbody>${probed.map((e) => {
    const p = e.lastProbe!;
    const failed = (p.assertions ?? []).filter((a) => !a.ok);
    return html`<tr><th scope="row">${e.endpoint}</th><td>${localTime(p.at, lang)}</td><td>${p.statusCode === null ? msg(lang, 'dashboard.phases.noAnswer') : `HTTP ${p.statusCode}`}${p.reason ? html`<br>${reasonLabel(p.reason, lang)}` : null}${p.detail ? html`<br><span class="muted">${p.detail}</span>` : null}
${p.redirects?.length ? html`<br>${msg(lang, 'dashboard.phases.redirects')}: ${[...p.redirects.map((r) => `${r.url} (${r.status})`), p.finalUrl ?? '?'].join(' → ')}` : null}
${failed.map((a) => html`<br><span class="bad">${a.soft ? msg(lang, 'dashboard.phases.softConditionFailed') : msg(lang, 'dashboard.phases.conditionFailed')}: ${a.condition} (${msg(lang, 'dashboard.phases.actual')}: ${a.actual})</span>`)}</td>
<td class="num">${n(p.dnsMs)}</td><td class="num">${n(p.connectMs)}</td><td class="num">${n(p.tlsMs)}</td><td class="num">${n(p.firstByteMs)}</td><td class="num">${n(p.totalMs)}</td></tr>`;
  })}</tbody></table></div>`;
}

function incidentTable(endpoints: EndpointReport[], lang: Lang): Safe {
  const rows = endpoints.flatMap((e) => e.incidents.map((i) => ({ endpoint: e.endpoint, ...i }))).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  if (rows.length === 0) return html`<p class="ok">${msg(lang, 'dashboard.incidents.none')}</p>`;
  return html`<div class="table-wrap" role="region" aria-labelledby="su-co-caption" tabindex="0"><table><caption id="su-co-caption">${msg(lang, 'dashboard.incidents.caption', { total: rows.length })}</caption>
<thead><tr><th scope="col">${msg(lang, 'dashboard.col.endpoint')}</th><th scope="col">${msg(lang, 'dashboard.incidents.col.started', { tz: VN_TIME(lang) })}</th><th scope="col">${msg(lang, 'dashboard.incidents.col.ended')}</th><th scope="col" class="num">${msg(lang, 'dashboard.incidents.col.duration')}</th><th scope="col">${msg(lang, 'dashboard.incidents.col.cause')}</th></tr></thead>
<tbody>${rows.slice(0, 100).map((i) => html`<tr><td>${i.endpoint}</td><td>${localTime(i.startedAt, lang)}</td><td>${i.endedAt ? localTime(i.endedAt, lang) : html`<span class="bad">${msg(lang, 'dashboard.incident.ongoing')}</span>`}${i.endedBy && i.endedBy !== 'recovered' ? html`<br><span class="muted">${reasonLabel(i.endedBy, lang)}</span>` : null}</td><td class="num">${formatDuration(i.durationMs, lang)}</td><td>${reasonLabel(i.cause, lang)}</td></tr>`)}</tbody></table></div>
${rows.length > 100 ? html`<p class="muted">${msg(lang, 'dashboard.incidents.more', { count: rows.length - 100 })}</p>` : null}`;
}

export function maintenanceTable(windows: readonly MaintenanceRow[], lang: Lang, captionId: string): Safe {
  if (windows.length === 0) return html`<p class="muted">${msg(lang, 'dashboard.maintenance.none')}</p>`;
  return html`<div class="table-wrap" role="region" aria-labelledby="${captionId}" tabindex="0"><table><caption id="${captionId}">${msg(lang, 'dashboard.maintenance.caption')}</caption>
<thead><tr><th scope="col">${msg(lang, 'dashboard.maintenance.col.from', { tz: VN_TIME(lang) })}</th><th scope="col">${msg(lang, 'dashboard.maintenance.col.to')}</th><th scope="col">${msg(lang, 'dashboard.maintenance.col.endpoints')}</th><th scope="col">${msg(lang, 'dashboard.maintenance.col.notice')}</th><th scope="col">${msg(lang, 'dashboard.maintenance.col.note')}</th></tr></thead>
<tbody>${windows.map((m) => html`<tr><td>${localTime(m.startsAt, lang)}</td><td>${localTime(m.endsAt, lang)}</td><td>${m.endpoints.length ? m.endpoints.join(', ') : msg(lang, 'dashboard.maintenance.allEndpoints')}</td><td>${noticeVerdict(m, lang)}</td><td>${m.note}</td></tr>`)}</tbody></table></div>`;
}

export function portalPage(data: DashboardData, ctx: PageContext, portalId: string): string | null {
  const { lang } = ctx;
  const p = data.loaded.config.portals.find((x) => x.id === portalId);
  if (!p) return null;
  const rangeParam = ctx.url.searchParams.get('range') as Range | null;
  const range: Range = rangeParam && RANGES.includes(rangeParam) ? rangeParam : '24h';
  const report = data.uptimeReport(lang, portalId);
  const endpoints = report.endpoints;
  const summary = data.portalSummaries().find((s) => s.portalId === portalId);
  const now = data.clock();
  const idOf = new Map(listEndpoints(data.db, { portalId }).map((e) => [e.key, e.id]));
  const beats = data.uptimeMemo(`beats|${portalId}`, () => recentBeats(data.db, [...idOf.values()], BEATS));
  const windows = data.uptimeMemo(`maintenance|${portalId}`, () => maintenanceBetween(data.db, new Date(now.getTime() - 365 * DAY_MS).toISOString(), '9999-12-31T00:00:00.000Z', portalId));
  const current = windows.filter((w) => w.startsAt <= now.toISOString() && w.endsAt > now.toISOString());
  const upcoming = windows.filter((w) => w.startsAt > now.toISOString());
  const agencyName = data.loaded.agencies.find((a) => a.code === p.agency)?.name ?? p.agency;
  const checks = portalChecks(data.db, p.id);

  // Probed from several locations (scale-out), each location's own view belongs after "Hiện tại",
  // beside the verdict it feeds: a section of its own, from storage/uptime.ts like the rest.
  const body = html`<p><a href="${href(ctx, `/agency/${encodeURIComponent(p.agency)}`)}">${agencyName}</a> · <span class="muted">${p.url}</span>${p.public ? html` · ${msg(lang, 'dashboard.portal.public')}` : null}</p>
${current.map((w) => html`<p class="banner">${msg(lang, 'dashboard.portal.underMaintenance')}: ${localTime(w.startsAt, lang)} – ${localTime(w.endsAt, lang)}${w.note ? ` — ${w.note}` : ''}</p>`)}
${upcoming.map((w) => html`<p class="banner">${msg(lang, 'dashboard.portal.maintenanceAhead')}: ${localTime(w.startsAt, lang)} – ${localTime(w.endsAt, lang)}${w.note ? ` — ${w.note}` : ''}. ${noticeVerdict(w, lang)}</p>`)}
<section id="hien-tai" data-live="1" aria-labelledby="hien-tai-h"><h2 id="hien-tai-h">${msg(lang, 'dashboard.portal.now')}: ${stateBadge(summary?.state ?? 'unknown', lang)}</h2>
${endpoints.length === 0 ? html`<p class="muted">${msg(lang, 'dashboard.portal.notProbed')}</p>` : endpointTable(endpoints, summary, lang)}
<h3>${msg(lang, 'dashboard.portal.latestProbes')}</h3>
${endpoints.filter((e) => e.configured).map((e) => html`<h4>${e.endpoint}</h4>${heartbeat(beats.filter((b) => b.endpointId === idOf.get(e.endpoint)), e.endpoint, lang)}`)}
</section>
<h2 id="bieu-do">${msg(lang, 'dashboard.portal.chartsHeading')}</h2>
${rangeCharts(ctx, p.name, rangeSeries(data, p.id, range, lang), range)}
${phaseTable(endpoints, lang)}
<h2 id="su-co">${msg(lang, 'dashboard.portal.incidentsHeading')}</h2>${incidentTable(endpoints, lang)}
<h2 id="bao-tri">${msg(lang, 'dashboard.portal.maintenanceHeading')}</h2>${maintenanceTable(windows, lang, 'bao-tri-caption')}
<h2 id="tuan-thu">${msg(lang, 'dashboard.portal.checksHeading')}</h2>
${scorecardSection(checks.scorecard, lang, checks.screenshot, { expandable: true, evidenceLink: (sha) => `/evidence/${sha}`, headingLevel: 3 })}`;
  return dashboardPage(ctx, { section: 'portals', live: true, title: p.name, body });
}

