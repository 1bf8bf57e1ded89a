// Text of `dvc-monitor uptime`: the report as a table or CSV, in Vietnamese or English.
import { formatCount, formatDuration, formatPercent, type Lang } from '../i18n.ts';
import { labelOf, msg, type MessageKey } from '../messages/index.ts';

export { formatDuration };
import { MISSING } from '../uptime/conditions.ts';
import type { LatestProbe } from '../../storage/uptime.ts';
import type { EndpointReport, PeriodFigures, UptimeReport } from '../uptime/report.ts';
import type { DisplayState } from '../uptime/reach.ts';
import { LOCAL_TIME_ZONE } from '../time/period.ts';
import { gapReasonText } from '../scale/gap-reason.ts';

const STATE_KEY = {
  up: 'cli.uptime.state.up',
  partial: 'cli.uptime.state.partial',
  degraded: 'cli.uptime.state.degraded',
  down: 'cli.uptime.state.down',
  maintenance: 'cli.uptime.state.maintenance',
  unknown: 'cli.uptime.state.unknown',
} as const satisfies Record<DisplayState, MessageKey>;

const REASON_KEY = {
  dns: 'cli.uptime.reason.dns',
  local_dns: 'cli.uptime.reason.local_dns',
  connect_refused: 'cli.uptime.reason.connect_refused',
  connect_reset: 'cli.uptime.reason.connect_reset',
  timeout: 'cli.uptime.reason.timeout',
  tls_invalid: 'cli.uptime.reason.tls_invalid',
  tls_expired: 'cli.uptime.reason.tls_expired',
  too_many_redirects: 'cli.uptime.reason.too_many_redirects',
  too_large: 'cli.uptime.reason.too_large',
  http_5xx: 'cli.uptime.reason.http_5xx',
  http_4xx: 'cli.uptime.reason.http_4xx',
  rate_limited: 'cli.uptime.reason.rate_limited',
  assertion: 'cli.uptime.reason.assertion',
  soft_assertion: 'cli.uptime.reason.soft_assertion',
  slow: 'cli.uptime.reason.slow',
  invalid_url: 'cli.uptime.reason.invalid_url',
  network: 'cli.uptime.reason.network',
  store_busy: 'cli.uptime.reason.store_busy',
  paused: 'cli.uptime.reason.paused',
  recovered: 'cli.uptime.reason.recovered',
  maintenance: 'cli.uptime.reason.maintenance',
  monitor_gap: 'cli.uptime.reason.monitor_gap',
  location_network: 'cli.uptime.reason.location_network',
  no_location: 'cli.uptime.reason.no_location',
  no_quorum: 'cli.uptime.reason.no_quorum',
} as const satisfies Record<string, MessageKey>;

/** What one location saw (its own probe, before any quorum). */
const LOCATION_OUTCOME_KEY = {
  up: STATE_KEY.up,
  degraded: STATE_KEY.degraded,
  failed: 'cli.uptime.outcome.failed',
  unknown: STATE_KEY.unknown,
} as const satisfies Record<string, MessageKey>;

/** A state's label; a state the map does not know (from an older store) is shown as it is. */
export const stateLabel = (state: string, lang: Lang) => labelOf(STATE_KEY, state, lang);
export const locationOutcomeLabel = (outcome: string, lang: Lang) => labelOf(LOCATION_OUTCOME_KEY, outcome, lang);

/** Both languages of each state, for the modules that still index by language (the report, the dashboard). */

/** Each location's view of an endpoint probed from several. */
export function locationLines(e: EndpointReport, lang: Lang): string[] {
  if (e.locations.length === 0) return [];
  const lines = [msg(lang, 'cli.uptime.byLocation')];
  for (const v of e.locations) {
    const last = v.last
      ? msg(lang, 'cli.uptime.seenAt', {
        what: `${locationOutcomeLabel(v.last.outcome, lang)}${v.last.reason ? ` (${reasonLabel(v.last.reason, lang)})` : ''}${v.last.statusCode ? `, HTTP ${v.last.statusCode}` : ''}${v.last.totalMs !== null ? `, ${Math.round(v.last.totalMs)} ms` : ''}`,
        at: formatInstant(v.last.roundAt, lang),
      })
      : '—';
    const c = v.counts;
    lines.push(msg(lang, 'cli.uptime.locationLine', {
      location: v.location, last, percent: formatPercent(v.availabilityPercent, lang),
      up: formatCount(c.up, lang), degraded: formatCount(c.degraded, lang), failed: formatCount(c.failed, lang), unknown: formatCount(c.unknown, lang),
    }));
  }
  if (e.partialRounds > 0) {
    lines.push(msg(lang, 'cli.uptime.partialRounds', { n: formatCount(e.partialRounds, lang) }));
  }
  return lines;
}

