// Where the project's own files are (package.json, the migrations, the shipped reference data),
// whether this code runs from its TypeScript sources or compiled into dist/: the nearest folder
// above this module whose package.json is dvc-monitor's.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dvc-monitor') return dir;
    if (dirname(dir) === dir) throw new Error(`dvc-monitor's package.json was not found above ${fileURLToPath(import.meta.url)}`);
  }
}

export const PROJECT_ROOT = findRoot();

/** A file or folder of the project, by its path from the project's root. */
export const projectPath = (...parts: string[]) => join(PROJECT_ROOT, ...parts);
