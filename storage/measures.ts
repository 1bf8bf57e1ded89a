// Canonical measures: one value per agency, metric and period, upserted so a rerun changes
// nothing. A missing value never overwrites a known one.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';

export interface MeasureInput {
  agencyCode: string;
  metric: string;
  period: string;
  value: number | null;
  /** Required when value is null: why it is missing ("not_available: HS_TOTAL was \"N/A\""). */
  nullReason: string | null;
  snapshotId: number | null;
  /** Where in the snapshot the value was read, e.g. "[12].HS_TOTAL" (row 12 of a JSON array). */
  locator?: string | null;
}

export interface MeasureRow {
  agencyCode: string;
  metric: string;
  period: string;
  value: number | null;
  nullReason: string | null;
  snapshotId: number | null;
  locator: string | null;
  sourceId: string | null;
  runId: number | null;
  updatedAt: string;
}

const UPSERT_SQL = `
  INSERT INTO measure (agency_code, metric, period, value, null_reason, snapshot_id, locator, source_id, run_id, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (period, metric, agency_code) DO UPDATE SET
    value = excluded.value, null_reason = excluded.null_reason, snapshot_id = excluded.snapshot_id, locator = excluded.locator,
    source_id = excluded.source_id, run_id = excluded.run_id, updated_at = excluded.updated_at
  WHERE (excluded.value IS NOT NULL OR measure.value IS NULL)
    AND (excluded.value IS NOT measure.value OR excluded.null_reason IS NOT measure.null_reason)
    -- Another source's figure is replaced only by a source of higher priority.
    AND (excluded.source_id IS measure.source_id OR measure.source_id IS NULL
      OR (SELECT priority FROM source WHERE id = excluded.source_id) > (SELECT priority FROM source WHERE id = measure.source_id))`;

// Preparing is a measurable share of a small batch: one statement per connection. (Multi-row
// VALUES statements were tried and measured slower with better-sqlite3.)
const upsertStatements = new WeakMap<Db, Statement>();

/**
 * Upserts a batch. Call inside a transaction for speed and atomicity. Returns how many rows
 * were inserted or changed (an identical value is left alone, so reruns report 0).
 */
export function upsertMeasures(db: Db, measures: readonly MeasureInput[], meta: { sourceId: string | null; runId: number | null; now: Date }): number {
  let stmt = upsertStatements.get(db);
  if (!stmt) upsertStatements.set(db, (stmt = db.prepare(UPSERT_SQL)));
  const updatedAt = meta.now.toISOString();
  let changed = 0;
  for (const m of measures) {
    changed += stmt.run(m.agencyCode, m.metric, m.period, m.value, m.nullReason, m.snapshotId, m.locator ?? null, meta.sourceId, meta.runId, updatedAt).changes;
  }
  return changed;
}

export interface SourceDisagreement {
  agencyCode: string;
  metric: string;
  period: string;
  value: number;
  otherSourceId: string;
  otherValue: number;
  /** The other source's priority (0 when it is no longer configured). */
  otherPriority: number;
}

/**
 * Where another source already stored a different value for a measure in `measures`: read
 * before the upsert, so a disagreement is seen whichever source wins it.
 */
export function disagreements(db: Db, sourceId: string, measures: readonly MeasureInput[]): SourceDisagreement[] {
  const incoming = new Map<string, MeasureInput>();
  const keys = new Set<string>();
  for (const m of measures) {
    if (m.value === null) continue;
    incoming.set(`${m.period}|${m.metric}|${m.agencyCode}`, m);
    keys.add(`${m.period}|${m.metric}`);
  }
  const others = db.prepare(`SELECT m.agency_code, m.value, m.source_id, coalesce(s.priority, 0) FROM measure m LEFT JOIN source s ON s.id = m.source_id
    WHERE m.period = ? AND m.metric = ? AND m.value IS NOT NULL AND m.source_id IS NOT NULL AND m.source_id <> ?`).raw();
  const found: SourceDisagreement[] = [];
  for (const key of keys) {
    const [period, metric] = key.split('|') as [string, string];
    for (const [agencyCode, otherValue, otherSourceId, otherPriority] of others.all(period, metric, sourceId) as Array<[string, number, string, number]>) {
      const mine = incoming.get(`${key}|${agencyCode}`);
      if (mine && mine.value !== otherValue) found.push({ agencyCode, metric, period, value: mine.value!, otherSourceId, otherValue, otherPriority });
    }
  }
  return found;
}

const MEASURE_COLUMNS = `agency_code AS agencyCode, metric, period, value, null_reason AS nullReason,
  snapshot_id AS snapshotId, locator, source_id AS sourceId, run_id AS runId, updated_at AS updatedAt`;


/** agency code → value (null when stored as missing); no prototype, so only stored codes answer. */
export type AgencyValues = Readonly<Record<string, number | null | undefined>>;

export interface PeriodValues {
  /** metric → agency → value. */
  byMetric: Map<string, AgencyValues>;
  /** Why each missing value is missing. */
  missing: Array<{ agencyCode: string; metric: string; nullReason: string | null }>;
}

