// The national report as one self-contained HTML file: summary, trends, rankings, portals and
// the method appendix. Every value from the store or the configuration is escaped by `html`.
import { formatCount, formatMonthLabel, formatPercent, formatPoints, formatShortMonth, numberFormat, type Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';
import type { AgencyFigures, KpiFigure } from '../kpi/overview.ts';
import type { QuarantinedValue } from '../kpi/headline.ts';
import { describeBreach, describeHeld, incompleteNote, ruleOf, type Facts } from '../quality/plausibility.ts';
import { HEADLINE_KPIS } from '../kpi/definitions.ts';
import { INDEX_766_GROUPS } from '../kpi/index766.ts';
import { flagKindTitle } from '../quality/flag-kinds.ts';
import type { EndpointReport } from '../uptime/report.ts';
import { formatDuration, locationOutcomeLabel, reasonLabel, stateLabel } from '../cli/render-uptime.ts';
import { html, page, type Safe } from './html.ts';
import { localTimeMarkup, localTimeText } from './local-time.ts';
import { localDate } from '../time/period.ts';
import type { PortalSection, ReportModel } from './model.ts';
import { scorecardSection } from './scorecard.ts';
import { methodAppendix } from './method.ts';
import { privacyTablesSection } from './privacy-section.ts';
import { chartFigure } from '../charts/index.ts';
import { missingReasonText } from '../kpi/missing-reason.ts';
import { flagDetail } from '../quality/flag-detail.ts';

const pct = (v: number | null, lang: Lang) => formatPercent(v, lang);
const localMonthOf = (utc: string) => localDate(new Date(utc)).slice(0, 7);

export function rateCell(f: KpiFigure | undefined, lang: Lang): Safe {
  // A quarantined value: the agency has no figure, a block is marked incomplete (never a silently partial sum).
  if (f?.rate === null && f.excluded) return html`<td class="num quarantined" title="${heldText(f, lang)}">${msg(lang, 'report.quarantine.cell')}</td>`;
  if (!f || f.rate === null) return html`<td class="num muted" title="${f?.missingReason ? missingReasonText(f.missingReason, lang) : ''}">${pct(null, lang)}</td>`;
  const onTarget = f.target === null ? null : f.rate >= f.target;
  if (f.excluded) return html`<td class="num incomplete" title="${incompleteNote(f.excluded, lang)}">${pct(f.rate, lang)}*</td>`;
  return html`<td class="num ${onTarget === null ? '' : onTarget ? 'ok' : 'bad'}">${pct(f.rate, lang)}</td>`;
}

const heldText = (f: KpiFigure, lang: Lang) => (f.excluded ?? []).map((q) => describeHeld(q as QuarantinedValue & { facts: Facts }, lang)).join('; ');

/** Under a table with quarantine marks: what "*" and "cách ly" mean. */
export function quarantineLegend(figures: ReadonlyArray<KpiFigure | undefined>, lang: Lang): Safe {
  if (!figures.some((f) => f?.excluded)) return html``;
  return html`<p class="muted">${msg(lang, 'report.quarantine.legend')}</p>`;
}

function headlineCards(m: ReportModel): Safe {
  const who = m.agency ?? m.country;
  const { lang } = m;
  return html`<div class="cards">${HEADLINE_KPIS.map((kpi) => {
    const f = who.kpis[kpi.id]!;
    const verdict = f.rate === null || f.target === null ? ''
      : f.rate >= f.target ? msg(lang, 'report.headline.onTarget') : msg(lang, 'report.headline.belowTarget');
    return html`<div class="card" data-kpi="${kpi.id}"><div>${kpi.title[lang]}</div><div class="big">${pct(f.rate, lang)}</div>
<div>${msg(lang, 'report.target')}: ${f.target === null ? '—' : pct(f.target, lang)} ${f.gap === null ? '' : `(${formatPoints(f.gap, lang)})`}</div>
<div class="${f.rate !== null && f.target !== null && f.rate >= f.target ? 'ok' : 'bad'}">${verdict}</div>
<div class="muted">${f.denominator === null ? (f.excluded ? heldText(f, lang) : (f.missingReason ? missingReasonText(f.missingReason, lang) : '')) : `${formatCount(f.numerator ?? 0, lang)} / ${formatCount(f.denominator, lang)}`}</div>
${f.excluded && f.rate !== null ? html`<div class="incomplete">${incompleteNote(f.excluded, lang)}</div>` : null}</div>`;
  })}</div>`;
}

function trends(m: ReportModel): Safe {
  return html`${m.trends.map((tr) => chartFigure({
    title: tr.kpi.title[m.lang], categoryName: msg(m.lang, 'report.chart.month'), unit: 'percent', lang: m.lang,
    categories: tr.points.map((p) => formatShortMonth(p.period, m.lang)),
    series: [{ name: (m.agency ?? m.country).name, values: tr.points.map((p) => p.rate) }],
    target: tr.target === null ? null : { name: msg(m.lang, 'report.target'), value: tr.target },
    note: msg(m.lang, 'report.trend.note'),
  }, { tableOpen: true }))}`;
}

export function rankingTable(rows: AgencyFigures[], lang: Lang, id: string): Safe {
  return html`<table id="${id}"><thead><tr><th class="num">#</th><th>${msg(lang, 'report.col.agency')}</th>${HEADLINE_KPIS.map((k) => html`<th class="num">${k.short[lang]}</th>`)}<th class="num">${msg(lang, 'report.col.gapToTarget')}</th></tr></thead>
<tbody>${rows.map((a) => {
    const main = a.kpis[HEADLINE_KPIS[0]!.id];
    return html`<tr><td class="num">${main?.rank ?? '—'}</td><td>${a.name} <span class="muted">${a.agencyCode}</span></td>${HEADLINE_KPIS.map((k) => rateCell(a.kpis[k.id], lang))}<td class="num">${main?.gap === null || main === undefined ? '—' : formatPoints(main.gap, lang)}</td></tr>`;
  })}</tbody></table>`;
}

export function endpointRows(endpoints: EndpointReport[], period: string, lang: Lang): Safe {
  return html`<table class="uptime"><thead><tr><th>${msg(lang, 'report.col.endpoint')}</th><th>${msg(lang, 'report.col.state')}</th><th class="num">${msg(lang, 'report.col.availabilityThisMonth')}</th><th class="num">p95 (ms)</th><th class="num">${msg(lang, 'report.col.incidentsThisMonth')}</th></tr></thead>
<tbody>${endpoints.map((e) => {
    const month = e.months.find((x) => x.month === period);
    // Months in Vietnam time: an incident from 23:30 on the last night of a month belongs to that month.
    const incidents = e.incidents.filter((i) => localMonthOf(i.startedAt) <= period && (i.endedAt === null || localMonthOf(i.endedAt) >= period));
    return html`<tr><td>${e.endpoint}<br><span class="muted">${e.url}</span></td><td>${stateLabel(e.state, lang)}</td><td class="num">${pct(month?.availabilityPercent ?? null, lang)}</td><td class="num">${month?.p95Ms ?? '—'}</td><td class="num">${incidents.length}</td></tr>`;
  })}</tbody></table>`;
}

function incidentTable(endpoints: EndpointReport[], lang: Lang): Safe {
  const rows = endpoints.flatMap((e) => e.incidents.map((i) => ({ endpoint: e.endpoint, ...i })));
  if (rows.length === 0) return html`<p class="muted">${msg(lang, 'report.incidents.none')}</p>`;
  return html`<table class="incidents"><thead><tr><th>${msg(lang, 'report.col.endpoint')}</th><th>${msg(lang, 'report.col.started')}</th><th>${msg(lang, 'report.col.ended')}</th><th class="num">${msg(lang, 'report.col.duration')}</th><th>${msg(lang, 'report.col.cause')}</th></tr></thead>
<tbody>${rows.slice(-50).map((i) => html`<tr><td>${i.endpoint}</td><td>${localTimeMarkup(i.startedAt)}</td><td>${i.endedAt ? localTimeMarkup(i.endedAt) : msg(lang, 'report.incidents.ongoing')}</td><td class="num">${formatDuration(i.durationMs, lang)}</td><td>${reasonLabel(i.cause, lang)}${i.locations ? ` (${msg(lang, 'report.incidents.fromLocations', { locations: i.locations.join(', ') })})` : ''}</td></tr>`)}</tbody></table>`;
}

/** Probed from several locations: what each one saw, beside the quorum's verdict above. */
function locationTable(endpoints: EndpointReport[], lang: Lang): Safe {
  const rows = endpoints.flatMap((e) => e.locations.map((v) => ({ endpoint: e.endpoint, partial: e.partialRounds, ...v })));
  if (rows.length === 0) return html``;
  return html`<h4>${msg(lang, 'report.locations.heading')}</h4><table class="locations"><thead><tr><th>${msg(lang, 'report.col.endpoint')}</th><th>${msg(lang, 'report.col.location')}</th><th>${msg(lang, 'report.col.lastProbe')}</th><th class="num">${msg(lang, 'report.col.reachableFromHere')}</th><th class="num">${msg(lang, 'report.col.unreachable')}</th><th class="num">${msg(lang, 'report.col.unknown')}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.endpoint}</td><td>${r.location}</td><td>${r.last ? `${locationOutcomeLabel(r.last.outcome, lang)}${r.last.reason ? ` (${reasonLabel(r.last.reason, lang)})` : ''} ${localTimeText(r.last.roundAt)}` : '—'}</td><td class="num">${pct(r.availabilityPercent, lang)}</td><td class="num">${formatCount(r.counts.failed, lang)}</td><td class="num">${formatCount(r.counts.unknown, lang)}</td></tr>`)}</tbody></table>
