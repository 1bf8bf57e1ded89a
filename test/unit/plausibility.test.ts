// The plausibility rules (src/quality/plausibility.ts), pure: values in, breaches out.
import { describe, expect, it } from 'vitest';
import { boundOf, DEFAULT_PLAUSIBILITY, describeBreach, judgePeriod, type JudgeInput, type PeriodValue } from '../../src/quality/plausibility.ts';

const province = (agencyCode: string, metric: string, value: number): PeriodValue => ({ agencyCode, metric, value, level: 'province' });

function judge(values: PeriodValue[], history: Record<string, number[]> = {}, extra: Partial<JudgeInput> = {}) {
  return judgePeriod({
    period: '2026-10', inProgress: false, settings: DEFAULT_PLAUSIBILITY, values,
    history: (agency, metric) => history[`${agency}|${metric}`] ?? [], ...extra,
  }).map((b) => `${b.agencyCode} ${b.metric} ${b.rule}`).sort();
}

const peers = (metric: string, values: number[]) => values.map((v, i) => province(`tinh:${String(i + 10)}`, metric, v));

describe('plausibility rules', () => {
  it('holds back negative values, rates and scores out of range, and impossibly large counts', () => {
    expect(judge([
      province('tinh:01', 'reported.online_dossier_rate', -45.5),
      province('tinh:02', 'reported.sync_rate', 100.5),
      province('tinh:03', 'reported.sync_rate', 100),
      province('tinh:04', 'dossiers.received', 9_999_999_999_999),
      province('tinh:05', 'index766.tdgq', 21),
      province('tinh:06', 'index766.rank', 0),
      province('tinh:07', 'status.indicator', 4),
      province('tinh:08', 'some.new_metric', -1),
    ])).toEqual([
      'tinh:01 reported.online_dossier_rate negative',
      'tinh:02 reported.sync_rate out_of_range',
      'tinh:04 dossiers.received too_large',
      'tinh:05 index766.tdgq out_of_range',
      'tinh:06 index766.rank out_of_range',
      'tinh:07 status.indicator out_of_range',
      'tinh:08 some.new_metric negative',
    ]);
    expect(boundOf('ytd.dossiers.received')!.max).toBe(1.2e9);
  });

  it('holds back both sides of a part larger than its total: which one is wrong cannot be told', () => {
    expect(judge([
      province('tinh:01', 'dossiers.received', 500), province('tinh:01', 'dossiers.received_online', 600),
      province('tinh:02', 'dossiers.received', 500), province('tinh:02', 'dossiers.received_online', 500),
      province('tinh:03', 'services.online_full', 60), province('tinh:03', 'services.online_partial', 50), province('tinh:03', 'procedures.total', 100),
    ])).toEqual([
      'tinh:01 dossiers.received part_exceeds_whole', 'tinh:01 dossiers.received_online part_exceeds_whole',
      'tinh:03 procedures.total part_exceeds_whole', 'tinh:03 services.online_full part_exceeds_whole', 'tinh:03 services.online_partial part_exceeds_whole',
    ]);
  });

  it('judges an order-of-magnitude jump against the agency\'s own history, not among small numbers, and only upwards in the month in progress', () => {
    const history = { 'tinh:01|dossiers.received': [100_000, 110_000, 90_000], 'tinh:02|dossiers.resolved_late': [1250, 1300, 1200] };
    expect(judge([province('tinh:01', 'dossiers.received', 1_026)], history)).toEqual(['tinh:01 dossiers.received jump_from_history']);
    expect(judge([province('tinh:01', 'dossiers.received', 1_500_000)], history)).toEqual(['tinh:01 dossiers.received jump_from_history']);
    expect(judge([province('tinh:01', 'dossiers.received', 900_000)], history)).toEqual([]);
    // 1,250 → 76 late dossiers: a real swing of small numbers (under the floor of 10,000).
    expect(judge([province('tinh:02', 'dossiers.resolved_late', 76)], history)).toEqual([]);
    // The month in progress is naturally low.
    expect(judge([province('tinh:01', 'dossiers.received', 1_026)], history, { inProgress: true })).toEqual([]);
    // Rates and year-to-date counters are not judged for jumps (they fall back every January).
    expect(judge([province('tinh:01', 'ytd.dossiers.received', 1_026)], { 'tinh:01|ytd.dossiers.received': [900_000, 1_000_000, 1_100_000] })).toEqual([]);
  });

  it('judges an agency with under 3 months of history against its peers of the same level: far outside the largest or smallest', () => {
    const others = peers('payments.online_count', [228_325, 100_000, 50_000, 20_000, 5_000]);
    expect(judge([...others, province('tinh:48', 'payments.online_count', 50_000_000)])).toEqual(['tinh:48 payments.online_count jump_from_peers']);
    // 20 times the largest peer is a big agency, not an error.
    expect(judge([...others, province('tinh:48', 'payments.online_count', 4_000_000)])).toEqual([]);
    // With 3 months of history its own history decides.
    expect(judge([...others, province('tinh:48', 'payments.online_count', 50_000_000)], { 'tinh:48|payments.online_count': [40e6, 45e6, 50e6] })).toEqual([]);
    // Too few peers tell nothing; peers of another level are not peers.
    expect(judge([...others.slice(0, 4), province('tinh:48', 'payments.online_count', 50_000_000)])).toEqual([]);
    expect(judge([...others, { agencyCode: 'bo:BCA', metric: 'payments.online_count', value: 50_000_000, level: 'ministry' }])).toEqual([]);
  });

  it('judges only the values asked for, and lists the other rules a value also breaks', () => {
    const values = [province('tinh:01', 'dossiers.received', 9_999_999_999_999), province('tinh:02', 'reported.sync_rate', -1)];
    expect(judge(values, {}, { judge: (a) => a === 'tinh:02' })).toEqual(['tinh:02 reported.sync_rate negative']);
    const [breach] = judgePeriod({
      period: '2026-10', inProgress: false, settings: DEFAULT_PLAUSIBILITY, values: [values[0]!],
      history: () => [1_000_000, 1_000_000, 1_000_000],
    });
    expect(breach).toMatchObject({ rule: 'too_large', facts: { also: ['jump_from_history'] } });
  });

  it('says why in Vietnamese and English', () => {
    const b = { metric: 'dossiers.received', value: 1_026, rule: 'jump_from_history', facts: { median: 1_026_874, months: 12, direction: 'low', ratio: 1000.8 } };
    expect(describeBreach(b, 'vi')).toBe('1.026 chỉ bằng 1/1.001 trung vị 12 tháng trước (1.026.874)');
    expect(describeBreach(b, 'en')).toBe('1,026 is 1/1,001 of the median of the 12 months before (1,026,874)');
    expect(describeBreach({ metric: 'dossiers.received_online', value: 600, rule: 'part_exceeds_whole', facts: { parts: ['dossiers.received_online'], whole: ['dossiers.received'], partValue: 600, wholeValue: 500 } }, 'vi'))
      .toBe('dossiers.received_online (600) lớn hơn tổng dossiers.received (500): không rõ số nào sai, cả hai bị giữ lại');
  });
});
