// Runs sources from a YAML snippet against a started sandbox through the real runner: the
// real HTTP client, a real SQLite file, evidence stored as in production.
import { parseConfig } from '../../src/config/load.ts';
import { createHttpClient, type HttpLimits } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { runMeasurement, type RunSummary } from '../../src/run/nightly.ts';
import type { Db } from '../../storage/db.ts';

export interface CollectOptions {
  env?: Record<string, string | undefined>;
  limits?: Partial<HttpLimits>;
  /** YAML for the top-level `agencies:` list. */
  agencies?: string;
}

export function collectorConfig(sources: string, agencies = '') {
  return `version: 1\nagencies:\n${agencies || '  []'}\nsources:\n${sources}`;
}

export async function collect(db: Db, sources: string, periods: string[], options: CollectOptions = {}): Promise<RunSummary> {
  const loaded = parseConfig(collectorConfig(sources, options.agencies), 'test.yaml', {});
  const http = createHttpClient({ retries: 1, retryBaseDelayMs: 10, totalTimeoutMs: 5000, ...options.limits });
  try {
    return await runMeasurement({ db, loaded, plan: { periods }, http, log: createLogger('silent'), env: options.env ?? {} });
  } finally {
    await http.close();
  }
}

export const measureValue = (db: Db, agency: string, metric: string, period: string) =>
  db.prepare('SELECT value, null_reason AS nullReason FROM measure WHERE agency_code = ? AND metric = ? AND period = ?').get(agency, metric, period) as
    { value: number | null; nullReason: string | null } | undefined;

export const dumpMeasures = (db: Db) =>
  db.prepare('SELECT agency_code, metric, period, value, null_reason, snapshot_id FROM measure ORDER BY agency_code, metric, period').all();

/** The jobs of the newest run with their failure and notes. */
export const lastRunJobs = (db: Db) =>
  (db.prepare(`SELECT key, status, failure_reason AS reason, failure_message AS message, notes_json AS notes, id
               FROM job WHERE run_id = (SELECT max(id) FROM run) ORDER BY id`).all() as Array<{ key: string; status: string; reason: string | null; message: string | null; notes: string | null; id: number }>)
    .map((j) => ({ ...j, notes: j.notes ? (JSON.parse(j.notes) as Array<Record<string, string>>) : [] }));

export const snapshotsOfJobId = (db: Db, jobId: number) =>
  db.prepare('SELECT id, url, status, request_json AS request, sha256 FROM snapshot WHERE job_id = ? ORDER BY id').all(jobId) as
    Array<{ id: number; url: string; status: number; request: string; sha256: string }>;

/**
 * HTTP limits for a run under a fault: a short deadline only against a slow answer (the sandbox
 * waits 3 s, the client gives up at 1.2 s), so no other fault races a loaded machine's clock.
 */
export const limitsFor = (fault: { mode: string }) =>
  fault.mode === 'slow' ? { headersTimeoutMs: 800, bodyTimeoutMs: 800, totalTimeoutMs: 1200 } : {};