<p class="muted">${msg(lang, 'report.locations.note')}${endpoints.some((e) => e.partialRounds > 0) ? ` ${msg(lang, 'report.locations.partialRounds', { rounds: endpoints.map((e) => `${e.endpoint} ${formatCount(e.partialRounds, lang)}`).join(', ') })}` : ''}</p>`;
}

export function portalSection(p: PortalSection, period: string, lang: Lang): Safe {
  const months = p.endpoints[0]?.months.map((x) => x.month) ?? [];
  const chart = months.length === 0 ? html`<p class="muted">${msg(lang, 'report.portal.notProbed')}</p>`
    : chartFigure({
      title: msg(lang, 'report.portal.availabilityChartTitle', { portal: p.name }),
      categoryName: msg(lang, 'report.chart.month'), categories: months.map((x) => formatShortMonth(x, lang)), unit: 'percent', lang, kind: 'bar',
      series: p.endpoints.map((e) => ({ name: e.endpoint, values: months.map((month) => e.months.find((x) => x.month === month)?.availabilityPercent ?? null) })),
    }, { tableOpen: true });
  return html`<section class="portal" id="portal-${p.portalId}"><h3>${p.name}</h3><p class="muted">${p.agencyCode} · ${p.url}</p>
${endpointRows(p.endpoints, period, lang)}${locationTable(p.endpoints, lang)}${chart}
<h4>${msg(lang, 'report.portal.incidentsHeading')}</h4>${incidentTable(p.endpoints, lang)}
<h4>${msg(lang, 'report.portal.privacyA11yHeading')}</h4>${scorecardSection(p.scorecard, lang, p.screenshot)}
<h4>${msg(lang, 'report.portal.cookiesHeading')}</h4>${privacyTablesSection(p.privacy ?? null, lang)}</section>`;
}

function quarantineSection(m: ReportModel): Safe {
  const { lang } = m;
  if (m.quarantined.length === 0) return html`<p class="ok">${msg(lang, 'report.quarantine.none')}</p>`;
  return html`<p>${msg(lang, 'report.quarantine.intro')}</p>
