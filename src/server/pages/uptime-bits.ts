// How uptime reads on the dashboard and the status page: a state as a coloured badge that says
// its name, the heartbeat bar (the latest probes, each with its time and state in words), and
// the day bar of the status page (consecutive days of one kind drawn as one block, each with its
// dates and availability in words, and a sentence saying the whole). These are status strips,
// not charts: the charts are src/charts/.
import type { Beat } from '../../../storage/uptime.ts';
import { formatCount, formatPercent, type Lang } from '../../i18n.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import { formatDate, formatInstant, reasonLabel, stateLabel } from '../../cli/render-uptime.ts';
import { html, Safe } from '../../report/html.ts';
import { dayRuns, type DayKind, type DaySlot } from '../../uptime/summary.ts';

export function stateBadge(state: string, lang: Lang): Safe {
  return html`<span class="state state-${/^[a-z_]+$/.test(state) ? state : 'unknown'}">${stateLabel(state, lang)}</span>`;
}

/** The latest probes, oldest first, as a strip of cells; the list says how many of each. */
export function heartbeat(beats: readonly Beat[], endpoint: string, lang: Lang): Safe {
  if (beats.length === 0) return html`<p class="muted">${msg(lang, 'dashboard.heartbeat.none')}</p>`;
  const counts = new Map<string, number>();
  for (const b of beats) counts.set(b.state, (counts.get(b.state) ?? 0) + 1);
  const summary = [...counts].map(([s, n]) => `${formatCount(n, lang)} ${stateLabel(s, lang).toLowerCase()}`).join(', ');
  const label = msg(lang, 'dashboard.heartbeat.label', { count: beats.length, endpoint, summary });
  return html`<ol class="beats" aria-label="${label}">${beats.map((b) => html`<li class="beat-${b.state}" title="${formatInstant(b.at, lang)}: ${stateLabel(b.state, lang)}${b.reason ? ` (${reasonLabel(b.reason, lang)})` : ''}"><span class="visually-hidden">${formatInstant(b.at, lang)}: ${stateLabel(b.state, lang)}${b.reason ? ` (${reasonLabel(b.reason, lang)})` : ''}</span></li>`)}</ol>
<p class="muted">${label}.</p>`;
}

const DAY_KIND_NAME = {
  up: 'dashboard.day.up',
  degraded: 'dashboard.day.degraded',
  down: 'dashboard.day.down',
  maintenance: 'dashboard.day.maintenance',
  none: 'dashboard.day.none',
} as const satisfies Record<DayKind, MessageKey>;

const range = (from: string, to: string) => (from === to ? formatDate(from) : `${formatDate(from)}–${formatDate(to)}`);

/** The days as one strip: each run of days of one kind a block with its dates and figures in words. */
export function dayBar(slots: readonly DaySlot[], subject: string, lang: Lang): Safe {
  const runs = dayRuns(slots);
  const width = 900;
  const cell = width / Math.max(slots.length, 1);
  let x = 0;
  const blocks = runs.map((r) => {
    const worst = Math.min(...r.days.map((d) => d.availability ?? 100));
    const figure = r.kind === 'none' || r.kind === 'maintenance' ? '' : `, ${msg(lang, 'dashboard.day.lowest', { value: formatPercent(worst, lang) })}`;
    const text = `${range(r.from, r.to)}: ${msg(lang, DAY_KIND_NAME[r.kind])}${figure}`;
    const block = html`<rect class="day-${r.kind}" x="${(x + 1).toFixed(1)}" y="0" width="${Math.max(cell * r.days.length - 2, 1).toFixed(1)}" height="32" rx="2"><title>${text}</title></rect>`;
    x += cell * r.days.length;
    return { block, text };
  });
  const bad = runs.filter((r) => r.kind === 'down' || r.kind === 'degraded');
  const sentence = bad.length === 0
    ? msg(lang, 'dashboard.days.noOutage', { subject, count: slots.length })
    : msg(lang, 'dashboard.days.outages', { subject, count: slots.length, outages: bad.map((r) => blocksText(r, lang)).join('; ') });
  return html`<svg class="days" viewBox="0 0 ${width} 32" preserveAspectRatio="none" role="img" aria-label="${sentence}" focusable="false">${blocks.map((b) => b.block)}</svg>`;
}

function blocksText(r: ReturnType<typeof dayRuns>[number], lang: Lang): string {
  return r.days.map((d) => `${formatDate(d.date)} ${msg(lang, DAY_KIND_NAME[d.kind])}${d.availability === null ? '' : ` (${formatPercent(d.availability, lang)})`}`).join(', ');
}

/** The colours of the day bar, in words. */
export function dayLegend(lang: Lang): Safe {
  return html`<ul class="legend">${(['up', 'degraded', 'down', 'maintenance', 'none'] as const).map((k) => html`<li><span class="swatch day-${k}" aria-hidden="true"></span>${msg(lang, DAY_KIND_NAME[k])}</li>`)}</ul>`;
}

/** A p50/p95 in ms; "> 60 000 ms" past the histogram's last bound. */
export function msText(v: number | null, lang: Lang): string {
  if (v === null) return '—';
  return Number.isFinite(v) ? `${formatCount(v, lang)} ms` : `> ${formatCount(60_000, lang)} ms`;
}

