// Probe rounds from several locations, on the coordinator. At each scheduled time an endpoint's
// round is a job for every live location that serves it; the round is judged by the quorum
// (quorum.ts) once every live location has answered or its deadline has passed. Each location's
// result is stored as it arrives (ingest.ts), so a round left open by a coordinator that stopped
// is judged from the store when it starts again. When the queue is unreachable, or no location
// serves the endpoint, or none answered, the coordinator probes itself as location `local`.
import { hostname } from 'node:os';
import type { Queue } from 'bullmq';
import type { Db } from '../../storage/db.ts';
import { locationResultsOfRound, unjudgedRounds, type LocationResultRow } from '../../storage/scale.ts';
import type { QueueConfig } from '../config/schema.ts';
import type { Logger } from '../log.ts';
import { endpointName, type EndpointSpec } from '../uptime/endpoints.ts';
import type { Monitor, ObservedRound, Observer } from '../uptime/monitor.ts';
import { probeEndpoint, probeFields, type ProbeFields } from '../uptime/probe.ts';
import type { StallMeter } from '../uptime/stall.ts';
import type { Observation } from '../uptime/state-machine.ts';
import type { Transport } from '../uptime/transport.ts';
import { LOCAL_LOCATION } from './config.ts';
import type { Ingest } from './ingest.ts';
import { probeResultId, toWireSpec, type ProbeBatchJob, type ProbeJob, type ProbeResult } from './messages.ts';
import { quorumVerdict } from './quorum.ts';

export interface RoundsOptions {
  db: Db;
  queue: QueueConfig;
  log: Logger;
  ingest: Ingest;
  /** The probe queue of a location. */
  probeQueueOf(location: string): Queue;
  /** Is the queue reachable now? */
  queueUp(): boolean;
  /** Does this location have a live probe worker (or is it still within its grace)? */
  locationLive(location: string): boolean;
  /** The queue failed under us: the coordinator notes it at once. */
  queueFailed(err: unknown): void;
  transport: Transport;
  stall: StallMeter;
}

const observationOf = (r: Pick<LocationResultRow, 'outcome' | 'reason'>): Observation =>
  r.outcome === 'up' ? { kind: 'up' } : { kind: r.outcome, reason: r.reason ?? r.outcome };

const NO_FIELDS: Omit<ProbeFields, 'outcome' | 'reason'> = {
  detail: null, attempts: 0, statusCode: null, dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, totalMs: null, rtBucket: null,
  bodyBytes: null, ip: null, finalUrl: null, redirectsJson: null, httpsRedirect: null, certNotAfter: null, certIssuer: null, assertionsJson: null, stalledMs: null,
};

/** The round's verdict from its locations' results, as the prober records it. */
export function judgeRound(roundAt: string, unordered: readonly LocationResultRow[], expected: readonly string[], quorum: QueueConfig['quorum']): ObservedRound {
  // In location order, whatever order they arrived in: the same results give the same verdict row.
  const rows = [...unordered].sort((a, b) => a.location.localeCompare(b.location));
  const v = quorumVerdict(rows.map((r) => ({ location: r.location, observation: observationOf(r), totalMs: r.totalMs })), expected, quorum);
  const rep = rows.find((r) => r.location === v.representative) ?? null;
  const reason = v.observation.kind === 'up' ? null : v.observation.reason;
  const fields: ProbeFields = rep
    ? {
      outcome: v.observation.kind, reason, detail: rep.detail, attempts: rep.attempts, statusCode: rep.statusCode, dnsMs: rep.dnsMs, connectMs: rep.connectMs,
      tlsMs: rep.tlsMs, firstByteMs: rep.firstByteMs, totalMs: rep.totalMs, rtBucket: rep.rtBucket, bodyBytes: rep.bodyBytes, ip: rep.ip, finalUrl: rep.finalUrl,
      redirectsJson: rep.redirectsJson, httpsRedirect: rep.httpsRedirect, certNotAfter: rep.certNotAfter, certIssuer: rep.certIssuer,
      assertionsJson: rep.assertionsJson, stalledMs: rep.stalledMs,
    }
    : { ...NO_FIELDS, outcome: v.observation.kind, reason, detail: `no location answered (expected ${expected.join(', ') || 'none'})` };
  const downRows = rows.filter((r) => v.down.includes(r.location));
  return {
    at: roundAt,
    latenessMs: rep?.latenessMs ?? null,
    observation: v.observation,
    fields,
    certificate: rep?.certNotAfter ? { subject: rep.certSubject ?? '', issuer: rep.certIssuer ?? '', notAfter: rep.certNotAfter } : null,
    reach: v.reach,
    locations: {
      answered: v.answered, down: v.down, unknown: v.unknown, quorum: v.quorum, representative: v.representative,
      downReason: downRows.length ? (downRows[0]!.reason ?? 'failed') : null,
    },
  };
}

