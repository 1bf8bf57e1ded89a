// Reach: from how many of the probing locations a portal answered. With one location (the single
// process) there is no such thing; with several, a portal that fails from some locations but
// fewer than the quorum is "partially reachable" (TRUY CẬP MỘT PHẦN): shown as its own state,
// alerted on by its own rule, and counted as available (its state underneath is UP or DEGRADED).
import type { UptimeState } from './state-machine.ts';

export type Reach = 'all' | 'partial';

/** A state as people read it: the availability state, or `partial` on top of UP or DEGRADED. */
export type DisplayState = UptimeState | 'partial';

export function displayState(state: UptimeState, reach: Reach | null | undefined): DisplayState {
  return reach === 'partial' && (state === 'up' || state === 'degraded') ? 'partial' : state;
}

/** Who said what in a round judged from several locations (stored with the verdict). */
export interface LocationsSummary {
  answered: string[];
  down: string[];
  unknown: string[];
  quorum: number;
  /** The location whose raw probe is the round's row. */
  representative: string | null;
}
