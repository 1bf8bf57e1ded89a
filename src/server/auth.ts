// The token that state-changing requests (acknowledging an alert) must carry. It is read from
// an environment variable, compared in constant time, and never printed or logged.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const DEFAULT_TOKEN_ENV = 'DVC_MONITOR_TOKEN';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** null when no token is configured: then every state-changing request is refused. */
export function tokenFromEnv(envName: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env[envName]?.trim();
  return value ? value : null;
}

/** Whether `given` is the token, compared in constant time (of the digests). */
export function tokenMatches(given: string, token: string): boolean {
  return given !== '' && timingSafeEqual(digest(given.trim()), digest(token));
}

export function isAuthorised(req: IncomingMessage, token: string | null): boolean {
  if (token === null) return false;
  const header = req.headers.authorization ?? '';
  return tokenMatches(header.startsWith('Bearer ') ? header.slice(7) : '', token);
}
