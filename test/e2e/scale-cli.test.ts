// The scale-out's commands as an operator types them: bad input is refused before anything
// connects, naming the option or field and the fix (exit 2); `queue` shows what the store saw.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../storage/db.ts';
import { openGap, saveLocationState, writeIngestBatch } from '../../storage/scale.ts';
import { runCli } from '../helpers/cli.ts';
import { writeConfig } from '../helpers/scale.ts';
import { tempDir } from '../helpers/tmp.ts';

const withQueue = `version: 1
portals: [{ id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "http://127.0.0.1:9/" }]
queue:
  redis: { url: "redis://127.0.0.1:9" }
  locations: [{ id: hn-vnpt }]
`;

describe('dvc-monitor worker and queue', () => {
  it('refuses bad input with exit 2, naming what to fix, before connecting to anything', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, withQueue);
    const cases: Array<[string[], RegExp]> = [
      [['--location', 'hn-vnpt', '--kinds', 'probe,scan'], /--kinds "probe,scan" has unknown kinds \(scan\)\. Fix: .*probe, check, collect/],
      [['--location', 'nowhere'], /--location "nowhere" is not in queue\.locations \(hn-vnpt\)\. Fix:/],
      [['--location', 'hn-vnpt', '--concurrency', '0'], /--concurrency "0" is not a number of jobs\. Fix: a whole number from 1 to 1000/],
      [['--location', 'hn-vnpt', '--connect-to', 'dichvucong.gov.vn=10.0.0.5'], /--connect-to "dichvucong\.gov\.vn=10\.0\.0\.5" is not HOST:PORT=HOST2:PORT2\. Fix:/],
      [['--location', 'hn-vnpt', '--redis-password-env', 'hunter2'], /--redis-password-env "hunter2" is not the name of an environment variable/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['worker', '--config', file, ...args, '--lang', 'en']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const noQueue = writeConfig(tempDir(), 'version: 1\n');
    const r = await runCli(['worker', '--config', noQueue, '--location', 'hn-vnpt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no "queue" section: a worker needs the Redis the coordinator uses\. Fix:/);
  }, 180_000);

  it('queue lists each location, the gaps and the dead letters the store holds', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, withQueue);
    const db = join(dir, 'store.sqlite');
    const store = openStore(db);
    saveLocationState(store, { location: 'hn-vnpt', state: 'unknown', since: '2026-11-20T03:00:00.000Z', lastSeenAt: '2026-11-20T02:59:00.000Z', workers: 0 });
    openGap(store, 'queue', '', new Date(Date.now() - 3600_000).toISOString(), 'connection to Redis closed');
    writeIngestBatch(store, { locations: [], staged: [], blobs: [], dead: [{ resultId: 'p.1', queue: 'results', reason: 'malformed', message: 'location: expected string', payload: '{}' }] }, new Date().toISOString());
    store.close();
    const text = await runCli(['queue', '--config', file, '--db', db, '--lang', 'en']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/hn-vnpt: UNKNOWN \(no live worker, left out of the quorum\)/);
    expect(text.stdout).toMatch(/→ ongoing: Redis — connection to Redis closed/);
    expect(text.stdout).toMatch(/dead letters\): 1\n  #1 .* p\.1: malformed — location: expected string/);
    const json = JSON.parse((await runCli(['queue', '--config', file, '--db', db, '--json'])).stdout);
    expect(json.deadLetters).toHaveLength(1);
    expect(json.gaps[0]).toMatchObject({ scope: 'queue', endedAt: null });
    expect((await runCli(['queue', '--config', file, '--db', db])).stdout).toContain('Vị trí đo:');
  }, 180_000);
});
