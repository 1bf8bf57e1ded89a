// Scripted outages through the state machine, with the answers worked out by hand.
import { describe, expect, it } from 'vitest';
import { INITIAL_HEALTH, step, type ClosedIncident, type EndpointHealth, type Observation, type OpenIncident, type Transition } from '../../src/uptime/state-machine.ts';

const UP: Observation = { kind: 'up' };
const SLOW: Observation = { kind: 'degraded', reason: 'slow' };
const fail = (reason = 'connect_refused'): Observation => ({ kind: 'failed', reason });
const ours = (reason = 'store_busy'): Observation => ({ kind: 'unknown', reason });

/** Minute m of 2026-11-20 (UTC) as an ISO instant. */
const at = (m: number) => new Date(Date.UTC(2026, 10, 20, 0, m)).toISOString();

interface Script {
  obs: Observation;
  maintenance?: string;
}

function play(script: Array<Observation | Script>, downAfter = 1, start: EndpointHealth = INITIAL_HEALTH) {
  let health = start;
  const states: string[] = [];
  const transitions: Transition[] = [];
  const opened: OpenIncident[] = [];
  const closed: ClosedIncident[] = [];
  script.forEach((s, minute) => {
    const { obs, maintenance } = 'kind' in s ? { obs: s, maintenance: undefined } : s;
    const r = step(health, obs, at(minute), { downAfter, maintenance: maintenance ? { startsAt: maintenance } : null });
    health = r.health;
    states.push(health.state);
    if (r.transition) transitions.push(r.transition);
    if (r.opened) opened.push(r.opened);
    if (r.closed) closed.push(r.closed);
  });
  return { health, states, transitions, opened, closed };
}

describe('uptime state machine', () => {
  it('a portal refuses connections for 3 minutes, then recovers: one incident of 3 minutes', () => {
    const r = play([UP, UP, fail(), fail(), fail(), UP, UP]);
    expect(r.states).toEqual(['up', 'up', 'down', 'down', 'down', 'up', 'up']);
    expect(r.opened).toEqual([{ startedAt: at(2), cause: 'connect_refused' }]);
    expect(r.closed).toEqual([{ startedAt: at(2), cause: 'connect_refused', endedAt: at(5), endedBy: 'recovered' }]);
    expect(r.transitions.map((t) => `${t.from}→${t.to}`)).toEqual(['unknown→up', 'up→down', 'down→up']);
    expect(r.health.since).toBe(at(5));
  });

  it('with downAfter 3, two failures are DEGRADED and no incident; the third opens one at the first failure', () => {
    const blip = play([UP, fail('timeout'), fail('timeout'), UP], 3);
    expect(blip.states).toEqual(['up', 'degraded', 'degraded', 'up']);
    expect(blip.opened).toEqual([]);
    const outage = play([UP, fail('timeout'), fail('http_5xx'), fail('timeout'), fail('timeout'), UP], 3);
    expect(outage.states).toEqual(['up', 'degraded', 'degraded', 'down', 'down', 'up']);
    // The incident starts when the trouble started, with the first failure's cause.
    expect(outage.opened).toEqual([{ startedAt: at(1), cause: 'timeout' }]);
    expect(outage.closed[0]).toMatchObject({ startedAt: at(1), endedAt: at(5) });
  });

  it('UNKNOWN (our fault) never counts as DOWN, never ends an incident and never breaks a failure streak', () => {
    const r = play([UP, ours(), ours('local_dns'), UP]);
    expect(r.states).toEqual(['up', 'unknown', 'unknown', 'up']);
    expect(r.opened).toEqual([]);
    const during = play([UP, fail(), ours(), fail(), UP]);
    expect(during.states).toEqual(['up', 'down', 'unknown', 'down', 'up']);
    expect(during.opened).toHaveLength(1);
    expect(during.closed).toEqual([{ startedAt: at(1), cause: 'connect_refused', endedAt: at(4), endedBy: 'recovered' }]);
    const streak = play([UP, fail(), ours(), fail(), UP], 2);
    expect(streak.states).toEqual(['up', 'degraded', 'unknown', 'down', 'up']);
    expect(streak.opened).toEqual([{ startedAt: at(1), cause: 'connect_refused' }]);
  });

  it('slow answers are DEGRADED, and a degraded answer ends an outage', () => {
    const r = play([UP, SLOW, fail(), SLOW, UP]);
    expect(r.states).toEqual(['up', 'degraded', 'down', 'degraded', 'up']);
    expect(r.closed).toEqual([{ startedAt: at(2), cause: 'connect_refused', endedAt: at(3), endedBy: 'recovered' }]);
    expect(r.transitions[1]).toEqual({ at: at(1), from: 'up', to: 'degraded', reason: 'slow' });
  });

  it('a declared maintenance window is MAINTENANCE whatever the probe saw, and ends an open incident at its start', () => {
    const windowStart = new Date(Date.UTC(2026, 10, 20, 0, 2, 30)).toISOString();
    const r = play([UP, fail(), { obs: fail(), maintenance: windowStart }, { obs: UP, maintenance: windowStart }, fail(), UP]);
    expect(r.states).toEqual(['up', 'down', 'maintenance', 'maintenance', 'down', 'up']);
    expect(r.closed[0]).toEqual({ startedAt: at(1), cause: 'connect_refused', endedAt: windowStart, endedBy: 'maintenance' });
    // After the window the portal is still down: a new incident.
    expect(r.opened).toEqual([{ startedAt: at(1), cause: 'connect_refused' }, { startedAt: at(4), cause: 'connect_refused' }]);
    expect(r.closed[1]).toMatchObject({ startedAt: at(4), endedAt: at(5), endedBy: 'recovered' });
  });

  it('carries an open incident across a restart (the health is persisted and read back)', () => {
    const before = play([UP, fail()]);
    const after = play([fail(), UP], 1, before.health);
    expect(after.opened).toEqual([]);
    expect(after.closed).toEqual([{ startedAt: at(1), cause: 'connect_refused', endedAt: at(1), endedBy: 'recovered' }]);
  });
});
