// Probes from three locations with a quorum (issue 16): a coordinator and three workers in child
// processes, a real Redis, the sandbox portal, and each location's own path to it (a TCP path on
// 127.0.0.1 that a test black-holes to break that location's network).
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locationNetwork, type LocationNetwork } from '../helpers/location-network.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { query, startCoordinator, startWorkerRole, waitFor, writeConfig, type Role } from '../helpers/scale.ts';
import { tempDir } from '../helpers/tmp.ts';

const sandbox = useSandbox();
let redis: RedisServer;
let canary: http.Server;
let canaryPort: number;
beforeAll(async () => {
  redis = await startRedis();
  canary = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryPort = (canary.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await redis?.stop();
  await new Promise((resolve) => canary?.close(resolve));
});

const LOCATIONS = ['hn-vnpt', 'hcm-viettel', 'dn-fpt'] as const;

function config(prefix: string): string {
  return `version: 1
portals:
  - id: dvc-hanoi
    agency: "tinh:01"
    name: Hà Nội
    url: "${sandbox.url}/sites/hanoi/"
    probes: [{ id: home, url: "${sandbox.url}/sites/hanoi/" }]
uptime:
  defaults: { intervalSeconds: 10, timeoutMs: 1500, confirmDelayMs: 200, downAfter: 1 }
queue:
  redis: { url: "${redis.url}" }
  prefix: ${prefix}
  locations:
${LOCATIONS.map((l) => `    - { id: ${l}, canaries: ["http://127.0.0.1:${canaryPort}/"] }`).join('\n')}
  workerGraceSeconds: 6
  roundGraceMs: 1000
  lockSeconds: 5
`;
}

interface ProbeRow { id: number; at: string; state: string; reach: string | null; reason: string | null; locations_json: string | null }
interface LocationRow { round_at: string; location: string; outcome: string; reason: string | null }

describe('probes from three locations with a quorum', () => {
  it('down from one location is partially reachable, from two DOWN with one incident; a location whose own network fails is left out; a vanished worker makes its location UNKNOWN', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.sqlite');
    const file = writeConfig(dir, config('q1'));
    const networks = new Map<string, LocationNetwork>(LOCATIONS.map((l) => [l, locationNetwork()]));
    const roles: Role[] = [];
    try {
      for (const [location, network] of networks) {
        const viaPortal = await network.route(sandbox.port);
        const viaCanary = await network.route(canaryPort);
        roles.push(startWorkerRole(file, location, 'probe', [
          '--connect-to', `127.0.0.1:${sandbox.port}=127.0.0.1:${viaPortal}`, '--connect-to', `127.0.0.1:${canaryPort}=127.0.0.1:${viaCanary}`,
        ]));
      }
      const coordinator = startCoordinator(file, db);
      roles.push(coordinator);
      const rounds = () => query<ProbeRow>(db, 'SELECT id, at, state, reach, reason, locations_json FROM probe ORDER BY id');
      const locationsOf = (row: ProbeRow) => JSON.parse(row.locations_json ?? '{}') as { answered: string[]; down: string[]; unknown: string[] };
      /** The first verdict after `afterId` that satisfies `ok`. */
      const nextVerdict = (what: string, afterId: number, ok: (r: ProbeRow) => boolean, timeoutMs = 60_000) =>
        waitFor(what, () => rounds().find((r) => r.id > afterId && ok(r)), timeoutMs, [coordinator, ...roles]);

      // Everyone reaches the portal.
      const allUp = await nextVerdict('a round answered by the three locations', 0, (r) => locationsOf(r).answered?.length === 3, 90_000);
      expect(allUp).toMatchObject({ state: 'up', reach: 'all' });
      expect(query<{ location: string; outcome: string }>(db, 'SELECT location, outcome FROM probe_location WHERE round_at = ? ORDER BY location', allUp.at))
        .toEqual([...LOCATIONS].sort().map((location) => ({ location, outcome: 'up' })));

      // Đà Nẵng's path to the portal is black-holed: down from 1 of 3 is partially reachable, not DOWN.
      networks.get('dn-fpt')!.set('blackhole', sandbox.port);
      const partial = await nextVerdict('a partially reachable round', allUp.id, (r) => r.reach === 'partial');
      expect(partial.state).toBe('up');
      expect(locationsOf(partial)).toMatchObject({ answered: ['dn-fpt', 'hcm-viettel', 'hn-vnpt'], down: ['dn-fpt'], unknown: [] });
      expect(query<LocationRow>(db, "SELECT location, outcome, reason FROM probe_location WHERE round_at = ? AND location = 'dn-fpt'", partial.at))
        .toEqual([{ location: 'dn-fpt', outcome: 'failed', reason: 'timeout' }]);
      expect(query(db, 'SELECT * FROM uptime_incident')).toEqual([]);
      expect(query(db, "SELECT state, reach FROM uptime_endpoint WHERE key = 'home'")).toEqual([{ state: 'up', reach: 'partial' }]);
      expect(query<{ to_state: string }>(db, 'SELECT to_state FROM uptime_transition ORDER BY id').map((t) => t.to_state)).toContain('partial');

      // And Hồ Chí Minh's: down from 2 of 3 is DOWN, with one incident.
      networks.get('hcm-viettel')!.set('blackhole', sandbox.port);
      const down = await nextVerdict('a DOWN verdict', partial.id, (r) => r.state === 'down');
      expect(locationsOf(down).down).toEqual(['dn-fpt', 'hcm-viettel']);
      expect(down.reason).toBe('timeout');
      await nextVerdict('a second DOWN round', down.id, (r) => r.state === 'down');
      const incidents = query<{ ended_at: string | null; cause: string; locations_json: string }>(db, 'SELECT ended_at, cause, locations_json FROM uptime_incident');
      expect(incidents).toEqual([{ ended_at: null, cause: 'timeout', locations_json: '["dn-fpt","hcm-viettel"]' }]);

      // Both paths back: UP from everywhere, the incident ended.
      networks.get('hcm-viettel')!.set('pass');
      networks.get('dn-fpt')!.set('pass');
      const back = await nextVerdict('UP from the three again', down.id, (r) => r.state === 'up' && r.reach === 'all' && locationsOf(r).answered.length === 3);
      expect(query<{ ended_by: string }>(db, 'SELECT ended_by FROM uptime_incident')).toEqual([{ ended_by: 'recovered' }]);

      // Đà Nẵng's whole network fails, its canaries with it: that location is UNKNOWN and left out,
      // so the portal is UP from the two others, not partially reachable.
      networks.get('dn-fpt')!.set('blackhole');
      const leftOut = await nextVerdict('a round with dn-fpt left out', back.id, (r) => locationsOf(r).unknown?.includes('dn-fpt'));
      expect(leftOut).toMatchObject({ state: 'up', reach: 'all' });
      expect(locationsOf(leftOut).answered).toEqual(['hcm-viettel', 'hn-vnpt']);
      const dn = query<LocationRow>(db, "SELECT location, outcome, reason FROM probe_location WHERE round_at = ? AND location = 'dn-fpt'", leftOut.at);
      // Its result says why (its own network) when it arrived in time; otherwise it never answered.
      expect(dn.every((r) => r.outcome === 'unknown' && r.reason === 'location_network')).toBe(true);
      networks.get('dn-fpt')!.set('pass');

      // Hà Nội's worker dies: its location is UNKNOWN after the grace, and recorded as a gap.
      await roles[0]!.kill();
      await waitFor('hn-vnpt unknown', () => query<{ state: string }>(db, "SELECT state FROM queue_location WHERE location = 'hn-vnpt'")[0]?.state === 'unknown', 60_000, [coordinator]);
      expect(query(db, "SELECT scope, location, ended_at FROM queue_gap WHERE location = 'hn-vnpt'")).toEqual([{ scope: 'location', location: 'hn-vnpt', ended_at: null }]);
      const last = rounds().at(-1)!;
      const without = await nextVerdict('a round without hn-vnpt', last.id, (r) => locationsOf(r).unknown?.includes('hn-vnpt'));
      expect(without.state).toBe('up');
      expect(locationsOf(without).answered).toEqual(['dn-fpt', 'hcm-viettel']);

      // One verdict per round, whatever arrived twice.
      expect(query(db, 'SELECT endpoint_id, at, count(*) AS n FROM probe GROUP BY 1, 2 HAVING n > 1')).toEqual([]);
      expect((await coordinator.stop()).code).toBe(0);
    } finally {
      await Promise.all([...networks.values()].map((n) => n.close()));
    }
  }, 420_000);
});
