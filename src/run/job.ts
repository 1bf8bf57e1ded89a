// A job of a run, as the plan names it: collect source X for period P, or check portal Y. The
// store keeps it as a row (storage/runs.ts) so that a killed run is resumed, not restarted.

export interface JobSpec {
  /** Unique within a run: a job already done is found by it and not redone. */
  key: string;
  kind: string;
  sourceId: string | null;
  portalId: string | null;
  /** The period collected (`2026-10`), for collection jobs. */
  period: string | null;
  params: Record<string, unknown>;
}
