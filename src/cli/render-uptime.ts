// Text of `dvc-monitor uptime`: the report as a table or CSV, in Vietnamese or English.
import { formatCount, formatDuration, formatPercent, t as L, type Lang } from '../i18n.ts';

export { formatDuration };
import { MISSING } from '../uptime/conditions.ts';
import type { LatestProbe } from '../../storage/uptime.ts';
import type { EndpointReport, PeriodFigures, UptimeReport } from '../uptime/report.ts';
import type { DisplayState } from '../uptime/reach.ts';
import { LOCAL_TIME_ZONE } from '../time/period.ts';

export const STATE_LABEL: Record<DisplayState, { vi: string; en: string }> = {
  up: { vi: 'HOẠT ĐỘNG', en: 'UP' },
  partial: { vi: 'TRUY CẬP ĐƯỢC MỘT PHẦN', en: 'PARTIALLY REACHABLE' },
  degraded: { vi: 'SUY GIẢM', en: 'DEGRADED' },
  down: { vi: 'NGỪNG HOẠT ĐỘNG', en: 'DOWN' },
  maintenance: { vi: 'BẢO TRÌ', en: 'MAINTENANCE' },
  unknown: { vi: 'KHÔNG XÁC ĐỊNH', en: 'UNKNOWN' },
};

const REASON_LABEL: Record<string, { vi: string; en: string }> = {
  dns: { vi: 'tên miền không phân giải được (DNS)', en: 'name does not resolve (DNS)' },
  local_dns: { vi: 'lỗi DNS phía hệ thống đo', en: 'our DNS resolver failed' },
  connect_refused: { vi: 'từ chối kết nối', en: 'connection refused' },
  connect_reset: { vi: 'kết nối bị ngắt', en: 'connection reset' },
  timeout: { vi: 'quá thời gian chờ', en: 'timeout' },
  tls_invalid: { vi: 'chứng chỉ TLS không hợp lệ', en: 'invalid TLS certificate' },
  tls_expired: { vi: 'chứng chỉ TLS đã hết hạn', en: 'expired TLS certificate' },
  too_many_redirects: { vi: 'chuyển hướng quá nhiều lần hoặc lặp vòng', en: 'too many redirects or a redirect loop' },
  too_large: { vi: 'phản hồi quá lớn', en: 'response too large' },
  http_5xx: { vi: 'lỗi máy chủ (HTTP 5xx)', en: 'server error (HTTP 5xx)' },
  http_4xx: { vi: 'lỗi HTTP 4xx', en: 'HTTP 4xx error' },
  rate_limited: { vi: 'cổng từ chối vì gửi quá nhiều yêu cầu (HTTP 429)', en: 'rate limited by the portal (HTTP 429)' },
  assertion: { vi: 'không đạt điều kiện kiểm tra', en: 'a condition failed' },
  soft_assertion: { vi: 'không đạt điều kiện phụ', en: 'a soft condition failed' },
  slow: { vi: 'phản hồi chậm', en: 'slow response' },
  invalid_url: { vi: 'địa chỉ không hợp lệ', en: 'invalid URL' },
  network: { vi: 'lỗi mạng', en: 'network error' },
  store_busy: { vi: 'kho dữ liệu bận (lỗi phía hệ thống đo)', en: 'store busy (our fault)' },
  paused: { vi: 'tiến trình đo bị tạm dừng', en: 'prober paused' },
  recovered: { vi: 'đã khắc phục', en: 'recovered' },
  maintenance: { vi: 'chuyển sang bảo trì', en: 'maintenance began' },
  monitor_gap: { vi: 'hệ thống đo ngừng theo dõi', en: 'prober stopped watching' },
  location_network: { vi: 'mạng của vị trí đo bị lỗi (không loại trừ cổng)', en: "the location's own network failed" },
  no_location: { vi: 'không vị trí đo nào trả lời', en: 'no location answered' },
  no_quorum: { vi: 'không đủ số vị trí đo để kết luận', en: 'too few locations to decide' },
};

