// `dvc-monitor evidence <sha256>`: a stored evidence body (page evidence JSON, DOM, screenshot,
// axe-core results, or a collector's payload), after re-checking that it still matches its hash.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readBody } from '../../../storage/evidence.ts';
import { openContext, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';

export function registerEvidence(program: Command): void {
  program
    .command('evidence')
    .description('write a stored evidence body (by its SHA-256) to a file or to standard output, after checking its hash')
    .argument('<sha256>', 'the hash printed by `check` or kept in the store (a "sha256:" prefix is accepted)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((hash: string, opts: { out?: string }, cmd: Command) => {
      const sha = hash.replace(/^sha256:/, '').toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(sha)) throw new UsageError(`"${hash}" is not a SHA-256. Fix: give the 64 hexadecimal characters printed by \`dvc-monitor check\``);
      const { db } = openContext(cmd.optsWithGlobals<GlobalOptions>());
      try {
        const stored = readBody(db, sha);
        if (!stored) throw new UsageError(`no evidence ${sha} in ${db.name}. Fix: check the hash, and --db if the check was stored elsewhere`);
        if (!stored.intact) {
          process.stderr.write(`evidence ${sha} no longer matches its hash: the store was altered\n`);
          process.exitCode = EXIT.jobFailed;
          return;
        }
        if (opts.out) writeFileSync(opts.out, stored.body);
        else process.stdout.write(stored.body);
      } finally {
        db.close();
      }
    });
}
