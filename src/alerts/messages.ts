// Alert messages as people read them: Vietnamese by default, English on request, in the
// users' own terms, each with a link to the evidence. Facts may come from portals: channels
// escape them for their own format.
import type { AlertRecord } from '../../storage/alerts.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import { formatMonthLabel, formatPercent, formatPoints, t, type Lang } from '../i18n.ts';
import { describeBreach, type Facts } from '../quality/plausibility.ts';
import type { AlertEvent, Severity } from './types.ts';

export interface AlertMessage {
  alertId: number | null;
  event: AlertEvent | 'test';
  rule: string;
  subject: string;
  severity: Severity;
  lang: Lang;
  title: string;
  text: string;
  link: string;
  facts: Record<string, unknown>;
  openedAt: string | null;
  resolvedAt: string | null;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const pct = (v: unknown, lang: Lang) => (typeof v === 'number' ? formatPercent(v, lang) : '—');
const kpiTitle = (id: unknown, lang: Lang) => ALL_KPIS.find((k) => k.id === id)?.title[lang] ?? str(id);
/** A block compared like with like: the agencies left out of both months (quarantined values). */
const leftOut = (f: Record<string, unknown>, lang: Lang) => (Array.isArray(f.leftOut) && f.leftOut.length
  ? t(lang, ` Cả hai tháng được tính không gồm ${f.leftOut.join(', ')} (số liệu bị cách ly).`, ` Both months are summed without ${f.leftOut.join(', ')} (quarantined values).`)
  : '');
const localTime = (iso: unknown, lang: Lang) =>
  typeof iso === 'string' ? `${new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' })} (${t(lang, 'giờ Việt Nam', 'Vietnam time')})` : '';

/** One sentence per rule, from the facts the rule recorded. */
const DESCRIBE: Record<string, (f: Record<string, unknown>, lang: Lang) => string> = {
  'kpi.drop': (f, lang) => t(lang,
    `${kpiTitle(f.kpi, lang)} của ${str(f.agencyName)} ${formatMonthLabel(str(f.period), lang)} là ${pct(f.current, lang)}, giảm ${formatPoints(Number(f.drop), lang)} so với ${formatMonthLabel(str(f.previousPeriod), lang)} (${pct(f.previous, lang)}). Ngưỡng cảnh báo: ${str(f.threshold)} điểm %.`,
    `${kpiTitle(f.kpi, lang)} for ${str(f.agencyName)} in ${formatMonthLabel(str(f.period), lang)} is ${pct(f.current, lang)}, ${formatPoints(Number(f.drop), lang)} below ${formatMonthLabel(str(f.previousPeriod), lang)} (${pct(f.previous, lang)}). Threshold: ${str(f.threshold)} points.`) + leftOut(f, lang),
  'kpi.below_target': (f, lang) => t(lang,
    `${kpiTitle(f.kpi, lang)} của ${str(f.agencyName)} ${formatMonthLabel(str(f.period), lang)} là ${pct(f.current, lang)}, dưới mục tiêu ${pct(f.target, lang)}.`,
    `${kpiTitle(f.kpi, lang)} for ${str(f.agencyName)} in ${formatMonthLabel(str(f.period), lang)} is ${pct(f.current, lang)}, below its ${pct(f.target, lang)} target.`) + leftOut(f, lang),
  'collector.failing': (f, lang) => t(lang,
    `Bộ thu thập nguồn ${str(f.source)} thất bại trong ${str(f.failedRuns)} lần chạy liên tiếp (lý do: ${(f.reasons as string[] | undefined)?.join(', ') ?? ''}).`,
    `The collector of source ${str(f.source)} failed in ${str(f.failedRuns)} runs in a row (reasons: ${(f.reasons as string[] | undefined)?.join(', ') ?? ''}).`),
  'source.stale': (f, lang) => t(lang, `Nguồn ${str(f.source)} không có số liệu mới: ${str(f.detail)}.`, `Source ${str(f.source)} is stale: ${str(f.detail)}.`),
  'data.anomaly': (f, lang) => (f.kind === 'quarantined'
    ? t(lang,
      `Số liệu bị cách ly (không dùng trong chỉ tiêu, xếp hạng và cảnh báo cho tới khi được xác nhận hoặc giải phóng) của ${str(f.agency)}, ${str(f.metric)}, ${formatMonthLabel(str(f.period), lang)}: ${describeBreach({ metric: str(f.metric), value: Number(f.value), rule: str(f.rule), facts: (f.ruleFacts ?? {}) as Facts }, lang)}.`,
      `Quarantined value (left out of KPIs, ranks and alerts until confirmed or released) for ${str(f.agency)}, ${str(f.metric)}, ${formatMonthLabel(str(f.period), lang)}: ${describeBreach({ metric: str(f.metric), value: Number(f.value), rule: str(f.rule), facts: (f.ruleFacts ?? {}) as Facts }, lang)}.`)
    : t(lang,
      `Số liệu bất thường (${str(f.kind)}) của ${str(f.agency)}, ${str(f.metric)}, ${formatMonthLabel(str(f.period), lang)}: ${str(f.detail)}.`,
      `Count anomaly (${str(f.kind)}) for ${str(f.agency)}, ${str(f.metric)}, ${formatMonthLabel(str(f.period), lang)}: ${str(f.detail)}.`)),
  'portal.down': (f, lang) => t(lang,
    `Cổng ${str(f.portalName ?? f.portal)} (${str(f.url)}) ngừng hoạt động từ ${localTime(f.since, lang)}; lý do: ${str(f.reason)}.`,
    `Portal ${str(f.portalName ?? f.portal)} (${str(f.url)}) is down since ${localTime(f.since, lang)}; reason: ${str(f.reason)}.`),
  'portal.partially_reachable': (f, lang) => t(lang,
    `Cổng ${str(f.portalName ?? f.portal)} (${str(f.url)}) không truy cập được từ ${(f.unreachableFrom as string[] | undefined)?.join(', ') ?? ''} từ ${localTime(f.since, lang)} (lý do: ${str(f.reason)}), trong khi các vị trí đo khác vẫn truy cập được. Không tính là ngừng hoạt động.`,
    `Portal ${str(f.portalName ?? f.portal)} (${str(f.url)}) cannot be reached from ${(f.unreachableFrom as string[] | undefined)?.join(', ') ?? ''} since ${localTime(f.since, lang)} (reason: ${str(f.reason)}), while the other locations reach it. Not counted as downtime.`),
  'portal.certificate_expiring': (f, lang) => t(lang,
    `Chứng thư số TLS của ${str(f.url)} hết hạn lúc ${localTime(f.expiresAt, lang)} (còn ${str(f.daysLeft)} ngày).`,
    `The TLS certificate of ${str(f.url)} expires on ${localTime(f.expiresAt, lang)} (${str(f.daysLeft)} days left).`),
  'check.regressed': (f, lang) => t(lang,
    `Tiêu chí ${str(f.criterion)} (${str((f.criterionTitle as Record<Lang, string> | null)?.[lang])}) của cổng ${str(f.portal)} đạt ở lần kiểm tra trước nhưng nay không đạt (kết quả: ${str(f.outcome)}).`,
    `Criterion ${str(f.criterion)} (${str((f.criterionTitle as Record<Lang, string> | null)?.[lang])}) on portal ${str(f.portal)} passed last time and fails now (outcome: ${str(f.outcome)}).`),
  'check.new_tracker': (f, lang) => t(lang,
    `Cổng ${str(f.portal)} tải mã theo dõi mới từ ${str(f.host)} trước khi người dùng đồng ý.`,
    `Portal ${str(f.portal)} loads a new tracker from ${str(f.host)} before consent.`),
  'check.new_cookie': (f, lang) => t(lang,
    `Cổng ${str(f.portal)} đặt cookie mới ${str(f.cookie)} trước khi người dùng đồng ý.`,
    `Portal ${str(f.portal)} sets a new cookie ${str(f.cookie)} before consent.`),
  'check.new_violation': (f, lang) => t(lang,
    `Cổng ${str(f.portal)} có lỗi tiếp cận mới mức ${str(f.impact)}: ${str(f.violation)} (trang ${str(f.page)}).`,
    `Portal ${str(f.portal)} has a new ${str(f.impact)} accessibility violation: ${str(f.violation)} (page ${str(f.page)}).`),
};

const EVENT_PREFIX: Record<AlertEvent | 'test', { vi: string; en: string }> = {
  opened: { vi: 'CẢNH BÁO', en: 'ALERT' },
  reminder: { vi: 'NHẮC LẠI', en: 'REMINDER' },
  resolved: { vi: 'ĐÃ KHẮC PHỤC', en: 'RESOLVED' },
  test: { vi: 'THỬ NGHIỆM', en: 'TEST' },
};

export function describeAlert(rule: string, facts: Record<string, unknown>, lang: Lang): string {
  return DESCRIBE[rule]?.(facts, lang) ?? `${rule}: ${JSON.stringify(facts).slice(0, 500)}`;
}

export function renderAlertMessage(alert: AlertRecord, event: AlertEvent, lang: Lang, linkBase: string, ruleTitle: { vi: string; en: string } | undefined): AlertMessage {
  const text = describeAlert(alert.rule, alert.facts, lang);
  const resolvedNote = event === 'resolved' ? t(lang, ' Tình trạng đã trở lại bình thường.', ' The condition no longer holds.') : '';
  return {
    alertId: alert.id, event, rule: alert.rule, subject: alert.subject, severity: alert.severity, lang,
    title: `[${EVENT_PREFIX[event][lang]}] ${ruleTitle?.[lang] ?? alert.rule}`,
    text: text + resolvedNote,
    link: `${linkBase.replace(/\/$/, '')}/alerts/${alert.id}`,
    facts: alert.facts, openedAt: alert.openedAt, resolvedAt: alert.resolvedAt,
  };
}

export function testMessage(channelId: string, lang: Lang, linkBase: string, now: Date): AlertMessage {
  return {
    alertId: null, event: 'test', rule: 'test', subject: channelId, severity: 'info', lang,
    title: `[${EVENT_PREFIX.test[lang]}] dvc-monitor`,
    text: t(lang, `Tin nhắn thử nghiệm gửi tới kênh ${channelId} lúc ${localTime(now.toISOString(), lang)}.`, `Test message to channel ${channelId} at ${localTime(now.toISOString(), lang)}.`),
    link: linkBase, facts: {}, openedAt: null, resolvedAt: null,
  };
}
