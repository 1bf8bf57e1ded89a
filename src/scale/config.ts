// The scale-out configuration (`queue:`): the checks the schema alone cannot make, and the
// Redis connection it describes. Secrets stay in the environment: the file names the variable.
import { readFileSync } from 'node:fs';
import type { Config, QueueConfig } from '../config/schema.ts';
import type { Lang } from '../i18n.ts';
import { msg, msgBoth } from '../messages/index.ts';

/** The location a coordinator probes as when the queue is unavailable or no location serves an endpoint. */
export const LOCAL_LOCATION = 'local';

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

export function redisHostOf(url: string): string {
  return new URL(url).hostname;
}

export const isLoopback = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');

/** Problems the schema cannot see, as [path, message] pairs in the config loader's style. */
export function crossCheckQueue(config: Config): Array<[Array<string | number>, Record<Lang, string>]> {
  const problems: Array<[Array<string | number>, Record<Lang, string>]> = [];
  const queue = config.queue;
  const known = new Set((queue?.locations ?? []).map((l) => l.id));
  config.portals.forEach((portal, i) => {
    (portal.probes ?? []).forEach((p, j) => {
      const at = ['portals', i, 'probes', j, 'locations'];
      if (!p.locations) return;
      if (!queue) {
        problems.push([at, msgBoth('config.check.locationsWithoutQueue')]);
        return;
      }
      for (const l of p.locations) {
        const unknown = (lang: Lang) => msg(lang, 'config.check.unknownLocation', { value: `"${l}"`, locations: [...known].join(', ') || msg(lang, 'config.check.none') });
        if (!known.has(l)) problems.push([at, { vi: unknown('vi'), en: unknown('en') }]);
      }
    });
  });
  if (!queue) return problems;
  const seen = new Set<string>();
  queue.locations.forEach((l, i) => {
    if (l.id === LOCAL_LOCATION) problems.push([['queue', 'locations', i, 'id'], msgBoth('config.check.reservedLocation', { value: `"${LOCAL_LOCATION}"` })]);
    if (seen.has(l.id)) problems.push([['queue', 'locations', i, 'id'], msgBoth('config.check.duplicateLocation', { value: `"${l.id}"` })]);
    seen.add(l.id);
  });
  if (typeof queue.quorum === 'number' && queue.quorum > Math.max(1, queue.locations.length)) {
    problems.push([['queue', 'quorum'], msgBoth('config.check.quorumTooLarge', { quorum: queue.quorum, locations: queue.locations.length })]);
  }
  const url = queue.redis.url;
  if (url.includes('@')) {
    problems.push([['queue', 'redis', 'url'], msgBoth('config.check.redisCredentialsInUrl')]);
  } else if (!isLoopback(redisHostOf(url)) && !url.startsWith('rediss:') && !queue.redis.tls) {
    problems.push([['queue', 'redis', 'url'], msgBoth('config.check.redisInClear', { value: `"${url}"` })]);
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
