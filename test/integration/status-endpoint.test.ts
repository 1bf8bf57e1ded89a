// The status-endpoint collector against the sandbox's Statuspage summary and plain status JSON.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentMonth } from '../../src/time/period.ts';
import { openStore } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import { collect, dumpMeasures, lastRunJobs, measureValue, snapshotsOfJobId, limitsFor } from '../helpers/collect.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { tempDir } from '../helpers/tmp.ts';

const sandbox = useSandbox();

const month = () => currentMonth();
const statuspage = () => `
  - { id: trang-thai, kind: status-endpoint, url: "${sandbox.url}/api/v2/summary.json", agency: "tinh:01" }`;
const generic = () => `
  - id: trang-thai-json
    kind: status-endpoint
    url: "${sandbox.url}/api/status.json"
    agency: "tinh:01"
    format: json
    fields:
      - { path: status, metric: status.indicator, map: { ok: 0, degraded: 1, down: 2 } }
      - { path: "components[*]", metric: status.components_total, aggregate: count }
      - { path: "components[*].status", metric: status.components_operational, aggregate: count, equals: ok }`;

describe('status endpoint collector', () => {
  it('reads the Statuspage summary: components, operational ones, the indicator code', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    expect((await collect(db, statuspage(), [month()])).status).toBe('succeeded');
    expect(measureValue(db, 'tinh:01', 'status.components_total', month())?.value).toBe(4);
    expect(measureValue(db, 'tinh:01', 'status.components_operational', month())?.value).toBe(4);
    expect(measureValue(db, 'tinh:01', 'status.indicator', month())?.value).toBe(0);
    expect(measureValue(db, 'tinh:01', 'status.incidents_open', month())?.value).toBe(0);

    // The Bộ Công Thương site goes down: the summary says "major", one component fewer is operational.
    sandbox.setFault('site:bct', { mode: 'http_5xx' });
    await collect(db, statuspage(), [month()]);
    expect(measureValue(db, 'tinh:01', 'status.components_operational', month())?.value).toBe(3);
    expect(measureValue(db, 'tinh:01', 'status.indicator', month())?.value).toBe(2);
    db.close();
  });

  it('reads any status JSON through the declared paths', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    sandbox.setFault('site:bct', { mode: 'slow', delayMs: 1 });
    expect((await collect(db, generic(), [month()])).status).toBe('succeeded');
    expect(measureValue(db, 'tinh:01', 'status.components_total', month())?.value).toBe(4);
    expect(measureValue(db, 'tinh:01', 'status.components_operational', month())?.value).toBe(3);
    expect(measureValue(db, 'tinh:01', 'status.indicator', month())?.value).toBe(1);
    db.close();
  });

  it('plans nothing for past months: a status says how things are now', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    const summary = await collect(db, statuspage(), ['2025-01']);
    expect(summary.jobsTotal).toBe(0);
    db.close();
  });

  const cases = [
    { fault: { mode: 'html_200' }, reason: 'not_json' },
    { fault: { mode: 'malformed_json' }, reason: 'malformed_json' },
    { fault: { mode: 'truncated' }, reason: 'truncated' },
    { fault: { mode: 'empty_array' }, reason: 'unexpected_shape' },
    { fault: { mode: 'http_5xx', status: 502 }, reason: 'http_5xx' },
    { fault: { mode: 'slow', delayMs: 3000 }, reason: 'timeout' },
  ] as const;
  for (const { fault, reason } of cases) {
    it(`records ${fault.mode} as ${reason}, keeps the earlier values and the payload`, async () => {
      const db = openStore(join(tempDir(), 's.sqlite'));
      await collect(db, statuspage(), [month()]);
      const before = dumpMeasures(db);
      sandbox.setFault('status', fault);
      const summary = await collect(db, statuspage(), [month()], { limits: limitsFor(fault) });
      expect(summary.failures.map((f) => f.reason)).toEqual([reason]);
      expect(dumpMeasures(db)).toEqual(before);
      const [job] = lastRunJobs(db);
      const kept = snapshotsOfJobId(db, job!.id);
      if (reason === 'timeout') expect(kept).toEqual([]); // nothing came back to keep
      else expect(readBody(db, kept[0]!.sha256)!.intact).toBe(true);
      db.close();
    });
  }
});