interface OpenRound {
  waitFor: Set<string>;
  rows: Map<string, LocationResultRow>;
  done(): void;
}

/** Probes of one location due within this window go as one job (BullMQ's cost per job paid once). */
const BATCH_WINDOW_MS = 100;
const MAX_BATCH = 500;

/** Per location, probes gathered for a moment and sent as one job; each caller learns whether it went. */
function createProbeSender(probeQueueOf: (location: string) => Queue) {
  const buffers = new Map<string, { probes: ProbeJob[]; waiters: Array<{ resolve(): void; reject(err: unknown): void }>; timer: NodeJS.Timeout | null }>();
  const flush = (location: string) => {
    const b = buffers.get(location);
    if (!b || b.probes.length === 0) return;
    buffers.delete(location);
    if (b.timer) clearTimeout(b.timer);
    const job: ProbeBatchJob = { v: 1, location, probes: b.probes };
    probeQueueOf(location).add('probes', job, { jobId: `b.${b.probes[0]!.resultId}.${b.probes.length}`, removeOnComplete: true, removeOnFail: true })
      .then(() => { for (const w of b.waiters) w.resolve(); }, (err: unknown) => { for (const w of b.waiters) w.reject(err); });
  };
  return (location: string, probe: ProbeJob): Promise<void> => new Promise((resolve, reject) => {
    let b = buffers.get(location);
    if (!b) buffers.set(location, (b = { probes: [], waiters: [], timer: null }));
    b.probes.push(probe);
    b.waiters.push({ resolve, reject });
    if (b.probes.length >= MAX_BATCH) flush(location);
    else b.timer ??= setTimeout(() => flush(location), BATCH_WINDOW_MS);
  });
}

