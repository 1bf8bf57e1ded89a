// Rollups as pure computations (src/uptime/rollup.ts): one batch of probe groups adds to the
// hour it happened in and to the local day (Asia/Ho_Chi_Minh) that hour belongs to.
import { describe, expect, it } from 'vitest';
import { addRollup, emptyRollup, localDateOfHour, rollupDeltas, utcBoundsOfLocalDate } from '../../src/uptime/rollup.ts';

describe('uptime rollups', () => {
  it('an UTC hour after 17:00 belongs to the next local day', () => {
    expect(localDateOfHour('2026-12-02T16:00:00.000Z')).toBe('2026-12-02');
    expect(localDateOfHour('2026-12-02T17:00:00.000Z')).toBe('2026-12-03');
    expect(utcBoundsOfLocalDate('2026-12-03')).toEqual({ from: '2026-12-02T17:00:00.000Z', to: '2026-12-03T17:00:00.000Z' });
  });

  it('adds each group to its hour and its local day; failed probes and response times counted apart', () => {
    const deltas = rollupDeltas([
      { endpointId: 1, hour: '2026-12-02T16', state: 'up', failed: false, rtBucket: 3, probes: 10, totalMs: 1200 },
      { endpointId: 1, hour: '2026-12-02T17', state: 'down', failed: true, rtBucket: null, probes: 2, totalMs: 0 },
    ]);
    const find = (bucket: string, start: string) => deltas.find((d) => d.bucket === bucket && d.bucketStart === start)!.counts;
    expect(deltas).toHaveLength(4);
    expect(find('hour', '2026-12-02T16:00:00.000Z')).toMatchObject({ up: 10, down: 0, failedProbes: 0, rtCount: 10, rtSumMs: 1200, hist: { 3: 10 } });
    expect(find('day', '2026-12-02')).toMatchObject({ up: 10, down: 0 });
    expect(find('day', '2026-12-03')).toMatchObject({ up: 0, down: 2, failedProbes: 2, rtCount: 0, hist: {} });
  });

  it('adds a delta to what is stored', () => {
    const stored = { ...emptyRollup(), up: 5, rtCount: 5, rtSumMs: 500, hist: { 2: 5 } };
    addRollup(stored, { ...emptyRollup(), up: 1, degraded: 1, rtCount: 2, rtSumMs: 300, hist: { 2: 1, 4: 1 } });
    expect(stored).toEqual({ up: 6, degraded: 1, down: 0, maintenance: 0, unknown: 0, failedProbes: 0, rtCount: 7, rtSumMs: 800, hist: { 2: 6, 4: 1 } });
  });
});
