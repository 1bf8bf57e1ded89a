// Stands in for chai in the Observatory's test files: `assert.equal` records a vector when it
// compares a result name, `isTrue`/`isFalse` a fact of their CSP policy analysis when the value
// was just read from our `policy` (record.ts); every other assertion is about their own
// internal fields (pass, data) and is only counted. Nothing throws: every value of a loop is heard.
import { assertedFact, compared, ignored } from './record.ts';

const countOnly = () => ignored();
const methods: Record<string, (...args: unknown[]) => void> = {
  equal: compared,
  isTrue: (value) => assertedFact(value, true),
  isFalse: (value) => assertedFact(value, false),
};

export const assert = new Proxy(countOnly, {
  get: (_, name) => (typeof name === 'string' && methods[name]) || countOnly,
});
