// portal.down fires on a scripted outage of a sandbox portal and resolves (with a notice)
// when it recovers; a maintenance window holds the notice back; a certificate close to
// expiry raises its own alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { evaluateAlerts, UPTIME_RULES } from '../../src/alerts/evaluate.ts';
import { parseConfig, type LoadedConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { startMonitor, type MonitorOptions } from '../../src/uptime/monitor.ts';
import { listAlerts, listOutbox } from '../../storage/alerts.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { currentStates } from '../../storage/uptime.ts';
import { tempDir } from '../helpers/tmp.ts';

const log = createLogger('silent');
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function config(extra = '', portalUrl = `${sandbox.url}/sites/hanoi/`): LoadedConfig {
  return parseConfig(`version: 1
uptime: { defaults: { timeoutMs: 3000, confirmDelayMs: 0 } ${extra} }
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Cổng DVC Hà Nội, url: "${portalUrl}" }
channels:
  - { id: ops, kind: webhook, url: "http://127.0.0.1:9/hook" }
`, 'test.yaml', {});
}

async function probeOnce(db: Db, loaded: LoadedConfig, extra: Partial<MonitorOptions> = {}): Promise<void> {
  const monitor = startMonitor({ db, loaded, log, once: true, ...extra });
  await monitor.done;
  await monitor.stop();
}

const evaluate = (db: Db, loaded: LoadedConfig, now = new Date()) => evaluateAlerts(db, loaded, { now, log, rules: UPTIME_RULES });

describe('uptime alert rules', () => {
  it('portal.down opens on an outage and resolves with a notice when the portal is back', async () => {
    const db = openStore(join(tempDir(), 'u.sqlite'));
    const loaded = config();
    await probeOnce(db, loaded);
    evaluate(db, loaded);
    expect(listAlerts(db)).toEqual([]);

    sandbox.setFault('site:hanoi', { mode: 'http_5xx', status: 503 });
    try {
      await probeOnce(db, loaded);
    } finally {
      sandbox.setFault('site:hanoi', null);
    }
    evaluate(db, loaded);
    const [alert] = listAlerts(db, { activeOnly: true });
    expect(alert).toMatchObject({ rule: 'portal.down', subject: 'dvc-hanoi|home', status: 'open', severity: 'critical', portalId: 'dvc-hanoi' });
    expect(alert!.facts).toMatchObject({ portalName: 'Cổng DVC Hà Nội', reason: 'http_5xx' });

    await probeOnce(db, loaded);
    evaluate(db, loaded);
    expect(listAlerts(db, { activeOnly: true })).toEqual([]);
    expect(listOutbox(db).map((r) => r.event)).toEqual(['opened', 'resolved']);
  });

  it('holds the notice back during a declared maintenance window', async () => {
    const db = openStore(join(tempDir(), 'u.sqlite'));
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const loaded = config(`, maintenance: [{ id: bt-1, portal: dvc-hanoi, from: "${from}", to: "${to}", announcedOn: "2026-01-01", note: Nâng cấp }]`);
    sandbox.setFault('site:hanoi', { mode: 'reset' });
    try {
      await probeOnce(db, loaded);
    } finally {
      sandbox.setFault('site:hanoi', null);
    }
    evaluate(db, loaded);
    // The prober records MAINTENANCE, not DOWN, and nothing is sent.
    expect(currentStates(db).map((c) => c.state)).toEqual(['maintenance']);
    expect(listOutbox(db)).toEqual([]);
  });

  it('portal.certificate_expiring fires for a certificate that expires within the threshold', async () => {
    const pems = await generate([{ name: 'commonName', value: 'dvc-monitor alert test' }], {
      keyType: 'ec', algorithm: 'sha256', notBeforeDate: new Date(Date.now() - 86_400_000), notAfterDate: new Date(Date.now() + 5 * 86_400_000),
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const server = https.createServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const db = openStore(join(tempDir(), 'u.sqlite'));
      const loaded = config('', `https://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await probeOnce(db, loaded, { ca: pems.cert });
      evaluate(db, loaded);
      const [alert] = listAlerts(db, { activeOnly: true });
      expect(alert).toMatchObject({ rule: 'portal.certificate_expiring', severity: 'warning', facts: { daysLeft: 4, threshold: 14 } });
      // Twenty days later the same certificate has expired: now critical, still one alert.
      evaluate(db, loaded, new Date(Date.now() + 20 * 86_400_000));
      expect(listAlerts(db)).toHaveLength(1);
      expect(listAlerts(db)[0]).toMatchObject({ severity: 'critical' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
