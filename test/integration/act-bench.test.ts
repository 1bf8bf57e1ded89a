// The ACT accuracy benchmark's harness on a few cases of three rules: the expected outcomes are
// read from W3C's data, our check and plain axe give an outcome for every case, the counts add
// up, and no request leaves 127.0.0.1 (a meta refresh case navigates to github.com: the sink
// must refuse it).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadActData, type ActData } from '../../scripts/bench/act/data.ts';
import { runBenchmark, summarise, tally, type BenchRun, type Tally } from '../../scripts/bench/act/harness.ts';

const RULES = ['b5c3f8', '2779a5', 'bc659a'];
const LIMIT = 3;
let data: ActData;
let run: BenchRun;

beforeAll(async () => {
  data = loadActData();
  run = await runBenchmark({ data, rules: RULES, limit: LIMIT, concurrency: 2 });
}, 240_000);

const addsUp = (t: Tally) => t.agree + t.falseFailures + t.missed + t.cantTell + t.errors + t.untested === t.cases;

describe('ACT accuracy harness', () => {
  it('runs the chosen cases of each rule with the expected outcomes from the data', () => {
    expect(run.claimed.map((c) => c.ruleId).sort()).toEqual([...RULES].sort());
    const expected = new Map(data.cases.map((c) => [c.testcaseId + c.ruleId, c.expected]));
    for (const rule of RULES) {
      const all = data.cases.filter((c) => c.ruleId === rule);
      const got = run.results.filter((r) => r.ruleId === rule);
      expect(got).toHaveLength(Math.min(LIMIT, all.length));
      // Spread over the outcomes: each rule has failed and passed cases among its first three.
      expect(new Set(got.map((r) => r.expected)).size).toBeGreaterThan(1);
    }
    for (const r of run.results) expect(r.expected).toBe(expected.get(r.testcaseId + r.ruleId));
  });

  it('maps each rule to our findings: axe-derived and own', () => {
    const lang = run.claimed.find((c) => c.ruleId === 'b5c3f8')!;
    expect(lang.findings).toEqual(expect.arrayContaining([
      { criterion: 'accessibility.page-language', code: 'axe.html-has-lang' },
      { criterion: 'accessibility.page-language', code: 'lang.missing' },
    ]));
    expect(run.claimed.find((c) => c.ruleId === '2779a5')!.findings).toEqual([{ criterion: 'accessibility.page-title', code: 'axe.document-title' }, { criterion: 'accessibility.page-title', code: 'title.empty' }]);
  });

  it('gives an outcome from our check and from plain axe for every case, and the counts add up', () => {
    for (const r of run.results) {
      expect(['passed', 'failed', 'inapplicable', 'cant_tell', 'error']).toContain(r.ours);
      expect(['passed', 'failed', 'inapplicable', 'cant_tell', 'error']).toContain(r.plainAxe);
    }
    // These two rules' cases are plain pages: a scanner error would be the harness's fault.
    expect(run.results.filter((r) => r.ruleId !== 'bc659a' && (r.ours === 'error' || r.plainAxe === 'error'))).toEqual([]);
    const { perRule, groups } = summarise(run);
    for (const p of perRule) for (const t of [p.ours, p.plainAxe, p.w3cAxe]) expect(addsUp(t)).toBe(true);
    for (const g of groups) expect(addsUp(g.ours)).toBe(true);
    expect(groups[0]!.ours.cases).toBe(run.results.length);
    // Both rules are implemented exactly by axe: ours agrees with every expected outcome.
    for (const rule of ['b5c3f8', '2779a5']) expect(perRule.find((p) => p.claim.ruleId === rule)!.ours.agreement).toBe(1);
  });

  it('counts a false failure and a missed failure as such', () => {
    const base = { ruleId: 'x', testcaseId: 'x', title: '', path: '', oursWhy: [], oursFinalUrl: null, plainAxe: 'untested' as const, plainAxeWhy: [], w3cAxe: 'untested' as const, oursMs: 0, plainAxeMs: 0, outside: [], leaked: [] };
    const t = tally([
      { ...base, expected: 'passed', ours: 'failed' }, { ...base, expected: 'failed', ours: 'inapplicable' },
      { ...base, expected: 'failed', ours: 'failed' }, { ...base, expected: 'inapplicable', ours: 'cant_tell' },
    ], (r) => r.ours);
    expect(t).toMatchObject({ cases: 4, agree: 1, falseFailures: 1, missed: 1, cantTell: 1, agreement: 0.25 });
  });

  it('makes no request outside 127.0.0.1: the page asked for github.com and the sink refused it', () => {
    const outside = run.results.flatMap((r) => r.outside);
    expect(outside.some((u) => new URL(u).hostname === 'github.com')).toBe(true);
    expect(run.sinkAttempts.some((a) => a.host === 'github.com')).toBe(true);
    expect(run.results.flatMap((r) => r.leaked)).toEqual([]);
  });
});
