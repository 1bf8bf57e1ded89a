// An alert as a person reads it on a page: its state and severity in words, a subject that names
// the portal or agency (not the dedupe key), and its facts as labelled values — numbers rounded
// the local way, instants in Vietnam time — never raw JSON. Pure.
import { formatPercent, numberFormat, type Lang } from '../i18n.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import { msg, msgBoth, type MessageKey } from '../messages/index.ts';
import { flagDetail } from '../quality/flag-detail.ts';
import { failureReason } from './messages.ts';
import { LOCAL_TIME_ZONE } from '../time/period.ts';
import type { Severity } from './types.ts';

export const ALERT_STATUS_NAME: Record<string, { vi: string; en: string }> = {
  pending: msgBoth('alert.status.pending'),
  open: msgBoth('alert.status.open'),
  resolved: msgBoth('alert.status.resolved'),
};

export const ALERT_SEVERITY_NAME: Record<Severity, { vi: string; en: string }> = {
  critical: msgBoth('alert.severity.critical'),
  warning: msgBoth('alert.severity.warning'),
  info: msgBoth('alert.severity.info'),
};

const FACT_LABEL = {
  portal: 'alert.fact.portal', portalName: 'alert.fact.portalName', url: 'alert.fact.url',
  since: 'alert.fact.since', reason: 'alert.fact.reason', endpoint: 'alert.fact.endpoint',
  kpi: 'alert.fact.kpi', agency: 'alert.fact.agency', agencyName: 'alert.fact.agency',
  period: 'alert.fact.period', previousPeriod: 'alert.fact.previousPeriod', current: 'alert.fact.value',
  previous: 'alert.fact.previous', drop: 'alert.fact.drop',
  threshold: 'alert.fact.threshold', target: 'alert.fact.target', expiresAt: 'alert.fact.expiresAt',
  daysLeft: 'alert.fact.daysLeft', issuer: 'alert.fact.issuer', subject: 'alert.fact.subject',
  host: 'alert.fact.host', tracker: 'alert.fact.tracker',
  page: 'alert.fact.page', violation: 'alert.fact.violation', impact: 'alert.fact.impact',
  source: 'alert.fact.source', failedRuns: 'alert.fact.failedRuns', reasons: 'alert.fact.reasons',
  detail: 'alert.fact.detail', metric: 'alert.fact.metric', value: 'alert.fact.value', rule: 'alert.fact.rule',
  criterion: 'alert.fact.criterion', criterionTitle: 'alert.fact.criterionTitle', outcome: 'alert.fact.outcome',
  leftOut: 'alert.fact.leftOut', kind: 'alert.fact.kind',
} as const satisfies Record<string, MessageKey>;

/** Labels that read the same in both languages, so the catalogue (which keeps only translations) does not hold them. */
const SAME_IN_BOTH: Record<string, string> = { cookie: 'Cookie' };

const factLabel = (key: string, lang: Lang) =>
  (Object.hasOwn(FACT_LABEL, key) ? msg(lang, FACT_LABEL[key as keyof typeof FACT_LABEL]) : SAME_IN_BOTH[key] ?? key);

/** Facts that are rates in percent (the rest are counts, text or instants). */
const PERCENT_FACTS = new Set(['current', 'previous', 'target']);
// Made once per language: a page of alerts shows many instants.
const INSTANT: Record<Lang, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: LOCAL_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: LOCAL_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }),
};
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

function factValue(key: string, v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (PERCENT_FACTS.has(key)) return formatPercent(v, lang);
    return numberFormat(lang, 0, 2).format(v);
  }
  if (typeof v === 'string') {
    if (ISO_INSTANT.test(v)) {
      return msg(lang, 'alert.localTime', { time: INSTANT[lang].format(new Date(v)) });
    }
    if (key === 'kpi') return ALL_KPIS.find((k) => k.id === v)?.title[lang] ?? v;
    // A data-quality flag's finding, stored in English: said again in the reader's language.
    if (key === 'detail') return flagDetail(v, lang);
    if (key === 'reason' || key === 'reasons') return failureReason(v, lang);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => factValue(key, x, lang)).join(', ');
  if (typeof v === 'object' && (v as Record<string, unknown>)[lang] !== undefined) return String((v as Record<string, unknown>)[lang]);
  return JSON.stringify(v);
}

/** The facts as labelled values, in the order the rule recorded them. */
export function readableFacts(facts: Record<string, unknown>, lang: Lang): Array<{ label: string; value: string }> {
  return Object.entries(facts).map(([key, v]) => ({ label: factLabel(key, lang), value: factValue(key, v, lang) }));
}

/**
 * Whom the alert is about, by name: "Cổng DVC Hà Nội — điểm đo home", "Thành phố Hà Nội — Tỷ lệ hồ
 * sơ trực tuyến", or the source for a collector. Subjects are "portal|endpoint", "agency|kpi", …
 */
export function readableSubject(
  alert: { rule: string; subject: string; portalId: string | null; agencyCode: string | null },
  names: { portal: (id: string) => string | undefined; agency: (code: string) => string | undefined },
  lang: Lang,
): string {
  const [first = '', second = ''] = alert.subject.split('|');
  if (alert.portalId) {
    const portal = names.portal(alert.portalId) ?? alert.portalId;
    if (alert.rule.startsWith('portal.')) return msg(lang, 'alert.subject.endpoint', { portal, endpoint: second || first });
    return second ? `${portal} — ${second}` : portal;
  }
  if (alert.rule.startsWith('kpi.')) {
    const kpi = ALL_KPIS.find((k) => k.id === second)?.title[lang] ?? second;
    return `${names.agency(first) ?? first} — ${kpi}`;
  }
  if (alert.rule === 'data.anomaly') {
    const [, agency = '', metric = '', period = ''] = alert.subject.split('|');
    return `${names.agency(agency) ?? agency} — ${metric}, ${period}`;
  }
  if (alert.rule === 'collector.failing' || alert.rule === 'source.stale') return msg(lang, 'alert.subject.source', { source: alert.subject });
  return alert.subject;
}
