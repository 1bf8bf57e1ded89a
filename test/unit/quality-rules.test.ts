import { describe, expect, it } from 'vitest';
import { flagKey, inconsistencies, median, outlier } from '../../src/quality/rules.ts';

describe('inconsistency rules', () => {
  const values = (entries: Record<string, number>) => new Map(Object.entries(entries));

  it('finds online dossiers above the total, channels above the total and rates over 100%', () => {
    const found = inconsistencies(values({
      'dossiers.received': 100, 'dossiers.received_online': 120, 'dossiers.received_direct': 10, 'dossiers.received_post': 0,
      'services.online_full': 10, 'services.online_partial': 5, 'services.with_online_filings': 16, 'reported.online_dossier_rate': 120,
    }));
    const details = found.map((f) => f.detail).join('\n');
    expect(details).toMatch(/rate\.online_dossiers is over 100%: 120 \(dossiers\.received_online\) ÷ 100 \(dossiers\.received\)/);
    expect(details).toMatch(/online \+ in person \+ post exceed dossiers received: 130 > 100/);
    expect(details).toMatch(/rate\.services_with_online_filings is over 100%: 16 \(services\.with_online_filings\) ÷ 15/);
    expect(details).toMatch(/reported\.online_dossier_rate is 120%, over 100%/);
  });

  it('checks on time + late against resolved when the source publishes resolved', () => {
    expect(inconsistencies(values({ 'dossiers.resolved': 10, 'dossiers.resolved_on_time': 8, 'dossiers.resolved_late': 3 }))[0]!.detail)
      .toMatch(/on time \+ late exceed dossiers resolved: 11 > 10/);
    expect(inconsistencies(values({ 'dossiers.resolved_on_time': 8, 'dossiers.resolved_late': 3 }))).toEqual([]);
  });

  it('passes consistent figures', () => {
    expect(inconsistencies(values({
      'dossiers.received': 100, 'dossiers.received_online': 60, 'dossiers.received_direct': 35, 'dossiers.received_post': 5,
      'services.online_full': 10, 'services.online_partial': 5, 'services.with_online_filings': 15, 'procedures.total': 20,
    }))).toEqual([]);
  });
});

describe('outliers', () => {
  it('flags a jump over 10× the median, and a fall under a tenth', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(outlier(1100, [100, 90, 110, 105], 10)).toMatch(/over 10× the median of 4 earlier periods \(102\.5\)/);
    expect(outlier(9, [100, 90, 110, 105], 10)).toMatch(/under 1\/10/);
    expect(outlier(9, [100, 90, 110, 105], 10, { checkLow: false })).toBeNull();
    expect(outlier(900, [100, 90, 110, 105], 10)).toBeNull();
  });

  it('says nothing on too short a history', () => {
    expect(outlier(1e6, [1, 2], 10)).toBeNull();
  });

  it('keys flags by kind and subject', () => {
    expect(flagKey({ kind: 'missing', sourceId: 's', agencyCode: 'tinh:01', metric: 'm', period: '2026-10' })).toBe('missing|s|tinh:01|m|2026-10');
  });
});
