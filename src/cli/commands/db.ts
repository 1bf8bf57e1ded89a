import type { Command } from 'commander';
import { openStore } from '../../../storage/db.ts';
import { migrate } from '../../../storage/db.ts';
import { loadConfig } from '../../config/load.ts';
import { configPath, langOf, storePath, type GlobalOptions } from '../context.ts';

export function registerDb(program: Command): void {
  const db = program.command('db').description('manage the SQLite store');
  db.command('migrate')
    .description('create the store or bring its schema up to date')
    .action((_opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const path = storePath(globals, globals.db ? null : loadConfig(configPath(globals)));
      const store = openStore(path, { migrate: false });
      try {
        const applied = migrate(store);
        const vi = langOf(globals) === 'vi';
        process.stdout.write(
          applied.length
            ? `${path}: ${vi ? 'đã áp dụng' : 'applied'} ${applied.join(', ')}\n`
            : `${path}: ${vi ? 'lược đồ đã mới nhất' : 'schema already up to date'}\n`,
        );
      } finally {
        store.close();
      }
    });
}
