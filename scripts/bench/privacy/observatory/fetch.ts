// The MDN HTTP Observatory's own test files (MPL-2.0) are the vectors of the header-grading
// benchmark. They are never committed here and the package is no dependency (it needs
// PostgreSQL and pg-native): its published tarball is fetched at bench time with `npm pack`,
// checked against the integrity pinned below (the vectors measured are exactly these), and
// unpacked into the gitignored .cache/observatory/, which later runs reuse.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const OBSERVATORY_PACKAGE = '@mdn/mdn-http-observatory@1.4.8';
const TARBALL = 'mdn-mdn-http-observatory-1.4.8.tgz';
const INTEGRITY = 'sha512-0goue3nubqDQuIqLaQWRUa7iNsgTOwIlJdqbiC8sO7PxqwmpdQJo9Q8GCvXkcp7s35yGj9X/RGkZ4iIBZoYHxw==';
const CACHE = fileURLToPath(new URL('../../../../.cache/observatory/', import.meta.url));

const integrityOf = (file: string) => `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;

/** The unpacked package folder (holding test/ and src/), fetched when not cached yet. */
export function observatoryPackage(): string {
  const unpacked = `${CACHE}1.4.8/package/`;
  if (existsSync(`${unpacked}test/csp.test.js`)) return unpacked;
  mkdirSync(CACHE, { recursive: true });
  const tarball = `${CACHE}${TARBALL}`;
  if (!existsSync(tarball)) {
    try {
      execFileSync('npm', ['pack', OBSERVATORY_PACKAGE, '--pack-destination', CACHE, '--silent'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
    } catch (err) {
      throw new Error(`could not fetch ${OBSERVATORY_PACKAGE} with npm pack (is the npm registry reachable?): ${(err as Error).message}`);
    }
  }
  const found = integrityOf(tarball);
  if (found !== INTEGRITY) {
    rmSync(tarball);
    throw new Error(`${TARBALL} is not the tarball this benchmark was written for (integrity ${found}, expected ${INTEGRITY}); removed it`);
  }
  // Unpacked beside the final place, then moved, so a run killed half-way leaves no half folder.
  const staging = `${CACHE}staging-${process.pid}/`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  execFileSync('tar', ['-xzf', tarball, '-C', staging]);
  mkdirSync(`${CACHE}1.4.8`, { recursive: true });
  renameSync(`${staging}package`, unpacked.slice(0, -1));
  rmSync(staging, { recursive: true, force: true });
  return unpacked;
}
