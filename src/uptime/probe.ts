// One probe of one endpoint: the exchange, the conditions, the verdict, and an immediate
// confirm-retry when it failed. Our own faults become UNKNOWN here, never a failure:
// our resolver failing (local_dns), or a verdict that rests on timing while our process was
// stalled (store_busy when the store held the event loop, paused otherwise).
import { setTimeout as sleep } from 'node:timers/promises';
import { bucketOf } from './availability.ts';
import { dependsOnTiming, evaluateConditions, mentionsStatus, printable, type Condition, type ConditionResult, type ProbeFacts } from './conditions.ts';
import type { EndpointSpec } from './endpoints.ts';
import type { Observation } from './state-machine.ts';
import type { StallMeter } from './stall.ts';
import type { ExchangeResult, Transport } from './transport.ts';

/**
 * A deadline timer that fired this late means our process was frozen when the portal's time
 * ran out (a store write holding the event loop, a pause): the timeout is not the portal's.
 * Ordinary jitter on a loaded machine stays well below it.
 */
export const LATE_DEADLINE_MS = 250;

export interface Assertion extends ConditionResult {
  soft: boolean;
}

export interface ProbeOutcome {
  observation: Observation;
  attempts: number;
  /** The last attempt's exchange. */
  exchange: ExchangeResult;
  assertions: Assertion[];
  stalledMs: number;
  /** Why the first attempt failed, when the confirm-retry then succeeded (a blip, recorded). */
  firstFailure: string | null;
}

export interface ProbeDeps {
  transport: Transport;
  stall: StallMeter;
  signal?: AbortSignal;
}

function factsOf(x: ExchangeResult, now: number): ProbeFacts {
  const facts: ProbeFacts = { connected: x.ok || !['dns', 'local_dns', 'connect_refused', 'timeout', 'invalid_url'].includes(x.reason) };
  if (x.ip !== undefined) facts.ip = x.ip;
  if (x.certificate) facts.certificateExpiresInMs = Date.parse(x.certificate.notAfter) - now;
  facts.redirects = x.redirects.length;
  facts.finalUrl = x.url;
  if (x.ok) {
    facts.status = x.status;
    facts.responseTimeMs = x.timings.totalMs;
    facts.body = x.body;
    facts.headers = x.headers;
  }
  return facts;
}

/**
 * The verdict on one attempt. Timing verdicts (slow, a [RESPONSE_TIME] condition) are checked
 * against the measured time minus the time our own process stood still during the probe: if
 * the verdict changes, it rested on our stall and is UNKNOWN.
 */
function judge(spec: EndpointSpec, x: ExchangeResult, stall: { stalledMs: number; storeMs: number }): { observation: Observation; assertions: Assertion[] } {
  const ours = (): Observation => ({ kind: 'unknown', reason: stall.storeMs > 0 && stall.storeMs >= stall.stalledMs / 2 ? 'store_busy' : 'paused' });
  if (!x.ok) {
    if (x.reason === 'local_dns') return { observation: { kind: 'unknown', reason: 'local_dns' }, assertions: [] };
    if (x.reason === 'timeout' && (x.deadlineLateMs ?? 0) >= LATE_DEADLINE_MS) return { observation: ours(), assertions: [] };
    return { observation: { kind: 'failed', reason: x.reason }, assertions: [] };
  }
  const facts = factsOf(x, Date.now());
  const unstalled: ProbeFacts = { ...facts, responseTimeMs: Math.max(0, x.timings.totalMs - stall.stalledMs) };
  const hard = evaluateConditions(spec.conditions, facts).map((r) => ({ ...r, soft: false }));
  const soft = evaluateConditions(spec.softConditions, facts).map((r) => ({ ...r, soft: true }));
  const assertions = [...hard, ...soft];
  /** A failed condition that would pass without our stall. */
  const doubtful = (c: Condition) => dependsOnTiming(c) && stall.stalledMs > 0 && evaluateConditions([c], unstalled)[0]!.ok;

  const failedHard = spec.conditions.filter((_, i) => !hard[i]!.ok);
  // An error status is named as such, unless the conditions accept it (an API expected to say 401).
  if (x.status >= 400 && (!mentionsStatus(spec.conditions) || mentionsStatus(failedHard))) {
    return { observation: { kind: 'failed', reason: x.status >= 500 ? 'http_5xx' : x.status === 429 ? 'rate_limited' : 'http_4xx' }, assertions };
  }
  if (failedHard.length > 0) {
    if (failedHard.every(doubtful)) return { observation: ours(), assertions };
    return { observation: { kind: 'failed', reason: 'assertion' }, assertions };
  }
  const slow = x.timings.totalMs > spec.slowMs;
  const failedSoft = spec.softConditions.filter((_, i) => !soft[i]!.ok);
  if (slow || failedSoft.length > 0) {
    const contentFailed = failedSoft.some((c) => !dependsOnTiming(c));
    const slowDoubtful = !slow || unstalled.responseTimeMs! <= spec.slowMs;
    if (!contentFailed && slowDoubtful && failedSoft.every(doubtful)) return { observation: ours(), assertions };
    return { observation: { kind: 'degraded', reason: contentFailed ? 'soft_assertion' : 'slow' }, assertions };
  }
  return { observation: { kind: 'up' }, assertions };
}

