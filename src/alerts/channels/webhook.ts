// Generic webhook: the message as JSON, signed with HMAC-SHA256 over "<timestamp>.<body>"
// (header X-DVC-Signature: sha256=<hex>) when the channel has a secret, so receivers can
// check it came from us and is fresh. X-DVC-Idempotency-Key lets them drop repeats.
import { createHmac } from 'node:crypto';
import type { ChannelConfig } from '../../config/schema.ts';
import { postJson, secretFrom, type ChannelDeps, type Delivery } from './common.ts';
import { defang, escapeMarkdown } from './escape.ts';

type WebhookChannel = Extract<ChannelConfig, { kind: 'webhook' }>;

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function sendWebhook(channel: WebhookChannel, d: Delivery, deps: ChannelDeps): Promise<void> {
  const url = channel.url ?? secretFrom(deps.env, channel.id, 'urlEnv', channel.urlEnv!);
  // Receivers of generic webhooks (Mattermost, Discord, Rocket.Chat…) render `text` as Markdown: it is escaped
  // and its addresses defanged; `textPlain` and `facts` carry the same as data for programs.
  const body = JSON.stringify({
    idempotencyKey: d.idempotencyKey, sentAt: deps.now.toISOString(), ...d.message,
    text: escapeMarkdown(defang(d.message.text)), textPlain: d.message.text,
  });
  const timestamp = String(Math.floor(deps.now.getTime() / 1000));
  const headers: Record<string, string> = { 'x-dvc-idempotency-key': d.idempotencyKey, 'x-dvc-timestamp': timestamp };
  if (channel.secretEnv) headers['x-dvc-signature'] = signature(secretFrom(deps.env, channel.id, 'secretEnv', channel.secretEnv), timestamp, body);
  await postJson(deps.http, url, body, headers);
}
