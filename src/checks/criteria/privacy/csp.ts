// Content-Security-Policy read as browsers enforce it and judged as the MDN HTTP Observatory
// scores it (its published scoring; our own code). Every policy a page gets is enforced: each
// header (two headers, or one header with policies separated by commas) and each
// `<meta http-equiv>` in the document, so a source counts only where every policy that names
// the directive allows it. A directive given twice in one policy makes the policy invalid for
// the Observatory (browsers use the first and ignore the rest, which hides mistakes).
import { msg } from '../../../messages/index.ts';
import type { Reason } from '../criterion.ts';

export type CspResult =
  | 'csp-implemented-with-no-unsafe-default-src-none'
  | 'csp-implemented-with-no-unsafe'
  | 'csp-implemented-with-unsafe-inline-in-style-src-only'
  | 'csp-implemented-with-insecure-scheme-in-passive-content-only'
  | 'csp-implemented-with-unsafe-eval'
  | 'csp-implemented-with-unsafe-inline'
  | 'csp-implemented-with-insecure-scheme'
  | 'csp-header-invalid'
  | 'csp-not-implemented'
  | 'csp-not-implemented-but-reporting-enabled';

export const CSP_MODIFIERS: Record<CspResult, number> = {
  'csp-implemented-with-no-unsafe-default-src-none': 10,
  'csp-implemented-with-no-unsafe': 5,
  'csp-implemented-with-unsafe-inline-in-style-src-only': 0,
  'csp-implemented-with-insecure-scheme-in-passive-content-only': -10,
  'csp-implemented-with-unsafe-eval': -10,
  'csp-implemented-with-unsafe-inline': -20,
  'csp-implemented-with-insecure-scheme': -20,
  'csp-header-invalid': -25,
  'csp-not-implemented': -25,
  'csp-not-implemented-but-reporting-enabled': -25,
};

/**
 * What the enforced policy allows, test by test, as the Observatory's policy analysis reads it:
 * the result names only the worst; these tell all. base-uri, form-action and frame-ancestors are
 * not scored (frame-ancestors counts as frame protection), only reported.
 */
export interface CspFacts {
  unsafeInline: boolean;
  unsafeEval: boolean;
  insecureSchemeActive: boolean;
  insecureSchemePassive: boolean;
  unsafeInlineStyle: boolean;
  unsafeObjects: boolean;
  defaultNone: boolean;
  /** 'strict-dynamic' with a nonce or hash. */
  strictDynamic: boolean;
  /** frame-ancestors, from a header, allows no broad source. */
  antiClickjacking: boolean;
  /** base-uri missing or broad: an injected <base> can point the page's relative scripts elsewhere. */
  insecureBaseUri: boolean;
  /** form-action missing or broad: an injected form can post anywhere. */
  insecureFormAction: boolean;
}

/** The verdict on a page's policies, and the policy they enforce together. */
export interface CspAnalysis {
  result: CspResult;
  /** Why the policy is invalid, when it is. */
  invalid: Reason | null;
  /** The effective policy, directive → sources (sorted), when there is a valid one. */
  directives: Record<string, string[]> | null;
  facts: CspFacts | null;
}

/** Sources that allow nearly anything: a scheme alone or a wildcard. */
const BROAD = new Set(['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*']);
/** Sources that let inline or injected script run. */
const INLINE = new Set(["'unsafe-inline'", 'data:']);
const isBroadOrInline = (s: string) => BROAD.has(s) || INLINE.has(s);
const PASSIVE = ['img-src', 'media-src'];
const NONCE_OR_HASH = /^'(nonce-|sha256-|sha384-|sha512-)/;
/** Only headers may carry these: a `<meta>` policy that names them has them ignored. */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];
const MAY_REPEAT = new Set(['report-uri', 'report-to']);
const MAX_POLICY = 8192;

type Policy = Map<string, Set<string>>;

export class CspInvalid extends Error {
  constructor(readonly reason: Reason) {
    super(msg('en', reason.key, reason.vars));
  }
}

/** One serialised policy: directives with their sources, lower-cased. Throws CspInvalid. */
export function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  const clean = text.replace(/[\r\n]/g, '').trim().slice(0, MAX_POLICY);
  // "img-src" is the shortest directive worth a policy.
  if (clean.length < 'img-src'.length - 1) throw new CspInvalid({ key: 'privacy.csp.why.tooShort', vars: { policy: clean } });
  for (const part of clean.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const directive = name.toLowerCase();
    if (policy.has(directive)) {
      if (MAY_REPEAT.has(directive)) continue;
      throw new CspInvalid({ key: 'privacy.csp.why.directiveTwice', vars: { directive } });
    }
    // A source list left empty allows nothing.
    policy.set(directive, new Set(sources.length ? sources.map((s) => s.toLowerCase()) : directive.endsWith('-src') ? ["'none'"] : []));
  }
  return policy;
}

/** The fetch directives that fall back to default-src when a policy leaves them out. */
const FETCH = ['script-src', 'style-src', 'object-src', 'img-src', 'media-src', 'font-src', 'connect-src', 'frame-src', 'worker-src', 'manifest-src'];

function withDefaults(policy: Policy): Policy {
  const fallback = policy.get('default-src');
  if (!fallback) return policy;
  const out = new Map(policy);
  for (const d of FETCH) if (!out.has(d)) out.set(d, new Set(fallback));
  return out;
}

/**
 * The policy all of them enforce together: a directive named by several policies allows only
 * what each of them allows ('none' when nothing is left).
 */
