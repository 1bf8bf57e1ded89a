// Issue 14, "held to its own standard": the dashboard and the public status page, served by the
// real `dvc-monitor serve` over HTTPS (server.tls, the sandbox's test certificate, trusted by its
// pin as the checks trust the sandbox's), checked by dvc-monitor's own Checker in real Chromium,
// every page at 1366 × 900 and at 390 × 844: the accessibility score is 100 and the privacy score
// is 100 (no third-party request, no cookie, strict headers, HSTS, HTTP redirected to HTTPS, a
// policy with a contact point), with no criterion failed. The Checker's screenshots are kept
// under test-artifacts/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TLS_SPKI_SHA256 } from '../../scripts/sandbox/hosts.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { Checker, DEFAULT_CHECK_SETTINGS } from '../../src/checks/checker.ts';
import { judgePortal } from '../../src/checks/judge.ts';
import { scoreArea } from '../../src/checks/score.ts';
import type { PageEvidence } from '../../src/checks/types.ts';
import { currentMonth } from '../../src/time/period.ts';
import { applyAlertChanges } from '../../storage/alerts.ts';
import { openStore } from '../../storage/db.ts';
import { startCli } from '../helpers/cli.ts';
import { filledStore } from '../helpers/sandbox-config.ts';
import { startServe } from '../helpers/serve.ts';

const HOSTILE = '<img src=x onerror=alert(1)>Cổng "thử"';
const PERIOD = currentMonth(new Date());
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
const CERT = join(import.meta.dirname, '../../scripts/sandbox/tls/sandbox-cert.pem');
const KEY = join(import.meta.dirname, '../../scripts/sandbox/tls/sandbox-key.pem');
const VIEWPORTS = [{ width: 1366, height: 900 }, { width: 390, height: 844 }] as const;

let sandbox: Sandbox;
let serve: ReturnType<typeof startCli>;
let base: string;
let checker: Checker;
let alertId: number;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 14 });
  const extra = `server:
  tls: { certFile: "${CERT}", keyFile: "${KEY}" }
  contact: { name: "Tổ vận hành", email: vanhanh@example.gov.vn }`;
  const { config, db } = await filledStore(sandbox.url, { portalName: HOSTILE, period: PERIOD, months: 2, extra, public: true });
  const store = openStore(db);
  applyAlertChanges(store, [{
    kind: 'create', status: 'open', notify: null, silencedReason: null,
    condition: { rule: 'portal.down', subject: 'dvc-hanoi|home', portalId: 'dvc-hanoi', severity: 'critical', facts: { portal: 'dvc-hanoi', portalName: HOSTILE, since: new Date().toISOString(), reason: 'http_5xx' } },
  }], () => [], new Date());
  alertId = (store.prepare('SELECT max(id) AS id FROM alert').get() as { id: number }).id;
  store.close();
  ({ serve, base } = await startServe(['--config', config, '--db', db], { DVC_MONITOR_TOKEN: 'not-a-secret' }));
  // The dashboard lives on 127.0.0.1 (its own kind of address: the local-network guard lets it
  // reach itself); its certificate is the sandbox's, trusted by its pin.
  checker = new Checker({ ...DEFAULT_CHECK_SETTINGS, concurrency: 2, trustedCertificateSpki: [TLS_SPKI_SHA256], pageTimeoutMs: 30_000 });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await checker?.close();
  serve?.child.kill('SIGTERM');
  await serve?.done;
  await sandbox?.close();
});

const slug = (path: string) => path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'tong-quan';

/** The failed or erroneous portal-level criteria, each with the first findings of its failing pages, for a readable failure. */
function problems(results: ReturnType<typeof judgePortal>): string[] {
  return results.filter((r) => r.level === 'portal' && !r.advisory && (r.outcome === 'fail' || r.outcome === 'error')).map((r) => {
    const pages = results.filter((p) => p.level === 'page' && p.criterionId === r.criterionId && (p.outcome === 'fail' || p.outcome === 'error'));
    return `${r.criterionId}: ${r.outcome} ${pages.map((p) => `${new URL(p.pageUrl).pathname}: ${p.details.slice(0, 3).map((d) => `${d.text.en} ${JSON.stringify(d.data ?? {}).slice(0, 300)}`).join(' | ')}`).join(' || ')}`;
  });
}

