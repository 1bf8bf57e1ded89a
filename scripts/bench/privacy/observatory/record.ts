// What a run of the Observatory's test files records: each comparison of one of our results
// with the result their test expects (a "vector"), the assertions about their own internal
// fields that we do not compare (counted), and the tests that threw.

/** One expected result and ours, for one input. */
export interface Vector {
  file: string;
  test: string;
  /** The input, as the test built it (what differs from their empty request). */
  input: string;
  theirs: string;
  ours: string | null;
  /** Our verdict was decided by a rule of ours that the Observatory does not have (the finding says so). */
  stricter: string | null;
}

/** What an adapter returns besides their output shape: how the input read, our result and any stricter rule. */
export interface Call {
  input: string;
  result: string | null;
  stricter: string | null;
}

/** One fact of their CSP policy analysis (`policy.insecureBaseUri` is true …) and ours. */
export interface Fact {
  file: string;
  test: string;
  input: string;
  fact: string;
  theirs: boolean;
  ours: unknown;
}

export const run = {
  /** Their test/files/ folder, in the unpacked package. */
  filesDir: '',
  expectations: new Set<string>(),
  current: { file: '', test: '' },
  last: null as Call | null,
  vectors: [] as Vector[],
  ignored: 0,
  facts: [] as Fact[],
  /** The last fact a test read from our `policy` object, until an assertion takes it. */
  lastFact: null as { fact: string; value: unknown } | null,
  errors: [] as Array<{ file: string; test: string; message: string }>,
};

/** Called by an adapter each time a test runs one of "their" analyzers. */
export function called(call: Call): void {
  run.last = call;
}

/**
 * `assert.equal(a, b)`: a vector when one side is one of their result names and an analyzer ran.
 * Their tests put the expected value second, bar one that puts it first: ours is the side that
 * is the last result our adapter returned.
 */
export function compared(a: unknown, b: unknown): void {
  const last = run.last;
  if (!last || !(run.expectations.has(a as string) || run.expectations.has(b as string))) {
    run.ignored++;
    return;
  }
  const theirs = a === last.result ? b : b === last.result ? a : undefined;
  if (typeof theirs !== 'string' || !run.expectations.has(theirs)) {
    run.ignored++;
    return;
  }
  run.vectors.push({ ...run.current, input: last.input, theirs, ours: last.result, stricter: last.stricter });
}

export function ignored(): void {
  run.ignored++;
}

/** Our CSP facts as their `policy` object: each read is remembered for the assertion that follows. */
export function factsObject(facts: object): object {
  return new Proxy(facts, {
    get(target, name) {
      const value = (target as Record<string | symbol, unknown>)[name];
      if (typeof name === 'string') run.lastFact = { fact: name, value };
      return value;
    },
  });
}

/** `assert.isTrue(x)` / `assert.isFalse(x)`: a fact when x was just read from our `policy`. */
export function assertedFact(value: unknown, theirs: boolean): void {
  const read = run.lastFact;
  run.lastFact = null;
  if (!read || read.value !== value || !run.last) {
    run.ignored++;
    return;
  }
  run.facts.push({ ...run.current, input: run.last.input, fact: read.fact, theirs, ours: value });
}
