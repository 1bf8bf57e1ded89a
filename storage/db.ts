// Opens the SQLite store and applies the numbered migrations in storage/migrations/.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
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

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  busyTimeoutMs?: number;
  readonly?: boolean;
}

export function openStore(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw new StoreError(`cannot open the store at ${path}: ${(err as Error).message}`, { cause: err });
  }
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
  }
  // A 64 MiB page cache keeps the measure table's hot pages in memory during batch upserts.
  db.pragma('cache_size = -65536');
  db.pragma('foreign_keys = ON');
  if (options.migrate ?? true) migrate(db);
  return db;
}

/** Applies pending migrations, each in its own transaction. Returns the names applied. */
export function migrate(db: Db, migrations = listMigrations()): string[] {
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
        throw new StoreError(
          `migration ${migration.name} was changed after it was applied to this store; ` +
            'restore the original file and put the change in a new numbered migration',
        );
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
