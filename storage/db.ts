// Opens the SQLite store and applies the numbered migrations in storage/migrations/.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, statfsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectPath } from '../src/paths.ts';

export type Db = Database.Database;

const MIGRATIONS_DIR = projectPath('storage', 'migrations');
const MIGRATION_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => MIGRATION_NAME.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return {
        version: Number(MIGRATION_NAME.exec(name)![1]),
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** What is wrong with a store, by name: each has its own message with the path and what to do. */
export type StoreProblem =
  | 'missing' | 'empty' | 'not_a_store' | 'corrupt' | 'disk_full' | 'read_only' | 'busy' | 'cannot_open' | 'io_error'
  | 'newer_schema' | 'changed_migration';

export class StoreError extends Error {
  constructor(readonly problem: StoreProblem, readonly path: string, readonly text: { vi: string; en: string }, options?: { cause?: unknown }) {
    super(text.en, options);
    this.name = 'StoreError';
  }
}

const SQLITE_PROBLEM: Array<[RegExp, StoreProblem]> = [
  [/^SQLITE_FULL/, 'disk_full'],
  [/^SQLITE_READONLY/, 'read_only'],
  [/^SQLITE_(BUSY|LOCKED)/, 'busy'],
  [/^SQLITE_NOTADB/, 'not_a_store'],
  [/^SQLITE_CORRUPT/, 'corrupt'],
  [/^SQLITE_CANTOPEN/, 'cannot_open'],
  [/^SQLITE_(IOERR|PERM|AUTH)/, 'io_error'],
];
const ERRNO_PROBLEM: Record<string, StoreProblem> = { ENOSPC: 'disk_full', EDQUOT: 'disk_full', EFBIG: 'disk_full', EROFS: 'read_only', EACCES: 'cannot_open', EPERM: 'cannot_open', ENOTDIR: 'cannot_open', EISDIR: 'cannot_open' };

function problemOf(err: unknown, fileErrors: boolean): StoreProblem | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  return SQLITE_PROBLEM.find(([re]) => re.test(code))?.[1] ?? (fileErrors ? ERRNO_PROBLEM[code] : undefined) ?? null;
}

/** The message for each problem: what happened to the store at `path`, and what to do. */
export function storeProblemText(problem: StoreProblem, path: string, detail = ''): { vi: string; en: string } {
  const why = detail ? ` (${detail})` : '';
  switch (problem) {
    case 'missing': return {
      vi: `Không có kho dữ liệu tại ${path}.`,
      en: `There is no store at ${path}.`,
    };
    case 'empty': return {
      vi: `Tệp ${path} không chứa kho dữ liệu dvc-monitor nào (chưa có lược đồ).`,
      en: `${path} holds no dvc-monitor store (no schema).`,
    };
    case 'not_a_store': return {
      vi: `Tệp ${path} không phải là cơ sở dữ liệu SQLite (hỏng hoặc nhầm tệp)${why}. Cách xử lý: kiểm tra --db hoặc store.path; nếu đúng tệp, khôi phục từ bản sao lưu (dvc-monitor db backup).`,
      en: `${path} is not an SQLite database (damaged, or the wrong file)${why}. Fix: check --db or store.path; if it is the right file, restore it from a backup (dvc-monitor db backup).`,
    };
    case 'corrupt': return {
      vi: `Kho dữ liệu ${path} bị hỏng (kiểm tra toàn vẹn không đạt)${why}. Không dùng kho này để báo cáo. Cách xử lý: chạy \`dvc-monitor db check --db ${path}\` để xem chi tiết, rồi khôi phục từ bản sao lưu.`,
      en: `The store ${path} is damaged (integrity check failed)${why}. Do not report from it. Fix: run \`dvc-monitor db check --db ${path}\` for the details, then restore it from a backup.`,
    };
    case 'disk_full': return {
      vi: `Hết chỗ trống trên ổ đĩa chứa kho dữ liệu ${path}${why}: không ghi được, những gì đã lưu trước đó vẫn nguyên vẹn. Cách xử lý: giải phóng dung lượng (hoặc chuyển store.path sang ổ khác) rồi chạy lại lệnh.`,
      en: `The disk holding the store ${path} is full${why}: nothing could be written; what was stored before is intact. Fix: free some space (or move store.path to another disk) and run the command again.`,
    };
    case 'read_only': return {
      vi: `Kho dữ liệu ${path} chỉ đọc được, không ghi được (ổ gắn chỉ đọc, hoặc thiếu quyền ghi tệp hay thư mục)${why}. Cách xử lý: gắn lại ổ ở chế độ ghi hoặc cấp quyền ghi cho tệp và thư mục chứa nó; để chỉ đọc số liệu, hãy sao chép kho sang chỗ ghi được.`,
      en: `The store ${path} can be read but not written (a read-only mount, or no write permission on the file or its folder)${why}. Fix: remount it read-write or grant write access to the file and its folder; to only read figures, copy the store somewhere writable.`,
    };
    case 'busy': return {
      vi: `Kho dữ liệu ${path} đang bị một tiến trình khác khóa quá thời gian chờ${why}. Cách xử lý: đợi tiến trình đó (lần chạy hằng đêm, dịch vụ) xong rồi chạy lại; nếu không tiến trình nào đang chạy, kiểm tra các tiến trình đang mở tệp (fuser ${path}).`,
      en: `The store ${path} is locked by another process for longer than the busy timeout${why}. Fix: wait for that process (the nightly run, the service) to finish and run again; if none is running, look for processes holding the file (fuser ${path}).`,
    };
    case 'cannot_open': return {
      vi: `Không mở được kho dữ liệu ${path}${why}. Cách xử lý: kiểm tra đường dẫn, thư mục chứa nó có tồn tại và ghi được không.`,
      en: `Cannot open the store ${path}${why}. Fix: check the path, and that its folder exists and is writable.`,
    };
    case 'io_error': return {
      vi: `Lỗi đọc/ghi ổ đĩa với kho dữ liệu ${path}${why}. Cách xử lý: kiểm tra ổ đĩa (dmesg), rồi chạy \`dvc-monitor db check --db ${path}\`.`,
      en: `Disk input/output error on the store ${path}${why}. Fix: check the disk (dmesg), then run \`dvc-monitor db check --db ${path}\`.`,
    };
    case 'newer_schema': return {
      vi: `Kho dữ liệu ${path} được tạo bởi phiên bản dvc-monitor mới hơn${why}. Phiên bản này không dùng được kho đó mà không làm sai lệch nó. Cách xử lý: dùng phiên bản dvc-monitor mới hơn đó.`,
      en: `The store ${path} was written by a newer dvc-monitor${why}. This build cannot use it without risking it. Fix: use that newer dvc-monitor.`,
    };
    case 'changed_migration': return {
      vi: `Lược đồ của kho dữ liệu ${path} không khớp với bản cài đặt này${why}. Cách xử lý: khôi phục tệp migration gốc và đưa thay đổi vào một migration mới có số thứ tự tiếp theo.`,
      en: `The schema of the store ${path} does not match this installation${why}. Fix: restore the original migration file and put the change in a new numbered migration.`,
    };
  }
}

