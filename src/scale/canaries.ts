// Is it this location's network, or the portal? A probe that could not even connect (timeout,
// refused, reset, no route, no name) is checked against the location's canaries, addresses that
// always answer when the location's own network works. If none answers, the failure is the
// location's: the probe is UNKNOWN (location_network) and the coordinator leaves the location out
// of the round's quorum, as a single process does with its own DNS trouble (local_dns).
import type { ProbeFields } from '../uptime/probe.ts';
import type { Observation } from '../uptime/state-machine.ts';
import type { Transport } from '../uptime/transport.ts';

/** Failures that a broken local network produces too. HTTP errors and bad certificates are the portal's. */
const NETWORK_REASONS = new Set(['timeout', 'connect_refused', 'connect_reset', 'network', 'dns']);

/** A canary verdict is reused for this long, so that an outage does not multiply canary requests. */
const VERDICT_TTL_MS = 10_000;

export interface CanaryCheck {
  /** The probe's observation and fields, turned UNKNOWN when the location's own network is down. */
  judge(observation: Observation, fields: ProbeFields, timeoutMs: number): Promise<{ observation: Observation; fields: ProbeFields }>;
}

export function createCanaryCheck(canaries: readonly string[], transport: Transport, now: () => number = Date.now): CanaryCheck {
  let verdict: { at: number; works: Promise<boolean> } | null = null;
  const networkWorks = (timeoutMs: number): Promise<boolean> => {
    if (!verdict || now() - verdict.at > VERDICT_TTL_MS) {
      verdict = {
        at: now(),
        works: Promise.any(canaries.map(async (url) => {
          const x = await transport.exchange({ url, method: 'GET', headers: {}, timeoutMs, maxBodyBytes: 65_536, maxRedirects: 5 });
          if (!x.ok || x.status >= 500) throw new Error(`canary ${url} did not answer`);
        })).then(() => true, () => false),
      };
    }
    return verdict.works;
  };
  return {
    async judge(observation, fields, timeoutMs) {
      if (canaries.length === 0 || observation.kind !== 'failed' || !NETWORK_REASONS.has(observation.reason)) return { observation, fields };
      if (await networkWorks(timeoutMs)) return { observation, fields };
      return {
        observation: { kind: 'unknown', reason: 'location_network' },
        fields: { ...fields, outcome: 'unknown', reason: 'location_network', detail: `${observation.reason}${fields.detail ? `: ${fields.detail}` : ''}; none of this location's canaries answered either`.slice(0, 500) },
      };
    },
  };
}
