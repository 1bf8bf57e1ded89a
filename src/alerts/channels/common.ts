// What every channel needs: its secrets from the environment, a POST that treats anything
// but 2xx as a failure, and errors that never carry a secret.
import type { HttpClient } from '../../http/client.ts';
import type { AlertMessage } from '../messages.ts';

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

export class ChannelError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'ChannelError';
  }
}

export function secretFrom(env: NodeJS.ProcessEnv, channelId: string, field: string, name: string): string {
  const value = env[name];
  if (!value) {
    throw new ChannelError(`channel ${channelId}: ${field} names the environment variable ${name}, which is not set. Fix: export ${name}=… for the service`, false);
  }
  return value;
}

/** Replaces every secret value in a text (an error message may quote a URL with its token). */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}

export async function postJson(http: HttpClient, url: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await http.request({ method: 'POST', url, body: text, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
  const answer = response.body.toString('utf8').slice(0, 300);
  if (response.status >= 200 && response.status < 300) return answer;
  // 4xx other than 408/429 means the request itself is wrong: retrying will not help.
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  throw new ChannelError(`HTTP ${response.status}: ${answer}`, retryable);
}

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
