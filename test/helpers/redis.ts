// The scale-out tests' Redis: a real redis-server of their own (scripts/sandbox/redis.ts).
import { afterAll, beforeAll } from 'vitest';
import { startRedis, type RedisServer } from '../../scripts/sandbox/redis.ts';

export { freePort, startRedis, type RedisServer } from '../../scripts/sandbox/redis.ts';

/** A Redis started before the file's tests and stopped after them. */
export function useRedis(): Pick<RedisServer, 'port' | 'url'> {
  let started: RedisServer | undefined;
  const get = () => {
    if (!started) throw new Error('Redis is used before beforeAll started it');
    return started;
  };
  beforeAll(async () => {
    started = await startRedis();
  });
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get port() { return get().port; },
    get url() { return get().url; },
  };
}
