// Text the CLI prints: the run summary and the national summary, in Vietnamese or English.
import { HEADLINE_KPIS } from '../kpi/definitions.ts';
import type { NationalSummary, RankedAgency } from '../kpi/national-summary.ts';
import { formatCount, formatMonthLabel, formatPercent, formatPoints, t as L, type Lang } from '../i18n.ts';
import type { RunSummary } from '../run/nightly.ts';
import { describeHeld, incompleteNote, type Facts } from '../quality/plausibility.ts';
import type { DeliveryResult } from '../alerts/delivery.ts';
import type { EvaluationResult } from '../alerts/evaluate.ts';
import { msg } from '../messages/index.ts';


/** The months of a plan, as "tháng 10/2026" or "tháng 3/2025 – tháng 10/2025 (8 tháng)". */
function planMonths(plan: RunSummary['plan'], lang: Lang): string {
  const periods = [...plan.periods].sort();
  if (periods.length === 0) return L(lang, 'không tháng nào', 'no month');
  if (periods.length === 1) return formatMonthLabel(periods[0]!, lang);
  return `${formatMonthLabel(periods[0]!, lang)} – ${formatMonthLabel(periods.at(-1)!, lang)} (${msg(lang, 'run.months', { count: periods.length })})`;
}

/**
 * The run summary; when a killed run with another plan was finished first (or could not be), that
 * is said first, with what was asked this time.
 */
export function renderRunSummary(s: RunSummary, lang: Lang): string {
  if (s.pendingPlan) {
    return [
      L(lang,
        `Lần chạy #${s.runId} bị gián đoạn trước đó (${planMonths(s.plan, lang)}) được làm tiếp trước, vì yêu cầu lần này khác (${planMonths(s.pendingPlan, lang)}); nó lại bị dừng, nên yêu cầu lần này CHƯA được chạy. Lần chạy sau sẽ làm xong #${s.runId} rồi chạy yêu cầu đó (hoặc dùng --fresh để bỏ #${s.runId}).`,
        `Run #${s.runId}, interrupted earlier (${planMonths(s.plan, lang)}), was resumed first because this request is different (${planMonths(s.pendingPlan, lang)}); it was stopped again, so this request has NOT run. The next run finishes #${s.runId} and then runs it (or use --fresh to abandon #${s.runId}).`),
      runLines(s, lang),
    ].join('\n');
  }
  if (s.previous) {
    return [
      L(lang,
        `Lần chạy #${s.previous.runId} bị gián đoạn trước đó có kế hoạch khác (${planMonths(s.previous.plan, lang)}): đã làm tiếp cho xong trước khi chạy yêu cầu lần này (${planMonths(s.plan, lang)}).`,
        `Run #${s.previous.runId}, interrupted earlier, had another plan (${planMonths(s.previous.plan, lang)}): it was finished before running this request (${planMonths(s.plan, lang)}).`),
      runLines(s.previous, lang),
      runLines(s, lang),
    ].join('\n');
  }
  return runLines(s, lang);
}

function runLines(s: RunSummary, lang: Lang): string {
  const seconds = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 1 }).format(s.durationMs / 1000);
  const lines = [
    L(lang,
      `Lần chạy #${s.runId}${s.resumed ? ' (tiếp tục lần chạy bị gián đoạn)' : ''}: ${{ succeeded: 'thành công', failed: 'có việc thất bại', interrupted: 'tạm dừng, sẽ tiếp tục ở lần chạy sau' }[s.status]}.`,
      `Run #${s.runId}${s.resumed ? ' (resumed after an interruption)' : ''}: ${{ succeeded: 'succeeded', failed: 'some jobs failed', interrupted: 'paused, the next run resumes it' }[s.status]}.`),
    msg(lang, 'run.jobs', { count: s.jobsTotal, succeeded: s.jobsSucceeded, failed: s.jobsFailed })
      + (s.jobsAlreadyDone ? msg(lang, 'run.alreadyDone', { count: s.jobsAlreadyDone }) : '')
      + msg(lang, 'run.measuresChanged', { count: s.measuresChanged, formatted: formatCount(s.measuresChanged, lang), seconds }),
  ];
  if (s.quality) {
    lines.push(msg(lang, 'run.quality', { opened: s.quality.opened, resolved: s.quality.resolved }));
  }
  if (s.quarantined.length) {
    lines.push(msg(lang, 'run.quarantined', { count: s.quarantined.length }));
    for (const q of s.quarantined.slice(0, 10)) lines.push(`    ${q.period} ${describeHeld(q as typeof q & { facts: Facts }, lang)}`);
    if (s.quarantined.length > 10) lines.push(msg(lang, 'run.moreValues', { count: s.quarantined.length - 10 }));
  }
  if (s.failures.length) {
    lines.push(msg(lang, 'run.failedJobs'));
    for (const f of s.failures.slice(0, 20)) lines.push(`    ${f.key}: ${f.reason} — ${f.message.split('\n')[0]}`);
    if (s.failures.length > 20) lines.push(msg(lang, 'run.moreJobs', { count: s.failures.length - 20 }));
  }
  return lines.join('\n');
}

