// /healthz: what a load balancer, a container runtime or an uptime checker asks of `serve`.
// 503 only when this process cannot serve the truth (the store does not answer, or its schema is
// older than this build: run `dvc-monitor db migrate`); a stopped `start` service is "degraded",
// 200, with the reason: the dashboard still shows what was measured, and /metrics says how old.
import type { Db } from '../../storage/db.ts';
import { schemaVersions } from '../../storage/db.ts';
import { lockHolder } from '../../storage/service.ts';
import { LOCK_NAME, LOCK_STALE_MS } from '../service/service.ts';
import { TOOL_VERSION } from '../version.ts';

export interface Health {
  status: 'ok' | 'degraded' | 'failing';
  version: string;
  /** Why the status is not "ok", in English for the logs of whatever polls it. */
  problems: string[];
  store: { ok: boolean; schema: { applied: number | null; known: number } | null };
  service: { running: boolean; pid: number | null; host: string | null; heartbeatAt: string | null; heartbeatAgeSeconds: number | null };
}

export function health(db: Db, now: Date): { httpStatus: 200 | 503; body: Health } {
  const problems: string[] = [];
  let schema: Health['store']['schema'] = null;
  let service: Health['service'] = { running: false, pid: null, host: null, heartbeatAt: null, heartbeatAgeSeconds: null };
  let storeOk = true;
  try {
    const versions = schemaVersions(db);
    const applied = versions.applied.length ? Math.max(...versions.applied) : null;
    const known = Math.max(0, ...versions.known);
    schema = { applied, known };
    if (applied === null || applied < known) problems.push(`the store's schema is at ${applied ?? 'none'}, this build needs ${known}: run dvc-monitor db migrate`);
    const holder = lockHolder(db, LOCK_NAME);
    if (holder) {
      const age = Math.max(0, (now.getTime() - Date.parse(holder.heartbeatAt)) / 1000);
      service = { running: age * 1000 <= LOCK_STALE_MS, pid: holder.pid, host: holder.host, heartbeatAt: holder.heartbeatAt, heartbeatAgeSeconds: Math.round(age) };
      if (!service.running) problems.push(`the dvc-monitor start service last beat ${Math.round(age)} s ago (process ${holder.pid} on ${holder.host}): nothing is being probed or collected`);
    } else {
      problems.push('no dvc-monitor start service holds this store: nothing is being probed or collected');
    }
  } catch (err) {
    storeOk = false;
    problems.push(`the store does not answer: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500));
  }
  const failing = !storeOk || schema === null || schema.applied === null || schema.applied < schema.known;
  return {
    httpStatus: failing ? 503 : 200,
    body: { status: failing ? 'failing' : service.running ? 'ok' : 'degraded', version: TOOL_VERSION, problems, store: { ok: storeOk, schema }, service },
  };
}

export function readiness(db: Db): [number, unknown] {
  try {
    db.prepare('SELECT 1').get();
    const { applied, known } = schemaVersions(db);
    const missing = known.filter((v) => !applied.includes(v));
    if (missing.length > 0) return [503, { status: 'not_ready', reason: `the store lacks migrations ${missing.join(', ')}. Fix: run dvc-monitor db migrate` }];
    return [200, { status: 'ready', schema: Math.max(0, ...applied) }];
  } catch (err) {
    return [503, { status: 'not_ready', reason: `the store does not answer: ${(err as Error).message}` }];
  }
}
