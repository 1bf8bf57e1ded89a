// The state of one endpoint, moved by each probe's observation. Pure: the same observations in
// the same order give the same states, transitions and incidents (tested with scripted outages).
//
//   observation   →  state
//   up            →  UP (closes an open incident: recovered)
//   degraded      →  DEGRADED (slow, or a soft condition failed; also closes an incident)
//   failed        →  DOWN once `downAfter` probes in a row failed (each failure already survived
//                    an immediate confirm-retry); before that DEGRADED ("failing, not confirmed").
//                    Entering DOWN opens an incident that starts at the first failure of the streak.
//   unknown       →  UNKNOWN (our own fault): nothing else changes, the failure streak and any
//                    open incident carry on, and the sample is excluded from availability.
//   any, inside a declared maintenance window → MAINTENANCE: the failure streak resets and an
//                    open incident ends at the window's start (ended by maintenance).

export const UPTIME_STATES = ['up', 'degraded', 'down', 'maintenance', 'unknown'] as const;
export type UptimeState = (typeof UPTIME_STATES)[number];

export type Observation =
  | { kind: 'up' }
  | { kind: 'degraded'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'unknown'; reason: string };

export interface OpenIncident {
  startedAt: string;
  cause: string;
}

export interface EndpointHealth {
  state: UptimeState;
  /** When `state` began (UTC ISO); null before the first probe. */
  since: string | null;
  consecutiveFailures: number;
  /** First failure of the current streak: an incident starts there. */
  streakStartedAt: string | null;
  streakCause: string | null;
  incident: OpenIncident | null;
}

export const INITIAL_HEALTH: Readonly<EndpointHealth> = Object.freeze({
  state: 'unknown', since: null, consecutiveFailures: 0, streakStartedAt: null, streakCause: null, incident: null,
});

export interface Transition {
  at: string;
  /** step() moves between availability states; with several locations `partial` shows too (reach.ts). */
  from: UptimeState | 'partial';
  to: UptimeState | 'partial';
  reason: string | null;
}

export interface ClosedIncident extends OpenIncident {
  endedAt: string;
  endedBy: 'recovered' | 'maintenance';
}

export interface StepResult {
  health: EndpointHealth;
  transition: Transition | null;
  opened: OpenIncident | null;
  closed: ClosedIncident | null;
}

export interface StepContext {
  /** Failed probes in a row before DOWN (each one confirmed by a retry). */
  downAfter: number;
  /** The declared maintenance window covering this probe, if any. */
  maintenance: { startsAt: string } | null;
}

export function step(prev: EndpointHealth, obs: Observation, at: string, ctx: StepContext): StepResult {
  let next: EndpointHealth;
  let opened: OpenIncident | null = null;
  let closed: ClosedIncident | null = null;
  let reason: string | null = null;

  const closeIncident = (endedAt: string, endedBy: ClosedIncident['endedBy']) => {
    if (prev.incident) closed = { ...prev.incident, endedAt, endedBy };
  };

  if (ctx.maintenance) {
    const windowStart = ctx.maintenance.startsAt;
    if (prev.incident) closeIncident(windowStart > prev.incident.startedAt ? windowStart : at, 'maintenance');
    next = { state: 'maintenance', since: prev.since, consecutiveFailures: 0, streakStartedAt: null, streakCause: null, incident: null };
  } else {
    switch (obs.kind) {
      case 'unknown':
        next = { ...prev, state: 'unknown' };
        reason = obs.reason;
        break;
      case 'up':
      case 'degraded':
        closeIncident(at, 'recovered');
        next = { state: obs.kind, since: prev.since, consecutiveFailures: 0, streakStartedAt: null, streakCause: null, incident: null };
        reason = obs.kind === 'degraded' ? obs.reason : null;
        break;
      case 'failed': {
        const failures = prev.consecutiveFailures + 1;
        const streakStartedAt = prev.streakStartedAt ?? at;
        const streakCause = prev.streakCause ?? obs.reason;
        const down = failures >= ctx.downAfter;
        let incident = prev.incident;
        if (down && !incident) {
          incident = { startedAt: streakStartedAt, cause: streakCause };
          opened = incident;
        }
        next = { state: down ? 'down' : 'degraded', since: prev.since, consecutiveFailures: failures, streakStartedAt, streakCause, incident };
        reason = obs.reason;
        break;
      }
    }
  }

  let transition: Transition | null = null;
  if (next.state !== prev.state) {
    next.since = at;
    transition = { at, from: prev.state, to: next.state, reason };
  }
  return { health: next, transition, opened, closed };
}
