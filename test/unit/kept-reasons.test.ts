// Reasons kept in English in figures and in the store (why a KPI has no value, how a quarantine
// ended), as they were; said in the reader's language on request.
import { describe, expect, it } from 'vitest';
import { keptReason, missingReasonText } from '../../src/kpi/missing-reason.ts';
import { endReasonText } from '../../src/quality/quarantine.ts';

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

describe('how a quarantine ended', () => {
  it('is read in Vietnamese, an operator reason as written', () => {
    expect(endReasonText('collected again, the same, by run #12 on 2026-11-23 (quarantined on 2026-11-22)', 'vi'))
      .toBe('thu thập lại, vẫn như cũ, ở lần chạy #12 ngày 2026-11-23 (bị cách ly ngày 2026-11-22)');
    expect(endReasonText('a later collection replaced it with 1234', 'vi')).toBe('lần thu thập sau đã thay bằng 1234');
    expect(endReasonText('it no longer breaks a plausibility rule (its total, history or peers changed)', 'en')).toBe('it no longer breaks a plausibility rule (its total, history or peers changed)');
    expect(endReasonText('Sở xác nhận bằng công văn 123/STTTT', 'vi')).toBe('Sở xác nhận bằng công văn 123/STTTT');
  });
});
