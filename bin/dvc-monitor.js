#!/usr/bin/env node
// Entry point. The compiled JavaScript in dist/ (npm run build; `npm run setup` and `npm test`
// build it) starts in a fraction of a second; without it, or with DVC_MONITOR_FROM_SOURCE=1,
// the TypeScript sources run through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/main.js', import.meta.url);
let main;
if (existsSync(compiled) && !process.env.DVC_MONITOR_FROM_SOURCE) {
  ({ main } = await import(compiled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
