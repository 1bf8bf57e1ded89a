// Channel kind → sender. Adding a channel kind = one file here and one line below.
import type { ChannelConfig } from '../../config/schema.ts';
import { readFileSync } from 'node:fs';
import { sendSlack, sendTelegram } from './chat.ts';
import type { ChannelDeps, Delivery } from './common.ts';
import { secretFrom } from './secrets.ts';
import { sendEmail } from './email.ts';
import { sendTeams, teamsUrlProblem } from './teams.ts';
import { sendWebhook } from './webhook.ts';
import { sendZalo, zaloToken } from './zalo.ts';

export function send(channel: ChannelConfig, delivery: Delivery, deps: ChannelDeps): Promise<void> {
  switch (channel.kind) {
    case 'webhook': return sendWebhook(channel, delivery, deps);
    case 'slack': return sendSlack(channel, delivery, deps);
    case 'teams': return sendTeams(channel, delivery, deps);
    case 'telegram': return sendTelegram(channel, delivery, deps);
    case 'zalo': return sendZalo(channel, delivery, deps);
    case 'email': return sendEmail(channel, delivery, deps);
  }
}

/**
 * Every secret a channel uses, to scrub them from error messages and logs: the values of the
 * variables it names, and its literal `url` too (it may hold a token, or be a \${VAR} the
 * configuration substituted).
 */
export function channelSecrets(channel: ChannelConfig, env: NodeJS.ProcessEnv): string[] {
  const names = [
    'urlEnv' in channel ? channel.urlEnv : undefined,
    'secretEnv' in channel ? channel.secretEnv : undefined,
    'tokenEnv' in channel ? channel.tokenEnv : undefined,
    'userEnv' in channel ? channel.userEnv : undefined,
    'passwordEnv' in channel ? channel.passwordEnv : undefined,
  ];
  const literal = 'url' in channel && channel.url ? [channel.url] : [];
  return [...literal, ...names.flatMap((n) => (n && env[n] ? [env[n]!] : [])), ...tokenFileContent(channel)];
}

/** A Zalo channel's token file, as it is now (to redact it too); nothing when it cannot be read. */
function tokenFileContent(channel: ChannelConfig): string[] {
  if (channel.kind !== 'zalo' || !channel.tokenFile) return [];
  try {
    return [readFileSync(channel.tokenFile, 'utf8')];
  } catch {
    return [];
  }
}

/** Each channel whose secrets are missing or malformed, with why (never the value): checked when the service starts. */
export function channelSecretProblems(channels: readonly ChannelConfig[], env: NodeJS.ProcessEnv): Array<{ channelId: string; problem: string }> {
  return channels.flatMap((channel) => {
    const fields: Array<[string, string | undefined]> = [
      ['urlEnv', 'urlEnv' in channel && !channel.url ? channel.urlEnv : undefined],
      ['secretEnv', 'secretEnv' in channel ? channel.secretEnv : undefined],
      ['tokenEnv', 'tokenEnv' in channel ? channel.tokenEnv : undefined],
      ['userEnv', 'userEnv' in channel ? channel.userEnv : undefined],
      ['passwordEnv', 'passwordEnv' in channel ? channel.passwordEnv : undefined],
    ];
    const problems = fields.flatMap(([field, name]) => {
      if (!name) return [];
      try {
        secretFrom(env, channel.id, field, name);
        return [];
      } catch (err) {
        return [{ channelId: channel.id, problem: (err as Error).message }];
      }
    });
    if (channel.kind === 'zalo' && channel.tokenFile) {
      try {
        zaloToken(channel, env);
      } catch (err) {
        problems.push({ channelId: channel.id, problem: (err as Error).message });
      }
    }
    if (channel.kind === 'teams' && problems.length === 0) {
      const url = channel.url ?? (channel.urlEnv ? secretFrom(env, channel.id, 'urlEnv', channel.urlEnv) : '');
      const problem = teamsUrlProblem(url);
      if (problem) problems.push({ channelId: channel.id, problem: `channel ${channel.id}: the Teams URL ${problem}` });
    }
    return problems;
  });
}