/**
 * A store failure as a named StoreError: SQLite's errors, and file-system errors (ENOSPC, EROFS…)
 * when `fileErrors` says they came from the store's own file; null for anything else.
 */
export function storeFailure(err: unknown, path: string, fileErrors = false): StoreError | null {
  if (err instanceof StoreError) return err;
  let problem = problemOf(err, fileErrors);
  if (!problem) return null;
  // SQLite says "unable to open" or "I/O error" when it cannot create its -wal/-shm files beside a store on a read-only mount.
  if ((problem === 'cannot_open' || problem === 'io_error') && path !== ':memory:' && !writable(path)) problem = 'read_only';
  // A full disk often reaches SQLite as an I/O error (growing the -shm or -wal file failed): look at the free space.
  if (problem === 'io_error' && path !== ':memory:' && freeBytes(path) < LOW_DISK_BYTES) problem = 'disk_full';
  const code = (err as { code: string }).code;
  return new StoreError(problem, path, storeProblemText(problem, path, `${code}: ${(err as Error).message}`), { cause: err });
}

/** Below this much free space on the store's file system, an I/O error is read as the disk being full. */
const LOW_DISK_BYTES = 4 * 1024 * 1024;

function freeBytes(path: string): number {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Whether the store file (or, before it exists, its folder) can be written: read-only mounts and immutable files say no even to root. */
function writable(path: string): boolean {
  for (const target of [path, dirname(path)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && target === path) continue;
      return false;
    }
  }
  return true;
}

/** Runs `work`, turning a store failure into a named StoreError about `path`. */
export function naming<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw storeFailure(err, path, true) ?? err;
  }
}

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  busyTimeoutMs?: number;
  readonly?: boolean;
  /**
   * The store must already exist with a schema: for commands that only read (never create an
   * empty store at a mistyped path). The text says which command fills it.
   */
  mustExist?: { vi: string; en: string };
  /** Run PRAGMA quick_check and refuse a damaged store (default true; `db check` runs the full check itself). */
  quickCheck?: boolean;
  /** Open a store a newer dvc-monitor wrote instead of refusing it: only for `db check`, which reads and reports it. */
  acceptNewerSchema?: boolean;
}

/** The path of the store opened last by this process, so a failure caught far away can still name it. */
let lastOpened: string | null = null;
export const lastOpenedStore = () => lastOpened;

