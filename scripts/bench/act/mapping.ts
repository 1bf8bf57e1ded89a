// Which W3C ACT rules our accessibility check claims, and which of our findings stand for each:
// the one place this is written down. A rule's outcome on a case is "failed" when one of its
// findings is present in the result of the criterion named beside it.
//
// Two parts:
// - axe-implemented rules are DERIVED: W3C's report names the axe rules (procedures) that
//   implement each ACT rule; procedure p becomes the finding `axe.p` under the criterion whose
//   axe rule list contains p (found by asking the catalogue's judges, so a criterion that moves a
//   rule moves its mapping), or under the catch-all criterion when our axe run runs p without a
//   criterion naming it. A rule is not claimed through axe when our check never runs any of its
//   procedures, or when it only decides AAA success criteria (our catalogue is WCAG 2.1 A/AA).
// - own-check rules are LISTED below (OWN_CLAIMS), with the own finding codes that stand for
//   them. An own check that has no finding code yet has `findings: []`: add its codes there when
//   the check lands. A rule listed here is claimed whatever its level (the criterion says so).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from '../../../src/checks/criteria/index.ts';
import { conformanceCriteria, type ActCase, type ActData } from './data.ts';

/** A finding of ours that stands for an ACT rule's failure: its code, in that criterion's result. */
export interface Finding {
  criterion: string;
  code: string;
}

export interface OwnClaim {
  ruleId: string;
  /** What our own check tests of it, in a few words. */
  check: string;
  findings: Finding[];
}

const trap = 'accessibility.no-keyboard-trap';
const focusVisible = 'accessibility.focus-visible';
const moving = 'accessibility.no-moving-text';
const resize = 'accessibility.resize-text';
const spacing = 'accessibility.text-spacing';
const language = 'accessibility.page-language';
const links = 'accessibility.link-purpose';
const title = 'accessibility.page-title';

/** ACT rules our own (non-axe) checks claim. Axe findings for the same rules are derived, not listed here. */
export const OWN_CLAIMS: readonly OwnClaim[] = [
  { ruleId: '80af7b', check: 'keyboard trap (Tab walk)', findings: [{ criterion: trap, code: 'keyboard.trap' }] },
  { ruleId: 'a1b64e', check: 'keyboard trap via standard navigation (Tab walk)', findings: [{ criterion: trap, code: 'keyboard.trap' }] },
  { ruleId: 'oj04fd', check: 'focus visible (Tab walk)', findings: [{ criterion: focusVisible, code: 'keyboard.no_focus_indicator' }] },
  { ruleId: '59br37', check: 'zoom to 200% (640×512): text clipped by overflow', findings: [{ criterion: resize, code: 'resize.clipped' }] },
  { ruleId: 'b4f0c3', check: 'meta viewport read as browsers do', findings: [{ criterion: resize, code: 'resize.zoom_blocked' }] },
  { ruleId: '24afc2', check: 'text spacing: !important letter spacing in style attributes', findings: [{ criterion: spacing, code: 'spacing.important_letter' }] },
  { ruleId: '9e45ec', check: 'text spacing: !important word spacing in style attributes', findings: [{ criterion: spacing, code: 'spacing.important_word' }] },
  { ruleId: '78fd32', check: 'text spacing: !important line height in style attributes', findings: [{ criterion: spacing, code: 'spacing.important_line_height' }] },
  { ruleId: 'b5c3f8', check: 'page language declared', findings: [{ criterion: language, code: 'lang.missing' }] },
  // Validity of lang values is axe's (html-lang-valid, valid-lang, derived above); the ACT cases need nothing more.
  { ruleId: 'bf051a', check: 'page language valid', findings: [] },
  { ruleId: 'de46e4', check: 'language of parts valid', findings: [] },
  { ruleId: 'ucwvc8', check: 'page language matches its content (franc-min)', findings: [{ criterion: language, code: 'lang.mismatch' }, { criterion: language, code: 'lang.mismatch_unsure' }, { criterion: language, code: 'lang.unsure' }] },
  { ruleId: '2779a5', check: 'page title present', findings: [{ criterion: title, code: 'title.empty' }] },
  { ruleId: 'aizyf1', check: 'link purpose (link text alone)', findings: [{ criterion: links, code: 'link.generic_text' }, { criterion: links, code: 'link.generic_in_context' }] },
  { ruleId: '5effbb', check: 'link purpose (in context)', findings: [{ criterion: links, code: 'link.generic_text' }, { criterion: links, code: 'link.generic_in_context' }] },
  { ruleId: 'ffd0e9', check: 'headings not empty', findings: [] },
  { ruleId: 'bc659a', check: 'no timed refresh', findings: [{ criterion: moving, code: 'navigation.timed_refresh' }] },
  // The criterion says the page "does not refresh itself on a timer": the no-exception rule (AAA) too.
  { ruleId: 'bisz58', check: 'no timed refresh (no exception)', findings: [] },
];

