// Answers "which agency does the gateway's unit code X mean in month P?": the same province
// code names an old province before the 2025 merger and a new one after it.
import type { NormaliseContext } from '../../collectors/types.ts';
import { currentSuccessor } from '../kpi/headline.ts';
import { isValidOn, type Agency, type AgencyLevel } from '../registry/agencies.ts';
import { firstDay, lastDay } from '../time/period.ts';

/** The registry part of a normaliser's context; `previousValue` knows nothing until `withStoredValues`. */
export function registryLookup(agencies: readonly Agency[]): NormaliseContext {
  const byUnit = new Map<string, Agency[]>();
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  for (const agency of agencies) {
    if (agency.gatewayCode === null) continue;
    const key = `${agency.level}|${agency.gatewayCode}`;
    byUnit.set(key, [...(byUnit.get(key) ?? []), agency]);
  }
  // Existing on any day of the month counts: the month's figures belong to it.
  const agencyExists = (agencyCode: string, period: string) => {
    const agency = byCode.get(agencyCode);
    return agency !== undefined && (isValidOn(agency, firstDay(period)) || isValidOn(agency, lastDay(period)));
  };
  const predecessors = new Map<string, string[]>();
  return {
    agencyFor(level: AgencyLevel, gatewayCode: string, period: string) {
      const day = firstDay(period);
      return byUnit.get(`${level}|${gatewayCode}`)?.find((a) => isValidOn(a, day))?.code;
    },
    agencyExists,
    predecessorsIn(agencyCode: string, period: string) {
      if (agencyExists(agencyCode, period)) return [];
      // Asked once per metric of each unit: the walk over the registry is done once per unit and month.
      const key = `${agencyCode}|${period}`;
      let found = predecessors.get(key);
      if (!found) {
        found = agencies.filter((a) => a.code !== agencyCode && agencyExists(a.code, period) && currentSuccessor(a.code, byCode) === agencyCode).map((a) => a.code);
        predecessors.set(key, found);
      }
      return found;
    },
    previousValue: () => undefined,
  };
}

/** The context with stored values to answer `previousValue` from (loaded by the runner). */
export function withStoredValues(
  ctx: NormaliseContext,
  rows: ReadonlyArray<{ agencyCode: string; metric: string; period: string; value: number | null }>,
): NormaliseContext {
  const stored = new Map(rows.map((r) => [`${r.agencyCode}|${r.metric}|${r.period}`, r.value]));
  const own = (agencyCode: string, metric: string, period: string) => stored.get(`${agencyCode}|${metric}|${period}`);
  return {
    ...ctx,
    // An agency that did not exist yet (a merged province's June 2025) stands for its
    // predecessors: their figures summed, missing if any of theirs is.
    previousValue(agencyCode, metric, period) {
      const mine = own(agencyCode, metric, period);
      if (mine !== undefined) return mine;
      const parts = ctx.predecessorsIn(agencyCode, period);
      if (parts.length === 0) return undefined;
      let total = 0;
      for (const part of parts) {
        const value = own(part, metric, period);
        if (value === undefined || value === null) return value;
        total += value;
      }
      return total;
    },
  };
}
