// Scale-out security (issue 16): Redis with an ACL user per role and passwords from the
// environment, TLS, and nothing secret through the queue in clear: a platform's client secret is
// read by the worker from its own environment, never sent; passwords never appear in commands.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IGATE_SANDBOX_SECRET } from '../../scripts/sandbox/igate.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { query, startCoordinator, startWorkerRole, waitFor, writeConfig } from '../helpers/scale.ts';
import { tempDir } from '../helpers/tmp.ts';

const sandbox = useSandbox();
const PASSWORDS = { admin: 'admin-pw-5b1e9c', coordinator: 'coordinator-pw-8d2f41', worker: 'worker-pw-3a7c60' };
const ROLE_ACL = ['~acl:*', '&*', '+@all', '-@admin', '-@dangerous', '+info'];

describe('Redis with an ACL user per role', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis([
      '--user', 'default', 'off',
      '--user', 'admin', 'on', `>${PASSWORDS.admin}`, '~*', '&*', '+@all',
      '--user', 'dvc-coordinator', 'on', `>${PASSWORDS.coordinator}`, ...ROLE_ACL,
      '--user', 'dvc-worker', 'on', `>${PASSWORDS.worker}`, ...ROLE_ACL,
    ]);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  function config(): string {
    return `version: 1
http: { timeoutMs: 5000, retries: 1, retryBaseDelayMs: 20 }
schedule: { lookbackMonths: 1 }
sources:
  - id: igate-danang
    kind: platform-api
    url: "${sandbox.url}/igate"
    auth: { tokenUrl: "${sandbox.url}/igate/sso/realms/dvc-sandbox/protocol/openid-connect/token", clientId: dvc-monitor, clientSecretEnv: IGATE_SANDBOX_CLIENT_SECRET }
    reports:
      - id: ho-so
        path: /pa/dossier-statistic/by-agency
        fields: { received.total: dossiers.received, received.online: dossiers.received_online }
    agencies: { "6401a0c2e3b94f1a2b3c4d01": "tinh:48" }
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "${sandbox.url}/sites/hanoi/", probes: [] }
queue:
  redis: { url: "${redis.url}", username: dvc-coordinator, passwordEnv: DVC_COORDINATOR_REDIS_PASSWORD }
  prefix: acl
  locations: [{ id: hn-vnpt }]
  lockSeconds: 5
`;
  }

  it('each role authenticates as its own user; the client secret stays on the worker and no secret crosses Redis in clear', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, config());
    const db = join(dir, 'store.sqlite');
    // Every command Redis executes, as the admin sees it.
    const admin = new Redis({ host: '127.0.0.1', port: redis.port, username: 'admin', password: PASSWORDS.admin });
    const monitor = await admin.monitor();
    const seen: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => seen.push(args.join(' ')));
    try {
      const worker = startWorkerRole(file, 'hn-vnpt', 'collect', ['--redis-username', 'dvc-worker', '--redis-password-env', 'DVC_WORKER_REDIS_PASSWORD'], {
        DVC_WORKER_REDIS_PASSWORD: PASSWORDS.worker, IGATE_SANDBOX_CLIENT_SECRET: IGATE_SANDBOX_SECRET,
      });
      // The coordinator has no client secret at all: only its own Redis password.
      const coordinator = startCoordinator(file, db, { DVC_COORDINATOR_REDIS_PASSWORD: PASSWORDS.coordinator, IGATE_SANDBOX_CLIENT_SECRET: '' });
      const run = await waitFor('the run to finish', () => query<{ status: string }>(db, "SELECT status FROM run WHERE status != 'running'")[0], 120_000, [coordinator, worker]);
      expect(run.status).toBe('succeeded');
      expect(query<{ n: number }>(db, "SELECT count(*) AS n FROM measure WHERE source_id = 'igate-danang'")[0]!.n).toBeGreaterThan(0);
      expect((await coordinator.stop()).code).toBe(0);
      expect((await worker.stop()).code).toBe(0);
    } finally {
      monitor.disconnect();
      admin.disconnect();
    }
    const clients = new Set(seen.map((l) => l.split(' ')[0]));
    expect(clients.size).toBeGreaterThan(0);
    const traffic = seen.join('\n');
    expect(traffic).toContain('clientSecretEnv');
    expect(traffic).toContain('IGATE_SANDBOX_CLIENT_SECRET');
    for (const secret of [IGATE_SANDBOX_SECRET, ...Object.values(PASSWORDS)]) expect(traffic).not.toContain(secret);
    expect(traffic).not.toMatch(/Bearer [A-Za-z0-9._-]{8,}/);
    const stored = query<{ r: string }>(db, 'SELECT request_json AS r FROM snapshot').map((s) => s.r).join('\n');
    expect(stored).not.toContain(IGATE_SANDBOX_SECRET);
  }, 180_000);

  it('a worker with a wrong password stops at once, naming the fix (exit 2)', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, config());
    const worker = startWorkerRole(file, 'hn-vnpt', 'collect', ['--redis-username', 'dvc-worker', '--redis-password-env', 'DVC_WORKER_REDIS_PASSWORD'], { DVC_WORKER_REDIS_PASSWORD: 'not-the-password' });
    const r = await worker.done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Redis refused worker .*WRONGPASS.*Fix: check queue\.redis\.username and the password/);
    const missing = await startWorkerRole(file, 'hn-vnpt', 'collect', ['--redis-username', 'dvc-worker', '--redis-password-env', 'DVC_NOT_SET_ANYWHERE']).done;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/names DVC_NOT_SET_ANYWHERE, which is not set\. Fix: export DVC_NOT_SET_ANYWHERE=/);
  }, 180_000);
});

