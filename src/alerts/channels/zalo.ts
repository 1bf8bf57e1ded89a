// Zalo Official Account: a consultation (tư vấn) text message to one follower of the agency's OA,
// through the OA API v3 (POST {baseUrl}/v3.0/oa/message/cs, the OA access token in the
// `access_token` header). Zalo shows plain text and makes links of addresses: the text from portals
// has its addresses defanged, and our link to the evidence is the only live one. Zalo answers
// HTTP 200 with {"error": <code>, "message": …}: a non-zero code is a refusal, named with Zalo's words.
import { readFileSync } from 'node:fs';
import type { ChannelConfig } from '../../config/schema.ts';
import { msg } from '../../messages/index.ts';
import { ChannelError, postJson, secretFrom, type ChannelDeps, type Delivery } from './common.ts';
import { defang } from './escape.ts';
import { cleanSecret, secretProblem } from './secrets.ts';

type ZaloChannel = Extract<ChannelConfig, { kind: 'zalo' }>;

/** Zalo's limit for a text message. */
const ZALO_TEXT_MAX = 2000;

/** The OA access token, from its variable or read from its file now (a refresher may have replaced it). */
export function zaloToken(channel: ZaloChannel, env: NodeJS.ProcessEnv): string {
  if (channel.tokenEnv) return secretFrom(env, channel.id, 'tokenEnv', channel.tokenEnv);
  let raw: string;
  try {
    raw = readFileSync(channel.tokenFile!, 'utf8');
  } catch (err) {
    throw new ChannelError(`channel ${channel.id}: tokenFile ${channel.tokenFile} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Fix: write the OA access token to that file, readable by the service's user`, false);
  }
  const token = cleanSecret(raw, 'token');
  const problem = secretProblem(token, 'token');
  if (problem) throw new ChannelError(`channel ${channel.id}: the content of tokenFile ${channel.tokenFile} ${problem}. Fix: write the OA access token alone in that file`, false);
  return token;
}

export function zaloText(d: Delivery): string {
  const m = d.message;
  const link = `\n${msg(m.lang, 'alert.channel.viewEvidence')}: ${m.link}`;
  const body = `${m.title}\n${defang(m.text)}`;
  // Cut the portal's text, never our link.
  const room = ZALO_TEXT_MAX - link.length;
  return (body.length > room ? `${body.slice(0, room - 1)}…` : body) + link;
}

export async function sendZalo(channel: ZaloChannel, d: Delivery, deps: ChannelDeps): Promise<void> {
  const token = zaloToken(channel, deps.env);
  const answer = await postJson(deps.http, `${channel.baseUrl.replace(/\/$/, '')}/v3.0/oa/message/cs`, {
    recipient: { user_id: channel.userId },
    message: { text: zaloText(d) },
  }, { access_token: token, 'x-dvc-idempotency-key': d.idempotencyKey });
  let parsed: { error?: unknown; message?: unknown };
  try {
    parsed = JSON.parse(answer) as typeof parsed;
  } catch {
    throw new ChannelError(`Zalo answered something that is not its JSON: ${answer.slice(0, 200)}`, true);
  }
  // An expired token or a follower out of reach may be fixed by the operator: retried with backoff until given up.
  if (parsed.error !== 0) throw new ChannelError(`Zalo refused the message: error ${String(parsed.error)}: ${String(parsed.message ?? '')}`, true);
}
