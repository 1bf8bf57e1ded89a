// `npm run bench -- <name> [args]`: runs scripts/bench/<name>.ts, which prints its figures
// and its ratio against the peer tool named in its issue.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.slice(0, -3)).sort();
const [name, ...args] = process.argv.slice(2);

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|') || 'name'}> [args]${name ? `\nunknown benchmark "${name}"` : ''}`);
  process.exit(2);
}
process.argv = [process.argv[0]!, `${dir}${name}.ts`, ...args];
await import(pathToFileURL(`${dir}${name}.ts`).href);
