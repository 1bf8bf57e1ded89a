import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { ConfigSchema } from '../../src/config/schema.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { evaluateQuality } from '../../src/quality/evaluate.ts';
import { runMeasurement } from '../../src/run/nightly.ts';
import { builtInAgencies } from '../../src/registry/agencies.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { upsertMeasures } from '../../storage/measures.ts';
import { openFlags } from '../../storage/quality.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { addJobs, completeJob, createRun, listJobs } from '../../storage/runs.ts';
import { sandboxConfig } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

const quality = ConfigSchema.parse({ version: 1 }).quality;

function storeWith(measures: Array<[string, string, string, number | null]>, updatedAt = new Date('2026-11-20T00:00:00Z')): { db: Db; runId: number } {
  const db = openStore(join(tempDir(), 'q.sqlite'));
  syncRegistry(db, builtInAgencies(), [], [{ id: 'src', kind: 'national-portal', portalId: null, priority: 0, settings: {} }]);
  const run = createRun(db, { trigger: 'test', plan: {}, pid: 1, host: 'h', now: updatedAt, toolVersion: 't', nodeVersion: 'n', configHash: 'c' });
  addJobs(db, run.id, [{ key: 'src/test', kind: 'collect', sourceId: 'src', portalId: null, period: null, params: {} }]);
  const [job] = listJobs(db, run.id);
  const inputs = measures.map(([agencyCode, metric, period, value]) => ({ agencyCode, metric, period, value, nullReason: value === null ? 'not_available: the portal wrote "N/A" (HS_TOTAL)' : null, snapshotId: null }));
  completeJob(db, job!, inputs, [], updatedAt);
  return { db, runId: run.id };
}

describe('data-quality evaluation on a real store', () => {
  it('flags missing, inconsistent and outlier values, and resolves them once repaired', () => {
    const history: Array<[string, string, string, number | null]> = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09'].map((p) => ['tinh:01', 'dossiers.received', p, 1000]);
    const { db, runId } = storeWith([
      ...history,
      ['tinh:01', 'dossiers.received', '2026-10', 50_000],
      ['tinh:01', 'dossiers.received_online', '2026-10', 60_000],
      ['tinh:04', 'dossiers.received', '2026-10', null],
    ]);
    const now = new Date('2026-11-21T00:00:00Z');
    // The 50,000 (50 times its history) and 60,000 (more than its total) are also held back from every figure.
    expect(evaluateQuality(db, { runId, periods: ['2026-10'], sourceIds: ['src'], quality, now })).toEqual({ opened: 3, resolved: 0, quarantined: 2, unquarantined: 0 });
    const kinds = openFlags(db, { period: '2026-10' }).map((f) => `${f.kind} ${f.agencyCode} ${f.metric}`).sort();
    expect(kinds).toEqual(['inconsistent tinh:01 dossiers.received_online', 'missing tinh:04 dossiers.received', 'outlier tinh:01 dossiers.received']);

    // Evaluating again changes nothing; repairing the data resolves the flags.
    expect(evaluateQuality(db, { runId, periods: ['2026-10'], sourceIds: ['src'], quality, now })).toEqual({ opened: 0, resolved: 0, quarantined: 0, unquarantined: 0 });
    upsertMeasures(db, [
      { agencyCode: 'tinh:01', metric: 'dossiers.received', period: '2026-10', value: 1100, nullReason: null, snapshotId: null },
      { agencyCode: 'tinh:01', metric: 'dossiers.received_online', period: '2026-10', value: 600, nullReason: null, snapshotId: null },
      { agencyCode: 'tinh:04', metric: 'dossiers.received', period: '2026-10', value: 900, nullReason: null, snapshotId: null },
    ], { sourceId: 'src', runId, now });
    expect(evaluateQuality(db, { runId, periods: ['2026-10'], sourceIds: ['src'], quality, now })).toEqual({ opened: 0, resolved: 3, quarantined: 0, unquarantined: 2 });
    expect(openFlags(db)).toEqual([]);
  });

  it('flags a source with no new data for longer than staleAfterDays', () => {
    const { db, runId } = storeWith([['tinh:01', 'dossiers.received', '2026-10', 1000]], new Date('2026-11-01T00:00:00Z'));
    evaluateQuality(db, { runId, periods: [], sourceIds: ['src'], quality, now: new Date('2026-11-03T00:00:00Z') });
    expect(openFlags(db, { kind: 'stale' })).toEqual([]);
    evaluateQuality(db, { runId, periods: [], sourceIds: ['src'], quality, now: new Date('2026-11-05T00:00:00Z') });
    expect(openFlags(db, { kind: 'stale' })[0]).toMatchObject({ sourceId: 'src', detail: expect.stringMatching(/no new data since 2026-11-01T00:00:00\.000Z \(over 3 days\)/) });
  });
});

describe('a source that changes shape', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('is flagged when the same request that answered before now extracts nothing, and cleared when it answers again', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    const log = createLogger('silent');
    const run = async () => {
      const http = createHttpClient({ retries: 0 });
      try {
        return await runMeasurement({ db, loaded: sandboxConfig(sandbox.url), plan: { periods: ['2026-04'] }, http, log });
      } finally {
        await http.close();
      }
    };
    expect((await run()).quality).toEqual({ opened: 0, resolved: 0, quarantined: 0, unquarantined: 0 });
    sandbox.setFault('gateway:report_tinh_766_service', { mode: 'empty_array' });
    try {
      expect((await run()).quality!.opened).toBe(1);
    } finally {
      sandbox.setFault('gateway:report_tinh_766_service', null);
    }
    const [flag] = openFlags(db, { kind: 'source_changed' });
    expect(flag!.detail).toMatch(/gateway\/index_766\/ministry\/2026-04: empty/);
    expect((await run()).quality).toEqual({ opened: 0, resolved: 1, quarantined: 0, unquarantined: 0 });
  });
});
