// The authenticated platform-API collector against the sandbox's iGate-style platform and SSO.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IGATE_AGENCIES, IGATE_CLIENT_ID, IGATE_SANDBOX_SECRET, IGATE_TOKEN_PATH, igateFigures } from '../../scripts/sandbox/igate.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { ClientCredentialsToken } from '../../src/http/oauth.ts';
import { openStore } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import { collect, dumpMeasures, lastRunJobs, measureValue, snapshotsOfJobId, limitsFor } from '../helpers/collect.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { tempDir } from '../helpers/tmp.ts';

const SEED = 2026;
const NOW = new Date('2026-10-15T09:00:00+07:00');
const ENV = { IGATE_SECRET: IGATE_SANDBOX_SECRET };
const [OLD_CITY, CITY, HAI_CHAU, THANH_KHE, SON_TRA] = IGATE_AGENCIES;
const WARDS = `
  - { code: "xa:dn-haichau", name: Phường Hải Châu (sandbox), level: commune, parent: "tinh:48", validFrom: "2025-07-01" }
  - { code: "xa:dn-thanhkhe", name: Phường Thanh Khê (sandbox), level: commune, parent: "tinh:48", validFrom: "2025-07-01" }
  - { code: "xa:dn-sontra", name: Phường Sơn Trà (sandbox), level: commune, parent: "tinh:48", validFrom: "2025-07-01" }`;

const sandbox = useSandbox({ seed: SEED, now: NOW });

function source(reports: 'both' | 'dossiers' = 'both') {
  const digitization = `
      - id: so-hoa
        path: /pa/kgg-digitize/digitization-by-agency
        agencyIdPath: agencyId
        fields: { digitized: dossiers.digitised, reused: dossiers.reusing_data }`;
  return `
  - id: igate-danang
    kind: platform-api
    url: "${sandbox.url}/igate"
    auth: { tokenUrl: "${sandbox.url}${IGATE_TOKEN_PATH}", clientId: ${IGATE_CLIENT_ID}, clientSecretEnv: IGATE_SECRET }
    pageSize: 2
    reports:
      - id: ho-so
        path: /pa/dossier-statistic/by-agency
        fields:
          received.total: dossiers.received
          received.online: dossiers.received_online
          resolved.onTime: dossiers.resolved_on_time
          resolved.overdue: dossiers.resolved_late${reports === 'both' ? digitization : ''}
    agencies:
      "${OLD_CITY!.id}": "tinh63:48"
      "${CITY!.id}": "tinh:48"
      "${HAI_CHAU!.id}": "xa:dn-haichau"
      "${THANH_KHE!.id}": "xa:dn-thanhkhe"
      "${SON_TRA!.id}": "xa:dn-sontra"`;
}

const run = (db: ReturnType<typeof openStore>, periods: string[], env: Record<string, string> = ENV) =>
  collect(db, source(), periods, { env, agencies: WARDS });

