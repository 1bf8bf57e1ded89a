// Delivers the outbox: claims due messages, sends each through its channel, marks it
// delivered once, or schedules a retry with exponential backoff. A message is given up
// (dead, still listed) only after `giveUpAfterHours` of failures or a permanent refusal.
import pLimit from 'p-limit';
import { hostname } from 'node:os';
import { claimDueMessages, lastErrorsOfChannel, markAttemptFailed, markDelivered, reclaimFromDeadSenders, replaceLastError, type OutboxRow } from '../../storage/alerts.ts';
import { processAlive } from '../process.ts';
import type { Db } from '../../storage/db.ts';
import type { ChannelConfig } from '../config/schema.ts';
import type { HttpClient } from '../http/client.ts';
import type { Logger } from '../log.ts';
import { channelSecrets, send } from './channels/index.ts';
import { ChannelError, redact } from './channels/common.ts';
import type { AlertMessage } from './messages.ts';

export interface DeliveryOptions {
  http: HttpClient;
  env?: NodeJS.ProcessEnv;
  log: Logger;
  now?: () => Date;
  giveUpAfterHours: number;
  /** A claimed message not settled within this time is claimed again (its sender died). */
  leaseMs?: number;
  limit?: number;
  /** Only these outbox rows (notify test). */
  onlyIds?: readonly number[];
}

export interface DeliveryResult {
  delivered: number;
  retrying: number;
  dead: number;
  errors: Array<{ id: number; channelId: string; error: string }>;
}

/** How much of a failure (with the receiver's answer) is kept on the outbox row. */
const MAX_ERROR_CHARS = 500;

/** 30 s, 1 min, 2 min … capped at 15 min, with jitter so a recovered receiver is not stampeded. */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
  return base / 2 + Math.random() * (base / 2);
}

export async function deliverDue(db: Db, channels: readonly ChannelConfig[], options: DeliveryOptions): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const byId = new Map(channels.map((c) => [c.id, c]));
  reclaimFromDeadSenders(db, hostname(), processAlive);
  const claimed = claimDueMessages(db, now(), options.leaseMs ?? 120_000, options.limit ?? 200, `${process.pid}@${hostname()}`, options.onlyIds);
  const result: DeliveryResult = { delivered: 0, retrying: 0, dead: 0, errors: [] };

  // Messages of one channel go in order; channels go side by side.
  const perChannel = new Map<string, OutboxRow[]>();
  for (const row of claimed) {
    const rows = perChannel.get(row.channelId);
    if (rows) rows.push(row);
    else perChannel.set(row.channelId, [row]);
  }
  const limit = pLimit(4);
  await Promise.all([...perChannel].map(([channelId, rows]) => limit(async () => {
    const channel = byId.get(channelId);
    for (const row of rows) {
      if (!channel) {
        markAttemptFailed(db, row.id, `channel ${channelId} is no longer in the configuration`, null);
        result.dead++;
        continue;
      }
      try {
        await send(channel, { message: row.payload as AlertMessage, idempotencyKey: row.idempotencyKey }, { http: options.http, env, now: now() });
        markDelivered(db, row.id, now());
        result.delivered++;
        options.log.info({ outbox: row.id, channel: channelId, event: row.event, attempts: row.attempts }, 'notification delivered');
      } catch (err) {
        const permanent = err instanceof ChannelError && !err.retryable;
        // Redacted whole, then cut: nothing of a secret reaches the outbox, the logs or the CLI.
        const message = redact((err as Error).message, channelSecrets(channel, env)).slice(0, MAX_ERROR_CHARS);
        const expired = now().getTime() - Date.parse(row.createdAt) > options.giveUpAfterHours * 3_600_000;
        const retryAt = permanent || expired ? null : new Date(now().getTime() + retryDelayMs(row.attempts));
        markAttemptFailed(db, row.id, message, retryAt);
        if (retryAt) result.retrying++;
        else result.dead++;
        result.errors.push({ id: row.id, channelId, error: message });
        options.log.warn({ outbox: row.id, channel: channelId, attempts: row.attempts, error: message, retryAt: retryAt?.toISOString() ?? null }, 'notification not delivered');
      }
    }
  })));
  return result;
}

/**
 * Redacts the channels' secrets from failures already stored (by a version that redacted less,
 * or before a secret was rotated into a form it missed). Returns how many rows changed.
 */
export function scrubStoredSecrets(db: Db, channels: readonly ChannelConfig[], env: NodeJS.ProcessEnv = process.env): number {
  let changed = 0;
  db.transaction(() => {
    for (const channel of channels) {
      const secrets = channelSecrets(channel, env);
      for (const row of lastErrorsOfChannel(db, channel.id)) {
        const clean = redact(row.lastError, secrets);
        if (clean !== row.lastError) {
          replaceLastError(db, row.id, clean);
          changed++;
        }
      }
    }
  })();
  return changed;
}