export function openStore(path: string, options: OpenOptions = {}): Db {
  lastOpened = path;
  const memory = path === ':memory:';
  if (!memory && options.mustExist) requireStoreFile(path, options.mustExist);
  if (!memory && !options.readonly && !options.mustExist) {
    naming(path, () => mkdirSync(dirname(path), { recursive: true }));
  }
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: (options.readonly || options.mustExist) ? true : false });
    const opened = db;
    opened.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Read first: a file that is not a database, or damaged, says so here, before anything is written to it.
    opened.prepare('SELECT count(*) FROM sqlite_schema').get();
    if (!memory && (options.quickCheck ?? true)) refuseIfDamaged(opened, path);
    if (options.mustExist && !hasSchema(opened)) {
      throw new StoreError('empty', path, joinText(storeProblemText('empty', path), options.mustExist));
    }
    if (!options.readonly) {
      opened.pragma('journal_mode = WAL');
      // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commit.
      opened.pragma('synchronous = NORMAL');
    }
    // A 64 MiB page cache keeps the measure table's hot pages in memory during batch upserts.
    opened.pragma('cache_size = -65536');
    opened.pragma('foreign_keys = ON');
    if (options.migrate ?? true) migrate(opened, listMigrations(), path);
    else if (!options.acceptNewerSchema) refuseNewerSchema(opened, path);
    return opened;
  } catch (err) {
    db?.close();
    const named = storeFailure(err, path);
    if (named) throw named;
    throw err;
  }
}

const joinText = (a: { vi: string; en: string }, b: { vi: string; en: string }) => ({ vi: `${a.vi} ${b.vi}`, en: `${a.en} ${b.en}` });

function requireStoreFile(path: string, fill: { vi: string; en: string }): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StoreError('missing', path, joinText(storeProblemText('missing', path), fill));
    throw storeFailure(err, path, true) ?? err;
  }
  if (size === 0) throw new StoreError('empty', path, joinText(storeProblemText('empty', path), fill));
}

const hasSchema = (db: Db) => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migration'").get() !== undefined;

/**
 * Up to this size (file and WAL) the whole store is quick-checked at every open (about 1.5 s per
 * 300 MB measured); above it, every table but the two that grow without bound — evidence bodies
 * (`blob`) and raw probes (`probe`) — so that a command on a store of many gigabytes still starts
 * in seconds. `dvc-monitor db check` always checks everything.
 */
export const FULL_QUICK_CHECK_BYTES = 1024 ** 3;

function storeBytes(path: string): number {
  return [path, `${path}-wal`].reduce((sum, f) => {
    try {
      return sum + statSync(f).size;
    } catch {
      return sum;
    }
  }, 0);
}

/** PRAGMA quick_check: a damaged store is refused, never read as if it held the figures. */
function refuseIfDamaged(db: Db, path: string): void {
  const scopes = storeBytes(path) <= FULL_QUICK_CHECK_BYTES ? ['quick_check']
    : (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('blob', 'probe') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[])
      .map((table) => `quick_check('${table.replace(/'/g, "''")}')`);
  const found = scopes.flatMap((pragma) => (db.pragma(pragma) as Array<{ quick_check: string }>).map((p) => p.quick_check.replace(/\s*\n\s*/g, ' ')))
    .filter((p) => p !== 'ok').slice(0, 5);
  if (found.length) throw new StoreError('corrupt', path, storeProblemText('corrupt', path, found.join('; ').slice(0, 300)));
}

/** Applied migrations this build does not know mean a newer dvc-monitor wrote the store. */
function refuseNewerSchema(db: Db, path: string, known = listMigrations()): void {
  if (!hasSchema(db)) return;
  const knownVersions = new Set(known.map((m) => m.version));
  const applied = db.prepare('SELECT version, name FROM schema_migration ORDER BY version').all() as Array<{ version: number; name: string }>;
  const unknown = applied.filter((m) => !knownVersions.has(m.version));
  if (unknown.length === 0) return;
  const newest = Math.max(...known.map((m) => m.version));
  const store = Math.max(...applied.map((m) => m.version));
  throw new StoreError('newer_schema', path, {
    vi: storeProblemText('newer_schema', path, `lược đồ của kho: phiên bản ${pad(store)} (có ${unknown.map((m) => m.name).join(', ')}); phiên bản này chỉ biết tới ${pad(newest)}`).vi,
    en: storeProblemText('newer_schema', path, `store schema: version ${pad(store)} (with ${unknown.map((m) => m.name).join(', ')}); this build knows up to ${pad(newest)}`).en,
  });
}

const pad = (n: number) => String(n).padStart(3, '0');

/** The schema versions applied to a store, and those this build knows. */
export function schemaVersions(db: Db): { applied: number[]; known: number[] } {
  const applied = hasSchema(db) ? db.prepare('SELECT version FROM schema_migration ORDER BY version').pluck().all() as number[] : [];
  return { applied, known: listMigrations().map((m) => m.version) };
}

/** Applies pending migrations, each in its own transaction. Returns the names applied. */
export function migrate(db: Db, migrations = listMigrations(), path = db.name): string[] {
  refuseNewerSchema(db, path, migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Map(
    (db.prepare('SELECT version, name, checksum FROM schema_migration').all() as Migration[]).map((m) => [m.version, m]),
  );
  const done: string[] = [];
  for (const migration of migrations) {
    const previous = applied.get(migration.version);
    if (previous) {
      // An applied migration must never be edited: the store would no longer match the files.
      if (previous.checksum !== migration.checksum) {
        throw new StoreError('changed_migration', path, storeProblemText('changed_migration', path, `migration ${migration.name} was changed after it was applied`));
      }
      continue;
    }
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
        migration.version, migration.name, migration.checksum, new Date().toISOString(),
      );
    })();
    done.push(migration.name);
  }
  return done;
}
