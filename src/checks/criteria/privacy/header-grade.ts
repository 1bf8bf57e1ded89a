// Security headers graded in the manner of the MDN HTTP Observatory (its published scoring; our
// own code): start at 100, add each test's modifier, bonuses only count once the score is 90
// or more, letter grade from the same chart. CSP is read from every header and every
// `<meta http-equiv>` policy (csp.ts); Referrer-Policy from the header and the document's meta;
// Subresource Integrity from the document's scripts (subresource-integrity.ts); CORS from the
// home page asked for with another site's Origin (the visit's CORS probe), else from the
// document's own headers.
// Differences, on purpose: HSTS, the HTTP→HTTPS redirect and cookies are criteria of their own
// (not counted twice); Permissions-Policy, which the Observatory does not score, costs 5 points
// when missing. The Observatory's own package fetches sites itself and needs PostgreSQL; this
// grades the response the browser already recorded.
// headers-grade/3: SRI and CORS scored; an empty CSP header is invalid, not missing.
import { msg } from '../../../messages/index.ts';
import type { CorsProbe, SubresourceRecord } from '../../types.ts';
import type { Reason } from '../criterion.ts';
import { analyseCsp, CSP_MODIFIERS, type CspAnalysis, type CspFacts } from './csp.ts';
import { gradeSri, SRI_MODIFIERS } from './subresource-integrity.ts';

export const HEADER_GRADE_VERSION = 'headers-grade/3';

export interface HeaderTest {
  header: string;
  result: string;
  modifier: number;
  /** Why a header was found invalid, when it was, in English (as stored). */
  why?: string;
  /** The same reason as a catalogue message, for the reader's language (never stored: `why` is). */
  reason?: Reason;
  /** What the result is about, when it is about some of many (the scripts without integrity). */
  subjects?: string[];
  /** CSP: everything the enforced policy allows, test by test (the result names the worst). */
  facts?: CspFacts;
}

export interface HeaderGrade {
  version: string;
  score: number;
  grade: string;
  tests: HeaderTest[];
}

const GRADES: Array<[number, string]> = [
  [100, 'A+'], [90, 'A'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'], [60, 'C+'], [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'], [0, 'F'],
];

/** A test's reason: in English as stored, and as the message that says it in either language. */
const said = (reason: Reason): Pick<HeaderTest, 'why' | 'reason'> => ({ why: msg('en', reason.key, reason.vars), reason });

function cspTest(csp: CspAnalysis): HeaderTest {
  return { header: 'content-security-policy', result: csp.result, modifier: CSP_MODIFIERS[csp.result], ...(csp.invalid ? said(csp.invalid) : {}), ...(csp.facts ? { facts: csp.facts } : {}) };
}

function frameTest(page: HeaderInput, csp: CspAnalysis): HeaderTest {
  // frame-ancestors counts from a header only: analyseCsp drops it from <meta> policies.
  if (csp.directives?.['frame-ancestors']) return { header: 'x-frame-options', result: 'x-frame-options-implemented-via-csp', modifier: 5 };
  const xfo = page.headers['x-frame-options']?.trim().toLowerCase();
  if (!xfo) return { header: 'x-frame-options', result: 'x-frame-options-not-implemented', modifier: -20 };
  if (xfo === 'deny' || xfo === 'sameorigin') return { header: 'x-frame-options', result: 'x-frame-options-sameorigin-or-deny', modifier: 0 };
  if (xfo.startsWith('allow-from')) return { header: 'x-frame-options', result: 'x-frame-options-allow-from-origin', modifier: 0 };
  return { header: 'x-frame-options', result: 'x-frame-options-header-invalid', modifier: -20 };
}

const present = (value: string | undefined) => (value?.trim() ? [value] : []);

