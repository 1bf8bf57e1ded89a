// The charts of the dashboard, the status page, the report and its PDF: one module, so the same
// figure looks the same everywhere. Each chart is drawn by Apache ECharts on the server (svg.ts),
// has an accessible name and, behind it, the table of the values it draws (a chart is never the
// only way to read a figure). Text and lines use the page's own colour (currentColor), so a chart
// follows the page into dark mode; series colours keep 3:1 against light and dark backgrounds.
// A missing value is a gap, never a zero.
import type { EChartsCoreOption } from 'echarts';
import { formatCount, formatPercent, numberFormat, type Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';
import { html, Safe } from '../report/html.ts';
import { renderOption, withFreshIds } from './svg.ts';

export { CHART_STYLE } from './style.ts';

/** Blue, orange, green, violet, pink: each ≥ 3.4:1 on white and on the dark theme's #16181b. */
export const SERIES_COLOURS = ['#3b6fd8', '#d35400', '#0f8a5f', '#8b5cf6', '#db2777'];
const FONT = '"Noto Sans", "DejaVu Sans", Arial, sans-serif';

export type ChartUnit = 'percent' | 'ms';

export interface ChartSeries {
  name: string;
  /** One per category; null is a gap (no figure), never drawn as zero. */
  values: Array<number | null>;
}

export interface ChartSpec {
  /** The accessible name, also the caption. */
  title: string;
  /** What the x axis counts, for the data table's first column ("Tháng", "Ngày"). */
  categoryName: string;
  categories: string[];
  series: ChartSeries[];
  unit: ChartUnit;
  kind?: 'line' | 'bar';
  /** A target drawn as a dashed line (and a column of the table). */
  target?: { name: string; value: number } | null;
  lang: Lang;
  /** A sentence under the chart: how to read it. */
  note?: string;
}

const WIDTH = 560;
const HEIGHT = 280;

/** Values as people read them: 97,67% / 1.234 ms. */
export function formatValue(v: number | null, unit: ChartUnit, lang: Lang): string {
  if (v === null) return '—';
  return unit === 'percent' ? formatPercent(v, lang) : `${formatCount(v, lang)} ms`;
}

/** A y range that shows the differences (not a flat line on 0–100), and 100 when it is near. */
function percentRange(values: number[]): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 100 };
  const low = Math.min(...values);
  const high = Math.max(...values);
  const min = Math.max(0, Math.floor((low - 5) / 10) * 10);
  const max = high > 90 ? 100 : Math.min(100, Math.ceil((high + 5) / 10) * 10);
  return { min, max: Math.max(max, min + 10) };
}

function optionOf(spec: ChartSpec): EChartsCoreOption {
  const { lang, unit } = spec;
  const known = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const range = unit === 'percent' ? percentRange(spec.target ? [...known, spec.target.value] : known) : null;
  const axisText = { color: 'currentColor', fontSize: 13, fontFamily: FONT };
  const many = spec.series.length > 1 || Boolean(spec.target);
  const number = numberFormat(lang, 0, 1);
  const series: unknown[] = spec.series.map((s, i) => ({
    // Bars are clipped to the y range (which need not start at 0); lines are not, so a point on the edge stays whole.
    type: spec.kind ?? 'line', name: s.name, data: s.values, connectNulls: false, clip: spec.kind === 'bar', silent: true,
    color: SERIES_COLOURS[i % SERIES_COLOURS.length], symbolSize: 5, lineStyle: { width: 2.5 },
    barMaxWidth: 18,
  }));
  if (spec.target) {
    series.push({
      type: 'line', name: spec.target.name, data: spec.categories.map(() => spec.target!.value), symbol: 'none', silent: true, clip: false,
      color: 'currentColor', lineStyle: { type: 'dashed', width: 1.5, color: 'currentColor' },
    });
  }
  return {
    textStyle: axisText,
    grid: { left: 8, right: 16, top: many ? 40 : 16, bottom: 8, containLabel: true },
    legend: many ? { top: 4, left: 8, textStyle: axisText, itemWidth: 22, inactiveColor: '#888', selectedMode: false } : undefined,
    xAxis: {
      type: 'category', data: spec.categories, boundaryGap: spec.kind === 'bar',
      axisLabel: { ...axisText, hideOverlap: true }, axisLine: { lineStyle: { color: 'currentColor' } }, axisTick: { lineStyle: { color: 'currentColor' } },
    },
    yAxis: {
      type: 'value', ...(range ?? {}), splitNumber: 4,
      axisLabel: { ...axisText, formatter: (v: number) => (unit === 'percent' ? `${number.format(v)}%` : number.format(v)) },
      splitLine: { lineStyle: { color: 'currentColor', opacity: 0.18 } },
    },
    series,
  };
}

