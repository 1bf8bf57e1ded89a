// Security headers graded in the manner of Mozilla's (now MDN's) HTTP Observatory: start at
// 100, add each test's modifier, bonuses only count once the score is 90 or more, letter grade
// from the same chart. Differences, on purpose: HSTS and the HTTP→HTTPS redirect are criteria
// of their own (not counted twice), cookies too; Permissions-Policy, which the issue asks for
// and the Observatory does not score, costs 5 points when missing. The Observatory's own
// package (@mdn/mdn-http-observatory) fetches sites itself and needs PostgreSQL; this grades
// the headers of the response the browser already recorded.
export const HEADER_GRADE_VERSION = 'headers-grade/1';

export interface HeaderTest {
  header: string;
  result: string;
  modifier: number;
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

export function parseCsp(value: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of value.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources.map((s) => s.toLowerCase()));
  }
  return directives;
}

function cspTest(value: string | undefined): HeaderTest {
  if (!value) return { header: 'content-security-policy', result: 'csp-not-implemented', modifier: -25 };
  const csp = parseCsp(value);
  const scripts = csp.get('script-src') ?? csp.get('default-src');
  if (!scripts) return { header: 'content-security-policy', result: 'csp-implemented-with-unsafe-inline', modifier: -20 };
  // A nonce or hash makes browsers ignore 'unsafe-inline'.
  const guarded = scripts.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha") || s === "'strict-dynamic'");
  if (scripts.includes("'unsafe-inline'") && !guarded) return { header: 'content-security-policy', result: 'csp-implemented-with-unsafe-inline', modifier: -20 };
  if (scripts.some((s) => s === '*' || s === 'http:' || s === 'https:' || s.startsWith('http://'))) {
    return { header: 'content-security-policy', result: 'csp-implemented-with-insecure-scheme', modifier: -20 };
  }
  if (scripts.includes("'unsafe-eval'")) return { header: 'content-security-policy', result: 'csp-implemented-with-unsafe-eval', modifier: -10 };
  if (csp.get('default-src')?.includes("'none'")) return { header: 'content-security-policy', result: 'csp-implemented-with-no-unsafe-default-src-none', modifier: 10 };
  return { header: 'content-security-policy', result: 'csp-implemented-with-no-unsafe', modifier: 5 };
}

function frameTest(xfo: string | undefined, csp: string | undefined): HeaderTest {
  if (csp && parseCsp(csp).has('frame-ancestors')) return { header: 'x-frame-options', result: 'x-frame-options-implemented-via-csp', modifier: 5 };
  if (!xfo) return { header: 'x-frame-options', result: 'x-frame-options-not-implemented', modifier: -20 };
  return /^\s*(deny|sameorigin)\s*$/i.test(xfo)
    ? { header: 'x-frame-options', result: 'x-frame-options-sameorigin-or-deny', modifier: 0 }
    : { header: 'x-frame-options', result: 'x-frame-options-header-invalid', modifier: -20 };
}

const PRIVATE_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const UNSAFE_REFERRER = ['unsafe-url', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin'];

function referrerTest(value: string | undefined): HeaderTest {
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

function permissionsTest(value: string | undefined): HeaderTest {
  return value?.trim()
    ? { header: 'permissions-policy', result: 'permissions-policy-implemented', modifier: 0 }
    : { header: 'permissions-policy', result: 'permissions-policy-not-implemented', modifier: -5 };
}

/** Grades lower-cased response headers. */
export function gradeHeaders(headers: Record<string, string>): HeaderGrade {
  const csp = headers['content-security-policy'];
  const tests = [
    cspTest(csp), nosniffTest(headers['x-content-type-options']), frameTest(headers['x-frame-options'], csp),
    referrerTest(headers['referrer-policy']), permissionsTest(headers['permissions-policy']),
  ];
  const penalties = 100 + tests.filter((t) => t.modifier < 0).reduce((sum, t) => sum + t.modifier, 0);
  const bonuses = tests.filter((t) => t.modifier > 0).reduce((sum, t) => sum + t.modifier, 0);
  const score = Math.max(0, penalties >= 90 ? penalties + bonuses : penalties);
  return { version: HEADER_GRADE_VERSION, score, grade: GRADES.find(([min]) => score >= min)![1], tests };
}
