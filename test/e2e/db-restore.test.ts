// `dvc-monitor db restore`, with the real CLI on real store files: a backup made by `db backup`
// replaces the store (the one it replaces kept beside it), and nothing is touched when the backup
// is damaged or the service still holds the store.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../storage/db.ts';
import { getMeasure, upsertMeasures } from '../../storage/measures.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { acquireLock } from '../../storage/service.ts';
import { builtInAgencies } from '../../src/registry/agencies.ts';
import { LOCK_NAME } from '../../src/service/service.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const PERIOD = '2026-10';

function write(path: string, value: number): void {
  const db = openStore(path);
  syncRegistry(db, builtInAgencies(), [], []);
  upsertMeasures(db, [{ agencyCode: 'tinh:01', metric: 'dossiers.received', period: PERIOD, value, nullReason: null, snapshotId: null }], { sourceId: null, runId: null, now: new Date() });
  db.close();
}

function read(path: string): number | null | undefined {
  const db = openStore(path, { migrate: false });
  try {
    return getMeasure(db, 'tinh:01', 'dossiers.received', PERIOD)?.value;
  } finally {
    db.close();
  }
}

describe('db restore', () => {
  it('puts a backup back in place and keeps the store it replaced', async () => {
    const dir = tempDir();
    const store = join(dir, 'store.sqlite');
    const backup = join(dir, 'backup.sqlite');
    write(store, 100);
    const made = await runCli(['db', 'backup', backup, '--db', store, '--lang', 'en']);
    expect(made.code, made.stderr).toBe(0);
    write(store, 999);

    const restored = await runCli(['db', 'restore', backup, '--db', store, '--lang', 'en']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Restored .*backup\.sqlite → .*store\.sqlite \(schema \d{3}, integrity check: ok\)\.$/m);
    expect(read(store)).toBe(100);
    const kept = readdirSync(dir).filter((f) => f.startsWith('store.sqlite.before-restore-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
    expect(kept).toHaveLength(1);
    expect(restored.stdout).toContain(`The store it replaced is kept: ${join(dir, kept[0]!)}`);
    expect(read(join(dir, kept[0]!))).toBe(999);
    expect(readdirSync(dir).filter((f) => f.includes('.restoring-'))).toEqual([]);

    const vi = await runCli(['db', 'restore', backup, '--db', store]);
    expect(vi.code, vi.stderr).toBe(0);
    expect(vi.stdout).toMatch(/^Đã khôi phục .* \(lược đồ \d{3}, kiểm tra toàn vẹn: đạt\)\.$/m);
  });

  it('refuses while the service holds the store, and a file that is not a sound store; the store stays as it was', async () => {
    const dir = tempDir();
    const store = join(dir, 'store.sqlite');
    const backup = join(dir, 'backup.sqlite');
    write(store, 100);
    expect((await runCli(['db', 'backup', backup, '--db', store])).code).toBe(0);
    write(store, 999);

    const db = openStore(store);
    acquireLock(db, LOCK_NAME, { pid: 4242, host: 'ops-host' }, new Date(), 60_000, () => false);
    db.close();
    const busy = await runCli(['db', 'restore', backup, '--db', store, '--lang', 'en']);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('the dvc-monitor service (process 4242 on ops-host) is using');
    expect(busy.stderr).toContain('Fix: stop it first');
    expect(read(store)).toBe(999);

    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'this is not a database'.repeat(100));
    const refused = await runCli(['db', 'restore', garbage, '--db', store, '--lang', 'en']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(garbage);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(read(store)).toBe(999);

    const missing = await runCli(['db', 'restore', join(dir, 'nope.sqlite'), '--db', store, '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist. Fix: name a file written by `dvc-monitor db backup`');
    expect(readdirSync(dir).filter((f) => f.includes('before-restore'))).toEqual([]);
    expect(existsSync(store)).toBe(true);
  });
});
