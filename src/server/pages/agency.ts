// One agency (or the country, or a block): everything `dvc-monitor kpi --agency` shows — each
// KPI with numerator and denominator, target, gap, rank and change, the former provinces summed
// into a merged one, the Quyết định 766 index as published beside our own computation — then a
// 12-month chart of every KPI with its target, the open data-quality flags, the quarantined
// values and the agency's portals.
import { openFlags } from '../../../storage/quality.ts';
import { ALL_KPIS } from '../../kpi/definitions.ts';
import { INDEX_766_GROUPS } from '../../kpi/index766.ts';
import { formatCount, formatMonthLabel, formatPercent, formatShortMonth, numberFormat, type Lang } from '../../i18n.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import { flagKindTitle } from '../../quality/flag-kinds.ts';
import { chartFigure } from '../../charts/index.ts';
import { html, type Safe } from '../../report/html.ts';
import { incompleteNote } from '../../quality/plausibility.ts';
import type { AgencyFigures } from '../../kpi/overview.ts';
import type { DashboardData } from '../data.ts';
import { change, gapText, heldText, valueCell } from './kpi-cells.ts';
import { asOfLine, periodPicker, quarantineList } from './shared.ts';
import { dashboardPage, href, type PageContext } from './layout.ts';
import { stateBadge } from './uptime-bits.ts';
import { missingReasonText } from '../../kpi/missing-reason.ts';
import { flagDetail } from '../../quality/flag-detail.ts';

const LEVEL_NAME = {
  block: 'dashboard.level.block', national: 'dashboard.level.national', ministry: 'dashboard.level.ministry', province: 'dashboard.level.province', commune: 'dashboard.level.commune',
} as const satisfies Record<AgencyFigures['level'], MessageKey>;

const number = (v: number | null, lang: Lang, digits: number) => (v === null ? '—' : numberFormat(lang, digits, digits).format(v));

function kpiTable(agency: AgencyFigures, previous: AgencyFigures['kpis'] | null, ranked: ReadonlyMap<string, number>, lang: Lang): Safe {
  return html`<div class="table-wrap" role="region" aria-labelledby="bang-chi-so" tabindex="0"><table><caption id="bang-chi-so">${msg(lang, 'dashboard.agency.kpiCaption')}</caption>
<thead><tr><th scope="col">${msg(lang, 'dashboard.kpi.col.kpi')}</th><th scope="col" class="num">${msg(lang, 'dashboard.agency.col.value')}</th><th scope="col" class="num">${msg(lang, 'dashboard.kpi.fraction')}</th><th scope="col" class="num">${msg(lang, 'dashboard.kpi.target')}</th><th scope="col" class="num">${msg(lang, 'dashboard.kpi.col.gap')}</th><th scope="col" class="num">${msg(lang, 'dashboard.kpi.col.rank')}</th><th scope="col" class="num">${msg(lang, 'dashboard.kpi.fromLastMonth')}</th></tr></thead>
<tbody>${ALL_KPIS.map((k) => {
    const f = agency.kpis[k.id]!;
    const fraction = f.denominator === null ? (f.excluded ? heldText(f, lang) : (f.missingReason ? missingReasonText(f.missingReason, lang) : '—')) : `${formatCount(f.numerator ?? 0, lang)} / ${formatCount(f.denominator, lang)}`;
    return html`<tr><th scope="row">${k.title[lang]}</th>${valueCell(f, lang)}<td class="num">${fraction}${f.excluded && f.rate !== null ? html`<br><span class="incomplete">${incompleteNote(f.excluded, lang)}</span>` : null}</td>
<td class="num">${f.target === null ? '—' : formatPercent(f.target, lang)}</td><td class="num">${gapText(f, lang)}</td>
<td class="num">${f.rank === null ? '—' : `${f.rank}/${ranked.get(k.id) ?? '?'}`}</td><td class="num">${change(f.rate, previous?.[k.id]?.rate, lang).text}</td></tr>`;
  })}</tbody></table></div>`;
}

function index766Table(agency: AgencyFigures, lang: Lang): Safe {
  if (!agency.index766) return html``;
  return html`<h2 id="chi-so-766">${msg(lang, 'dashboard.agency.index766.heading')}</h2>
<p class="muted">${msg(lang, 'dashboard.agency.index766.note')}</p>
<div class="table-wrap" role="region" aria-labelledby="bang-766" tabindex="0"><table><caption id="bang-766" class="visually-hidden">${msg(lang, 'dashboard.agency.index766.caption')}</caption>
<thead><tr><th scope="col">${msg(lang, 'dashboard.agency.index766.col.group')}</th><th scope="col" class="num">${msg(lang, 'dashboard.agency.index766.col.max')}</th><th scope="col" class="num">${msg(lang, 'dashboard.agency.index766.col.published')}</th><th scope="col" class="num">${msg(lang, 'dashboard.agency.index766.col.computed')}</th><th scope="col" class="num">${msg(lang, 'dashboard.agency.index766.col.difference')}</th></tr></thead>
<tbody>${agency.index766.map((row) => html`<tr><th scope="row">${row.key === 'total' ? msg(lang, 'dashboard.agency.index766.total') : INDEX_766_GROUPS.find((g) => g.key === row.key)!.title[lang]}</th><td class="num">${row.max}</td><td class="num">${number(row.collected, lang, 1)}</td><td class="num">${number(row.computed, lang, 1)}</td><td class="num">${row.difference === null ? '—' : `${row.difference >= 0 ? '+' : '−'}${number(Math.abs(row.difference), lang, 1)}`}</td></tr>`)}</tbody></table></div>`;
}