/** What one location saw (its own probe, before any quorum). */
export const LOCATION_OUTCOME_LABEL: Record<string, { vi: string; en: string }> = {
  up: STATE_LABEL.up,
  degraded: STATE_LABEL.degraded,
  failed: { vi: 'KHÔNG TRUY CẬP ĐƯỢC', en: 'UNREACHABLE' },
  unknown: STATE_LABEL.unknown,
};

/** Each location's view of an endpoint probed from several. */
export function locationLines(e: EndpointReport, lang: Lang): string[] {
  if (e.locations.length === 0) return [];
  const lines = [L(lang,
    `    Theo vị trí đo (mỗi vị trí tự thấy, chưa xét đa số; tỷ lệ = hoạt động + suy giảm trên số lần đo được tính):`,
    `    By location (each location's own view, before the quorum; rate = up + degraded over the probes counted):`)];
  for (const v of e.locations) {
    const last = v.last
      ? `${LOCATION_OUTCOME_LABEL[v.last.outcome]?.[lang] ?? v.last.outcome}${v.last.reason ? ` (${reasonLabel(v.last.reason, lang)})` : ''}${v.last.statusCode ? `, HTTP ${v.last.statusCode}` : ''}${v.last.totalMs !== null ? `, ${Math.round(v.last.totalMs)} ms` : ''} ${L(lang, 'lúc', 'at')} ${formatInstant(v.last.roundAt, lang)}`
      : '—';
    const c = v.counts;
    lines.push(L(lang,
      `      ${v.location}: lần gần nhất ${last}; ${formatPercent(v.availabilityPercent, lang)} (${formatCount(c.up, lang)} hoạt động, ${formatCount(c.degraded, lang)} suy giảm, ${formatCount(c.failed, lang)} không truy cập được, ${formatCount(c.unknown, lang)} không xác định)`,
      `      ${v.location}: last ${last}; ${formatPercent(v.availabilityPercent, lang)} (${formatCount(c.up, lang)} up, ${formatCount(c.degraded, lang)} degraded, ${formatCount(c.failed, lang)} unreachable, ${formatCount(c.unknown, lang)} unknown)`));
  }
  if (e.partialRounds > 0) {
    lines.push(L(lang,
      `      Lần đo chỉ truy cập được từ một số vị trí: ${formatCount(e.partialRounds, lang)} (tính là sẵn sàng, không phải thời gian ngừng)`,
      `      Rounds reachable from some locations only: ${formatCount(e.partialRounds, lang)} (counted as available, never as downtime)`));
  }
  return lines;
}

/** Times the distributed measurement was not whole. */
export function gapLines(report: UptimeReport, lang: Lang): string[] {
  if (report.gaps.length === 0) return [];
  const lines = [L(lang, 'Khoảng trống của phép đo phân tán:', 'Gaps in the distributed measurement:')];
  for (const g of report.gaps) {
    const what = g.scope === 'queue'
      ? L(lang, 'hàng đợi (Redis) không truy cập được: máy điều phối tự đo (vị trí local)', 'the queue (Redis) unreachable: the coordinator probed alone (location local)')
      : L(lang, `vị trí ${g.location} không có worker nào hoạt động: không tính vào đa số`, `location ${g.location} had no live worker: left out of the quorum`);
    lines.push(`  ${formatInstant(g.startedAt, lang)} → ${g.endedAt ? formatInstant(g.endedAt, lang) : L(lang, 'đang diễn ra', 'ongoing')}: ${what} (${g.reason})`);
  }
  return lines;
}

export const reasonLabel = (reason: string, lang: Lang) => REASON_LABEL[reason]?.[lang] ?? reason;

// Made once per language: a dashboard page formats hundreds of instants.
const DATE_TIME: Record<Lang, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: LOCAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: LOCAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }),
};
const dateTime = (lang: Lang) => DATE_TIME[lang];

export function formatInstant(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  return dateTime(lang).format(new Date(iso));
}

/** A local date "2026-11-20" as 20/11/2026. */
export const formatDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

