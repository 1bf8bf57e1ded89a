// The coordinator's single writer (src/scale/ingest.ts) against a real SQLite file and a real
// Redis: idempotent on redelivery, evidence checked against its hash, and a result that cannot be
// ingested kept as a dead letter with its reason, never dropped.
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../../storage/db.ts';
import { addJobs, createRun, listJobs, markJobRunning } from '../../storage/runs.ts';
import { deadLetters, stagedResults } from '../../storage/scale.ts';
import { syncEndpoints } from '../../storage/uptime.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { syncRegistryFromConfig } from '../../src/run/sync-registry.ts';
import { createIngest } from '../../src/scale/ingest.ts';
import { probeResultId, type CollectResult, type ProbeResult } from '../../src/scale/messages.ts';
import { blobKey, putBlob, sha256Hex } from '../../src/scale/redis.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { tempDir } from '../helpers/tmp.ts';

let server: RedisServer;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis();
  redis = new Redis({ host: '127.0.0.1', port: server.port });
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

const log = createLogger('silent');

function store(): { db: Db; endpointId: number; jobId: number } {
  const db = openStore(join(tempDir(), 'store.sqlite'));
  syncRegistryFromConfig(db, parseConfig(`version: 1
portals: [{ id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "http://127.0.0.1:9/" }]`, 'c.yaml', {}));
  const endpointId = syncEndpoints(db, [{ portalId: 'dvc-hanoi', key: 'home', url: 'http://127.0.0.1:9/', intervalS: 60, settings: {} }]).get('dvc-hanoi/home')!.id;
  const run = createRun(db, { trigger: 'test', plan: {}, pid: 1, host: 'h', now: new Date(), toolVersion: 't', nodeVersion: 'n', configHash: 'c' });
  addJobs(db, run.id, [{ key: 'gw/2026-10', kind: 'collect', sourceId: 'gateway', portalId: null, period: '2026-10', params: {} }]);
  const jobId = listJobs(db, run.id)[0]!.id;
  markJobRunning(db, jobId, new Date());
  return { db, endpointId, jobId };
}

const probeResult = (endpointId: number, location: string): ProbeResult => {
  const roundAt = '2026-11-20T03:00:00.000Z';
  return {
    kind: 'probe', resultId: probeResultId(endpointId, roundAt, location), location, worker: 'w/1', endpointId, roundAt, expected: ['a', 'b'],
    at: '2026-11-20T03:00:00.010Z', latenessMs: 10, observation: { kind: 'up' }, certificate: null,
    fields: {
      outcome: 'up', reason: null, detail: null, attempts: 1, statusCode: 200, dnsMs: 0, connectMs: 1, tlsMs: 0, firstByteMs: 5, totalMs: 6, rtBucket: 5,
      bodyBytes: 100, ip: '127.0.0.1', finalUrl: null, redirectsJson: null, httpsRedirect: null, certNotAfter: null, certIssuer: null, assertionsJson: null, stalledMs: null,
    },
  };
};

