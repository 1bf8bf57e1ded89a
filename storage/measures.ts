// Canonical measures: one value per agency, metric and period, upserted so a rerun changes
// nothing. A missing value never overwrites a known one.
import type { Db } from './db.ts';

export interface MeasureInput {
  agencyCode: string;
  metric: string;
  period: string;
  value: number | null;
  /** Required when value is null: why it is missing ("not_available: HS_TOTAL was \"N/A\""). */
  nullReason: string | null;
  snapshotId: number | null;
}

export interface MeasureRow {
  agencyCode: string;
  metric: string;
  period: string;
  value: number | null;
  nullReason: string | null;
  snapshotId: number | null;
  sourceId: string | null;
  runId: number | null;
  updatedAt: string;
}

/**
 * Upserts a batch. Call inside a transaction for speed and atomicity. Returns how many rows
 * were inserted or changed (an identical value is left alone, so reruns report 0).
 */
export function upsertMeasures(db: Db, measures: MeasureInput[], meta: { sourceId: string | null; runId: number | null; now: Date }): number {
  const stmt = db.prepare(`
    INSERT INTO measure (agency_code, metric, period, value, null_reason, snapshot_id, source_id, run_id, updated_at)
    VALUES (@agencyCode, @metric, @period, @value, @nullReason, @snapshotId, @sourceId, @runId, @updatedAt)
    ON CONFLICT (agency_code, metric, period) DO UPDATE SET
      value = excluded.value, null_reason = excluded.null_reason, snapshot_id = excluded.snapshot_id,
      source_id = excluded.source_id, run_id = excluded.run_id, updated_at = excluded.updated_at
    WHERE (excluded.value IS NOT NULL OR measure.value IS NULL)
      AND (excluded.value IS NOT measure.value OR excluded.null_reason IS NOT measure.null_reason)`);
  const updatedAt = meta.now.toISOString();
  let changed = 0;
  for (const m of measures) {
    changed += stmt.run({ ...m, sourceId: meta.sourceId, runId: meta.runId, updatedAt }).changes;
  }
  return changed;
}

export function measuresForPeriod(db: Db, period: string, metrics: readonly string[]): MeasureRow[] {
  const placeholders = metrics.map(() => '?').join(',');
  return db
    .prepare(`SELECT agency_code AS agencyCode, metric, period, value, null_reason AS nullReason,
                     snapshot_id AS snapshotId, source_id AS sourceId, run_id AS runId, updated_at AS updatedAt
              FROM measure WHERE period = ? AND metric IN (${placeholders})`)
    .all(period, ...metrics) as MeasureRow[];
}

export function countMeasures(db: Db): number {
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
