// Connections to the queue's Redis, and the two small things the scale-out keeps there besides
// BullMQ's queues: evidence blobs in transit (content-addressed, gzip, with a time to live) and
// worker heartbeats (a key per worker that expires when the worker stops renewing it).
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import type { QueueConfig } from '../config/schema.ts';
import { QueueSetupError, redisOptions } from './config.ts';

export { Redis };

export interface RedisRole {
  /** Overrides of queue.redis.username / passwordEnv: each role should have its own ACL user. */
  username?: string;
  passwordEnv?: string;
}

/**
 * A connection for BullMQ. `blocking` ones (workers) wait for Redis forever; the others fail
 * fast while Redis is away (enableOfflineQueue off), so the coordinator notices and probes alone.
 */
export function connectRedis(queue: QueueConfig, role: RedisRole, opts: { blocking: boolean; name: string }, env: NodeJS.ProcessEnv = process.env): Redis {
  return new Redis({
    ...redisConnectionOptions(queue, role, env),
    connectionName: opts.name,
    maxRetriesPerRequest: opts.blocking ? null : 1,
    enableOfflineQueue: opts.blocking,
    // ioredis would otherwise print every reconnection failure; the roles log what matters.
    lazyConnect: false,
  });
}

/** ioredis options for a role (BullMQ makes its own connections from these). */
export function redisConnectionOptions(queue: QueueConfig, role: RedisRole, env: NodeJS.ProcessEnv = process.env) {
  const redis = { ...queue.redis, ...(role.username ? { username: role.username } : {}), ...(role.passwordEnv ? { passwordEnv: role.passwordEnv } : {}) };
  return redisOptions({ ...queue, redis }, env);
}

/** Fails with a message an operator can act on when Redis refuses us (wrong password, ACL). */
export async function checkAccess(redis: Redis, what: string, waitMs = 5000): Promise<void> {
  try {
    if (redis.status !== 'ready') {
      // A connection without an offline queue refuses commands until it is ready.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no answer within ${waitMs} ms`)), waitMs);
        const onError = (err: Error) => { if (/WRONGPASS|NOAUTH|NOPERM|invalid username-password/i.test(err.message)) done(err); };
        const onReady = () => done();
        function done(err?: Error) {
          clearTimeout(timer);
          redis.off('ready', onReady).off('error', onError);
          if (err) reject(err);
          else resolve();
        }
        redis.once('ready', onReady).on('error', onError);
      });
    }
    await redis.ping();
  } catch (err) {
    const message = (err as Error).message;
    if (/WRONGPASS|NOAUTH|NOPERM|invalid username-password/i.test(message)) {
      throw new QueueSetupError(`Redis refused ${what}: ${message}. Fix: check queue.redis.username and the password in the variable queue.redis.passwordEnv names (or --redis-username / --redis-password-env), and the user's ACL`);
    }
    throw new QueueSetupError(`cannot reach Redis for ${what}: ${message}. Fix: start Redis, or correct queue.redis.url`);
  }
}

export const sha256Hex = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/** Blobs wait this long for the coordinator; it deletes each once stored. */
const BLOB_TTL_S = 7 * 24 * 3600;

export const blobKey = (prefix: string, sha: string) => `${prefix}:blob:${sha}`;

/** Puts a blob (once per content) and returns its SHA-256. */
export async function putBlob(redis: Redis, prefix: string, body: Buffer, ttlSeconds = BLOB_TTL_S): Promise<string> {
  const sha = sha256Hex(body);
  await redis.set(blobKey(prefix, sha), gzipSync(body), 'EX', ttlSeconds, 'NX');
  return sha;
}

/** A blob by its hash, checked against it: null when missing or when its content does not match. */
export async function getBlob(redis: Redis, prefix: string, sha: string): Promise<{ body: Buffer } | { missing: true } | { corrupt: true }> {
  const stored = await redis.getBuffer(blobKey(prefix, sha));
  if (!stored) return { missing: true };
  let body: Buffer;
  try {
    body = gunzipSync(stored);
  } catch {
    return { corrupt: true };
  }
  return sha256Hex(body) === sha ? { body } : { corrupt: true };
}

export const heartbeatPattern = (prefix: string) => `${prefix}:hb:*`;
export const heartbeatKey = (prefix: string, location: string, workerId: string) => `${prefix}:hb:${location}:${workerId}`;

export interface Heartbeat {
  location: string;
  worker: string;
  kinds: string[];
  concurrency: number | null;
  startedAt: string;
}

/** The live workers: those whose heartbeat key has not expired. */
export async function liveWorkers(redis: Redis, prefix: string): Promise<Heartbeat[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', heartbeatPattern(prefix), 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values.flatMap((v) => {
    if (!v) return [];
    try {
      return [JSON.parse(v) as Heartbeat];
    } catch {
      return [];
    }
  });
}
