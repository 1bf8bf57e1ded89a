// The verdict of one probe round seen from several locations. Pure.
//
//   answered  = the locations whose result is not UNKNOWN (a location whose own network failed,
//               whose worker vanished or did not answer in time is UNKNOWN and left out)
//   quorum    = `queue.quorum`, or a majority of `answered` (more than half)
//   DOWN      when at least `quorum` answered locations saw the portal fail;
//   partially reachable ("truy cập được một phần") when some answered locations saw it fail but
//             fewer than the quorum, and at least one reached it: UP or DEGRADED as the locations
//             that reached it say, never counted as downtime, with its own state and alert;
//   UNKNOWN   when no location answered, or the failures are too few for the quorum and no
//             location reached the portal (a fixed quorum larger than the answers);
//   otherwise UP, or DEGRADED when fewer than a majority of the answering locations saw it UP.
import type { Observation } from '../uptime/state-machine.ts';

export type Quorum = 'majority' | number;
export type Reach = 'all' | 'partial';

export interface LocationObservation {
  location: string;
  observation: Observation;
  /** The probe's total time, to pick the location whose raw probe stands for the round. */
  totalMs: number | null;
}

export interface Verdict {
  observation: Observation;
  /** 'partial' when some answering locations saw the portal fail without reaching the quorum. */
  reach: Reach;
  answered: string[];
  down: string[];
  /** Answered UNKNOWN, or never answered (`missing`). */
  unknown: string[];
  missing: string[];
  quorum: number;
  /** The location whose raw probe is recorded as the round's (matches the verdict), or null. */
  representative: string | null;
}

const majorityOf = (n: number) => Math.floor(n / 2) + 1;

/** The most frequent reason, ties going to the first seen. */
function commonReason(observations: readonly Observation[]): string {
  const counts = new Map<string, number>();
  for (const o of observations) if (o.kind !== 'up') counts.set(o.reason, (counts.get(o.reason) ?? 0) + 1);
  let best = '';
  let n = 0;
  for (const [reason, c] of counts) if (c > n) [best, n] = [reason, c];
  return best;
}

/** Of the locations that agree with the verdict, the one with the median time (the first of equals). */
function representativeOf(results: readonly LocationObservation[], verdict: Observation): string | null {
  const same = results.filter((r) => r.observation.kind === verdict.kind);
  const matching = same.filter((r) => verdict.kind === 'up' || (r.observation.kind !== 'up' && r.observation.reason === (verdict as { reason: string }).reason));
  const pool = matching.length > 0 ? matching : same;
  if (pool.length === 0) return null;
  const sorted = [...pool].sort((a, b) => (a.totalMs ?? Infinity) - (b.totalMs ?? Infinity) || a.location.localeCompare(b.location));
  return sorted[Math.floor((sorted.length - 1) / 2)]!.location;
}

export function quorumVerdict(results: readonly LocationObservation[], expected: readonly string[], quorum: Quorum): Verdict {
  const seen = new Set(results.map((r) => r.location));
  const missing = expected.filter((l) => !seen.has(l));
  const answeredResults = results.filter((r) => r.observation.kind !== 'unknown');
  const answered = answeredResults.map((r) => r.location);
  const unknown = [...results.filter((r) => r.observation.kind === 'unknown').map((r) => r.location), ...missing];
  const q = quorum === 'majority' ? majorityOf(answered.length) : quorum;
  const failing = answeredResults.filter((r) => r.observation.kind === 'failed');
  const reaching = answeredResults.filter((r) => r.observation.kind !== 'failed');
  const down = failing.map((r) => r.location);
  const base = { answered, down, unknown, missing, quorum: q };

  let observation: Observation;
  let reach: Reach = 'all';
  if (answered.length === 0) {
    const unknowns = results.map((r) => r.observation);
    observation = { kind: 'unknown', reason: unknowns.length > 0 ? commonReason(unknowns) : 'no_location' };
  } else if (failing.length >= q) {
    observation = { kind: 'failed', reason: commonReason(failing.map((r) => r.observation)) };
  } else if (reaching.length === 0) {
    observation = { kind: 'unknown', reason: 'no_quorum' };
  } else {
    const up = reaching.filter((r) => r.observation.kind === 'up').length;
    observation = up >= majorityOf(reaching.length)
      ? { kind: 'up' }
      : { kind: 'degraded', reason: commonReason(reaching.filter((r) => r.observation.kind === 'degraded').map((r) => r.observation)) };
    if (failing.length > 0) reach = 'partial';
  }
  return { observation, reach, ...base, representative: representativeOf(results, observation) };
}
