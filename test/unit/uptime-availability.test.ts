import { describe, expect, it } from 'vitest';
import { availability, bucketOf, mergeHistograms, mttrMs, percentile, RT_BUCKETS_MS } from '../../src/uptime/availability.ts';
import { noticeVerdict, windowAt, workingDaysBetween, type MaintenanceWindow } from '../../src/uptime/maintenance.ts';
import { nextDue, phaseOffset } from '../../src/uptime/scheduler.ts';

describe('availability formula', () => {
  it('is (UP + DEGRADED) ÷ (UP + DEGRADED + DOWN), MAINTENANCE and UNKNOWN left out', () => {
    expect(availability({ up: 1300, degraded: 45, down: 30, maintenance: 60, unknown: 5 })).toBeCloseTo((1345 / 1375) * 100, 10);
    expect(availability({ up: 0, degraded: 0, down: 0, maintenance: 1440, unknown: 0 })).toBeNull();
    expect(availability({ up: 0, degraded: 0, down: 10, maintenance: 0, unknown: 1000 })).toBe(0);
  });

  it('takes percentiles as the upper bound of the bucket that holds them, and histograms add up', () => {
    const hour1: Record<number, number> = {};
    const hour2: Record<number, number> = {};
    for (let i = 0; i < 90; i++) hour1[bucketOf(100)] = (hour1[bucketOf(100)] ?? 0) + 1; // 90 probes at 100 ms
    for (let i = 0; i < 10; i++) hour2[bucketOf(2300)] = (hour2[bucketOf(2300)] ?? 0) + 1; // 10 probes at 2.3 s
    const day = mergeHistograms(mergeHistograms({}, hour1), hour2);
    expect(percentile(day, 0.5)).toBe(100);
    expect(percentile(day, 0.9)).toBe(100);
    expect(percentile(day, 0.95)).toBe(2500);
    expect(percentile({}, 0.5)).toBeNull();
    expect(percentile({ [bucketOf(90_000)]: 1 }, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(bucketOf(0.4)).toBe(0);
    expect(RT_BUCKETS_MS[bucketOf(101)]).toBe(120);
  });

  it('computes MTTR over the incidents that have ended', () => {
    const now = new Date('2026-11-20T12:00:00Z');
    const incidents = [
      { startedAt: '2026-11-20T01:00:00Z', endedAt: '2026-11-20T01:10:00Z' },
      { startedAt: '2026-11-20T02:00:00Z', endedAt: '2026-11-20T02:30:00Z' },
      { startedAt: '2026-11-20T11:00:00Z', endedAt: null },
    ];
    expect(mttrMs(incidents, now)).toBe(20 * 60_000);
    expect(mttrMs([incidents[2]!], now)).toBeNull();
  });
});

describe('maintenance notice (NĐ 224/2026 Art. 13: 7 working days)', () => {
  const holidays = new Set(['2026-09-01', '2026-09-02']);

  it('counts working days after the announcement and before the first day of the window', () => {
    // Announced Monday 2 Nov for Thursday 12 Nov: Tue–Fri (4) + Mon–Wed (3) = 7.
    expect(workingDaysBetween('2026-11-02', '2026-11-12', holidays)).toBe(7);
    expect(workingDaysBetween('2026-11-02', '2026-11-11', holidays)).toBe(6);
    // Over the National Day holidays (Tue 1 and Wed 2 Sep 2026) two days fewer.
    expect(workingDaysBetween('2026-08-28', '2026-09-10', holidays)).toBe(6);
    expect(workingDaysBetween('2026-08-28', '2026-09-10', new Set())).toBe(8);
  });

  it('judges a window announced on time, late, or never', () => {
    // 22:00 on Thursday 12 Nov in Vietnam is 15:00 UTC the same day.
    expect(noticeVerdict({ announcedOn: '2026-11-02', startsAt: '2026-11-12T15:00:00.000Z' }, holidays)).toEqual({ workingDaysNotice: 7, announced: true });
    expect(noticeVerdict({ announcedOn: '2026-11-03', startsAt: '2026-11-12T15:00:00.000Z' }, holidays)).toEqual({ workingDaysNotice: 6, announced: false });
    // 01:00 on Friday 13 Nov in Vietnam is still the 12th in UTC: the local date decides.
    expect(noticeVerdict({ announcedOn: '2026-11-03', startsAt: '2026-11-12T18:00:00.000Z' }, holidays)).toEqual({ workingDaysNotice: 7, announced: true });
    expect(noticeVerdict({ announcedOn: null, startsAt: '2026-11-12T15:00:00.000Z' }, holidays)).toEqual({ workingDaysNotice: null, announced: false });
  });

  it('finds the window covering an endpoint at an instant, start inclusive and end exclusive', () => {
    const w: MaintenanceWindow = { id: 'bt', portalId: 'dvc-hanoi', endpoints: ['home'], startsAt: '2026-11-12T15:00:00.000Z', endsAt: '2026-11-12T19:00:00.000Z', announcedOn: null, note: '' };
    expect(windowAt([w], 'dvc-hanoi', 'home', '2026-11-12T15:00:00.000Z')?.id).toBe('bt');
    expect(windowAt([w], 'dvc-hanoi', 'home', '2026-11-12T19:00:00.000Z')).toBeNull();
    expect(windowAt([w], 'dvc-hanoi', 'status', '2026-11-12T16:00:00.000Z')).toBeNull();
    expect(windowAt([{ ...w, endpoints: [] }], 'dvc-hanoi', 'status', '2026-11-12T16:00:00.000Z')?.id).toBe('bt');
  });
});

describe('schedule spread', () => {
  it('spreads 10,000 endpoints evenly over a 60 s interval, the same way on every start', () => {
    const perSecond = new Array<number>(60).fill(0);
    for (let i = 0; i < 10_000; i++) perSecond[Math.floor(phaseOffset(`bench-${Math.floor(i / 100)}/e${i}`, 60_000) / 1000)]! += 1;
    // 167 per second on average; no second gets more than 1.5 times that.
    expect(Math.max(...perSecond)).toBeLessThan(250);
    expect(Math.min(...perSecond)).toBeGreaterThan(100);
    expect(phaseOffset('dvc-hanoi/home', 60_000)).toBe(phaseOffset('dvc-hanoi/home', 60_000));
  });

  it('puts the next probe on the endpoint\'s phase, strictly after now', () => {
    const now = Date.parse('2026-11-20T00:00:00.000Z');
    const due = nextDue('dvc-hanoi/home', 60_000, now);
    expect(due).toBeGreaterThan(now);
    expect(due - now).toBeLessThanOrEqual(60_000);
    expect((due - phaseOffset('dvc-hanoi/home', 60_000)) % 60_000).toBe(0);
    expect(nextDue('dvc-hanoi/home', 60_000, due)).toBe(due + 60_000);
  });
});
