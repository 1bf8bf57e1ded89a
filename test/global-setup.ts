// Before any test: build the shipped CLI (dist/) from the sources as they are now, so that the
// tests that start `dvc-monitor` run this code, compiled as it ships.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
