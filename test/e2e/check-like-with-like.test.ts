// Issue 13 item 4, in real Chromium against the sandbox: a check of one area (`check dvc-bct
// --area privacy`) or a check that ran while the portal answered 5xx must neither raise "new"
// alerts at the next full check for defects present all along, nor take over the scorecard
// that the report, the dashboard and the demo show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import { checkRegressed, newCookie, newTracker, newViolation } from '../../src/alerts/rules/checks.ts';
import { Checker, targetOfPortal } from '../../src/checks/checker.ts';
import type { Area } from '../../src/checks/types.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { startDashboard } from '../../src/server/server.ts';
import { listAlerts } from '../../storage/alerts.ts';
import { latestScorecard } from '../../storage/check-report.ts';
import { localTimeText } from '../../src/report/local-time.ts';
import { localIsoWithOffset } from '../../src/time/period.ts';
import { saveCheck } from '../../storage/checks.ts';
import { openStore } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { tempDir } from '../helpers/tmp.ts';

const RULES = [checkRegressed, newTracker, newCookie, newViolation];
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('check regressions compare like with like', () => {
  it('a privacy-only check and a check during a 5xx fault raise no alerts and keep each area\'s latest complete result on the scorecard', async () => {
    const loaded = loadConfig('config/sandbox.yaml', { SANDBOX_URL: sandbox.url, SANDBOX_PORT: String(sandbox.port) });
    const portal = loaded.config.portals.find((p) => p.id === 'dvc-bct')!;
    const target = targetOfPortal({ ...portal, pages: [] });
    const db = openStore(join(tempDir(), 'checks.sqlite'));
    syncRegistry(db, loaded.agencies, [{ id: 'dvc-bct', agencyCode: 'bo:BCT', name: portal.name, url: portal.url, settings: {} }], []);
    const { enabled: _e, ...settings } = loaded.config.checks!;
    const checker = new Checker(settings);
    const log = createLogger('silent');
    const checkAndJudge = async (areas: Area[]) => {
      const { checkId } = saveCheck(db, { runId: null, jobId: null, check: await checker.checkPortal(target, { areas }) });
      evaluateAlerts(db, loaded, { now: new Date(), log, rules: RULES });
      return { checkId, alerts: listAlerts(db).map((a) => `${a.rule} ${a.subject}`) };
    };
    const withFault = async <T>(work: () => Promise<T>) => {
      sandbox.setFault('site:bct', { mode: 'http_5xx' });
      try {
        return await work();
      } finally {
        sandbox.setFault('site:bct', null);
      }
    };
    try {
      const privacyOnly = await checkAndJudge(['privacy']);
      expect(privacyOnly.alerts).toEqual([]);
      const failed = await withFault(() => checkAndJudge(['privacy', 'accessibility']));
      expect(failed.alerts).toEqual([]);
      // Before: six check.new_violation (three critical), new trackers and cookies, all present since the first check.
      const full = await checkAndJudge(['privacy', 'accessibility']);
      expect(full.alerts).toEqual([]);

      const privacyAgain = await checkAndJudge(['privacy']);
      const failedAgain = await withFault(() => checkAndJudge(['privacy', 'accessibility']));
      expect(failedAgain.alerts).toEqual([]);

      // The scorecard: privacy from the newest privacy check, accessibility from the full one, each with its date,
      // and the failed attempt named, not shown as the result.
      const card = latestScorecard(db, 'dvc-bct')!;
      expect(card.areas.map((a) => [a.area, a.checkId, a.complete, a.score !== null])).toEqual([
        ['privacy', privacyAgain.checkId, true, true], ['accessibility', full.checkId, true, true],
      ]);
      for (const a of card.areas) expect(a.newerIncomplete).toMatchObject({ checkId: failedAgain.checkId, reasons: ['http_5xx'] });
      expect(card.checks.map((c) => c.checkId)).toEqual([privacyAgain.checkId, full.checkId]);
      expect(new Set(card.results.map((r) => `${r.area}:${r.checkId}`))).toEqual(new Set([`privacy:${privacyAgain.checkId}`, `accessibility:${full.checkId}`]));

      // The dashboard shows both cards with their dates and the failed attempt.
      const dashboard = await startDashboard({ db, loaded, log, token: null, port: 0 });
      try {
        const page = await (await fetch(`${dashboard.url}/portal/dvc-bct`)).text();
        for (const a of card.areas) {
          // Shown in Vietnam time with its offset, the exact instant (ISO with +07:00) in <time datetime>.
          const local = localIsoWithOffset(new Date(a.finishedAt));
          expect(local).toMatch(/\+07:00$/);
          expect(page).toMatch(new RegExp(`data-area="${a.area}" data-check-id="${a.checkId}"[^]*?<time datetime="${local.replace(/\+/g, '\\+')}">${localTimeText(a.finishedAt).replace(/[()+]/g, '\\$&')}</time>`));
          expect(page).not.toContain(`${a.finishedAt} (UTC)`);
        }
        expect(page).toContain(`#${failedAgain.checkId}`);
        expect(page).toContain('http_5xx');
        expect(page).not.toMatch(/class="big">—/);
      } finally {
        await dashboard.close();
      }
    } finally {
      await checker.close();
      db.close();
    }
  }, 300_000);
});
