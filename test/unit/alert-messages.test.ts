// An alert in Vietnamese says everything in Vietnamese: a check's outcome, a violation's impact, a
// data-quality flag's kind and finding, the severity on a Teams card; in English as before.
import { describe, expect, it } from 'vitest';
import { adaptiveCard } from '../../src/alerts/channels/teams.ts';
import { describeAlert, testMessage } from '../../src/alerts/messages.ts';
import { readableFacts } from '../../src/alerts/readable.ts';

const anomaly = { kind: 'outlier', agency: 'tinh:01', metric: 'dossiers.received', period: '2026-11', detail: '76 is under 1/10 of the median of 3 earlier periods (1000)', source: 'vbdlis' };

describe('alert texts', () => {
  it('say a count anomaly, its kind and its finding in the reader language', () => {
    expect(describeAlert('data.anomaly', anomaly, 'vi')).toBe('Số liệu bất thường (bất thường) của tinh:01, dossiers.received, tháng 11/2026: 76 dưới 1/10 trung vị của 3 kỳ trước (1000).');
    expect(describeAlert('data.anomaly', anomaly, 'en')).toBe('Count anomaly (outlier) for tinh:01, dossiers.received, 2026-11: 76 is under 1/10 of the median of 3 earlier periods (1000).');
    expect(describeAlert('data.anomaly', { ...anomaly, kind: 'counter_decreased', detail: 'x' }, 'vi')).toContain('(lũy kế giảm)');
    expect(describeAlert('source.stale', { source: 'vbdlis', detail: 'no new data since 2026-11-01 (over 7 days)' }, 'vi'))
      .toBe('Nguồn vbdlis không có số liệu mới: không có số liệu mới từ 2026-11-01 (quá 7 ngày).');
    expect(readableFacts(anomaly, 'vi').find((f) => f.label === 'Chi tiết')?.value).toBe('76 dưới 1/10 trung vị của 3 kỳ trước (1000)');
  });

  it('name a check outcome and a violation impact in Vietnamese, and keep the English', () => {
    const regressed = { portal: 'dvc-hanoi', criterion: 'privacy.policy', criterionTitle: { vi: 'Chính sách', en: 'Policy' }, outcome: 'cant_tell' };
    expect(describeAlert('check.regressed', regressed, 'vi')).toBe('Tiêu chí privacy.policy (Chính sách) của cổng dvc-hanoi đạt ở lần kiểm tra trước nhưng nay không đạt (kết quả: cần người kiểm tra).');
    expect(describeAlert('check.regressed', { ...regressed, outcome: 'fail' }, 'en')).toBe('Criterion privacy.policy (Policy) on portal dvc-hanoi passed last time and fails now (outcome: fail).');
    const violation = { portal: 'dvc-hanoi', violation: 'color-contrast', impact: 'serious', page: 'https://dvc.example/' };
    expect(describeAlert('check.new_violation', violation, 'vi')).toBe('Cổng dvc-hanoi có lỗi tiếp cận mới mức cao: color-contrast (trang https://dvc.example/).');
    expect(describeAlert('check.new_violation', violation, 'en')).toBe('Portal dvc-hanoi has a new serious accessibility violation: color-contrast (page https://dvc.example/).');
  });

  it('name a failure reason in the reader language', () => {
    const down = { portal: 'dvc-hanoi', portalName: 'Cổng DVC Hà Nội', url: 'https://dvc.example/', since: '2026-11-22T01:00:00.000Z', reason: 'http_5xx' };
    expect(describeAlert('portal.down', down, 'vi')).toMatch(/; lý do: lỗi máy chủ \(HTTP 5xx\)\.$/);
    expect(describeAlert('collector.failing', { source: 'vbdlis', failedRuns: 3, reasons: ['timeout', 'unexpected_shape'] }, 'vi'))
      .toBe('Bộ thu thập nguồn vbdlis thất bại trong 3 lần chạy liên tiếp (lý do: quá thời gian chờ, cấu trúc dữ liệu thay đổi).');
    expect(readableFacts(down, 'vi').find((f) => f.label === 'Lý do')?.value).toBe('lỗi máy chủ (HTTP 5xx)');
  });

  it('say a fact that is not a time as it came, instead of failing the delivery', () => {
    const down = { portal: 'dvc-hanoi', portalName: 'Cổng DVC Hà Nội', url: 'https://dvc.example/', since: 'không rõ', reason: 'timeout' };
    expect(describeAlert('portal.down', down, 'vi')).toContain('từ không rõ');
    expect(describeAlert('portal.down', down, 'en')).toContain('since không rõ');
  });

  it('give the Teams card its severity by name', () => {
    const now = new Date('2026-11-22T01:00:00Z');
    const card = (lang: 'vi' | 'en') => adaptiveCard({ message: { ...testMessage('teams-1', lang, 'http://127.0.0.1/', now), severity: 'critical' }, idempotencyKey: 'k' }) as { body: Array<{ facts?: Array<{ title: string; value: string }> }> };
    expect(card('vi').body[2]!.facts![0]).toEqual({ title: 'Mức độ', value: 'Nghiêm trọng' });
    expect(card('en').body[2]!.facts![0]).toEqual({ title: 'Severity', value: 'Critical' });
  });
});
