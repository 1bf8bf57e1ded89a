// Compliance regressions, from the portal checks: a criterion that passed and fails now; a
// tracker host or a non-essential cookie before consent, or a serious or critical accessibility
// violation, that the previous check did not see. Like with like only (src/checks/history.ts):
// each criterion is compared between the two newest checks that judged it (a check of another
// area, or one the scanner could not complete, is skipped), by the same catalogue; a failure
// or a thing is "new" only on a page the earlier check visited. Each stays firing while
// the newest judging check still shows it (or could not visit the page it was on), and
// resolves when it is gone.
import {
  checkedPortals, failingPagesOfCheck, judgedResults, nonEssentialCookiesOfCheck, seriousViolationsOfCheck, trackerHostsOfCheck, visitedPagesOfCheck, type JudgedResultRow,
} from '../../../storage/checks.ts';
import type { Db } from '../../../storage/db.ts';
import { criteriaOf, criterionById } from '../../checks/criteria/index.ts';
import { comparable, itemStatus, type PagedItem } from '../../checks/history.ts';
import type { Versions } from '../../checks/types.ts';
import { dedupeKey, type AlertRule, type Condition, type RuleContext } from '../types.ts';
import { msgBoth } from '../../messages/index.ts';

/** Reads of one evaluation, each check's items and pages read once. */
function cached<T>(read: (checkId: number) => T): (checkId: number) => T {
  const seen = new Map<number, T>();
  return (id) => {
    if (!seen.has(id)) seen.set(id, read(id));
    return seen.get(id)!;
  };
}

interface ItemRule<T extends PagedItem> {
  rule: string;
  /** The criteria whose judgement the items belong to. */
  criteria: readonly string[];
  items: (db: Db) => (checkId: number, criterionId: string) => T[];
  key: (item: T) => string;
  /** What else must be the same in both checks for an item to be called new (the list or engine that finds it). */
  versions: ReadonlyArray<keyof Versions>;
  condition: (portalId: string, item: T) => Omit<Condition, 'rule' | 'subject' | 'portalId'>;
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(key(i), [...(out.get(key(i)) ?? []), i]);
  return out;
}

function evaluateItems<T extends PagedItem>(ctx: RuleContext, r: ItemRule<T>): Condition[] {
  const found: Condition[] = [];
  const itemsOf = r.items(ctx.db);
  const pagesOf = cached((id) => new Set(visitedPagesOfCheck(ctx.db, id)));
  for (const portalId of checkedPortals(ctx.db)) {
    for (const criterionId of r.criteria) {
      const [current, baseline] = judgedResults(ctx.db, portalId, criterionId, 2) as [JudgedResultRow?, JudgedResultRow?];
      // A first judgement has nothing to regress from: what it finds is reported by the check itself.
      if (!current) continue;
      const now = group(itemsOf(current.checkId, criterionId), r.key);
      const before = baseline ? group(itemsOf(baseline.checkId, criterionId), r.key) : null;
      const base = { comparable: baseline !== undefined && comparable(current, baseline, r.versions), pages: baseline ? pagesOf(baseline.checkId) : new Set<string>() };
      for (const key of new Set([...now.keys(), ...(before?.keys() ?? [])])) {
        const subject = `${portalId}|${key}`;
        const status = itemStatus(now.get(key) ?? [], before ? before.get(key) ?? [] : null, base, pagesOf(current.checkId));
        if (status === 'gone') continue;
        if (status !== 'new' && !ctx.isActive(dedupeKey({ rule: r.rule, subject }))) continue;
        const sightings = now.get(key) ?? before!.get(key)!;
        const item = sightings.find((i) => base.pages.has(i.page)) ?? sightings[0]!;
        found.push({ rule: r.rule, subject, portalId, ...r.condition(portalId, item) });
      }
    }
  }
  return found;
}

export const checkRegressed: AlertRule = {
  id: 'check.regressed',
  title: msgBoth('alert.rule.checkRegressed'),
  evaluate(ctx) {
    const found: Condition[] = [];
    const criteria = criteriaOf(['privacy', 'accessibility']).filter((c) => !c.advisory);
    const pagesOf = cached((id) => new Set(visitedPagesOfCheck(ctx.db, id)));
    for (const portalId of checkedPortals(ctx.db)) {
      for (const criterion of criteria) {
        const [current, previous] = judgedResults(ctx.db, portalId, criterion.id, 2) as [JudgedResultRow?, JudgedResultRow?];
        if (!current) continue;
        const subject = `${portalId}|${criterion.id}`;
        // A page criterion regressed on a page the earlier check visited: one failing only on a page it never saw is not a regression.
        const regressed = current.outcome === 'fail' && previous?.outcome === 'pass' && comparable(current, previous)
          && (criterion.scope === 'portal' || failingPagesOfCheck(ctx.db, current.checkId, criterion.id).some((p) => pagesOf(previous.checkId).has(p)));
        // cant_tell says nothing new: an open alert stays open until the criterion passes (or no longer applies).
        const stillOpen = ctx.isActive(dedupeKey({ rule: 'check.regressed', subject })) && current.outcome !== 'pass' && current.outcome !== 'not_applicable';
        if (!regressed && !stillOpen) continue;
        found.push({
          rule: 'check.regressed', subject, portalId, severity: current.severity === 'critical' ? 'critical' : 'warning',
          facts: {
            portal: portalId, criterion: criterion.id, criterionTitle: criterionById(criterion.id)?.title ?? null, area: current.area, outcome: current.outcome,
            checkedAt: current.checkedAt, checkId: current.checkId, previousCheckId: previous?.checkId ?? null,
          },
        });
      }
    }
    return found;
  },
};

export const newTracker: AlertRule = {
  id: 'check.new_tracker',
  title: msgBoth('alert.rule.newTracker'),
  evaluate: (ctx) => evaluateItems(ctx, {
    rule: 'check.new_tracker', criteria: ['privacy.no-tracker-before-consent'], versions: ['trackerList'],
    items: (db) => cached((id) => trackerHostsOfCheck(db, id)),
    key: (t) => t.host,
    condition: (portal, t) => ({ severity: 'critical', facts: { portal, host: t.host, tracker: t.tracker, page: t.url } }),
  }),
};

export const newCookie: AlertRule = {
  id: 'check.new_cookie',
  title: msgBoth('alert.rule.newCookie'),
  evaluate: (ctx) => evaluateItems(ctx, {
    rule: 'check.new_cookie', criteria: ['privacy.no-nonessential-cookie-before-consent'], versions: ['trackerList'],
    items: (db) => cached((id) => nonEssentialCookiesOfCheck(db, id)),
    key: (c) => `${c.name}@${c.domain}`,
    condition: (portal, c) => ({ severity: 'warning', facts: { portal, cookie: `${c.name} (${c.domain})`, tracker: c.tracker, page: c.url } }),
  }),
};

export const newViolation: AlertRule = {
  id: 'check.new_violation',
  title: msgBoth('alert.rule.newViolation'),
  evaluate: (ctx) => evaluateItems(ctx, {
    rule: 'check.new_violation', criteria: criteriaOf(['accessibility']).filter((c) => !c.advisory).map((c) => c.id), versions: ['axe'],
    items: (db) => {
      const read = cached((id) => seriousViolationsOfCheck(db, id));
      return (id, criterionId) => read(id).filter((v) => v.criterionId === criterionId);
    },
    key: (v) => v.rule,
    condition: (portal, v) => ({ severity: v.impact === 'critical' ? 'critical' : 'warning', facts: { portal, violation: v.rule, impact: v.impact, page: v.url } }),
  }),
};
