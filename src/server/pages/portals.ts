// The portal list (every portal's state in colour and words, 24-hour and 30-day availability,
// p95, open incidents, certificates) and one portal's page: its endpoints now, the heartbeat
// bar, response-time and availability charts over 24 h / 7 d / 30 d / 1 y, the last probe's
// phase timings, incidents in local time with their duration, maintenance windows with the
// NĐ 224/2026 notice verdict, certificates, and the latest complete privacy and accessibility
// scorecard with every finding expandable to its evidence.
import { hourlyRollups, listEndpoints, maintenanceBetween, recentBeats, type MaintenanceRow } from '../../../storage/uptime.ts';
import { chartFigure, type ChartSpec } from '../../charts/index.ts';
import { formatDate, formatDuration, formatInstant, reasonLabel } from '../../cli/render-uptime.ts';
import { foldText, formatCount, formatPercent, formatShortMonth, t, type Lang } from '../../i18n.ts';
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
const RANGE_NAME: Record<Range, { vi: string; en: string }> = {
  '24h': { vi: '24 giờ', en: '24 hours' }, '7d': { vi: '7 ngày', en: '7 days' }, '30d': { vi: '30 ngày', en: '30 days' }, '1y': { vi: '1 năm', en: '1 year' },
};
const BEATS = 60;

const pct = (v: number | null, lang: Lang) => (v === null ? '—' : formatPercent(v, lang));

/** Days (or "expired N days ago") left on a certificate, in words. */
function certificateText(c: { notAfter: string; issuer: string; daysLeft: number } | null, lang: Lang): Safe {
  if (!c) return html`<span class="muted">—</span>`;
  const left = c.daysLeft >= 0 ? t(lang, `còn ${c.daysLeft} ngày`, `${c.daysLeft} days left`) : t(lang, `đã hết hạn ${-c.daysLeft} ngày`, `expired ${-c.daysLeft} days ago`);
  return html`<span class="${c.daysLeft < 14 ? 'bad' : ''}">${left}</span><br><span class="muted">${formatInstant(c.notAfter, lang)}</span>`;
}

