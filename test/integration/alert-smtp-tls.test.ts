// Issue 13 item 11: an e-mail channel that logs in never sends its password in clear. Real SMTP
// servers (smtp-server) on 127.0.0.1: one offering no STARTTLS (the password must not reach it
// unless the channel says `insecure: true`), one offering STARTTLS with the sandbox's test
// certificate (the password arrives over TLS).
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { deliverDue } from '../../src/alerts/delivery.ts';
import { testMessage } from '../../src/alerts/messages.ts';
import { parseConfig } from '../../src/config/load.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { enqueueTestMessage, listOutbox } from '../../storage/alerts.ts';
import { openStore } from '../../storage/db.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const TLS_DIR = fileURLToPath(new URL('../../scripts/sandbox/tls/', import.meta.url));
const env = { SMTP_USER: 'canhbao', SMTP_PASSWORD: 'mat-khau-bi-mat-42' };

interface Login { username: string; password: string; secure: boolean }

async function smtp(options: { starttls: boolean }): Promise<{ port: number; logins: Login[]; mails: number; close(): Promise<void> }> {
  const logins: Login[] = [];
  let mails = 0;
  const server = new SMTPServer({
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    // A relay that would take a password in clear: the client must not offer it one.
    allowInsecureAuth: true,
    ...(options.starttls
      ? { key: readFileSync(join(TLS_DIR, 'sandbox-key.pem')), cert: readFileSync(join(TLS_DIR, 'sandbox-cert.pem')) }
      : { disabledCommands: ['STARTTLS'] }),
    onAuth(auth, session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '', secure: session.secure });
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        mails++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const state = { port: (server.server.address() as AddressInfo).port, logins, get mails() { return mails; }, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  return state;
}

const configText = (port: number, extra = '') => `version: 1
portals: []
channels:
  - { id: mail, kind: email, host: 127.0.0.1, port: ${port}, userEnv: SMTP_USER, passwordEnv: SMTP_PASSWORD, from: canhbao@dvc-monitor.test, to: [vanhanh@hanoi.test]${extra} }
`;

async function sendTest(port: number, extra = ''): Promise<ReturnType<typeof listOutbox>[number]> {
  const loaded = parseConfig(configText(port, extra), 'test.yaml', env);
  const db = openStore(join(tempDir(), 'store.sqlite'));
  const http = createHttpClient({ retries: 0 });
  try {
    const row = enqueueTestMessage(db, 'mail', testMessage('mail', 'vi', 'http://127.0.0.1:8080', new Date()), new Date());
    await deliverDue(db, loaded.config.channels, { http, env, log: createLogger('silent'), giveUpAfterHours: 72, onlyIds: [row.id] });
    return listOutbox(db)[0]!;
  } finally {
    await http.close();
    db.close();
  }
}

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('SMTP with a password', () => {
  it('sends nothing to a relay that offers no STARTTLS, and says why', async () => {
    const server = await smtp({ starttls: false });
    servers.push(server);
    const row = await sendTest(server.port);
    expect(server.logins).toEqual([]);
    expect(server.mails).toBe(0);
    expect(row.status).toBe('dead');
    expect(row.lastError).toMatch(/offers no working STARTTLS, and channel mail logs in: its password must not cross the network in clear[^]*Fix: enable STARTTLS on the relay, or use secure: true[^]*insecure: true/);
    expect(row.lastError).not.toContain(env.SMTP_PASSWORD);
  });

  it('logs in over plain SMTP only when the channel says insecure: true', async () => {
    const server = await smtp({ starttls: false });
    servers.push(server);
    const row = await sendTest(server.port, ', insecure: true');
    expect(row.status).toBe('delivered');
    expect(server.logins).toEqual([{ username: 'canhbao', password: env.SMTP_PASSWORD, secure: false }]);
  });

  it('logs in over STARTTLS when the relay offers it (certificate verified)', async () => {
    const server = await smtp({ starttls: true });
    servers.push(server);
    const dir = tempDir();
    const config = join(dir, 'config.yaml');
    writeFileSync(config, configText(server.port));
    // The test certificate (IP 127.0.0.1) is trusted the way an operator trusts a private CA.
    const r = await runCli(['notify', 'test', 'mail', '--config', config, '--db', join(dir, 'store.sqlite')], { ...env, NODE_EXTRA_CA_CERTS: join(TLS_DIR, 'sandbox-cert.pem') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Đã gửi tin thử nghiệm qua kênh mail \(email\)/);
    expect(server.logins).toEqual([{ username: 'canhbao', password: env.SMTP_PASSWORD, secure: true }]);
    expect(server.mails).toBe(1);
  }, 30_000);
});
