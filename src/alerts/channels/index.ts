// Channel kind → sender. Adding a channel kind = one file here and one line below.
import type { ChannelConfig } from '../../config/schema.ts';
import { sendSlack, sendTeams, sendTelegram } from './chat.ts';
import type { ChannelDeps, Delivery } from './common.ts';
import { sendEmail } from './email.ts';
import { sendWebhook } from './webhook.ts';

export function send(channel: ChannelConfig, delivery: Delivery, deps: ChannelDeps): Promise<void> {
  switch (channel.kind) {
    case 'webhook': return sendWebhook(channel, delivery, deps);
    case 'slack': return sendSlack(channel, delivery, deps);
    case 'teams': return sendTeams(channel, delivery, deps);
    case 'telegram': return sendTelegram(channel, delivery, deps);
    case 'email': return sendEmail(channel, delivery, deps);
  }
}

/** Every secret a channel uses, to scrub them from error messages and logs. */
export function channelSecrets(channel: ChannelConfig, env: NodeJS.ProcessEnv): string[] {
  const names = [
    'urlEnv' in channel ? channel.urlEnv : undefined,
    'secretEnv' in channel ? channel.secretEnv : undefined,
    'tokenEnv' in channel ? channel.tokenEnv : undefined,
    'userEnv' in channel ? channel.userEnv : undefined,
    'passwordEnv' in channel ? channel.passwordEnv : undefined,
  ];
  return names.flatMap((n) => (n && env[n] ? [env[n]!] : []));
}
