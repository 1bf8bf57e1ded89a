import { CHART_STYLE } from '../charts/style.ts';
import type { Lang } from '../i18n.ts';
import { msg, type MessageKey, type MessageVars } from '../messages/index.ts';

// HTML building blocks shared by the report and the dashboard. Every text that reaches a page
// goes through `esc`: portal names, titles, failure details and messages are untrusted input.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The one escape function: text and attribute values alike. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Markup that is already safe (built from escaped parts); `html` passes it through unchanged. */
export class Safe {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type Part = Safe | string | number | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined) return '';
  if (part instanceof Safe) return part.markup;
  if (Array.isArray(part)) return part.map(render).join('');
  return esc(part);
}

/** Tagged template: interpolated values are escaped unless they are Safe (or arrays of Safe). */
export function html(strings: TemplateStringsArray, ...values: Part[]): Safe {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Safe(out);
}

/**
 * A catalogue message with markup in some of its placeholders (a <time>, a link): the message's
 * text is escaped, the markup is put where its {{name}} stands. The sentence stays whole in the
 * catalogue; the markup stays in code.
 */
export function msgHtml(lang: Lang, key: MessageKey, vars: MessageVars, markup: Record<string, Safe>): Safe {
  const marks = Object.fromEntries(Object.keys(markup).map((name) => [name, `\u0000${name}\u0000`]));
  // A value (from a portal) cannot carry a mark of its own.
  const clean = Object.fromEntries(Object.entries(vars).map(([name, v]) => [name, typeof v === 'string' ? v.replaceAll('\u0000', '') : v]));
  const text = msg(lang, key, { ...clean, ...marks });
  return new Safe(text.split(/\u0000(\w+)\u0000/).map((piece, i) => (i % 2 === 1 ? markup[piece]!.markup : esc(piece))).join(''));
}

export const STYLE = `
  body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem; color: #1b1b1b; }
  h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #b71c1c; padding-bottom: .2rem; margin-top: 2rem; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
  th, td { border: 1px solid #ccc; padding: .25rem .45rem; text-align: left; vertical-align: top; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .ok { color: #1b5e20; } .bad { color: #b71c1c; } .muted { color: #666; }
  .quarantined, .incomplete { color: #8a4b00; font-style: italic; }
  .cards { display: flex; flex-wrap: wrap; gap: 1rem; }
  .card { border: 1px solid #ccc; border-radius: 6px; padding: .6rem .9rem; min-width: 15rem; flex: 1; }
  .card .big { font-size: 1.8rem; font-weight: bold; }
  .card dl, .card dd { margin: 0; }
  figure { margin: .5rem 0; } figcaption { font-size: .85rem; color: #444; }
  nav a { margin-right: 1rem; }
  td.hashes { word-break: break-all; font-family: monospace; font-size: .75rem; }
  section.portal { page-break-inside: avoid; }
  img.screenshot { max-width: 100%; border: 1px solid #ccc; }
  thead { display: table-header-group; }
  table.evidence-table, table.sources, table.check-versions { font-size: .8rem; }
  table.evidence-table td, table.sources td, .url, .hash, td.in-symbols { overflow-wrap: anywhere; }
  ul.scanner-errors { margin: .3rem 0; padding-left: 1.2rem; }
  .refused { color: #8a4b00; }
  @media print {
    h2 { page-break-before: auto; } nav { display: none; } figure.chart-figure { page-break-inside: avoid; }
    /* A heading goes to the next page with what it heads; a table's header repeats on each page it spans. */
    h1, h2, h3, h4, caption { break-after: avoid; page-break-after: avoid; }
    thead { display: table-header-group; } tr { break-inside: avoid; }
    /* Long addresses, selectors and hashes wrap instead of pushing a column off the page. */
    th, td { overflow-wrap: anywhere; }
  }
${CHART_STYLE}`;

export function page(opts: { lang: string; title: string; body: Safe; head?: Safe }): string {
  return `<!doctype html>\n${html`<html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title}</title><style>${new Safe(STYLE)}</style>${opts.head ?? null}</head><body>${opts.body}</body></html>`.markup}\n`;
}
