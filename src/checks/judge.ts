// Runs the catalogue over a portal's evidence: every page criterion on every page (a page the
// scanner could not visit gets `error`, never `fail`), then one portal-level result per
// criterion: page results rolled up, and the portal criteria (policy, statement, redirect).
import { basisOn, type CitedBasis } from './criteria/basis.ts';
import { criteriaOf } from './criteria/index.ts';
import { finding, type PortalEvidence } from './criteria/criterion.ts';
import { msgBoth, type MessageKey } from '../messages/index.ts';
import { scannerReasonText } from './scanner-reasons.ts';
import type { Area, FindingDetail, Judgement, Outcome, PageEvidence, Severity } from './types.ts';

export interface CriterionResult {
  criterionId: string;
  area: Area;
  severity: Severity;
  level: 'page' | 'portal';
  /** Index of the page in the check's page list (page level), null at portal level. */
  pageIndex: number | null;
  pageUrl: string;
  outcome: Outcome;
  details: FindingDetail[];
  basis: CitedBasis[];
  /** Advice only: never scored, never alerted on. */
  advisory?: true;
  /** A page criterion's portal result: on how many of the pages checked it had this outcome ("trên 14/20 trang"). */
  pages?: PageShare;
}

/** How many of the pages a check visited share an outcome or a finding. */
export interface PageShare {
  with: number;
  of: number;
}

const OUTCOME_ON = {
  fail: 'check.pages.fail',
  error: 'check.pages.error',
  cant_tell: 'check.pages.cant_tell',
} as const satisfies Record<'fail' | 'error' | 'cant_tell', MessageKey>;

/** "trên 14/20 trang" / "on 14/20 pages". */
export const shareText = (share: PageShare) => msgBoth('check.share', { with: share.with, of: share.of });

/**
 * Each page finding with the number of pages that have the same finding (its code) with the same
 * outcome: a contrast failure "trên 14/20 trang" is the template's, not one page's.
 */
function withShares(perPage: CriterionResult[], of: number): CriterionResult[] {
  const pagesOf = new Map<string, Set<number>>();
  for (const r of perPage) {
    for (const d of r.details) {
      const key = `${r.outcome}|${d.code}`;
      let set = pagesOf.get(key);
      if (!set) pagesOf.set(key, (set = new Set()));
      set.add(r.pageIndex!);
    }
  }
  return perPage.map((r) => ({ ...r, details: r.details.map((d) => ({ ...d, pages: { with: pagesOf.get(`${r.outcome}|${d.code}`)!.size, of } })) }));
}

function scannerError(page: PageEvidence): Judgement {
  const e = page.error!;
  // The reason in the reader's words; the browser's own message is kept, named as what it is.
  return { outcome: 'error', details: [finding(`scanner.${e.reason}`, 'check.scannerError', (lang) => ({ reason: scannerReasonText(e.reason, lang), message: e.message }))] };
}

/** fail > error > cant_tell > pass > not_applicable: a pass only when every page passed or did not apply. */
export function rollUp(outcomes: Outcome[]): Outcome {
  for (const o of ['fail', 'error', 'cant_tell', 'pass'] as const) if (outcomes.includes(o)) return o;
  return 'not_applicable';
}

const NOT_FOR_THIS_DOCUMENT: Judgement = { outcome: 'not_applicable', details: [] };

export function judgePortal(evidence: PortalEvidence, areas: readonly Area[], measuredOn: string): CriterionResult[] {
  const pages = [evidence.home, ...evidence.pages];
  const results: CriterionResult[] = [];
  for (const criterion of criteriaOf(areas)) {
    const basis = basisOn(criterion.basis, measuredOn);
    const base = { criterionId: criterion.id, area: criterion.area, severity: criterion.severity, basis, ...(criterion.advisory ? { advisory: true as const } : {}) };
    const documents = criterion.documents ?? ['html', 'svg', 'xml'];
    if (criterion.scope === 'portal') {
      // Without the home page there are no links to judge from: the scanner's failure, not the portal's.
      const j = evidence.home.error ? scannerError(evidence.home) : criterion.judge(evidence);
      results.push({ ...base, level: 'portal', pageIndex: null, pageUrl: evidence.home.requestedUrl, ...j });
      continue;
    }
    const perPage = withShares(pages.map((page, pageIndex): CriterionResult => {
      const j = page.error ? (criterion.judgeFailedVisit?.(page) ?? scannerError(page))
        : documents.includes(page.documentKind ?? 'html') ? criterion.judge(page, evidence) : NOT_FOR_THIS_DOCUMENT;
      return { ...base, level: 'page', pageIndex, pageUrl: page.requestedUrl, ...j };
    }), pages.length);
    results.push(...perPage);
    const outcome = rollUp(perPage.map((r) => r.outcome));
    const summary = (['fail', 'error', 'cant_tell'] as const).flatMap((o) => {
      const urls = perPage.filter((r) => r.outcome === o).map((r) => r.pageUrl);
      if (!urls.length) return [];
      const share = { with: urls.length, of: pages.length };
      return [{ ...finding(`pages.${o}`, OUTCOME_ON[o], { with: share.with, of: share.of }, { data: { urls } }), pages: share }];
    });
    const share = { with: perPage.filter((r) => r.outcome === outcome).length, of: pages.length };
    results.push({ ...base, level: 'portal', pageIndex: null, pageUrl: evidence.home.requestedUrl, outcome, details: summary, pages: share });
  }
  return results;
}
