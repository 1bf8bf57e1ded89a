import { describe, expect, it } from 'vitest';
import { addMonths, currentMonth, lastDay, localDate, localDateTime, localIsoWithOffset, localWallClock, monthRange, parseMonth } from '../../src/time/period.ts';

describe('periods in Asia/Ho_Chi_Minh', () => {
  it('takes the local month, not the UTC one', () => {
    // 2026-10-31 18:30 UTC is already 2026-11-01 01:30 in Hà Nội.
    expect(currentMonth(new Date('2026-10-31T18:30:00Z'))).toBe('2026-11');
    expect(localDate(new Date('2026-10-31T16:59:00Z'))).toBe('2026-10-31');
  });

  it('does month arithmetic across years', () => {
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2024-12', 14)).toBe('2026-02');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(lastDay('2025-06')).toBe('2025-06-30');
  });

  it('explains a malformed month', () => {
    expect(() => parseMonth('2026-13')).toThrow(/YYYY-MM/);
    expect(() => monthRange('2026-02', '2026-01')).toThrow(/empty/);
  });

  it('gives local times as people read them, across the day and month boundary', () => {
    // 17:30 UTC on the last day of September is 00:30 on 1 October in Hà Nội.
    const at = new Date('2026-09-30T17:30:05.250Z');
    expect(localDateTime(at)).toBe('2026-10-01 00:30:05');
    expect(localIsoWithOffset(at)).toBe('2026-10-01T00:30:05+07:00');
    expect(localWallClock(at).toISOString()).toBe('2026-10-01T00:30:05.250Z');
    expect(new Date(localIsoWithOffset(at)).getTime()).toBe(new Date('2026-09-30T17:30:05Z').getTime());
  });
});