<table class="quarantine"><thead><tr><th>${msg(lang, 'report.col.agency')}</th><th>${msg(lang, 'report.col.metric')}</th><th class="num">${msg(lang, 'report.col.value')}</th><th>${msg(lang, 'report.col.rule')}</th><th>${msg(lang, 'report.col.reason')}</th><th>${msg(lang, 'report.col.source')}</th></tr></thead>
<tbody>${m.quarantined.map((q) => html`<tr><td>${q.agencyCode}</td><td>${q.metric}</td><td class="num">${formatCount(q.value, lang)}</td><td>${ruleOf(q.rule)?.title[lang] ?? q.rule}</td><td>${describeBreach(q as typeof q & { facts: Facts }, lang)}</td><td>${q.sourceId ?? ''}</td></tr>`)}</tbody></table>`;
}

/** An agency's own report: each KPI with its rank, target, gap, numerator and denominator, as `kpi --agency` shows them. */
function agencyKpis(a: AgencyFigures, m: ReportModel): Safe {
  const { lang } = m;
  const indexFormat = numberFormat(lang, 0, 1);
  const points = (v: number | null) => (v === null ? '—' : indexFormat.format(v));
  const index = a.index766 ? html`<h3>${msg(lang, 'report.index766.heading')}</h3>
<table class="index766"><thead><tr><th>${msg(lang, 'report.index766.group')}</th><th class="num">${msg(lang, 'report.index766.max')}</th><th class="num">${msg(lang, 'report.index766.published')}</th><th class="num">${msg(lang, 'report.index766.computed')}</th><th class="num">${msg(lang, 'report.index766.difference')}</th></tr></thead>
<tbody>${a.index766.map((r) => html`<tr><td>${r.key === 'total' ? msg(lang, 'report.index766.total') : INDEX_766_GROUPS.find((g) => g.key === r.key)?.title[lang] ?? r.key}</td><td class="num">${points(r.max)}</td><td class="num">${points(r.collected)}</td><td class="num">${points(r.computed)}</td><td class="num">${points(r.difference)}</td></tr>`)}</tbody></table>` : null;
  return html`<table class="agency-kpis" data-agency="${a.agencyCode}"><thead><tr><th>${msg(lang, 'report.col.kpi')}</th><th class="num">${msg(lang, 'report.col.value')}</th><th class="num">${msg(lang, 'report.col.rank')}</th><th class="num">${msg(lang, 'report.target')}</th><th class="num">${msg(lang, 'report.col.gapPoints')}</th><th class="num">${msg(lang, 'report.col.numerator')}</th><th class="num">${msg(lang, 'report.col.denominator')}</th></tr></thead>