/** Rendered charts by their content: the same figures are drawn once (bounded, oldest dropped first). */
const cache = new Map<string, string>();
const CACHE_LIMIT = 3000;

function cached(key: string, draw: () => string): string {
  let markup = cache.get(key);
  if (markup === undefined) {
    markup = draw();
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, markup);
  }
  return markup;
}

/** The chart alone (an <svg>), without its table. */
export function chartSvg(spec: ChartSpec): Safe {
  const key = JSON.stringify(['chart', spec.title, spec.categories, spec.series, spec.unit, spec.kind, spec.target, spec.lang]);
  return new Safe(withFreshIds(cached(key, () => renderOption(optionOf(spec), { width: WIDTH, height: HEIGHT, label: spec.title, className: 'chart' }))));
}

/** The values behind a chart, one row per category. */
export function chartTable(spec: ChartSpec, open = false): Safe {
  const { lang } = spec;
  return html`<details class="chart-data"${open ? new Safe(' open') : null}><summary>${msg(lang, 'chart.dataTable')}<span class="visually-hidden">: ${spec.title}</span></summary>
<div class="table-wrap" tabindex="0" role="region" aria-label="${msg(lang, 'chart.dataTableOf', { title: spec.title })}"><table><caption class="visually-hidden">${spec.title}</caption><thead><tr><th scope="col">${spec.categoryName}</th>${spec.series.map((s) => html`<th scope="col" class="num">${s.name}</th>`)}${spec.target ? html`<th scope="col" class="num">${spec.target.name}</th>` : null}</tr></thead>
<tbody>${spec.categories.map((c, i) => html`<tr><th scope="row">${c}</th>${spec.series.map((s) => html`<td class="num">${formatValue(s.values[i] ?? null, spec.unit, lang)}</td>`)}${spec.target ? html`<td class="num">${formatValue(spec.target.value, spec.unit, lang)}</td>` : null}</tr>`)}</tbody></table></div></details>`;
}

/** A chart as a figure: the image, its caption, a reading note and its data table (open: a printed report shows it). */
export function chartFigure(spec: ChartSpec, opts: { tableOpen?: boolean } = {}): Safe {
  return html`<figure class="chart-figure">${chartSvg(spec)}<figcaption>${spec.title}${spec.note ? html`<span class="muted"> — ${spec.note}</span>` : null}</figcaption>${chartTable(spec, opts.tableOpen)}</figure>`;
}

/**
 * A small line without axes beside a table row; its accessible name says what it shows (first,
 * last, lowest, highest), the row itself holds the figure.
 */
export function sparkline(opts: { values: Array<number | null>; labels: string[]; unit: ChartUnit; lang: Lang; subject: string }): Safe {
  const { values, labels, unit, lang } = opts;
  const known = values.map((v, i) => ({ v, label: labels[i]! })).filter((p): p is { v: number; label: string } => p.v !== null);
  if (known.length === 0) return html`<span class="muted">—</span>`;
  const first = known[0]!;
  const last = known[known.length - 1]!;
  const low = Math.min(...known.map((p) => p.v));
  const high = Math.max(...known.map((p) => p.v));
  const label = msg(lang, 'chart.sparkline', {
    subject: opts.subject, first: formatValue(first.v, unit, lang), firstLabel: first.label, last: formatValue(last.v, unit, lang), lastLabel: last.label,
    lowest: formatValue(low, unit, lang), highest: formatValue(high, unit, lang),
  });
  const pad = Math.max(1, (high - low) * 0.15);
  const key = JSON.stringify(['spark', values, label]);
  return new Safe(withFreshIds(cached(key, () => renderOption({
    grid: { left: 2, right: 2, top: 2, bottom: 2 },
    xAxis: { type: 'category', show: false, data: labels, boundaryGap: false },
    yAxis: { type: 'value', show: false, min: low - pad, max: high + pad },
    series: [{ type: 'line', data: values, symbol: 'none', silent: true, clip: false, connectNulls: false, color: SERIES_COLOURS[0], lineStyle: { width: 2 } }],
  }, { width: 96, height: 26, label, className: 'sparkline' }))));
}
