// Availability: a portal endpoint that is DOWN (resolved, with a notice, when it recovers),
// and a TLS certificate that expires within `alerts.certificateDays`.
import { certificateExpiries, currentStates } from '../../../storage/uptime.ts';
import { dedupeKey, type AlertRule, type Condition } from '../types.ts';
import { msgBoth } from '../../messages/index.ts';

export const portalDown: AlertRule = {
  id: 'portal.down',
  title: msgBoth('alert.rule.portalDown'),
  evaluate(ctx) {
    const names = new Map(ctx.loaded.config.portals.map((p) => [p.id, p.name]));
    const found: Condition[] = [];
    for (const s of currentStates(ctx.db)) {
      const subject = `${s.portalId}|${s.key}`;
      // UNKNOWN is our own fault: it neither raises an alert nor announces a recovery.
      const firing = s.state === 'down' || (s.state === 'unknown' && ctx.isActive(dedupeKey({ rule: 'portal.down', subject })));
      if (!firing) continue;
      found.push({
        rule: 'portal.down', subject, portalId: s.portalId, severity: 'critical',
        facts: { portal: s.portalId, portalName: names.get(s.portalId) ?? s.portalId, endpoint: s.key, url: s.url, since: s.since, reason: s.reason, state: s.state },
      });
    }
    return found;
  },
};

export const certificateExpiring: AlertRule = {
  id: 'portal.certificate_expiring',
  title: msgBoth('alert.rule.certificateExpiring'),
  evaluate(ctx) {
    const days = ctx.loaded.config.alerts.certificateDays;
    const found: Condition[] = [];
    for (const c of certificateExpiries(ctx.db)) {
      const daysLeft = Math.floor((Date.parse(c.notAfter) - ctx.now.getTime()) / 86_400_000);
      if (daysLeft >= days) continue;
      found.push({
        rule: 'portal.certificate_expiring', subject: `${c.portalId}|${c.key}`, portalId: c.portalId,
        severity: daysLeft < 3 ? 'critical' : 'warning',
        facts: { portal: c.portalId, url: c.url, expiresAt: c.notAfter, daysLeft, issuer: c.issuer, subject: c.subject, threshold: days },
      });
    }
    return found;
  },
};
