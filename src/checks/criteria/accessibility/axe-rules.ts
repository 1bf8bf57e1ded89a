// Judging the axe-core rules a criterion lists: each violating element is a failure (one
// finding per element, naming its frame), otherwise an "incomplete" (axe could not decide) is
// cant_tell for a person to review, otherwise a pass passes; a page where none of the rules
// applied is not_applicable. Own findings (from the page evidence) can fail it too.
import { DOUBT_TEXT } from '../../evidence/accessibility/axe-second-look.ts';
import { wcagCriteriaOf } from '../../evidence/axe.ts';
import type { Lang } from '../../../i18n.ts';
import { labelOf, msg, msgBoth, type MessageKey } from '../../../messages/index.ts';
import type { AxeRuleSummary, FindingDetail, Judgement, PageEvidence } from '../../types.ts';
import { findingOfText, inBoth, judgement } from '../criterion.ts';

const IMPACT = {
  critical: 'a11y.axe.impact.critical', serious: 'a11y.axe.impact.serious', moderate: 'a11y.axe.impact.moderate', minor: 'a11y.axe.impact.minor',
} as const satisfies Record<string, MessageKey>;

/** axe's impact in the reader's words ("nghiêm trọng"); one axe does not name stays as it is. */
const impactText = (impact: string | null | undefined, lang: Lang) =>
  impact ? labelOf(IMPACT, impact, lang) : '—';

/** "trong khung 2 (https://…)" for an element inside a frame, nothing for the top document. */
export function frameNote(page: PageEvidence, frame: number | undefined, lang: Lang): string {
  if (!frame) return '';
  return msg(lang, 'a11y.element.frameWithUrl', { frame, url: page.frames?.[frame]?.url ?? '?' });
}

/** SHA-256 of the cropped screenshot of an element, when the visit took one. */
export function cropOf(page: PageEvidence, frame: number, selector: string): string | null {
  return page.crops?.find((c) => c.frame === frame && c.selector === selector)?.sha256 ?? null;
}

function ruleDetails(page: PageEvidence, rule: AxeRuleSummary, kind: 'violation' | 'incomplete'): FindingDetail[] {
  const sc = wcagCriteriaOf(rule.tags);
  const list = kind === 'violation' ? 'violations' : 'incomplete';
  const keys = kind === 'violation'
    ? { rule: 'a11y.axe.violation.rule', element: 'a11y.axe.violation.element' } as const
    : { rule: 'a11y.axe.incomplete.rule', element: 'a11y.axe.incomplete.element' } as const;
  const head = (lang: Lang) => ({ rule: rule.id, wcag: sc.join(', ') || '—', impact: impactText(rule.impact, lang), help: rule.help });
  const base = { rule: rule.id, impact: rule.impact, wcag: sc, nodes: rule.nodes, helpUrl: rule.helpUrl ?? null };
  // Evidence stored before elements were recorded has only the joined targets.
  const elements = rule.elements ?? rule.targets.map((selector) => ({ frame: 0, selector, snippet: '' }));
  if (!elements.length) return [findingOfText(`axe.${rule.id}`, inBoth((lang) => msg(lang, keys.rule, head(lang))), { data: base, evidence: { blob: 'axe', path: `${list}[id=${rule.id}]` } })];
  const unlisted = rule.nodes - elements.length;
  return elements.map((e, i) => {
    const crop = cropOf(page, e.frame, e.selector);
    const text = inBoth((lang) => msg(lang, keys.element, {
      ...head(lang),
      selector: e.selector,
      frame: frameNote(page, e.frame, lang),
      doubt: e.doubt ? msg(lang, 'a11y.axe.doubt', { why: msg(lang, DOUBT_TEXT[e.doubt]) }) : '',
      more: i === elements.length - 1 && unlisted > 0 ? msg(lang, 'a11y.axe.more', { more: unlisted }) : '',
    }));
    return findingOfText(`axe.${rule.id}`, text,
      { data: { ...base, selector: e.selector, frame: e.frame, snippet: e.snippet, ...(crop ? { crop } : {}), ...(e.doubt ? { doubt: e.doubt } : {}) }, evidence: { blob: 'axe', path: e.doubt ? `violations[id=${rule.id}]` : `${list}[id=${rule.id}].nodes[${i}]` } });
  });
}

export function judgeAxeRules(page: PageEvidence, rules: readonly string[] | ((ruleId: string) => boolean), own: FindingDetail[] = []): Judgement {
  if (!page.axe) return judgement('error', [findingOfText('axe.not_run', msgBoth('a11y.axe.notRun'))]);
  if (page.axe.error) return judgement('error', [findingOfText('axe.failed', msgBoth('a11y.axe.failed', { error: page.axe.error }))]);
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
