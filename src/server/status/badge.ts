// SVG badges of a public portal, in the manner of shields.io: "trạng thái | hoạt động" and
// "sẵn sàng 30 ngày | 99,95%". Drawn here (two rectangles and two words need no chart library);
// the text is escaped, and `textLength` keeps it inside its box whatever font the reader has.
import { formatPercent, type Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { esc } from '../../report/html.ts';
import type { UptimeState } from '../../uptime/state-machine.ts';
import { stateLabel } from '../../cli/render-uptime.ts';

const COLOUR: Record<string, string> = { up: '#137333', degraded: '#9a5b00', down: '#c5221f', maintenance: '#1967d2', unknown: '#5f6368' };

/** About the width of 11 px Verdana, per character. */
const width = (text: string) => Math.round(text.length * 6.6 + 10);

function badge(label: string, value: string, colour: string): string {
  const lw = width(label);
  const vw = width(value);
  const total = lw + vw;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${esc(`${label}: ${value}`)}"><title>${esc(`${label}: ${value}`)}</title>
<rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${colour}"/>
<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
<text x="${lw / 2}" y="14" textLength="${lw - 10}">${esc(label)}</text><text x="${lw + vw / 2}" y="14" textLength="${vw - 10}">${esc(value)}</text></g></svg>
`;
}

export function stateBadgeSvg(state: UptimeState, lang: Lang): string {
  return badge(msg(lang, 'status.badge.state'), stateLabel(state, lang).toLowerCase(), COLOUR[state] ?? COLOUR.unknown!);
}

export function uptimeBadgeSvg(percent: number | null, lang: Lang): string {
  const colour = percent === null ? COLOUR.unknown! : percent >= 99.5 ? COLOUR.up! : percent >= 95 ? COLOUR.degraded! : COLOUR.down!;
  return badge(msg(lang, 'status.badge.uptime'), percent === null ? msg(lang, 'status.badge.noData') : formatPercent(percent, lang), colour);
}
