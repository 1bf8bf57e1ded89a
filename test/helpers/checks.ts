// Checks against the sandbox: the browser sees its public hostnames (hosts.ts) and nothing else.
import { hostResolverRules, TLS_SPKI_SHA256 } from '../../scripts/sandbox/hosts.ts';
import type { Sandbox } from '../../scripts/sandbox/server.ts';
import { Checker, DEFAULT_CHECK_SETTINGS, type CheckSettings } from '../../src/checks/checker.ts';

export function sandboxCheckSettings(sandbox: Sandbox, overrides: Partial<CheckSettings> = {}): CheckSettings {
  return {
    ...DEFAULT_CHECK_SETTINGS, pageTimeoutMs: 15_000, hostResolverRules: hostResolverRules(sandbox.port),
    trustedCertificateSpki: [TLS_SPKI_SHA256], ...overrides,
  };
}

export const sandboxChecker = (sandbox: Sandbox, overrides: Partial<CheckSettings> = {}) => new Checker(sandboxCheckSettings(sandbox, overrides));

/** The `checks:` section of a configuration for a started sandbox. */
export function checksConfigYaml(sandbox: Sandbox, extra = ''): string {
  return `checks:
  pageTimeoutMs: 15000
  hostResolverRules: "${hostResolverRules(sandbox.port)}"
  trustedCertificateSpki: ["${TLS_SPKI_SHA256}"]
${extra}`;
}
