// Compliance regressions, from the portal checks: a criterion that passed in the previous
// check and fails now; a tracker host or a non-essential cookie before consent that the
// previous check did not see; a new serious or critical accessibility violation. Each stays
// firing while the latest check still shows it, and resolves when it is gone.
import {
  latestCheckIds, latestResultsWithPrevious, nonEssentialCookiesOfCheck, previousCheckId, seriousViolationsOfCheck, trackerHostsOfCheck,
} from '../../../storage/checks.ts';
import { criterionById } from '../../checks/criteria/index.ts';
import { dedupeKey, type AlertRule, type Condition, type RuleContext } from '../types.ts';

/** Items of the latest check of each portal that its previous check did not have (or already alerted on). */
function newSinceLastCheck<T>(
  ctx: RuleContext, rule: string, items: (checkId: number) => T[], keyOf: (item: T) => string,
  condition: (portalId: string, item: T) => Omit<Condition, 'rule' | 'subject' | 'portalId'>,
): Condition[] {
  const found: Condition[] = [];
  for (const { portalId, checkId } of latestCheckIds(ctx.db)) {
    const previous = previousCheckId(ctx.db, portalId, checkId);
    // A first check has nothing to regress from: what it finds is reported by the check itself.
    if (previous === undefined) continue;
    const before = new Set(items(previous).map(keyOf));
    for (const item of items(checkId)) {
      const subject = `${portalId}|${keyOf(item)}`;
      if (before.has(keyOf(item)) && !ctx.isActive(dedupeKey({ rule, subject }))) continue;
      found.push({ rule, subject, portalId, ...condition(portalId, item) });
    }
  }
  return found;
}

export const checkRegressed: AlertRule = {
  id: 'check.regressed',
  title: { vi: 'Tiêu chí tuân thủ không còn đạt', en: 'Compliance criterion regressed' },
  evaluate(ctx) {
    const found: Condition[] = [];
    for (const r of latestResultsWithPrevious(ctx.db)) {
      const subject = `${r.portalId}|${r.criterionId}`;
      const regressed = r.outcome === 'fail' && r.previousOutcome === 'pass';
      // cant_tell or a scanner error says nothing new: an open alert stays open.
      const stillOpen = ctx.isActive(dedupeKey({ rule: 'check.regressed', subject })) && r.outcome !== 'pass' && r.outcome !== 'not_applicable';
      if (!regressed && !stillOpen) continue;
      found.push({
        rule: 'check.regressed', subject, portalId: r.portalId, severity: r.severity === 'critical' ? 'critical' : 'warning',
        facts: { portal: r.portalId, criterion: r.criterionId, criterionTitle: criterionById(r.criterionId)?.title ?? null, area: r.area, outcome: r.outcome, checkedAt: r.checkedAt, checkId: r.checkId, previousCheckId: r.previousCheckId },
      });
    }
    return found;
  },
};

export const newTracker: AlertRule = {
  id: 'check.new_tracker',
  title: { vi: 'Mã theo dõi mới trước khi người dùng đồng ý', en: 'New tracker before consent' },
  evaluate: (ctx) => newSinceLastCheck(ctx, 'check.new_tracker', (id) => trackerHostsOfCheck(ctx.db, id), (t) => t.host,
    (portal, t) => ({ severity: 'critical', facts: { portal, host: t.host, tracker: t.tracker } })),
};

export const newCookie: AlertRule = {
  id: 'check.new_cookie',
  title: { vi: 'Cookie không thiết yếu mới trước khi người dùng đồng ý', en: 'New non-essential cookie before consent' },
  evaluate: (ctx) => newSinceLastCheck(ctx, 'check.new_cookie', (id) => nonEssentialCookiesOfCheck(ctx.db, id), (c) => `${c.name}@${c.domain}`,
    (portal, c) => ({ severity: 'warning', facts: { portal, cookie: `${c.name} (${c.domain})`, tracker: c.tracker } })),
};

export const newViolation: AlertRule = {
  id: 'check.new_violation',
  title: { vi: 'Lỗi tiếp cận nghiêm trọng mới', en: 'New serious accessibility violation' },
  evaluate: (ctx) => newSinceLastCheck(ctx, 'check.new_violation', (id) => seriousViolationsOfCheck(ctx.db, id), (v) => v.rule,
    (portal, v) => ({ severity: v.impact === 'critical' ? 'critical' : 'warning', facts: { portal, violation: v.rule, impact: v.impact, page: v.page } })),
};
