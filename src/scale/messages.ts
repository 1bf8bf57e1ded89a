// What travels through the queue: jobs from the coordinator to workers, results back. Jobs carry
// everything a worker needs to do the work the single process does (an endpoint's settings, a
// source's configuration, the check settings) but never a secret: a source names the
// environment variable its secret is in, and the worker reads it there. Bodies and evidence
// travel as blobs named by their SHA-256 (blobs.ts); results only name them.
//
// Every job and result carries an id derived from what it is (the round, the job's attempt, the
// page), so a job enqueued twice is one job, and a result delivered twice is stored once.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Config, SourceConfig } from '../config/schema.ts';
import type { CheckSettings } from '../checks/checker.ts';
import type { Area, PageKind, Versions } from '../checks/types.ts';
import type { JobSpec } from '../run/job.ts';
import type { EndpointSpec } from '../uptime/endpoints.ts';
import type { ProbeFields } from '../uptime/probe.ts';
import type { Observation } from '../uptime/state-machine.ts';
import type { WirePrevious } from './previous.ts';

export const RESULTS_QUEUE = 'results';
export const CHECK_QUEUE = 'check';
export const COLLECT_QUEUE = 'collect';
export const probeQueue = (location: string) => `probe-${location}`;

export const JOB_KINDS = ['probe', 'check', 'collect'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Ids are also BullMQ job ids: no ":" (BullMQ's separator) and never all digits. */
export const probeResultId = (endpointId: number, roundAt: string, location: string) => `p.${endpointId}.${Date.parse(roundAt)}.${location}`;
export const collectResultId = (jobId: number, attempt: number) => `k.${jobId}.${attempt}`;
export const pageResultId = (jobId: number, attempt: number, url: string) => `c.${jobId}.${attempt}.${shortHash(url)}`;

/** An endpoint's settings as they travel: conditions as their source text, parsed again by the worker. */
export type WireEndpointSpec = Omit<EndpointSpec, 'conditions' | 'softConditions'> & { conditions: string[]; softConditions: string[] };

export const toWireSpec = (s: EndpointSpec): WireEndpointSpec => ({
  ...s, conditions: s.conditions.map((c) => c.source), softConditions: s.softConditions.map((c) => c.source),
});

export interface ProbeJob {
  v: 1;
  resultId: string;
  endpointId: number;
  roundAt: string;
  /** Every location the round's verdict counts (a restarted coordinator judges with it). */
  expected: string[];
  /** A worker that gets the job after this does not probe: the round is judged without it. */
  startBy: string;
  spec: WireEndpointSpec;
}

/**
 * The probes of one location due within a fraction of a second, as one job: BullMQ's cost per job
 * (taking it, its lock, completing it) is paid once for many probes (10,000 endpoints every 60 s
 * are ~167 probes a second per location). Each probe keeps its own result id.
 */
export interface ProbeBatchJob {
  v: 1;
  location: string;
  probes: ProbeJob[];
}

/** The check settings a worker's browser uses; its tracker list is its own (recorded in the versions). */
export type WireCheckSettings = Omit<CheckSettings, 'filterList'>;

export interface CheckPageJob {
  v: 1;
  resultId: string;
  jobId: number;
  attempt: number;
  portalId: string;
  url: string;
  kind: PageKind;
  firstPartySite: string;
  areas: Area[];
  settings: WireCheckSettings;
  /** The page's last complete accessibility evidence, to reuse if the page is unchanged (previous.ts); absent or null: checked in full. */
  previous?: WirePrevious | null;
}

export interface CollectJob {
  v: 1;
  resultId: string;
  jobId: number;
  attempt: number;
  runId: number;
  source: SourceConfig;
  job: JobSpec;
  http: Config['http'];
}

// ---- results ------------------------------------------------------------------------------

const Sha = z.string().regex(/^[0-9a-f]{64}$/);
const Iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'is not a time' });
const NullableNumber = z.number().nullable();
const Text = (max: number) => z.string().max(max);

const ObservationSchema: z.ZodType<Observation> = z.union([
  z.strictObject({ kind: z.literal('up') }),
  z.strictObject({ kind: z.enum(['degraded', 'failed', 'unknown']), reason: Text(100) }),
]) as z.ZodType<Observation>;