describe('Redis over TLS', () => {
  let redis: RedisServer;
  let dir: string;
  let caFile: string;
  beforeAll(async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    dir = mkdtempSync(join(tmpdir(), 'dvc-redis-tls-'));
    const pems = await generate([{ name: 'commonName', value: 'dvc-monitor redis test' }], {
      keyType: 'ec', algorithm: 'sha256', notAfterDate: new Date(Date.now() + 7 * 86_400_000),
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private);
    redis = await startRedis(['--tls-cert-file', caFile, '--tls-key-file', join(dir, 'key.pem'), '--tls-ca-cert-file', caFile, '--tls-auth-clients', 'no'], { tls: true });
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('the coordinator and a worker speak to Redis over TLS only, the server checked against the configured CA', async () => {
    const work = tempDir();
    const db = join(work, 'store.sqlite');
    const file = writeConfig(work, `version: 1
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "${sandbox.url}/sites/hanoi/", probes: [{ id: home, url: "${sandbox.url}/sites/hanoi/" }] }
uptime:
  defaults: { intervalSeconds: 10, timeoutMs: 1500, confirmDelayMs: 200 }
queue:
  redis: { url: "${redis.url}", tls: { caFile: "${caFile}" } }
  prefix: tls
  locations: [{ id: hn-vnpt }]
  workerGraceSeconds: 6
  roundGraceMs: 1000
`);
    expect(redis.url).toMatch(/^rediss:/);
    const worker = startWorkerRole(file, 'hn-vnpt', 'probe');
    const coordinator = startCoordinator(file, db);
    const round = await waitFor('a round probed by the worker', () => query<{ location: string; outcome: string }>(db, "SELECT location, outcome FROM probe_location WHERE location = 'hn-vnpt'")[0], 90_000, [coordinator, worker]);
    expect(round).toEqual({ location: 'hn-vnpt', outcome: 'up' });
    expect(query(db, "SELECT * FROM queue_gap WHERE scope = 'queue'")).toEqual([]);
    expect((await coordinator.stop()).code).toBe(0);
    expect((await worker.stop()).code).toBe(0);
  }, 120_000);
});
