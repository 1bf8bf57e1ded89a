// Issue 13 item 12: text a portal chose (here a cookie name, as a hostile portal would set it)
// reaches Slack, Teams, Telegram, Zalo, the generic webhook and e-mail as text in each one's own
// syntax: no live Markdown, mrkdwn or HTML, no link but our own. Real local receivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { deliverDue } from '../../src/alerts/delivery.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import type { AlertRule } from '../../src/alerts/types.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { openStore } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver } from '../helpers/receivers.ts';
import { tempDir } from '../helpers/tmp.ts';

const HOSTILE = '[Xem ngay](https://phish.example/login) <https://evil.example|bấm vào đây> <!channel> *ĐẬM* _nghiêng_ ~gạch~ `mã` <b>in đậm</b> <a href="https://evil.example">x</a> www.evil.example {{DATE(2017-02-14T06:00:00Z, SHORT)}}';

let http: HttpReceiver;
let zalo: HttpReceiver;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
beforeAll(async () => {
  http = await startHttpReceiver();
  zalo = await startHttpReceiver('{"error":0,"message":"Success"}');
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await http.close();
  await zalo.close();
  await smtp.close();
});

const rule: AlertRule = {
  id: 'check.new_cookie', title: { vi: 'Cookie không thiết yếu mới trước khi người dùng đồng ý', en: 'New non-essential cookie before consent' },
  evaluate: () => [{ rule: 'check.new_cookie', subject: 'dvc-hanoi|x', portalId: 'dvc-hanoi', severity: 'warning', facts: { portal: 'dvc-hanoi', cookie: `${HOSTILE} (.hanoi.gov.vn)`, tracker: null } }],
};

/** One part of a multipart mail, decoded (base64 or quoted-printable) to text. */
function mimePart(raw: string, type: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)![1]!;
  for (const chunk of raw.split(`--${boundary}`)) {
    const [head = '', ...rest] = chunk.split(/\r?\n\r?\n/);
    if (!new RegExp(`content-type:\\s*${type}`, 'i').test(head)) continue;
    const body = rest.join('\r\n\r\n');
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (encoding === 'quoted-printable') {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    return body;
  }
  throw new Error(`no ${type} part`);
}

