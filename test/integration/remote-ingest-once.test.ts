// A worker's collection result ingested twice (the coordinator SIGKILLed after it kept the
// payloads, before the job was finished) keeps each fetch once: the second ingest finds the
// snapshots of the first and the measures point at them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectorFor } from '../../collectors/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { ingestFetchedJob, type FetchedPayload } from '../../src/run/execute-job.ts';
import { syncRegistryFromConfig } from '../../src/run/sync-registry.ts';
import { openStore } from '../../storage/db.ts';
import { addJobs, createRun, listJobs, markJobRunning } from '../../storage/runs.ts';
import { registry } from '../helpers/normalise.ts';
import { tempDir } from '../helpers/tmp.ts';

const loaded = parseConfig(`version: 1
sources:
  - id: page
    kind: html-page
    url: "http://127.0.0.1:9/thong-ke?thang={period}"
    agency: "tinh:01"
    selectors: { "#nhan": dossiers.received }
`, 'c.yaml', {});

const fetched = (received: string, at: string): FetchedPayload => ({
  request: { method: 'GET', url: 'http://127.0.0.1:9/thong-ke?thang=2026-10', headers: { accept: 'text/html' }, body: null },
  response: {
    url: 'http://127.0.0.1:9/thong-ke?thang=2026-10', status: 200, headers: { 'content-type': 'text/html; charset=utf-8' },
    startedAt: new Date(at), totalMs: 4, body: Buffer.from(`<!doctype html><html><body><span id="nhan">${received}</span></body></html>`),
  },
});

describe('ingest of a fetched job', () => {
  it('keeps a fetch once when the same result is ingested again, and a later fetch of the same page as its own', async () => {
    const db = openStore(join(tempDir(), 'once.sqlite'));
    syncRegistryFromConfig(db, loaded);
    const source = loaded.config.sources[0]!;
    const run = createRun(db, { trigger: 'test', plan: {}, pid: 1, host: 'h', now: new Date(), toolVersion: 't', nodeVersion: 'n', configHash: 'c' });
    addJobs(db, run.id, [{ key: 'page/2026-10', kind: 'collect', sourceId: 'page', portalId: null, period: '2026-10', params: {} }]);
    const job = listJobs(db, run.id)[0]!;
    markJobRunning(db, job.id, new Date());
    const deps = { db, collector: collectorFor(source), source, job, registry, now: () => new Date() };
    const snapshots = () => db.prepare('SELECT id, fetched_at FROM snapshot ORDER BY id').all() as Array<{ id: number; fetched_at: string }>;
    const measureSnapshot = () => (db.prepare("SELECT value, snapshot_id FROM measure WHERE metric = 'dossiers.received'").get() as { value: number; snapshot_id: number });

    const first = await ingestFetchedJob(deps, [fetched('1.234', '2026-11-20T03:00:00.000Z')], null);
    expect(first.status).toBe('succeeded');
    const [kept] = snapshots();
    expect(measureSnapshot()).toEqual({ value: 1234, snapshot_id: kept!.id });

    const again = await ingestFetchedJob(deps, [fetched('1.234', '2026-11-20T03:00:00.000Z')], null);
    expect(again.status).toBe('succeeded');
    expect(snapshots()).toEqual([kept]);
    expect(measureSnapshot()).toEqual({ value: 1234, snapshot_id: kept!.id });

    // Fetched again at another time: another fetch, kept as such.
    await ingestFetchedJob(deps, [fetched('1.240', '2026-11-21T03:00:00.000Z')], null);
    expect(snapshots().map((s) => s.fetched_at)).toEqual(['2026-11-20T03:00:00.000Z', '2026-11-21T03:00:00.000Z']);
    expect(measureSnapshot().value).toBe(1240);
  });
});
