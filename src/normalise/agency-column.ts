// Which agency a table row is about, from the text of its agency column: a text mapped in the
// config (a name, a code, a platform's opaque id), or the gateway unit code of a level, read
// through the registry so a code means the old province before the 2025 merger.
import type { NormaliseContext } from '../../collectors/types.ts';
import type { AgencyLevel } from '../registry/agencies.ts';
import { normaliseLabel } from './text.ts';

export interface AgencyColumnConfig {
  agencies: Record<string, string>;
  agencyLevel?: AgencyLevel | undefined;
}

export type AgencyMatch = { ok: true; agencyCode: string } | { ok: false; reason: string };

export function agencyMatcher(config: AgencyColumnConfig, period: string, ctx: NormaliseContext): (cell: string) => AgencyMatch {
  const mapped = new Map(Object.entries(config.agencies).map(([text, code]) => [normaliseLabel(text), code]));
  return (cell) => {
    const code = mapped.get(normaliseLabel(cell)) ?? (config.agencyLevel ? ctx.agencyFor(config.agencyLevel, cell.trim(), period) : undefined);
    if (code === undefined) return { ok: false, reason: `${JSON.stringify(cell.slice(0, 80))} is not mapped to an agency` };
    if (!ctx.agencyExists(code, period)) return { ok: false, reason: `${JSON.stringify(cell.slice(0, 80))} maps to ${code}, which did not exist in ${period}` };
    return { ok: true, agencyCode: code };
  };
}
