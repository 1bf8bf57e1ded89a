// What a round judged from several locations leaves in the store, and how everything that reads
// the store shows it: the verdict and each location's view in `uptime`, the report's portal
// section and /metrics (location label), the incident's locations, and the "partially
// reachable" alert. The rounds are judged by the coordinator's code (judgeRound) and recorded by
// the prober's (monitor.record), without Redis: the distributed parts have their own tests.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../storage/db.ts';
import { activeAlerts } from '../../storage/alerts.ts';
import { openGap, closeGap, writeIngestBatch, locationResultsOfRound, type LocationResultRow } from '../../storage/scale.ts';
import { evaluateAlerts, UPTIME_RULES } from '../../src/alerts/evaluate.ts';
import { uptimeReportFromStore } from '../../src/cli/commands/uptime.ts';
import { renderUptimeTable } from '../../src/cli/render-uptime.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { judgeRound } from '../../src/scale/rounds.ts';
import { DashboardData } from '../../src/server/data.ts';
import { portalSection } from '../../src/report/render.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { localDate } from '../../src/time/period.ts';
import { startMonitor } from '../../src/uptime/monitor.ts';
import { refreshRollups } from '../../storage/uptime.ts';
import { tempDir } from '../helpers/tmp.ts';

const log = createLogger('silent');
const loaded = parseConfig(`version: 1
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "http://127.0.0.1:9/", probes: [{ id: home, url: "http://127.0.0.1:9/" }] }
queue:
  redis: { url: "redis://127.0.0.1:6379" }
  locations: [{ id: a }, { id: b }, { id: c }]
`, 'c.yaml', {});

type Outcome = 'up' | 'failed';

/** Stores the three locations' results of a round and records the coordinator's verdict. */
function round(db: Db, at: Date, outcomes: Record<'a' | 'b' | 'c', Outcome>): void {
  const monitor = startMonitor({ db, loaded, log, startAfter: new Promise(() => {}) });
  const spec = monitor.endpoints[0]!;
  const endpointId = monitor.endpointId('dvc-hanoi/home')!;
  const roundAt = at.toISOString();
  const row = (location: string, outcome: Outcome): LocationResultRow => ({
    resultId: `p.${endpointId}.${at.getTime()}.${location}`, endpointId, roundAt, location, worker: 'w', at: roundAt, latenessMs: 5, certSubject: null,
    outcome, reason: outcome === 'up' ? null : 'timeout', detail: null, attempts: outcome === 'up' ? 1 : 2, statusCode: outcome === 'up' ? 200 : null,
    dnsMs: 0, connectMs: 1, tlsMs: 0, firstByteMs: outcome === 'up' ? 10 : null, totalMs: outcome === 'up' ? 12 : 1500, rtBucket: outcome === 'up' ? 8 : null,
    bodyBytes: null, ip: '127.0.0.1', finalUrl: null, redirectsJson: null, httpsRedirect: null, certNotAfter: null, certIssuer: null, assertionsJson: null, stalledMs: null,
  });
  writeIngestBatch(db, { locations: Object.entries(outcomes).map(([l, o]) => ({ row: row(l, o), localDate: localDate(at) })), staged: [], blobs: [], dead: [] }, roundAt);
  monitor.record(spec, judgeRound(roundAt, locationResultsOfRound(db, endpointId, roundAt), ['a', 'b', 'c'], 'majority'));
  return void monitor.stop();
}

