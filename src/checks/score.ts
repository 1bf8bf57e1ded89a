// The score of a portal in one area, from its portal-level results. Versioned: the version is
// stored with every score, and a change of formula is a new version.
//
//   score/2 = 100 × Σ weight(passed) ÷ Σ weight(passed or failed)
//   weight: critical 10, serious 5, moderate 3, minor 1
//
// cant_tell (waiting for a person) and not_applicable are left out of both sums: they neither
// help nor hurt; so are advisory criteria (best practice). A criterion the scanner could not
// judge (error) leaves the area without a score (null): a figure over part of the criteria
// would read as the portal's whole score (score/1 gave 0.0 when one failing criterion was all
// that remained). No passed or failed criterion: no score either.
import type { CriterionResult } from './judge.ts';
import type { Area, Outcome, Severity } from './types.ts';

export const SCORING_VERSION = 'score/2';
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, serious: 5, moderate: 3, minor: 1 };

export interface AreaScore {
  area: Area;
  version: string;
  /** 0–100 with one decimal, or null when nothing could be judged. */
  score: number | null;
  counts: Record<Outcome, number>;
}

export function scoreArea(results: CriterionResult[], area: Area): AreaScore {
  const mine = results.filter((r) => r.level === 'portal' && r.area === area && !r.advisory);
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, cant_tell: 0, not_applicable: 0, error: 0 };
  for (const r of mine) counts[r.outcome]++;
  const weight = (o: Outcome) => mine.filter((r) => r.outcome === o).reduce((s, r) => s + SEVERITY_WEIGHT[r.severity], 0);
  const passed = weight('pass');
  const judged = passed + weight('fail');
  const score = judged && !counts.error ? Math.round((1000 * passed) / judged) / 10 : null;
  return { area, version: SCORING_VERSION, score, counts };
}

/** Serious and critical failures: what makes `dvc-monitor check` exit 1. */
export const blockingFailures = (results: CriterionResult[]) =>
  results.filter((r) => r.level === 'portal' && r.outcome === 'fail' && !r.advisory && (r.severity === 'critical' || r.severity === 'serious'));
