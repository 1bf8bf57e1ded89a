import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { deliverDue } from '../../src/alerts/delivery.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import { signature } from '../../src/alerts/channels/webhook.ts';
import { channelSecretProblems } from '../../src/alerts/channels/index.ts';
import type { AlertRule, Condition } from '../../src/alerts/types.ts';
import { parseConfig, type LoadedConfig } from '../../src/config/load.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { listOutbox } from '../../storage/alerts.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver } from '../helpers/receivers.ts';
import { tempDir } from '../helpers/tmp.ts';

const TOKEN = '123456:SECRET-telegram-token';
const ZALO_TOKEN = 'zalo-oa-access-token-SECRET';
const env = { WEBHOOK_SECRET: 'hmac-secret-value', SLACK_URL: '', TG_TOKEN: TOKEN, ZALO_TOKEN };
let http: HttpReceiver;
let zalo: HttpReceiver;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

beforeAll(async () => {
  http = await startHttpReceiver();
  // Zalo's OA API answers HTTP 200 with an error code: 0 is success.
  zalo = await startHttpReceiver('{"error":0,"message":"Success","data":{"message_id":"m1","user_id":"8123456789"}}');
  smtp = await startSmtpReceiver();
  env.SLACK_URL = `${http.url}/slack/T000/B000/XXXXSECRET`;
});
afterAll(async () => {
  await http.close();
  await zalo.close();
  await smtp.close();
});

function setup(): { db: Db; loaded: LoadedConfig } {
  const loaded = parseConfig(`version: 1
alerts: { linkBase: "http://127.0.0.1:8080" }
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "http://127.0.0.1:9/" }
channels:
  - { id: ops-webhook, kind: webhook, url: "${http.url}/hook", secretEnv: WEBHOOK_SECRET }
  - { id: ops-slack, kind: slack, urlEnv: SLACK_URL, lang: en }
  - { id: ops-teams, kind: teams, url: "${http.url}/teams" }
  - { id: ops-telegram, kind: telegram, baseUrl: "${http.url}/tg", tokenEnv: TG_TOKEN, chatId: "-100123" }
  - { id: ops-email, kind: email, host: 127.0.0.1, port: ${smtp.port}, from: canhbao@dvc-monitor.test, to: [vanhanh@hanoi.test] }
  - { id: ops-zalo, kind: zalo, baseUrl: "${zalo.url}/zalo", tokenEnv: ZALO_TOKEN, userId: "8123456789" }
`, 'test.yaml', env);
  const db = openStore(join(tempDir(), 'alerts.sqlite'));
  syncRegistry(db, loaded.agencies, [{ id: 'dvc-hanoi', agencyCode: 'tinh:01', name: 'Hà Nội', url: 'http://127.0.0.1:9/', settings: {} }], []);
  return { db, loaded };
}

/** A rule the test switches on and off, standing for any rule. */
function switchable(): { rule: AlertRule; firing: { on: boolean } } {
  const firing = { on: true };
  const condition: Condition = { rule: 'portal.down', subject: 'dvc-hanoi', portalId: 'dvc-hanoi', agencyCode: 'tinh:01', severity: 'critical',
    facts: { portal: 'dvc-hanoi', portalName: 'Cổng <script>alert(1)</script>', url: 'http://127.0.0.1:9/', reason: 'timeout', since: '2026-11-22T01:00:00.000Z' } };
  return { firing, rule: { id: 'portal.down', title: { vi: 'Cổng ngừng hoạt động', en: 'Portal down' }, evaluate: () => (firing.on ? [condition] : []) } };
}

