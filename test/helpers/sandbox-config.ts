import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type LoadedConfig } from '../../src/config/load.ts';
import { addMonths } from '../../src/time/period.ts';
import { runCli } from './cli.ts';
import { tempDir } from './tmp.ts';

/** A configuration pointing at a started sandbox, small limits so failures come fast. */
export function sandboxConfigText(url: string, extra = ''): string {
  return `version: 1
http: { timeoutMs: 2000, retries: 1, retryBaseDelayMs: 20, perHostConcurrency: 4, maxBodyBytes: 5000000 }
sources:
  - id: gateway
    kind: national-portal
    url: ${url}/jsp/rest.jsp
    pageSize: 20
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "${url}/sites/hanoi/" }
${extra}`;
}

export function sandboxConfig(url: string, extra = ''): LoadedConfig {
  return parseConfig(sandboxConfigText(url, extra), 'test.yaml', {});
}

export function writeSandboxConfig(dir: string, url: string, extra = ''): string {
  const file = join(dir, 'config.yaml');
  writeFileSync(file, sandboxConfigText(url, extra));
  return file;
}

/**
 * A store filled the way operators fill theirs: `run` over the months up to `period`, then
 * `probe --once`, with the Hà Nội portal renamed to `portalName` (a hostile title, for the
 * escaping tests of reports and the dashboard), `extra` configuration appended, and the portal
 * marked `public: true` when asked (the status page's), `morePortals` (YAML list items) after it.
 */
export async function filledStore(sandboxUrl: string, opts: { portalName: string; period: string; months: number; extra?: string; public?: boolean; morePortals?: string }): Promise<{ dir: string; config: string; configText: string; db: string }> {
  const dir = tempDir();
  const config = join(dir, 'config.yaml');
  let configText = sandboxConfigText(sandboxUrl, opts.extra ?? '').replace('name: Hà Nội', `name: ${JSON.stringify(opts.portalName)}`);
  if (opts.public) configText = configText.replace(`url: "${sandboxUrl}/sites/hanoi/" }`, `url: "${sandboxUrl}/sites/hanoi/", public: true }`);
  if (opts.morePortals) configText = configText.replace(`/sites/hanoi/"${opts.public ? ', public: true' : ''} }\n`, (line) => `${line}${opts.morePortals}\n`);
  writeFileSync(config, configText);
  const db = join(dir, 'store.sqlite');
  const run = await runCli(['run', '--config', config, '--db', db, '--from', addMonths(opts.period, 1 - opts.months), '--to', opts.period, '--log-level', 'silent']);
  if (run.code !== 0) throw new Error(`run exited ${run.code}: ${run.stderr}`);
  const probe = await runCli(['probe', '--once', '--config', config, '--db', db, '--log-level', 'silent']);
  if (probe.code !== 0) throw new Error(`probe exited ${probe.code}: ${probe.stderr}`);
  return { dir, config, configText, db };
}