export interface RuleClaim {
  ruleId: string;
  ruleName: string;
  /** Every finding that stands for the rule's failure (axe-derived first, then own). */
  findings: Finding[];
  /** W3C's axe procedures for the rule (plain axe runs these), and those our own check maps. */
  procedures: string[];
  mappedProcedures: string[];
  viaAxe: boolean;
  viaOwn: boolean;
  ownCheck: string | null;
  consistency: string | null;
}

export interface Unclaimed {
  ruleId: string;
  ruleName: string;
  reason: string;
}

/** The criteria that judge axe rule `ruleId` (each criterion lists its rules exactly). */
export function criteriaReporting(ruleId: string): string[] {
  return CATALOGUE.filter((c) => c.axeRules?.includes(ruleId)).map((c) => c.id);
}

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/** Every quoted string in the product's source: an own finding code named here must be one of them. */
function sourceStrings(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/'([a-z0-9_.-]+)'/g)) out.add(m[1]!);
    }
  };
  walk(SRC);
  return out;
}

/**
 * The claimed rules, from W3C's report, the catalogue and OWN_CLAIMS. `ranAxeRules` are the
 * axe rules our check's axe run runs (measured on a blank page): a procedure that no criterion
 * names is ours only if it runs. Throws when OWN_CLAIMS names a criterion or a finding code
 * that the product does not have.
 */
export function deriveClaims(data: ActData, ranAxeRules: ReadonlySet<string>): { claimed: RuleClaim[]; unclaimed: Unclaimed[] } {
  const criterionIds = new Set(CATALOGUE.map((c) => c.id));
  const strings = sourceStrings();
  for (const own of OWN_CLAIMS) {
    for (const f of own.findings) {
      if (!criterionIds.has(f.criterion)) throw new Error(`OWN_CLAIMS: ${own.ruleId} names criterion ${f.criterion}, which the catalogue does not have`);
      if (!strings.has(f.code)) throw new Error(`OWN_CLAIMS: ${own.ruleId} names finding code ${f.code}, which no source file under src/ has`);
    }
  }
  // A criterion that reports a rule no criterion could know is the catch-all (other-wcag).
  const catchAll = new Set(criteriaReporting('act-bench-no-such-rule'));
  const named = new Map<string, string[]>();
  const mapProcedure = (p: string): Finding[] => {
    if (!named.has(p)) named.set(p, criteriaReporting(p).filter((c) => !catchAll.has(c)));
    const criteria = named.get(p)!.length ? named.get(p)! : ranAxeRules.has(p) ? [...catchAll] : [];
    return criteria.map((criterion) => ({ criterion, code: `axe.${p}` }));
  };

  const firstCase = new Map<string, ActCase>();
  for (const c of data.cases) if (!firstCase.has(c.ruleId)) firstCase.set(c.ruleId, c);
  const claimed: RuleClaim[] = [];
  const unclaimed: Unclaimed[] = [];
  for (const [ruleId, c] of firstCase) {
    const impl = data.implementations.get(ruleId);
    const procedures = impl?.procedureNames ?? [];
    const own = OWN_CLAIMS.find((o) => o.ruleId === ruleId);
    const sc = conformanceCriteria(c);
    const aaaOnly = sc.length > 0 && sc.every((n) => data.levels.get(n) === 'AAA');
    const axeFindings = procedures.flatMap(mapProcedure);
    const viaAxe = axeFindings.length > 0 && (!aaaOnly || !!own);
    const findings = [...(viaAxe ? axeFindings : []), ...(own?.findings ?? [])];
    if (!findings.length) {
      const reason = own ? `own check "${own.check}" has no finding code yet`
        : aaaOnly && axeFindings.length ? `AAA only (${sc.join(', ')}): outside our WCAG 2.1 A/AA catalogue`
        : procedures.length ? `our check does not run its axe rules (${procedures.join(', ')})`
        : 'no axe rule and no own check';
      unclaimed.push({ ruleId, ruleName: c.ruleName, reason });
      continue;
    }
    claimed.push({
      ruleId, ruleName: c.ruleName, findings, procedures, mappedProcedures: viaAxe ? [...new Set(axeFindings.map((f) => f.code.slice(4)))] : [],
      viaAxe, viaOwn: !!own?.findings.length, ownCheck: own?.check ?? null, consistency: impl?.consistency ?? null,
    });
  }
  return { claimed, unclaimed };
}