describe('ingest of worker results', () => {
  it('stores a probe result once however often it is delivered, in batched transactions, and counts it for its location and day', async () => {
    const { db, endpointId } = store();
    const arrived: string[] = [];
    const ingest = createIngest({ db, redis, prefix: 'ing', log, maxResults: 100, maxWaitMs: 20, knownEndpoint: (id) => id === endpointId, onProbe: (r) => arrived.push(r.location) });
    const a = probeResult(endpointId, 'a');
    const outcomes = await Promise.all([ingest.add(a, 'results'), ingest.add(a, 'results'), ingest.add(probeResult(endpointId, 'b'), 'results')]);
    expect(outcomes.sort()).toEqual(['duplicate', 'stored', 'stored']);
    expect(await ingest.add(a, 'results')).toBe('duplicate');
    expect(arrived.sort()).toEqual(['a', 'b']);
    expect(db.prepare('SELECT location, outcome, status_code FROM probe_location ORDER BY location').all()).toEqual([
      { location: 'a', outcome: 'up', status_code: 200 }, { location: 'b', outcome: 'up', status_code: 200 },
    ]);
    expect(db.prepare('SELECT location, date, up FROM probe_location_day ORDER BY location').all()).toEqual([
      { location: 'a', date: '2026-11-20', up: 1 }, { location: 'b', date: '2026-11-20', up: 1 },
    ]);
    expect(ingest.stats().batches).toBe(2);
  });

  it('stores a batch of probe results row by row: a known endpoint stored, an unknown one a dead letter, a repeat changes nothing', async () => {
    const { db, endpointId } = store();
    const ingest = createIngest({ db, redis, prefix: 'ing', log, maxResults: 100, maxWaitMs: 20, knownEndpoint: (id) => id === endpointId });
    const batch = { kind: 'probe_batch' as const, resultId: 'b.1', location: 'a', worker: 'w/1', results: [probeResult(endpointId, 'a'), probeResult(99, 'a')] };
    expect(await ingest.add(batch, 'results')).toBe('stored');
    expect(await ingest.add({ ...batch, resultId: 'b.2' }, 'results')).toBe('duplicate');
    expect(db.prepare('SELECT count(*) FROM probe_location').pluck().get()).toBe(1);
    expect(deadLetters(db).map((d) => d.reason)).toEqual(['unknown_endpoint', 'unknown_endpoint']);
  });

  it('keeps a collection result only for the attempt its job waits on, with its evidence checked and stored first', async () => {
    const { db, jobId } = store();
    const staged: string[] = [];
    const ingest = createIngest({ db, redis, prefix: 'ing', log, maxResults: 100, maxWaitMs: 20, knownEndpoint: () => false, onStaged: (id) => staged.push(id) });
    const body = Buffer.from('{"rows": []}');
    const sha = await putBlob(redis, 'ing', body);
    const result = (attempt: number): CollectResult => ({
      kind: 'collect', resultId: `k.${jobId}.${attempt}`, location: 'a', worker: 'w/1', jobId, attempt, failure: null,
      payloads: [{ request: { method: 'GET', url: 'http://x/', headers: {}, body: null }, response: { url: 'http://x/', status: 200, headers: {}, startedAt: '2026-11-20T03:00:00.000Z', totalMs: 3, body: sha, bodyBytes: body.length } }],
    });
    expect(await ingest.add(result(1), 'results')).toBe('stored');
    expect(await ingest.add(result(1), 'results')).toBe('duplicate');
    // An answer to an earlier attempt changes nothing.
    expect(await ingest.add(result(7), 'results')).toBe('duplicate');
    expect(staged).toEqual([`k.${jobId}.1`]);
    expect(stagedResults(db, jobId, 1).map((s) => s.resultId)).toEqual([`k.${jobId}.1`]);
    expect(db.prepare('SELECT sha256, size FROM blob').all()).toEqual([{ sha256: sha, size: body.length }]);
    // Stored, so no longer waiting in Redis.
    await new Promise((r) => setTimeout(r, 100));
    expect(await redis.exists(blobKey('ing', sha))).toBe(0);
  });

  it('keeps what cannot be ingested as a dead letter with its reason: malformed, an unknown endpoint, evidence lost or altered', async () => {
    const { db, jobId } = store();
    const dead: Array<[string | null, string]> = [];
    const ingest = createIngest({ db, redis, prefix: 'ing', log, maxResults: 100, maxWaitMs: 20, knownEndpoint: () => false, onDead: (id, reason) => dead.push([id, reason]) });
    expect(await ingest.add({ kind: 'probe', resultId: 'p.x', location: 42 }, 'results')).toBe('dead_letter');
    expect(await ingest.add(probeResult(99, 'a'), 'results')).toBe('dead_letter');
    const lost = '0'.repeat(64);
    const altered = sha256Hex(Buffer.from('what the worker read'));
    await redis.set(blobKey('ing', altered), gzipSync(Buffer.from('something else')));
    const collect = (resultId: string, sha: string): CollectResult => ({
      kind: 'collect', resultId, location: 'a', worker: 'w/1', jobId, attempt: 1, failure: null,
      payloads: [{ request: { method: 'GET', url: 'http://x/', headers: {}, body: null }, response: { url: 'http://x/', status: 200, headers: {}, startedAt: '2026-11-20T03:00:00.000Z', totalMs: 3, body: sha, bodyBytes: 1 } }],
    });
    expect(await ingest.add(collect('k.lost', lost), 'results')).toBe('dead_letter');
    expect(await ingest.add(collect('k.altered', altered), 'results')).toBe('dead_letter');
    const letters = deadLetters(db).reverse();
    expect(letters.map((l) => [l.resultId, l.reason])).toEqual([['p.x', 'malformed'], [probeResultId(99, '2026-11-20T03:00:00.000Z', 'a'), 'unknown_endpoint'], ['k.lost', 'blob_missing'], ['k.altered', 'blob_corrupt']]);
    expect(letters[0]!.message).toMatch(/location/);
    expect(JSON.parse(letters[2]!.payload)).toMatchObject({ resultId: 'k.lost' });
    expect(dead.map(([, reason]) => reason)).toEqual(['malformed', 'unknown_endpoint', 'blob_missing', 'blob_corrupt']);
    expect(db.prepare('SELECT count(*) FROM queue_result').pluck().get()).toBe(0);
  });

  it('a store that is busy refuses the whole batch, so that the queue gives the results again', async () => {
    const { db, endpointId } = store();
    const other = openStore(db.name);
    other.prepare('BEGIN IMMEDIATE').run();
    db.pragma('busy_timeout = 50');
    const ingest = createIngest({ db, redis, prefix: 'ing', log, maxResults: 100, maxWaitMs: 5, knownEndpoint: () => true });
    await expect(ingest.add(probeResult(endpointId, 'a'), 'results')).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_BUSY/) });
    other.prepare('ROLLBACK').run();
    other.close();
    expect(await ingest.add(probeResult(endpointId, 'a'), 'results')).toBe('stored');
    expect(ingest.stats().busyRetries).toBe(1);
  });
});
