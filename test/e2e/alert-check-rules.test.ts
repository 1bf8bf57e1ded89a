// Compliance regressions in real Chromium: portal "dvc-x" is first the sandbox's clean build
// (Hà Nội), then a check during a 5xx fault, then the build with known defects (Bộ Công
// Thương), then clean again. The check rules fire on the defective build (compared with the clean
// one, not with the failed check) and resolve on the last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import { checkRegressed, newCookie, newTracker, newViolation } from '../../src/alerts/rules/checks.ts';
import { Checker, targetOfPortal } from '../../src/checks/checker.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/log.ts';
import { listAlerts } from '../../storage/alerts.ts';
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

describe('compliance regression rules', () => {
  it('fire when a portal regresses and resolve when it is repaired', async () => {
    const loaded = loadConfig('config/sandbox.yaml', { SANDBOX_URL: sandbox.url, SANDBOX_PORT: String(sandbox.port) });
    const build = (id: string) => {
      const portal = loaded.config.portals.find((p) => p.id === id)!;
      return targetOfPortal({ ...portal, id: 'dvc-x', pages: [] });
    };
    const db = openStore(join(tempDir(), 'checks.sqlite'));
    syncRegistry(db, loaded.agencies, [{ id: 'dvc-x', agencyCode: 'tinh:01', name: 'Cổng X', url: 'http://127.0.0.1:9/', settings: {} }], []);
    const { enabled: _e, ...settings } = loaded.config.checks!;
    const checker = new Checker(settings);
    const log = createLogger('silent');
    const checkAndJudge = async (portal: string) => {
      saveCheck(db, { runId: null, jobId: null, check: await checker.checkPortal(build(portal)) });
      evaluateAlerts(db, loaded, { now: new Date(), log, rules: RULES });
      return listAlerts(db, { activeOnly: true });
    };
    try {
      expect(await checkAndJudge('dvc-hanoi')).toEqual([]);
      // A check the scanner could not complete (the portal answered 5xx) is skipped: the next one is compared with the clean build.
      sandbox.setFault('site:hanoi', { mode: 'http_5xx' });
      try {
        expect(await checkAndJudge('dvc-hanoi')).toEqual([]);
      } finally {
        sandbox.setFault('site:hanoi', null);
      }

      const regressed = await checkAndJudge('dvc-bct');
      const subjects = (rule: string) => regressed.filter((a) => a.rule === rule).map((a) => a.subject);
      expect(subjects('check.new_tracker')).toEqual(['dvc-x|www.google-analytics.com']);
      expect(subjects('check.new_cookie').length).toBeGreaterThan(0);
      expect(subjects('check.new_violation')).toContain('dvc-x|image-alt');
      expect(subjects('check.regressed')).toEqual(expect.arrayContaining(['dvc-x|privacy.no-tracker-before-consent', 'dvc-x|accessibility.page-language']));
      const tracker = regressed.find((a) => a.rule === 'check.new_tracker')!;
      expect(tracker).toMatchObject({ severity: 'critical', portalId: 'dvc-x', facts: { host: 'www.google-analytics.com', tracker: 'Google Analytics' } });

      expect(await checkAndJudge('dvc-hanoi')).toEqual([]);
      expect(listAlerts(db).every((a) => a.status === 'resolved')).toBe(true);
    } finally {
      await checker.close();
      db.close();
    }
  });
});