export function createRounds(opts: RoundsOptions) {
  const sendProbe = createProbeSender(opts.probeQueueOf);
  const { queue, log } = opts;
  const me = `${hostname()}/${process.pid}`;
  const open = new Map<string, OpenRound>();
  const keyOf = (endpointId: number, roundAt: string) => `${endpointId}|${roundAt}`;
  const allLocations = queue.locations.map((l) => l.id);
  const servingOf = (spec: EndpointSpec) => spec.locations ?? allLocations;

  /** Called by ingest after a location's result is stored. */
  function arrived(row: LocationResultRow): void {
    const round = open.get(keyOf(row.endpointId, row.roundAt));
    if (!round) return; // a late result, or one left from before a restart: stored for that location's view only
    round.rows.set(row.location, row);
    if ([...round.waitFor].every((l) => round.rows.has(l))) round.done();
  }

  /** Probes from the coordinator itself; the result is stored as location `local`'s. */
  async function probeLocally(spec: EndpointSpec, endpointId: number, roundAt: string, signal: AbortSignal): Promise<LocationResultRow | null> {
    const start = Date.now();
    const outcome = await probeEndpoint(spec, { transport: opts.transport, stall: opts.stall, signal });
    if (!outcome) return null;
    const cert = outcome.exchange.certificate;
    const result: ProbeResult = {
      kind: 'probe', resultId: probeResultId(endpointId, roundAt, LOCAL_LOCATION), location: LOCAL_LOCATION, worker: me, endpointId, roundAt,
      expected: [LOCAL_LOCATION], at: new Date(start).toISOString(), latenessMs: start - Date.parse(roundAt), observation: outcome.observation,
      fields: probeFields(outcome), certificate: cert ? { subject: cert.subject, issuer: cert.issuer, notAfter: cert.notAfter } : null,
    };
    await opts.ingest.add(result, 'local');
    return locationRows(endpointId, roundAt).find((r) => r.location === LOCAL_LOCATION) ?? null;
  }
  const locationRows = (endpointId: number, roundAt: string) => locationResultsOfRound(opts.db, endpointId, roundAt);

  async function local(spec: EndpointSpec, endpointId: number, roundAt: string, signal: AbortSignal, why: string): Promise<ObservedRound | null> {
    log.debug({ endpoint: endpointName(spec), why }, 'probing from the coordinator (location local)');
    const row = await probeLocally(spec, endpointId, roundAt, signal);
    return row ? judgeRound(roundAt, [row], [LOCAL_LOCATION], queue.quorum) : null;
  }

  const observe: Observer = async (spec, { endpointId, dueAt, signal }) => {
    const roundAt = new Date(Math.round(dueAt)).toISOString();
    const serving = servingOf(spec);
    if (serving.length === 0) return local(spec, endpointId, roundAt, signal, 'no location configured');
    if (!opts.queueUp()) return local(spec, endpointId, roundAt, signal, 'queue unreachable');
    const live = serving.filter((l) => opts.locationLive(l));
    if (live.length === 0) return local(spec, endpointId, roundAt, signal, 'no live location');

    const roundMs = Date.parse(roundAt);
    // A probe, its confirm-retry, and the location's canaries when it could not connect.
    const deadline = roundMs + 3 * spec.timeoutMs + spec.confirmDelayMs + queue.roundGraceMs;
    const key = keyOf(endpointId, roundAt);
    let done = () => {};
    const finished = new Promise<void>((resolve) => { done = resolve; });
    const round: OpenRound = { waitFor: new Set(live), rows: new Map(), done };
    open.set(key, round);
    try {
      const wire = toWireSpec(spec);
      const job = (location: string): ProbeJob => ({
        v: 1, resultId: probeResultId(endpointId, roundAt, location), endpointId, roundAt, expected: serving, startBy: new Date(roundMs + queue.roundGraceMs).toISOString(), spec: wire,
      });
      try {
        await Promise.all(live.map((l) => sendProbe(l, job(l))));
      } catch (err) {
        opts.queueFailed(err);
        return await local(spec, endpointId, roundAt, signal, 'queue unreachable');
      }
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => done();
      signal.addEventListener('abort', onAbort, { once: true });
      await Promise.race([finished, new Promise<void>((resolve) => { timer = setTimeout(resolve, Math.max(0, deadline - Date.now())); })]);
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return null;
      const rows = [...round.rows.values()];
      // Nobody answered (the queue lost the jobs, every worker vanished): measure rather than guess.
      if (rows.length === 0) return await local(spec, endpointId, roundAt, signal, 'no location answered');
      return judgeRound(roundAt, rows, serving, queue.quorum);
    } finally {
      open.delete(key);
    }
  };

  /**
   * Rounds a stopped coordinator left open (results stored, no verdict yet), judged now in
   * order from what arrived, before the schedule starts again.
   */
  function judgeLeftOpen(monitor: Monitor): number {
    const specs = new Map(monitor.endpoints.map((s) => [monitor.endpointId(endpointName(s)), s]));
    let judged = 0;
    for (const { endpointId, roundAt } of unjudgedRounds(opts.db, new Date().toISOString())) {
      const spec = specs.get(endpointId);
      if (!spec) continue;
      const rows = locationRows(endpointId, roundAt);
      const expected = [...new Set([...(rows.some((r) => r.location === LOCAL_LOCATION) ? [] : servingOf(spec)), ...rows.map((r) => r.location)])];
      monitor.record(spec, judgeRound(roundAt, rows, expected, queue.quorum));
      judged++;
    }
    if (judged) log.info({ rounds: judged }, 'judged probe rounds left open by the previous coordinator');
    return judged;
  }

  return { observe, arrived, judgeLeftOpen, openRounds: () => open.size };
}