/** Times the distributed measurement was not whole. */
export function gapLines(report: UptimeReport, lang: Lang): string[] {
  if (report.gaps.length === 0) return [];
  const lines = [msg(lang, 'cli.uptime.gaps')];
  for (const g of report.gaps) {
    const what = g.scope === 'queue'
      ? msg(lang, 'cli.uptime.gapQueue')
      : msg(lang, 'cli.uptime.gapLocation', { location: g.location });
    lines.push(`  ${formatInstant(g.startedAt, lang)} → ${g.endedAt ? formatInstant(g.endedAt, lang) : msg(lang, 'cli.uptime.ongoing')}: ${what} (${gapReasonText(g.reason, lang)})`);
  }
  return lines;
}

export const reasonLabel = (reason: string, lang: Lang) => labelOf(REASON_KEY, reason, lang);

// Made once per language: a dashboard page formats hundreds of instants.
const DATE_TIME: Record<Lang, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: LOCAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: LOCAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
};
const dateTime = (lang: Lang) => DATE_TIME[lang];

export function formatInstant(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  return dateTime(lang).format(new Date(iso));
}

/** A local date "2026-11-20" as 20/11/2026. */
export const formatDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** A local date in the reader's way: 20/11/2026 in Vietnamese, 2026-11-20 in English. */
const localDate = (date: string, lang: Lang) => msg(lang, 'cli.uptime.localDate', { year: date.slice(0, 4), month: date.slice(5, 7), day: date.slice(8, 10) });

const ms = (v: number | null) => (v === null ? '—' : Number.isFinite(v) ? `${formatCount(v, 'en').replace(/,/g, '')} ms` : '> 60000 ms');

function figuresLine(f: PeriodFigures, lang: Lang): string {
  const c = f.counts;
  return msg(lang, 'cli.uptime.figures', {
    count: f.counted, percent: formatPercent(f.availabilityPercent, lang), counted: formatCount(f.counted, lang),
    up: formatCount(c.up, lang), degraded: formatCount(c.degraded, lang), down: formatCount(c.down, lang),
    maintenance: formatCount(c.maintenance, lang), unknown: formatCount(c.unknown, lang),
  });
}

/** What the last probe saw, for the operator asking "why is it down?". */
function lastProbeLines(p: LatestProbe, lang: Lang): string[] {
  const n = (v: number | null) => (v === null ? '—' : String(Math.round(v)));
  const status = p.statusCode === null ? msg(lang, 'cli.uptime.noAnswer') : `HTTP ${p.statusCode}`;
  const phases = msg(lang, 'cli.uptime.phases', { dns: n(p.dnsMs), connect: n(p.connectMs), tls: n(p.tlsMs), firstByte: n(p.firstByteMs) });
  const why = p.reason ? `; ${reasonLabel(p.reason, lang)}${p.detail ? ` — ${p.detail}` : ''}` : '';
  const lines = [msg(lang, 'cli.uptime.lastProbe', { at: formatInstant(p.at, lang), status, total: n(p.totalMs), phases, why })];
  if (p.redirects && p.redirects.length > 0) {
    const chain = [...p.redirects.map((r) => `${r.url} (${r.status})`), p.finalUrl ?? '?'].join(' → ');
    lines.push(msg(lang, 'cli.uptime.redirects', { chain }));
  }
  if (p.httpsRedirect !== null) {
    lines.push(msg(lang, 'cli.uptime.httpsRedirect', { answer: msg(lang, p.httpsRedirect ? 'cli.uptime.yes' : 'cli.uptime.no') }));
  }
  for (const a of (p.assertions ?? []).filter((x) => !x.ok)) {
    lines.push(msg(lang, a.soft ? 'cli.uptime.softConditionFailed' : 'cli.uptime.conditionFailed', { condition: a.condition, actual: String(a.actual) }));
  }
  return lines;
}

