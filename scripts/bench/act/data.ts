// The W3C ACT Rules test data (shared/testdata/act-rules, test data only: the product never
// reads it): the test cases with their expected outcomes, and W3C's implementation report of
// axe-core 4.10.2 (which axe rules implement each ACT rule, how consistently, and axe's
// outcome on every case).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Expected = 'passed' | 'failed' | 'inapplicable';

export interface ActCase {
  ruleId: string;
  ruleName: string;
  testcaseId: string;
  testcaseTitle: string;
  expected: Expected;
  /** Under the data folder: testcases/<ruleId>/<sha1>.html (or .svg, .xml). */
  relativePath: string;
  approved: boolean;
  /** WCAG success criteria and techniques the rule tests, keyed "wcag20:1.1.1", "wcag-technique:ARIA4", … */
  ruleAccessibilityRequirements: Record<string, { forConformance?: boolean; secondary?: string }> | null;
}

/** W3C's summary of one axe procedure's outcomes on a case: passed, failed, inapplicable, cantTell, untested. */
export type ReportedOutcome = 'passed' | 'failed' | 'inapplicable' | 'cantTell' | 'untested';

export interface ActRuleImplementation {
  ruleId: string;
  ruleName: string;
  ruleApproved: boolean;
  /** The axe-core rule ids that implement this ACT rule. */
  procedureNames: string[];
  /** complete / partial / minimal; null where W3C gave no rating (inconsistent or untested). */
  consistency: 'complete' | 'partial' | 'minimal' | null;
  testCaseResults: Array<{
    testcaseId: string;
    expected: Expected;
    procedureResults: Array<{ procedureName: string; outcomes: ReportedOutcome[] }>;
  }>;
}

export interface ActData {
  dir: string;
  cases: ActCase[];
  implementations: Map<string, ActRuleImplementation>;
  /** WCAG success criterion number → level (A, AA, AAA). */
  levels: Map<string, string>;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** $ACT_RULES_DIR, else shared/ beside the repository (as on developers' machines and in CI). */
export function actDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.ACT_RULES_DIR, resolve(ROOT, '../shared/testdata/act-rules'), '/work/shared/testdata/act-rules'].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, 'testcases.json')));
  if (!found) throw new Error(`the ACT Rules test data is not there (looked in ${candidates.join(', ')}). Fix: set ACT_RULES_DIR to the folder holding testcases.json`);
  return found;
}

export function loadActData(dir = actDataDir()): ActData {
  const read = (p: string) => JSON.parse(readFileSync(join(dir, p), 'utf8')) as unknown;
  const cases = (read('testcases.json') as { testcases: ActCase[] }).testcases;
  const report = read('implementations/axe-core.json') as { actRuleMapping: ActRuleImplementation[] };
  const requirements = read('requirements.json') as Record<string, { num: string; level: string }>;
  return {
    dir,
    cases,
    implementations: new Map(report.actRuleMapping.map((r) => [r.ruleId, r])),
    levels: new Map(Object.values(requirements).map((r) => [r.num, r.level])),
  };
}

/**
 * W3C's axe 4.10.2 outcome for an ACT rule on a case, over all its procedures: failed if one
 * failed, then cant_tell, then passed, inapplicable; untested when W3C has no result.
 */
export function reportedAxeOutcome(impl: ActRuleImplementation | undefined, testcaseId: string): 'passed' | 'failed' | 'inapplicable' | 'cant_tell' | 'untested' {
  const result = impl?.testCaseResults.find((r) => r.testcaseId === testcaseId);
  const outcomes = result?.procedureResults.flatMap((p) => p.outcomes) ?? [];
  if (outcomes.includes('failed')) return 'failed';
  if (outcomes.includes('cantTell')) return 'cant_tell';
  if (outcomes.includes('passed')) return 'passed';
  if (outcomes.includes('inapplicable')) return 'inapplicable';
  return 'untested';
}

/**
 * The WCAG success criteria a rule's outcome decides conformance of ("secondary" ones are only
 * related). A rule that maps to no success criterion at all (ARIA, techniques) gives [].
 */
export function conformanceCriteria(c: ActCase): string[] {
  return Object.entries(c.ruleAccessibilityRequirements ?? {})
    .filter(([key, req]) => /^wcag2\d:/.test(key) && !req.secondary)
    .map(([key]) => key.split(':')[1]!);
}
