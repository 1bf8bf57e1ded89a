import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listMigrations, migrate, openStore, StoreError } from '../../storage/db.ts';
import { readBody, saveSnapshot } from '../../storage/evidence.ts';
import { periodValues, upsertMeasures } from '../../storage/measures.ts';
import { indexMeasures, periodIndex } from '../../src/kpi/headline.ts';
import { kpiOverview } from '../../src/kpi/overview.ts';
import { syncRegistry, getAgency, listAgencies } from '../../storage/registry.ts';
import { builtInAgencies } from '../../src/registry/agencies.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('SQLite store', () => {
  it('creates a WAL store with every table and records the migrations', () => {
    const db = openStore(join(tempDir(), 'a', 'store.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const t of ['agency', 'portal', 'source', 'run', 'job', 'blob', 'snapshot', 'measure', 'probe', 'probe_rollup', 'check_result', 'finding', 'alert', 'outbox']) {
      expect(tables).toContain(t);
    }
    expect(migrate(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM schema_migration').pluck().get()).toBe(listMigrations().length);
    db.close();
  });

  it('refuses a store whose applied migration was edited afterwards', () => {
    const dir = tempDir();
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    for (const f of readdirSync('storage/migrations')) copyFileSync(join('storage/migrations', f), join(migrations, f));
    const db = openStore(join(dir, 's.sqlite'), { migrate: false });
    migrate(db, listMigrations(migrations));
    writeFileSync(join(migrations, '002_runs.sql'), '-- edited\n');
    expect(() => migrate(db, listMigrations(migrations))).toThrow(StoreError);
    expect(() => migrate(db, listMigrations(migrations))).toThrow(/002_runs\.sql was changed after it was applied/);
    db.close();
  });

  it('holds the agency registry with the merger links', () => {
    const db = openStore(':memory:');
    syncRegistry(db, builtInAgencies(), [], []);
    expect(listAgencies(db)).toHaveLength(1 + 17 + 63 + 34);
    expect(getAgency(db, 'tinh63:30')).toMatchObject({ name: 'Tỉnh Hải Dương', validTo: '2025-06-30', succeededBy: 'tinh:31' });
    expect(getAgency(db, 'tinh:31')).toMatchObject({ name: 'Thành phố Hải Phòng', validFrom: '2025-07-01', succeededBy: null });
    // Syncing again changes nothing.
    syncRegistry(db, builtInAgencies(), [], []);
    expect(listAgencies(db)).toHaveLength(115);
  });

  it('upserts measures: a rerun changes nothing and a missing value never replaces a known one', () => {
    const db = openStore(':memory:');
    syncRegistry(db, builtInAgencies(), [], []);
    const now = new Date('2026-11-01T00:00:00Z');
    const meta = { sourceId: 's', runId: null, now };
    const known = { agencyCode: 'tinh:01', metric: 'dossiers.received', period: '2026-10', value: 1234, nullReason: null, snapshotId: null };
    expect(upsertMeasures(db, [known], meta)).toBe(1);
    expect(upsertMeasures(db, [known], meta)).toBe(0);
    expect(upsertMeasures(db, [{ ...known, value: null, nullReason: 'not_available' }], meta)).toBe(0);
    expect(db.prepare('SELECT value FROM measure').pluck().get()).toBe(1234);
    expect(upsertMeasures(db, [{ ...known, value: 1300 }], meta)).toBe(1);
    expect(db.prepare('SELECT value FROM measure').pluck().get()).toBe(1300);
    // A value first seen missing is stored as NULL with its reason, and filled in later.
    const missing = { ...known, metric: 'dossiers.synced', value: null, nullReason: 'missing: the field is empty (DB_TOTAL)' };
    expect(upsertMeasures(db, [missing], meta)).toBe(1);
    expect(db.prepare("SELECT value, null_reason AS r FROM measure WHERE metric = 'dossiers.synced'").get()).toEqual({ value: null, r: missing.nullReason });
    expect(() => upsertMeasures(db, [{ ...missing, nullReason: null }], meta)).toThrow(/CHECK constraint/);
  });

  it('keeps evidence content-addressed and notices a tampered body', () => {
    const db = openStore(':memory:');
    const snap = (body: string) => saveSnapshot(db, {
      runId: null, jobId: null, sourceId: null, url: 'http://127.0.0.1/x', method: 'GET', request: { headers: {}, body: null },
      fetchedAt: new Date(), status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body), durationMs: 1,
    });
    const a = snap('[{"HS_TOTAL":"1"}]');
    const b = snap('[{"HS_TOTAL":"1"}]');
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    expect(db.prepare('SELECT count(*) FROM blob').pluck().get()).toBe(1);
    expect(readBody(db, a.sha256)).toEqual({ body: Buffer.from('[{"HS_TOTAL":"1"}]'), intact: true });
    db.prepare('UPDATE blob SET body = ? WHERE sha256 = ?').run(gzipSync('[{"HS_TOTAL":"9"}]'), a.sha256);
    expect(readBody(db, a.sha256)!.intact).toBe(false);
  });

  it('reads a stored period into the same KPI figures as the measures themselves, missing reasons included', () => {
    const db = openStore(join(tempDir(), 'values.sqlite'));
    const agencies = builtInAgencies();
    syncRegistry(db, agencies, [], []);
    const provinces = agencies.filter((a) => a.level === 'province' && a.validTo === null);
    const measures = provinces.flatMap((p, i) => [
      { agencyCode: p.code, metric: 'dossiers.received', period: '2026-10', value: 1000 + i, nullReason: null, snapshotId: null },
      // Every fifth province could not be read: the rate must be missing with this reason.
      i % 5 === 0
        ? { agencyCode: p.code, metric: 'dossiers.received_online', period: '2026-10', value: null, nullReason: 'not_available: "N/A" (HTN_TRUCTUYEN)', snapshotId: null }
        : { agencyCode: p.code, metric: 'dossiers.received_online', period: '2026-10', value: 500 + i, nullReason: null, snapshotId: null },
      // Another month must not leak into October's figures.
      { agencyCode: p.code, metric: 'dossiers.received', period: '2026-09', value: 1, nullReason: null, snapshotId: null },
    ]);
    upsertMeasures(db, measures, { sourceId: 's', runId: null, now: new Date('2026-11-01T00:00:00Z') });
    const metrics = ['dossiers.received', 'dossiers.received_online'];
    const input = { period: '2026-10', today: '2026-11-22', agencies, targets: { defaults: {}, rules: [] } };
    const fromStore = kpiOverview({ ...input, values: periodIndex(periodValues(db, '2026-10', metrics)) });
    const fromMeasures = kpiOverview({ ...input, values: indexMeasures(measures.filter((m) => m.period === '2026-10')) });
    expect(fromStore).toEqual(fromMeasures);
    const first = fromStore.agencies.find((a) => a.agencyCode === provinces[0]!.code)!.kpis['rate.online_dossiers'];
    expect(first).toMatchObject({ rate: null, missingReason: expect.stringContaining('not_available: "N/A" (HTN_TRUCTUYEN)') });
    const second = fromStore.agencies.find((a) => a.agencyCode === provinces[1]!.code)!.kpis['rate.online_dossiers'];
    expect(second).toMatchObject({ numerator: 501, denominator: 1001 });
    // Decimals come back exact, and a code nobody stored answers nothing (not Object.prototype's).
    upsertMeasures(db, [{ agencyCode: provinces[2]!.code, metric: 'index766.total', period: '2026-10', value: 12.345678901234567, nullReason: null, snapshotId: null }], { sourceId: 's', runId: null, now: new Date('2026-11-01T00:00:00Z') });
    const index = periodIndex(periodValues(db, '2026-10', ['index766.total']));
    expect(index.value(provinces[2]!.code, 'index766.total')).toBe(12.345678901234567);
    expect(index.value('constructor', 'index766.total')).toBeUndefined();
    expect(index.value('__proto__', 'index766.total')).toBeUndefined();
    // Only some agencies (an agency's series): theirs and nobody else's, missing reasons included.
    const some = periodValues(db, '2026-10', metrics, [provinces[0]!.code, provinces[1]!.code]);
    expect(Object.keys(some.byMetric.get('dossiers.received')!).sort()).toEqual([provinces[0]!.code, provinces[1]!.code].sort());
    expect(some.missing).toEqual([{ agencyCode: provinces[0]!.code, metric: 'dossiers.received_online', nullReason: 'not_available: "N/A" (HTN_TRUCTUYEN)' }]);
    db.close();
  });
});