/** No address from the text is live: only defanged forms of the hostile ones remain. */
function expectNoHostileLink(escaped: string): void {
  const text = escaped.replace(/\\(.)/g, '$1');
  expect(text).not.toMatch(/https:\/\/(phish|evil)\.example/);
  expect(text).not.toMatch(/(^|[^[])www\.evil/);
  expect(text).toContain('phish.example');
}

describe('portal text in notifications', () => {
  it('is shown as text in each channel\'s own syntax, never as live markup or links', async () => {
    const env = { SLACK_URL: `${http.url}/slack/T1/B1/X`, TG_TOKEN: '123456:telegram-token', ZALO_TOKEN: 'zalo-token' };
    const loaded = parseConfig(`version: 1
alerts: { linkBase: "http://127.0.0.1:8080" }
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "http://127.0.0.1:9/" }
channels:
  - { id: slack, kind: slack, urlEnv: SLACK_URL }
  - { id: teams, kind: teams, url: "${http.url}/teams" }
  - { id: hook, kind: webhook, url: "${http.url}/hook" }
  - { id: tg, kind: telegram, tokenEnv: TG_TOKEN, chatId: "-100123", baseUrl: "${http.url}/tg" }
  - { id: mail, kind: email, host: 127.0.0.1, port: ${smtp.port}, from: canhbao@dvc-monitor.test, to: [vanhanh@hanoi.test] }
  - { id: zalo, kind: zalo, baseUrl: "${zalo.url}", tokenEnv: ZALO_TOKEN, userId: "8123456789" }
`, 'test.yaml', env);
    const db = openStore(join(tempDir(), 'store.sqlite'));
    syncRegistry(db, loaded.agencies, [{ id: 'dvc-hanoi', agencyCode: 'tinh:01', name: 'Hà Nội', url: 'http://127.0.0.1:9/', settings: {} }], []);
    const client = createHttpClient({ retries: 0 });
    http.requests.length = 0;
    zalo.requests.length = 0;
    smtp.mails.length = 0;
    try {
      evaluateAlerts(db, loaded, { now: new Date(), log: createLogger('silent'), rules: [rule] });
      expect(await deliverDue(db, loaded.config.channels, { http: client, env, log: createLogger('silent'), giveUpAfterHours: 72 })).toMatchObject({ delivered: 6 });
    } finally {
      await client.close();
      db.close();
    }
    const body = (prefix: string) => JSON.parse(http.requests.find((r) => r.path.startsWith(prefix))!.body);

    // Slack: the text only in plain_text blocks; mrkdwn holds nothing but our own link; the fallback has mrkdwn off and <> escaped.
    const slack = body('/slack/');
    expect(slack.mrkdwn).toBe(false);
    expect(slack.text).not.toMatch(/[<>]/);
    const section = slack.blocks.find((b: { type: string }) => b.type === 'section');
    expect(section.text.type).toBe('plain_text');
    expect(section.text.text).toContain('[Xem ngay](https[:]//phish.example/login)');
    const mrkdwn = JSON.stringify(slack.blocks.filter((b: { type: string }) => b.type === 'context'));
    expect(mrkdwn).toMatch(/<http:\/\/127\.0\.0\.1:8080\/alerts\/1\|Xem bằng chứng>/);
    expect(mrkdwn).not.toMatch(/phish|evil|channel/);
    expectNoHostileLink(JSON.stringify(slack));

    // Teams (Adaptive Card): the text only in TextRun elements, which are never read as Markdown; its card
    // functions broken; the only link is our action.
    const card = body('/teams').attachments[0].content;
    const runs = JSON.stringify(card.body.filter((b: { type: string }) => b.type === 'RichTextBlock'));
    expect(runs).toContain('[Xem ngay](https[:]//phish.example/login)');
    expect(runs).toContain('<b>in đậm</b>');
    expect(runs).not.toContain('{{DATE(');
    expect(card.body.filter((b: { type: string }) => b.type === 'TextBlock')).toEqual([]);
    const facts = JSON.stringify(card.body.find((b: { type: string }) => b.type === 'FactSet'));
    expect(facts).not.toMatch(/phish|evil|Xem ngay/);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Xem bằng chứng', url: 'http://127.0.0.1:8080/alerts/1' }]);
    expect(card.fallbackText).toContain('https[:]//phish.example');
    expectNoHostileLink(JSON.stringify(card));

    // Zalo (plain text whose addresses the app links): addresses defanged; our link the only live one.
    const zaloText = JSON.parse(zalo.requests[0]!.body).message.text as string;
    expect(zaloText).toContain('[Xem ngay](https[:]//phish.example/login)');
    expect(zaloText.match(/https?:\/\/[^\s]+/g)).toEqual(['http://127.0.0.1:8080/alerts/1']);
    expectNoHostileLink(zaloText);

    // Telegram (HTML parse mode): the only tags are ours.
    const tg = body('/tg/');
    expect(tg.parse_mode).toBe('HTML');
    expect(tg.text.match(/<[a-z]+[^>]*>/gi)).toEqual(['<b>', '<a href="http://127.0.0.1:8080/alerts/1">']);
    expect(tg.text).toContain('&lt;a href=&quot;https[:]//evil.example&quot;&gt;');
    expectNoHostileLink(tg.text);

    // The generic webhook: `text` is escaped Markdown for chat receivers, `textPlain` and `facts` keep the data.
    const hook = body('/hook');
    expect(hook.text).toContain('\\[Xem ngay\\]\\(https\\[:\\]//phish\\.example/login\\)');
    expect(hook.text).not.toMatch(/(^|[^\\])[[\]()*_~`<>]/);
    expectNoHostileLink(hook.text);
    expect(hook.textPlain).toContain(HOSTILE);
    expect(hook.facts.cookie).toBe(`${HOSTILE} (.hanoi.gov.vn)`);

    // E-mail: the HTML part has one link, ours.
    expect(smtp.mails).toHaveLength(1);
    const part = (type: string) => mimePart(smtp.mails[0]!.raw, type);
    expect(part('text/html').match(/<a href="[^"]*"/g)).toEqual(['<a href="http://127.0.0.1:8080/alerts/1"']);
    expect(part('text/html')).toContain('&lt;b&gt;in đậm&lt;/b&gt;');
    expectNoHostileLink(part('text/html'));
    expectNoHostileLink(part('text/plain'));
  });
});