export function combinePolicies(policies: readonly Policy[]): Policy {
  const out: Policy = new Map();
  // Each policy's default-src stands for the fetch directives it leaves out.
  for (const policy of policies.map(withDefaults)) {
    for (const [directive, sources] of policy) {
      const before = out.get(directive);
      if (!before) { out.set(directive, new Set(sources)); continue; }
      const both = new Set([...[...before].filter((s) => allows(sources, s)), ...[...sources].filter((s) => allows(before, s))]);
      out.set(directive, both.size ? both : new Set(["'none'"]));
    }
  }
  return out;
}

/**
 * Whether a source list lets through what `source` names: the same source, or a host or
 * 'self' under a wildcard (`*`), or an https:// host under `https:`. Keywords ('unsafe-inline',
 * nonces) and data:/blob: are only ever allowed by themselves.
 */
function allows(list: ReadonlySet<string>, source: string): boolean {
  if (list.has(source)) return true;
  const host = source === "'self'" || (!source.startsWith("'") && !/^(data|blob|filesystem|mediastream):/.test(source));
  if (host && list.has('*')) return true;
  return source.startsWith('https://') && list.has('https:');
}

/** The policies in header values (several headers arrive joined by commas or line breaks). */
export function splitPolicies(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(/[,\n]/)).map((p) => p.trim()).filter(Boolean);
}

export function analyseCsp(input: { headers: readonly string[]; meta: readonly string[]; reportOnly: string | undefined; https: boolean }): CspAnalysis {
  const headerPolicies = splitPolicies(input.headers);
  const metaPolicies = input.meta.map((m) => m.trim()).filter(Boolean);
  const none = (result: CspResult, invalid: Reason | null = null): CspAnalysis => ({ result, invalid, directives: null, facts: null });
  // A header sent with nothing in it is a policy that failed, not one left out.
  if (input.headers.length && !headerPolicies.length) return none('csp-header-invalid', { key: 'privacy.csp.why.empty' });
  if (!headerPolicies.length && !metaPolicies.length) return none(input.reportOnly?.trim() ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented');

  let policies: Policy[];
  try {
    policies = [
      ...headerPolicies.map(parsePolicy),
      ...metaPolicies.map(parsePolicy).map((p) => { for (const d of HEADER_ONLY) p.delete(d); return p; }),
    ];
  } catch (err) {
    if (err instanceof CspInvalid) return none('csp-header-invalid', err.reason);
    throw err;
  }
  const csp = combinePolicies(policies);
  if (!csp.size) return none('csp-not-implemented');

  // Fetch directives already stand in for default-src (combinePolicies); none at all allows anything.
  const sources = (d: string) => new Set(csp.get(d) ?? ['*']);
  const scripts = sources('script-src');
  const styles = sources('style-src');
  const objects = sources('object-src');
  // A nonce or a hash makes browsers ignore 'unsafe-inline'.
  for (const list of [scripts, styles]) if ([...list].some((s) => NONCE_OR_HASH.test(s))) list.delete("'unsafe-inline'");
  // 'strict-dynamic' with a nonce or hash makes host sources, 'self' and 'unsafe-inline' ignored;
  // without one it trusts whatever the page's scripts load, and allows none to start.
  let invalid: Reason | null = null;
  if (scripts.has("'strict-dynamic'")) {
    if ([...scripts].some((s) => NONCE_OR_HASH.test(s))) {
      for (const s of [...scripts]) if ([...BROAD].some((b) => s.startsWith(b)) || s === "'self'" || s === "'unsafe-inline'") scripts.delete(s);
    } else {
      invalid = { key: 'privacy.csp.why.strictDynamicAlone' };
    }
  }
  const active = [...[...csp].filter(([d]) => !PASSIVE.includes(d) && d !== 'script-src').flatMap(([, s]) => [...s]), ...scripts];
  const passive = PASSIVE.flatMap((d) => [...(csp.get(d) ?? [])]);
  const insecure = (s: string) => s.startsWith('http:') || s.startsWith('ftp:');
  const unrestricted = (d: string, bad: (s: string) => boolean) => [...(csp.get(d) ?? ['*'])].some(bad);
  const facts: CspFacts = {
    unsafeInline: [...scripts].some(isBroadOrInline) || [...objects].some((s) => BROAD.has(s)),
    insecureSchemeActive: input.https && active.some(insecure),
    unsafeEval: scripts.has("'unsafe-eval'") || styles.has("'unsafe-eval'"),
    insecureSchemePassive: input.https && passive.some(insecure),
    unsafeInlineStyle: [...styles].some(isBroadOrInline),
    unsafeObjects: [...objects].some((s) => BROAD.has(s)),
    defaultNone: csp.get('default-src')?.size === 1 && csp.get('default-src')!.has("'none'"),
    strictDynamic: !invalid && scripts.has("'strict-dynamic'"),
    antiClickjacking: csp.has('frame-ancestors') && !unrestricted('frame-ancestors', (s) => BROAD.has(s)),
    insecureBaseUri: unrestricted('base-uri', isBroadOrInline),
    insecureFormAction: unrestricted('form-action', (s) => BROAD.has(s)),
  };

  const result: CspResult = invalid ? 'csp-header-invalid'
    : facts.unsafeInline ? 'csp-implemented-with-unsafe-inline'
    : facts.insecureSchemeActive ? 'csp-implemented-with-insecure-scheme'
    : facts.unsafeEval ? 'csp-implemented-with-unsafe-eval'
    : facts.insecureSchemePassive ? 'csp-implemented-with-insecure-scheme-in-passive-content-only'
    : facts.unsafeInlineStyle ? 'csp-implemented-with-unsafe-inline-in-style-src-only'
    : facts.defaultNone ? 'csp-implemented-with-no-unsafe-default-src-none'
    : 'csp-implemented-with-no-unsafe';
  return { result, invalid, directives: Object.fromEntries([...csp].map(([d, s]) => [d, [...s].sort()])), facts };
}