const ms = (v: number | null) => (v === null ? '—' : Number.isFinite(v) ? `${formatCount(v, 'en').replace(/,/g, '')} ms` : '> 60000 ms');

function figuresLine(f: PeriodFigures, lang: Lang): string {
  const c = f.counts;
  return L(lang,
    `${formatPercent(f.availabilityPercent, lang)} (${formatCount(f.counted, lang)} lần đo được tính: ${formatCount(c.up, lang)} hoạt động, ${formatCount(c.degraded, lang)} suy giảm, ${formatCount(c.down, lang)} ngừng; không tính ${formatCount(c.maintenance, lang)} bảo trì, ${formatCount(c.unknown, lang)} không xác định)`,
    `${formatPercent(f.availabilityPercent, lang)} (${formatCount(f.counted, lang)} probes counted: ${formatCount(c.up, lang)} up, ${formatCount(c.degraded, lang)} degraded, ${formatCount(c.down, lang)} down; excluded ${formatCount(c.maintenance, lang)} maintenance, ${formatCount(c.unknown, lang)} unknown)`);
}

/** What the last probe saw, for the operator asking "why is it down?". */
function lastProbeLines(p: LatestProbe, lang: Lang): string[] {
  const n = (v: number | null) => (v === null ? '—' : String(Math.round(v)));
  const status = p.statusCode === null ? L(lang, 'không có phản hồi', 'no answer') : `HTTP ${p.statusCode}`;
  const phases = L(lang,
    `DNS ${n(p.dnsMs)} · kết nối ${n(p.connectMs)} · TLS ${n(p.tlsMs)} · byte đầu tiên ${n(p.firstByteMs)} ms`,
    `DNS ${n(p.dnsMs)} · connect ${n(p.connectMs)} · TLS ${n(p.tlsMs)} · first byte ${n(p.firstByteMs)} ms`);
  const why = p.reason ? `; ${reasonLabel(p.reason, lang)}${p.detail ? ` — ${p.detail}` : ''}` : '';
  const lines = [L(lang,
    `    Lần đo gần nhất (${formatInstant(p.at, lang)}): ${status} trong ${n(p.totalMs)} ms (${phases})${why}`,
    `    Last probe (${formatInstant(p.at, lang)}): ${status} in ${n(p.totalMs)} ms (${phases})${why}`)];
  if (p.redirects && p.redirects.length > 0) {
    const chain = [...p.redirects.map((r) => `${r.url} (${r.status})`), p.finalUrl ?? '?'].join(' → ');
    lines.push(`      ${L(lang, 'Chuyển hướng', 'Redirects')}: ${chain}`);
  }
  if (p.httpsRedirect !== null) {
    lines.push(`      ${L(lang, 'Chuyển từ HTTP sang HTTPS', 'HTTP to HTTPS redirect')}: ${p.httpsRedirect ? L(lang, 'có', 'yes') : L(lang, 'KHÔNG', 'NO')}`);
  }
  for (const a of (p.assertions ?? []).filter((x) => !x.ok)) {
    lines.push(L(lang,
      `      Điều kiện ${a.soft ? 'phụ ' : ''}không đạt: ${a.condition} (giá trị thực: ${a.actual})`,
      `      ${a.soft ? 'Soft condition' : 'Condition'} failed: ${a.condition} (actual: ${a.actual})`));
  }
  return lines;
}

