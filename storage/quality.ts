// Quality flags: upserted by key (one per kind and subject), resolved when an evaluation of
// the same scope no longer finds them.
import type { QualityFlag, FlagKind } from '../src/quality/rules.ts';
import { flagKey } from '../src/quality/rules.ts';
import type { Db } from './db.ts';

export interface StoredFlag extends QualityFlag {
  id: number;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  runId: number | null;
}

const COLUMNS = `id, kind, source_id AS sourceId, agency_code AS agencyCode, metric, period, detail, run_id AS runId,
  first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt, resolved_at AS resolvedAt`;

/**
 * Records the flags found by an evaluation of `scope` (kinds × periods, or kinds × sources for
 * source-level flags), and resolves open flags of that scope that were not found again.
 */
export function recordFlags(
  db: Db,
  flags: readonly QualityFlag[],
  scope: { kinds: readonly FlagKind[]; periods?: readonly string[]; sourceIds?: readonly string[] },
  meta: { runId: number | null; now: Date },
): { opened: number; resolved: number } {
  const now = meta.now.toISOString();
  const upsert = db.prepare(`
    INSERT INTO quality_flag (key, kind, source_id, agency_code, metric, period, detail, run_id, first_seen_at, last_seen_at)
    VALUES (@key, @kind, @sourceId, @agencyCode, @metric, @period, @detail, @runId, @now, @now)
    ON CONFLICT (key) DO UPDATE SET detail = excluded.detail, run_id = excluded.run_id, last_seen_at = excluded.last_seen_at,
      resolved_at = NULL,
      first_seen_at = CASE WHEN quality_flag.resolved_at IS NULL THEN quality_flag.first_seen_at ELSE excluded.first_seen_at END`);
  return db.transaction(() => {
    const found = new Set<string>();
    let opened = 0;
    for (const f of flags) {
      const key = flagKey(f);
      if (found.has(key)) continue;
      found.add(key);
      const before = db.prepare('SELECT resolved_at IS NULL AS open FROM quality_flag WHERE key = ?').get(key) as { open: number } | undefined;
      upsert.run({ ...f, key, runId: meta.runId, now });
      if (!before || !before.open) opened++;
    }
    const kinds = scope.kinds.map(() => '?').join(',');
    const where = scope.periods
      ? `period IN (${scope.periods.map(() => '?').join(',')})`
      : `source_id IN (${(scope.sourceIds ?? []).map(() => '?').join(',') || "''"})`;
    const open = db.prepare(`SELECT id, key FROM quality_flag WHERE resolved_at IS NULL AND kind IN (${kinds}) AND ${where}`)
      .all(...scope.kinds, ...(scope.periods ?? scope.sourceIds ?? [])) as Array<{ id: number; key: string }>;
    const resolve = db.prepare('UPDATE quality_flag SET resolved_at = ? WHERE id = ?');
    let resolved = 0;
    for (const row of open) {
      if (!found.has(row.key)) {
        resolve.run(now, row.id);
        resolved++;
      }
    }
    return { opened, resolved };
  })();
}

export function openFlags(db: Db, filter: { period?: string; agencyCode?: string; metric?: string; kind?: string } = {}): StoredFlag[] {
  const clauses = ['resolved_at IS NULL'];
  const params: string[] = [];
  for (const [column, value] of [['period', filter.period], ['agency_code', filter.agencyCode], ['metric', filter.metric], ['kind', filter.kind]] as const) {
    if (value !== undefined) {
      clauses.push(`${column} = ?`);
      params.push(value);
    }
  }
  return db.prepare(`SELECT ${COLUMNS} FROM quality_flag WHERE ${clauses.join(' AND ')} ORDER BY period, agency_code, kind, metric`).all(...params) as StoredFlag[];
}
