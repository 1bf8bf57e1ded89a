// Why a KPI has no value: kept in English with the figure (exports carry it as before), said in
// the reader's language on request.
import { describe, expect, it } from 'vitest';
import { keptReason, missingReasonText } from '../../src/kpi/missing-reason.ts';

describe('a KPI missing reason', () => {
  it('is kept as before and read in Vietnamese', () => {
    const cases: Array<[string, string]> = [
      [keptReason('kpi.missing.noAgency'), 'không cơ quan nào báo cáo trong kỳ này'],
      [keptReason('kpi.missing.zeroDenominator'), 'mẫu số bằng 0'],
      [keptReason('kpi.missing.metric', { metric: 'dossiers.received', agency: 'tinh:01' }), 'thiếu dossiers.received của tinh:01'],
      [keptReason('kpi.missing.metricBecause', { metric: 'dossiers.received', agency: 'tinh:01', reason: 'N/A' }), 'thiếu dossiers.received của tinh:01: N/A'],
      [keptReason('kpi.missing.quarantined', { metric: 'dossiers.received', agency: 'tinh:01', value: 9, rule: 'too_large' }), 'bị cách ly: dossiers.received của tinh:01 là 9 (too_large)'],
    ];
    expect(cases.map(([kept]) => kept)).toEqual([
      'no agency reported for this period', 'denominator is 0', 'dossiers.received missing for tinh:01',
      'dossiers.received missing for tinh:01: N/A', 'quarantined: dossiers.received of tinh:01 is 9 (too_large)',
    ]);
    for (const [kept, vi] of cases) {
      expect(missingReasonText(kept, 'vi')).toBe(vi);
      expect(missingReasonText(kept, 'en')).toBe(kept);
    }
    expect(missingReasonText('a reason from elsewhere', 'vi')).toBe('a reason from elsewhere');
  });
});
