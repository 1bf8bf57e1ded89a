// Issue 13 items 8 and 9, with the real CLI in child processes and real store files: a disk
// that fills up (a small tmpfs), a read-only mount, a garbage, truncated or damaged file, a lock
// held past the busy timeout and a store from a newer schema each end with a named message that
// gives the path and what to do (never exit 4 with a stack trace), and leave the store as it was;
// read commands never create a store; store.path is read from the configuration's folder; and
// `db backup` copies the store consistently while another process keeps writing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { sandboxConfigText } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

let sandbox: Sandbox;
/** One store filled by a real run, copied into each test that needs one. */
let filled: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'dvc-monitor-store-'));
  writeFileSync(join(dir, 'config.yaml'), sandboxConfigText(sandbox.url));
  filled = join(dir, 'filled.sqlite');
  const r = await runCli(['run', '--config', join(dir, 'config.yaml'), '--db', filled, '--period', '2026-09', '--log-level', 'silent']);
  if (r.code !== 0) throw new Error(r.stderr);
}, 120_000);
afterAll(async () => {
  await sandbox.close();
});

const SQLITE = createRequire(import.meta.url).resolve('better-sqlite3');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Named, not an internal error: no stack trace, the path, and a way out. */
function expectNamed(r: CliResult, code: number, path: string, words: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).not.toMatch(/internal error|lỗi nội bộ|\n\s+at /);
  expect(r.stderr).toContain(path);
  expect(r.stderr).toMatch(words);
  expect(r.stderr).toMatch(/Cách xử lý|Kho được tạo và điền bởi/);
}

function configIn(dir: string, storePath = 'store.sqlite'): string {
  const file = join(dir, 'config.yaml');
  writeFileSync(file, `${sandboxConfigText(sandbox.url)}store: { path: ${storePath} }\n`);
  return file;
}

/** A tmpfs of `size` at a fresh folder (root with CAP_SYS_ADMIN, as on the development machine and CI). */
function tmpfs(size: string): { dir: string; remountReadOnly(): void; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dvc-monitor-mount-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return {
    dir,
    remountReadOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir]),
    close: () => {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const canMount = (() => {
  try {
    tmpfs('64k').close();
    return true;
  } catch {
    return false;
  }
})();

describe('read commands never create a store', () => {
  it('a mistyped --db fails with the path and the command that fills it, and creates nothing', async () => {
    const dir = tempDir();
    const config = configIn(dir);
    const typo = join(dir, 'stor.sqlite');
    const reads: string[][] = [
      ['summary'], ['kpi'], ['quality'], ['report', '--out', dir], ['export', '--out', dir], ['uptime'], ['alerts'], ['alerts', 'ack', '1'],
      ['evidence', 'tinh:01', 'dossiers.received', '2026-09'], ['serve', '--port', '0'],
    ];
    for (const args of reads) {
      const r = await runCli([...args, '--config', config, '--db', typo]);
      expectNamed(r, 2, typo, /Không có kho dữ liệu/);
      expect(r.stderr, args.join(' ')).toMatch(/`dvc-monitor (run|probe)`/);
      expect(existsSync(typo), args.join(' ')).toBe(false);
    }
    const en = await runCli(['summary', '--config', config, '--db', typo, '--lang', 'en']);
    expect(en.stderr).toContain(`There is no store at ${typo}. This command only reads and never creates a store.`);
  });

  it('store.path is read from the configuration file\'s folder, whatever the working directory', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf'));
    mkdirSync(join(dir, 'elsewhere'));
    const config = configIn(join(dir, 'conf'), 'data/store.sqlite');
    const run = await runCli(['run', '--config', config, '--period', '2026-09', '--log-level', 'silent'], {}, join(dir, 'elsewhere'));
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'conf', 'data', 'store.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'elsewhere', 'data'))).toBe(false);
    const summary = await runCli(['summary', '--config', config, '--period', '2026-09'], {}, tmpdir());
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toMatch(/cả nước \d+,\d+%/);
  }, 180_000);
});

