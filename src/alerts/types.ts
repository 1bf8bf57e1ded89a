// What rules produce and what the alert engine keeps. A condition is one rule firing for one
// subject now; an alert is that condition's life: pending → open → resolved.
export type Severity = 'info' | 'warning' | 'critical';

export interface Condition {
  rule: string;
  /** What the rule fires about: a portal id, an agency and KPI, a source id… */
  subject: string;
  portalId?: string | null;
  agencyCode?: string | null;
  severity: Severity;
  /** What the rule saw, for the message and the evidence: values, thresholds, links. */
  facts: Record<string, unknown>;
}

export const dedupeKey = (c: Pick<Condition, 'rule' | 'subject'>) => `${c.rule}|${c.subject}`;

export interface ActiveAlert {
  id: number;
  dedupeKey: string;
  rule: string;
  subject: string;
  portalId: string | null;
  agencyCode: string | null;
  severity: Severity;
  status: 'pending' | 'open';
  facts: Record<string, unknown>;
  firstFiredAt: string;
  lastFiredAt: string;
  openedAt: string | null;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  lastNotifiedAt: string | null;
  remindersSent: number;
  acknowledgedAt: string | null;
  silencedReason: string | null;
}

export type AlertEvent = 'opened' | 'reminder' | 'resolved';

/** What a rule may read. Rules read the store; they never collect or probe. */
export interface RuleContext {
  db: import('../../storage/db.ts').Db;
  loaded: import('../config/load.ts').LoadedConfig;
  now: Date;
  /** Is an alert with this dedupe key active (pending or open)? For rules that fire on a change and stay firing until repaired. */
  isActive(key: string): boolean;
}

export interface AlertRule {
  id: string;
  title: { vi: string; en: string };
  evaluate(ctx: RuleContext): Condition[];
}
