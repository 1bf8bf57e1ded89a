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

export const run = {
  /** Their test/files/ folder, in the unpacked package. */
  filesDir: '',
  expectations: new Set<string>(),
  current: { file: '', test: '' },
  last: null as Call | null,
  vectors: [] as Vector[],
  ignored: 0,
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