function endpointBlock(e: EndpointReport, lang: Lang): string[] {
  const lines = [`  ${e.endpoint}  ${e.url}${e.configured ? '' : L(lang, '  (đã bỏ khỏi cấu hình, không còn đo)', '  (removed from the configuration, no longer probed)')}`];
  lines.push(L(lang,
    `    Trạng thái hiện tại: ${STATE_LABEL[e.state].vi} từ ${formatInstant(e.stateSince, lang)} (lần đo gần nhất ${formatInstant(e.lastProbeAt, lang)})`,
    `    Current state: ${STATE_LABEL[e.state].en} since ${formatInstant(e.stateSince, lang)} (last probe ${formatInstant(e.lastProbeAt, lang)})`));
  if (e.lastProbe) lines.push(...lastProbeLines(e.lastProbe, lang));
  lines.push(...locationLines(e, lang));
  lines.push(`    ${L(lang, 'Tỷ lệ sẵn sàng', 'Availability')}: ${figuresLine(e.total, lang)}`);
  lines.push(L(lang,
    `    Thời gian phản hồi: p50 ${ms(e.total.p50Ms)}, p95 ${ms(e.total.p95Ms)}`,
    `    Response time: p50 ${ms(e.total.p50Ms)}, p95 ${ms(e.total.p95Ms)}`));
  lines.push(L(lang,
    `    Sự cố: ${e.incidents.length}; tổng thời gian ngừng ${formatDuration(e.downtimeMs, lang)}; thời gian khắc phục trung bình (MTTR) ${formatDuration(e.mttrMs, lang)}`,
    `    Incidents: ${e.incidents.length}; downtime ${formatDuration(e.downtimeMs, lang)}; mean time to recovery (MTTR) ${formatDuration(e.mttrMs, lang)}`));
  for (const i of e.incidents.slice(-20)) {
    const end = i.endedAt ? formatInstant(i.endedAt, lang) : L(lang, 'đang diễn ra', 'ongoing');
    const how = i.endedBy && i.endedBy !== 'recovered' ? `; ${reasonLabel(i.endedBy, lang)}` : '';
    const where = i.locations ? ` [${L(lang, 'vị trí', 'locations')}: ${i.locations.join(', ')}]` : '';
    lines.push(`      ${formatInstant(i.startedAt, lang)} → ${end} (${formatDuration(i.durationMs, lang)}): ${reasonLabel(i.cause, lang)}${how}${where}`);
  }
  if (e.incidents.length > 20) lines.push(L(lang, `      … và ${e.incidents.length - 20} sự cố trước đó (xem --format json)`, `      … and ${e.incidents.length - 20} earlier incidents (see --format json)`));
  if (e.certificate) {
    const c = e.certificate;
    lines.push(L(lang,
      `    Chứng chỉ TLS: hết hạn ${formatInstant(c.notAfter, lang)} (${c.daysLeft >= 0 ? `còn ${c.daysLeft} ngày` : `đã hết hạn ${-c.daysLeft} ngày`}), cấp bởi ${c.issuer}`,
      `    TLS certificate: expires ${formatInstant(c.notAfter, lang)} (${c.daysLeft >= 0 ? `${c.daysLeft} days left` : `expired ${-c.daysLeft} days ago`}), issued by ${c.issuer}`));
  }
  if (e.months.length > 1) {
    lines.push(`    ${L(lang, 'Theo tháng', 'By month')}:`);
    for (const m of e.months) lines.push(`      ${m.month}  ${formatPercent(m.availabilityPercent, lang).padStart(10)}  (${formatCount(m.counted, lang)} ${L(lang, 'lần đo', 'probes')})`);
  }
  if (e.days.length <= 62) {
    lines.push(`    ${L(lang, 'Theo ngày', 'By day')}:`);
    lines.push(`      ${L(lang, 'ngày', 'date').padEnd(10)}  ${L(lang, 'sẵn sàng', 'avail.').padStart(10)}  ${L(lang, 'tính', 'counted').padStart(7)}  ${L(lang, 'ngừng', 'down').padStart(6)}  ${L(lang, 'bảo trì', 'maint.').padStart(7)}  ${L(lang, 'k.x.đ', 'unknown').padStart(7)}  ${'p50'.padStart(9)}  ${'p95'.padStart(9)}`);
    for (const d of e.days) {
      const avail = d.availabilityPercent === null ? '—' : formatPercent(d.availabilityPercent, lang);
      lines.push(`      ${formatDate(d.date)}  ${avail.padStart(10)}  ${formatCount(d.counted, lang).padStart(7)}  ${formatCount(d.counts.down, lang).padStart(6)}  ${formatCount(d.counts.maintenance, lang).padStart(7)}  ${formatCount(d.counts.unknown, lang).padStart(7)}  ${ms(d.p50Ms).padStart(9)}  ${ms(d.p95Ms).padStart(9)}`);
    }
  } else {
    lines.push(L(lang, '    (Quá nhiều ngày để in từng ngày: dùng --format csv.)', '    (Too many days to list: use --format csv.)'));
  }
  return lines;
}

