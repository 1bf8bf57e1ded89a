// The national report as one self-contained HTML file: summary, trends, rankings, portals and
// the method appendix. Every value from the store or the configuration is escaped by `html`.
import { formatCount, formatMonthLabel, formatPercent, formatPoints, formatShortMonth, t, type Lang } from '../i18n.ts';
import type { AgencyFigures, KpiFigure } from '../kpi/overview.ts';
import type { QuarantinedValue } from '../kpi/headline.ts';
import { describeBreach, describeHeld, incompleteNote, ruleOf, type Facts } from '../quality/plausibility.ts';
import { HEADLINE_KPIS } from '../kpi/definitions.ts';
import { INDEX_766_GROUPS } from '../kpi/index766.ts';
import { flagKindTitle } from '../quality/flag-kinds.ts';
import type { EndpointReport } from '../uptime/report.ts';
import { formatDuration, LOCATION_OUTCOME_LABEL, reasonLabel, STATE_LABEL } from '../cli/render-uptime.ts';
import { html, page, type Safe } from './html.ts';
import { localTimeMarkup, localTimeText } from './local-time.ts';
import { localDate } from '../time/period.ts';
import type { PortalSection, ReportModel } from './model.ts';
import { scorecardSection } from './scorecard.ts';
import { methodAppendix } from './method.ts';
import { privacyTablesSection } from './privacy-section.ts';
import { chartFigure } from '../charts/index.ts';

const pct = (v: number | null, lang: Lang) => formatPercent(v, lang);
const localMonthOf = (utc: string) => localDate(new Date(utc)).slice(0, 7);

export function rateCell(f: KpiFigure | undefined, lang: Lang): Safe {
  // A quarantined value: the agency has no figure, a block is marked incomplete (never a silently partial sum).
  if (f?.rate === null && f.excluded) return html`<td class="num quarantined" title="${heldText(f, lang)}">${t(lang, 'cách ly', 'quarantined')}</td>`;
  if (!f || f.rate === null) return html`<td class="num muted" title="${f?.missingReason ?? ''}">${pct(null, lang)}</td>`;
  const onTarget = f.target === null ? null : f.rate >= f.target;
  if (f.excluded) return html`<td class="num incomplete" title="${incompleteNote(f.excluded, lang)}">${pct(f.rate, lang)}*</td>`;
  return html`<td class="num ${onTarget === null ? '' : onTarget ? 'ok' : 'bad'}">${pct(f.rate, lang)}</td>`;
}

const heldText = (f: KpiFigure, lang: Lang) => (f.excluded ?? []).map((q) => describeHeld(q as QuarantinedValue & { facts: Facts }, lang)).join('; ');

/** Under a table with quarantine marks: what "*" and "cách ly" mean. */
export function quarantineLegend(figures: ReadonlyArray<KpiFigure | undefined>, lang: Lang): Safe {
  if (!figures.some((f) => f?.excluded)) return html``;
  return html`<p class="muted">${t(lang, '*: chưa đầy đủ, không gồm cơ quan có số liệu bị cách ly; "cách ly": số liệu của cơ quan bị cách ly, không tính (xem phần Chất lượng dữ liệu).', '*: incomplete, without agencies whose values are quarantined; "quarantined": the agency\'s value is quarantined and not counted (see Data quality).')}</p>`;
}

function headlineCards(m: ReportModel): Safe {
  const who = m.agency ?? m.country;
  const { lang } = m;
  return html`<div class="cards">${HEADLINE_KPIS.map((kpi) => {
    const f = who.kpis[kpi.id]!;
    const verdict = f.rate === null || f.target === null ? ''
      : f.rate >= f.target ? t(lang, 'đạt chỉ tiêu', 'on target') : t(lang, 'chưa đạt chỉ tiêu', 'below target');
    return html`<div class="card" data-kpi="${kpi.id}"><div>${kpi.title[lang]}</div><div class="big">${pct(f.rate, lang)}</div>
<div>${t(lang, 'Chỉ tiêu', 'Target')}: ${f.target === null ? '—' : pct(f.target, lang)} ${f.gap === null ? '' : `(${formatPoints(f.gap, lang)})`}</div>
<div class="${f.rate !== null && f.target !== null && f.rate >= f.target ? 'ok' : 'bad'}">${verdict}</div>
<div class="muted">${f.denominator === null ? (f.excluded ? heldText(f, lang) : (f.missingReason ?? '')) : `${formatCount(f.numerator ?? 0, lang)} / ${formatCount(f.denominator, lang)}`}</div>
${f.excluded && f.rate !== null ? html`<div class="incomplete">${incompleteNote(f.excluded, lang)}</div>` : null}</div>`;
  })}</div>`;
}