/**
 * Only what KPIs need (no provenance columns): the overview reads tens of thousands of these.
 * One query per metric, its agencies and values handed over as one JSON object: no row object,
 * no metric read back per row, and agency codes parsed once as keys, which takes a national
 * period from ~45 ms (a row object per measure) to ~15 ms. SQLite writes REAL values in JSON
 * with round-trip precision.
 */
export function periodValues(db: Db, period: string, metrics: readonly string[], agencyCodes?: readonly string[]): PeriodValues {
  // Only some agencies (one agency's series): seeks on the full primary key, not the period's scan.
  const only = agencyCodes ? 'AND agency_code IN (SELECT value FROM json_each(?))' : '';
  const codes = agencyCodes ? [JSON.stringify(agencyCodes)] : [];
  const byMetric = new Map<string, AgencyValues>();
  const stmt = db.prepare(`SELECT json_group_object(agency_code, value) FROM measure WHERE period = ? AND metric = ? ${only}`).pluck();
  for (const metric of new Set(metrics)) {
    byMetric.set(metric, Object.setPrototypeOf(JSON.parse(stmt.get(period, metric, ...codes) as string), null) as AgencyValues);
  }
  const placeholders = metrics.map(() => '?').join(',');
  const missing = db
    .prepare(`SELECT agency_code AS agencyCode, metric, null_reason AS nullReason FROM measure WHERE period = ? AND metric IN (${placeholders}) AND value IS NULL ${only}`)
    .all(period, ...metrics, ...codes) as PeriodValues['missing'];
  return { byMetric, missing };
}

/** Every measure of a range of periods (inclusive). */
export function allMeasuresBetween(db: Db, from: string, to: string): MeasureRow[] {
  return db.prepare(`SELECT ${MEASURE_COLUMNS} FROM measure WHERE period BETWEEN ? AND ?`).all(from, to) as MeasureRow[];
}

/** Measures of the given metrics for a range of periods (inclusive), e.g. an agency's history. */
export function measuresBetween(db: Db, from: string, to: string, metrics: readonly string[]): MeasureRow[] {
  const placeholders = metrics.map(() => '?').join(',');
  return db
    .prepare(`SELECT ${MEASURE_COLUMNS} FROM measure WHERE period BETWEEN ? AND ? AND metric IN (${placeholders})`)
    .all(from, to, ...metrics) as MeasureRow[];
}

export function getMeasure(db: Db, agencyCode: string, metric: string, period: string): MeasureRow | undefined {
  return db.prepare(`SELECT ${MEASURE_COLUMNS} FROM measure WHERE agency_code = ? AND metric = ? AND period = ?`)
    .get(agencyCode, metric, period) as MeasureRow | undefined;
}


/** The newest month any measure is stored for, null for an empty store. */
export function newestMeasuredPeriod(db: Db): string | null {
  return (db.prepare('SELECT max(period) FROM measure').pluck().get() as string | null) ?? null;
}

export function countMeasures(db: Db, period?: string): number {
  if (period !== undefined) return db.prepare('SELECT count(*) FROM measure WHERE period = ?').pluck().get(period) as number;
  return db.prepare('SELECT count(*) FROM measure').pluck().get() as number;
}

/** Every stored measure of a period whose metric starts with `prefix` ("ytd." for year-to-date figures). */
export function measuresWithPrefix(db: Db, period: string, prefix: string): MeasureRow[] {
  // A range on the primary key's metric column instead of LIKE, whose "_" would be a wildcard.
  return db
    .prepare(`SELECT agency_code AS agencyCode, metric, period, value, null_reason AS nullReason,
                     snapshot_id AS snapshotId, source_id AS sourceId, run_id AS runId, updated_at AS updatedAt
              FROM measure WHERE period = ? AND metric >= ? AND metric < ?`)
    .all(period, prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)) as MeasureRow[];
}

/**
 * Changes whenever what the KPIs read may have changed: measures (written only as a job
 * completes), quarantine episodes and data-quality flags. The dashboard keeps its figures while
 * this stays the same, so the prober's writes every second do not make it compute them again.
 */
export function kpiInputsFingerprint(db: Db): string {
  return db.prepare(`SELECT
      (SELECT count(*) || ':' || ifnull(max(finished_at), '') || ':' || total(measures_written) FROM job) || '|' ||
      (SELECT count(*) || ':' || ifnull(max(quarantined_at), '') || ':' || ifnull(max(ended_at), '') FROM quarantine) || '|' ||
      (SELECT count(*) || ':' || ifnull(max(last_seen_at), '') || ':' || ifnull(max(resolved_at), '') FROM quality_flag)`).pluck().get() as string;
}

/** The first and last month holding any measure, or null when none is stored. */
export function storedPeriodRange(db: Db): { first: string; last: string } | null {
  const first = db.prepare('SELECT min(period) FROM measure').pluck().get() as string | null;
  const last = db.prepare('SELECT max(period) FROM measure').pluck().get() as string | null;
  return first && last ? { first, last } : null;
}