export function renderUptimeTable(report: UptimeReport, lang: Lang): string {
  const lines = [
    L(lang,
      `TÌNH TRẠNG HOẠT ĐỘNG — từ ${formatDate(report.from)} đến ${formatDate(report.to)} (giờ Việt Nam)`,
      `UPTIME — ${report.from} to ${report.to} (Vietnam time)`),
    `${L(lang, 'Công thức', 'Formula')}: ${report.formula}`,
    '',
  ];
  if (report.endpoints.length === 0) {
    lines.push(L(lang, 'Chưa có điểm đo nào. Chạy `dvc-monitor probe` trước.', 'No endpoint has been probed yet. Run `dvc-monitor probe` first.'));
  }
  let portal = '';
  for (const e of report.endpoints) {
    if (e.portalId !== portal) {
      portal = e.portalId;
      lines.push(`${e.portalName} [${e.portalId}]`);
    }
    lines.push(...endpointBlock(e, lang), '');
  }
  const gaps = gapLines(report, lang);
  if (gaps.length) lines.push(...gaps, '');
  if (report.maintenance.length > 0) {
    lines.push(L(lang, 'Bảo trì đã khai báo (NĐ 224/2026/NĐ-CP Điều 13: báo trước ít nhất 7 ngày làm việc):', 'Declared maintenance (Decree 224/2026 Art. 13: announced at least 7 working days ahead):'));
    for (const m of report.maintenance) {
      const notice = m.announcedOn === null
        ? L(lang, 'không có ngày thông báo', 'no announcement date')
        : L(lang, `thông báo ngày ${formatDate(m.announcedOn)}, trước ${m.workingDaysNotice} ngày làm việc`, `announced ${m.announcedOn}, ${m.workingDaysNotice} working days ahead`);
      const verdict = m.announced ? L(lang, 'đúng quy định', 'compliant') : L(lang, 'KHÔNG báo trước đủ 7 ngày làm việc', 'NOT announced 7 working days ahead');
      lines.push(`  ${m.id} [${m.portalId}${m.endpoints.length ? `: ${m.endpoints.join(', ')}` : ''}] ${formatInstant(m.startsAt, lang)} → ${formatInstant(m.endsAt, lang)}; ${notice}: ${verdict}${m.note ? ` — ${m.note}` : ''}`);
    }
  }
  return lines.join('\n').trimEnd().replaceAll(MISSING, L(lang, '(không có)', '(missing)'));
}

/** A CSV field, quoted when needed; text that a spreadsheet would run as a formula is neutralised. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per endpoint and day: the counts an auditor recomputes the availability from. */
export function renderUptimeCsv(report: UptimeReport, lang: Lang): string {
  const header = lang === 'vi'
    ? ['ngay', 'cong', 'diem_do', 'dia_chi', 'hoat_dong', 'suy_giam', 'ngung_hoat_dong', 'bao_tri', 'khong_xac_dinh', 'lan_do_that_bai', 'ty_le_san_sang_phan_tram', 'p50_ms', 'p95_ms']
    : ['date', 'portal', 'endpoint', 'url', 'up', 'degraded', 'down', 'maintenance', 'unknown', 'failed_probes', 'availability_percent', 'p50_ms', 'p95_ms'];
  const rows = [header.join(',')];
  const finite = (v: number | null) => (v === null ? null : Number.isFinite(v) ? v : null);
  for (const e of report.endpoints) {
    for (const d of e.days) {
      const c = d.counts;
      rows.push([d.date, e.portalId, e.endpoint, e.url, c.up, c.degraded, c.down, c.maintenance, c.unknown, d.failedProbes,
        d.availabilityPercent, finite(d.p50Ms), finite(d.p95Ms)].map(csvField).join(','));
    }
  }
  return rows.join('\n');
}
