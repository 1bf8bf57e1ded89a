// The scale-out tests' Redis: a real redis-server of their own (scripts/sandbox/redis.ts).
export { freePort, startRedis, type RedisServer } from '../../scripts/sandbox/redis.ts';
