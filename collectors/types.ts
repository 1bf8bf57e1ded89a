// The interface every collector implements. A collector fetches one source and yields raw
// payloads (the runner stores each as evidence before the collector looks at it); its
// normaliser is a pure function from those payloads to canonical measures.
import type { HttpClient, HttpResponse } from '../src/http/client.ts';
import type { NormaliseResult } from '../src/normalise/measure.ts';
import type { AgencyLevel } from '../src/registry/agencies.ts';
import type { JobSpec } from '../storage/runs.ts';
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

export interface CollectContext {
  http: HttpClient;
}

export interface NormaliseContext {
  /** The agency a source's unit code stands for in a period, or undefined when unknown. */
  agencyFor(level: AgencyLevel, gatewayCode: string, period: string): string | undefined;
}

export interface Collector<S extends SourceConfig = SourceConfig> {
  kind: S['kind'];
  plan(source: S, periods: readonly string[]): JobSpec[];
  collect(source: S, job: JobSpec, ctx: CollectContext): AsyncGenerator<RawPayload, void, void>;
  normalise(source: S, job: JobSpec, payloads: readonly PayloadView[], ctx: NormaliseContext): NormaliseResult;
}