describe('rounds judged from several locations, as the store, reports, metrics and alerts show them', () => {
  it('partial, then DOWN with the locations that saw it, then recovered; each location’s view beside the verdict', async () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    // Recent rounds, 10 s apart: each round starts the prober again, which would close an incident left
    // without a probe for longer than its gap limit.
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const at = (i: number) => new Date(t0 + i * 10_000);
    const alerts = () => activeAlerts(db).map((a) => [a.rule, a.status]);
    const evaluate = (i: number) => evaluateAlerts(db, loaded, { now: new Date(at(i).getTime() + 1000), log, rules: UPTIME_RULES });

    round(db, at(0), { a: 'up', b: 'up', c: 'up' });
    await new Promise((r) => setTimeout(r, 50));
    round(db, at(1), { a: 'up', b: 'up', c: 'failed' });
    await new Promise((r) => setTimeout(r, 50));
    expect(db.prepare('SELECT state, reach, reach_since FROM uptime_endpoint').get()).toEqual({ state: 'up', reach: 'partial', reach_since: at(1).toISOString() });
    evaluate(1);
    expect(alerts()).toEqual([['portal.partially_reachable', 'open']]);
    const opened = activeAlerts(db)[0]!;
    expect(opened.facts).toMatchObject({ unreachableFrom: ['c'], answered: ['a', 'b', 'c'], reason: 'timeout' });

    round(db, at(2), { a: 'up', b: 'failed', c: 'failed' });
    await new Promise((r) => setTimeout(r, 50));
    evaluate(2);
    expect(alerts().sort()).toEqual([['portal.down', 'open']]);
    round(db, at(3), { a: 'up', b: 'up', c: 'up' });
    await new Promise((r) => setTimeout(r, 50));
    evaluate(3);
    expect(alerts()).toEqual([]);

    expect(db.prepare('SELECT at, from_state AS "from", to_state AS "to", reason FROM uptime_transition ORDER BY id').all()).toEqual([
      { at: at(0).toISOString(), from: 'unknown', to: 'up', reason: null },
      { at: at(1).toISOString(), from: 'up', to: 'partial', reason: 'timeout' },
      { at: at(2).toISOString(), from: 'partial', to: 'down', reason: 'timeout' },
      { at: at(3).toISOString(), from: 'down', to: 'up', reason: null },
    ]);
    expect(db.prepare('SELECT at, state, reach FROM probe ORDER BY at').all()).toEqual([
      { at: at(0).toISOString(), state: 'up', reach: 'all' }, { at: at(1).toISOString(), state: 'up', reach: 'partial' },
      { at: at(2).toISOString(), state: 'down', reach: 'all' }, { at: at(3).toISOString(), state: 'up', reach: 'all' },
    ]);

    openGap(db, 'location', 'c', at(1).toISOString(), 'no live worker for 60 s');
    closeGap(db, 'location', 'c', at(2).toISOString());
    refreshRollups(db);
    const report = uptimeReportFromStore(db, { from: localDate(new Date(t0 - 86_400_000)), to: localDate(new Date(t0 + 86_400_000)), now: at(4), lang: 'en' });
    const e = report.endpoints[0]!;
    // Availability counts the verdicts: the partial round is available, only the DOWN one is not.
    expect(e.total.counts).toMatchObject({ up: 3, down: 1 });
    expect(e.total.availabilityPercent).toBe(75);
    expect(e.partialRounds).toBe(1);
    expect(e.incidents).toEqual([expect.objectContaining({ startedAt: at(2).toISOString(), endedAt: at(3).toISOString(), locations: ['b', 'c'] })]);
    expect(e.locations.map((l) => [l.location, l.counts.up, l.counts.failed, l.availabilityPercent])).toEqual([['a', 4, 0, 100], ['b', 3, 1, 75], ['c', 2, 2, 50]]);
    expect(e.locations.map((l) => l.last?.outcome)).toEqual(['up', 'up', 'up']);
    expect(report.gaps).toEqual([expect.objectContaining({ scope: 'location', location: 'c', reason: 'no live worker for 60 s' })]);

    const text = renderUptimeTable(report, 'en');
    expect(text).toContain('By location');
    expect(text).toMatch(/ c: last UP.*; 50\.00% \(2 up, 0 degraded, 2 unreachable, 0 unknown\)/);
    expect(text).toContain('Rounds reachable from some locations only: 1 (counted as available, never as downtime)');
    expect(text).toContain('[locations: b, c]');
    expect(text).toContain('location c had no live worker: left out of the quorum');
    expect(renderUptimeTable(report, 'vi')).toContain('Theo vị trí đo');
    // The gap's reason is kept in English and said in the reader's language.
    expect(text).toContain('(no live worker for 60 s)');
    expect(renderUptimeTable(report, 'vi')).toContain('(không có máy đo nào còn hoạt động trong 60 giây)');
    const section = portalSection({ portalId: 'dvc-hanoi', name: 'Hà Nội', agencyCode: 'tinh:01', url: 'http://127.0.0.1:9/', endpoints: report.endpoints, scorecard: null, screenshot: null }, at(0).toISOString().slice(0, 7), 'en').toString();
    expect(section).toContain('<table class="locations">');
    expect(section).toMatch(/<td>home<\/td><td>c<\/td><td>UP [^<]*<\/td><td class="num">50\.00%<\/td><td class="num">2<\/td>/);
    expect(section).toContain('timeout (from b, c)');
    expect(section).toContain('Partially reachable rounds: home 1.');

    const metrics = await createMetrics(new DashboardData(db, loaded, () => at(4))).metrics();
    expect(metrics).toMatch(/^dvc_probe_location_success\{portal="dvc-hanoi",endpoint="home",agency="tinh:01",location="c"\} 1$/m);
    expect(metrics).toMatch(/^dvc_probe_location_duration_seconds\{portal="dvc-hanoi",endpoint="home",agency="tinh:01",location="a"\} 0\.012$/m);
    expect(metrics).toMatch(/^dvc_probe_partially_reachable\{portal="dvc-hanoi",endpoint="home",agency="tinh:01"\} 0$/m);
    expect(metrics).toMatch(/^dvc_queue_dead_letters 0$/m);
  });

  it('a single process records no reach and no locations, as before', () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    const single = parseConfig('version: 1\nportals: [{ id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "http://127.0.0.1:9/" }]', 'c.yaml', {});
    const report = uptimeReportFromStore(db, { from: '2026-11-20', to: '2026-11-20', now: new Date(), lang: 'vi' });
    expect(report.gaps).toEqual([]);
    expect(single.config.queue).toBeUndefined();
  });
});
