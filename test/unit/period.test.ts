import { describe, expect, it } from 'vitest';
import { addMonths, currentMonth, lastDay, localDate, monthRange, parseMonth } from '../../src/time/period.ts';

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
});
