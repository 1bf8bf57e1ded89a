// A mocha-shaped runner for the Observatory's test files: `describe`, `it` and `beforeEach` as
// globals, suites collected when the file is imported, then each test run in order after the
// beforeEach hooks of its suites. A test that throws is recorded and the next one runs.
import { run } from './record.ts';

type Fn = (this: unknown) => unknown;
interface Suite { title: string; hooks: Fn[] }
interface Test { title: string; fn: Fn; suites: Suite[] }

export async function runTestFile(url: string, file: string): Promise<number> {
  const stack: Suite[] = [];
  const tests: Test[] = [];
  const g = globalThis as Record<string, unknown>;
  g.describe = (title: string, body: () => void) => {
    stack.push({ title, hooks: [] });
    try {
      body();
    } finally {
      stack.pop();
    }
  };
  g.beforeEach = (fn: Fn) => stack.at(-1)?.hooks.push(fn);
  g.it = (title: string, fn: Fn) => tests.push({ title: [...stack.map((s) => s.title), title].join(' › '), fn, suites: [...stack] });
  await import(url);
  // A mocha test's `this`: only what their files might touch.
  const context = { timeout: () => undefined, skip: () => undefined };
  for (const test of tests) {
    run.current = { file, test: test.title };
    run.last = null;
    try {
      for (const hook of test.suites.flatMap((s) => s.hooks)) await hook.call(context);
      await test.fn.call(context);
    } catch (err) {
      run.errors.push({ file, test: test.title, message: (err as Error).message });
    }
  }
  for (const name of ['describe', 'it', 'beforeEach']) delete g[name];
  return tests.length;
}
