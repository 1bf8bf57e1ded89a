// Builds the shipped JavaScript: the CLI and everything it imports, bundled by esbuild into
// dist/ (ES modules, npm packages left as imports), one chunk per command so that a command
// loads only its own code. Type checking is `npm run typecheck` (and part of `npm test`).
// Built beside dist/ and swapped in by rename: a process starting meanwhile (a test, a service
// restarted by systemd) finds either the old build or the new one whole, never half of one.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
const fresh = `${root}dist.new-${process.pid}`;
const old = `${root}dist.old-${process.pid}`;
rmSync(fresh, { recursive: true, force: true });
await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outdir: fresh,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
if (existsSync(dist)) renameSync(dist, old);
renameSync(fresh, dist);
rmSync(old, { recursive: true, force: true });