<tbody>${m.method.kpis.map((k) => {
    const f = a.kpis[k.id];
    return html`<tr data-kpi="${k.id}"><td>${k.title[lang]}</td><td class="num">${pct(f?.rate ?? null, lang)}</td><td class="num">${f?.rank ?? '—'}</td><td class="num">${pct(f?.target ?? null, lang)}</td><td class="num">${f?.gap === null || f?.gap === undefined ? '—' : formatPoints(f.gap, lang)}</td><td class="num">${f?.numerator === null || f?.numerator === undefined ? '—' : formatCount(f.numerator, lang)}</td><td class="num">${f?.denominator === null || f?.denominator === undefined ? '—' : formatCount(f.denominator, lang)}</td></tr>`;
  })}</tbody></table>
${a.constituents.length > 1 ? html`<p class="muted">${msg(lang, 'report.agency.summedFrom', { agencies: a.constituents.join(', ') })}</p>` : null}${index}`;
}

function flagsSection(m: ReportModel): Safe {
  const { lang } = m;
  if (m.flags.length === 0) return html`<p class="ok">${msg(lang, 'report.flags.none')}</p>`;
  return html`<table class="flags"><thead><tr><th>${msg(lang, 'report.col.kind')}</th><th>${msg(lang, 'report.col.agency')}</th><th>${msg(lang, 'report.col.metric')}</th><th>${msg(lang, 'report.col.detail')}</th></tr></thead>