function trends(m: ReportModel): Safe {
  return html`${m.trends.map((tr) => chartFigure({
    title: tr.kpi.title[m.lang], categoryName: t(m.lang, 'Tháng', 'Month'), unit: 'percent', lang: m.lang,
    categories: tr.points.map((p) => formatShortMonth(p.period, m.lang)),
    series: [{ name: (m.agency ?? m.country).name, values: tr.points.map((p) => p.rate) }],
    target: tr.target === null ? null : { name: t(m.lang, 'Chỉ tiêu', 'Target'), value: tr.target },
    note: t(m.lang, '12 tháng gần nhất; đường nét đứt là chỉ tiêu; chỗ trống là tháng không có số liệu', 'last 12 months; the dashed line is the target; a gap is a month without a figure'),
  }, { tableOpen: true }))}`;
}

export function rankingTable(rows: AgencyFigures[], lang: Lang, id: string): Safe {
  return html`<table id="${id}"><thead><tr><th class="num">#</th><th>${t(lang, 'Cơ quan', 'Agency')}</th>${HEADLINE_KPIS.map((k) => html`<th class="num">${k.short[lang]}</th>`)}<th class="num">${t(lang, 'Chênh lệch so với chỉ tiêu', 'Gap to target')}</th></tr></thead>
<tbody>${rows.map((a) => {
    const main = a.kpis[HEADLINE_KPIS[0]!.id];
    return html`<tr><td class="num">${main?.rank ?? '—'}</td><td>${a.name} <span class="muted">${a.agencyCode}</span></td>${HEADLINE_KPIS.map((k) => rateCell(a.kpis[k.id], lang))}<td class="num">${main?.gap === null || main === undefined ? '—' : formatPoints(main.gap, lang)}</td></tr>`;
  })}</tbody></table>`;
}

export function endpointRows(endpoints: EndpointReport[], period: string, lang: Lang): Safe {
  return html`<table class="uptime"><thead><tr><th>${t(lang, 'Điểm đo', 'Endpoint')}</th><th>${t(lang, 'Trạng thái', 'State')}</th><th class="num">${t(lang, 'Tỷ lệ sẵn sàng trong tháng', 'Availability this month')}</th><th class="num">p95 (ms)</th><th class="num">${t(lang, 'Sự cố trong tháng', 'Incidents this month')}</th></tr></thead>
<tbody>${endpoints.map((e) => {
    const month = e.months.find((x) => x.month === period);
    // Months in Vietnam time: an incident from 23:30 on the last night of a month belongs to that month.
    const incidents = e.incidents.filter((i) => localMonthOf(i.startedAt) <= period && (i.endedAt === null || localMonthOf(i.endedAt) >= period));
    return html`<tr><td>${e.endpoint}<br><span class="muted">${e.url}</span></td><td>${STATE_LABEL[e.state][lang]}</td><td class="num">${pct(month?.availabilityPercent ?? null, lang)}</td><td class="num">${month?.p95Ms ?? '—'}</td><td class="num">${incidents.length}</td></tr>`;
  })}</tbody></table>`;
}

function incidentTable(endpoints: EndpointReport[], lang: Lang): Safe {
  const rows = endpoints.flatMap((e) => e.incidents.map((i) => ({ endpoint: e.endpoint, ...i })));
  if (rows.length === 0) return html`<p class="muted">${t(lang, 'Không có sự cố trong 12 tháng.', 'No incidents in 12 months.')}</p>`;
  return html`<table class="incidents"><thead><tr><th>${t(lang, 'Điểm đo', 'Endpoint')}</th><th>${t(lang, 'Bắt đầu', 'Started')}</th><th>${t(lang, 'Kết thúc', 'Ended')}</th><th class="num">${t(lang, 'Thời lượng', 'Duration')}</th><th>${t(lang, 'Nguyên nhân', 'Cause')}</th></tr></thead>
<tbody>${rows.slice(-50).map((i) => html`<tr><td>${i.endpoint}</td><td>${localTimeMarkup(i.startedAt)}</td><td>${i.endedAt ? localTimeMarkup(i.endedAt) : t(lang, 'chưa kết thúc', 'ongoing')}</td><td class="num">${formatDuration(i.durationMs, lang)}</td><td>${reasonLabel(i.cause, lang)}${i.locations ? ` (${t(lang, 'từ', 'from')} ${i.locations.join(', ')})` : ''}</td></tr>`)}</tbody></table>`;
}

