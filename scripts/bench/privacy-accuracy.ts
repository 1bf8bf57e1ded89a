// `npm run bench -- privacy-accuracy [--visits N]`: how far the privacy evidence can be trusted.
// Sections, each a function that returns its figures and prints them:
//  - evidence completeness (privacy/evidence-completeness.ts): a page making every kind of
//    request from every kind of context, visited N times (default 3): requests the sandbox's
//    server saw against requests in the evidence, and in the right frame. Target 100%.
// The header-grading section (our grade against the MDN HTTP Observatory's test vectors) is not
// built yet: it is named in issue 12.
import { parseArgs } from 'node:util';
import { evidenceCompleteness, printCompleteness } from './privacy/evidence-completeness.ts';

const { values } = parseArgs({ options: { visits: { type: 'string', default: '3' } } });
const visits = Number(values.visits);
if (!Number.isInteger(visits) || visits < 1) {
  console.error(`--visits must be a whole number of visits, 1 or more (got "${values.visits}")`);
  process.exit(2);
}
const started = Date.now();
printCompleteness(await evidenceCompleteness(visits));
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