function rankLines(list: RankedAgency[], lang: Lang, firstRank: number, step: 1 | -1): string[] {
  return list.map((a, i) => `    ${String(firstRank + i * step).padStart(2)}. ${a.name.padEnd(28)} ${formatPercent(a.rate, lang).padStart(8)}${a.constituents.length > 1 ? L(lang, `  (gộp ${a.constituents.length} tỉnh cũ)`, `  (${a.constituents.length} former provinces)`) : ''}`);
}

export function renderNationalSummary(s: NationalSummary, lang: Lang): string {
  const lines = [L(lang, `TỔNG HỢP QUỐC GIA — ${formatMonthLabel(s.period, lang)}`, `NATIONAL SUMMARY — ${formatMonthLabel(s.period, lang)}`), ''];
  for (const r of s.rankings) {
    const kpi = HEADLINE_KPIS.find((k) => k.id === r.kpi)!;
    const c = r.country;
    const gap = c.rate !== null && c.target !== null ? c.rate - c.target : null;
    const targetText = c.target === null ? '' : L(lang,
      ` (mục tiêu ${formatPercent(c.target, lang)}${gap === null ? '' : gap >= 0 ? ', đạt' : `, còn thiếu ${formatPoints(-gap, lang)}`})`,
      ` (target ${formatPercent(c.target, lang)}${gap === null ? '' : gap >= 0 ? ', met' : `, ${formatPoints(-gap, lang)} short`})`);
    lines.push(`${kpi.title[lang]}: ${L(lang, 'cả nước', 'country')} ${formatPercent(c.rate, lang)}${targetText}`);
    if (c.excluded) lines.push(`  ${incompleteNote(c.excluded, lang)}`);
    if (c.rate === null && c.missingReason) lines.push(`  ${L(lang, 'lý do', 'reason')}: ${c.missingReason}`);
    lines.push(L(lang, `  ${r.best.length} tỉnh, thành phố dẫn đầu:`, `  Top ${r.best.length} provinces:`), ...rankLines(r.best, lang, 1, 1));
    lines.push(L(lang, `  ${r.worst.length} tỉnh, thành phố thấp nhất:`, `  Bottom ${r.worst.length} provinces:`), ...rankLines(r.worst, lang, r.ranked, -1));
    if (r.missing.length) {
      lines.push(L(lang, `  ${r.missing.length} tỉnh, thành phố chưa có số liệu:`, `  ${r.missing.length} provinces without data:`));
      for (const m of r.missing.slice(0, 5)) lines.push(`    ${m.name}: ${m.excluded ? L(lang, 'số liệu bị cách ly', 'quarantined value') + ` — ${m.excluded.map((q) => describeHeld(q as typeof q & { facts: Facts }, lang)).join('; ')}` : m.missingReason}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

export function renderAlertOutcome(o: { evaluation: EvaluationResult; delivery: DeliveryResult }, lang: Lang): string {
  const e = o.evaluation;
  const d = o.delivery;
  return L(lang,
    `  Cảnh báo: ${e.opened} mới, ${e.resolved} đã khắc phục; ${d.delivered} tin đã gửi, ${d.retrying + d.dead ? `${d.retrying} tin chờ gửi lại, ${d.dead} tin không gửi được` : 'không còn tin chờ gửi'} (xem \`dvc-monitor alerts --open\`).`,
    `  Alerts: ${e.opened} new, ${e.resolved} resolved; ${d.delivered} notifications delivered, ${d.retrying + d.dead ? `${d.retrying} to retry, ${d.dead} given up` : 'none waiting'} (see \`dvc-monitor alerts --open\`).`);
}
