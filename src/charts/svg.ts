// Apache ECharts rendered on the server to SVG (its SSR mode), serialised by us: ECharts writes
// attribute values unescaped (a series named `x" onload="…` would break out), styles text with
// `style` attributes and hover rules in a <style> element (a strict Content-Security-Policy
// refuses both). So the chart is taken as zrender's virtual tree and written out here: every
// attribute and text escaped, font styles as presentation attributes, no <style>, no classes, no
// ECharts metadata. The result needs no script and no inline style: it works in the report file,
// the PDF and the dashboard alike.
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { esc } from '../report/html.ts';

interface VNode {
  tag: string;
  attrs: Record<string, string | number | boolean | null | undefined>;
  children?: VNode[];
  text?: string;
}

/** zrender's SVG painter; `renderToVNode` is what its own renderToString serialises. */
interface SvgPainter {
  renderToVNode(opts: { animation: boolean; emphasis: boolean; willUpdate: boolean; compress: boolean; useViewBox: boolean }): VNode;
}

/** Font properties ECharts puts in a `style` attribute, kept as SVG presentation attributes. */
const STYLE_TO_ATTRIBUTE = new Set(['font-size', 'font-family', 'font-weight', 'font-style']);
const DROPPED_ATTRIBUTES = /^(class|ecmeta_.*|pointer-events|style)$/;
/** zrender's ids ("zr3-c0") are numbered per process: each inclusion gets its own (see withFreshIds). */
const ID_PLACEHOLDER = '\u0000id';

function attributes(node: VNode): string {
  let out = '';
  for (const [name, value] of Object.entries(node.attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'style') {
      for (const declaration of String(value).split(';')) {
        const [property, ...rest] = declaration.split(':');
        const key = property?.trim().toLowerCase() ?? '';
        if (STYLE_TO_ATTRIBUTE.has(key)) out += ` ${key}="${esc(rest.join(':').trim())}"`;
      }
      continue;
    }
    if (DROPPED_ATTRIBUTES.test(name) || !/^[a-zA-Z][\w:.-]*$/.test(name)) continue;
    const text = value === true ? '' : String(value).replace(/zr\d+-/g, `${ID_PLACEHOLDER}-`);
    out += value === true ? ` ${name}` : ` ${name}="${esc(text)}"`;
  }
  return out;
}

function serialise(node: VNode): string {
  if (node.tag === 'style' || !/^[a-zA-Z][\w:-]*$/.test(node.tag)) return '';
  const children = (node.children ?? []).map(serialise).join('');
  return `<${node.tag}${attributes(node)}>${node.text ? esc(node.text) : ''}${children}</${node.tag}>`;
}

let echarts: typeof Echarts | undefined;

/**
 * ECharts, loaded on the first chart (its CommonJS build, synchronously: rendering is sync). It
 * costs half a second of start-up that a command drawing no chart (`--help`, `run`) need not pay.
 */
function loadEcharts(): typeof Echarts {
  return (echarts ??= createRequire(import.meta.url)('echarts') as typeof Echarts);
}

export interface SvgOptions {
  width: number;
  height: number;
  /** The accessible name of the image. */
  label: string;
  className: string;
}

/**
 * The chart an ECharts option draws, as SVG markup with `ID_PLACEHOLDER` where ids go (fill them
 * with withFreshIds). The root has role="img" and the label; its size is left to CSS (the viewBox
 * keeps the proportions).
 */
export function renderOption(option: Echarts.EChartsCoreOption, opts: SvgOptions): string {
  const chart = loadEcharts().init(null, null, { renderer: 'svg', ssr: true, width: opts.width, height: opts.height });
  try {
    chart.setOption({ animation: false, ...option });
    const painter = (chart.getZr() as unknown as { painter: SvgPainter }).painter;
    const root = painter.renderToVNode({ animation: false, emphasis: false, willUpdate: false, compress: true, useViewBox: true });
    const inner = (root.children ?? []).map(serialise).join('');
    return `<svg xmlns="http://www.w3.org/2000/svg" class="${esc(opts.className)}" viewBox="0 0 ${opts.width} ${opts.height}" role="img" aria-label="${esc(opts.label)}" focusable="false"><title>${esc(opts.label)}</title>${inner}</svg>`;
  } finally {
    chart.dispose();
  }
}

let inclusions = 0;

/** The markup with ids no other chart on the page has (a cached chart may be shown twice). */
export function withFreshIds(markup: string): string {
  if (!markup.includes(ID_PLACEHOLDER)) return markup;
  const prefix = `ch${(++inclusions).toString(36)}`;
  return markup.replaceAll(ID_PLACEHOLDER, prefix);
}