/** Probed from several locations: what each one saw, beside the quorum's verdict above. */
function locationTable(endpoints: EndpointReport[], lang: Lang): Safe {
  const rows = endpoints.flatMap((e) => e.locations.map((v) => ({ endpoint: e.endpoint, partial: e.partialRounds, ...v })));
  if (rows.length === 0) return html``;
  return html`<h4>${t(lang, 'Theo vị trí đo', 'By location')}</h4><table class="locations"><thead><tr><th>${t(lang, 'Điểm đo', 'Endpoint')}</th><th>${t(lang, 'Vị trí', 'Location')}</th><th>${t(lang, 'Lần đo gần nhất', 'Last probe')}</th><th class="num">${t(lang, 'Tỷ lệ truy cập được từ vị trí này', 'Reachable from here')}</th><th class="num">${t(lang, 'Không truy cập được', 'Unreachable')}</th><th class="num">${t(lang, 'Không xác định', 'Unknown')}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.endpoint}</td><td>${r.location}</td><td>${r.last ? `${LOCATION_OUTCOME_LABEL[r.last.outcome]?.[lang] ?? r.last.outcome}${r.last.reason ? ` (${reasonLabel(r.last.reason, lang)})` : ''} ${localTimeText(r.last.roundAt)}` : '—'}</td><td class="num">${pct(r.availabilityPercent, lang)}</td><td class="num">${formatCount(r.counts.failed, lang)}</td><td class="num">${formatCount(r.counts.unknown, lang)}</td></tr>`)}</tbody></table>
<p class="muted">${t(lang, 'Trạng thái và tỷ lệ sẵn sàng ở trên là kết luận theo đa số các vị trí đã trả lời; cổng chỉ không truy cập được từ một số ít vị trí là "truy cập được một phần", không tính là thời gian ngừng.', 'The state and availability above are the verdict of the majority of the locations that answered; a portal unreachable from fewer locations is "partially reachable", never counted as downtime.')}${endpoints.some((e) => e.partialRounds > 0) ? ` ${t(lang, 'Số lần đo truy cập được một phần', 'Partially reachable rounds')}: ${endpoints.map((e) => `${e.endpoint} ${formatCount(e.partialRounds, lang)}`).join(', ')}.` : ''}</p>`;
}

export function portalSection(p: PortalSection, period: string, lang: Lang): Safe {
  const months = p.endpoints[0]?.months.map((x) => x.month) ?? [];
  const chart = months.length === 0 ? html`<p class="muted">${t(lang, 'Chưa có lần đo nào.', 'Not probed yet.')}</p>`
    : chartFigure({
      title: t(lang, `Tỷ lệ sẵn sàng theo tháng — ${p.name}`, `Monthly availability — ${p.name}`),
      categoryName: t(lang, 'Tháng', 'Month'), categories: months.map((x) => formatShortMonth(x, lang)), unit: 'percent', lang, kind: 'bar',
      series: p.endpoints.map((e) => ({ name: e.endpoint, values: months.map((month) => e.months.find((x) => x.month === month)?.availabilityPercent ?? null) })),
    }, { tableOpen: true });
  return html`<section class="portal" id="portal-${p.portalId}"><h3>${p.name}</h3><p class="muted">${p.agencyCode} · ${p.url}</p>
${endpointRows(p.endpoints, period, lang)}${locationTable(p.endpoints, lang)}${chart}
<h4>${t(lang, 'Sự cố', 'Incidents')}</h4>${incidentTable(p.endpoints, lang)}
<h4>${t(lang, 'Bảo vệ dữ liệu cá nhân và tiếp cận', 'Privacy and accessibility')}</h4>${scorecardSection(p.scorecard, lang, p.screenshot)}
<h4>${t(lang, 'Cookie và bên thứ ba', 'Cookies and third parties')}</h4>${privacyTablesSection(p.privacy ?? null, lang)}</section>`;
}

function quarantineSection(m: ReportModel): Safe {
  const { lang } = m;
  if (m.quarantined.length === 0) return html`<p class="ok">${t(lang, 'Không có số liệu nào bị cách ly trong kỳ này.', 'No value is quarantined for this period.')}</p>`;
  return html`<p>${t(lang, 'Các số liệu sau vi phạm quy tắc hợp lý nên bị cách ly: vẫn được lưu làm bằng chứng nhưng không dùng trong chỉ tiêu, xếp hạng, tổng hợp và cảnh báo cho tới khi được xác nhận hoặc giải phóng.', 'These values break a plausibility rule and are quarantined: kept as evidence, left out of KPIs, ranks, aggregates and alerts until confirmed or released.')}</p>
