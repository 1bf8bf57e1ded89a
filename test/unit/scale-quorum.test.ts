import { describe, expect, it } from 'vitest';
import { quorumVerdict, type LocationObservation } from '../../src/scale/quorum.ts';
import type { Observation } from '../../src/uptime/state-machine.ts';

const up: Observation = { kind: 'up' };
const down = (reason = 'timeout'): Observation => ({ kind: 'failed', reason });
const slow: Observation = { kind: 'degraded', reason: 'slow' };
const unknown = (reason = 'location_network'): Observation => ({ kind: 'unknown', reason });
const at = (location: string, observation: Observation, totalMs: number | null = 100): LocationObservation => ({ location, observation, totalMs });
const THREE = ['a', 'b', 'c'];

describe('the quorum verdict of a round seen from several locations', () => {
  it('is UP and reached from everywhere when every location reached the portal', () => {
    const v = quorumVerdict([at('a', up), at('b', up), at('c', up)], THREE, 'majority');
    expect(v.observation).toEqual(up);
    expect(v.reach).toBe('all');
    expect(v.quorum).toBe(2);
  });

  it('is partially reachable, not DOWN, when one location of three cannot reach the portal', () => {
    const v = quorumVerdict([at('a', up), at('b', up, 50), at('c', down('connect_refused'))], THREE, 'majority');
    expect(v.observation).toEqual(up);
    expect(v.reach).toBe('partial');
    expect(v.down).toEqual(['c']);
    expect(v.representative).toBe('b'); // the lower median of the two that agree
  });

  it('is DOWN when two locations of three saw it fail, with the most common reason', () => {
    const v = quorumVerdict([at('a', down('timeout')), at('b', up), at('c', down('timeout'))], THREE, 'majority');
    expect(v.observation).toEqual(down('timeout'));
    expect(v.down).toEqual(['a', 'c']);
    expect(['a', 'c']).toContain(v.representative);
  });

  it('leaves out a location whose own network failed: the majority is of those that answered', () => {
    const partial = quorumVerdict([at('a', up), at('b', down()), at('c', unknown())], THREE, 'majority');
    expect(partial.answered).toEqual(['a', 'b']);
    expect(partial.quorum).toBe(2);
    expect(partial.observation).toEqual(up);
    expect(partial.reach).toBe('partial');
    const both = quorumVerdict([at('a', down()), at('b', down()), at('c', unknown())], THREE, 'majority');
    expect(both.observation.kind).toBe('failed');
  });

  it('counts a location that never answered as UNKNOWN', () => {
    const v = quorumVerdict([at('a', up)], THREE, 'majority');
    expect(v.missing).toEqual(['b', 'c']);
    expect(v.unknown).toEqual(['b', 'c']);
    expect(v.observation).toEqual(up);
    expect(v.quorum).toBe(1);
  });

  it('is UNKNOWN when no location answered', () => {
    expect(quorumVerdict([], THREE, 'majority').observation).toEqual({ kind: 'unknown', reason: 'no_location' });
    expect(quorumVerdict([at('a', unknown()), at('b', unknown())], THREE, 'majority').observation).toEqual(unknown());
  });

  it('with a fixed quorum, is UNKNOWN when the only answers are failures too few to decide', () => {
    const v = quorumVerdict([at('a', down()), at('b', unknown()), at('c', unknown())], THREE, 2);
    expect(v.observation).toEqual({ kind: 'unknown', reason: 'no_quorum' });
    expect(quorumVerdict([at('a', down()), at('b', down()), at('c', up)], THREE, 2).observation.kind).toBe('failed');
    expect(quorumVerdict([at('a', down()), at('b', up), at('c', up)], THREE, 2).reach).toBe('partial');
  });

  it('is DEGRADED when fewer than a majority of the locations that reached it saw it UP', () => {
    const v = quorumVerdict([at('a', slow), at('b', slow), at('c', up)], THREE, 'majority');
    expect(v.observation).toEqual(slow);
    expect(quorumVerdict([at('a', slow), at('b', up), at('c', up)], THREE, 'majority').observation).toEqual(up);
  });

  it('with one location, is exactly what that location saw (the single-process verdict)', () => {
    for (const o of [up, slow, down('http_5xx'), unknown('local_dns')]) {
      const v = quorumVerdict([at('local', o)], ['local'], 'majority');
      expect(v.observation).toEqual(o);
      expect(v.reach).toBe('all');
      expect(v.representative).toBe('local');
    }
  });
});
