// The scale-out roles as real child processes (`dvc-monitor start` as the coordinator, and
// `dvc-monitor worker`s), their configuration, and waiting on what they write to the store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { startCli, type CliResult } from './cli.ts';
import type { ChildProcess } from 'node:child_process';

export interface Role {
  child: ChildProcess;
  done: Promise<CliResult>;
  /** SIGTERM, and the exit. */
  stop(): Promise<CliResult>;
  /** SIGKILL: the process dies without a word. */
  kill(): Promise<CliResult>;
  output(): string;
}

const started = new Set<Role>();
afterEach(async () => {
  await Promise.all([...started].map((r) => r.kill()));
  started.clear();
});

function role(args: string[], env: NodeJS.ProcessEnv = {}): Role {
  const { child, done } = startCli(args, env);
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  child.stdout!.on('data', (d) => (out += d));
  const r: Role = {
    child, done,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return done;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return done;
    },
    output: () => out,
  };
  started.add(r);
  return r;
}

export const startCoordinator = (config: string, db: string, env: NodeJS.ProcessEnv = {}) =>
  role(['start', '--config', config, '--db', db, '--log-level', 'info'], env);

export const startWorkerRole = (config: string, location: string, kinds: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  role(['worker', '--config', config, '--location', location, '--kinds', kinds, '--log-level', 'info', ...args], env);

export function writeConfig(dir: string, text: string): string {
  const file = join(dir, 'config.yaml');
  writeFileSync(file, text);
  return file;
}

/** Runs a query on a fresh read-only connection (the coordinator is the writer). */
export function query<T>(db: string, sql: string, ...params: unknown[]): T[] {
  let conn: Database.Database;
  try {
    conn = new Database(db, { readonly: true, fileMustExist: true });
  } catch {
    return [];
  }
  try {
    conn.pragma('busy_timeout = 2000');
    return conn.prepare(sql).all(...params) as T[];
  } catch (err) {
    // The coordinator may still be migrating the store: a table or a column not there yet is "nothing yet".
    if (/no such (table|column)/.test((err as Error).message)) return [];
    throw err;
  } finally {
    conn.close();
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs: number, roles: Role[] = []): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) {
      throw new Error(`timed out waiting for ${what}\n${roles.map((r) => r.output().split('\n').slice(-25).join('\n')).join('\n----\n')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
