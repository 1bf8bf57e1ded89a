// Issue 15: per alert and channel, notices arrive in the order they happened, also under
// retries (a resolution never before its opening), and a resolved notice says when the
// condition started, when it ended and how long it lasted. Real receiver on 127.0.0.1, real
// store; the retry delays are passed with the delivery clock.
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

const SINCE = '2026-11-22T01:00:00.000Z';

function setup() {
  const loaded = parseConfig(`version: 1
alerts: { linkBase: "http://127.0.0.1:8080" }
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "http://127.0.0.1:9/" }
channels:
  - { id: ops, kind: webhook, url: "${receiver.url}/hook" }
  - { id: ops-en, kind: webhook, url: "${receiver.url}/hook-en", lang: en }
`, 'test.yaml', {});
  const db = openStore(join(tempDir(), 'order.sqlite'));
  syncRegistry(db, loaded.agencies, [{ id: 'dvc-hanoi', agencyCode: 'tinh:01', name: 'Hà Nội', url: 'http://127.0.0.1:9/', settings: {} }], []);
  const firing = { on: true };
  const rule: AlertRule = {
    id: 'portal.down', title: { vi: 'Cổng ngừng hoạt động', en: 'Portal down' },
    evaluate: () => (firing.on ? [{ rule: 'portal.down', subject: 'dvc-hanoi', portalId: 'dvc-hanoi', severity: 'critical', facts: { portal: 'dvc-hanoi', url: 'http://127.0.0.1:9/', reason: 'timeout', since: SINCE } }] : []),
  };
  return { loaded, db, rule, firing };
}

const events = (path: string) => receiver.accepted().filter((r) => r.path === path).map((r) => JSON.parse(r.body).event as string);

describe('notices of one alert', () => {
  it('arrive in order: a resolution waits for its opening, however the retries fall', async () => {
    const { loaded, db, rule, firing } = setup();
    const log = createLogger('silent');
    const client = createHttpClient({ retries: 0 });
    let clock = Date.parse('2026-11-22T01:05:00.000Z');
    const now = () => new Date(clock);
    const deliver = () => deliverDue(db, loaded.config.channels, { http: client, log, now, giveUpAfterHours: 72 });
    receiver.requests.length = 0;
    try {
      evaluateAlerts(db, loaded, { now: now(), log, rules: [rule] });
      // The opening fails: its retry is due in 15–30 s.
      receiver.answer = 'fail';
      expect(await deliver()).toMatchObject({ delivered: 0, retrying: 2 });
      // The portal recovers at once; the receiver too. The resolution is due now, before the opening's retry.
      receiver.answer = 'ok';
      clock += 5_000;
      firing.on = false;
      expect(evaluateAlerts(db, loaded, { now: now(), log, rules: [rule] })).toMatchObject({ resolved: 1, queued: 2 });
      expect(await deliver()).toMatchObject({ delivered: 0, retrying: 0 });
      expect(events('/hook')).toEqual([]);
      // The opening's retry comes; the resolution follows in the next pass, never before.
      clock += 60_000;
      expect(await deliver()).toMatchObject({ delivered: 2 });
      expect(events('/hook')).toEqual(['opened']);
      clock += 5_000;
      expect(await deliver()).toMatchObject({ delivered: 2 });
    } finally {
      await client.close();
    }
    expect(events('/hook')).toEqual(['opened', 'resolved']);
    expect(events('/hook-en')).toEqual(['opened', 'resolved']);
    expect(listOutbox(db).map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('a resolution says when the condition started, when it ended and how long it lasted', async () => {
    const { loaded, db, rule, firing } = setup();
    const log = createLogger('silent');
    evaluateAlerts(db, loaded, { now: new Date('2026-11-22T01:02:00.000Z'), log, rules: [rule] });
    firing.on = false;
    // Resolved 2 h 5 min after the first failed probe (SINCE), at 10:05 Vietnam time.
    evaluateAlerts(db, loaded, { now: new Date('2026-11-22T03:05:00.000Z'), log, rules: [rule] });
    const resolved = listOutbox(db).filter((r) => r.event === 'resolved');
    const vi = resolved.find((r) => r.channelId === 'ops')!.payload as Record<string, unknown>;
    const en = resolved.find((r) => r.channelId === 'ops-en')!.payload as Record<string, unknown>;
    expect(vi).toMatchObject({ startedAt: SINCE, resolvedAt: '2026-11-22T03:05:00.000Z', durationMs: 125 * 60_000 });
    expect(vi.text).toMatch(/Bắt đầu: 08:00:00 22\/11\/2026 \(giờ Việt Nam\); kết thúc: 10:05:00 22\/11\/2026 \(giờ Việt Nam\); kéo dài: 2 giờ 5 phút\.$/);
    expect(en.text).toMatch(/Started: 22\/11\/2026, 08:00:00 \(Vietnam time\); ended: 22\/11\/2026, 10:05:00 \(Vietnam time\); lasted: 2 h 5 min\.$/);
    // The opening carries its start too, but no end.
    const opened = listOutbox(db).find((r) => r.event === 'opened')!.payload as Record<string, unknown>;
    expect(opened).toMatchObject({ startedAt: SINCE, durationMs: null });
  });
});
