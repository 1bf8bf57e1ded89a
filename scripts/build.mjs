// Builds the shipped JavaScript: the CLI and everything it imports, bundled by esbuild into
// dist/ (ES modules, npm packages left as imports), one chunk per command so that a command
// loads only its own code. Type checking is `npm run typecheck` (and part of `npm test`).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outdir: `${root}dist`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
