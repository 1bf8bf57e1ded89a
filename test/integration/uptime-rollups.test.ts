// Three scripted days of one endpoint, probed every minute, written to a real store and rolled
// up: the availability per day and month, incidents, MTTR and percentiles have answers worked
// out by hand, and an auditor recomputing them from the raw probes gets the same figures.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../storage/db.ts';
import { refreshRollups, syncEndpoints, writeRounds, type RoundRecord } from '../../storage/uptime.ts';
import { uptimeReportFromStore } from '../../src/cli/commands/uptime.ts';
import { renderUptimeCsv, renderUptimeTable } from '../../src/cli/render-uptime.ts';
import { parseConfig } from '../../src/config/load.ts';
import { syncRegistryFromConfig } from '../../src/run/sync-registry.ts';
import { bucketOf } from '../../src/uptime/availability.ts';
import { rollupAndRetain } from '../../src/uptime/retention.ts';
import { INITIAL_HEALTH, step, type EndpointHealth, type Observation } from '../../src/uptime/state-machine.ts';
import { tempDir } from '../helpers/tmp.ts';

const MINUTE = 60_000;
/** Local midnight (UTC+7) of 2026-10-05, in UTC. */
const DAY1 = Date.parse('2026-10-04T17:00:00.000Z');

/**
 * Minute m after local midnight of 5 Oct 2026:
 *   5 Oct  02:00–02:59 declared maintenance (60), 10:00–10:29 refused (30, one incident),
 *          15:00–15:04 our store busy (5 unknown), 20:00–20:09 slow (10 degraded), 1335 up
 *   6 Oct  23:30 → 7 Oct 00:14 refused (45, one incident across local midnight), the rest up
 *   7 Oct  00:00–00:59 probed only (60: 15 down, 45 up)
 */
function observationAt(m: number): { obs: Observation; maintenance: boolean } {
  const up: Observation = { kind: 'up' };
  if (m >= 120 && m < 180) return { obs: up, maintenance: true };
  if (m >= 600 && m < 630) return { obs: { kind: 'failed', reason: 'connect_refused' }, maintenance: false };
  if (m >= 900 && m < 905) return { obs: { kind: 'unknown', reason: 'store_busy' }, maintenance: false };
  if (m >= 1200 && m < 1210) return { obs: { kind: 'degraded', reason: 'slow' }, maintenance: false };
  if (m >= 1440 + 1410 && m < 2880 + 15) return { obs: { kind: 'failed', reason: 'connect_refused' }, maintenance: false };
  return { obs: up, maintenance: false };
}
const TOTAL_MINUTES = 2880 + 60;

function scriptedRounds(endpointId: number): RoundRecord[] {
  let health: EndpointHealth = INITIAL_HEALTH;
  const rounds: RoundRecord[] = [];
  for (let m = 0; m < TOTAL_MINUTES; m++) {
    const at = new Date(DAY1 + m * MINUTE).toISOString();
    const { obs, maintenance } = observationAt(m);
    const r = step(health, obs, at, { downAfter: 1, maintenance: maintenance ? { startsAt: new Date(DAY1 + 120 * MINUTE).toISOString() } : null });
    health = r.health;
    const timed = obs.kind === 'up' || obs.kind === 'degraded';
    const totalMs = obs.kind === 'degraded' ? 2600 : timed ? 95 : null;
    rounds.push({
      probe: {
        endpointId, at, latenessMs: 0, outcome: obs.kind, state: health.state, reason: obs.kind === 'up' ? null : obs.reason, detail: null,
        attempts: obs.kind === 'failed' ? 2 : 1, statusCode: timed ? 200 : null, dnsMs: 0, connectMs: 1, tlsMs: 0, firstByteMs: totalMs,
        totalMs, rtBucket: timed && !maintenance ? bucketOf(totalMs!) : null, bodyBytes: timed ? 15 : null, ip: '127.0.0.1', finalUrl: null,
        redirectsJson: null, httpsRedirect: null, certNotAfter: null, certIssuer: null, assertionsJson: null,
        maintenanceId: maintenance ? 'bt-1' : null, stalledMs: null,
      },
      health, transition: r.transition, opened: r.opened, closed: r.closed, certificate: null,
    });
  }
  return rounds;
}

