// Evidence store: payload bodies content-addressed by SHA-256 and gzip-compressed, and one
// snapshot row per fetch saying when, where from, with which request, and what came back.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from './db.ts';

export interface SnapshotInput {
  runId: number | null;
  jobId: number | null;
  sourceId: string | null;
  url: string;
  method: string;
  /** Headers as sent (secrets already removed by the caller) and the request body. */
  request: { headers: Record<string, string>; body: string | null };
  fetchedAt: Date;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
}

export interface StoredSnapshot {
  id: number;
  runId: number | null;
  jobId: number | null;
  sourceId: string | null;
  url: string;
  method: string;
  request: { headers: Record<string, string>; body: string | null };
  fetchedAt: string;
  status: number;
  headers: Record<string, string>;
  contentType: string | null;
  sha256: string;
  durationMs: number;
}

export const sha256Hex = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

/** Stores a body once, by its SHA-256 (gzip-compressed); returns the hash. */
export function saveBlob(db: Db, body: Buffer): string {
  const sha256 = sha256Hex(body);
  db.prepare("INSERT INTO blob (sha256, size, compression, body) VALUES (?, ?, 'gzip', ?) ON CONFLICT (sha256) DO NOTHING")
    .run(sha256, body.length, gzipSync(body));
  return sha256;
}

/**
 * The snapshot already kept for this very fetch (same job, request, time and body), if any: a
 * worker's staged result ingested again after the coordinator died mid-ingest is one fetch, not two.
 */
export function findSnapshotOfFetch(db: Db, s: SnapshotInput): { id: number; sha256: string } | undefined {
  const sha256 = sha256Hex(s.body);
  const row = db.prepare(`SELECT id FROM snapshot WHERE job_id IS ? AND url = ? AND method = ? AND request_json = ? AND fetched_at = ? AND sha256 = ?`)
    .get(s.jobId, s.url, s.method, JSON.stringify(s.request), s.fetchedAt.toISOString(), sha256) as { id: number } | undefined;
  return row ? { id: row.id, sha256 } : undefined;
}

export function saveSnapshot(db: Db, s: SnapshotInput): { id: number; sha256: string } {
  const sha256 = sha256Hex(s.body);
  const insertSnapshot = db.prepare(`
    INSERT INTO snapshot (run_id, job_id, source_id, url, method, request_json, fetched_at, status,
                          headers_json, content_type, sha256, duration_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const id = db.transaction(() => {
    saveBlob(db, s.body);
    return insertSnapshot.run(
      s.runId, s.jobId, s.sourceId, s.url, s.method, JSON.stringify(s.request), s.fetchedAt.toISOString(),
      s.status, JSON.stringify(s.headers), s.headers['content-type'] ?? null, sha256, s.durationMs,
    ).lastInsertRowid;
  })();
  return { id: Number(id), sha256 };
}

interface SnapshotDbRow {
  id: number; run_id: number | null; job_id: number | null; source_id: string | null; url: string; method: string;
  request_json: string; fetched_at: string; status: number; headers_json: string; content_type: string | null;
  sha256: string; duration_ms: number;
}

export function getSnapshot(db: Db, id: number): StoredSnapshot | undefined {
  const r = db.prepare('SELECT * FROM snapshot WHERE id = ?').get(id) as SnapshotDbRow | undefined;
  if (!r) return undefined;
  return {
    id: r.id, runId: r.run_id, jobId: r.job_id, sourceId: r.source_id, url: r.url, method: r.method,
    request: JSON.parse(r.request_json), fetchedAt: r.fetched_at, status: r.status,
    headers: JSON.parse(r.headers_json), contentType: r.content_type, sha256: r.sha256, durationMs: r.duration_ms,
  };
}

/** The stored body, with its hash re-checked so that evidence tampered with is noticed. */
export function readBody(db: Db, sha256: string): { body: Buffer; intact: boolean } | undefined {
  const r = db.prepare('SELECT body FROM blob WHERE sha256 = ?').get(sha256) as { body: Buffer } | undefined;
  if (!r) return undefined;
  const body = gunzipSync(r.body);
  return { body, intact: sha256Hex(body) === sha256 };
}

export function snapshotsOfJob(db: Db, jobId: number): StoredSnapshot[] {
  const ids = db.prepare('SELECT id FROM snapshot WHERE job_id = ? ORDER BY id').pluck().all(jobId) as number[];
  return ids.map((id) => getSnapshot(db, id)!);
}

/** Every stored blob's hash, for a full re-check (`dvc-monitor db check --evidence`). */
export function allBlobHashes(db: Db): string[] {
  return db.prepare('SELECT sha256 FROM blob ORDER BY sha256').pluck().all() as string[];
}

/** A payload a month's figures were read from: what an auditor needs to find it again. */
export interface PeriodSnapshot { sha256: string; url: string; method: string; fetchedAt: string; status: number; sourceId: string | null }

/**
 * The payloads the stored figures of a month were read from (of these agencies, when given),
 * once each, in the order they were fetched.
 */
export function snapshotsOfPeriod(db: Db, period: string, agencyCodes?: readonly string[]): PeriodSnapshot[] {
  const rows = db.prepare(`SELECT DISTINCT s.id, s.sha256, s.url, s.method, s.fetched_at AS fetchedAt, s.status, s.source_id AS sourceId, m.agency_code AS agencyCode
    FROM measure m JOIN snapshot s ON s.id = m.snapshot_id WHERE m.period = ? ORDER BY s.id`).all(period) as Array<PeriodSnapshot & { id: number; agencyCode: string }>;
  const wanted = agencyCodes ? new Set(agencyCodes) : null;
  const seen = new Set<number>();
  const out: PeriodSnapshot[] = [];
  for (const r of rows) {
    if ((wanted && !wanted.has(r.agencyCode)) || seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({ sha256: r.sha256, url: r.url, method: r.method, fetchedAt: r.fetchedAt, status: r.status, sourceId: r.sourceId });
  }
  return out;
}
