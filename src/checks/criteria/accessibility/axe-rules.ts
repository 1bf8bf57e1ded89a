// Judging the axe-core rules a criterion lists: each violating element is a failure (one
// finding per element, naming its frame), otherwise an "incomplete" (axe could not decide) is
// cant_tell for a person to review, otherwise a pass passes; a page where none of the rules
// applied is not_applicable. Own findings (from the page evidence) can fail it too.
import { DOUBT_TEXT } from '../../evidence/accessibility/axe-second-look.ts';
import { wcagCriteriaOf } from '../../evidence/axe.ts';
import type { AxeRuleSummary, FindingDetail, Judgement, PageEvidence } from '../../types.ts';
import { detail, judgement } from '../criterion.ts';

const IMPACT_VI: Record<string, string> = { critical: 'nghiêm trọng', serious: 'cao', moderate: 'trung bình', minor: 'thấp' };

/** "trong khung 2 (https://…)" for an element inside a frame, nothing for the top document. */
export function frameNote(page: PageEvidence, frame: number | undefined): { vi: string; en: string } {
  if (!frame) return { vi: '', en: '' };
  const url = page.frames?.[frame]?.url ?? '?';
  return { vi: ` (trong khung ${frame}: ${url})`, en: ` (in frame ${frame}: ${url})` };
}

/** SHA-256 of the cropped screenshot of an element, when the visit took one. */
export function cropOf(page: PageEvidence, frame: number, selector: string): string | null {
  return page.crops?.find((c) => c.frame === frame && c.selector === selector)?.sha256 ?? null;
}

function ruleDetails(page: PageEvidence, rule: AxeRuleSummary, kind: 'violation' | 'incomplete'): FindingDetail[] {
  const sc = wcagCriteriaOf(rule.tags);
  const list = kind === 'violation' ? 'violations' : 'incomplete';
  const head = {
    vi: `${kind === 'violation' ? 'Lỗi' : 'Cần người kiểm tra'} axe "${rule.id}" (WCAG ${sc.join(', ') || '—'}, mức ${IMPACT_VI[rule.impact ?? ''] ?? rule.impact ?? '—'}): ${rule.help}`,
    en: `${kind === 'violation' ? 'axe violation' : 'axe needs review'} "${rule.id}" (WCAG ${sc.join(', ') || '—'}, ${rule.impact ?? '—'} impact): ${rule.help}`,
  };
  const base = { rule: rule.id, impact: rule.impact, wcag: sc, nodes: rule.nodes, helpUrl: rule.helpUrl ?? null };
  // Evidence stored before elements were recorded has only the joined targets.
  const elements = rule.elements ?? rule.targets.map((selector) => ({ frame: 0, selector, snippet: '' }));
  if (!elements.length) return [detail(`axe.${rule.id}`, `${head.vi}.`, `${head.en}.`, { data: base, evidence: { blob: 'axe', path: `${list}[id=${rule.id}]` } })];
  const more = rule.nodes > elements.length ? { vi: ` (và ${rule.nodes - elements.length} phần tử khác)`, en: ` (and ${rule.nodes - elements.length} more elements)` } : { vi: '', en: '' };
  return elements.map((e, i) => {
    const where = frameNote(page, e.frame);
    const crop = cropOf(page, e.frame, e.selector);
    const doubt = e.doubt ? { vi: `: axe báo lỗi nhưng ${DOUBT_TEXT[e.doubt].vi}`, en: `: axe reports a violation, but ${DOUBT_TEXT[e.doubt].en}` } : { vi: '', en: '' };
    return detail(`axe.${rule.id}`, `${head.vi} — ${e.selector}${where.vi}${doubt.vi}${i === elements.length - 1 ? more.vi : ''}.`, `${head.en} — ${e.selector}${where.en}${doubt.en}${i === elements.length - 1 ? more.en : ''}.`,
      { data: { ...base, selector: e.selector, frame: e.frame, snippet: e.snippet, ...(crop ? { crop } : {}), ...(e.doubt ? { doubt: e.doubt } : {}) }, evidence: { blob: 'axe', path: e.doubt ? `violations[id=${rule.id}]` : `${list}[id=${rule.id}].nodes[${i}]` } });
  });
}

export function judgeAxeRules(page: PageEvidence, rules: readonly string[] | ((ruleId: string) => boolean), own: FindingDetail[] = []): Judgement {
  if (!page.axe) return judgement('error', [detail('axe.not_run', 'axe-core không chạy trên trang này.', 'axe-core did not run on this page.')]);
  if (page.axe.error) return judgement('error', [detail('axe.failed', `axe-core lỗi: ${page.axe.error}`, `axe-core failed: ${page.axe.error}`)]);
  const selects = typeof rules === 'function' ? rules : (id: string) => rules.includes(id);
  const mine = page.axe.rules.filter((r) => selects(r.id));
  const violations = mine.filter((r) => r.result === 'violation');
  if (violations.length || own.length) return judgement('fail', [...violations.flatMap((r) => ruleDetails(page, r, 'violation')), ...own]);
  const incomplete = mine.filter((r) => r.result === 'incomplete');
  if (incomplete.length) return judgement('cant_tell', incomplete.flatMap((r) => ruleDetails(page, r, 'incomplete')));
  if (mine.some((r) => r.result === 'pass')) return judgement('pass');
  return judgement('not_applicable');
}

export const inList = (ids: readonly string[]) => (id: string) => ids.includes(id);

/**
 * An own judgement joined with the axe rules that test the same success criterion. An axe
 * violation fails it when axe's rule is proof enough (`onViolation: 'fail'`); when only our own
 * evidence can prove the failure (axe's rule is a heuristic), it asks a person (`'cant_tell'`)
 * unless our own check failed already. Axe's "needs review" results add nothing: our own check
 * is the one that looked.
 */
export function withAxeRules(own: Judgement, page: PageEvidence, rules: readonly string[], onViolation: 'fail' | 'cant_tell'): Judgement {
  const violations = (page.axe?.rules ?? []).filter((r) => rules.includes(r.id) && r.result === 'violation');
  if (!violations.length) return own;
  const axe = violations.flatMap((r) => ruleDetails(page, r, 'violation'));
  const ownFindings = own.outcome === 'fail' || own.outcome === 'cant_tell' ? own.details : [];
  if (own.outcome === 'fail' || onViolation === 'fail') return judgement('fail', [...ownFindings, ...axe]);
  return judgement('cant_tell', [...ownFindings, ...axe]);
}
