// Issue 13 items 2 and 3: an absurd count for one province ("9999999999999") took the national
// online-dossier rate from 55.11% to 0.00% and fired critical kpi.drop alerts; a negative rate
// ("-45,5") was stored without a flag; a new source (under 3 months of history) got no check at
// all. Here the sandbox gateway is served through a proxy that writes those figures into its
// answer, and the real runner stores them into a real SQLite file.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyFigures } from '../../scripts/sandbox/data.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import { kpiBelowTarget, kpiDrop } from '../../src/alerts/rules/kpi.ts';
import { dataAnomaly } from '../../src/alerts/rules/data.ts';
import { parseConfig, type LoadedConfig } from '../../src/config/load.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { overviewFromStore, summaryFromStore } from '../../src/kpi/from-store.ts';
import { createLogger } from '../../src/log.ts';
import { describeBreach } from '../../src/quality/plausibility.ts';
import { releaseQuarantined, ReleaseError } from '../../src/quality/quarantine.ts';
import { runMeasurement } from '../../src/run/nightly.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { listQuarantine } from '../../storage/quarantine.ts';
import { rewritingProxy, type RewritingProxy } from '../helpers/rewriting-proxy.ts';
import { tempDir } from '../helpers/tmp.ts';

const SEED = 2026;
const NOW = new Date('2026-11-20T09:00:00+07:00');
const log = createLogger('silent');
let sandbox: Sandbox;
let proxy: RewritingProxy;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: SEED, now: NOW });
  proxy = await rewritingProxy(sandbox.url);
});
afterAll(async () => {
  await proxy.close();
  await sandbox.close();
});

const config = (): LoadedConfig => parseConfig(`version: 1
sources:
  - { id: gateway, kind: national-portal, url: "${proxy.url}/jsp/rest.jsp", reports: [monthly_counts], levels: [ministry, province], pageSize: 100 }
`, 'test.yaml', {});

async function run(db: Db, periods: string[], now = NOW, loaded = config()) {
  const http = createHttpClient({ retries: 0, totalTimeoutMs: 10_000 });
  try {
    return await runMeasurement({ db, loaded, plan: { periods }, http, log, now: () => now });
  } finally {
    await http.close();
  }
}

/** Writes `fields` into the gateway's row of the province `code` (monthly counts only). */
function setGatewayFields(code: string, fields: Record<string, string>): void {
  proxy.rewrite = (path, body) => {
    if (!path.startsWith('/jsp/rest.jsp')) return body;
    const rows = JSON.parse(body.toString('utf8')) as Array<Record<string, string>>;
    for (const row of rows) if (row.MA_COQUAN === code && row.CAPDONVIID === '2' && 'HS_TOTAL' in row) Object.assign(row, fields);
    return Buffer.from(JSON.stringify(rows), 'utf8');
  };
}

const ONLINE = 'rate.online_dossiers';