function scriptedStore(): { db: Db; endpointId: number } {
  const db = openStore(join(tempDir(), 'history.sqlite'));
  const loaded = parseConfig(`version: 1
portals:
  - { id: dvc-a, agency: "tinh:01", name: Cổng A, url: "http://127.0.0.1:9/" }
`, 'test.yaml', {});
  syncRegistryFromConfig(db, loaded);
  const endpointId = syncEndpoints(db, [{ portalId: 'dvc-a', key: 'home', url: 'http://127.0.0.1:9/', intervalS: 60, settings: {} }]).get('dvc-a/home')!.id;
  return { db, endpointId };
}

const report = (db: Db, from: string, to: string, lang: 'vi' | 'en' = 'en') =>
  uptimeReportFromStore(db, { from, to, now: new Date('2026-10-20T00:00:00.000Z'), lang });

describe('rollups and availability with known answers', () => {
  it('gives the hand-computed figures per day and per month', () => {
    const { db, endpointId } = scriptedStore();
    const rounds = scriptedRounds(endpointId);
    // Written and rolled up in two parts, as the prober does: each probe counted once.
    writeRounds(db, rounds.slice(0, 1000));
    expect(refreshRollups(db)).toBe(1000);
    writeRounds(db, rounds.slice(1000));
    expect(refreshRollups(db)).toBe(TOTAL_MINUTES - 1000);
    expect(refreshRollups(db)).toBe(0);

    const r = report(db, '2026-10-05', '2026-10-07');
    const e = r.endpoints[0]!;
    const [d5, d6, d7] = e.days;
    expect(d5).toMatchObject({ date: '2026-10-05', counts: { up: 1335, degraded: 10, down: 30, maintenance: 60, unknown: 5 }, counted: 1375, failedProbes: 30 });
    expect(d5!.availabilityPercent).toBeCloseTo((1345 / 1375) * 100, 10); // 97.8182 %
    expect(d6).toMatchObject({ counts: { up: 1410, degraded: 0, down: 30, maintenance: 0, unknown: 0 } });
    expect(d6!.availabilityPercent).toBeCloseTo((1410 / 1440) * 100, 10); // 97.9167 %
    expect(d7).toMatchObject({ counts: { up: 45, degraded: 0, down: 15, maintenance: 0, unknown: 0 } });
    expect(d7!.availabilityPercent).toBe(75);
    // The month sums the counts, then divides once (not an average of the days).
    expect(e.months).toHaveLength(1);
    expect(e.months[0]!.availabilityPercent).toBeCloseTo((2800 / 2875) * 100, 10); // 97.3913 %
    expect(e.total.availabilityPercent).toBeCloseTo((2800 / 2875) * 100, 10);
    // 1335 + 1410 + 45 probes at 95 ms and 10 at 2.6 s; maintenance probes are not timed.
    expect(e.total.p50Ms).toBe(100);
    expect(d5!.p95Ms).toBe(100);
    expect(e.total.meanMs).toBeCloseTo((2790 * 95 + 10 * 2600) / 2800, 6);
    // Incidents: 30 min and 45 min; MTTR 37.5 min; downtime inside the range 75 min.
    expect(e.incidents.map((i) => [i.startedAt, i.endedAt, i.cause])).toEqual([
      ['2026-10-05T03:00:00.000Z', '2026-10-05T03:30:00.000Z', 'connect_refused'],
      ['2026-10-06T16:30:00.000Z', '2026-10-06T17:15:00.000Z', 'connect_refused'],
    ]);
    expect(e.mttrMs).toBe(37.5 * MINUTE);
    expect(e.downtimeMs).toBe(75 * MINUTE);
    // 6 Oct alone: the second incident is clipped to its 30 minutes before midnight and has not ended yet.
    const only6 = report(db, '2026-10-06', '2026-10-06').endpoints[0]!;
    expect(only6.downtimeMs).toBe(30 * MINUTE);
    expect(only6.mttrMs).toBeNull();
    // Without the per-day figures (the dashboard's list of every portal): the same totals and months.
    const lean = uptimeReportFromStore(db, { from: '2026-10-05', to: '2026-10-07', now: new Date('2026-10-20T00:00:00.000Z'), lang: 'en', dailyFigures: false }).endpoints[0]!;
    expect(lean.days).toEqual([]);
    expect({ ...lean, days: e.days }).toEqual(e);
    db.close();
  });

  it('matches what an auditor recomputes from the raw probes', () => {
    const { db, endpointId } = scriptedStore();
    writeRounds(db, scriptedRounds(endpointId));
    refreshRollups(db);
    const e = report(db, '2026-10-05', '2026-10-07').endpoints[0]!;
    for (const day of e.days) {
      // The local day's UTC bounds, and a plain count of the raw rows by state.
      const from = new Date(Date.parse(`${day.date}T00:00:00.000Z`) - 7 * 3_600_000).toISOString();
      const to = new Date(Date.parse(from) + 86_400_000).toISOString();
      const raw = Object.fromEntries((db.prepare('SELECT state, count(*) AS n FROM probe WHERE at >= ? AND at < ? GROUP BY state').all(from, to) as Array<{ state: string; n: number }>).map((r) => [r.state, r.n]));
      const up = (raw.up ?? 0) + (raw.degraded ?? 0);
      expect(day.availabilityPercent).toBeCloseTo((up / (up + (raw.down ?? 0))) * 100, 10);
    }
    db.close();
  });

  it('prints the figures in Vietnamese and as CSV for auditors', () => {
    const { db, endpointId } = scriptedStore();
    writeRounds(db, scriptedRounds(endpointId));
    refreshRollups(db);
    const r = report(db, '2026-10-05', '2026-10-07', 'vi');
    const table = renderUptimeTable(r, 'vi');
    expect(table).toContain('TÌNH TRẠNG HOẠT ĐỘNG — từ 05/10/2026 đến 07/10/2026 (giờ Việt Nam)');
    expect(table).toContain('Tỷ lệ sẵn sàng: 97,39% (2.875 lần đo được tính: 2.790 hoạt động, 10 suy giảm, 75 ngừng; không tính 60 bảo trì, 5 không xác định)');
    expect(table).toContain('Sự cố: 2; tổng thời gian ngừng 1 giờ 15 phút; thời gian khắc phục trung bình (MTTR) 38 phút');
    expect(table).toContain('10:00 05/10/2026 → 10:30 05/10/2026 (30 phút): từ chối kết nối');
    expect(table).toMatch(/05\/10\/2026\s+97,82%\s+1\.375\s+30\s+60\s+5\s+100 ms\s+100 ms/);
    const csv = renderUptimeCsv(r, 'en').split('\n');
    expect(csv[0]).toBe('date,portal,endpoint,url,up,degraded,down,maintenance,unknown,failed_probes,availability_percent,p50_ms,p95_ms');
    expect(csv[1]).toBe('2026-10-05,dvc-a,home,http://127.0.0.1:9/,1335,10,30,60,5,30,97.818,100,100');
    expect(csv).toHaveLength(4);
    db.close();
  });

  it('retention deletes raw probes and old hourly rollups but keeps the daily figures', () => {
    const { db, endpointId } = scriptedStore();
    writeRounds(db, scriptedRounds(endpointId));
    refreshRollups(db);
    const before = report(db, '2026-10-05', '2026-10-07');
    // Raw probes that are not rolled up yet are never deleted: the job rolls up first.
    writeRounds(db, [{ ...scriptedRounds(endpointId)[0]!, probe: { ...scriptedRounds(endpointId)[0]!.probe, at: '2026-10-08T00:00:00.000Z' } }]);
    const result = rollupAndRetain(db, { rawDays: 3, hourlyDays: 5, dailyDays: 3650 }, new Date('2026-10-20T00:00:00.000Z'));
    expect(result.rolledUp).toBe(1);
    expect(result.deleted.probes).toBe(TOTAL_MINUTES + 1);
    expect(result.deleted.hourly).toBe(50); // the 49 hours of the three days, and the extra probe's
    expect(db.prepare('SELECT count(*) FROM probe').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM probe_rollup WHERE bucket = 'day'").pluck().get()).toBe(4);
    const after = report(db, '2026-10-05', '2026-10-07');
    expect(after.endpoints[0]!.days).toEqual(before.endpoints[0]!.days);
    expect(after.endpoints[0]!.incidents).toEqual(before.endpoints[0]!.incidents);
    db.close();
  });
});
