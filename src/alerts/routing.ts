// Which channels hear about an alert: each channel's filters (rules, portals, agencies,
// minimum severity); a channel without filters hears everything at or above its severity.
import type { ChannelConfig } from '../config/schema.ts';
import type { Severity } from './types.ts';

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function channelsFor(alert: { rule: string; portalId: string | null; agencyCode: string | null; severity: Severity }, channels: readonly ChannelConfig[]): ChannelConfig[] {
  return channels.filter((c) =>
    RANK[alert.severity] >= RANK[c.minSeverity] &&
    (!c.rules || c.rules.some((r) => alert.rule === r || (r.endsWith('.') && alert.rule.startsWith(r)))) &&
    (!c.portals || (alert.portalId !== null && c.portals.includes(alert.portalId))) &&
    (!c.agencies || (alert.agencyCode !== null && c.agencies.includes(alert.agencyCode))));
}
