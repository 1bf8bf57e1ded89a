// Calling a collector's normaliser directly: payloads built in the test, the built-in registry.
import type { PayloadView } from '../../collectors/types.ts';
import { PayloadFailure } from '../../src/normalise/measure.ts';
import { builtInAgencies, type Agency } from '../../src/registry/agencies.ts';
import { registryLookup } from '../../src/run/registry-lookup.ts';
import type { JobSpec } from '../../src/run/job.ts';

const WARD: Agency = { code: 'xa:dn-haichau', name: 'Phường Hải Châu', level: 'commune', validFrom: '2025-07-01', validTo: null, succeededBy: null, gatewayCode: null, parent: 'tinh:48', origin: 'config' };
export const registry = registryLookup([...builtInAgencies(), WARD]);

export const jobFor = (period: string, params: Record<string, unknown> = {}): JobSpec =>
  ({ key: 'k', kind: 'collect', sourceId: 's', portalId: null, period, params });

export const payload = (body: unknown, url = 'http://127.0.0.1:1/x'): PayloadView =>
  ({ url, status: 200, body: Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });

/** The named failure a call raises (sync or async). */
export async function failureOf(fn: () => unknown): Promise<{ reason: string; message: string }> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof PayloadFailure) return { reason: err.reason, message: err.message };
    throw err;
  }
  throw new Error('expected a PayloadFailure');
}

export const valueOf = (r: { measures: Array<{ agencyCode: string; metric: string; value: number | null; nullReason: string | null }> }, agencyCode: string, metric: string) =>
  r.measures.find((m) => m.agencyCode === agencyCode && m.metric === metric);
