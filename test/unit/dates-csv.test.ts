import { describe, expect, it } from 'vitest';
import { decodeCsv, detectDelimiter, parseCsv } from '../../src/normalise/csv.ts';
import { PayloadFailure } from '../../src/normalise/measure.ts';
import { findViMonth, parseViDate, parseViMonth } from '../../src/normalise/numbers.ts';
import { fillPeriod } from '../../src/time/period.ts';

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof PayloadFailure) return err.reason;
    throw err;
  }
  return 'no failure';
};

describe('Vietnamese dates and months', () => {
  it('reads day-first dates in their usual spellings', () => {
    expect(parseViDate('15/10/2026')).toEqual({ ok: true, value: '2026-10-15' });
    expect(parseViDate('3/4/2026')).toEqual({ ok: true, value: '2026-04-03' });
    expect(parseViDate('03-04-2026')).toEqual({ ok: true, value: '2026-04-03' });
    expect(parseViDate('03.04.2026')).toEqual({ ok: true, value: '2026-04-03' });
    expect(parseViDate('ngày 5 tháng 1 năm 2026')).toEqual({ ok: true, value: '2026-01-05' });
    expect(parseViDate('2026-10-15')).toEqual({ ok: true, value: '2026-10-15' });
    expect(parseViDate(new Date(Date.UTC(2026, 9, 1)))).toEqual({ ok: true, value: '2026-10-01' });
  });

  it('refuses what is not a calendar date, saying so', () => {
    expect(parseViDate('31/02/2026')).toMatchObject({ ok: false, reason: expect.stringContaining('not a calendar date') });
    expect(parseViDate('10/15/2026').ok).toBe(false); // month first is not how Vietnam writes dates
    expect(parseViDate('hôm qua').ok).toBe(false);
    expect(parseViDate('').ok).toBe(false);
  });

  it('reads months, alone or inside a heading', () => {
    expect(parseViMonth('10/2026')).toEqual({ ok: true, value: '2026-10' });
    expect(parseViMonth('Tháng 3/2026')).toEqual({ ok: true, value: '2026-03' });
    expect(parseViMonth('tháng 3 năm 2026')).toEqual({ ok: true, value: '2026-03' });
    expect(parseViMonth('15/10/2026')).toEqual({ ok: true, value: '2026-10' });
    expect(parseViMonth('13/2026').ok).toBe(false);
    expect(findViMonth('Thống kê tháng 09/2026 (tạm tính)')).toEqual({ ok: true, value: '2026-09' });
    expect(findViMonth('Đang tải…').ok).toBe(false);
  });

  it('fills a period into URLs and header texts', () => {
    expect(fillPeriod('x?thang={period}&tu={from}&den={toVN}', '2026-02')).toBe('x?thang=2026-02&tu=2026-02-01&den=28/02/2026');
    expect(fillPeriod('Tháng {MM}/{YYYY} ({M})', '2026-03')).toBe('Tháng 03/2026 (3)');
  });
});

describe('CSV reading', () => {
  it('decodes UTF-8 with a byte-order mark, UTF-16 and Windows-1258', () => {
    expect(decodeCsv(Buffer.from('\uFEFFMã;Số', 'utf8'), 'utf-8')).toBe('Mã;Số');
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hà Nội', 'utf16le')]), 'utf-8')).toBe('Hà Nội');
    // "Hà Nội" in Windows-1258: ộ is ô followed by a combining dot below.
    expect(decodeCsv(Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69]), 'windows-1258').normalize('NFC')).toBe('Hà Nội');
    expect(reasonOf(() => decodeCsv(Buffer.from([0x48, 0xe0, 0x20]), 'utf-8'))).toBe('malformed_csv');
  });

  it('finds the delimiter past a title row, and keeps quoted fields whole', () => {
    const text = 'BÁO CÁO, NĂM 2026\r\n\r\nMã;"Tên; đơn vị";Số\r\n01;"Hà Nội ""mới""";1.234\r\n';
    expect(detectDelimiter(text)).toBe(';');
    expect(parseCsv(text, ';')).toEqual([['BÁO CÁO, NĂM 2026'], [''], ['Mã', 'Tên; đơn vị', 'Số'], ['01', 'Hà Nội "mới"', '1.234']]);
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
  });

  it('names a truncated file: an open quote, a last row cut short, or a last line without its line end', () => {
    expect(reasonOf(() => parseCsv('a;b\n1;"2', ';'))).toBe('truncated');
    expect(reasonOf(() => parseCsv('a;b;c\n1;2;3\n4;5', ';'))).toBe('truncated');
    // "1026" may be "1026874" cut at a digit: without the line end the last field cannot be trusted.
    expect(reasonOf(() => parseCsv('a;b\n01;1026', ';'))).toBe('truncated');
    expect(parseCsv('a;b\n01;1026874\r\n', ';')).toEqual([['a', 'b'], ['01', '1026874']]);
    // A portal that writes no final line end can be allowed, at the price of not telling that cut.
    expect(parseCsv('a;b\n1;2', ';', { finalNewline: 'optional' })).toEqual([['a', 'b'], ['1', '2']]);
  });
});
