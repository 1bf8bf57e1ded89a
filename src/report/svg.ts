// Inline SVG charts: no script, no external file, so the report stays viewable offline and prints.
import { html, Safe } from './html.ts';

export interface LineSeries {
  name: string;
  /** One value per label; null is a gap (no figure that month), never drawn as zero. */
  values: Array<number | null>;
}

const COLOURS = ['#b71c1c', '#1565c0', '#2e7d32', '#6a1b9a'];

/** A percentage line chart (0–100) over labelled points, with an optional dashed target line. */
export function lineChart(opts: { title: string; labels: string[]; series: LineSeries[]; target?: number | null; width?: number; height?: number }): Safe {
  const width = opts.width ?? 640;
  const height = opts.height ?? 220;
  const left = 40, right = 10, top = 10, bottom = 40;
  const plotW = width - left - right, plotH = height - top - bottom;
  const n = Math.max(opts.labels.length, 1);
  const x = (i: number) => left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => top + plotH - (Math.max(0, Math.min(100, v)) / 100) * plotH;
  const grid = [0, 25, 50, 75, 100].map((v) => html`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 4}" y="${y(v) + 4}" font-size="10" text-anchor="end">${v}</text>`);
  const labels = opts.labels.map((l, i) => html`<text x="${x(i)}" y="${height - bottom + 14}" font-size="10" text-anchor="middle">${l}</text>`);
  const target = opts.target === null || opts.target === undefined ? null
    : html`<line class="target" x1="${left}" x2="${width - right}" y1="${y(opts.target)}" y2="${y(opts.target)}" stroke="#555" stroke-dasharray="5 4"/>`;
  const lines = opts.series.map((s, k) => {
    const colour = COLOURS[k % COLOURS.length]!;
    // Consecutive known points form one path segment; a null breaks the line.
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) return void (pen = false);
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    });
    const dots = s.values.map((v, i) => (v === null ? null : html`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${colour}"><title>${s.name} ${opts.labels[i]}: ${v.toFixed(2)}</title></circle>`));
    return html`<path d="${d.trim()}" fill="none" stroke="${colour}" stroke-width="2"/>${dots}`;
  });
  const legend = opts.series.map((s, k) => html`<tspan fill="${COLOURS[k % COLOURS.length]!}">■ ${s.name}  </tspan>`);
  return html`<svg class="chart" role="img" aria-label="${opts.title}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<title>${opts.title}</title>${grid}${target}${lines}${labels}<text x="${left}" y="${height - 6}" font-size="11">${legend}</text></svg>`;
}