<table class="quarantine"><thead><tr><th>${t(lang, 'Cơ quan', 'Agency')}</th><th>${t(lang, 'Chỉ tiêu', 'Metric')}</th><th class="num">${t(lang, 'Giá trị', 'Value')}</th><th>${t(lang, 'Quy tắc', 'Rule')}</th><th>${t(lang, 'Lý do', 'Reason')}</th><th>${t(lang, 'Nguồn', 'Source')}</th></tr></thead>
<tbody>${m.quarantined.map((q) => html`<tr><td>${q.agencyCode}</td><td>${q.metric}</td><td class="num">${formatCount(q.value, lang)}</td><td>${ruleOf(q.rule)?.title[lang] ?? q.rule}</td><td>${describeBreach(q as typeof q & { facts: Facts }, lang)}</td><td>${q.sourceId ?? ''}</td></tr>`)}</tbody></table>`;
}

/** An agency's own report: each KPI with its rank, target, gap, numerator and denominator, as `kpi --agency` shows them. */
function agencyKpis(a: AgencyFigures, m: ReportModel): Safe {
  const { lang } = m;
  const indexFormat = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 });
  const points = (v: number | null) => (v === null ? '—' : indexFormat.format(v));
  const index = a.index766 ? html`<h3>${t(lang, 'Chỉ số 766 (Quyết định 766/QĐ-TTg)', 'The 766 index (Decision 766/QĐ-TTg)')}</h3>
<table class="index766"><thead><tr><th>${t(lang, 'Nhóm tiêu chí', 'Group')}</th><th class="num">${t(lang, 'Điểm tối đa', 'Max')}</th><th class="num">${t(lang, 'Công bố', 'Published')}</th><th class="num">${t(lang, 'Tính từ số liệu', 'Computed')}</th><th class="num">${t(lang, 'Chênh lệch', 'Difference')}</th></tr></thead>
<tbody>${a.index766.map((r) => html`<tr><td>${r.key === 'total' ? t(lang, 'Tổng điểm', 'Total') : INDEX_766_GROUPS.find((g) => g.key === r.key)?.title[lang] ?? r.key}</td><td class="num">${points(r.max)}</td><td class="num">${points(r.collected)}</td><td class="num">${points(r.computed)}</td><td class="num">${points(r.difference)}</td></tr>`)}</tbody></table>` : null;
  return html`<table class="agency-kpis" data-agency="${a.agencyCode}"><thead><tr><th>${t(lang, 'Chỉ số', 'KPI')}</th><th class="num">${t(lang, 'Giá trị', 'Value')}</th><th class="num">${t(lang, 'Xếp hạng', 'Rank')}</th><th class="num">${t(lang, 'Chỉ tiêu', 'Target')}</th><th class="num">${t(lang, 'Chênh lệch (điểm %)', 'Gap (points)')}</th><th class="num">${t(lang, 'Tử số', 'Numerator')}</th><th class="num">${t(lang, 'Mẫu số', 'Denominator')}</th></tr></thead>
<tbody>${m.method.kpis.map((k) => {
    const f = a.kpis[k.id];
    return html`<tr data-kpi="${k.id}"><td>${k.title[lang]}</td><td class="num">${pct(f?.rate ?? null, lang)}</td><td class="num">${f?.rank ?? '—'}</td><td class="num">${pct(f?.target ?? null, lang)}</td><td class="num">${f?.gap === null || f?.gap === undefined ? '—' : formatPoints(f.gap, lang)}</td><td class="num">${f?.numerator === null || f?.numerator === undefined ? '—' : formatCount(f.numerator, lang)}</td><td class="num">${f?.denominator === null || f?.denominator === undefined ? '—' : formatCount(f.denominator, lang)}</td></tr>`;
  })}</tbody></table>
