// A receiver down for an hour loses nothing: when it returns, every notification arrives,
// each once. The hour is simulated with the delivery clock; the HTTP traffic is real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { deliverDue } from '../../src/alerts/delivery.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import type { AlertRule } from '../../src/alerts/types.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { listOutbox } from '../../storage/alerts.ts';
import { openStore } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { startHttpReceiver, type HttpReceiver } from '../helpers/receivers.ts';
import { tempDir } from '../helpers/tmp.ts';

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver.close();
});

describe('a receiver down for an hour', () => {
  it('gets every notification once it is back, each exactly once, and nothing is given up', async () => {
    const loaded = parseConfig(`version: 1
channels:
  - { id: ops, kind: webhook, url: "${receiver.url}/hook" }
`, 'test.yaml', {});
    const db = openStore(join(tempDir(), 'outage.sqlite'));
    syncRegistry(db, loaded.agencies, [], []);
    const log = createLogger('silent');
    const client = createHttpClient({ retries: 0 });
    const subjects = ['a', 'b', 'c', 'd', 'e'];
    const rule: AlertRule = { id: 'collector.failing', title: { vi: 'x', en: 'x' }, evaluate: () => subjects.map((s) => ({ rule: 'collector.failing', subject: s, severity: 'critical', facts: { source: s } })) };
    const start = Date.parse('2026-11-22T01:00:00.000Z');
    let clock = start;
    const now = () => new Date(clock);
    try {
      evaluateAlerts(db, loaded, { now: now(), log, rules: [rule] });
      // Down: half the time refusing connections, half the time answering 503.
      await receiver.stop();
      let attempts = 0;
      for (; clock < start + 30 * 60_000; clock += 30_000) attempts += (await deliverDue(db, loaded.config.channels, { http: client, log, now, giveUpAfterHours: 72 })).retrying;
      await receiver.restart();
      receiver.answer = 'fail';
      for (; clock < start + 60 * 60_000; clock += 30_000) attempts += (await deliverDue(db, loaded.config.channels, { http: client, log, now, giveUpAfterHours: 72 })).retrying;
      expect(receiver.accepted()).toHaveLength(0);
      expect(attempts).toBeGreaterThan(5 * 5); // retried with backoff through the hour, not once
      expect(listOutbox(db).every((r) => r.status === 'pending')).toBe(true);

      receiver.answer = 'ok';
      for (let i = 0; i < 60 && listOutbox(db, { status: 'pending' }).length; i++, clock += 60_000) {
        await deliverDue(db, loaded.config.channels, { http: client, log, now, giveUpAfterHours: 72 });
      }
    } finally {
      await client.close();
    }
    // Back within the longest backoff (15 min) after it returned.
    expect(clock - (start + 60 * 60_000)).toBeLessThanOrEqual(16 * 60_000);
    const keys = receiver.accepted().map((r) => String(r.headers['x-dvc-idempotency-key']));
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(5);
    expect(listOutbox(db).map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered', 'delivered']);
  });
});