function endpointBlock(e: EndpointReport, lang: Lang): string[] {
  const lines = [`  ${e.endpoint}  ${e.url}${e.configured ? '' : msg(lang, 'cli.uptime.removed')}`];
  lines.push(msg(lang, 'cli.uptime.currentState', { state: stateLabel(e.state, lang), since: formatInstant(e.stateSince, lang), last: formatInstant(e.lastProbeAt, lang) }));
  if (e.lastProbe) lines.push(...lastProbeLines(e.lastProbe, lang));
  lines.push(...locationLines(e, lang));
  lines.push(msg(lang, 'cli.uptime.availability', { figures: figuresLine(e.total, lang) }));
  lines.push(msg(lang, 'cli.uptime.responseTime', { p50: ms(e.total.p50Ms), p95: ms(e.total.p95Ms) }));
  lines.push(msg(lang, 'cli.uptime.incidents', { n: e.incidents.length, downtime: formatDuration(e.downtimeMs, lang), mttr: formatDuration(e.mttrMs, lang) }));
  for (const i of e.incidents.slice(-20)) {
    const end = i.endedAt ? formatInstant(i.endedAt, lang) : msg(lang, 'cli.uptime.ongoing');
    const how = i.endedBy && i.endedBy !== 'recovered' ? `; ${reasonLabel(i.endedBy, lang)}` : '';
    const where = i.locations ? msg(lang, 'cli.uptime.incidentLocations', { locations: i.locations.join(', ') }) : '';
    lines.push(`      ${formatInstant(i.startedAt, lang)} → ${end} (${formatDuration(i.durationMs, lang)}): ${reasonLabel(i.cause, lang)}${how}${where}`);
  }
  if (e.incidents.length > 20) lines.push(msg(lang, 'cli.uptime.earlierIncidents', { count: e.incidents.length - 20 }));
  if (e.certificate) {
    const c = e.certificate;
    const left = c.daysLeft >= 0 ? msg(lang, 'cli.uptime.certDaysLeft', { count: c.daysLeft }) : msg(lang, 'cli.uptime.certExpired', { count: -c.daysLeft });
    lines.push(msg(lang, 'cli.uptime.certificate', { notAfter: formatInstant(c.notAfter, lang), left, issuer: c.issuer }));
  }
  if (e.months.length > 1) {
    lines.push(msg(lang, 'cli.uptime.byMonth'));
    for (const m of e.months) lines.push(`      ${m.month}  ${formatPercent(m.availabilityPercent, lang).padStart(10)}  ${msg(lang, 'cli.uptime.monthProbes', { count: m.counted, counted: formatCount(m.counted, lang) })}`);
  }
  if (e.days.length <= 62) {
    lines.push(msg(lang, 'cli.uptime.byDay'));
    const column = (key: MessageKey) => msg(lang, key);
    lines.push(`      ${column('cli.uptime.column.date').padEnd(10)}  ${column('cli.uptime.column.availability').padStart(10)}  ${column('cli.uptime.column.counted').padStart(7)}  ${column('cli.uptime.column.down').padStart(6)}  ${column('cli.uptime.column.maintenance').padStart(7)}  ${column('cli.uptime.column.unknown').padStart(7)}  ${'p50'.padStart(9)}  ${'p95'.padStart(9)}`);
    for (const d of e.days) {
      const avail = d.availabilityPercent === null ? '—' : formatPercent(d.availabilityPercent, lang);
      lines.push(`      ${formatDate(d.date)}  ${avail.padStart(10)}  ${formatCount(d.counted, lang).padStart(7)}  ${formatCount(d.counts.down, lang).padStart(6)}  ${formatCount(d.counts.maintenance, lang).padStart(7)}  ${formatCount(d.counts.unknown, lang).padStart(7)}  ${ms(d.p50Ms).padStart(9)}  ${ms(d.p95Ms).padStart(9)}`);
    }
  } else {
    lines.push(msg(lang, 'cli.uptime.tooManyDays'));
  }
  return lines;
}

export function renderUptimeTable(report: UptimeReport, lang: Lang): string {
  const lines = [
    msg(lang, 'cli.uptime.heading', { from: localDate(report.from, lang), to: localDate(report.to, lang) }),
    msg(lang, 'cli.uptime.formula', { formula: report.formula }),
    '',
  ];
  if (report.endpoints.length === 0) {
    lines.push(msg(lang, 'cli.uptime.noEndpoint'));
  }
  let portal = '';
  for (const e of report.endpoints) {
    if (e.portalId !== portal) {
      portal = e.portalId;
      lines.push(`${e.portalName} [${e.portalId}]`);
    }
    lines.push(...endpointBlock(e, lang), '');
  }
  const gaps = gapLines(report, lang);
  if (gaps.length) lines.push(...gaps, '');
  if (report.maintenance.length > 0) {
    lines.push(msg(lang, 'cli.uptime.maintenance'));
    for (const m of report.maintenance) {
      const notice = m.announcedOn === null
        ? msg(lang, 'cli.uptime.noAnnouncement')
        : msg(lang, 'cli.uptime.announced', { date: localDate(m.announcedOn, lang), count: m.workingDaysNotice ?? 0 });
      const verdict = msg(lang, m.announced ? 'cli.uptime.compliant' : 'cli.uptime.notCompliant');
      lines.push(`  ${m.id} [${m.portalId}${m.endpoints.length ? `: ${m.endpoints.join(', ')}` : ''}] ${formatInstant(m.startsAt, lang)} → ${formatInstant(m.endsAt, lang)}; ${notice}: ${verdict}${m.note ? ` — ${m.note}` : ''}`);
    }
  }
  return lines.join('\n').trimEnd().replaceAll(MISSING, msg(lang, 'cli.uptime.missing'));
}

/** A CSV field, quoted when needed; text that a spreadsheet would run as a formula is neutralised. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per endpoint and day: the counts an auditor recomputes the availability from. */
export function renderUptimeCsv(report: UptimeReport, lang: Lang): string {
  const rows = [msg(lang, 'cli.uptime.csvHeader')];
  const finite = (v: number | null) => (v === null ? null : Number.isFinite(v) ? v : null);
  for (const e of report.endpoints) {
    for (const d of e.days) {
      const c = d.counts;
      rows.push([d.date, e.portalId, e.endpoint, e.url, c.up, c.degraded, c.down, c.maintenance, c.unknown, d.failedProbes,
        d.availabilityPercent, finite(d.p50Ms), finite(d.p95Ms)].map(csvField).join(','));
    }
  }
  return rows.join('\n');
}
