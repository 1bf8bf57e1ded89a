// One probe of one endpoint: the exchange, the conditions, the verdict, and an immediate
// confirm-retry when it failed. Our own faults become UNKNOWN here, never a failure:
// our resolver failing (local_dns), or a verdict that rests on timing while our process was
// stalled (store_busy when the store held the event loop, paused otherwise).
import { setTimeout as sleep } from 'node:timers/promises';
import { bucketOf } from './availability.ts';
import { dependsOnTiming, evaluateConditions, mentionsStatus, type ConditionResult, type ProbeFacts } from './conditions.ts';
import type { EndpointSpec } from './endpoints.ts';
import type { Observation } from './state-machine.ts';
import type { StallMeter } from './stall.ts';
import type { ExchangeResult, Transport } from './transport.ts';

/** A stall this long during a probe makes its timing-based verdict untrustworthy. */
export const STALL_THRESHOLD_MS = 100;

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

/** The verdict on one attempt. */
function judge(spec: EndpointSpec, x: ExchangeResult, stall: { stalledMs: number; storeMs: number }): { observation: Observation; assertions: Assertion[] } {
  const stalled = stall.stalledMs >= STALL_THRESHOLD_MS;
  const ours = (): Observation => ({ kind: 'unknown', reason: stall.storeMs >= stall.stalledMs / 2 ? 'store_busy' : 'paused' });
  if (!x.ok) {
    if (x.reason === 'local_dns') return { observation: { kind: 'unknown', reason: 'local_dns' }, assertions: [] };
    if (x.reason === 'timeout' && stalled) return { observation: ours(), assertions: [] };
    return { observation: { kind: 'failed', reason: x.reason }, assertions: [] };
  }
  const facts = factsOf(x, Date.now());
  const hard = evaluateConditions(spec.conditions, facts).map((r) => ({ ...r, soft: false }));
  const soft = evaluateConditions(spec.softConditions, facts).map((r) => ({ ...r, soft: true }));
  const assertions = [...hard, ...soft];

  if (x.status >= 400 && !mentionsStatus(spec.conditions)) {
    return { observation: { kind: 'failed', reason: x.status >= 500 ? 'http_5xx' : 'http_4xx' }, assertions };
  }
  const failedHard = spec.conditions.filter((_, i) => !hard[i]!.ok);
  if (failedHard.length > 0) {
    if (stalled && failedHard.every(dependsOnTiming)) return { observation: ours(), assertions };
    return { observation: { kind: 'failed', reason: 'assertion' }, assertions };
  }
  const slow = x.timings.totalMs > spec.slowMs;
  const failedSoft = spec.softConditions.filter((_, i) => !soft[i]!.ok);
  if (slow || failedSoft.length > 0) {
    const contentFailed = failedSoft.some((c) => !dependsOnTiming(c));
    if (stalled && !contentFailed) return { observation: ours(), assertions };
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
    firstFailure: result.observation.kind === 'failed' ? null : firstFailure,
  };
}

/** The raw fields of a probe row, from its outcome. */
export function probeFields(o: ProbeOutcome) {
  const x = o.exchange;
  const obs = o.observation;
  const timed = x.ok && (obs.kind === 'up' || obs.kind === 'degraded');
  const detail = !x.ok ? x.detail : o.firstFailure ? `confirm-retry succeeded after ${o.firstFailure}` : null;
  return {
    outcome: obs.kind,
    reason: obs.kind === 'up' ? null : obs.reason,
    detail: detail === null ? null : detail.slice(0, 500),
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
    stalledMs: o.stalledMs >= STALL_THRESHOLD_MS ? Math.round(o.stalledMs) : null,
  };
}
