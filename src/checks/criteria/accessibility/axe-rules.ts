// Judging a group of axe-core rules: a violation fails, otherwise an "incomplete" (axe could
// not decide) is cant_tell for a person to review, otherwise a pass passes; a page where no
// rule applied is not_applicable. Own findings (from the page evidence) can fail it too.
import { wcagCriteriaOf } from '../../evidence/axe.ts';
import type { AxeRuleSummary, FindingDetail, Judgement, PageEvidence } from '../../types.ts';
import { detail, judgement } from '../criterion.ts';

const IMPACT_VI: Record<string, string> = { critical: 'nghiêm trọng', serious: 'cao', moderate: 'trung bình', minor: 'thấp' };

function ruleDetail(rule: AxeRuleSummary, kind: 'violation' | 'incomplete'): FindingDetail {
  const sc = wcagCriteriaOf(rule.tags);
  const where = rule.targets.slice(0, 3).join('; ');
  return detail(`axe.${rule.id}`,
    `${kind === 'violation' ? 'Lỗi' : 'Cần người kiểm tra'} axe "${rule.id}" (WCAG ${sc.join(', ') || '—'}, mức ${IMPACT_VI[rule.impact ?? ''] ?? rule.impact ?? '—'}): ${rule.help} — ${rule.nodes} phần tử${where ? `, ví dụ ${where}` : ''}.`,
    `${kind === 'violation' ? 'axe violation' : 'axe needs review'} "${rule.id}" (WCAG ${sc.join(', ') || '—'}, ${rule.impact ?? '—'} impact): ${rule.help} — ${rule.nodes} elements${where ? `, e.g. ${where}` : ''}.`,
    { data: { rule: rule.id, impact: rule.impact, wcag: sc, nodes: rule.nodes, targets: rule.targets }, evidence: { blob: 'axe', path: `${kind === 'violation' ? 'violations' : 'incomplete'}[id=${rule.id}]` } });
}

export function judgeAxeRules(page: PageEvidence, selects: (ruleId: string) => boolean, own: FindingDetail[] = []): Judgement {
  if (!page.axe) return judgement('error', [detail('axe.not_run', 'axe-core không chạy trên trang này.', 'axe-core did not run on this page.')]);
  if (page.axe.error) return judgement('error', [detail('axe.failed', `axe-core lỗi: ${page.axe.error}`, `axe-core failed: ${page.axe.error}`)]);
  const rules = page.axe.rules.filter((r) => selects(r.id));
  const violations = rules.filter((r) => r.result === 'violation');
  if (violations.length || own.length) return judgement('fail', [...violations.map((r) => ruleDetail(r, 'violation')), ...own]);
  const incomplete = rules.filter((r) => r.result === 'incomplete');
  if (incomplete.length) return judgement('cant_tell', incomplete.map((r) => ruleDetail(r, 'incomplete')));
  if (rules.some((r) => r.result === 'pass')) return judgement('pass');
  return judgement('not_applicable');
}

export const inList = (ids: readonly string[]) => (id: string) => ids.includes(id);
