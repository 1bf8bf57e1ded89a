// Checks against the sandbox: the browser sees its public hostnames (hosts.ts) and nothing else.
import { hostResolverRules, TLS_SPKI_SHA256 } from '../../scripts/sandbox/hosts.ts';
import type { Sandbox } from '../../scripts/sandbox/server.ts';
import { Checker, DEFAULT_CHECK_SETTINGS, type CheckSettings } from '../../src/checks/checker.ts';
import { siteOf } from '../../src/checks/evidence/third-parties.ts';
import type { PageEvidence, PageKind } from '../../src/checks/types.ts';

export function sandboxCheckSettings(sandbox: Sandbox, overrides: Partial<CheckSettings> = {}): CheckSettings {
  return {
    ...DEFAULT_CHECK_SETTINGS, pageTimeoutMs: 30_000, hostResolverRules: hostResolverRules(sandbox.port),
    trustedCertificateSpki: [TLS_SPKI_SHA256], publicAddresses: [`127.0.0.1:${sandbox.port}`], ...overrides,
  };
}

export const sandboxChecker = (sandbox: Sandbox, overrides: Partial<CheckSettings> = {}) => new Checker(sandboxCheckSettings(sandbox, overrides));

/** The `checks:` section of a configuration for a started sandbox. */
export function checksConfigYaml(sandbox: Sandbox, extra = ''): string {
  return `checks:
  pageTimeoutMs: 30000
  hostResolverRules: "${hostResolverRules(sandbox.port)}"
  trustedCertificateSpki: ["${TLS_SPKI_SHA256}"]
  publicAddresses: ["127.0.0.1:${sandbox.port}"]
${extra}`;
}

/**
 * Visits named pages for the accessibility area, two at a time (the machine is shared and each
 * visit runs every probe): each page's evidence and serialised DOM, by name.
 */
export async function visitNamedPages(
  checker: Checker, names: readonly string[], urlOf: (name: string) => string, kindOf: (name: string) => PageKind = () => 'other',
): Promise<{ pages: Record<string, PageEvidence>; doms: Record<string, string> }> {
  const pages: Record<string, PageEvidence> = {};
  const doms: Record<string, string> = {};
  for (let i = 0; i < names.length; i += 2) {
    await Promise.all(names.slice(i, i + 2).map(async (name) => {
      const u = urlOf(name);
      const visit = await checker.visit(u, kindOf(name), siteOf(new URL(u).hostname), ['accessibility']);
      pages[name] = visit.evidence;
      doms[name] = visit.dom?.toString() ?? '';
    }));
  }
  return { pages, doms };
}

// Timings, clocks and per-run identifiers differ between any two visits; everything else must not.
const VOLATILE = /^(canary|date|startedAt|durationMs|ms|focusMs|at|time|timing|timestamp|requestId|targetId|frameId|loaderId|wallTime|expires|responseMs|firstByteMs|totalMs|elapsedMs|remotePort)$/i;
export function withoutTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !VOLATILE.test(k) && !/Ms$/.test(k)).map(([k, v]) => [k, withoutTimings(v)]));
  }
  return value;
}