describe('a store that cannot be used is named, never an internal error, and left as it was', () => {
  it('a garbage file, a truncated store and a damaged page are refused; `db check` reports the damage', async () => {
    const dir = tempDir();
    const config = configIn(dir);
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, createHash('sha512').update('not a store').digest().toString('hex').repeat(100));
    const truncated = join(dir, 'truncated.sqlite');
    copyFileSync(filled, truncated);
    const size = statSync(truncated).size;
    writeFileSync(truncated, readFileSync(truncated).subarray(0, Math.floor(size / 2)));
    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(filled, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(size / 4096 / 2) * 4096 + 100);
    closeSync(fd);

    const before = [garbage, truncated, damaged].map(sha);
    expectNamed(await runCli(['summary', '--config', config, '--db', garbage]), 2, garbage, /không phải là cơ sở dữ liệu SQLite/);
    expectNamed(await runCli(['run', '--config', config, '--db', garbage, '--period', '2026-09']), 2, garbage, /không phải là cơ sở dữ liệu SQLite/);
    expectNamed(await runCli(['summary', '--config', config, '--db', truncated, '--period', '2026-09']), 2, truncated, /bị hỏng/);
    expectNamed(await runCli(['kpi', '--config', config, '--db', damaged, '--period', '2026-09']), 2, damaged, /bị hỏng \(kiểm tra toàn vẹn không đạt\)/);
    expectNamed(await runCli(['run', '--config', config, '--db', damaged, '--period', '2026-09']), 2, damaged, /bị hỏng/);
    expect([garbage, truncated, damaged].map(sha)).toEqual(before);

    const check = await runCli(['db', 'check', '--config', config, '--db', damaged]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/✗ Kiểm tra toàn vẹn KHÔNG ĐẠT/);
    expect(check.stdout).toMatch(/Kết luận: kho dữ liệu KHÔNG nguyên vẹn/);
    const good = join(dir, 'good.sqlite');
    copyFileSync(filled, good);
    const ok = await runCli(['db', 'check', '--config', config, '--db', good, '--evidence', '--lang', 'en']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/✓ Integrity check \(integrity_check\): ok[^]*✓ Evidence: \d+ blobs match their hashes[^]*Verdict: the store is intact\./);
  }, 180_000);

  it('a store written by a newer dvc-monitor is refused with both schema versions, and not touched', async () => {
    const dir = tempDir();
    const config = configIn(dir);
    const newer = join(dir, 'newer.sqlite');
    copyFileSync(filled, newer);
    const db = new Database(newer);
    db.prepare("INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (99, '099_from_the_future.sql', 'x', '2030-01-01T00:00:00Z')").run();
    db.close();
    const before = sha(newer);
    for (const args of [['summary'], ['run', '--period', '2026-09'], ['db', 'migrate']]) {
      const r = await runCli([...args, '--config', config, '--db', newer]);
      expectNamed(r, 2, newer, /phiên bản dvc-monitor mới hơn \(lược đồ của kho: phiên bản 099 \(có 099_from_the_future\.sql\); phiên bản này chỉ biết tới \d{3}\)/);
    }
    expect(sha(newer)).toBe(before);
    const check = await runCli(['db', 'check', '--config', config, '--db', newer, '--lang', 'en']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/The store has migrations this build does not know \(099\)/);
  }, 180_000);

  it('a lock held past the busy timeout is named (exit 3), and reads still work', async () => {
    const dir = tempDir();
    const config = configIn(dir);
    const store = join(dir, 'store.sqlite');
    copyFileSync(filled, store);
    // Another process holds the write lock for 20 s (the busy timeout is 5 s).
    const holder = spawn(process.execPath, ['-e', `const D = require(${JSON.stringify(SQLITE)}); const d = new D(${JSON.stringify(store)}); d.exec('BEGIN IMMEDIATE'); console.log('held'); setTimeout(() => { d.exec('ROLLBACK'); d.close(); }, 20000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => holder.stdout!.once('data', resolve));
    try {
      const run = await runCli(['run', '--config', config, '--db', store, '--period', '2026-09', '--log-level', 'silent']);
      expectNamed(run, 3, store, /đang bị một tiến trình khác khóa quá thời gian chờ/);
      const summary = await runCli(['summary', '--config', config, '--db', store, '--period', '2026-09']);
      expect(summary.code, summary.stderr).toBe(0);
    } finally {
      holder.kill();
    }
  }, 180_000);

  it.skipIf(!canMount)('a full disk is named with the path; what was stored stays readable', async () => {
    const disk = tmpfs('3m');
    try {
      const config = configIn(disk.dir);
      const store = join(disk.dir, 'store.sqlite');
      const first = await runCli(['run', '--config', config, '--period', '2026-09', '--log-level', 'silent']);
      expect(first.code, first.stderr).toBe(0);
      // Fill what is left, then collect more months than fit.
      try {
        writeFileSync(join(disk.dir, 'filler'), Buffer.alloc(4 * 1024 * 1024));
      } catch { /* ENOSPC: the disk is full, as wanted */ }
      const full = await runCli(['run', '--config', config, '--from', '2025-01', '--to', '2026-08', '--log-level', 'silent']);
      expectNamed(full, 2, store, /Hết chỗ trống trên ổ đĩa chứa kho dữ liệu/);
      rmSync(join(disk.dir, 'filler'));
      const summary = await runCli(['summary', '--config', config, '--period', '2026-09']);
      expect(summary.code, summary.stderr).toBe(0);
      expect(summary.stdout).toMatch(/cả nước \d+,\d+%/);
    } finally {
      disk.close();
    }
  }, 120_000);

  it.skipIf(!canMount)('a read-only mount is named with the path and what to do', async () => {
    const disk = tmpfs('4m');
    try {
      const config = configIn(disk.dir);
      const store = join(disk.dir, 'store.sqlite');
      copyFileSync(filled, store);
      const before = sha(store);
      disk.remountReadOnly();
      expectNamed(await runCli(['run', '--config', config, '--period', '2026-09']), 2, store, /chỉ đọc được, không ghi được/);
      expectNamed(await runCli(['summary', '--config', config, '--period', '2026-09']), 2, store, /chỉ đọc được, không ghi được/);
      const en = await runCli(['kpi', '--config', config, '--period', '2026-09', '--lang', 'en']);
      expect(en.stderr).toMatch(/can be read but not written \(a read-only mount/);
      expect(sha(store)).toBe(before);
    } finally {
      disk.close();
    }
  }, 180_000);
});

describe('db backup', () => {
  it('copies the store consistently while another process keeps writing to it', async () => {
    const dir = tempDir();
    const config = configIn(dir);
    const store = join(dir, 'store.sqlite');
    copyFileSync(filled, store);
    // Grow it so the copy takes a while: 20,000 evidence-sized rows.
    const db = new Database(store);
    db.exec('CREATE TABLE writer_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO writer_log (at, body) VALUES (?, randomblob(2000))');
    db.transaction(() => { for (let i = 0; i < 20_000; i++) insert.run('seed'); })();
    db.close();

    // A writer commits one row every few milliseconds for as long as the backup runs, as the service would.
    const writer = spawn(process.execPath, ['-e', `
      const D = require(${JSON.stringify(SQLITE)});
      const d = new D(${JSON.stringify(store)}); d.pragma('journal_mode = WAL'); d.pragma('busy_timeout = 5000');
      const ins = d.prepare("INSERT INTO writer_log (at, body) VALUES (?, randomblob(2000))");
      let n = 0, errors = 0;
      const tick = () => { try { ins.run(new Date().toISOString()); n++; } catch (e) { errors++; console.error(e.message); } };
      const timer = setInterval(tick, 2);
      process.on('SIGTERM', () => { clearInterval(timer); d.close(); console.log(JSON.stringify({ n, errors })); process.exit(0); });
      console.log('writing');`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    writer.stdout!.on('data', (d) => (out += d));
    await new Promise((resolve) => writer.stdout!.once('data', resolve));
    const countNow = () => {
      const r = new Database(store, { readonly: true });
      try {
        return r.prepare('SELECT count(*) FROM writer_log').pluck().get() as number;
      } finally {
        r.close();
      }
    };
    await new Promise((r) => setTimeout(r, 300));
    const before = countNow();
    const target = join(dir, 'backups', 'copy.sqlite');
    mkdirSync(join(dir, 'backups'));
    const backup = await runCli(['db', 'backup', target, '--config', config]);
    const after = countNow();
    writer.kill('SIGTERM');
    await new Promise((resolve) => writer.once('close', resolve));
    const written = JSON.parse(out.split('\n').filter(Boolean).at(-1)!) as { n: number; errors: number };

    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(new RegExp(`Đã sao lưu ${store.replace(/[.]/g, '\\.')} → ${target.replace(/[.]/g, '\\.')} \\([\\d.]+ byte, lược đồ \\d{3}, kiểm tra toàn vẹn: đạt\\)\\.\\nSHA-256: ([0-9a-f]{64})`));
    expect(backup.stdout).toContain(sha(target));
    expect(written.errors).toBe(0);
    expect(after).toBeGreaterThan(before);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const copied = copy.prepare('SELECT count(*) FROM writer_log').pluck().get() as number;
      expect(copied).toBeGreaterThanOrEqual(before);
      expect(copied).toBeLessThanOrEqual(after);
      expect(copy.prepare('SELECT count(*) FROM measure').pluck().get()).toBeGreaterThan(0);
    } finally {
      copy.close();
    }
    // Nothing half-written is left beside it, and an existing file is never overwritten.
    expect(execFileSync('ls', ['-A', join(dir, 'backups')]).toString().trim()).toBe('copy.sqlite');
    const again = await runCli(['db', 'backup', target, '--config', config]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/đã tồn tại; sao lưu không bao giờ ghi đè một tệp/);
  }, 120_000);
});
