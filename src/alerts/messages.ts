// Alert messages as people read them: Vietnamese by default, English on request, in the
// users' own terms, each with a link to the evidence. Facts may come from portals: channels
// escape them for their own format.
import type { AlertRecord } from '../../storage/alerts.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import { reasonLabel } from '../cli/render-uptime.ts';
import { formatDuration, formatMonthLabel, formatPercent, formatPoints, type Lang } from '../i18n.ts';
import { labelOf, msg, type MessageKey } from '../messages/index.ts';
import { flagDetail } from '../quality/flag-detail.ts';
import { flagKindTitle } from '../quality/flag-kinds.ts';
import { describeBreach, type Facts } from '../quality/plausibility.ts';
import type { AlertEvent, Severity } from './types.ts';

export interface AlertMessage {
  alertId: number | null;
  event: AlertEvent | 'test';
  rule: string;
  subject: string;
  severity: Severity;
  lang: Lang;
  title: string;
  text: string;
  link: string;
  facts: Record<string, unknown>;
  openedAt: string | null;
  resolvedAt: string | null;
  /**
   * When the condition began (a portal's first failed probe, else the first evaluation that saw it)
   * and, for a resolved notice, how long it lasted until resolvedAt. Absent from messages queued by
   * versions before 0.2.
   */
  startedAt?: string | null;
  durationMs?: number | null;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const pct = (v: unknown, lang: Lang) => (typeof v === 'number' ? formatPercent(v, lang) : '—');
const month = (v: unknown, lang: Lang) => formatMonthLabel(str(v), lang);
const list = (v: unknown) => (v as string[] | undefined)?.join(', ') ?? '';
/** Why a collection job failed (its payload, its sign-in, the tool); network reasons are the uptime report's. */
const PAYLOAD_REASON = {
  not_json: 'alert.payloadReason.notJson', malformed_json: 'alert.payloadReason.malformedJson', unexpected_shape: 'alert.payloadReason.unexpectedShape',
  empty: 'alert.payloadReason.empty', truncated: 'alert.payloadReason.truncated', not_csv: 'alert.payloadReason.notCsv', malformed_csv: 'alert.payloadReason.malformedCsv',
  not_xlsx: 'alert.payloadReason.notXlsx', malformed_xlsx: 'alert.payloadReason.malformedXlsx', not_html: 'alert.payloadReason.notHtml',
  wrong_period: 'alert.payloadReason.wrongPeriod', aborted: 'alert.payloadReason.aborted',
  missing_secret: 'alert.payloadReason.missingSecret', auth_rejected: 'alert.payloadReason.authRejected', auth_unavailable: 'alert.payloadReason.authUnavailable',
  unauthorized: 'alert.payloadReason.unauthorized', browser_unavailable: 'alert.payloadReason.browserUnavailable', store_error: 'alert.payloadReason.storeError',
  source_removed: 'alert.payloadReason.sourceRemoved', internal_error: 'alert.payloadReason.internalError',
} as const satisfies Record<string, MessageKey>;
/** A failure reason (timeout, http_5xx, unexpected_shape…) in the reader's words; a reason nobody names is shown as recorded. */
export const failureReason = (code: string, lang: Lang) => (Object.hasOwn(PAYLOAD_REASON, code) ? label(PAYLOAD_REASON, code, lang) : reasonLabel(code, lang));
const reasons = (v: unknown, lang: Lang) => (v as string[] | undefined)?.map((r) => failureReason(r, lang)).join(', ') ?? '';
const kpiTitle = (id: unknown, lang: Lang) => ALL_KPIS.find((k) => k.id === id)?.title[lang] ?? str(id);
/** A block compared like with like: the agencies left out of both months (quarantined values). */
const leftOut = (f: Record<string, unknown>, lang: Lang) => (Array.isArray(f.leftOut) && f.leftOut.length
  ? msg(lang, 'alert.text.leftOut', { agencies: f.leftOut.join(', ') })
  : '');
// Date.toLocaleString's own fields (date and time, seconds included), made once per language.
const WHEN = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' } as const;
const LOCAL_TIME: Record<Lang, Intl.DateTimeFormat> = { vi: new Intl.DateTimeFormat('vi-VN', WHEN), en: new Intl.DateTimeFormat('en-GB', WHEN) };
/** A fact's instant in Vietnam time; a fact that is not a time is shown as it came (formatting it would throw). */
export function localTime(iso: unknown, lang: Lang): string {
  if (typeof iso !== 'string') return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : msg(lang, 'alert.localTime', { time: LOCAL_TIME[lang].format(at) });
}

/** A check's outcome and a violation's impact in the reader's words; a code we do not know is shown as stored. */
const OUTCOME = { fail: 'alert.outcome.fail', cant_tell: 'alert.outcome.cantTell', error: 'alert.outcome.error' } as const satisfies Record<string, MessageKey>;
const IMPACT = { critical: 'alert.impact.critical', serious: 'alert.impact.serious' } as const satisfies Record<string, MessageKey>;
const label = <T extends Record<string, MessageKey>>(map: T, code: unknown, lang: Lang) => (typeof code === 'string' ? labelOf(map, code, lang) : str(code));

/** One sentence per rule, from the facts the rule recorded. */
const DESCRIBE: Record<string, (f: Record<string, unknown>, lang: Lang) => string> = {
  'kpi.drop': (f, lang) => msg(lang, 'alert.text.kpiDrop', {
    kpi: kpiTitle(f.kpi, lang), agency: str(f.agencyName), period: month(f.period, lang), current: pct(f.current, lang),
    drop: formatPoints(Number(f.drop), lang), previousPeriod: month(f.previousPeriod, lang), previous: pct(f.previous, lang), threshold: str(f.threshold),
  }) + leftOut(f, lang),
  'kpi.below_target': (f, lang) => msg(lang, 'alert.text.kpiBelowTarget', {
    kpi: kpiTitle(f.kpi, lang), agency: str(f.agencyName), period: month(f.period, lang), current: pct(f.current, lang), target: pct(f.target, lang),
  }) + leftOut(f, lang),
  'collector.failing': (f, lang) => msg(lang, 'alert.text.collectorFailing', { source: str(f.source), failedRuns: str(f.failedRuns), reasons: reasons(f.reasons, lang) }),
  'source.stale': (f, lang) => msg(lang, 'alert.text.sourceStale', { source: str(f.source), detail: flagDetail(str(f.detail), lang) }),
  'data.anomaly': (f, lang) => (f.kind === 'quarantined'
    ? msg(lang, 'alert.text.quarantined', {
      agency: str(f.agency), metric: str(f.metric), period: month(f.period, lang),
      why: describeBreach({ metric: str(f.metric), value: Number(f.value), rule: str(f.rule), facts: (f.ruleFacts ?? {}) as Facts }, lang),
    })
    : msg(lang, 'alert.text.countAnomaly', { kind: flagKindTitle(str(f.kind), lang), agency: str(f.agency), metric: str(f.metric), period: month(f.period, lang), detail: flagDetail(str(f.detail), lang) })),
  'portal.down': (f, lang) => msg(lang, 'alert.text.portalDown', { portal: str(f.portalName ?? f.portal), url: str(f.url), since: localTime(f.since, lang), reason: failureReason(str(f.reason), lang) }),
  'portal.partially_reachable': (f, lang) => msg(lang, 'alert.text.partiallyReachable', {
    portal: str(f.portalName ?? f.portal), url: str(f.url), locations: list(f.unreachableFrom), since: localTime(f.since, lang), reason: failureReason(str(f.reason), lang),
  }),
  'portal.certificate_expiring': (f, lang) => msg(lang, 'alert.text.certificateExpiring', { url: str(f.url), expiresAt: localTime(f.expiresAt, lang), daysLeft: str(f.daysLeft) }),
  'check.regressed': (f, lang) => msg(lang, 'alert.text.checkRegressed', {
    criterion: str(f.criterion), criterionTitle: str((f.criterionTitle as Record<Lang, string> | null)?.[lang]), portal: str(f.portal), outcome: label(OUTCOME, f.outcome, lang),
  }),
  'check.new_tracker': (f, lang) => msg(lang, 'alert.text.newTracker', { portal: str(f.portal), host: str(f.host) }),
  'check.new_cookie': (f, lang) => msg(lang, 'alert.text.newCookie', { portal: str(f.portal), cookie: str(f.cookie) }),
  'check.new_violation': (f, lang) => msg(lang, 'alert.text.newViolation', { portal: str(f.portal), impact: label(IMPACT, f.impact, lang), violation: str(f.violation), page: str(f.page) }),
};

const EVENT_PREFIX = {
  opened: 'alert.event.opened',
  reminder: 'alert.event.reminder',
  resolved: 'alert.event.resolved',
  test: 'alert.event.test',
} as const satisfies Record<AlertEvent | 'test', MessageKey>;

export function describeAlert(rule: string, facts: Record<string, unknown>, lang: Lang): string {
  return DESCRIBE[rule]?.(facts, lang) ?? `${rule}: ${JSON.stringify(facts).slice(0, 500)}`;
}

/** When the condition began: the portal's first failed probe when the rule knows it, else the first evaluation that saw it firing. */
export const conditionStart = (alert: Pick<AlertRecord, 'facts' | 'firstFiredAt'>) =>
  (typeof alert.facts.since === 'string' && !Number.isNaN(Date.parse(alert.facts.since)) ? alert.facts.since : alert.firstFiredAt);

/** "Bắt đầu …; kết thúc …; kéo dài 2 giờ 5 phút.": what a person reading a resolved notice asks first. */
function resolvedNote(startedAt: string, resolvedAt: string, durationMs: number, lang: Lang): string {
  return msg(lang, 'alert.text.resolved', { startedAt: localTime(startedAt, lang), endedAt: localTime(resolvedAt, lang), duration: formatDuration(durationMs, lang) });
}

export function renderAlertMessage(alert: AlertRecord, event: AlertEvent, lang: Lang, linkBase: string, ruleTitle: { vi: string; en: string } | undefined): AlertMessage {
  const text = describeAlert(alert.rule, alert.facts, lang);
  const startedAt = conditionStart(alert);
  const durationMs = event === 'resolved' && alert.resolvedAt ? Math.max(0, Date.parse(alert.resolvedAt) - Date.parse(startedAt)) : null;
  return {
    alertId: alert.id, event, rule: alert.rule, subject: alert.subject, severity: alert.severity, lang,
    title: `[${msg(lang, EVENT_PREFIX[event])}] ${ruleTitle?.[lang] ?? alert.rule}`,
    text: text + (durationMs !== null ? resolvedNote(startedAt, alert.resolvedAt!, durationMs, lang) : ''),
    link: `${linkBase.replace(/\/$/, '')}/alerts/${alert.id}`,
    facts: alert.facts, openedAt: alert.openedAt, resolvedAt: alert.resolvedAt, startedAt, durationMs,
  };
}

export function testMessage(channelId: string, lang: Lang, linkBase: string, now: Date): AlertMessage {
  return {
    alertId: null, event: 'test', rule: 'test', subject: channelId, severity: 'info', lang,
    title: `[${msg(lang, EVENT_PREFIX.test)}] dvc-monitor`,
    text: msg(lang, 'alert.text.test', { channel: channelId, at: localTime(now.toISOString(), lang) }),
    link: linkBase, facts: {}, openedAt: null, resolvedAt: null,
  };
}