const PRIVATE_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const UNSAFE_REFERRER = ['unsafe-url', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin'];

function referrerTest(page: HeaderInput): HeaderTest {
  // The document's own <meta> comes after the header: it wins.
  const value = [...present(page.headers['referrer-policy']), ...page.metaReferrer].join(',');
  if (!value) return { header: 'referrer-policy', result: 'referrer-policy-not-implemented', modifier: 0 };
  // Browsers use the last policy they understand.
  const policy = value.split(',').map((p) => p.trim().toLowerCase()).filter((p) => PRIVATE_REFERRER.includes(p) || UNSAFE_REFERRER.includes(p)).pop();
  if (!policy) return { header: 'referrer-policy', result: 'referrer-policy-header-invalid', modifier: -5 };
  return PRIVATE_REFERRER.includes(policy)
    ? { header: 'referrer-policy', result: 'referrer-policy-private', modifier: 5 }
    : { header: 'referrer-policy', result: 'referrer-policy-unsafe', modifier: -5 };
}

function nosniffTest(value: string | undefined): HeaderTest {
  if (!value) return { header: 'x-content-type-options', result: 'x-content-type-options-not-implemented', modifier: -5 };
  return value.trim().toLowerCase() === 'nosniff'
    ? { header: 'x-content-type-options', result: 'x-content-type-options-nosniff', modifier: 0 }
    : { header: 'x-content-type-options', result: 'x-content-type-options-header-invalid', modifier: -5 };
}

// Cross-Origin-Resource-Policy keeps other sites from embedding the response (Spectre-style leaks).
function corpTest(value: string | undefined): HeaderTest {
  const v = value?.trim().toLowerCase();
  if (!v) return { header: 'cross-origin-resource-policy', result: 'corp-not-implemented', modifier: 0 };
  if (v === 'same-origin' || v === 'same-site') return { header: 'cross-origin-resource-policy', result: `corp-implemented-with-${v}`, modifier: 10 };
  if (v === 'cross-origin') return { header: 'cross-origin-resource-policy', result: 'corp-implemented-with-cross-origin', modifier: 0 };
  return { header: 'cross-origin-resource-policy', result: 'corp-header-invalid', modifier: -5 };
}

function sriTest(page: HeaderInput): HeaderTest {
  const sri = gradeSri({ url: page.url, contentType: page.headers['content-type'], subresources: page.subresources });
  const stylesheets = sri.stylesheets.length ? said({ key: 'privacy.sri.why.stylesheets', vars: { stylesheets: sri.stylesheets.join(', ') } }) : {};
  return { header: 'subresource-integrity', result: sri.result, modifier: SRI_MODIFIERS[sri.result], ...(sri.scripts.length ? { subjects: sri.scripts } : {}), ...stylesheets };
}

/**
 * Cross-origin resource sharing of the page: any site may read it (`*`, no cookies, harmless for
 * a public page), some sites, or, the one that costs, any site that asks, with the visitor's
 * cookies (it echoes the probe's Origin and allows credentials: a citizen's logged-in pages
 * readable by every website). Without a probe only the document's own headers are known.
 */
function corsTest(page: HeaderInput): HeaderTest {
  const probe = page.corsProbe && !page.corsProbe.error ? page.corsProbe : null;
  const allow = (probe ? probe.allowOrigin : page.headers['access-control-allow-origin'])?.trim();
  const credentials = (probe ? probe.allowCredentials : page.headers['access-control-allow-credentials'])?.trim().toLowerCase();
  const test = (result: string, modifier = 0): HeaderTest => ({ header: 'cross-origin-resource-sharing', result, modifier });
  if (!allow) return test('cross-origin-resource-sharing-not-implemented');
  if (allow === '*') return test('cross-origin-resource-sharing-implemented-with-public-access');
  if (probe && allow === probe.origin && credentials === 'true') {
    return { ...test('cross-origin-resource-sharing-implemented-with-universal-access', -50), ...said({ key: 'privacy.cors.why.universal', vars: { origin: probe.origin, allow } }) };
  }
  return test('cross-origin-resource-sharing-implemented-with-restricted-access');
}

function permissionsTest(value: string | undefined): HeaderTest {
  return value?.trim()
    ? { header: 'permissions-policy', result: 'permissions-policy-implemented', modifier: 0 }
    : { header: 'permissions-policy', result: 'permissions-policy-not-implemented', modifier: -5 };
}

/** What the grading reads: the document's response headers (lower-cased) and its own <meta> policies. */
export interface HeaderInput {
  headers: Record<string, string>;
  /** `<meta http-equiv="Content-Security-Policy">` contents, in document order. */
  metaCsp: readonly string[];
  /** `<meta name="referrer">` and `<meta http-equiv="Referrer-Policy">` contents. */
  metaReferrer: readonly string[];
  https: boolean;
  /** The document's address (SRI tells its site's scripts from others'). */
  url: string;
  /** Its scripts and stylesheets; undefined in evidence recorded before they were. */
  subresources?: readonly SubresourceRecord[];
  /** What it answered to another site's Origin, when the visit asked (home pages). */
  corsProbe?: CorsProbe | null;
}

/** Grades a document's security headers. */
export function gradeHeaders(page: HeaderInput): HeaderGrade {
  const cspHeader = page.headers['content-security-policy'];
  const csp = analyseCsp({ headers: cspHeader === undefined ? [] : [cspHeader], meta: page.metaCsp, reportOnly: page.headers['content-security-policy-report-only'], https: page.https });
  const tests = [
    cspTest(csp), nosniffTest(page.headers['x-content-type-options']), frameTest(page, csp),
    referrerTest(page), corpTest(page.headers['cross-origin-resource-policy']), sriTest(page), corsTest(page), permissionsTest(page.headers['permissions-policy']),
  ];
  const penalties = 100 + tests.filter((t) => t.modifier < 0).reduce((sum, t) => sum + t.modifier, 0);
  const bonuses = tests.filter((t) => t.modifier > 0).reduce((sum, t) => sum + t.modifier, 0);
  const score = Math.max(0, penalties >= 90 ? penalties + bonuses : penalties);
  return { version: HEADER_GRADE_VERSION, score, grade: GRADES.find(([min]) => score >= min)![1], tests };
}
