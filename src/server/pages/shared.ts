// Pieces several dashboard pages show: how fresh the figures are, the period picker, the
// quarantined values behind the figures shown.
import { describeHeld, type Facts } from '../../quality/plausibility.ts';
import { quarantinedOf } from '../../cli/render-kpi.ts';
import type { AgencyFigures } from '../../kpi/overview.ts';
import { formatMonthLabel, type Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { html, Safe } from '../../report/html.ts';
import type { DashboardData } from '../data.ts';
import { keptFields, localTime, VN_TIME, type PageContext } from './layout.ts';

/** "Số liệu đến ngày …, lần đo gần nhất …" */
export function asOfLine(data: DashboardData, lang: Lang): Safe {
  const asOf = data.asOf();
  return html`<p class="as-of" id="cap-nhat" data-live="1">${msg(lang, 'dashboard.asOf.figures')} ${asOf.lastRunAt ? localTime(asOf.lastRunAt, lang) : msg(lang, 'dashboard.asOf.noRun')}, ${msg(lang, 'dashboard.asOf.probe')} ${asOf.lastProbeAt ? localTime(asOf.lastProbeAt, lang) : msg(lang, 'dashboard.asOf.noProbe')} (${VN_TIME(lang)}).</p>`;
}

/** A GET form choosing the month; the choice is then kept in every link. */
export function periodPicker(data: DashboardData, ctx: PageContext, action: string): Safe {
  const { lang } = ctx;
  const periods = data.periods();
  if (!periods.includes(ctx.period)) periods.unshift(ctx.period);
  return html`<form class="toolbar" method="get" action="${action}">${keptFields(ctx, ['period'])}
<label>${msg(lang, 'dashboard.period.label')}<select name="period">${periods.map((p) => html`<option value="${p}"${p === ctx.period ? new Safe(' selected') : null}>${formatMonthLabel(p, lang)}</option>`)}</select></label>
<button type="submit">${msg(lang, 'dashboard.period.show')}</button></form>`;
}

/** The values held back in the figures shown, with why: a page with quarantine marks says what they are. */
export function quarantineList(rows: AgencyFigures[], lang: Lang): Safe {
  const held = quarantinedOf(rows);
  if (held.length === 0) return html``;
  return html`<h2 id="cach-ly">${msg(lang, 'dashboard.quarantine.heading')}</h2><p class="muted">${msg(lang, 'dashboard.quarantine.note')}</p>
<ul class="quarantine">${held.map((q) => html`<li>${describeHeld(q as typeof q & { facts: Facts }, lang)}</li>`)}</ul>`;
}
