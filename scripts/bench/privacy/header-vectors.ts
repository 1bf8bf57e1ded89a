// The first half of `npm run bench -- privacy-accuracy`: our header grading against the MDN
// HTTP Observatory's public test vectors. Their test files (fetched at bench time,
// observatory/fetch.ts) run in a small mocha-shaped runner with their imports mapped to ours
// (observatory/hooks.ts): every `assert.equal` of a result name is one vector, our result beside
// theirs. Figures: per test file, vectors and agreements; the disagreements with their input;
// the vectors where a rule of ours that the Observatory lacks decided (stricter on purpose, with
// the reason); and any weak policy we grade A or better (a passing result where they fail it).
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { observatoryPackage, OBSERVATORY_PACKAGE } from './observatory/fetch.ts';
import { askBrowser, unanswered } from './observatory/preload.ts';
import { run, type Fact, type Vector } from './observatory/record.ts';
import { runTestFile } from './observatory/runner.ts';

/** Their test files that grade a response (the others test their database, API and scanner). */
export const VECTOR_FILES = [
  'csp', 'strict-transport-security', 'x-frame-options', 'x-content-type-options', 'referrer-policy', 'cookies',
  'redirection', 'subresource-integrity', 'cross-origin-resource-policy', 'cors',
] as const;

/**
 * The results their score table gives no penalty (modifier 0 or a bonus). A vector whose
 * expected result is penalised and ours is one of these is a weak policy we grade as a good one.
 */
const NO_PENALTY = new Set([
  'csp-implemented-with-no-unsafe-default-src-none', 'csp-implemented-with-no-unsafe', 'csp-implemented-with-unsafe-inline-in-style-src-only',
  'csp-implemented-but-duplicate-directives',
  'hsts-implemented-max-age-at-least-six-months', 'hsts-preloaded',
  'x-frame-options-sameorigin-or-deny', 'x-frame-options-allow-from-origin', 'x-frame-options-implemented-via-csp',
  'x-content-type-options-nosniff', 'referrer-policy-private', 'referrer-policy-not-implemented',
  'cookies-not-found', 'cookies-secure-with-httponly-sessions', 'cookies-secure-with-httponly-sessions-and-samesite',
  'redirection-to-https', 'redirection-not-needed-no-http', 'redirection-all-redirects-preloaded',
  'sri-implemented-and-all-scripts-loaded-securely', 'sri-implemented-and-external-scripts-loaded-securely',
  'sri-not-implemented-response-not-html', 'sri-not-implemented-but-no-scripts-loaded', 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin',
  'corp-not-implemented', 'corp-implemented-with-same-origin', 'corp-implemented-with-same-site', 'corp-implemented-with-cross-origin',
  'cross-origin-resource-sharing-not-implemented', 'cross-origin-resource-sharing-implemented-with-public-access',
  'cross-origin-resource-sharing-implemented-with-restricted-access',
]);

export interface VectorFigures {
  perFile: Array<{ file: string; tests: number; vectors: number; agree: number; stricter: number }>;
  vectors: Vector[];
  /** Their CSP policy analysis (base-uri, form-action, frame-ancestors, objects, …), fact by fact. */
  facts: Fact[];
  ignored: number;
  errors: typeof run.errors;
  /** The hosts asked of Chromium's HSTS preload list, and its answers. */
  preload: Array<[string, boolean]>;
}

export async function headerVectors(): Promise<VectorFigures> {
  const pkg = observatoryPackage();
  const here = new URL('./observatory/', import.meta.url);
  register(new URL('hooks.ts', here).href, import.meta.url, {
    data: { packageUrl: pathToFileURL(pkg).href, adapters: new URL('adapters.ts', here).href, chai: new URL('chai.ts', here).href, shims: new URL('shims.ts', here).href },
  });
  run.filesDir = `${pkg}test/files/`;
  const types = (await import(pathToFileURL(`${pkg}src/types.js`).href)) as { Expectation: Record<string, string> };
  for (const value of Object.values(types.Expectation)) run.expectations.add(value);
  // First run: which hosts the adapters ask the browser's HSTS preload list about; then ask it, and run again.
  let perFile = await runAll(pkg, 1);
  const hosts = unanswered();
  const preload = hosts.length ? await askBrowser() : new Map<string, boolean>();
  if (hosts.length) perFile = await runAll(pkg, 2);
  return { perFile, vectors: run.vectors, facts: run.facts, ignored: run.ignored, errors: run.errors, preload: [...preload] };
}