describe('platform API collector', () => {
  it('collects every page of both reports with one token, under the mapped agencies', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    const tokensBefore = sandbox.requestCount('igate:token');
    const apiBefore = sandbox.requestCount('igate');
    const summary = await run(db, ['2026-08', '2026-09']);
    expect(summary).toMatchObject({ status: 'succeeded', jobsTotal: 4, jobsFailed: 0 });
    expect(sandbox.requestCount('igate:token') - tokensBefore).toBe(1);
    expect(sandbox.requestCount('igate') - apiBefore).toBe(4 * 3); // 5 agencies, 2 a page: 3 pages per job

    const codes: Record<string, string> = { [CITY!.id]: 'tinh:48', [HAI_CHAU!.id]: 'xa:dn-haichau', [THANH_KHE!.id]: 'xa:dn-thanhkhe', [SON_TRA!.id]: 'xa:dn-sontra' };
    for (const period of ['2026-08', '2026-09']) {
      const figures = igateFigures(SEED, period, NOW);
      for (const { agency, counts } of figures.filter((f) => codes[f.agency.id])) {
        const code = codes[agency.id]!;
        expect(measureValue(db, code, 'dossiers.received', period)?.value).toBe(counts.received);
        expect(measureValue(db, code, 'dossiers.received_online', period)?.value).toBe(counts.online);
        expect(measureValue(db, code, 'dossiers.resolved_late', period)?.value).toBe(counts.overdue);
        expect(measureValue(db, code, 'dossiers.digitised', period)?.value).toBe(counts.digitized);
      }
    }
    // The department the config does not map is skipped with a note, not guessed.
    expect(lastRunJobs(db)[0]!.notes).toEqual([expect.objectContaining({ kind: 'unknown_unit', message: expect.stringContaining('65f0b7d1c9a84e2f3a4b5c99') })]);
    db.close();
  });

  it('puts a month before the 2025 reform under the old province', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    await run(db, ['2025-06']);
    const city = igateFigures(SEED, '2025-06', NOW).find((f) => f.agency.id === OLD_CITY!.id)!;
    expect(measureValue(db, 'tinh63:48', 'dossiers.received', '2025-06')?.value).toBe(city.counts.received);
    expect(measureValue(db, 'tinh:48', 'dossiers.received', '2025-06')).toBeUndefined();
    db.close();
  });

  it('never stores the secret or a token: headers redacted, token exchanges not kept', async () => {
    const dir = tempDir();
    const db = openStore(join(dir, 's.sqlite'));
    await run(db, ['2026-09']);
    const requests = db.prepare('SELECT request_json FROM snapshot').pluck().all() as string[];
    expect(requests.length).toBe(6);
    for (const r of requests) expect(JSON.parse(r).headers.authorization).toBe('[redacted]');
    expect(db.prepare('SELECT count(*) FROM snapshot WHERE url LIKE ?').pluck().get(`%${IGATE_TOKEN_PATH}`)).toBe(0);
    db.close();
    for (const file of ['s.sqlite', 's.sqlite-wal']) {
      const bytes = (() => { try { return readFileSync(join(dir, file)); } catch { return Buffer.alloc(0); } })();
      expect(bytes.includes(IGATE_SANDBOX_SECRET)).toBe(false);
      expect(bytes.includes('Bearer ')).toBe(false);
    }
  });

  it('names the missing environment variable and sends nothing', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    const before = sandbox.requestCount();
    const summary = await run(db, ['2026-09'], {});
    expect(new Set(summary.failures.map((f) => f.reason))).toEqual(new Set(['missing_secret']));
    expect(summary.failures[0]!.message).toMatch(/environment variable IGATE_SECRET .* is not set\. Fix: export IGATE_SECRET=/);
    expect(sandbox.requestCount()).toBe(before);
    db.close();
  });

  it('reports a refused client as auth_rejected and keeps the exchange without the secret', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    const summary = await run(db, ['2026-09'], { IGATE_SECRET: 'wrong-secret-value' });
    expect(new Set(summary.failures.map((f) => f.reason))).toEqual(new Set(['auth_rejected']));
    expect(summary.failures[0]!.message).toMatch(/refused client "dvc-monitor" \(HTTP 401: unauthorized_client/);
    const [snapshot] = snapshotsOfJobId(db, lastRunJobs(db)[0]!.id);
    expect(snapshot!.url).toContain(IGATE_TOKEN_PATH);
    expect(JSON.parse(snapshot!.request).body).toBe('grant_type=client_credentials&client_id=dvc-monitor&client_secret=%5Bredacted%5D');
    expect(JSON.stringify(db.prepare('SELECT * FROM snapshot').all())).not.toContain('wrong-secret-value');
    db.close();
  });

  it('asks for a new token once when the API refuses one, then carries on', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    const tokensBefore = sandbox.requestCount('igate:token');
    sandbox.setFault('igate', { mode: 'unauthorized', count: 1 });
    const summary = await collect(db, source('dossiers'), ['2026-09'], { env: ENV, agencies: WARDS });
    expect(summary.status).toBe('succeeded');
    expect(sandbox.requestCount('igate:token') - tokensBefore).toBe(2);
    expect(measureValue(db, 'tinh:48', 'dossiers.received', '2026-09')?.value).toBeGreaterThan(0);
    db.close();
  });

  it('stops a 401 loop after one refresh: unauthorized, earlier values untouched', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    await collect(db, source('dossiers'), ['2026-09'], { env: ENV, agencies: WARDS });
    const before = dumpMeasures(db);
    const tokensBefore = sandbox.requestCount('igate:token');
    const apiBefore = sandbox.requestCount('igate');
    sandbox.setFault('igate', { mode: 'unauthorized' });
    const summary = await collect(db, source('dossiers'), ['2026-09'], { env: ENV, agencies: WARDS });
    expect(summary.failures.map((f) => f.reason)).toEqual(['unauthorized']);
    expect(sandbox.requestCount('igate') - apiBefore).toBe(2);
    expect(sandbox.requestCount('igate:token') - tokensBefore).toBe(2);
    expect(dumpMeasures(db)).toEqual(before);
    expect(snapshotsOfJobId(db, lastRunJobs(db)[0]!.id).map((s) => s.status)).toEqual([401]);
    db.close();
  });

  const tokenDown = [
    { fault: { mode: 'http_5xx', status: 503 }, kept: 1 },
    { fault: { mode: 'html_200' }, kept: 1 },
    { fault: { mode: 'reset' }, kept: 0 },
    { fault: { mode: 'slow', delayMs: 3000 }, kept: 0 },
  ] as const;
  for (const { fault, kept } of tokenDown) {
    it(`reports the token endpoint's ${fault.mode} as auth_unavailable`, async () => {
      const db = openStore(join(tempDir(), 's.sqlite'));
      sandbox.setFault('igate:token', fault);
      const summary = await collect(db, source('dossiers'), ['2026-09'], { env: ENV, agencies: WARDS, limits: limitsFor(fault) });
      expect(summary.failures.map((f) => f.reason)).toEqual(['auth_unavailable']);
      expect(snapshotsOfJobId(db, lastRunJobs(db)[0]!.id)).toHaveLength(kept);
      db.close();
    });
  }

  const apiFaults = [
    { fault: { mode: 'http_5xx', status: 502 }, reason: 'http_5xx' },
    { fault: { mode: 'html_200' }, reason: 'not_json' },
    { fault: { mode: 'malformed_json' }, reason: 'malformed_json' },
    { fault: { mode: 'truncated' }, reason: 'truncated' },
    { fault: { mode: 'empty_array' }, reason: 'unexpected_shape' },
    { fault: { mode: 'slow', delayMs: 3000 }, reason: 'timeout' },
  ] as const;
  for (const { fault, reason } of apiFaults) {
    it(`records the API's ${fault.mode} as ${reason}, keeping earlier values and the payload`, async () => {
      const db = openStore(join(tempDir(), 's.sqlite'));
      await collect(db, source('dossiers'), ['2026-09'], { env: ENV, agencies: WARDS });
      const before = dumpMeasures(db);
      sandbox.setFault('igate', fault);
      const summary = await collect(db, source('dossiers'), ['2026-09'], { env: ENV, agencies: WARDS, limits: limitsFor(fault) });
      expect(summary.failures.map((f) => f.reason)).toEqual([reason]);
      expect(dumpMeasures(db)).toEqual(before);
      const snaps = snapshotsOfJobId(db, lastRunJobs(db)[0]!.id);
      if (reason === 'timeout') expect(snaps).toEqual([]);
      else expect(readBody(db, snaps[0]!.sha256)!.intact).toBe(true);
      db.close();
    });
  }
});

describe('client-credentials tokens', () => {
  it('renews a token shortly before it expires, and not before', async () => {
    let clock = Date.now();
    const http = createHttpClient({ retries: 0 });
    const tokens = new ClientCredentialsToken(http, { tokenUrl: `${sandbox.url}${IGATE_TOKEN_PATH}`, clientId: IGATE_CLIENT_ID, clientSecret: IGATE_SANDBOX_SECRET }, () => clock);
    const before = sandbox.requestCount('igate:token');
    const [a, b] = await Promise.all([tokens.get(), tokens.get()]);
    expect(a).toBe(b); // concurrent callers share one exchange
    clock += 269_000; // 300 s tokens are renewed 30 s early
    expect(await tokens.get()).toBe(a);
    clock += 2_000;
    const c = await tokens.get();
    expect(c).not.toBe(a);
    expect(sandbox.requestCount('igate:token') - before).toBe(2);
    tokens.invalidate(c);
    expect(await tokens.get()).not.toBe(c);
    await http.close();
  });
});
