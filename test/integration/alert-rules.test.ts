// Each regression rule fires on a scripted regression and resolves when it is repaired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { evaluateAlerts, RUN_RULES } from '../../src/alerts/evaluate.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { runMeasurement } from '../../src/run/nightly.ts';
import { listAlerts } from '../../storage/alerts.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { upsertMeasures } from '../../storage/measures.ts';
import { recordFlags } from '../../storage/quality.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { sandboxConfig } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

const log = createLogger('silent');
const NOW = new Date('2026-11-22T03:00:00.000Z');
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function store(): Db {
  const db = openStore(join(tempDir(), 'rules.sqlite'));
  syncRegistry(db, sandboxConfig(sandbox.url).agencies, [], [{ id: 'gateway', kind: 'national-portal', portalId: null, priority: 0, settings: {} }]);
  return db;
}

const active = (db: Db, rule: string) => listAlerts(db, { activeOnly: true }).filter((a) => a.rule === rule);
const evaluate = (db: Db, now = NOW) => evaluateAlerts(db, sandboxConfig(sandbox.url), { now, log, rules: RUN_RULES });

function onlineRate(db: Db, period: string, online: number): void {
  upsertMeasures(db, [
    { agencyCode: 'tinh:01', metric: 'dossiers.received', period, value: 1000, nullReason: null, snapshotId: null },
    { agencyCode: 'tinh:01', metric: 'dossiers.received_online', period, value: online, nullReason: null, snapshotId: null },
  ], { sourceId: 'gateway', runId: null, now: NOW });
}

describe('KPI rules', () => {
  it('fire when a KPI falls by the threshold and below its target, and resolve when it recovers', () => {
    const db = store();
    onlineRate(db, '2026-09', 600);
    onlineRate(db, '2026-10', 450);
    evaluate(db);
    const [drop] = active(db, 'kpi.drop');
    expect(drop).toMatchObject({ subject: 'tinh:01|rate.online_dossiers', status: 'open', severity: 'critical', agencyCode: 'tinh:01' });
    expect(drop!.facts).toMatchObject({ previous: 60, current: 45, drop: 15, threshold: 5, period: '2026-10' });
    expect(active(db, 'kpi.below_target')[0]).toMatchObject({ subject: 'tinh:01|rate.online_dossiers', facts: { current: 45, target: 50 } });

    // Still below next evaluation: the alert stays open, it does not fire twice.
    evaluate(db);
    expect(listAlerts(db).filter((a) => a.rule === 'kpi.below_target')).toHaveLength(1);

    onlineRate(db, '2026-10', 590);
    evaluate(db);
    expect(active(db, 'kpi.drop')).toEqual([]);
    expect(active(db, 'kpi.below_target')).toEqual([]);
    expect(listAlerts(db).filter((a) => a.status === 'resolved').map((a) => a.rule).sort()).toEqual(['kpi.below_target', 'kpi.drop']);
  });

  it('do not call an agency that was always below target a regression', () => {
    const db = store();
    onlineRate(db, '2026-09', 400);
    onlineRate(db, '2026-10', 398);
    evaluate(db);
    expect(active(db, 'kpi.below_target')).toEqual([]);
    expect(active(db, 'kpi.drop')).toEqual([]);
  });
});

describe('collection rules', () => {
  it('collector.failing fires after the configured number of failed runs and resolves on success', async () => {
    const db = store();
    const loaded = sandboxConfig(sandbox.url);
    const http = createHttpClient({ retries: 0 });
    const run = () => runMeasurement({ db, loaded, plan: { periods: ['2026-05'] }, http, log });
    try {
      sandbox.setFault('gateway', { mode: 'http_5xx', status: 502 });
      for (let i = 1; i <= 3; i++) {
        await run();
        evaluate(db);
        expect(active(db, 'collector.failing')).toHaveLength(i < 3 ? 0 : 1);
      }
      expect(active(db, 'collector.failing')[0]!.facts).toMatchObject({ source: 'gateway', reasons: ['http_5xx'] });
      sandbox.setFault('gateway', null);
      await run();
      evaluate(db);
      expect(active(db, 'collector.failing')).toEqual([]);
    } finally {
      sandbox.setFault('gateway', null);
      await http.close();
    }
  });

  it('source.stale and data.anomaly follow the data-quality flags', () => {
    const db = store();
    const stale = { kind: 'stale' as const, sourceId: 'gateway', agencyCode: null, metric: null, period: null, detail: 'no new data since 2026-11-10' };
    const outlier = { kind: 'outlier' as const, sourceId: 'gateway', agencyCode: 'tinh:01', metric: 'dossiers.received', period: '2026-10', detail: '50000 is over 10× the median' };
    const old = { ...outlier, period: '2025-01' };
    recordFlags(db, [stale], { kinds: ['stale'], sourceIds: ['gateway'] }, { runId: null, now: NOW });
    recordFlags(db, [outlier, old], { kinds: ['outlier'], periods: ['2026-10', '2025-01'] }, { runId: null, now: NOW });
    evaluate(db);
    expect(active(db, 'source.stale')).toMatchObject([{ subject: 'gateway' }]);
    // Only anomalies of the months still collected are news.
    expect(active(db, 'data.anomaly')).toMatchObject([{ subject: 'outlier|tinh:01|dossiers.received|2026-10' }]);

    recordFlags(db, [], { kinds: ['stale'], sourceIds: ['gateway'] }, { runId: null, now: NOW });
    recordFlags(db, [], { kinds: ['outlier'], periods: ['2026-10'] }, { runId: null, now: NOW });
    evaluate(db);
    expect(active(db, 'source.stale')).toEqual([]);
    expect(active(db, 'data.anomaly')).toEqual([]);
  });
});
