// A data-quality flag's finding is stored in English (as it always was) and shown in the reader's
// language: read back into its catalogue key and values, said again in Vietnamese.
import { describe, expect, it } from 'vitest';
import { FLAG_DETAIL_KEYS, flagDetail, readDetail, storedDetail } from '../../src/quality/flag-detail.ts';
import { inconsistencies, outlier } from '../../src/quality/rules.ts';

const ENGLISH_WORDS = /\b(is|of|the|median|earlier|periods?|over|under|where|exceed|online|dossiers|no new data|since|days?)\b/;

describe('flag details', () => {
  it('are stored as before, and read in Vietnamese without an English word', () => {
    const low = outlier(76, [1000, 1000, 1000], 10)!;
    expect(low).toBe('76 is under 1/10 of the median of 3 earlier periods (1000)');
    expect(flagDetail(low, 'en')).toBe(low);
    expect(flagDetail(low, 'vi')).toBe('76 dưới 1/10 trung vị của 3 kỳ trước (1000)');

    const high = outlier(20_000, [1000, 1000, 1000, 1000], 10)!;
    expect(high).toBe('20000 is over 10× the median of 4 earlier periods (1000)');
    expect(flagDetail(high, 'vi')).toBe('20000 gấp hơn 10 lần trung vị của 4 kỳ trước (1000)');

    const found = inconsistencies(new Map(Object.entries({
      'dossiers.received': 100, 'dossiers.received_online': 120, 'dossiers.received_direct': 10, 'dossiers.received_post': 0, 'reported.online_dossier_rate': 120,
    })));
    expect(found.map((f) => f.detail)).toEqual([
      'online + in person + post exceed dossiers received: 130 > 100 (dossiers.received_online + dossiers.received_direct + dossiers.received_post vs dossiers.received)',
      'rate.online_dossiers is over 100%: 120 (dossiers.received_online) ÷ 100 (dossiers.received)',
      'reported.online_dossier_rate is 120%, over 100%',
    ]);
    expect(found.map((f) => flagDetail(f.detail, 'vi'))).toEqual([
      'trực tuyến + trực tiếp + bưu chính vượt số hồ sơ tiếp nhận: 130 > 100 (dossiers.received_online + dossiers.received_direct + dossiers.received_post so với dossiers.received)',
      'rate.online_dossiers vượt 100%: 120 (dossiers.received_online) ÷ 100 (dossiers.received)',
      'reported.online_dossier_rate là 120%, vượt 100%',
    ]);
  });

  it('read back every text the rules write, in both plural forms', () => {
    for (const key of FLAG_DETAIL_KEYS) {
      for (const count of [1, 3]) {
        const vars = { value: 76, factor: 10, count, median: 1000.5, parts: 130, whole: 100, partMetrics: 'a + b', wholeMetrics: 'c', kpi: 'rate.x', numerator: 5, numeratorMetrics: 'a', denominator: 2, denominatorMetrics: 'b + c', metric: 'reported.sync_rate', since: '2026-11-01T00:00:00.000Z' };
        const stored = storedDetail(key, vars);
        expect(readDetail(stored)?.key, stored).toBe(key);
        expect(flagDetail(stored, 'vi'), stored).not.toMatch(ENGLISH_WORDS);
      }
    }
    expect(storedDetail('quality.detail.stale', { since: '2026-11-01', count: 1 })).toBe('no new data since 2026-11-01 (over 1 day)');
    expect(flagDetail('no new data since 2026-11-01 (over 7 days)', 'vi')).toBe('không có số liệu mới từ 2026-11-01 (quá 7 ngày)');
  });

  it('show a text the rules did not write as it is stored', () => {
    expect(flagDetail('counter_decreased: 120 after 150', 'vi')).toBe('counter_decreased: 120 after 150');
    expect(readDetail('76 is under 1/10 of the median of 3 earlier periods')).toBeNull();
  });
});