/** Whether a window was announced 7 working days ahead (NĐ 224/2026 Art. 13), in words. */
export function noticeVerdict(m: MaintenanceRow, lang: Lang): Safe {
  const when = m.announcedOn === null ? t(lang, 'không có ngày thông báo', 'no announcement date')
    : t(lang, `thông báo ngày ${formatDate(m.announcedOn)}, trước ${m.workingDaysNotice} ngày làm việc`, `announced on ${formatDate(m.announcedOn)}, ${m.workingDaysNotice} working days ahead`);
  return m.announced
    ? html`${when}: <span class="ok">✔ ${t(lang, 'đúng quy định (ít nhất 7 ngày làm việc)', 'compliant (at least 7 working days)')}</span>`
    : html`${when}: <span class="bad">✘ ${t(lang, 'KHÔNG báo trước đủ 7 ngày làm việc', 'NOT announced 7 working days ahead')}</span>`;
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
<td data-value="${p.state}">${stateBadge(p.state, lang)}${p.endpoints.length > 1 ? html`<br><span class="muted">${p.endpoints.map((e) => `${e.endpoint}: ${e.state === p.state ? '=' : e.state}`).join(', ')}</span>` : null}</td>
<td class="num" data-value="${p.availability24h ?? ''}">${pct(p.availability24h, lang)}</td><td class="num" data-value="${p.availability30d ?? ''}">${pct(p.availability30d, lang)}</td>
<td class="num">${msText(p95 < 0 ? null : p95, lang)}</td>
<td>${open ? html`<span class="bad">${t(lang, 'từ', 'since')} ${localTime(open.startedAt, lang)}</span><br>${reasonLabel(open.cause, lang)}` : html`<span class="muted">${t(lang, 'không', 'none')}</span>`}</td>
<td>${certificateText(cert, lang)}</td></tr>`;
  };
  const body = html`<p>${t(lang, 'Tình trạng hiện tại:', 'Now:')} ${[...counts].map(([s, n], i) => html`${i ? ', ' : ''}${stateBadge(s, lang)} ${formatCount(n, lang)}`)}</p>
<form class="toolbar" method="get" action="/portals" role="search" aria-label="${t(lang, 'Lọc danh sách cổng', 'Filter the portals')}">${keptFields(ctx)}
<label>${t(lang, 'Tìm cổng (gõ không dấu được)', 'Find a portal (diacritics optional)')}<input type="search" name="q" value="${query}" data-filter-for="danh-sach-cong" autocomplete="off"></label>
<label>${t(lang, 'Trạng thái', 'State')}<select name="state"><option value="">${t(lang, 'Tất cả', 'All')}</option>${['down', 'degraded', 'maintenance', 'unknown', 'up'].map((s) => html`<option value="${s}"${s === stateFilter ? new Safe(' selected') : null}>${stateBadgeText(s, lang)}</option>`)}</select></label>
<button type="submit">${t(lang, 'Lọc', 'Filter')}</button></form><p id="ket-qua-loc" class="muted" aria-live="polite"></p>
<div class="table-wrap" role="region" aria-labelledby="danh-sach-cong-caption" tabindex="0" id="vung-danh-sach" data-live="1"><table id="danh-sach-cong" data-filterable="1"><caption id="danh-sach-cong-caption">${t(lang, `Cổng dịch vụ công (${shown.length}/${all.length})`, `Portals (${shown.length}/${all.length})`)}</caption>
<thead><tr><th scope="col">${t(lang, 'Cổng', 'Portal')}</th><th scope="col">${t(lang, 'Trạng thái', 'State')}</th><th scope="col" class="num">${t(lang, 'Sẵn sàng 24 giờ', 'Availability 24 h')}</th><th scope="col" class="num">${t(lang, 'Sẵn sàng 30 ngày', 'Availability 30 d')}</th><th scope="col" class="num">p95 30 ${t(lang, 'ngày', 'd')}</th><th scope="col">${t(lang, 'Sự cố đang diễn ra', 'Ongoing incident')} (${VN_TIME(lang)})</th><th scope="col">${t(lang, 'Chứng thư số TLS', 'TLS certificate')}</th></tr></thead>
<tbody>${shown.map(row)}</tbody></table></div>`;
  return dashboardPage(ctx, { section: 'portals', live: true, title: t(lang, 'Cổng dịch vụ công', 'Portals'), body });
}

const stateBadgeText = (s: string, lang: Lang) => ({ up: t(lang, 'Hoạt động', 'Up'), degraded: t(lang, 'Suy giảm', 'Degraded'), down: t(lang, 'Ngừng hoạt động', 'Down'), maintenance: t(lang, 'Bảo trì', 'Maintenance'), unknown: t(lang, 'Không xác định', 'Unknown') } as Record<string, string>)[s] ?? s;

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
        labels: months.map((m) => formatShortMonth(m, lang)), categoryName: t(lang, 'Tháng', 'Month'),
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
        labels: dates.map((d) => formatDate(d).slice(0, 5)), categoryName: t(lang, 'Ngày', 'Date'),
        byEndpoint: endpoints.map((e) => ({ endpoint: e.key, figures: bucketFigures(dates, rows.filter((r) => r.endpointId === e.id).map((r) => ({ ...r, start: r.date }))) })),
      };
    }
    const hours = range === '24h' ? 24 : 168;
    const last = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    const starts = Array.from({ length: hours }, (_, i) => new Date(last - (hours - 1 - i) * HOUR_MS).toISOString());
    const rows = hourlyRollups(data.db, endpoints.map((e) => e.id), starts[0]!, new Date(last + HOUR_MS).toISOString());
    return {
      labels: starts.map((s) => (range === '24h' ? formatInstant(s, lang).replace(/.*\s(\d\d:\d\d)$|^(\d\d:\d\d).*/, '$1$2') : formatInstant(s, lang))),
      categoryName: t(lang, `Giờ (${VN_TIME(lang)})`, `Hour (${VN_TIME(lang)})`),
      byEndpoint: endpoints.map((e) => ({ endpoint: e.key, figures: bucketFigures(starts, rows.filter((r) => r.endpointId === e.id).map((r) => ({ ...r, start: r.hour }))) })),
    };
  });
}

const finite = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);

function rangeCharts(ctx: PageContext, name: string, series: RangeSeries, range: Range): Safe {
  const { lang } = ctx;
  const rangeName = RANGE_NAME[range][lang];
  const response: ChartSpec = {
    title: t(lang, `Thời gian phản hồi (ms), ${rangeName} — ${name}`, `Response time (ms), ${rangeName} — ${name}`),
    categoryName: series.categoryName, categories: series.labels, unit: 'ms', lang,
    series: series.byEndpoint.flatMap((e) => [
      { name: `${e.endpoint} p50`, values: e.figures.map((f) => finite(f.p50Ms)) },
      { name: `${e.endpoint} p95`, values: e.figures.map((f) => finite(f.p95Ms)) },
    ]),
    note: t(lang, 'p50/p95 là cận trên của ô biểu đồ tần suất, chỉ tính lần đo hoạt động và suy giảm', 'p50/p95 are histogram bucket upper bounds, over UP and DEGRADED probes only'),
  };
  const available: ChartSpec = {
    title: t(lang, `Tỷ lệ sẵn sàng, ${rangeName} — ${name}`, `Availability, ${rangeName} — ${name}`),
    categoryName: series.categoryName, categories: series.labels, unit: 'percent', lang, kind: 'bar',
    series: series.byEndpoint.map((e) => ({ name: e.endpoint, values: e.figures.map((f) => f.availability) })),
    note: t(lang, 'ô trống là khoảng không có lần đo được tính', 'an empty slot had no counted probe'),
  };
  return html`<ul class="ranges" aria-label="${t(lang, 'Khoảng thời gian', 'Time range')}">${RANGES.map((r) => html`<li><a href="${sameWith(ctx, { range: r })}#bieu-do"${r === range ? new Safe(' aria-current="true"') : null}>${RANGE_NAME[r][lang]}</a></li>`)}</ul>
<div class="charts">${chartFigure(response)}${chartFigure(available)}</div>`;
}

function endpointTable(endpoints: EndpointReport[], summaries: PortalSummary | undefined, lang: Lang): Safe {
  const sum = new Map((summaries?.endpoints ?? []).map((e) => [e.endpoint, e]));
  return html`<div class="table-wrap" role="region" aria-labelledby="diem-do-caption" tabindex="0"><table id="diem-do"><caption id="diem-do-caption">${t(lang, 'Các điểm đo', 'Endpoints')}</caption>
<thead><tr><th scope="col">${t(lang, 'Điểm đo', 'Endpoint')}</th><th scope="col">${t(lang, 'Trạng thái', 'State')}</th><th scope="col">${t(lang, 'Từ lúc', 'Since')}</th><th scope="col">${t(lang, 'Lần đo gần nhất', 'Last probe')}</th><th scope="col" class="num">24 ${t(lang, 'giờ', 'h')}</th><th scope="col" class="num">30 ${t(lang, 'ngày', 'd')}</th><th scope="col" class="num">12 ${t(lang, 'tháng', 'months')}</th><th scope="col" class="num">p50 / p95</th><th scope="col">${t(lang, 'Chứng thư số TLS', 'TLS certificate')}</th></tr></thead>
<tbody>${endpoints.map((e) => {
    const s = sum.get(e.endpoint);
    return html`<tr><th scope="row">${e.endpoint}<br><span class="muted">${e.url}</span>${e.configured ? null : html`<br><span class="muted">${t(lang, '(đã bỏ khỏi cấu hình)', '(removed from the configuration)')}</span>`}</th>
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
  return html`<div class="table-wrap" role="region" aria-labelledby="giai-doan-caption" tabindex="0"><table><caption id="giai-doan-caption">${t(lang, 'Lần đo gần nhất, theo giai đoạn', 'The last probe, phase by phase')}</caption>
<thead><tr><th scope="col">${t(lang, 'Điểm đo', 'Endpoint')}</th><th scope="col">${t(lang, 'Lúc', 'At')}</th><th scope="col">${t(lang, 'Kết quả', 'Result')}</th><th scope="col" class="num">DNS</th><th scope="col" class="num">${t(lang, 'Kết nối', 'Connect')}</th><th scope="col" class="num">TLS</th><th scope="col" class="num">${t(lang, 'Byte đầu tiên', 'First byte')}</th><th scope="col" class="num">${t(lang, 'Tổng', 'Total')}</th></tr></thead>
<tbody>${probed.map((e) => {
    const p = e.lastProbe!;
    const failed = (p.assertions ?? []).filter((a) => !a.ok);
    return html`<tr><th scope="row">${e.endpoint}</th><td>${localTime(p.at, lang)}</td><td>${p.statusCode === null ? t(lang, 'không có phản hồi', 'no answer') : `HTTP ${p.statusCode}`}${p.reason ? html`<br>${reasonLabel(p.reason, lang)}` : null}${p.detail ? html`<br><span class="muted">${p.detail}</span>` : null}
${p.redirects?.length ? html`<br>${t(lang, 'Chuyển hướng', 'Redirects')}: ${[...p.redirects.map((r) => `${r.url} (${r.status})`), p.finalUrl ?? '?'].join(' → ')}` : null}
${failed.map((a) => html`<br><span class="bad">${a.soft ? t(lang, 'Điều kiện phụ không đạt', 'Soft condition failed') : t(lang, 'Điều kiện không đạt', 'Condition failed')}: ${a.condition} (${t(lang, 'giá trị thực', 'actual')}: ${a.actual})</span>`)}</td>
<td class="num">${n(p.dnsMs)}</td><td class="num">${n(p.connectMs)}</td><td class="num">${n(p.tlsMs)}</td><td class="num">${n(p.firstByteMs)}</td><td class="num">${n(p.totalMs)}</td></tr>`;
  })}</tbody></table></div>`;
}

function incidentTable(endpoints: EndpointReport[], lang: Lang): Safe {
  const rows = endpoints.flatMap((e) => e.incidents.map((i) => ({ endpoint: e.endpoint, ...i }))).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  if (rows.length === 0) return html`<p class="ok">${t(lang, 'Không có sự cố trong 12 tháng.', 'No incidents in 12 months.')}</p>`;
  return html`<div class="table-wrap" role="region" aria-labelledby="su-co-caption" tabindex="0"><table><caption id="su-co-caption">${t(lang, `Sự cố trong 12 tháng (${rows.length}), mới nhất trước`, `Incidents in 12 months (${rows.length}), newest first`)}</caption>
<thead><tr><th scope="col">${t(lang, 'Điểm đo', 'Endpoint')}</th><th scope="col">${t(lang, 'Bắt đầu', 'Started')} (${VN_TIME(lang)})</th><th scope="col">${t(lang, 'Kết thúc', 'Ended')}</th><th scope="col" class="num">${t(lang, 'Thời lượng', 'Duration')}</th><th scope="col">${t(lang, 'Nguyên nhân', 'Cause')}</th></tr></thead>
<tbody>${rows.slice(0, 100).map((i) => html`<tr><td>${i.endpoint}</td><td>${localTime(i.startedAt, lang)}</td><td>${i.endedAt ? localTime(i.endedAt, lang) : html`<span class="bad">${t(lang, 'đang diễn ra', 'ongoing')}</span>`}${i.endedBy && i.endedBy !== 'recovered' ? html`<br><span class="muted">${reasonLabel(i.endedBy, lang)}</span>` : null}</td><td class="num">${formatDuration(i.durationMs, lang)}</td><td>${reasonLabel(i.cause, lang)}</td></tr>`)}</tbody></table></div>
${rows.length > 100 ? html`<p class="muted">${t(lang, `… và ${rows.length - 100} sự cố trước đó (xem dvc-monitor uptime).`, `… and ${rows.length - 100} earlier incidents (see dvc-monitor uptime).`)}</p>` : null}`;
}

export function maintenanceTable(windows: readonly MaintenanceRow[], lang: Lang, captionId: string): Safe {
  if (windows.length === 0) return html`<p class="muted">${t(lang, 'Không có lịch bảo trì nào được khai báo.', 'No maintenance declared.')}</p>`;
  return html`<div class="table-wrap" role="region" aria-labelledby="${captionId}" tabindex="0"><table><caption id="${captionId}">${t(lang, 'Bảo trì đã khai báo (NĐ 224/2026/NĐ-CP Điều 13: báo trước ít nhất 7 ngày làm việc)', 'Declared maintenance (Decree 224/2026 Art. 13: announced at least 7 working days ahead)')}</caption>
<thead><tr><th scope="col">${t(lang, 'Từ', 'From')} (${VN_TIME(lang)})</th><th scope="col">${t(lang, 'Đến', 'To')}</th><th scope="col">${t(lang, 'Điểm đo', 'Endpoints')}</th><th scope="col">${t(lang, 'Thông báo', 'Notice')}</th><th scope="col">${t(lang, 'Nội dung', 'Note')}</th></tr></thead>
<tbody>${windows.map((m) => html`<tr><td>${localTime(m.startsAt, lang)}</td><td>${localTime(m.endsAt, lang)}</td><td>${m.endpoints.length ? m.endpoints.join(', ') : t(lang, 'tất cả', 'all')}</td><td>${noticeVerdict(m, lang)}</td><td>${m.note}</td></tr>`)}</tbody></table></div>`;
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
  const body = html`<p><a href="${href(ctx, `/agency/${encodeURIComponent(p.agency)}`)}">${agencyName}</a> · <span class="muted">${p.url}</span>${p.public ? html` · ${t(lang, 'có trên trang trạng thái công khai', 'on the public status page')}` : null}</p>
${current.map((w) => html`<p class="banner">${t(lang, 'Đang bảo trì', 'Under maintenance')}: ${localTime(w.startsAt, lang)} – ${localTime(w.endsAt, lang)}${w.note ? ` — ${w.note}` : ''}</p>`)}
${upcoming.map((w) => html`<p class="banner">${t(lang, 'Sắp bảo trì', 'Maintenance ahead')}: ${localTime(w.startsAt, lang)} – ${localTime(w.endsAt, lang)}${w.note ? ` — ${w.note}` : ''}. ${noticeVerdict(w, lang)}</p>`)}
<section id="hien-tai" data-live="1" aria-labelledby="hien-tai-h"><h2 id="hien-tai-h">${t(lang, 'Hiện tại', 'Now')}: ${stateBadge(summary?.state ?? 'unknown', lang)}</h2>
${endpoints.length === 0 ? html`<p class="muted">${t(lang, 'Chưa có lần đo nào (chạy dvc-monitor probe).', 'Not probed yet (run dvc-monitor probe).')}</p>` : endpointTable(endpoints, summary, lang)}
<h3>${t(lang, 'Các lần đo gần nhất', 'Latest probes')}</h3>
${endpoints.filter((e) => e.configured).map((e) => html`<h4>${e.endpoint}</h4>${heartbeat(beats.filter((b) => b.endpointId === idOf.get(e.endpoint)), e.endpoint, lang)}`)}
</section>
<h2 id="bieu-do">${t(lang, 'Thời gian phản hồi và tỷ lệ sẵn sàng', 'Response time and availability')}</h2>
${rangeCharts(ctx, p.name, rangeSeries(data, p.id, range, lang), range)}
${phaseTable(endpoints, lang)}
<h2 id="su-co">${t(lang, 'Sự cố', 'Incidents')}</h2>${incidentTable(endpoints, lang)}
<h2 id="bao-tri">${t(lang, 'Bảo trì', 'Maintenance')}</h2>${maintenanceTable(windows, lang, 'bao-tri-caption')}
<h2 id="tuan-thu">${t(lang, 'Bảo vệ dữ liệu cá nhân và tiếp cận', 'Privacy and accessibility')}</h2>
${scorecardSection(checks.scorecard, lang, checks.screenshot, { expandable: true, evidenceLink: (sha) => `/evidence/${sha}`, headingLevel: 3 })}`;
  return dashboardPage(ctx, { section: 'portals', live: true, title: p.name, body });
}

