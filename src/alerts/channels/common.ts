// What every channel needs: its secrets from the environment, a POST that treats anything
// but 2xx as a failure, and errors that never carry a secret.
import type { HttpClient } from '../../http/client.ts';
import type { AlertMessage } from '../messages.ts';
import { ChannelError } from './errors.ts';

export interface Delivery {
  message: AlertMessage;
  /** The same on every retry of this notification: receivers drop repeats with it. */
  idempotencyKey: string;
}

export interface ChannelDeps {
  http: HttpClient;
  env: NodeJS.ProcessEnv;
  now: Date;
}

export { ChannelError } from './errors.ts';
export { redact, secretFrom } from './secrets.ts';

export async function postJson(http: HttpClient, url: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await http.request({ method: 'POST', url, body: text, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
  if (response.status >= 200 && response.status < 300) return response.body.toString('utf8').slice(0, 300);
  // Kept whole (bounded) so that a secret the receiver echoes is redacted before the message is cut (delivery.ts): cut first, its tail would survive.
  const answer = response.body.subarray(0, 65_536).toString('utf8');
  // 4xx other than 408/429 means the request itself is wrong: retrying will not help.
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new ChannelError(`HTTP ${response.status}: ${answer}`, retryable);
}

