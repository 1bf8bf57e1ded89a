// Issue 13 item 10: channel secrets never reach the outbox, the logs, `notify test` or
// `alerts --json`, in whatever form they come back: a receiver echoing the request path as
// Express does ("Cannot POST /hook/…/TOKEN"), percent-encoded, JSON-escaped, or a URL configured
// as "HTTP://…" or with the trailing newline of a mounted secret file, which the HTTP client
// normalises before any error quotes it. Real receivers on 127.0.0.1, a real store, the real CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { deliverDue, scrubStoredSecrets } from '../../src/alerts/delivery.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import type { AlertRule } from '../../src/alerts/types.ts';
import { secretFrom, secretForms } from '../../src/alerts/channels/secrets.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { listOutbox, markAttemptFailed } from '../../storage/alerts.ts';
import { openStore } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

/** The secret parts of every channel below; none may show, in any encoding. */
const SECRETS = ['T0SECRET1', 'B0SECRET2', 'XXXXSECRETTOKENXXXX', 'SECRETGUID-1234', 'abcdef0123456789', 'HOOKTOKEN123456', 'QUERYSECRET99', 'AAHsecretTelegramToken_x', 'CLOSEDTOKEN123', 'hmac-secret-value'];

let receiver: Server;
let base = '';
beforeAll(async () => {
  // Answers 404 and echoes what it was asked for, the way frameworks do.
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '/';
      if (path.startsWith('/services/')) res.writeHead(404, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><html><body><pre>Cannot POST ${path}</pre></body></html>`);
      else if (path.startsWith('/webhookb2/')) res.writeHead(404).end(`no route for ${encodeURIComponent(path)}`);
      else if (path.startsWith('/hook/')) res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'no route', path }).replace(/\//g, '\\/'));
      else if (path.startsWith('/tg/')) res.writeHead(404).end(JSON.stringify({ ok: false, description: `Not Found: ${path.replace(/:/g, '%3A')}` }));
      else res.writeHead(500).end(`${'x'.repeat(285)} ${path}`);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

function environment(): NodeJS.ProcessEnv {
  return {
    SLACK_URL: `http://${base}/services/T0SECRET1/B0SECRET2/XXXXSECRETTOKENXXXX`,
    TEAMS_URL: `HTTP://${base.toUpperCase()}/webhookb2/SECRETGUID-1234/IncomingWebhook/abcdef0123456789`,
    HOOK_URL: `http://${base}/hook/HOOKTOKEN123456?token=QUERYSECRET99\n`,
    HOOK_HMAC: 'hmac-secret-value\n',
    TG_TOKEN: 'AAHsecretTelegramToken_x'.replace(/^/, '123456789:'),
    CUT_URL: `http://${base}/cut/CLOSEDTOKEN123`,
    CLOSED_URL: 'HTTP://127.0.0.1:9/closed/CLOSEDTOKEN123',
  };
}

const CONFIG = (linkBase: string) => `version: 1
alerts: { linkBase: "${linkBase}" }
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "http://127.0.0.1:9/" }
channels:
  - { id: slack, kind: slack, urlEnv: SLACK_URL }
  - { id: teams, kind: teams, urlEnv: TEAMS_URL }
  - { id: hook, kind: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_HMAC }
  - { id: tg, kind: telegram, tokenEnv: TG_TOKEN, chatId: "-100123", baseUrl: "http://${base}/tg" }
  - { id: cut, kind: webhook, urlEnv: CUT_URL }
  - { id: closed, kind: webhook, urlEnv: CLOSED_URL }
`;

/** Which secrets a text gives away: as written, percent-decoded, or with JSON's escaped slashes undone. */
function leaks(text: string): string[] {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch { /* not all of it decodes */ }
  const views = [text, decoded, text.replace(/\\\//g, '/'), text.replace(/%3A/gi, ':')];
  // Any 8 characters in a row of a secret count: a message cut in the middle of one still gives it away.
  const pieces = (s: string) => Array.from({ length: Math.max(1, s.length - 7) }, (_, i) => s.slice(i, i + 8));
  return SECRETS.filter((s) => views.some((v) => pieces(s).some((p) => v.includes(p))));
}

const rule: AlertRule = {
  id: 'portal.down', title: { vi: 'Cổng ngừng hoạt động', en: 'Portal down' },
  evaluate: () => [{ rule: 'portal.down', subject: 'dvc-hanoi', portalId: 'dvc-hanoi', severity: 'critical', facts: { portal: 'dvc-hanoi', url: 'http://127.0.0.1:9/', reason: 'timeout', since: '2026-11-22T01:00:00.000Z' } }],
};

/** The configuration (as a file, for the CLI) and a store with the portal the rule fires about. */
function setup() {
  const dir = tempDir();
  const env = environment();
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, CONFIG('http://127.0.0.1:8080'));
  const loaded = parseConfig(CONFIG('http://127.0.0.1:8080'), configFile, env);
  const dbFile = join(dir, 'store.sqlite');
  const db = openStore(dbFile);
  syncRegistry(db, loaded.agencies, [{ id: 'dvc-hanoi', agencyCode: 'tinh:01', name: 'Hà Nội', url: 'http://127.0.0.1:9/', settings: {} }], []);
  return { env, configFile, loaded, dbFile, db };
}

describe('channel secrets', () => {
  it('are redacted in every form from the outbox, the logs, `alerts --json` and `notify test`', async () => {
    const { env, configFile, loaded, dbFile, db } = setup();
    const lines: string[] = [];
    const log = createLogger('debug', new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } }));
    const http = createHttpClient({ retries: 0 });
    try {
      evaluateAlerts(db, loaded, { now: new Date(), log, rules: [rule] });
      const result = await deliverDue(db, loaded.config.channels, { http, log, env, giveUpAfterHours: 72 });
      expect(result.delivered).toBe(0);
    } finally {
      await http.close();
    }
    const rows = listOutbox(db);
    db.close();
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.lastError, row.channelId).toMatch(/\[redacted\]/);
      expect(leaks(row.lastError ?? ''), `${row.channelId}: ${row.lastError}`).toEqual([]);
    }
    // Still says what went wrong.
    expect(rows.find((r) => r.channelId === 'slack')!.lastError).toMatch(/^HTTP 404: .*Cannot POST \[redacted\]/);
    expect(rows.find((r) => r.channelId === 'closed')!.lastError).toMatch(/^connect_refused: \[redacted\] \(connect ECONNREFUSED 127\.0\.0\.1:9\)$/);
    expect(leaks(lines.join(''))).toEqual([]);
    expect(lines.join('')).toMatch(/notification not delivered/);

    const alerts = await runCli(['alerts', '--json', '--config', configFile, '--db', dbFile], env);
    expect(alerts.code, alerts.stderr).toBe(0);
    expect(JSON.parse(alerts.stdout)[0].notifications).toHaveLength(6);
    expect(leaks(alerts.stdout)).toEqual([]);

    for (const channel of ['slack', 'teams', 'hook', 'tg']) {
      const test = await runCli(['notify', 'test', channel, '--config', configFile, '--db', dbFile], env);
      expect(test.code, channel).toBe(1);
      expect(test.stderr).toMatch(new RegExp(`Không gửi được qua kênh ${channel}: .*\\[redacted\\]`));
      expect(leaks(test.stdout + test.stderr), `${channel}: ${test.stderr}`).toEqual([]);
    }
  }, 60_000);

  it('left in the store by an earlier version are redacted when shown and scrubbed when the service starts', async () => {
    const { env, configFile, loaded, dbFile, db } = setup();
    evaluateAlerts(db, loaded, { now: new Date(), log: createLogger('silent'), rules: [rule] });
    // What the earlier version stored: the receiver's echo, whole.
    const slackRow = listOutbox(db).find((r) => r.channelId === 'slack')!;
    markAttemptFailed(db, slackRow.id, 'HTTP 404: Cannot POST /services/T0SECRET1/B0SECRET2/XXXXSECRETTOKENXXXX', new Date());
    const alerts = await runCli(['alerts', '--json', '--config', configFile, '--db', dbFile], env);
    expect(alerts.code, alerts.stderr).toBe(0);
    expect(alerts.stdout).toContain('Cannot POST [redacted]');
    expect(leaks(alerts.stdout)).toEqual([]);
    expect(scrubStoredSecrets(db, loaded.config.channels, env)).toBe(1);
    expect(listOutbox(db).find((r) => r.id === slackRow.id)!.lastError).toBe('HTTP 404: Cannot POST [redacted]');
    expect(scrubStoredSecrets(db, loaded.config.channels, env)).toBe(0);
    db.close();
  }, 30_000);

  it('are trimmed and checked when read, and a malformed one is refused without being quoted', () => {
    expect(secretFrom({ X: 'https://hooks.example/T1/TOKEN\n' }, 'c', 'urlEnv', 'X')).toBe('https://hooks.example/T1/TOKEN');
    expect(secretFrom({ X: '  s3cret-value \r\n' }, 'c', 'secretEnv', 'X')).toBe('s3cret-value');
    expect(secretFrom({ X: 'pass word \n' }, 'c', 'passwordEnv', 'X')).toBe('pass word ');
    expect(() => secretFrom({ X: 'hooks.example/T1/TOKEN' }, 'c', 'urlEnv', 'X')).toThrow(/channel c: the value of X \(urlEnv\) is not a URL\. Fix:/);
    expect(() => secretFrom({ X: 'ftp://hooks.example/TOKEN' }, 'c', 'urlEnv', 'X')).toThrow(/is not an http\(s\) URL \(scheme ftp:\)/);
    expect(() => secretFrom({ X: '123:AB CD' }, 'c', 'tokenEnv', 'X')).toThrow(/contains white space/);
    for (const bad of ['hooks.example/T1/TOKEN', 'ftp://hooks.example/TOKEN', '123:AB CD']) {
      try {
        secretFrom({ X: bad }, 'c', bad.startsWith('123') ? 'tokenEnv' : 'urlEnv', 'X');
      } catch (err) {
        expect((err as Error).message).not.toContain('TOKEN');
        expect((err as Error).message).not.toContain('AB CD');
      }
    }
    // The forms: normalised URL, path, segments, query values, encoded and JSON-escaped.
    const forms = secretForms('HTTP://Hooks.Example/hook/TOK%2BEN1?token=Q1W2E3R4');
    expect(forms).toEqual(expect.arrayContaining(['http://hooks.example/hook/TOK%2BEN1?token=Q1W2E3R4', '/hook/TOK%2BEN1?token=Q1W2E3R4', 'TOK%2BEN1', 'TOK+EN1', 'Q1W2E3R4', '\\/hook\\/TOK%2BEN1']));
    expect(forms).not.toContain('hook');
  });
});