describe('notification channels', () => {
  it('deliver an alert and its resolution to every local receiver, each once, in the channel\'s language', async () => {
    const { db, loaded } = setup();
    const { rule, firing } = switchable();
    const log = createLogger('silent');
    const client = createHttpClient({ retries: 0 });
    http.requests.length = 0;
    zalo.requests.length = 0;
    smtp.mails.length = 0;
    try {
      expect(evaluateAlerts(db, loaded, { now: new Date(), log, rules: [rule] })).toMatchObject({ opened: 1, queued: 6 });
      expect(await deliverDue(db, loaded.config.channels, { http: client, log, env, giveUpAfterHours: 72 })).toMatchObject({ delivered: 6, retrying: 0, dead: 0 });
      firing.on = false;
      expect(evaluateAlerts(db, loaded, { now: new Date(), log, rules: [rule] })).toMatchObject({ resolved: 1, queued: 6 });
      expect(await deliverDue(db, loaded.config.channels, { http: client, log, env, giveUpAfterHours: 72 })).toMatchObject({ delivered: 6 });
    } finally {
      await client.close();
    }

    const hooks = http.requests.filter((r) => r.path === '/hook');
    expect(hooks).toHaveLength(2);
    for (const hook of hooks) {
      const body = JSON.parse(hook.body);
      expect(hook.headers['x-dvc-signature']).toBe(signature(env.WEBHOOK_SECRET, String(hook.headers['x-dvc-timestamp']), hook.body));
      expect(hook.headers['x-dvc-idempotency-key']).toBe(body.idempotencyKey);
      expect(body.link).toBe(`http://127.0.0.1:8080/alerts/${body.alertId}`);
    }
    expect(JSON.parse(hooks[0]!.body)).toMatchObject({ event: 'opened', lang: 'vi', title: '[CẢNH BÁO] Cổng ngừng hoạt động', text: expect.stringContaining('ngừng hoạt động từ') });
    expect(JSON.parse(hooks[1]!.body)).toMatchObject({ event: 'resolved', title: '[ĐÃ KHẮC PHỤC] Cổng ngừng hoạt động' });

    const slack = http.requests.filter((r) => r.path === '/slack/T000/B000/XXXXSECRET').map((r) => JSON.parse(r.body));
    expect(slack[0].text).toMatch(/^\[ALERT\] Portal down: Portal Cổng &lt;script&gt;/);
    // plain_text: Slack shows it literally, no markup to escape.
    expect(slack[0].blocks[1].text).toMatchObject({ type: 'plain_text', text: expect.stringContaining('Cổng <script>alert(1)</script>') });

    // Teams: a Workflows message carrying one Adaptive Card, never the retired MessageCard.
    const teams = http.requests.filter((r) => r.path === '/teams').map((r) => JSON.parse(r.body));
    expect(teams).toHaveLength(2);
    expect(teams[0]).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null }] });
    expect(JSON.stringify(teams)).not.toMatch(/MessageCard|themeColor|potentialAction/);
    const card = teams[0].attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', actions: [{ type: 'Action.OpenUrl', title: 'Xem bằng chứng', url: `http://127.0.0.1:8080/alerts/${JSON.parse(hooks[0]!.body).alertId}` }] });
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'attention', items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '[CẢNH BÁO] Cổng ngừng hoạt động', weight: 'Bolder' }] }] });
    // TextRun is never read as Markdown or HTML: the portal's name is there as it is.
    expect(card.body[1].inlines[0]).toMatchObject({ type: 'TextRun', text: expect.stringContaining('Cổng <script>alert(1)</script>') });
    const resolvedCard = teams[1].attachments[0].content;
    expect(resolvedCard.body[0].style).toBe('good');
    expect(resolvedCard.body[2].facts.map((f: { title: string }) => f.title)).toEqual(['Mức độ', 'Quy tắc', 'Bắt đầu', 'Kết thúc', 'Kéo dài']);

    // Zalo OA: a consultation message to the follower, the token in its header, plain text.
    expect(zalo.requests).toHaveLength(2);
    expect(zalo.requests[0]!.path).toBe('/zalo/v3.0/oa/message/cs');
    expect(zalo.requests[0]!.headers.access_token).toBe(ZALO_TOKEN);
    const zaloBody = JSON.parse(zalo.requests[0]!.body);
    expect(zaloBody).toMatchObject({ recipient: { user_id: '8123456789' }, message: { text: expect.stringMatching(/^\[CẢNH BÁO\] Cổng ngừng hoạt động\nCổng Cổng <script>alert\(1\)<\/script> \(http\[:\]\/\/127\.0\.0\.1:9\/\) ngừng hoạt động từ/) } });
    expect(zaloBody.message.text).toMatch(/\nXem bằng chứng: http:\/\/127\.0\.0\.1:8080\/alerts\/\d+$/);
    expect(JSON.parse(zalo.requests[1]!.body).message.text).toMatch(/^\[ĐÃ KHẮC PHỤC\].*kéo dài: /s);

    const telegram = http.requests.filter((r) => r.path === `/tg/bot${TOKEN}/sendMessage`).map((r) => JSON.parse(r.body));
    expect(telegram).toHaveLength(2);
    expect(telegram[0]).toMatchObject({ chat_id: '-100123', parse_mode: 'HTML' });
    expect(telegram[0].text).toContain('Cổng &lt;script&gt;alert(1)&lt;/script&gt;');

    expect(smtp.mails).toHaveLength(2);
    const [opened] = smtp.mails;
    const row = listOutbox(db).find((r) => r.channelId === 'ops-email' && r.event === 'opened')!;
    expect(opened!.header('Message-ID')).toBe(`<${row.idempotencyKey}@dvc-monitor>`);
    expect(opened!.header('X-DVC-Idempotency-Key')).toBe(row.idempotencyKey);
    expect(opened!.to).toEqual(['vanhanh@hanoi.test']);
    expect(listOutbox(db).every((r) => r.status === 'delivered')).toBe(true);
  });

  it('never writes a channel\'s secret into the outbox or the logs when delivery fails', async () => {
    const { db, loaded } = setup();
    const { rule } = switchable();
    const lines: string[] = [];
    const log = createLogger('debug', new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } }));
    const client = createHttpClient({ retries: 0 });
    await http.stop();
    try {
      evaluateAlerts(db, loaded, { now: new Date(), log, rules: [rule] });
      const result = await deliverDue(db, loaded.config.channels.filter((c) => c.id !== 'ops-email'), { http: client, log, env, giveUpAfterHours: 72 });
      expect(result.retrying).toBe(4);
    } finally {
      await http.restart();
      await client.close();
    }
    const stored = JSON.stringify(listOutbox(db));
    const logged = lines.join('');
    expect(stored).toMatch(/connect_refused/);
    for (const secret of [TOKEN, 'XXXXSECRET', env.WEBHOOK_SECRET, ZALO_TOKEN]) {
      expect(stored).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
  });

  it('names a Zalo refusal (HTTP 200 with an error code) and retries it; a retired Teams connector URL is refused with the fix', async () => {
    const refusing = await startHttpReceiver('{"error":-216,"message":"Access token is invalid"}');
    const loaded = parseConfig(`version: 1
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "http://127.0.0.1:9/" }
channels:
  - { id: zalo, kind: zalo, baseUrl: "${refusing.url}", tokenEnv: ZALO_TOKEN, userId: "8123456789" }
  - { id: old-teams, kind: teams, urlEnv: OLD_TEAMS_URL }
`, 'test.yaml', env);
    const oldTeams = { ...env, OLD_TEAMS_URL: 'https://contoso.webhook.office.com/webhookb2/SECRETGUID/IncomingWebhook/abcdef/XYZ' };
    const db = openStore(join(tempDir(), 'zalo.sqlite'));
    syncRegistry(db, loaded.agencies, [{ id: 'dvc-hanoi', agencyCode: 'tinh:01', name: 'Hà Nội', url: 'http://127.0.0.1:9/', settings: {} }], []);
    const { rule } = switchable();
    const log = createLogger('silent');
    const client = createHttpClient({ retries: 0 });
    try {
      evaluateAlerts(db, loaded, { now: new Date(), log, rules: [rule] });
      const result = await deliverDue(db, loaded.config.channels, { http: client, log, env: oldTeams, giveUpAfterHours: 72 });
      expect(result).toMatchObject({ delivered: 0, retrying: 1, dead: 1 });
    } finally {
      await client.close();
      await refusing.close();
    }
    const rows = listOutbox(db);
    expect(rows.find((r) => r.channelId === 'zalo')).toMatchObject({ status: 'pending', lastError: 'Zalo refused the message: error -216: Access token is invalid' });
    // Nothing was sent to the retired connector; the error names the fix and not the URL.
    const teams = rows.find((r) => r.channelId === 'old-teams')!;
    expect(teams.status).toBe('dead');
    expect(teams.lastError).toMatch(/Office 365 connector URL .* retired\. Fix: in Teams, add the Workflows template/);
    expect(teams.lastError).not.toMatch(/SECRETGUID|contoso/);
    expect(channelSecretProblems(loaded.config.channels, oldTeams)).toEqual([{ channelId: 'old-teams', problem: expect.stringMatching(/retired/) }]);
  });
});
