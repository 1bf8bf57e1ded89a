import { describe, expect, it } from 'vitest';
import { parseCount, parseDecimal } from '../../src/normalise/numbers.ts';

describe('parseCount', () => {
  it.each([
    ['1234', 1234], ['1.234', 1234], ['1.234.567', 1234567], ['1,234,567', 1234567], [' 42 ', 42], [0, 0], ['0', 0], [17, 17],
  ])('reads %j as %d', (raw, value) => {
    expect(parseCount(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', /^missing/], [null, /^missing/], [undefined, /^missing/], ['N/A', /^not_available/], ['-', /^not_available/],
    ['abc', /^unreadable/], ['97,67', /^not_a_count/], ['1.5', /^not_a_count/], ['-3', /^negative/], [-3, /^negative/],
    ['99999999999999999', /^out_of_range/], [{}, /^unreadable/], [1.5, /^not_a_count/],
  ])('refuses %j with a reason, never 0', (raw, reason) => {
    const parsed = parseCount(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('parseDecimal', () => {
  it.each([
    ['97,67', 97.67], ['97.67', 97.67], ['97,67%', 97.67], ['1.234,5', 1234.5], ['1,234.5', 1234.5], ['100', 100], ['17.5', 17.5], [3.25, 3.25],
  ])('reads %j as %d', (raw, value) => {
    expect(parseDecimal(raw)).toEqual({ ok: true, value });
  });

  it.each([['', /^missing/], ['N/A', /^not_available/], ['12abc', /^unreadable/], [Number.NaN, /^unreadable/]])('refuses %j', (raw, reason) => {
    const parsed = parseDecimal(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});
