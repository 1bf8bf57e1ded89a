// `npm run bench -- privacy-accuracy [--section headers|evidence] [--visits N]`: how far the
// privacy checks can be trusted. Sections (both unless --section picks one), each a function
// that returns its figures and one that prints them:
//  - headers (privacy/header-vectors.ts): our header grading against the MDN HTTP Observatory's
//    own test vectors, fetched at bench time. Targets: ≥ 98% agreement, no weak policy passed.
//  - evidence (privacy/evidence-completeness.ts): a page making every kind of request from every
//    kind of context, visited N times (default 3): requests the sandbox's server saw against
//    requests in the evidence, and in the right frame. Target 100%.
import { parseArgs } from 'node:util';
import { evidenceCompleteness, printCompleteness } from './privacy/evidence-completeness.ts';
import { headerVectors, printVectors } from './privacy/header-vectors.ts';

const SECTIONS = ['headers', 'evidence'] as const;
const { values } = parseArgs({ options: { visits: { type: 'string', default: '3' }, section: { type: 'string' } } });
const visits = Number(values.visits);
if (!Number.isInteger(visits) || visits < 1) {
  console.error(`--visits must be a whole number of visits, 1 or more (got "${values.visits}")`);
  process.exit(2);
}
if (values.section !== undefined && !(SECTIONS as readonly string[]).includes(values.section)) {
  console.error(`--section must be one of ${SECTIONS.join(', ')} (got "${values.section}"); leave it out for both`);
  process.exit(2);
}
const wanted = (s: (typeof SECTIONS)[number]) => values.section === undefined || values.section === s;
const started = Date.now();
if (wanted('headers')) printVectors(await headerVectors());
if (wanted('evidence')) printCompleteness(await evidenceCompleteness(visits));
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
