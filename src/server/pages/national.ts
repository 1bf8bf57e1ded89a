// The national overview: the two headline KPIs for the country against their targets with the
// change from last month and from the same month last year, the other KPIs of the country and
// the blocks, 12-month trends, and the ministries and provinces ranked in the seed articles'
// manner (rank, value, target, gap, change, a 12-month sparkline), every agency linked, the
// tables sortable and searchable by name without diacritics. Works without script: sorting and
// searching are links and a GET form; the client script only does them in place.
import { ALL_KPIS, HEADLINE_KPIS, type KpiDefinition } from '../../kpi/definitions.ts';
import type { AgencyFigures, KpiFigure, Overview } from '../../kpi/overview.ts';
import { foldText, formatCount, formatMonthLabel, formatPercent, formatPoints, formatShortMonth, type Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { chartFigure, sparkline } from '../../charts/index.ts';
import { html, Safe } from '../../report/html.ts';
import { incompleteNote } from '../../quality/plausibility.ts';
import type { DashboardData } from '../data.ts';
import { change, gapText, heldText, valueCell, verdict } from './kpi-cells.ts';
import { asOfLine, periodPicker, quarantineList } from './shared.ts';
import { dashboardPage, href, keptFields, sameWith, type PageContext } from './layout.ts';
import { missingReasonText } from '../../kpi/missing-reason.ts';

const SORTS = ['rank', 'name', 'value', 'gap', 'change', 'other'] as const;
type Sort = (typeof SORTS)[number];

interface RankRow {
  agency: AgencyFigures;
  figure: KpiFigure;
  other: KpiFigure;
  change: number | null;
  changeText: string;
  trend: Array<number | null>;
}

function headlineCard(kpi: KpiDefinition, now: KpiFigure, lastMonth: KpiFigure | undefined, lastYear: KpiFigure | undefined, lang: Lang): Safe {
  const month = change(now.rate, lastMonth?.rate, lang);
  const year = change(now.rate, lastYear?.rate, lang);
  return html`<section class="card" data-kpi="${kpi.id}" aria-labelledby="the-${kpi.id}"><h2 id="the-${kpi.id}">${kpi.title[lang]}</h2><dl>
<dt>${msg(lang, 'dashboard.kpi.country')}</dt><dd class="big">${now.rate === null && now.excluded ? msg(lang, 'dashboard.kpi.quarantined') : formatPercent(now.rate, lang)}</dd>
<dt>${msg(lang, 'dashboard.kpi.target')}</dt><dd>${now.target === null ? '—' : formatPercent(now.target, lang)} ${verdict(now, lang)}${now.gap !== null && now.gap < 0 ? html` <span class="muted">(${msg(lang, 'dashboard.kpi.shortBy')} ${formatPoints(-now.gap, lang)})</span>` : null}</dd>
<dt>${msg(lang, 'dashboard.kpi.fromLastMonth')}</dt><dd><strong>${month.text}</strong></dd>
<dt>${msg(lang, 'dashboard.kpi.fromLastYear')}</dt><dd><strong>${year.text}</strong></dd>
<dt>${msg(lang, 'dashboard.kpi.fraction')}</dt><dd class="muted">${now.denominator === null ? (now.excluded ? heldText(now, lang) : (now.missingReason ? missingReasonText(now.missingReason, lang) : '')) : `${formatCount(now.numerator ?? 0, lang)} / ${formatCount(now.denominator, lang)}`}</dd>
</dl>${now.excluded && now.rate !== null ? html`<p class="incomplete">${incompleteNote(now.excluded, lang)}</p>` : null}</section>`;
}

function aggregatesTable(aggregates: AgencyFigures[], lang: Lang): Safe {
  return html`<div class="table-wrap" role="region" aria-labelledby="cac-chi-so" tabindex="0"><table><caption id="cac-chi-so">${msg(lang, 'dashboard.national.aggregatesCaption')}</caption>
<thead><tr><th scope="col">${msg(lang, 'dashboard.kpi.col.kpi')}</th>${aggregates.map((a) => html`<th scope="col" class="num">${a.name}</th>`)}<th scope="col" class="num">${msg(lang, 'dashboard.national.col.countryTarget')}</th></tr></thead>
<tbody>${ALL_KPIS.map((k) => html`<tr><th scope="row">${k.title[lang]}</th>${aggregates.map((a) => valueCell(a.kpis[k.id], lang))}<td class="num">${aggregates[0]?.kpis[k.id]?.target == null ? '—' : formatPercent(aggregates[0]!.kpis[k.id]!.target, lang)}</td></tr>`)}</tbody></table></div>`;
}

function sortRows(rows: RankRow[], sort: Sort, dir: 'asc' | 'desc', lang: Lang): RankRow[] {
  const collator = new Intl.Collator(lang);
  const num = (v: number | null) => (v === null ? Number.NEGATIVE_INFINITY : v);
  const compare: Record<Sort, (a: RankRow, b: RankRow) => number> = {
    rank: (a, b) => (a.figure.rank ?? 1e9) - (b.figure.rank ?? 1e9),
    name: (a, b) => collator.compare(a.agency.name, b.agency.name),
    value: (a, b) => num(a.figure.rate) - num(b.figure.rate),
    gap: (a, b) => num(a.figure.gap) - num(b.figure.gap),
    change: (a, b) => num(a.change) - num(b.change),
    other: (a, b) => num(a.other.rate) - num(b.other.rate),
  };
  const sorted = [...rows].sort((a, b) => compare[sort](a, b) || collator.compare(a.agency.agencyCode, b.agency.agencyCode));
  return dir === 'desc' ? sorted.reverse() : sorted;
}

function rankingTable(ctx: PageContext, id: string, caption: string, rows: RankRow[], kpi: KpiDefinition, other: KpiDefinition, months: string[], sort: Sort, dir: 'asc' | 'desc'): Safe {
  const { lang } = ctx;
  const head = (key: Sort, label: string, numeric = true) => {
    const active = key === sort;
    const next = active && dir === 'asc' ? 'desc' : 'asc';
    return html`<th scope="col"${numeric ? new Safe(' class="num"') : null} aria-sort="${active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}"><a class="sort" data-sort="${key}" href="${sameWith(ctx, { sort: key, dir: next })}#${id}">${label}</a></th>`;
  };
  const labels = months.map((m) => formatShortMonth(m, lang));
  return html`<div class="table-wrap" role="region" aria-labelledby="${id}-caption" tabindex="0"><table id="${id}" data-sortable="1" data-filterable="1">
<caption id="${id}-caption">${caption}</caption>
<thead><tr>${head('rank', msg(lang, 'dashboard.kpi.col.rank'))}${head('name', msg(lang, 'dashboard.ranking.col.agency'), false)}${head('value', kpi.short[lang])}<th scope="col" class="num">${msg(lang, 'dashboard.kpi.target')}</th>${head('gap', msg(lang, 'dashboard.kpi.col.gap'))}${head('change', msg(lang, 'dashboard.ranking.col.change'))}<th scope="col">${msg(lang, 'dashboard.ranking.col.trend')}</th>${head('other', other.short[lang])}</tr></thead>
<tbody>${rows.map((r) => html`<tr data-search="${foldText(`${r.agency.name} ${r.agency.agencyCode}`)}">
<td class="num" data-value="${r.figure.rank ?? ''}">${r.figure.rank ?? '—'}</td>
<th scope="row" data-value="${r.agency.name}"><a href="${href(ctx, `/agency/${encodeURIComponent(r.agency.agencyCode)}`)}">${r.agency.name}</a> <span class="muted">${r.agency.agencyCode}</span></th>
${valueCell(r.figure, lang)}<td class="num">${r.figure.target === null ? '—' : formatPercent(r.figure.target, lang)}</td>
<td class="num" data-value="${r.figure.gap ?? ''}">${gapText(r.figure, lang)}</td><td class="num" data-value="${r.change ?? ''}">${r.changeText}</td>
<td>${sparkline({ values: r.trend, labels, unit: 'percent', lang, subject: `${kpi.short[lang]} — ${r.agency.name}` })}</td>
${valueCell(r.other, lang)}</tr>`)}</tbody></table></div>`;
}

export function nationalPage(data: DashboardData, ctx: PageContext): string {
  const { lang, period } = ctx;
  const o: Overview = data.overview(period, lang);
  const history = data.history(period);
  const months = data.months(period, 12);
  const lastMonth = history.get(months[months.length - 2]!);
  const lastYear = history.get(data.months(period, 13)[0]!);
  const country = o.aggregates[0]!;

  const rankBy = HEADLINE_KPIS.find((k) => k.id === ctx.url.searchParams.get('kpi')) ?? HEADLINE_KPIS[0]!;
  const other = HEADLINE_KPIS.find((k) => k !== rankBy)!;
  const sortParam = ctx.url.searchParams.get('sort') as Sort | null;
  const sort: Sort = sortParam && SORTS.includes(sortParam) ? sortParam : 'rank';
  const dir = ctx.url.searchParams.get('dir') === 'desc' ? 'desc' : 'asc';
  const query = (ctx.url.searchParams.get('q') ?? '').slice(0, 100);
  const folded = foldText(query);

  // Each month's figures by agency code, looked up once per row and month.
  const byCode = new Map(months.map((m) => [m, new Map((history.get(m)?.agencies ?? []).map((a) => [a.agencyCode, a]))]));
  const rowsOf = (level: 'ministry' | 'province'): RankRow[] => o.agencies.filter((a) => a.level === level)
    .filter((a) => folded === '' || foldText(`${a.name} ${a.agencyCode}`).includes(folded))
    .map((a) => {
      const figure = a.kpis[rankBy.id]!;
      const before = byCode.get(months[months.length - 2]!)?.get(a.agencyCode)?.kpis[rankBy.id];
      const c = change(figure.rate, before?.rate, lang);
      const trend = months.map((m) => byCode.get(m)?.get(a.agencyCode)?.kpis[rankBy.id]?.rate ?? null);
      return { agency: a, figure, other: a.kpis[other.id]!, change: c.value, changeText: c.text, trend };
    });

  const trends = HEADLINE_KPIS.map((k) => chartFigure({
    title: msg(lang, 'dashboard.national.trendTitle', { kpi: k.title[lang], month: formatMonthLabel(period, lang) }),
    categoryName: msg(lang, 'dashboard.chart.month'), categories: months.map((m) => formatShortMonth(m, lang)), unit: 'percent', lang,
    series: [{ name: country.name, values: months.map((m) => history.get(m)?.aggregates[0]?.kpis[k.id]?.rate ?? null) }],
    target: country.kpis[k.id]?.target == null ? null : { name: msg(lang, 'dashboard.kpi.target'), value: country.kpis[k.id]!.target! },
    note: msg(lang, 'dashboard.national.trendNote'),
  }));

  const searchForm = html`<form class="toolbar" method="get" action="/" role="search" aria-label="${msg(lang, 'dashboard.national.search.label')}">${keptFields(ctx)}
<label>${msg(lang, 'dashboard.national.search.input')}<input type="search" name="q" value="${query}" data-filter-for="xep-hang-bo xep-hang-tinh" autocomplete="off"></label>
<label>${msg(lang, 'dashboard.national.search.rankBy')}<select name="kpi">${HEADLINE_KPIS.map((k) => html`<option value="${k.id}"${k === rankBy ? new Safe(' selected') : null}>${k.title[lang]}</option>`)}</select></label>
<button type="submit">${msg(lang, 'dashboard.national.search.apply')}</button>${query ? html` <a href="${sameWith(ctx, { q: null })}">${msg(lang, 'dashboard.national.search.clear')}</a>` : null}</form>`;

  const ministries = sortRows(rowsOf('ministry'), sort, dir, lang);
  const provinces = sortRows(rowsOf('province'), sort, dir, lang);
  const body = html`${asOfLine(data, lang)}${periodPicker(data, ctx, '/')}
<div class="cards" id="tieu-diem" data-live="1">${HEADLINE_KPIS.map((k) => headlineCard(k, country.kpis[k.id]!, lastMonth?.aggregates[0]?.kpis[k.id], lastYear?.aggregates[0]?.kpis[k.id], lang))}</div>
<h2 id="chi-so">${msg(lang, 'dashboard.national.otherKpis')}</h2>${aggregatesTable(o.aggregates, lang)}
<h2 id="xu-huong">${msg(lang, 'dashboard.trendsHeading')}</h2><div class="charts">${trends}</div>
<h2 id="xep-hang">${msg(lang, 'dashboard.national.rankings')}</h2>
<p>${msg(lang, 'dashboard.national.rankedBy', { kpi: rankBy.title[lang], month: formatMonthLabel(period, lang) })}</p>
${searchForm}<p id="ket-qua-loc" class="muted" aria-live="polite">${query ? msg(lang, 'dashboard.national.filtered', { query, count: ministries.length + provinces.length }) : ''}</p>
<h3>${msg(lang, 'dashboard.national.ministries')}</h3>${rankingTable(ctx, 'xep-hang-bo', msg(lang, 'dashboard.national.ministriesCaption', { total: ministries.length }), ministries, rankBy, other, months, sort, dir)}
<h3>${msg(lang, 'dashboard.national.provinces')}</h3>${rankingTable(ctx, 'xep-hang-tinh', msg(lang, 'dashboard.national.provincesCaption', { total: provinces.length }), provinces, rankBy, other, months, sort, dir)}
${quarantineList([...o.aggregates, ...o.agencies], lang)}
<p class="muted">${msg(lang, 'dashboard.national.communes')}<a href="${href(ctx, '/api/overview', { level: 'commune' })}">/api/overview?level=commune</a></p>`;
  return dashboardPage(ctx, {
    section: 'national', live: true,
    title: msg(lang, 'dashboard.national.title', { month: formatMonthLabel(period, lang) }), body,
  });
}
