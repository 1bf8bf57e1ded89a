// Stands in for chai in the Observatory's test files: `assert.equal` records a vector when it
// compares a result name (record.ts); every other assertion is about their own internal fields
// (pass, policy flags, data) and is only counted. Nothing throws: every value of a loop is heard.
import { compared, ignored } from './record.ts';

const countOnly = () => ignored();

export const assert = new Proxy(Object.assign(countOnly, { equal: compared }), {
  get: (target, name) => (name === 'equal' ? target.equal : countOnly),
});
