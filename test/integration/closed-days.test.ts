// Closed days' rollups kept in memory (src/uptime/closed-days.ts): on a real store written through
// another connection, as the prober writes while the dashboard reads, the cached answer equals the
// store's after every change: a new rollup of today, a late probe rolled up into a past day,
// midnight passing, a range wider than what is held, days past the daily retention.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../storage/db.ts';
import { bucketStateCounts, dailyRollups, refreshRollups, syncEndpoints, writeRounds, type RoundRecord } from '../../storage/uptime.ts';
import { parseConfig } from '../../src/config/load.ts';
import { syncRegistryFromConfig } from '../../src/run/sync-registry.ts';
import { statusModel } from '../../src/server/status/model.ts';
import { localDate } from '../../src/time/period.ts';
import { bucketOf } from '../../src/uptime/availability.ts';
import { ClosedDayRollups } from '../../src/uptime/closed-days.ts';
import { INITIAL_HEALTH, step, type EndpointHealth, type Observation } from '../../src/uptime/state-machine.ts';
import { tempDir } from '../helpers/tmp.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 10:30 local time on 20 Nov 2026. */
const NOW = new Date('2026-11-20T03:30:00.000Z');

const loaded = parseConfig(`version: 1
portals:
  - { id: dvc-a, agency: "tinh:01", name: Cổng A, url: "http://127.0.0.1:9/", public: true }
  - { id: dvc-b, agency: "tinh:79", name: Cổng B, url: "http://127.0.0.1:9/b/", public: true }
`, 'test.yaml', {});

const health = new Map<number, EndpointHealth>();
function round(endpointId: number, at: Date, obs: Observation, totalMs: number | null): RoundRecord {
  const r = step(health.get(endpointId) ?? INITIAL_HEALTH, obs, at.toISOString(), { downAfter: 1, maintenance: null });
  health.set(endpointId, r.health);
  return {
    probe: {
      endpointId, at: at.toISOString(), latenessMs: 0, outcome: obs.kind, state: r.health.state, reason: obs.kind === 'up' ? null : obs.reason, detail: null,
      attempts: 1, statusCode: totalMs ? 200 : null, dnsMs: 0, connectMs: 1, tlsMs: 0, firstByteMs: totalMs, totalMs,
      rtBucket: totalMs ? bucketOf(totalMs) : null, bodyBytes: 100, ip: '127.0.0.1', finalUrl: null, redirectsJson: null, httpsRedirect: null,
      certNotAfter: null, certIssuer: null, assertionsJson: null, maintenanceId: null, stalledMs: null,
    },
    health: r.health, transition: r.transition, opened: r.opened, closed: r.closed, certificate: null,
  };
}

describe('closed days kept in memory', () => {
  it('answers what the store answers after a new rollup of today, of a past day, and as days close', () => {
    const file = join(tempDir(), 'store.sqlite');
    // The prober's connection writes, the dashboard's reads: the cache sees another connection's commits.
    const writer = openStore(file);
    const reader = openStore(file);
    syncRegistryFromConfig(writer, loaded);
    const stored = syncEndpoints(writer, [
      { portalId: 'dvc-a', key: 'home', url: 'http://127.0.0.1:9/', intervalS: 3600, settings: {} },
      { portalId: 'dvc-b', key: 'home', url: 'http://127.0.0.1:9/b/', intervalS: 3600, settings: {} },
    ]);
    const [a, b] = [stored.get('dvc-a/home')!.id, stored.get('dvc-b/home')!.id];
    // Twelve days of hourly probes up to now; b down for three hours five days ago.
    const rounds: RoundRecord[] = [];
    for (let t = NOW.getTime() - 12 * DAY; t <= NOW.getTime(); t += HOUR) {
      rounds.push(round(a, new Date(t), { kind: 'up' }, 80 + (t / HOUR) % 7));
      const down = t >= NOW.getTime() - 5 * DAY && t < NOW.getTime() - 5 * DAY + 3 * HOUR;
      rounds.push(round(b, new Date(t + 60_000), down ? { kind: 'failed', reason: 'timeout' } : { kind: 'up' }, down ? null : 120));
    }
    writeRounds(writer, rounds);
    refreshRollups(writer);

    const cache = new ClosedDayRollups(reader, 3650);
    const ids = [b, a];
    const days = (n: number, now: Date) => localDate(new Date(now.getTime() - n * DAY));
    const same = (now: Date, from = days(9, now), to = localDate(now)) => {
      const cached = cache.daily(ids, from, to, now);
      expect(cached).toEqual(dailyRollups(reader, ids, from, to));
      expect(cache.counts(ids, from, to, now)).toEqual(bucketStateCounts(reader, ids, 'day', from, to));
      expect(statusModel(reader, loaded, now, (i, f, t) => cache.counts(i, f, t, now))).toEqual(statusModel(reader, loaded, now));
      return cached;
    };

    const first = same(NOW);
    expect(first.length).toBe(20);
    // Asked again: only today's rows are read from the store.
    let read = cache.rowsRead;
    same(NOW);
    expect(cache.rowsRead - read).toBe(3 * 2); // today's two rows, at each of the three reads (days, counts, the status page's 90 days)

    // A new rollup of today.
    writeRounds(writer, [round(a, new Date(NOW.getTime() + 10 * 60_000), { kind: 'failed', reason: 'http_5xx' }, null)]);
    refreshRollups(writer);
    const today = same(NOW).find((r) => r.endpointId === a && r.date === localDate(NOW))!;
    expect(today.down).toBe(1);

    // A probe of three days ago rolled up late (a worker's result after midnight): that day and the later ones read again.
    const late = new Date(NOW.getTime() - 3 * DAY + 20 * 60_000);
    writeRounds(writer, [round(b, late, { kind: 'degraded', reason: 'slow' }, 2600)]);
    refreshRollups(writer);
    read = cache.rowsRead;
    const after = same(NOW);
    expect(after.find((r) => r.endpointId === b && r.date === localDate(late))!.degraded).toBe(1);
    expect(cache.rowsRead - read).toBe(3 + 3 * 2); // b's three days from the late one's on, and today's rows
    // Rolled up by the reader's own connection (the dashboard rolls up before reading): seen the same way.
    writeRounds(writer, [round(a, new Date(NOW.getTime() - 6 * DAY), { kind: 'failed', reason: 'timeout' }, null)]);
    refreshRollups(reader);
    same(NOW);

    // Midnight passes: yesterday closes; a range reaching further back than what is held.
    const tomorrow = new Date(NOW.getTime() + DAY);
    writeRounds(writer, [round(a, new Date(tomorrow.getTime() - HOUR), { kind: 'up' }, 90)]);
    refreshRollups(writer);
    same(tomorrow);
    same(tomorrow, days(12, tomorrow));
    same(tomorrow, days(11, tomorrow), days(4, tomorrow));
    // Days past the daily retention are read from the store (the housekeeping job may delete them).
    const short = new ClosedDayRollups(reader, 3);
    expect(short.daily(ids, days(9, NOW), localDate(NOW), NOW)).toEqual(dailyRollups(reader, ids, days(9, NOW), localDate(NOW)));
    // Cached rows are shared between answers: frozen.
    expect(() => { (after[0]!.hist as Record<number, number>)[0] = 1; }).toThrow(TypeError);
    writer.close();
    reader.close();
  });
});
