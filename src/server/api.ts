// The read-only JSON API behind the dashboard, and the one state-changing call (ack an alert),
// which needs the token. Answers are the same structures the CLI prints with --format json.
import { acknowledgeAlert, getAlert, listAlerts, outboxCounts } from '../../storage/alerts.ts';
import type { Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';
import { quarantinedOf } from '../cli/render-kpi.ts';
import { describeBreach, type Facts } from '../quality/plausibility.ts';
import type { DashboardData } from './data.ts';
import type { StatusModel } from './status/model.ts';

export type ApiAnswer = { status: number; body: unknown };

const LEVELS = ['ministry', 'province', 'commune'];

export function overviewApi(data: DashboardData, period: string, lang: Lang, level: string | null): ApiAnswer {
  if (level !== null && !LEVELS.includes(level)) return { status: 400, body: { error: msg(lang, 'server.error.level', { level }) } };
  const o = data.overview(period, lang);
  // Communes are thousands: only on request, like `dvc-monitor kpi --level commune`.
  const levels = level === null ? ['ministry', 'province'] : [level];
  // Figures carry the quarantined values they leave out (`excluded`); the list says why, in the language asked.
  const quarantined = quarantinedOf([...o.aggregates, ...o.agencies]).map((q) => ({ ...q, reason: describeBreach(q as typeof q & { facts: Facts }, lang) }));
  return { status: 200, body: { period, aggregates: o.aggregates, agencies: o.agencies.filter((a) => levels.includes(a.level)), quarantined } };
}

export function agencyApi(data: DashboardData, code: string, period: string, lang: Lang): ApiAnswer {
  const o = data.overview(period, lang);
  const agency = [...o.aggregates, ...o.agencies].find((a) => a.agencyCode === code);
  if (!agency) return { status: 404, body: { error: msg(lang, 'server.error.agencyNoFigures', { code, period }) } };
  const series = data.seriesOf(code, period).map((p) => ({ period: p.period, rates: Object.fromEntries(Object.entries(p.kpis ?? {}).map(([k, v]) => [k, v.rate])) }));
  return { status: 200, body: { period, ...agency, series } };
}

export function portalsApi(data: DashboardData, lang: Lang, portalId?: string): ApiAnswer {
  if (portalId !== undefined && !data.loaded.config.portals.some((p) => p.id === portalId)) {
    return { status: 404, body: { error: msg(lang, 'server.error.portalNotConfigured', { portal: portalId, portals: data.loaded.config.portals.map((p) => p.id).join(', ') }) } };
  }
  const report = data.uptimeReport(lang, portalId);
  // The list leaves out the per-day rows (365 per endpoint): one portal's answer has them.
  return { status: 200, body: portalId !== undefined ? report : { ...report, endpoints: report.endpoints.map(({ days: _days, ...e }) => e) } };
}

export function alertsApi(data: DashboardData, activeOnly: boolean): ApiAnswer {
  return { status: 200, body: { alerts: listAlerts(data.db, { activeOnly }), outbox: outboxCounts(data.db) } };
}

export function alertApi(data: DashboardData, id: number, lang: Lang): ApiAnswer {
  const alert = getAlert(data.db, id);
  return alert ? { status: 200, body: alert } : { status: 404, body: { error: msg(lang, 'server.error.noAlert', { id }) } };
}

export function ackApi(data: DashboardData, id: number, now: Date, lang: Lang): ApiAnswer {
  const alert = getAlert(data.db, id);
  if (!alert) return { status: 404, body: { error: msg(lang, 'server.error.noAlert', { id }) } };
  const changed = acknowledgeAlert(data.db, id, now);
  return { status: 200, body: { id, acknowledged: changed || alert.acknowledgedAt !== null, alreadyAcknowledged: !changed && alert.acknowledgedAt !== null, status: alert.status } };
}

/** The public status page as data: public portals only (the same as /status shows). */
export function statusApi(model: StatusModel): ApiAnswer {
  return { status: 200, body: model };
}
