import { describe, expect, it } from 'vitest';
import { yearToDateToMonthly } from '../../src/normalise/cumulative.ts';
import type { NormalisedMeasure } from '../../src/normalise/measure.ts';

const m = (metric: string, period: string, value: number | null, agencyCode = 'tinh:01'): NormalisedMeasure =>
  ({ agencyCode, metric, period, value, nullReason: value === null ? 'missing: the field is empty (X)' : null, payloadIndex: 0 });
const stored = (values: Record<string, number | null>) => (agency: string, metric: string, period: string) => values[`${agency}|${metric}|${period}`];
const convert = (measures: NormalisedMeasure[], values: Record<string, number | null> = {}) => yearToDateToMonthly({ measures, notes: [] }, stored(values));
const find = (r: ReturnType<typeof convert>, metric: string, period = '2026-03') => r.measures.find((x) => x.metric === metric && x.period === period);

describe('year-to-date conversion', () => {
  it('takes this month as the difference with the previous month, January as the figure itself', () => {
    const r = convert([m('dossiers.received', '2026-03', 3500), m('dossiers.received', '2026-01', 1000)], { 'tinh:01|ytd.dossiers.received|2026-02': 2300 });
    expect(find(r, 'dossiers.received')!.value).toBe(1200);
    expect(find(r, 'ytd.dossiers.received')!.value).toBe(3500);
    expect(find(r, 'dossiers.received', '2026-01')!.value).toBe(1000);
    expect(r.notes).toEqual([]);
  });

  it('prefers the previous month from the same payload over the store', () => {
    const r = convert([m('payments.online_count', '2026-02', 50), m('payments.online_count', '2026-03', 80)], { 'tinh:01|ytd.payments.online_count|2026-02': 10 });
    expect(find(r, 'payments.online_count')!.value).toBe(30);
  });

  it('stores a fall as null with counter_decreased and a note about that value, never a negative count', () => {
    const r = convert([m('dossiers.received_online', '2026-03', 900)], { 'tinh:01|ytd.dossiers.received_online|2026-02': 1000 });
    expect(find(r, 'dossiers.received_online')).toMatchObject({ value: null, nullReason: expect.stringMatching(/^counter_decreased: year to date fell from 1000 \(2026-02\) to 900 \(2026-03\)/) });
    expect(r.notes).toEqual([expect.objectContaining({ kind: 'counter_decreased', agencyCode: 'tinh:01', metric: 'dossiers.received_online', period: '2026-03' })]);
  });

  it('says why a month cannot be derived: previous figure not collected, or stored as missing', () => {
    expect(find(convert([m('dossiers.received', '2026-03', 10)]), 'dossiers.received')!.nullReason).toMatch(/^missing: the year-to-date figure for 2026-02 has not been collected/);
    expect(find(convert([m('dossiers.received', '2026-03', 10)], { 'tinh:01|ytd.dossiers.received|2026-02': null }), 'dossiers.received')!.nullReason).toMatch(/2026-02 is missing/);
    expect(find(convert([m('dossiers.received', '2026-03', null)], { 'tinh:01|ytd.dossiers.received|2026-02': 5 }), 'dossiers.received')).toMatchObject({ value: null, nullReason: 'missing: the field is empty (X)' });
  });

  it('passes levels through, and keeps rates only as published', () => {
    const r = convert([m('services.online_full', '2026-03', 700), m('reported.online_dossier_rate', '2026-03', 52.5), m('services.with_online_filings', '2026-03', 400)]);
    expect(find(r, 'services.online_full')!.value).toBe(700);
    expect(find(r, 'reported.online_dossier_rate')).toBeUndefined();
    expect(find(r, 'ytd.reported.online_dossier_rate')!.value).toBe(52.5);
    expect(find(r, 'services.with_online_filings')).toBeUndefined();
  });
});
