// Incremental nightly re-checks through scale-out workers (issue 17): the coordinator, the only
// holder of the store, offers each page job the page's last complete accessibility evidence; a
// worker reuses it for an unchanged page and records the visit it came from, and checks a changed
// page in full. The coordinator and a worker in child processes, a real Redis and the sandbox;
// the nightly runs every minute so that a second run follows the first.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicSiteUrl } from '../../scripts/sandbox/hosts.ts';
import { checksConfigYaml } from '../helpers/checks.ts';
import { useRedis } from '../helpers/redis.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { query, startCoordinator, startWorkerRole, waitFor, writeConfig } from '../helpers/scale.ts';
import { tempDir } from '../helpers/tmp.ts';

const sandbox = useSandbox();
const redis = useRedis();

function configText(prefix: string, fullRecheckEvery: string): string {
  return `version: 1
http: { timeoutMs: 5000, retries: 1, retryBaseDelayMs: 20 }
schedule: { nightly: "* * * * *" }
portals:
  - id: dvc-hanoi
    agency: "tinh:01"
    name: Hà Nội
    url: "${sandbox.url}/sites/hanoi/"
    checkUrl: "${publicSiteUrl('hanoi')}"
    probes: []
    pages: [{ kind: statistics, url: "${sandbox.url}/sites/hanoi/thong-ke" }]
${checksConfigYaml(sandbox, `  fullRecheckEvery: "${fullRecheckEvery}"\n  keyboardSample: 10\n`)}
queue:
  redis: { url: "${redis.url}" }
  prefix: ${prefix}
  locations: [{ id: hn-vnpt }]
  workerGraceSeconds: 6
  lockSeconds: 10
`;
}

interface VisitRow {
  check_id: number;
  id: number;
  url: string;
  status: string;
  fingerprint: string | null;
  a11y_reused_from: number | null;
}

const visitsOf = (db: string) => query<VisitRow>(db, 'SELECT check_id, id, url, status, fingerprint, a11y_reused_from FROM check_visit ORDER BY check_id, page_index');
const checksDone = (db: string, n: number) => {
  const runs = query<{ status: string }>(db, "SELECT status FROM run WHERE status != 'running' ORDER BY id");
  return runs.length >= n ? runs : undefined;
};
/** A check's scored results, what an auditor reads. */
const accessibilityResults = (db: string, checkId: number, url: string) => query(db, `SELECT r.criterion_id, r.outcome, r.basis_json FROM check_result r JOIN check_visit v ON v.id = r.visit_id
  WHERE r.check_id = ? AND r.area = 'accessibility' AND v.url = ? ORDER BY r.criterion_id`, checkId, url);

/** Two nightly runs spread over a worker, the sandbox's statistics page redesigned between them. */
async function twoNights(prefix: string, fullRecheckEvery: string) {
  const dir = tempDir();
  const file = writeConfig(dir, configText(prefix, fullRecheckEvery));
  const db = join(dir, 'store.sqlite');
  const worker = startWorkerRole(file, 'hn-vnpt', 'check');
  const coordinator = startCoordinator(file, db);
  const first = await waitFor('the first run', () => checksDone(db, 1), 240_000, [coordinator, worker]);
  expect(first[0]!.status).toBe('succeeded');
  // The statistics table's headings renamed: that page's DOM changes, the others' do not.
  await sandbox.setFault('site:hanoi', { mode: 'redesigned' });
  const runs = await waitFor('the second run', () => checksDone(db, 2), 240_000, [coordinator, worker]);
  expect(runs[1]!.status).toBe('succeeded');
  expect((await coordinator.stop()).code).toBe(0);
  await worker.stop();
  const visits = visitsOf(db);
  const checkIds = [...new Set(visits.map((v) => v.check_id))];
  expect(checkIds.length).toBeGreaterThanOrEqual(2);
  const [night1, night2] = [visits.filter((v) => v.check_id === checkIds[0]), visits.filter((v) => v.check_id === checkIds[1])];
  return { db, night1, night2, checkIds };
}

describe('incremental re-checks over scale-out workers', () => {
  it('a second distributed check reuses the accessibility evidence of unchanged pages, naming the first visit, and checks a changed page in full', async () => {
    const { db, night1, night2, checkIds } = await twoNights('incr', '7d');
    expect(night1.length).toBeGreaterThanOrEqual(3); // home, statistics, policy, statement
    expect(night1.every((v) => v.status === 'ok' && v.fingerprint !== null && v.a11y_reused_from === null)).toBe(true);
    expect(night2.map((v) => v.url)).toEqual(night1.map((v) => v.url));
    const statistics = (vs: VisitRow[]) => vs.find((v) => v.url.endsWith('/thong-ke'))!;
    for (const v of night2) {
      const before = night1.find((b) => b.url === v.url)!;
      if (v === statistics(night2)) {
        // Redesigned: checked in full, a fingerprint of its own, reusable in turn.
        expect(v.a11y_reused_from, v.url).toBeNull();
        expect(v.fingerprint).not.toBeNull();
        expect(v.fingerprint).not.toBe(before.fingerprint);
      } else {
        // Unchanged: the first check's visit named as the source, its verdicts those of that visit.
        expect(v.a11y_reused_from, v.url).toBe(before.id);
        expect(accessibilityResults(db, checkIds[1]!, v.url)).toEqual(accessibilityResults(db, checkIds[0]!, v.url));
      }
    }
    // The stored evidence says the same, with the check it came from.
    const reused = query<{ pageIndex: number; fromCheck: number }>(db, `SELECT v.page_index AS pageIndex, s.check_id AS fromCheck
      FROM check_visit v JOIN check_visit s ON s.id = v.a11y_reused_from WHERE v.check_id = ?`, checkIds[1]);
    expect(reused.length).toBe(night2.length - 1);
    expect(reused.every((r) => r.fromCheck === checkIds[0])).toBe(true);
  }, 600_000);

  it('with full re-checks every night (fullRecheckEvery "0"), nothing is offered and every page is checked in full', async () => {
    const { night1, night2 } = await twoNights('incr-full', '0');
    expect(night1.length).toBeGreaterThanOrEqual(3);
    expect(night2.map((v) => v.url)).toEqual(night1.map((v) => v.url));
    expect(night2.every((v) => v.status === 'ok' && v.a11y_reused_from === null)).toBe(true);
  }, 600_000);
});
