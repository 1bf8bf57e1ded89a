// An alert as a person reads it on a page: its state and severity in words, a subject that names
// the portal or agency (not the dedupe key), and its facts as labelled values — numbers rounded
// the local way, instants in Vietnam time — never raw JSON. Pure.
import { formatPercent, numberFormat, t, type Lang } from '../i18n.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import { LOCAL_TIME_ZONE } from '../time/period.ts';
import type { Severity } from './types.ts';

export const ALERT_STATUS_NAME: Record<string, { vi: string; en: string }> = {
  pending: { vi: 'Đang theo dõi', en: 'Pending' },
  open: { vi: 'Đang mở', en: 'Open' },
  resolved: { vi: 'Đã khắc phục', en: 'Resolved' },
};

export const ALERT_SEVERITY_NAME: Record<Severity, { vi: string; en: string }> = {
  critical: { vi: 'Nghiêm trọng', en: 'Critical' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  info: { vi: 'Thông tin', en: 'Information' },
};

const FACT_LABEL: Record<string, { vi: string; en: string }> = {
  portal: { vi: 'Cổng', en: 'Portal' }, portalName: { vi: 'Tên cổng', en: 'Portal name' }, url: { vi: 'Địa chỉ', en: 'Address' },
  since: { vi: 'Từ lúc', en: 'Since' }, reason: { vi: 'Lý do', en: 'Reason' }, endpoint: { vi: 'Điểm đo', en: 'Endpoint' },
  kpi: { vi: 'Chỉ số', en: 'KPI' }, agency: { vi: 'Cơ quan', en: 'Agency' }, agencyName: { vi: 'Cơ quan', en: 'Agency' },
  period: { vi: 'Kỳ', en: 'Period' }, previousPeriod: { vi: 'Kỳ trước', en: 'Previous period' }, current: { vi: 'Giá trị', en: 'Value' },
  previous: { vi: 'Giá trị kỳ trước', en: 'Previous value' }, drop: { vi: 'Mức giảm (điểm %)', en: 'Drop (points)' },
  threshold: { vi: 'Ngưỡng', en: 'Threshold' }, target: { vi: 'Mục tiêu', en: 'Target' }, expiresAt: { vi: 'Hết hạn lúc', en: 'Expires at' },
  daysLeft: { vi: 'Số ngày còn lại', en: 'Days left' }, issuer: { vi: 'Tổ chức cấp', en: 'Issuer' }, subject: { vi: 'Chủ thể', en: 'Subject' },
  host: { vi: 'Máy chủ', en: 'Host' }, cookie: { vi: 'Cookie', en: 'Cookie' }, tracker: { vi: 'Bên theo dõi', en: 'Tracker' },
  page: { vi: 'Trang', en: 'Page' }, violation: { vi: 'Lỗi', en: 'Violation' }, impact: { vi: 'Mức ảnh hưởng', en: 'Impact' },
  source: { vi: 'Nguồn', en: 'Source' }, failedRuns: { vi: 'Số lần chạy lỗi liên tiếp', en: 'Failed runs in a row' }, reasons: { vi: 'Lý do', en: 'Reasons' },
  detail: { vi: 'Chi tiết', en: 'Detail' }, metric: { vi: 'Chỉ tiêu', en: 'Metric' }, value: { vi: 'Giá trị', en: 'Value' }, rule: { vi: 'Quy tắc', en: 'Rule' },
  criterion: { vi: 'Tiêu chí', en: 'Criterion' }, criterionTitle: { vi: 'Tên tiêu chí', en: 'Criterion title' }, outcome: { vi: 'Kết quả', en: 'Outcome' },
  leftOut: { vi: 'Không tính', en: 'Left out' }, kind: { vi: 'Loại', en: 'Kind' },
};

/** Facts that are rates in percent (the rest are counts, text or instants). */
const PERCENT_FACTS = new Set(['current', 'previous', 'target']);
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

function factValue(key: string, v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (PERCENT_FACTS.has(key)) return formatPercent(v, lang);
    return numberFormat(lang, 0, 2).format(v);
  }
  if (typeof v === 'string') {
    if (ISO_INSTANT.test(v)) {
      const when = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: LOCAL_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }).format(new Date(v));
      return `${when} (${t(lang, 'giờ Việt Nam', 'Vietnam time')})`;
    }
    if (key === 'kpi') return ALL_KPIS.find((k) => k.id === v)?.title[lang] ?? v;
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => factValue(key, x, lang)).join(', ');
  if (typeof v === 'object' && (v as Record<string, unknown>)[lang] !== undefined) return String((v as Record<string, unknown>)[lang]);
  return JSON.stringify(v);
}

/** The facts as labelled values, in the order the rule recorded them. */
export function readableFacts(facts: Record<string, unknown>, lang: Lang): Array<{ label: string; value: string }> {
  return Object.entries(facts).map(([key, v]) => ({ label: FACT_LABEL[key]?.[lang] ?? key, value: factValue(key, v, lang) }));
}

/**
 * Whom the alert is about, by name: "Cổng DVC Hà Nội — điểm đo home", "Thành phố Hà Nội — Tỷ lệ hồ
 * sơ trực tuyến", or the source for a collector. Subjects are "portal|endpoint", "agency|kpi", …
 */
export function readableSubject(
  alert: { rule: string; subject: string; portalId: string | null; agencyCode: string | null },
  names: { portal: (id: string) => string | undefined; agency: (code: string) => string | undefined },
  lang: Lang,
): string {
  const [first = '', second = ''] = alert.subject.split('|');
  if (alert.portalId) {
    const portal = names.portal(alert.portalId) ?? alert.portalId;
    if (alert.rule.startsWith('portal.')) return `${portal} — ${t(lang, 'điểm đo', 'endpoint')} ${second || first}`;
    return second ? `${portal} — ${second}` : portal;
  }
  if (alert.rule.startsWith('kpi.')) {
    const kpi = ALL_KPIS.find((k) => k.id === second)?.title[lang] ?? second;
    return `${names.agency(first) ?? first} — ${kpi}`;
  }
  if (alert.rule === 'data.anomaly') {
    const [, agency = '', metric = '', period = ''] = alert.subject.split('|');
    return `${names.agency(agency) ?? agency} — ${metric}, ${period}`;
  }
  if (alert.rule === 'collector.failing' || alert.rule === 'source.stale') return t(lang, `Nguồn ${alert.subject}`, `Source ${alert.subject}`);
  return alert.subject;
}
