// The interface every collector implements. A collector fetches one source and yields raw
// payloads (the runner stores each as evidence before the collector looks at it); its
// normaliser is a pure function from those payloads to canonical measures.
import type { HttpClient, HttpResponse } from '../src/http/client.ts';
import type { NormaliseResult } from '../src/normalise/measure.ts';
import type { AgencyLevel } from '../src/registry/agencies.ts';
import type { JobSpec } from '../src/run/job.ts';
import type { SourceConfig } from '../src/config/schema.ts';

export interface RawPayload {
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response: HttpResponse;
}

/** What the normaliser sees of a stored payload. */
export interface PayloadView {
  url: string;
  status: number;
  body: Buffer;
}

/** Things a collector shares between the jobs of one run (a token, a browser); closed when the run ends. */
export interface RunResources {
  /** The resource under `key`, opened on first use; concurrent callers share one opening. */
  get<T>(key: string, open: () => Promise<T>, close: (value: T) => Promise<void> | void): Promise<T>;
}

export interface CollectContext {
  http: HttpClient;
  /** Where secrets named in the config (`clientSecretEnv: NAME`) are read from: process.env in production. */
  env: Readonly<Record<string, string | undefined>>;
  resources: RunResources;
  /**
   * Aborts at the job's hard deadline: a collector passes it to every request and, on abort,
   * closes what it opened (a browser context), so nothing it started outlives the job.
   */
  signal: AbortSignal;
}

export interface NormaliseContext {
  /** The agency a source's unit code stands for in a period, or undefined when unknown. */
  agencyFor(level: AgencyLevel, gatewayCode: string, period: string): string | undefined;
  /** Whether a registry agency existed in a period (a new province did not exist before 2025-07). */
  agencyExists(agencyCode: string, period: string): boolean;
  /**
   * The agencies of a period that roll up into `agencyCode` when it did not exist then (the old
   * provinces of a merged one before 2025-07); empty when it existed or nothing rolls up.
   */
  predecessorsIn(agencyCode: string, period: string): string[];
  /**
   * The value the store held for (agency, metric, period) before this job: a number, null when it
   * is stored as missing, undefined when there is none. The runner loads what a collector may ask
   * for before normalise is called (the year-to-date figures of the previous month, for sources
   * with `cumulative: true`), so normalisers stay pure.
   */
  previousValue(agencyCode: string, metric: string, period: string): number | null | undefined;
}

export interface Collector<S extends SourceConfig = SourceConfig> {
  kind: S['kind'];
  plan(source: S, periods: readonly string[]): JobSpec[];
  collect(source: S, job: JobSpec, ctx: CollectContext): AsyncGenerator<RawPayload, void, void>;
  /** Pure; may be async only because some formats (XLSX) can only be decoded asynchronously. */
  normalise(source: S, job: JobSpec, payloads: readonly PayloadView[], ctx: NormaliseContext): NormaliseResult | Promise<NormaliseResult>;
}
