// Reachable from some locations only (scale-out, issue 16): the portal answers from most of the
// networks it is probed from but not from some. Not an outage (never counted as downtime, no
// incident), but worth telling its unit: users on those networks cannot reach it.
import { partiallyReachable } from '../../../storage/scale.ts';
import type { AlertRule, Condition } from '../types.ts';
import { msgBoth } from '../../messages/index.ts';

export const portalPartiallyReachable: AlertRule = {
  id: 'portal.partially_reachable',
  title: msgBoth('alert.rule.partiallyReachable'),
  evaluate(ctx) {
    const names = new Map(ctx.loaded.config.portals.map((p) => [p.id, p.name]));
    return partiallyReachable(ctx.db).map((s): Condition => {
      const locations = s.locationsJson ? (JSON.parse(s.locationsJson) as { down?: string[]; answered?: string[] }) : {};
      return {
        rule: 'portal.partially_reachable', subject: `${s.portalId}|${s.key}`, portalId: s.portalId, severity: 'warning',
        facts: {
          portal: s.portalId, portalName: names.get(s.portalId) ?? s.portalId, endpoint: s.key, url: s.url, since: s.since,
          unreachableFrom: locations.down ?? [], answered: locations.answered ?? [], reason: s.reason,
        },
      };
    });
  },
};
