// Answers "which agency does the gateway's unit code X mean in month P?": the same province
// code names an old province before the 2025 merger and a new one after it.
import type { NormaliseContext } from '../../collectors/types.ts';
import { isValidOn, type Agency, type AgencyLevel } from '../registry/agencies.ts';
import { firstDay } from '../time/period.ts';

export function registryLookup(agencies: readonly Agency[]): NormaliseContext {
  const byUnit = new Map<string, Agency[]>();
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
  };
}
