// The scale-out configuration (`queue:`): the checks the schema alone cannot make, and the
// Redis connection it describes. Secrets stay in the environment: the file names the variable.
import { readFileSync } from 'node:fs';
import type { Config, QueueConfig } from '../config/schema.ts';

/** The location a coordinator probes as when the queue is unavailable or no location serves an endpoint. */
export const LOCAL_LOCATION = 'local';

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export function redisHostOf(url: string): string {
  return new URL(url).hostname;
}

export const isLoopback = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');

/** Problems the schema cannot see, as [path, message] pairs in the config loader's style. */
export function crossCheckQueue(config: Config): Array<[Array<string | number>, string]> {
  const problems: Array<[Array<string | number>, string]> = [];
  const queue = config.queue;
  const known = new Set((queue?.locations ?? []).map((l) => l.id));
  config.portals.forEach((portal, i) => {
    (portal.probes ?? []).forEach((p, j) => {
      const at = ['portals', i, 'probes', j, 'locations'];
      if (!p.locations) return;
      if (!queue) {
        problems.push([at, 'names locations, but there is no "queue" section. Fix: remove it, or configure queue.locations and its workers']);
        return;
      }
      for (const l of p.locations) {
        if (!known.has(l)) problems.push([at, `"${l}" is not a location in queue.locations (${[...known].join(', ') || 'none'}). Fix: use one of those ids, or add the location`]);
      }
    });
  });
  if (!queue) return problems;
  const seen = new Set<string>();
  queue.locations.forEach((l, i) => {
    if (l.id === LOCAL_LOCATION) problems.push([['queue', 'locations', i, 'id'], `"${LOCAL_LOCATION}" is reserved for the coordinator probing on its own. Fix: name the location after its network, e.g. "hn-vnpt"`]);
    if (seen.has(l.id)) problems.push([['queue', 'locations', i, 'id'], `"${l.id}" is a duplicate location id. Fix: give each location its own id`]);
    seen.add(l.id);
  });
  if (typeof queue.quorum === 'number' && queue.quorum > Math.max(1, queue.locations.length)) {
    problems.push([['queue', 'quorum'], `is ${queue.quorum}, more than the ${queue.locations.length} configured location(s): nothing could ever be DOWN. Fix: lower it, or use "majority"`]);
  }
  const url = queue.redis.url;
  if (url.includes('@')) {
    problems.push([['queue', 'redis', 'url'], 'carries a user or password. Fix: write redis://host:port, the user under "username" and the password in the environment variable named by "passwordEnv"']);
  } else if (!isLoopback(redisHostOf(url)) && !url.startsWith('rediss:') && !queue.redis.tls) {
    problems.push([['queue', 'redis', 'url'], `"${url}" is not on this machine and is not encrypted: passwords and job data would cross the network in clear. Fix: use rediss://… (TLS) or set queue.redis.tls`]);
  }
  return problems;
}

/** ioredis options for the configured Redis, the password read from the environment now. */
export function redisOptions(queue: QueueConfig, env: NodeJS.ProcessEnv = process.env) {
  const url = new URL(queue.redis.url);
  const password = queue.redis.passwordEnv ? env[queue.redis.passwordEnv] : undefined;
  if (queue.redis.passwordEnv && (password === undefined || password === '')) {
    throw new QueueSetupError(`queue.redis.passwordEnv names ${queue.redis.passwordEnv}, which is not set. Fix: export ${queue.redis.passwordEnv}=<the Redis password of this role>`);
  }
  const tlsWanted = url.protocol === 'rediss:' || queue.redis.tls !== undefined;
  const tls = tlsWanted
    ? {
      ...(queue.redis.tls?.caFile ? { ca: readFileSync(queue.redis.tls.caFile) } : {}),
      ...(queue.redis.tls?.servername ? { servername: queue.redis.tls.servername } : {}),
    }
    : undefined;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 6379),
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    ...(queue.redis.username ? { username: queue.redis.username } : {}),
    ...(password ? { password } : {}),
    ...(tls ? { tls } : {}),
    // Reconnect quickly: the coordinator falls back to probing on its own while Redis is away.
    retryStrategy: (times: number) => Math.min(200 * times, 2000),
  };
}

/** The queue cannot be used as configured (a missing secret, Redis refusing us): exit 2 with the fix. */
export class QueueSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueSetupError';
  }
}
