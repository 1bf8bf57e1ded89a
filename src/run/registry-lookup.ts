// Answers "which agency does the gateway's unit code X mean in month P?": the same province
// code names an old province before the 2025 merger and a new one after it.
import type { NormaliseContext } from '../../collectors/types.ts';
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
  return {
    agencyFor(level: AgencyLevel, gatewayCode: string, period: string) {
      const day = firstDay(period);
      return byUnit.get(`${level}|${gatewayCode}`)?.find((a) => isValidOn(a, day))?.code;
    },
    agencyExists(agencyCode: string, period: string) {
      const agency = byCode.get(agencyCode);
      // Existing on any day of the month counts: the month's figures belong to it.
      return agency !== undefined && (isValidOn(agency, firstDay(period)) || isValidOn(agency, lastDay(period)));
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
  return { ...ctx, previousValue: (agencyCode, metric, period) => stored.get(`${agencyCode}|${metric}|${period}`) };
}