async function attempt(spec: EndpointSpec, deps: ProbeDeps) {
  const mark = deps.stall.mark();
  const exchange = await deps.transport.exchange(
    { url: spec.url, method: spec.method, headers: spec.headers, timeoutMs: spec.timeoutMs, maxBodyBytes: spec.maxBodyBytes, maxRedirects: spec.maxRedirects },
    deps.signal,
  );
  const stall = deps.stall.since(mark);
  return { exchange, stall, ...judge(spec, exchange, stall) };
}

/** Probes once, and once more after confirmDelayMs if that failed. null when stopped (abort). */
export async function probeEndpoint(spec: EndpointSpec, deps: ProbeDeps): Promise<ProbeOutcome | null> {
  let result = await attempt(spec, deps);
  if (deps.signal?.aborted) return null;
  let attempts = 1;
  let firstFailure: string | null = null;
  if (result.observation.kind === 'failed') {
    firstFailure = result.observation.reason;
    try {
      await sleep(spec.confirmDelayMs, undefined, deps.signal ? { signal: deps.signal } : {});
    } catch {
      return null;
    }
    result = await attempt(spec, deps);
    if (deps.signal?.aborted) return null;
    attempts = 2;
  }
  return {
    observation: result.observation,
    attempts,
    exchange: result.exchange,
    assertions: result.assertions,
    stalledMs: result.stall.stalledMs,
    firstFailure: result.observation.kind === 'up' || result.observation.kind === 'degraded' ? firstFailure : null,
  };
}

/** The raw fields of a probe row, from its outcome. */
export function probeFields(o: ProbeOutcome): ProbeFields {
  const x = o.exchange;
  const obs = o.observation;
  const timed = x.ok && (obs.kind === 'up' || obs.kind === 'degraded');
  const detail = !x.ok ? x.detail : o.firstFailure ? `confirm-retry succeeded after ${o.firstFailure}` : null;
  return {
    outcome: obs.kind,
    reason: obs.kind === 'up' ? null : obs.reason,
    detail: detail === null ? null : printable(detail, 500),
    attempts: o.attempts,
    statusCode: x.ok ? x.status : (x.status ?? null),
    dnsMs: x.timings.dnsMs,
    connectMs: x.timings.connectMs,
    tlsMs: x.timings.tlsMs,
    firstByteMs: x.ok ? x.timings.firstByteMs : null,
    totalMs: x.timings.totalMs,
    rtBucket: timed ? bucketOf(x.timings.totalMs) : null,
    bodyBytes: x.ok ? x.bodyBytes : null,
    ip: x.ip ?? null,
    finalUrl: x.redirects.length > 0 ? x.url : null,
    redirectsJson: x.redirects.length > 0 ? JSON.stringify(x.redirects) : null,
    httpsRedirect: x.httpsRedirect,
    certNotAfter: x.certificate?.notAfter ?? null,
    certIssuer: x.certificate?.issuer ?? null,
    assertionsJson: o.assertions.length > 0 ? JSON.stringify(o.assertions) : null,
    stalledMs: o.stalledMs > 0 ? Math.round(o.stalledMs) : null,
  };
}

export interface ProbeFields {
  outcome: 'up' | 'degraded' | 'failed' | 'unknown';
  reason: string | null;
  detail: string | null;
  attempts: number;
  statusCode: number | null;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  totalMs: number | null;
  rtBucket: number | null;
  bodyBytes: number | null;
  ip: string | null;
  finalUrl: string | null;
  redirectsJson: string | null;
  httpsRedirect: boolean | null;
  certNotAfter: string | null;
  certIssuer: string | null;
  assertionsJson: string | null;
  stalledMs: number | null;
}
