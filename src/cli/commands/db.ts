// The store itself: bring its schema up to date, check it whole (integrity, foreign keys, schema
// version, optionally every evidence blob against its hash), and copy it while the service runs.
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { allBlobHashes, readBody } from '../../../storage/evidence.ts';
import { migrate, naming, openStore, schemaVersions, storeFailure, type Db } from '../../../storage/db.ts';
import { lockHolder } from '../../../storage/service.ts';
import { LOCK_NAME, LOCK_STALE_MS } from '../../service/service.ts';
import { loadConfig } from '../../config/load.ts';
import { formatCount, type Lang } from '../../i18n.ts';
import { msg, msgBoth } from '../../messages/index.ts';
import { configPath, langOf, storePath, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';

const EXISTING = msgBoth('cli.db.existingOnly');

function pathOf(globals: GlobalOptions): string {
  return storePath(globals, globals.db ? null : loadConfig(configPath(globals)));
}

export interface StoreCheck {
  path: string;
  bytes: number;
  schema: { applied: number[]; known: number[]; unknown: number[]; pending: number[] };
  integrity: string[];
  /** null: the check could not run (the store is damaged). */
  foreignKeys: Array<{ table: string; rowid: number | null; parent: string }> | null;
  evidence: { checked: number; altered: string[] } | null;
}

/** The full check: PRAGMA integrity_check (every page, index and constraint), foreign keys, schema versions, and the blobs when asked. */
export function checkStore(db: Db, path: string, options: { evidence: boolean }): StoreCheck {
  // Damage can stop a step half-way (SQLITE_CORRUPT): that is itself the finding, and the other steps still run.
  const damaged = (err: unknown): string => {
    if (!String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_CORRUPT')) throw err;
    return `${(err as { code: string }).code}: ${(err as Error).message}`;
  };
  let integrity: string[];
  try {
    integrity = (db.pragma('integrity_check(100)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } catch (err) {
    integrity = [damaged(err)];
  }
  let foreignKeys: StoreCheck['foreignKeys'] = null;
  try {
    foreignKeys = (db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>).slice(0, 100);
  } catch (err) {
    damaged(err);
  }
  let versions: ReturnType<typeof schemaVersions> = { applied: [], known: [] };
  try {
    versions = schemaVersions(db);
  } catch (err) {
    integrity.push(damaged(err));
  }
  const { applied, known } = versions;
  let evidence: StoreCheck['evidence'] = null;
  if (options.evidence && integrity.length === 0) {
    const altered: string[] = [];
    const hashes = allBlobHashes(db);
    for (const sha of hashes) if (readBody(db, sha)?.intact !== true) altered.push(sha);
    evidence = { checked: hashes.length, altered };
  }
  return {
    path, bytes: statSync(path).size, integrity, foreignKeys, evidence,
    schema: { applied, known, unknown: applied.filter((v) => !known.includes(v)), pending: known.filter((v) => !applied.includes(v)) },
  };
}

export const storeCheckPassed = (c: StoreCheck) => c.integrity.length === 0 && c.foreignKeys?.length === 0 && c.schema.unknown.length === 0 && (c.evidence?.altered.length ?? 0) === 0;

function renderStoreCheck(c: StoreCheck, lang: Lang): string {
  const v = (list: number[]) => list.map((n) => String(n).padStart(3, '0')).join(', ') || '—';
  const lines = [
    msg(lang, 'cli.db.store', { path: c.path, bytes: formatCount(c.bytes, lang) }),
    msg(lang, 'cli.db.schema', { applied: v(c.schema.applied), known: v(c.schema.known) }),
  ];
  if (c.schema.unknown.length) lines.push(msg(lang, 'cli.db.schemaUnknown', { versions: v(c.schema.unknown) }));
  if (c.schema.pending.length) lines.push(msg(lang, 'cli.db.schemaPending', { versions: v(c.schema.pending) }));
  lines.push(c.integrity.length === 0 ? msg(lang, 'cli.db.integrityOk')
    : [msg(lang, 'cli.db.integrityFailed', { count: c.integrity.length }), ...c.integrity.map((p) => `    ${p.replace(/\n/g, '\n    ')}`)].join('\n'));
  lines.push(c.foreignKeys === null ? msg(lang, 'cli.db.foreignKeysUnchecked')
    : c.foreignKeys.length === 0 ? msg(lang, 'cli.db.foreignKeysOk')
    : [msg(lang, 'cli.db.foreignKeysFailed', { n: c.foreignKeys.length }), ...c.foreignKeys.map((f) => `    ${f.table} rowid ${f.rowid ?? '?'} → ${f.parent}`)].join('\n'));
  if (c.evidence) {
    lines.push(c.evidence.altered.length === 0 ? msg(lang, 'cli.db.evidenceOk', { count: c.evidence.checked })
      : [msg(lang, 'cli.db.evidenceAltered', { altered: c.evidence.altered.length, count: c.evidence.checked }), ...c.evidence.altered.slice(0, 50).map((s) => `    sha256:${s}`)].join('\n'));
  }
  const damaged = c.integrity.length > 0 || c.foreignKeys?.length !== 0 || (c.evidence?.altered.length ?? 0) > 0;
  lines.push(msg(lang, damaged ? 'cli.db.verdictDamaged' : c.schema.unknown.length > 0 ? 'cli.db.verdictNewer' : 'cli.db.verdictIntact'));
  return lines.join('\n');
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function registerDb(program: Command): void {
  const db = program.command('db').description(describeCommand('db'));
  db.command('migrate')
    .description(helpText('cli.db.migrate'))
    .action((_opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const path = pathOf(globals);
      const store = openStore(path, { migrate: false });
      try {
        const applied = migrate(store, undefined, path);
        const lang = langOf(globals);
        process.stdout.write(`${applied.length ? msg(lang, 'cli.db.migrated', { path, versions: applied.join(', ') }) : msg(lang, 'cli.db.upToDate', { path })}\n`);
      } finally {
        store.close();
      }
    });

  withFormat(db.command('check'), ['table', 'json'])
    .description(helpText('cli.db.check'))
    .option('--evidence', helpText('cli.db.evidence'))
    .action((opts: FormatOptions & { evidence?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const path = pathOf(globals);
      // Opened without the quick check and without migrating: this command reports every problem itself, and changes nothing.
      const store = openStore(path, { migrate: false, quickCheck: false, acceptNewerSchema: true, mustExist: EXISTING });
      try {
        const result = naming(path, () => checkStore(store, path, { evidence: opts.evidence === true }));
        process.stdout.write(outputFormat(opts, ['table', 'json']) === 'json' ? `${JSON.stringify({ ...result, intact: storeCheckPassed(result) }, null, 2)}\n` : `${renderStoreCheck(result, lang)}\n`);
        if (!storeCheckPassed(result)) process.exitCode = EXIT.jobFailed;
      } finally {
        store.close();
      }
    });

  db.command('backup <file>')
    .description(helpText('cli.db.backup'))
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      if (file.trim() === '') throw new UsageError('error.db.backupEmpty');
      const target = resolve(file);
      const path = pathOf(globals);
      if (target === resolve(path)) throw new UsageError('error.db.backupIsStore', { value: target });
      if (existsSync(target)) throw new UsageError('error.db.backupExists', { value: target });
      if (!existsSync(dirname(target))) throw new UsageError('error.db.backupNoFolder', { value: dirname(target) });
      const store = openStore(path, { mustExist: EXISTING, migrate: false });
      // Written beside the target under another name and renamed once checked: an interrupted backup never looks complete.
      const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
      try {
        // One step copies every page inside one read transaction: a consistent snapshot even while others write
        // (in WAL mode readers never block writers, and a copy made in many steps would restart at each of their commits).
        await store.backup(partial, { progress: () => 0x7fffffff }).catch((err: unknown) => {
          throw storeFailure(err, target, true) ?? err;
        });
        const copy = openStore(partial, { migrate: false, quickCheck: false, mustExist: EXISTING });
        let result: StoreCheck;
        try {
          result = naming(partial, () => checkStore(copy, partial, { evidence: false }));
          // One self-contained file (no -wal beside it): it can be read from read-only media and copied on its own.
          copy.pragma('journal_mode = DELETE');
        } finally {
          copy.close();
        }
        if (!storeCheckPassed(result)) {
          process.stderr.write(`${renderStoreCheck(result, lang)}\n`);
          throw new UsageError('error.db.backupNotIntact', { store: path });
        }
        renameSync(partial, target);
        const sha = await sha256File(target);
        const v = result.schema.applied.at(-1);
        process.stdout.write(msg(lang, 'cli.db.backedUp', { store: path, target, bytes: formatCount(statSync(target).size, lang), schema: String(v ?? 0).padStart(3, '0'), sha }));
      } finally {
        store.close();
        for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(leftover, { force: true });
      }
    });

  db.command('restore <file>')
    .description(helpText('cli.db.restore'))
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const backup = resolve(file);
      const path = resolve(pathOf(globals));
      if (!existsSync(backup)) throw new UsageError('error.db.restoreMissing', { value: backup });
      if (backup === path) throw new UsageError('error.db.restoreIsStore', { value: backup });
      // The backup first, read-only: a damaged or foreign file, or one from a newer dvc-monitor, is refused before the store is touched.
      const copy = openStore(backup, { readonly: true, migrate: false, quickCheck: false, mustExist: EXISTING });
      let checked: StoreCheck;
      try {
        checked = naming(backup, () => checkStore(copy, backup, { evidence: false }));
      } finally {
        copy.close();
      }
      if (!storeCheckPassed(checked)) {
        process.stderr.write(`${renderStoreCheck(checked, lang)}\n`);
        throw new UsageError('error.db.restoreNotIntact', { value: backup });
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const kept = `${path}.before-restore-${stamp}`;
      if (existsSync(path)) {
        const current = openStore(path, { migrate: false, quickCheck: false, acceptNewerSchema: true });
        try {
          const holder = lockHolder(current, LOCK_NAME);
          if (holder && Date.now() - Date.parse(holder.heartbeatAt) <= LOCK_STALE_MS) {
            throw new UsageError('error.db.restoreServiceRunning', { pid: holder.pid, host: holder.host, store: path });
          }
          // Everything written goes into the main file, so that it alone is the store kept aside.
          current.pragma('wal_checkpoint(TRUNCATE)');
        } finally {
          current.close();
        }
        renameSync(path, kept);
        for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, kept + suffix);
      }
      // Copied beside the store and renamed into place: an interrupted restore never leaves half a store at its path.
      const partial = join(dirname(path), `.${basename(path)}.restoring-${process.pid}`);
      try {
        copyFileSync(backup, partial);
        renameSync(partial, path);
      } finally {
        rmSync(partial, { force: true });
      }
      // A backup from an older dvc-monitor is brought up to this one's schema, as any open would.
      const restored = openStore(path);
      let applied: number | undefined;
      try {
        applied = schemaVersions(restored).applied.at(-1);
      } finally {
        restored.close();
      }
      const schema = String(applied ?? 0).padStart(3, '0');
      const keptLine = existsSync(kept) ? msg(lang, 'cli.db.keptStore', { kept }) : '';
      process.stdout.write(msg(lang, 'cli.db.restored', { backup, store: path, schema, kept: keptLine, sha: await sha256File(backup) }));
    });
}
