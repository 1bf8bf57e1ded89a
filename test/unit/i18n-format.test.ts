// The shared formatters speak through the message catalogue (common part): the same text as
// before the catalogue, in both languages, and a code without a label shown as it is.
import { describe, expect, it } from 'vitest';
import { labelOf } from '../../src/messages/index.ts';
import { formatDuration, formatMonthLabel, formatShortMonth, formatPercent, formatPoints, localeOf, numberFormat } from '../../src/i18n.ts';
import { reasonLabel, stateLabel } from '../../src/cli/render-uptime.ts';
import { OUTCOME_MARK, outcomeName } from '../../src/cli/render-check.ts';

describe('the shared formatters', () => {
  it('write a month as people say it in Vietnamese, and as YYYY-MM in English', () => {
    expect(formatMonthLabel('2026-09', 'vi')).toBe('tháng 9/2026');
    expect(formatMonthLabel('2026-12', 'vi')).toBe('tháng 12/2026');
    expect(formatMonthLabel('2026-09', 'en')).toBe('2026-09');
    // Kept once made: asked again, the same text.
    expect(formatMonthLabel('2026-09', 'vi')).toBe('tháng 9/2026');
  });

  it('write a month on a chart axis as T11/26 in Vietnamese, 2026-11 in English', () => {
    expect(formatShortMonth('2026-11', 'vi')).toBe('T11/26');
    expect(formatShortMonth('2026-03', 'vi')).toBe('T3/26');
    expect(formatShortMonth('2005-03', 'vi')).toBe('T3/05');
    expect(formatShortMonth('2026-03', 'en')).toBe('2026-03');
    expect(formatShortMonth('12026-03', 'en')).toBe('12026-03');
  });

  it('say "no data" for a missing percentage, and points for a difference', () => {
    expect(formatPercent(null, 'vi')).toBe('không có số liệu');
    expect(formatPercent(null, 'en')).toBe('no data');
    expect(formatPercent(99.5, 'vi')).toBe('99,50%');
    expect(formatPoints(1.5, 'vi')).toBe('1,50 điểm %');
    expect(formatPoints(1.5, 'en')).toBe('1.50 points');
  });

  it('write a duration in days, hours and minutes, or seconds under a minute', () => {
    expect(formatDuration(null, 'vi')).toBe('—');
    expect(formatDuration(20_000, 'vi')).toBe('20 giây');
    expect(formatDuration(20_000, 'en')).toBe('20 s');
    expect(formatDuration((24 * 60 + 65) * 60_000, 'vi')).toBe('1 ngày 1 giờ 5 phút');
    expect(formatDuration((24 * 60 + 65) * 60_000, 'en')).toBe('1 d 1 h 5 min');
  });

  it('format numbers in the language\'s locale', () => {
    expect([localeOf('vi'), localeOf('en')]).toEqual(['vi-VN', 'en-US']);
    expect(numberFormat('vi', 1, 1).format(1234.5)).toBe('1.234,5');
    expect(numberFormat('en', 1, 1).format(1234.5)).toBe('1,234.5');
  });
});

describe('labels of codes', () => {
  it('give each code its label in the language, and a code without one as it is', () => {
    expect(stateLabel('down', 'vi')).toBe('NGỪNG HOẠT ĐỘNG');
    expect(reasonLabel('dns', 'en')).toBe('name does not resolve (DNS)');
    expect(reasonLabel('a_newer_reason', 'vi')).toBe('a_newer_reason');
    // A name every object has is not a label.
    expect(reasonLabel('toString', 'vi')).toBe('toString');
  });

  it('keep both languages for the modules that index a label by language', () => {
    expect([stateLabel('partial', 'vi'), stateLabel('partial', 'en')]).toEqual(['TRUY CẬP ĐƯỢC MỘT PHẦN', 'PARTIALLY REACHABLE']);
    expect([outcomeName('cant_tell', 'vi'), outcomeName('cant_tell', 'en'), OUTCOME_MARK.cant_tell]).toEqual(['CẦN NGƯỜI KIỂM TRA', 'NEEDS REVIEW', '?']);
    expect([labelOf({ a: 'cli.uptime.yes' }, 'a', 'vi'), labelOf({ a: 'cli.uptime.yes' }, 'a', 'en'), labelOf({ a: 'cli.uptime.yes' }, 'b', 'vi')]).toEqual(['có', 'yes', 'b']);
  });
});