export function agencyPage(data: DashboardData, ctx: PageContext, code: string): string | null {
  const { lang, period } = ctx;
  const o = data.overview(period, lang);
  const agency = [...o.aggregates, ...o.agencies].find((a) => a.agencyCode === code);
  if (!agency) return null;
  const series = data.seriesOf(code, period);
  const previous = series[series.length - 2]?.kpis ?? null;
  const ranked = new Map(ALL_KPIS.map((k) => [k.id, o.agencies.filter((a) => a.level === agency.level && a.kpis[k.id]!.rank !== null).length]));
  const names = new Map(data.loaded.agencies.map((a) => [a.code, a.name]));
  const merged = agency.level !== 'block' && (agency.constituents.length > 1 || (agency.constituents[0] !== undefined && agency.constituents[0] !== agency.agencyCode));
  const flags = agency.level === 'block' ? [] : openFlags(data.db, { period, agencyCode: code });
  const portals = data.loaded.config.portals.filter((p) => p.agency === code);
  const summaries = new Map(data.portalSummaries().map((s) => [s.portalId, s]));
  const months = series.map((p) => p.period);

  const charts = ALL_KPIS.map((k) => {
    const target = agency.kpis[k.id]?.target ?? null;
    return chartFigure({
      title: msg(lang, 'dashboard.agency.trendTitle', { kpi: k.title[lang], agency: agency.name }),
      categoryName: msg(lang, 'dashboard.chart.month'), categories: months.map((m) => formatShortMonth(m, lang)), unit: 'percent', lang,
      series: [{ name: agency.name, values: series.map((p) => p.kpis?.[k.id]?.rate ?? null) }],
      target: target === null ? null : { name: msg(lang, 'dashboard.kpi.target'), value: target },
    });
  });

  const body = html`<p>${msg(lang, LEVEL_NAME[agency.level])} · <span class="muted">${agency.agencyCode}</span></p>
${asOfLine(data, lang)}${periodPicker(data, ctx, `/agency/${encodeURIComponent(code)}`)}
${merged ? html`<p class="notice">${msg(lang, 'dashboard.agency.merged')} ${agency.constituents.map((c, i) => html`${i ? ', ' : ''}${names.get(c) ?? c} <span class="muted">(${c})</span>`)}</p>` : null}
${kpiTable(agency, previous, ranked, lang)}
${index766Table(agency, lang)}
<h2 id="xu-huong">${msg(lang, 'dashboard.trendsHeading')}</h2><div class="charts">${charts}</div>
<h2 id="chat-luong">${msg(lang, 'dashboard.agency.qualityHeading')}</h2>
${flags.length === 0 ? html`<p class="ok">${msg(lang, 'dashboard.agency.noFlags')}</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="bang-canh-bao-cl" tabindex="0"><table><caption id="bang-canh-bao-cl">${msg(lang, 'dashboard.agency.flagsCaption', { total: flags.length })}</caption><thead><tr><th scope="col">${msg(lang, 'dashboard.agency.flags.col.kind')}</th><th scope="col">${msg(lang, 'dashboard.agency.flags.col.metric')}</th><th scope="col">${msg(lang, 'dashboard.agency.flags.col.source')}</th><th scope="col">${msg(lang, 'dashboard.agency.flags.col.detail')}</th></tr></thead>
<tbody>${flags.slice(0, 200).map((f) => html`<tr><td>${flagKindTitle(f.kind, lang)}</td><td>${f.metric ?? ''}</td><td>${f.sourceId ?? ''}</td><td>${flagDetail(f.detail, lang)}</td></tr>`)}</tbody></table></div>`}
${quarantineList([agency], lang)}
<h2 id="cong">${msg(lang, 'dashboard.agency.portalsHeading')}</h2>
${portals.length === 0 ? html`<p class="muted">${msg(lang, 'dashboard.agency.noPortals')}</p>`
    : html`<ul>${portals.map((p) => html`<li><a href="${href(ctx, `/portal/${encodeURIComponent(p.id)}`)}">${p.name}</a> ${stateBadge(summaries.get(p.id)?.state ?? 'unknown', lang)}</li>`)}</ul>`}`;
  return dashboardPage(ctx, { section: 'national', live: true, title: `${agency.name} (${agency.agencyCode}) — ${formatMonthLabel(period, lang)}`, heading: `${agency.name} — ${formatMonthLabel(period, lang)}`, body });
}
