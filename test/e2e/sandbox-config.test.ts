// The shipped config/sandbox.yaml runs green against the sandbox: every source kind collects.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IGATE_SANDBOX_SECRET } from '../../scripts/sandbox/igate.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { createLogger } from '../../src/log.ts';
import { runMeasurement } from '../../src/run/nightly.ts';
import { addMonths, currentMonth } from '../../src/time/period.ts';
import { openStore } from '../../storage/db.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { tempDir } from '../helpers/tmp.ts';

const sandbox = useSandbox();

describe('config/sandbox.yaml', () => {
  it('collects every source of every kind without a failure', async () => {
    const env = { SANDBOX_URL: sandbox.url, IGATE_SANDBOX_CLIENT_SECRET: IGATE_SANDBOX_SECRET };
    const loaded = loadConfig('config/sandbox.yaml', env);
    const db = openStore(join(tempDir(), 's.sqlite'));
    const http = createHttpClient({ retries: 1, retryBaseDelayMs: 10 });
    const now = currentMonth();
    try {
      const summary = await runMeasurement({ db, loaded, plan: { periods: [addMonths(now, -2), addMonths(now, -1), now] }, http, log: createLogger('silent'), env });
      expect(summary.failures).toEqual([]);
    } finally {
      await http.close();
    }
    // Every source ran and succeeded (sources that publish the same figures as the gateway share its rows).
    const succeeded = db.prepare("SELECT DISTINCT source_id FROM job WHERE kind = 'collect' AND status = 'succeeded'").pluck().all() as string[];
    expect(succeeded.sort()).toEqual(loaded.config.sources.map((s) => s.id).sort());
    // ...and every portal was checked in the same run.
    const checked = db.prepare("SELECT DISTINCT portal_id FROM job WHERE kind = 'check' AND status = 'succeeded'").pluck().all() as string[];
    expect(checked.sort()).toEqual(loaded.config.portals.map((p) => p.id).sort());
    expect(db.prepare("SELECT count(*) FROM measure WHERE metric LIKE 'ytd.%' AND value > 0").pluck().get()).toBeGreaterThan(30);
    expect(db.prepare("SELECT count(*) FROM measure WHERE agency_code LIKE 'xa:%' AND value > 0").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT value FROM measure WHERE agency_code = 'VN' AND metric = 'status.components_operational'").pluck().get()).toBe(4);
    db.close();
  });
});