describe('the dashboard and the status page, checked by dvc-monitor itself', () => {
  it('serves HTTPS, redirects plain HTTP on the same port, and names itself a dashboard', async () => {
    expect(base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const plain = await fetch(base.replace('https:', 'http:') + '/status', { redirect: 'manual' });
    expect(plain.status).toBe(308);
    expect(plain.headers.get('location')).toBe(`${base}/status`);
  });

  for (const viewport of VIEWPORTS) {
    it(`scores 100 for accessibility and for privacy on every page at ${viewport.width} × ${viewport.height}`, async () => {
      const size = `${viewport.width}x${viewport.height}`;
      // The home pages of both faces, checked whole: their links lead to the statement and the policy.
      const dashboard = await checker.checkPortal({ portalId: null, homeUrl: `${base}/`, pages: [] }, { viewport });
      const status = await checker.checkPortal({ portalId: null, homeUrl: `${base}/status`, pages: [] }, { viewport });
      const linked = (c: typeof dashboard) => c.visits.slice(1).map((v) => v.evidence);
      expect(dashboard.visits.map((v) => new URL(v.evidence.requestedUrl).pathname).sort()).toEqual(['/', '/du-lieu-ca-nhan', '/tiep-can']);
      expect(status.visits.map((v) => new URL(v.evidence.requestedUrl).pathname).sort()).toEqual(['/status', '/status/du-lieu-ca-nhan', '/status/tiep-can']);
      const judged: Array<{ path: string; home: PageEvidence; pages: PageEvidence[]; screenshot: Buffer | null }> = [
        { path: '/', home: dashboard.visits[0]!.evidence, pages: linked(dashboard), screenshot: dashboard.visits[0]!.screenshot },
        { path: '/status', home: status.visits[0]!.evidence, pages: linked(status), screenshot: status.visits[0]!.screenshot },
      ];
      // Every other page on its own, judged with the statement and policy its footer links to.
      const others = [`/agency/tinh:01?period=${PERIOD}`, '/portals', '/portal/dvc-hanoi', '/portal/dvc-hanoi?range=30d', '/alerts', `/alerts/${alertId}`, '/tiep-can', '/status/tiep-can', '/du-lieu-ca-nhan'];
      const visits = await Promise.all(others.map((path) => checker.visit(`${base}${path}`, 'home', '127.0.0.1', ['privacy', 'accessibility'], { viewport })));
      others.forEach((path, i) => judged.push({
        path, home: visits[i]!.evidence, pages: path.startsWith('/status') ? linked(status) : linked(dashboard), screenshot: visits[i]!.screenshot,
      }));

      // Every page judged before anything is asserted: a failure lists all that falls short at this size.
      const found: string[] = [];
      for (const page of judged) {
        if (page.screenshot) writeFileSync(join(ARTIFACTS, `self-check-${size}-${slug(page.path)}.jpg`), page.screenshot);
        const at = `${page.path} at ${size}`;
        if (page.home.error) found.push(`${at}: not checked: ${JSON.stringify(page.home.error)}`);
        const results = judgePortal({ home: page.home, pages: page.pages }, ['privacy', 'accessibility'], new Date().toISOString().slice(0, 10));
        found.push(...problems(results).map((p) => `${at}: ${p}`));
        for (const area of ['accessibility', 'privacy'] as const) {
          const score = scoreArea(results, area).score;
          if (score !== 100) found.push(`${at}: ${area} score ${score}`);
        }
        // No request left the dashboard, nothing was stored in the browser.
        const third = page.home.requests.filter((r) => r.party === 'third').map((r) => r.url);
        if (third.length) found.push(`${at}: third-party requests ${third.join(', ')}`);
        if (page.home.cookies.length) found.push(`${at}: cookies ${JSON.stringify(page.home.cookies)}`);
        if (page.home.storage.length) found.push(`${at}: browser storage ${JSON.stringify(page.home.storage)}`);
      }
      expect(judged).toHaveLength(11);
      expect(found).toEqual([]);
    }, 900_000);
  }
});
