import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type LoadedConfig } from '../../src/config/load.ts';

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
