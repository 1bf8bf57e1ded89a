// Text the CLI prints: the run summary and the national summary, in Vietnamese or English.
import { HEADLINE_KPIS } from '../kpi/definitions.ts';
import type { NationalSummary, RankedAgency } from '../kpi/national-summary.ts';
import { formatCount, formatMonthLabel, formatPercent, formatPoints, numberFormat, type Lang } from '../i18n.ts';
import type { RunSummary } from '../run/nightly.ts';
import { describeHeld, incompleteNote, type Facts } from '../quality/plausibility.ts';
import type { DeliveryResult } from '../alerts/delivery.ts';
import type { EvaluationResult } from '../alerts/evaluate.ts';
import { msg, type MessageKey } from '../messages/index.ts';
import { missingReasonText } from '../kpi/missing-reason.ts';
import { failureReason } from '../alerts/messages.ts';


/** The months of a plan, as "tháng 10/2026" or "tháng 3/2025 – tháng 10/2025 (8 tháng)". */
function planMonths(plan: RunSummary['plan'], lang: Lang): string {
  const periods = [...plan.periods].sort();
  if (periods.length === 0) return msg(lang, 'cli.run.noMonth');
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
      msg(lang, 'cli.run.pendingPlan', { runId: s.runId, plan: planMonths(s.plan, lang), pending: planMonths(s.pendingPlan, lang) }),
      runLines(s, lang),
    ].join('\n');
  }
  if (s.previous) {
    return [
      msg(lang, 'cli.run.previousPlan', { runId: s.previous.runId, previous: planMonths(s.previous.plan, lang), plan: planMonths(s.plan, lang) }),
      runLines(s.previous, lang),
      runLines(s, lang),
    ].join('\n');
  }
  return runLines(s, lang);
}

const RUN_STATUS = {
  succeeded: 'cli.run.status.succeeded',
  failed: 'cli.run.status.failed',
  interrupted: 'cli.run.status.interrupted',
} as const satisfies Record<RunSummary['status'], MessageKey>;

function runLines(s: RunSummary, lang: Lang): string {
  const seconds = numberFormat(lang, 0, 1).format(s.durationMs / 1000);
  const lines = [
    msg(lang, s.resumed ? 'cli.run.headingResumed' : 'cli.run.heading', { runId: s.runId, status: msg(lang, RUN_STATUS[s.status]) }),
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
    for (const f of s.failures.slice(0, 20)) lines.push(msg(lang, 'run.failedJob', { job: f.key, code: f.reason, reason: failureReason(f.reason, lang), detail: f.message.split('\n')[0]! }));
    if (s.failures.length > 20) lines.push(msg(lang, 'run.moreJobs', { count: s.failures.length - 20 }));
  }
  return lines.join('\n');
}

function rankLines(list: RankedAgency[], lang: Lang, firstRank: number, step: 1 | -1): string[] {
  return list.map((a, i) => `    ${String(firstRank + i * step).padStart(2)}. ${a.name.padEnd(28)} ${formatPercent(a.rate, lang).padStart(8)}${a.constituents.length > 1 ? msg(lang, 'cli.summary.formerProvinces', { count: a.constituents.length }) : ''}`);
}

export function renderNationalSummary(s: NationalSummary, lang: Lang): string {
  const lines = [msg(lang, 'cli.summary.heading', { month: formatMonthLabel(s.period, lang) }), ''];
  for (const r of s.rankings) {
    const kpi = HEADLINE_KPIS.find((k) => k.id === r.kpi)!;
    const c = r.country;
    const gap = c.rate !== null && c.target !== null ? c.rate - c.target : null;
    const target = c.target === null ? '' : formatPercent(c.target, lang);
    const targetText = c.target === null ? ''
      : gap === null ? msg(lang, 'cli.summary.target', { target })
      : gap >= 0 ? msg(lang, 'cli.summary.targetMet', { target })
      : msg(lang, 'cli.summary.targetShort', { target, gap: formatPoints(-gap, lang) });
    lines.push(msg(lang, 'cli.summary.country', { kpi: kpi.title[lang], rate: formatPercent(c.rate, lang), target: targetText }));
    if (c.excluded) lines.push(`  ${incompleteNote(c.excluded, lang)}`);
    if (c.rate === null && c.missingReason) lines.push(msg(lang, 'cli.summary.reason', { reason: missingReasonText(c.missingReason, lang) }));
    lines.push(msg(lang, 'cli.summary.best', { count: r.best.length }), ...rankLines(r.best, lang, 1, 1));
    lines.push(msg(lang, 'cli.summary.worst', { count: r.worst.length }), ...rankLines(r.worst, lang, r.ranked, -1));
    if (r.missing.length) {
      lines.push(msg(lang, 'cli.summary.missing', { count: r.missing.length }));
      for (const m of r.missing.slice(0, 5)) lines.push(`    ${m.name}: ${m.excluded ? msg(lang, 'cli.summary.missingQuarantined', { held: m.excluded.map((q) => describeHeld(q as typeof q & { facts: Facts }, lang)).join('; ') }) : m.missingReason ? missingReasonText(m.missingReason, lang) : ''}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

export function renderAlertOutcome(o: { evaluation: EvaluationResult; delivery: DeliveryResult }, lang: Lang): string {
  const e = o.evaluation;
  const d = o.delivery;
  const waiting = d.retrying + d.dead ? msg(lang, 'cli.run.alertsWaiting', { retrying: d.retrying, dead: d.dead }) : msg(lang, 'cli.run.alertsNoneWaiting');
  return msg(lang, 'cli.run.alertOutcome', { opened: e.opened, resolved: e.resolved, count: d.delivered, waiting });
}
