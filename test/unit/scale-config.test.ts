import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.ts';
import { redisOptions } from '../../src/scale/config.ts';

const base = (queue: string, probes = '') => `version: 1
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "https://dichvucong.hanoi.gov.vn/"${probes} }
${queue}`;

function problems(text: string): string[] {
  try {
    parseConfig(text, 'c.yaml', {});
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('the queue: configuration', () => {
  it('is optional: without it everything stays in one process', () => {
    expect(parseConfig(base(''), 'c.yaml', {}).config.queue).toBeUndefined();
  });

  it('fills its defaults', () => {
    const q = parseConfig(base('queue: { redis: { url: "redis://127.0.0.1:6379" }, locations: [{ id: hn-vnpt }] }'), 'c.yaml', {}).config.queue!;
    expect(q).toMatchObject({ prefix: 'dvc', quorum: 'majority', workerGraceSeconds: 60, lockSeconds: 30, perPortalPages: 2, batch: { maxResults: 500, maxWaitMs: 100 } });
    expect(q.locations).toEqual([{ id: 'hn-vnpt', canaries: [] }]);
  });

  it('refuses a Redis off this machine without TLS, naming the field and the fix', () => {
    const p = problems(base('queue: { redis: { url: "redis://10.0.0.5:6379" } }'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/queue\.redis\.url .*not on this machine and is not encrypted.*Fix: use rediss:\/\/… \(TLS\) or set queue\.redis\.tls/);
    expect(problems(base('queue: { redis: { url: "rediss://10.0.0.5:6379" } }'))).toEqual([]);
    expect(problems(base('queue: { redis: { url: "redis://10.0.0.5:6379", tls: { servername: redis.internal } } }'))).toEqual([]);
  });

  it('refuses a password (or user) written in the URL', () => {
    expect(problems(base('queue: { redis: { url: "redis://dvc:hunter2@127.0.0.1:6379" } }'))[0]).toMatch(/carries a user or password\. Fix: .*passwordEnv/);
  });

  it('checks locations: unique, not "local", known where probes name them, and a quorum that can be met', () => {
    expect(problems(base('queue: { redis: { url: "redis://127.0.0.1:6379" }, locations: [{ id: local }] }'))[0]).toMatch(/"local" is reserved/);
    expect(problems(base('queue: { redis: { url: "redis://127.0.0.1:6379" }, locations: [{ id: a }, { id: a }] }'))[0]).toMatch(/duplicate location id/);
    expect(problems(base('queue: { redis: { url: "redis://127.0.0.1:6379" }, locations: [{ id: a }], quorum: 2 }'))[0]).toMatch(/quorum .*more than the 1 configured location/);
    const probes = ', probes: [{ id: home, url: "https://dichvucong.hanoi.gov.vn/", locations: [hn-vnpt, nowhere] }]';
    expect(problems(base('queue: { redis: { url: "redis://127.0.0.1:6379" }, locations: [{ id: hn-vnpt }] }', probes)))
      .toEqual([expect.stringMatching(/portals\[0\]\.probes\[0\]\.locations "nowhere" is not a location in queue\.locations \(hn-vnpt\)/)]);
    expect(problems(base('', probes))[0]).toMatch(/names locations, but there is no "queue" section/);
  });

  it('reads the password from the variable it names, and says which one is missing', () => {
    const q = parseConfig(base('queue: { redis: { url: "redis://127.0.0.1:6390/2", username: dvc-worker, passwordEnv: DVC_REDIS_PASSWORD } }'), 'c.yaml', {}).config.queue!;
    expect(redisOptions(q, { DVC_REDIS_PASSWORD: 's3cret' })).toMatchObject({ host: '127.0.0.1', port: 6390, db: 2, username: 'dvc-worker', password: 's3cret' });
    expect(() => redisOptions(q, {})).toThrow(/DVC_REDIS_PASSWORD, which is not set\. Fix: export DVC_REDIS_PASSWORD=/);
  });
});