<tbody>${m.flags.slice(0, 200).map((f) => html`<tr><td>${flagKindTitle(f.kind, lang)}</td><td>${f.agencyCode ?? ''}</td><td>${f.metric ?? ''}</td><td>${flagDetail(f.detail, lang)}</td></tr>`)}</tbody></table>
${m.flags.length > 200 ? html`<p class="muted">${msg(lang, 'report.flags.more', { count: m.flags.length - 200 })}</p>` : null}`;
}

export function renderReport(m: ReportModel): string {
  const { lang } = m;
  const month = formatMonthLabel(m.period, lang);
  const title = m.agency && m.agency.agencyCode !== 'VN'
    ? msg(lang, 'report.title.agency', { month, agency: m.agency.name })
    : msg(lang, 'report.title.national', { month });
  const national = m.agency === null || m.agency.agencyCode === 'VN';
  const body = html`<h1>${title}</h1>
<nav><a href="#tong-quan">${msg(lang, 'report.nav.summary')}</a><a href="#xu-huong">${msg(lang, 'report.nav.trends')}</a>${national ? html`<a href="#xep-hang">${msg(lang, 'report.nav.rankings')}</a>` : null}<a href="#cong">${msg(lang, 'report.nav.portals')}</a><a href="#phuong-phap">${msg(lang, 'report.nav.method')}</a></nav>
<h2 id="tong-quan">${msg(lang, 'report.nav.summary')}</h2>${headlineCards(m)}
${m.agency && !national ? html`<h3 id="co-quan">${m.agency.name}</h3>${agencyKpis(m.agency, m)}<h3>${msg(lang, 'report.agency.countryForComparison')}</h3>` : null}
<table class="aggregates"><thead><tr><th>${msg(lang, 'report.col.kpi')}</th>${m.aggregates.map((a) => html`<th class="num">${a.name}</th>`)}</tr></thead>
<tbody>${m.method.kpis.map((k) => html`<tr><td>${k.title[lang]}</td>${m.aggregates.map((a) => rateCell(a.kpis[k.id], lang))}</tr>`)}</tbody></table>
${quarantineLegend([...m.aggregates, ...m.ministries, ...m.provinces].flatMap((a) => Object.values(a.kpis)), lang)}
<h2 id="xu-huong">${msg(lang, 'report.trend.heading')}</h2>${trends(m)}
${national ? html`<h2 id="xep-hang">${msg(lang, 'report.nav.rankings')}</h2>
<h3>${msg(lang, 'report.rankings.ministries')}</h3>${rankingTable(m.ministries, lang, 'xep-hang-bo')}
<h3>${msg(lang, 'report.rankings.provinces')}</h3>${rankingTable(m.provinces, lang, 'xep-hang-tinh')}` : null}
<h2 id="chat-luong">${msg(lang, 'report.quality.heading')}</h2>
<h3>${msg(lang, 'report.quality.quarantinedHeading')}</h3>${quarantineSection(m)}
<h3>${msg(lang, 'report.quality.flagsHeading')}</h3>${flagsSection(m)}
<h2 id="cong">${msg(lang, 'report.portals.heading')}</h2>
${m.portals.length === 0 ? html`<p class="muted">${msg(lang, 'report.portals.none')}</p>` : m.portals.map((p) => portalSection(p, m.period, lang))}
${methodAppendix(m)}`;
  return page({ lang, title, body });
}