${a.constituents.length > 1 ? html`<p class="muted">${t(lang, 'Cộng từ số liệu của', 'Summed from the figures of')}: ${a.constituents.join(', ')}</p>` : null}${index}`;
}

function flagsSection(m: ReportModel): Safe {
  const { lang } = m;
  if (m.flags.length === 0) return html`<p class="ok">${t(lang, 'Không có cảnh báo chất lượng dữ liệu nào đang mở cho kỳ này.', 'No open data-quality flags for this period.')}</p>`;
  return html`<table class="flags"><thead><tr><th>${t(lang, 'Loại', 'Kind')}</th><th>${t(lang, 'Cơ quan', 'Agency')}</th><th>${t(lang, 'Chỉ tiêu', 'Metric')}</th><th>${t(lang, 'Chi tiết', 'Detail')}</th></tr></thead>
<tbody>${m.flags.slice(0, 200).map((f) => html`<tr><td>${flagKindTitle(f.kind, lang)}</td><td>${f.agencyCode ?? ''}</td><td>${f.metric ?? ''}</td><td>${f.detail}</td></tr>`)}</tbody></table>
${m.flags.length > 200 ? html`<p class="muted">${t(lang, `… và ${m.flags.length - 200} cảnh báo khác`, `… and ${m.flags.length - 200} more`)}</p>` : null}`;
}

export function renderReport(m: ReportModel): string {
  const { lang } = m;
  const month = formatMonthLabel(m.period, lang);
  const title = m.agency && m.agency.agencyCode !== 'VN'
    ? t(lang, `Báo cáo dịch vụ công trực tuyến ${month} — ${m.agency.name}`, `Online public services report ${month} — ${m.agency.name}`)
    : t(lang, `Báo cáo dịch vụ công trực tuyến toàn quốc ${month}`, `National online public services report ${month}`);
  const national = m.agency === null || m.agency.agencyCode === 'VN';
  const body = html`<h1>${title}</h1>
<nav><a href="#tong-quan">${t(lang, 'Tổng quan', 'Summary')}</a><a href="#xu-huong">${t(lang, 'Xu hướng', 'Trends')}</a>${national ? html`<a href="#xep-hang">${t(lang, 'Xếp hạng', 'Rankings')}</a>` : null}<a href="#cong">${t(lang, 'Cổng dịch vụ công', 'Portals')}</a><a href="#phuong-phap">${t(lang, 'Phương pháp', 'Method')}</a></nav>
<h2 id="tong-quan">${t(lang, 'Tổng quan', 'Summary')}</h2>${headlineCards(m)}
${m.agency && !national ? html`<h3 id="co-quan">${m.agency.name}</h3>${agencyKpis(m.agency, m)}<h3>${t(lang, 'Toàn quốc, để so sánh', 'The country, for comparison')}</h3>` : null}
<table class="aggregates"><thead><tr><th>${t(lang, 'Chỉ số', 'KPI')}</th>${m.aggregates.map((a) => html`<th class="num">${a.name}</th>`)}</tr></thead>
<tbody>${m.method.kpis.map((k) => html`<tr><td>${k.title[lang]}</td>${m.aggregates.map((a) => rateCell(a.kpis[k.id], lang))}</tr>`)}</tbody></table>
${quarantineLegend([...m.aggregates, ...m.ministries, ...m.provinces].flatMap((a) => Object.values(a.kpis)), lang)}
<h2 id="xu-huong">${t(lang, 'Xu hướng 12 tháng', 'Trends over 12 months')}</h2>${trends(m)}
${national ? html`<h2 id="xep-hang">${t(lang, 'Xếp hạng', 'Rankings')}</h2>
<h3>${t(lang, 'Các bộ, ngành', 'Ministries')}</h3>${rankingTable(m.ministries, lang, 'xep-hang-bo')}
<h3>${t(lang, 'Các tỉnh, thành phố', 'Provinces')}</h3>${rankingTable(m.provinces, lang, 'xep-hang-tinh')}` : null}
<h2 id="chat-luong">${t(lang, 'Chất lượng dữ liệu', 'Data quality')}</h2>
<h3>${t(lang, 'Số liệu bị cách ly', 'Quarantined values')}</h3>${quarantineSection(m)}
<h3>${t(lang, 'Cảnh báo chất lượng dữ liệu', 'Data-quality flags')}</h3>${flagsSection(m)}
<h2 id="cong">${t(lang, 'Cổng dịch vụ công: tính sẵn sàng, sự cố, bảo vệ dữ liệu cá nhân và tiếp cận', 'Portals: availability, incidents, privacy and accessibility')}</h2>
${m.portals.length === 0 ? html`<p class="muted">${t(lang, 'Chưa cấu hình cổng nào.', 'No portals configured.')}</p>` : m.portals.map((p) => portalSection(p, m.period, lang))}
${methodAppendix(m)}`;
  return page({ lang, title, body });
}
