// How a KPI figure reads on the dashboard: the value with its verdict in words (on or below
// target: never colour alone), the change in percentage points, and a quarantine or an
// incomplete sum said as such. Shared by the overview and the agency page.
import { formatPercent, formatPoints, type Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import type { QuarantinedValue } from '../../kpi/headline.ts';
import type { KpiFigure } from '../../kpi/overview.ts';
import { describeHeld, incompleteNote, type Facts } from '../../quality/plausibility.ts';
import { html, type Safe } from '../../report/html.ts';

export const heldText = (f: KpiFigure, lang: Lang) => (f.excluded ?? []).map((q) => describeHeld(q as QuarantinedValue & { facts: Facts }, lang)).join('; ');

/** "đạt" / "dưới mục tiêu" with a mark, or nothing without a target. */
export function verdict(f: KpiFigure | undefined, lang: Lang): Safe {
  if (!f || f.rate === null || f.target === null) return html``;
  return f.rate >= f.target
    ? html`<span class="ok verdict">✔ ${msg(lang, 'dashboard.kpi.onTarget')}</span>`
    : html`<span class="bad verdict">✘ ${msg(lang, 'dashboard.kpi.belowTarget')}</span>`;
}

/** The value cell of a table: the rate and its verdict, "cách ly" or "không có số liệu" with why. */
export function valueCell(f: KpiFigure | undefined, lang: Lang): Safe {
  const sortValue = f?.rate ?? '';
  if (f?.rate === null && f.excluded) return html`<td class="num quarantined" data-value="">${msg(lang, 'dashboard.kpi.quarantined')}<span class="visually-hidden">: ${heldText(f, lang)}</span></td>`;
  if (!f || f.rate === null) return html`<td class="num muted" data-value="">${formatPercent(null, lang)}</td>`;
  const mark = f.target === null ? null : f.rate >= f.target
    ? html` <span class="ok mark">✔&#160;${msg(lang, 'dashboard.kpi.met')}</span>`
    : html` <span class="bad mark">✘&#160;${msg(lang, 'dashboard.kpi.below')}</span>`;
  return html`<td class="num${f.excluded ? ' incomplete' : ''}" data-value="${sortValue}">${formatPercent(f.rate, lang)}${f.excluded ? '*' : ''}${mark}${f.excluded ? html`<span class="visually-hidden"> (${incompleteNote(f.excluded, lang)})</span>` : null}</td>`;
}

/** A signed change in points: "▲ +1,20 điểm %", "▼ −0,50 điểm %", "—" when either side is missing. */
export function change(now: number | null | undefined, before: number | null | undefined, lang: Lang): { text: string; value: number | null } {
  if (now === null || now === undefined || before === null || before === undefined) return { text: '—', value: null };
  const d = now - before;
  const arrow = d > 0.005 ? '▲ +' : d < -0.005 ? '▼ −' : '= ';
  return { text: `${arrow}${formatPoints(Math.abs(d), lang)}`, value: d };
}

export function gapText(f: KpiFigure | undefined, lang: Lang): string {
  if (!f || f.gap === null) return '—';
  return `${f.gap >= 0 ? '+' : '−'}${formatPoints(Math.abs(f.gap), lang)}`;
}
