// Targets are per KPI, agency, level and year (DOMAIN.md): the most specific rule wins.
import type { Config } from '../config/schema.ts';
import type { KpiDefinition } from './definitions.ts';

export function targetFor(
  targets: Config['targets'],
  kpi: KpiDefinition,
  subject: { agencyCode: string; level: string; year: number },
): number | null {
  let best: { score: number; value: number } | null = null;
  for (const rule of targets.rules) {
    if (rule.kpi !== kpi.id) continue;
    if (rule.agency !== undefined && rule.agency !== subject.agencyCode) continue;
    if (rule.level !== undefined && rule.level !== subject.level) continue;
    if (rule.year !== undefined && rule.year !== subject.year) continue;
    // An agency rule beats a level rule; a rule naming the year beats one that does not.
    const score = (rule.agency ? 4 : 0) + (rule.level ? 2 : 0) + (rule.year ? 1 : 0);
    if (!best || score >= best.score) best = { score, value: rule.value };
  }
  return best?.value ?? targets.defaults[kpi.id] ?? kpi.defaultTarget;
}