describe('quarantine (issue 13 items 2 and 3)', () => {
  it('holds back HS_TOTAL "9999999999999": the national rate leaves Hà Nội out and says so, no kpi.drop fires', async () => {
    const db = openStore(join(tempDir(), 'q.sqlite'));
    proxy.rewrite = null;
    expect((await run(db, ['2026-07', '2026-08', '2026-09', '2026-10'])).failures).toEqual([]);
    const before = overviewFromStore(db, config(), '2026-10', NOW, 'vi').aggregates[0]!.kpis[ONLINE]!;
    expect(before.excluded).toBeNull();

    setGatewayFields('01', { HS_TOTAL: '9999999999999' });
    try {
      const second = await run(db, ['2026-10'], new Date(NOW.getTime() + 3600_000));
      expect(second.status).toBe('succeeded');
    } finally {
      proxy.rewrite = null;
    }
    // Stored as collected (it is evidence), and quarantined with its reason.
    expect(db.prepare("SELECT value FROM measure WHERE agency_code = 'tinh:01' AND metric = 'dossiers.received' AND period = '2026-10'").pluck().get()).toBe(9999999999999);
    const [held] = listQuarantine(db, { periods: ['2026-10'] });
    expect(held).toMatchObject({ agencyCode: 'tinh:01', metric: 'dossiers.received', value: 9999999999999, rule: 'too_large', status: 'quarantined', sourceId: 'gateway' });
    expect(held!.facts.also).toEqual(['jump_from_history']);
    expect(describeBreach(held!, 'vi')).toBe('9.999.999.999.999 vượt mức tối đa có thể của số hồ sơ của một cơ quan trong một tháng (100.000.000)');

    // The country's figure sums everyone else, exactly, and names what it left out.
    const hn = monthlyFigures(SEED, '2026-10', 'province', NOW).find((f) => f.unit.gatewayCode === '01')!;
    const overview = overviewFromStore(db, config(), '2026-10', NOW, 'vi');
    const country = overview.aggregates[0]!.kpis[ONLINE]!;
    expect(country.numerator).toBe(before.numerator! - hn.monthly.receivedOnline);
    expect(country.denominator).toBe(before.denominator! - hn.monthly.received);
    expect(Math.abs(country.rate! - before.rate!)).toBeLessThan(2);
    expect(country.excluded).toEqual([expect.objectContaining({ agencyCode: 'tinh:01', metric: 'dossiers.received', rule: 'too_large' })]);
    // Hà Nội itself has no rate and no rank; the provinces block is incomplete the same way.
    const hanoi = overview.agencies.find((a) => a.agencyCode === 'tinh:01')!.kpis[ONLINE]!;
    expect(hanoi).toMatchObject({ rate: null, rank: null, missingReason: 'quarantined: dossiers.received of tinh:01 is 9999999999999 (too_large)' });
    expect(overview.aggregates.find((a) => a.agencyCode === 'khoi:tinh')!.kpis[ONLINE]!.excluded).toHaveLength(1);
    expect(overview.aggregates.find((a) => a.agencyCode === 'khoi:bo')!.kpis[ONLINE]!.excluded).toBeNull();
    // A KPI that does not read the value is whole.
    expect(overview.aggregates[0]!.kpis['rate.services_with_online_filings']!.excluded).toBeNull();
    const summary = summaryFromStore(db, config(), '2026-10', NOW);
    expect(summary.rankings.find((r) => r.kpi === ONLINE)!.missing.map((m) => m.agencyCode)).toEqual(['tinh:01']);

    // No KPI alert on it: not for Hà Nội, the provinces block or the country.
    const alerts = evaluateAlerts(db, config(), { now: NOW, log, rules: [kpiDrop, kpiBelowTarget] });
    expect(alerts.opened).toBe(0);
    // The quarantine itself is news for the operators.
    const anomaly = dataAnomaly.evaluate({ db, loaded: config(), now: NOW, isActive: () => false });
    expect(anomaly.filter((a) => a.facts.kind === 'quarantined')).toEqual([expect.objectContaining({ subject: 'quarantined|tinh:01|dossiers.received|2026-10' })]);
    db.close();
  });

  /** A new store, one month collected with `fields` written into Đà Nẵng's row: what is held back. */
  async function firstMonthWith(fields: Record<string, string>) {
    const db = openStore(join(tempDir(), 'q.sqlite'));
    setGatewayFields('48', fields);
    try {
      expect((await run(db, ['2026-10'])).failures).toEqual([]);
    } finally {
      proxy.rewrite = null;
    }
    return { db, held: listQuarantine(db, { periods: ['2026-10'] }) };
  }

  it('holds back a negative rate "-45,5" with its reason', async () => {
    const { db, held } = await firstMonthWith({ TILE: '-45,5' });
    expect(held).toEqual([expect.objectContaining({ agencyCode: 'tinh:48', metric: 'reported.online_dossier_rate', value: -45.5, rule: 'negative' })]);
    expect(describeBreach(held[0]!, 'vi')).toBe('giá trị âm (-45,5): chỉ tiêu này không thể âm');
    expect(describeBreach(held[0]!, 'en')).toBe('negative (-45.5): this metric cannot be below zero');
    db.close();
  });

  it('checks a value without 3 months of history against its peers of the same level, metric and month', async () => {
    // A first collection: no history at all. Đà Nẵng's online payments 219 times the largest province's.
    const { db, held } = await firstMonthWith({ GDTTQG: '50000000' });
    expect(held).toEqual([expect.objectContaining({ agencyCode: 'tinh:48', metric: 'payments.online_count', value: 50_000_000, rule: 'jump_from_peers' })]);
    expect(held[0]!.facts).toMatchObject({ months: 0, level: 'province', peers: 33, direction: 'high' });
    expect(describeBreach(held[0]!, 'en')).toMatch(/^only 0 months of history; 50,000,000 is 219× the largest of 33 peers of its level in the same month \(228,325\)$/);
    // Nothing else of the sandbox's month is held back: real differences between provinces are not jumps.
    expect(listQuarantine(db, { all: true })).toHaveLength(1);
    db.close();
  });

  it('stays held back until released (who, when, why) or, for an unusual value, confirmed by a collection on a later day', async () => {
    const db = openStore(join(tempDir(), 'q.sqlite'));
    setGatewayFields('48', { GDTTQG: '50000000', HS_TOTAL: '9999999999999' });
    try {
      await run(db, ['2026-10']);
      // The same run again on the same day confirms nothing; neither does an impossible value ever.
      await run(db, ['2026-10'], new Date(NOW.getTime() + 3600_000));
      expect(listQuarantine(db).map((q) => [q.metric, q.status])).toEqual([['dossiers.received', 'quarantined'], ['payments.online_count', 'quarantined']]);
      // A later run on a later day (Asia/Ho_Chi_Minh) that collects the same unusual value confirms it.
      await run(db, ['2026-10'], new Date('2026-11-21T08:00:00+07:00'));
    } finally {
      proxy.rewrite = null;
    }
    const all = listQuarantine(db, { all: true });
    expect(all.map((q) => [q.metric, q.status])).toEqual([['dossiers.received', 'quarantined'], ['payments.online_count', 'confirmed']]);
    expect(all[1]).toMatchObject({ endedBy: 'run:3', endReason: 'collected again, the same, by run #3 on 2026-11-21 (quarantined on 2026-11-20)' });

    // An operator releases the impossible one: recorded, and the value is used again.
    expect(() => releaseQuarantined(db, { agencyCode: 'tinh:01', metric: 'dossiers.received', period: '2026-10', by: 'A', reason: 'x', now: NOW })).toThrow(ReleaseError);
    const released = releaseQuarantined(db, { agencyCode: 'tinh:48', metric: 'dossiers.received', period: '2026-10', by: 'Nguyễn Văn An', reason: 'Sở xác nhận bằng công văn 123/STTTT', now: new Date('2026-11-22T02:00:00Z') });
    expect(released).toMatchObject({ status: 'released', endedBy: 'Nguyễn Văn An', endReason: 'Sở xác nhận bằng công văn 123/STTTT', endedAt: '2026-11-22T02:00:00.000Z' });
    const danang = overviewFromStore(db, config(), '2026-10', NOW, 'vi').agencies.find((a) => a.agencyCode === 'tinh:48')!.kpis[ONLINE]!;
    expect(danang).toMatchObject({ excluded: null, denominator: 9999999999999 });
    // Released stays released when the same value comes again; a different value is judged anew.
    await run(db, ['2026-10'], new Date('2026-11-23T08:00:00+07:00'));
    expect(listQuarantine(db)).toEqual([]);
    db.close();
  });
});
