// `npm run bench -- accessibility-accuracy [--rules id,id] [--limit N] [--concurrency N] [--json]`
// (also --page-timeout MS, our visit's load timeout, and --case-timeout MS, past which a case is
// an error and its browser is replaced):
// our accessibility check against W3C's ACT Rules test cases, beside plain axe-core on the same
// cases in the same browser, and W3C's reported axe-core 4.10.2 outcomes for reference. Only
// the rules our catalogue claims are run (act/mapping.ts says which, and which findings stand
// for each). --limit N takes at most N cases per rule. The full per-case results go to
// test-artifacts/accessibility-accuracy.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBenchmark, summarise, targets, type Tally } from './act/harness.ts';
import { OWN_CLAIMS } from './act/mapping.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    rules: { type: 'string' }, limit: { type: 'string' }, concurrency: { type: 'string', default: '2' }, json: { type: 'boolean', default: false },
    'page-timeout': { type: 'string', default: '15000' }, 'case-timeout': { type: 'string' },
  },
});
const concurrency = Number(values.concurrency);
const limit = values.limit ? Number(values.limit) : undefined;
if (!Number.isInteger(concurrency) || concurrency < 1 || (limit !== undefined && (!Number.isInteger(limit) || limit < 1))) {
  console.error('usage: npm run bench -- accessibility-accuracy [--rules id,id] [--limit N] [--concurrency N] [--json]');
  process.exit(2);
}
const rules = values.rules?.split(',').map((r) => r.trim()).filter(Boolean);
const say = values.json ? (s: string) => console.error(s) : (s: string) => console.log(s);

say(`accessibility accuracy: W3C ACT Rules test cases, our check vs plain axe-core; concurrency ${concurrency}${limit ? `, at most ${limit} cases per rule` : ''}${rules ? `, rules ${rules.join(',')}` : ''}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const run = await runBenchmark({ rules, limit, concurrency, pageTimeoutMs: Number(values['page-timeout']), caseTimeoutMs: values['case-timeout'] ? Number(values['case-timeout']) : undefined, progress: (l) => console.error(l) });
const { perRule, groups } = summarise(run);
const goals = targets(groups);
const outside = run.results.flatMap((r) => r.outside);
const leaked = run.results.flatMap((r) => r.leaked);
const perMinute = (run.results.length * 60) / run.seconds;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length / 1000 : 0);

const artifact = join(ROOT, 'test-artifacts/accessibility-accuracy.json');
mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
const report = {
  ...run, groups, targets: goals, perRule: perRule.map((p) => ({ ruleId: p.claim.ruleId, ruleName: p.claim.ruleName, consistency: p.claim.consistency, ours: p.ours, plainAxe: p.plainAxe, w3cAxe: p.w3cAxe })),
  pagesPerMinute: perMinute, outsideRequests: outside.length, leakedRequests: leaked,
};
writeFileSync(artifact, JSON.stringify(report, null, 2));

if (values.json) {
  console.log(JSON.stringify({ groups, targets: goals, perRule: report.perRule, pagesPerMinute: perMinute, outsideRequests: outside.length, sinkAttempts: run.sinkAttempts.length, leaked: leaked.length, unclaimed: run.unclaimed }, null, 2));
} else {
  const pct = (x: number | null) => (x === null ? '    —' : `${(x * 100).toFixed(1).padStart(5)}%`);
  const cols = (t: Tally) => `${pct(t.agreement)} ${String(t.falseFailures).padStart(3)} ${String(t.missed).padStart(3)} ${String(t.cantTell).padStart(3)} ${String(t.errors + t.untested).padStart(3)}`;
  const header = `${'rule'.padEnd(8)} ${'rating'.padEnd(8)} ${'cases'.padStart(5)} │ ${'ours: agree  FF  MF  CT err'} │ ${'plain axe: agree  FF  MF  CT err'} │ W3C axe 4.10.2 agree  name`;
  console.log('');
  console.log('FF false failures (we fail, expected passed/inapplicable), MF missed failures (expected failed, we did not fail), CT cant_tell, err scanner errors (plain axe: + untested)');
  console.log(header);
  console.log('─'.repeat(header.length + 20));
  for (const p of [...perRule].sort((a, b) => (a.ours.agreement ?? 0) - (b.ours.agreement ?? 0))) {
    console.log(`${p.claim.ruleId.padEnd(8)} ${(p.claim.consistency ?? '—').padEnd(8)} ${String(p.ours.cases).padStart(5)} │       ${cols(p.ours)} │            ${cols(p.plainAxe)} │               ${pct(p.w3cAxe.agreement)}  ${p.claim.ruleName.slice(0, 60)}${p.claim.viaOwn ? ' [own]' : ''}`);
  }
  console.log('─'.repeat(header.length + 20));
  for (const g of groups) {
    console.log(`${g.name.padEnd(42)} ${String(g.rules.length).padStart(3)} rules ${String(g.ours.cases).padStart(5)} cases │ ours ${cols(g.ours)} │ plain axe ${cols(g.plainAxe)} │ W3C axe ${pct(g.w3cAxe.agreement)}`);
  }
  console.log('');
  console.log('targets:');
  for (const t of goals) console.log(`  ${t.met === null ? '–' : t.met ? '✓' : '✗'} ${t.text}`);
  console.log('');
  console.log(`not claimed (${run.unclaimed.length} rules): ${run.unclaimed.map((u) => `${u.ruleId} (${u.reason})`).join('; ')}`);
  const pending = OWN_CLAIMS.filter((o) => !o.findings.length && run.claimed.some((c) => c.ruleId === o.ruleId));
  if (pending.length) console.log(`own checks without a finding code yet, measured through their axe rules only: ${pending.map((o) => `${o.ruleId} (${o.check})`).join('; ')}`);
  if (run.skippedRules.length) console.log(`asked for but not claimed: ${run.skippedRules.join(', ')}`);
  console.log(`our axe run: ${run.ranAxeRules.length} axe-core ${run.axeVersion} rules`);
}
say(`${run.results.length} cases in ${run.seconds.toFixed(1)} s = ${perMinute.toFixed(1)} pages/min (each case: our visit + a plain axe run), concurrency ${run.concurrency}; our visit ${mean(run.results.map((r) => r.oursMs)).toFixed(2)} s/page, plain axe ${mean(run.results.map((r) => r.plainAxeMs)).toFixed(2)} s/page; ${run.browserRestarts} browser restarts`);
// The sink cannot tell who asked: hosts no page asked for are the browser's own background services.
const pageHosts = new Set(outside.map((u) => new URL(u).hostname));
const fromPages = run.sinkAttempts.filter((a) => pageHosts.has(a.host));
const background = run.sinkAttempts.filter((a) => !pageHosts.has(a.host));
say(`outside requests: ${outside.length} asked for by the pages (${[...pageHosts].join(', ') || 'none'}), ${run.sinkAttempts.length} connections refused at the local sink (${fromPages.length} to those hosts, ${background.length} from Chromium's own background services: ${[...new Set(background.map((a) => a.host))].join(', ') || 'none'}); ${leaked.length} answered from outside${leaked.length ? ` ✗ ${leaked.slice(0, 5).join(', ')}` : ' ✓'}`);
if (run.missingAssets.length) say(`assets the data does not have (404): ${run.missingAssets.length}, e.g. ${run.missingAssets.slice(0, 4).join(', ')}`);
say(`per-case results: ${artifact}`);