const ProbeFieldsSchema: z.ZodType<ProbeFields> = z.strictObject({
  outcome: z.enum(['up', 'degraded', 'failed', 'unknown']),
  reason: Text(100).nullable(),
  detail: Text(1000).nullable(),
  attempts: z.int().min(0).max(10),
  statusCode: z.int().nullable(),
  dnsMs: NullableNumber, connectMs: NullableNumber, tlsMs: NullableNumber, firstByteMs: NullableNumber, totalMs: NullableNumber,
  rtBucket: z.int().nullable(),
  bodyBytes: z.int().nullable(),
  ip: Text(100).nullable(),
  finalUrl: Text(4000).nullable(),
  redirectsJson: Text(40_000).nullable(),
  httpsRedirect: z.boolean().nullable(),
  certNotAfter: Text(40).nullable(),
  certIssuer: Text(400).nullable(),
  assertionsJson: Text(200_000).nullable(),
  stalledMs: NullableNumber,
});

const Common = {
  resultId: Text(200),
  location: Text(100),
  worker: Text(200),
};

export const ProbeResultSchema = z.strictObject({
  kind: z.literal('probe'),
  ...Common,
  endpointId: z.int().min(1),
  roundAt: Iso,
  expected: z.array(Text(100)).max(100),
  at: Iso,
  latenessMs: NullableNumber,
  observation: ObservationSchema,
  fields: ProbeFieldsSchema,
  certificate: z.strictObject({ subject: Text(400), issuer: Text(400), notAfter: Text(40) }).nullable(),
});

/** Results of a probe batch, posted as they complete (a slow probe does not hold the others back). */
export const ProbeBatchResultSchema = z.strictObject({
  kind: z.literal('probe_batch'),
  ...Common,
  results: z.array(ProbeResultSchema).min(1).max(10_000),
});

const Failure = z.strictObject({ reason: Text(100), message: Text(20_000) });

export const CheckPageResultSchema = z.strictObject({
  kind: z.literal('check_page'),
  ...Common,
  jobId: z.int().min(1),
  attempt: z.int().min(1),
  url: Text(8000),
  pageKind: z.enum(['home', 'service', 'form', 'statistics', 'privacy_policy', 'accessibility_statement', 'other']),
  visit: z.union([
    z.strictObject({
      ok: z.literal(true),
      evidence: Sha, dom: Sha.nullable(), axe: Sha.nullable(), screenshot: Sha.nullable(), crops: z.array(Sha).max(1000),
      versions: z.strictObject({ tool: Text(100), axe: Text(100), trackerList: Text(400), browser: Text(200), criteria: Text(100), scoring: Text(100) }),
    }),
    z.strictObject({ ok: z.literal(false), failure: Failure }),
  ]),
});

const WirePayloadSchema = z.strictObject({
  request: z.strictObject({ method: Text(20), url: Text(8000), headers: z.record(z.string(), z.string()), body: z.string().nullable() }),
  response: z.strictObject({
    url: Text(8000), status: z.int(), headers: z.record(z.string(), z.string()), startedAt: Iso, totalMs: z.number(), body: Sha, bodyBytes: z.int().min(0),
  }),
});
export type WirePayload = z.output<typeof WirePayloadSchema>;

export const CollectResultSchema = z.strictObject({
  kind: z.literal('collect'),
  ...Common,
  jobId: z.int().min(1),
  attempt: z.int().min(1),
  payloads: z.array(WirePayloadSchema).max(10_000),
  failure: Failure.nullable(),
});

export const ResultSchema = z.discriminatedUnion('kind', [ProbeResultSchema, ProbeBatchResultSchema, CheckPageResultSchema, CollectResultSchema]);

export type ProbeResult = z.output<typeof ProbeResultSchema>;
export type ProbeBatchResult = z.output<typeof ProbeBatchResultSchema>;
export type CheckPageResult = z.output<typeof CheckPageResultSchema>;
export type CollectResult = z.output<typeof CollectResultSchema>;
export type WorkerResult = z.output<typeof ResultSchema>;

/** The blobs a result names, which the coordinator keeps before the result itself. */
export function blobsOf(r: WorkerResult): string[] {
  if (r.kind === 'collect') return r.payloads.map((p) => p.response.body);
  if (r.kind === 'check_page' && r.visit.ok) {
    const v = r.visit;
    return [v.evidence, ...[v.dom, v.axe, v.screenshot].filter((x): x is string => x !== null), ...v.crops];
  }
  return [];
}

export type { Versions };
