// For load balancers and orchestrators: /healthz says the process answers; /readyz says it can
// serve figures (the store answers a query and its schema is the one this build knows).
import type { Db } from '../../storage/db.ts';
import { schemaVersions } from '../../storage/db.ts';
import { TOOL_VERSION } from '../version.ts';

export function health(): [number, unknown] {
  return [200, { status: 'ok', version: TOOL_VERSION }];
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
