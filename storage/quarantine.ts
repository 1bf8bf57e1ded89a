// Quarantined values (migration 012): opened and closed by src/quality/quarantine.ts, released
// by an operator; read by every output that shows figures.
import type { Db } from './db.ts';

export type QuarantineStatus = 'quarantined' | 'released' | 'confirmed' | 'superseded' | 'cleared';

export interface QuarantineRow {
  id: number;
  period: string;
  metric: string;
  agencyCode: string;
  value: number;
  rule: string;
  facts: Record<string, number | string | string[]>;
  sourceId: string | null;
  runId: number | null;
  status: QuarantineStatus;
  quarantinedAt: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
}

export interface NewQuarantine {
  period: string;
  metric: string;
  agencyCode: string;
  value: number;
  rule: string;
  facts: Record<string, unknown>;
  sourceId: string | null;
  runId: number | null;
}

const COLUMNS = `id, period, metric, agency_code AS agencyCode, value, rule, facts_json AS facts, source_id AS sourceId, run_id AS runId,
  status, quarantined_at AS quarantinedAt, ended_at AS endedAt, ended_by AS endedBy, end_reason AS endReason`;

const toRow = (r: QuarantineRow & { facts: string }): QuarantineRow => ({ ...r, facts: JSON.parse(r.facts) });

export interface QuarantineFilter {
  periods?: readonly string[];
  agencyCode?: string;
  metric?: string;
  /** Only those still held back (default), or every episode. */
  all?: boolean;
}

export function listQuarantine(db: Db, filter: QuarantineFilter = {}): QuarantineRow[] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (!filter.all) clauses.push("status = 'quarantined'");
  if (filter.periods) {
    clauses.push('period IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.periods));
  }
  if (filter.agencyCode !== undefined) {
    clauses.push('agency_code = ?');
    params.push(filter.agencyCode);
  }
  if (filter.metric !== undefined) {
    clauses.push('metric = ?');
    params.push(filter.metric);
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  return (db.prepare(`SELECT ${COLUMNS} FROM quarantine ${where} ORDER BY period, agency_code, metric, id`).all(...params) as Array<QuarantineRow & { facts: string }>).map(toRow);
}

/** Open quarantines of a range of periods, as agency|metric|period keys: the values history leaves out. */
export function quarantinedKeysBetween(db: Db, from: string, to: string): Set<string> {
  const rows = db.prepare("SELECT agency_code || '|' || metric || '|' || period FROM quarantine WHERE status = 'quarantined' AND period BETWEEN ? AND ?").pluck().all(from, to) as string[];
  return new Set(rows);
}

/** Values an operator released, or a later collection confirmed, by agency|metric|period: not judged again while they stand. */
export function exemptValues(db: Db, periods: readonly string[]): Map<string, number[]> {
  const rows = db.prepare(`SELECT agency_code || '|' || metric || '|' || period AS key, value FROM quarantine
    WHERE status IN ('released', 'confirmed') AND period IN (SELECT value FROM json_each(?))`).all(JSON.stringify(periods)) as Array<{ key: string; value: number }>;
  const out = new Map<string, number[]>();
  for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), r.value]);
  return out;
}

export function openQuarantine(db: Db, q: NewQuarantine, now: Date): void {
  db.prepare(`INSERT INTO quarantine (period, metric, agency_code, value, rule, facts_json, source_id, run_id, status, quarantined_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'quarantined', ?)`).run(q.period, q.metric, q.agencyCode, q.value, q.rule, JSON.stringify(q.facts), q.sourceId, q.runId, now.toISOString());
}

/** Ends an open quarantine; false when it was no longer open. */
export function endQuarantine(db: Db, id: number, end: { status: Exclude<QuarantineStatus, 'quarantined'>; by: string | null; reason: string; now: Date }): boolean {
  return db.prepare(`UPDATE quarantine SET status = ?, ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ? AND status = 'quarantined'`)
    .run(end.status, end.now.toISOString(), end.by, end.reason, id).changes === 1;
}

/** The values held back in a period, for the KPI readers: agency → metric → what and why. */
export function quarantinedIn(db: Db, period: string, metrics: readonly string[], agencyCodes?: readonly string[]): QuarantineRow[] {
  const only = agencyCodes ? 'AND agency_code IN (SELECT value FROM json_each(?))' : '';
  return (db.prepare(`SELECT ${COLUMNS} FROM quarantine WHERE status = 'quarantined' AND period = ? AND metric IN (SELECT value FROM json_each(?)) ${only}`)
    .all(period, JSON.stringify(metrics), ...(agencyCodes ? [JSON.stringify(agencyCodes)] : [])) as Array<QuarantineRow & { facts: string }>).map(toRow);
}

/** The non-null values of a period with each agency's level and source: what plausibility judges. */
export function periodValuesWithLevel(db: Db, period: string): Array<{ agencyCode: string; metric: string; value: number; level: string | null; sourceId: string | null }> {
  return db.prepare(`SELECT m.agency_code AS agencyCode, m.metric, m.value, a.level, m.source_id AS sourceId
    FROM measure m LEFT JOIN agency a ON a.code = m.agency_code WHERE m.period = ? AND m.value IS NOT NULL`).all(period) as Array<{ agencyCode: string; metric: string; value: number; level: string | null; sourceId: string | null }>;
}

/** A stored value as [agency, metric, period, value]: history is read by the tens of thousands. */
export type HistoryRow = [agencyCode: string, metric: string, period: string, value: number];

/**
 * Earlier values (a range of periods) of the count metrics that have a history (dossiers,
 * payments, procedures, services), of some agencies and metrics or all, oldest period first.
 */
export function historyOf(db: Db, from: string, to: string, only: { agencyCodes?: readonly string[]; metrics?: readonly string[] } = {}): HistoryRow[] {
  const clauses = ["(metric >= 'dossiers.' AND metric < 'dossiers/' OR metric >= 'payments.' AND metric < 'payments/' OR metric >= 'procedures.' AND metric < 'procedures/' OR metric >= 'services.' AND metric < 'services/')"];
  const params: string[] = [from, to];
  if (only.agencyCodes) {
    clauses.push('agency_code IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(only.agencyCodes));
  }
  if (only.metrics) {
    clauses.push('metric IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(only.metrics));
  }
  return db.prepare(`SELECT agency_code, metric, period, value FROM measure WHERE period BETWEEN ? AND ? AND value IS NOT NULL AND ${clauses.join(' AND ')} ORDER BY period`)
    .raw().all(...params) as HistoryRow[];
}