async function runAll(pkg: string, pass: number): Promise<VectorFigures['perFile']> {
  Object.assign(run, { vectors: [], facts: [], ignored: 0, errors: [], last: null, lastFact: null });
  const perFile: VectorFigures['perFile'] = [];
  for (const name of VECTOR_FILES) {
    const file = `${name}.test.js`;
    const before = run.vectors.length;
    // A query of its own each run: the file is evaluated again, not taken from the module cache.
    const tests = await runTestFile(`${pathToFileURL(`${pkg}test/${file}`).href}?run=${pass}`, file);
    const mine = run.vectors.slice(before);
    perFile.push({ file, tests, vectors: mine.length, agree: mine.filter(agrees).length, stricter: mine.filter((v) => !agrees(v) && v.stricter).length });
  }
  return perFile;
}

const agrees = (v: Vector) => v.ours === v.theirs && !v.stricter;
/** Their HTML parser (jsdom) failing on a document: no policy of the page, and browsers parse any document. */
const NOT_A_POLICY = new Set(['html-not-parseable']);
/** A policy the Observatory penalises that we do not. */
const tooKind = (v: Vector) => v.ours !== null && NO_PENALTY.has(v.ours) && !NO_PENALTY.has(v.theirs) && !NOT_A_POLICY.has(v.theirs);

export function printVectors(f: VectorFigures): void {
  const total = f.vectors.length;
  const agree = f.vectors.filter(agrees).length;
  const stricter = f.vectors.filter((v) => !agrees(v) && v.stricter);
  const differ = f.vectors.filter((v) => !agrees(v) && !v.stricter);
  const pct = (n: number, of: number) => (of ? ((100 * n) / of).toFixed(1) : '0.0');
  console.log(`\n== Header grading against the MDN HTTP Observatory's test vectors (${OBSERVATORY_PACKAGE}) ==`);
  console.log(`${'test file'.padEnd(40)} tests  vectors  agree  stricter`);
  for (const p of f.perFile) console.log(`${p.file.padEnd(40)} ${String(p.tests).padStart(5)}  ${String(p.vectors).padStart(7)}  ${String(p.agree).padStart(5)}  ${String(p.stricter).padStart(8)}`);
  console.log(`vectors: ${total}; agree: ${agree} (${pct(agree, total)}%)   target ≥ 98%`);
  console.log(`stricter on purpose: ${stricter.length}; agreement on the vectors our own stricter rules did not decide: ${agree} of ${total - stricter.length} (${pct(agree, total - stricter.length)}%)`);
  const factsAgree = f.facts.filter((x) => x.ours === x.theirs);
  console.log(`their CSP policy analysis, fact by fact (base-uri, form-action, frame-ancestors, objects, …): ${factsAgree.length} of ${f.facts.length} agree`);
  for (const x of f.facts.filter((y) => y.ours !== y.theirs)) console.log(`  ${x.file} › ${x.test}: ${x.fact} theirs ${x.theirs}, ours ${String(x.ours)} (${x.input})`);
  console.log(`assertions on their internal fields, not compared: ${f.ignored}`);
  console.log(`hosts asked of Chromium's HSTS preload list: ${f.preload.map(([h, yes]) => `${h} (${yes ? 'on it' : 'not on it'})`).join(', ') || 'none'}`);
  if (f.errors.length) console.log(`tests that threw (${f.errors.length}):\n  ${f.errors.map((e) => `${e.file} › ${e.test}: ${e.message}`).join('\n  ')}`);
  const show = (v: Vector) => `${v.file} › ${v.test}\n      input:  ${v.input}\n      theirs: ${v.theirs}\n      ours:   ${v.ours ?? '(not graded)'}${v.stricter ? `\n      why:    ${v.stricter}` : ''}`;
  if (differ.length) console.log(`disagreements (${differ.length}):\n  ${differ.map(show).join('\n  ')}`);
  if (stricter.length) console.log(`stricter on purpose (${stricter.length}):\n  ${stricter.map(show).join('\n  ')}`);
  const weak = f.vectors.filter(tooKind);
  const notPolicies = f.vectors.filter((v) => NOT_A_POLICY.has(v.theirs) && v.ours !== v.theirs).length;
  console.log(`weak policies we pass that the Observatory fails: ${weak.length}   target 0${notPolicies ? ` (not counted: ${notPolicies} where their HTML parser fails, which is no policy of the page)` : ''}`);
  if (weak.length) console.log(`  ${weak.map(show).join('\n  ')}`);
}
