// Runs W3C's ACT Rules test cases through our accessibility check and through plain axe-core,
// and compares both with the expected outcomes. Every case is one visitPage (accessibility
// only) and judgePortal, then one plain axe run of the rule's W3C-listed axe rules in a fresh
// context of the same browser. Only 127.0.0.1 is reached: the cases are served by our own
// server, and every other request goes to a sink that records and refuses it (serve.ts).
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../../src/browser/launch.ts';
import { axeSource, AXE_VERSION } from '../../../src/checks/evidence/axe.ts';
import { visitPage, type VisitResult } from '../../../src/checks/evidence/visit.ts';
import { judgePortal, type CriterionResult } from '../../../src/checks/judge.ts';
import type { PageEvidence } from '../../../src/checks/types.ts';
import { localDate } from '../../../src/time/period.ts';
import { loadActData, reportedAxeOutcome, type ActCase, type ActData, type Expected } from './data.ts';
import { deriveClaims, type RuleClaim, type Unclaimed } from './mapping.ts';
import { BLANK_PATH, BLOCKED_HEADER, CASE_PREFIX, isolationArgs, startCaseServer, startSink, type SinkAttempt } from './serve.ts';

export type Outcome = 'passed' | 'failed' | 'inapplicable' | 'cant_tell' | 'error' | 'untested';

export interface CaseResult {
  ruleId: string;
  testcaseId: string;
  title: string;
  path: string;
  expected: Expected;
  ours: Outcome;
  /** Mapped findings present, as "criterion:code (outcome)"; or the scanner error. */
  oursWhy: string[];
  /** Where our visit ended, when not on the case itself (a meta refresh navigated away). */
  oursFinalUrl: string | null;
  plainAxe: Outcome;
  plainAxeWhy: string[];
  /** W3C's reported outcome of axe-core 4.10.2 on this case. */
  w3cAxe: Outcome;
  oursMs: number;
  plainAxeMs: number;
  /** Requests the browser made to any host but 127.0.0.1 (all refused by the sink). */
  outside: string[];
  /** Outside requests that got an answer not from the sink: must stay empty. */
  leaked: string[];
}

export interface BenchOptions {
  rules?: string[];
  /** At most this many cases per rule, spread over the expected outcomes. */
  limit?: number;
  concurrency?: number;
  /** Our visit's page load timeout (visitPage adds its own analysis allowance). */
  pageTimeoutMs?: number;
  /** A case (both tools) that takes longer than this is an error and its browser is replaced. */
  caseTimeoutMs?: number;
  data?: ActData;
  progress?: (line: string) => void;
}

export interface BenchRun {
  startedAt: string;
  seconds: number;
  concurrency: number;
  axeVersion: string;
  ranAxeRules: string[];
  claimed: RuleClaim[];
  unclaimed: Unclaimed[];
  skippedRules: string[];
  results: CaseResult[];
  sinkAttempts: SinkAttempt[];
  missingAssets: string[];
  browserRestarts: number;
}

const require = createRequire(import.meta.url);
const AVAILABLE_AXE_RULES = new Set((require('axe-core') as { getRules(): Array<{ ruleId: string }> }).getRules().map((r) => r.ruleId));

const isOutside = (url: string) => {
  try {
    const u = new URL(url);
    return /^(https?|wss?|ftp):$/.test(u.protocol) && u.hostname !== '127.0.0.1';
  } catch {
    return false;
  }
};

/** Resolves to the value, or to 'timeout' after ms (the promise keeps running: its browser is replaced). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** One browser per worker, so that a case that hangs takes down only its own worker's browser. */
class BrowserSlot {
  private browser: Browser | null = null;
  restarts = 0;
  constructor(private readonly args: string[]) {}
  async get(): Promise<Browser> {
    if (this.browser?.isConnected()) return this.browser;
    this.browser = await launchBrowser({ args: this.args });
    return this.browser;
  }
  async replace(): Promise<void> {
    const old = this.browser;
    this.browser = null;
    this.restarts++;
    if (old) await within(old.close().catch(() => {}), 10_000);
  }
  async close(): Promise<void> {
    if (this.browser) await within(this.browser.close().catch(() => {}), 10_000);
    this.browser = null;
  }
}

async function visit(browser: Browser, url: string, pageTimeoutMs: number): Promise<VisitResult> {
  return visitPage(browser, url, {
    kind: 'other', firstPartySite: '127.0.0.1', areas: ['accessibility'], pageTimeoutMs, maxPageBytes: 20 * 1024 * 1024,
    keyboardSample: 40, screenshotMaxHeight: 1000, probeHttp: false,
  });
}

/**
 * Our outcome for an ACT rule on a page: failed when a finding that stands for it is in its
 * criterion's failing result; error when a criterion it rests on could not judge (scanner
 * error); cant_tell when such a finding is in a cant_tell result; else passed or inapplicable.
 */
export function ourOutcome(claim: RuleClaim, page: PageEvidence, results: CriterionResult[]): { outcome: Outcome; why: string[] } {
  if (page.error) return { outcome: 'error', why: [`scanner.${page.error.reason}: ${page.error.message}`] };
  const byCriterion = new Map(results.filter((r) => r.level === 'page' && r.pageIndex === 0).map((r) => [r.criterionId, r]));
  const why: string[] = [];
  let failed = false, cantTell = false, error = false, passed = false;
  for (const f of claim.findings) {
    const r = byCriterion.get(f.criterion);
    if (!r) {
      error = true;
      why.push(`${f.criterion}: no result`);
      continue;
    }
    const present = r.details.some((d) => d.code === f.code);
    if (present && r.outcome === 'fail') failed = true;
    if (present && r.outcome === 'cant_tell') cantTell = true;
    if (present) why.push(`${f.criterion}:${f.code} (${r.outcome})`);
    if (r.outcome === 'error') {
      error = true;
      why.push(`${f.criterion}: error (${r.details.map((d) => d.code).join(', ')})`);
    }
    if (r.outcome === 'pass') passed = true;
  }
  const outcome: Outcome = failed ? 'failed' : error ? 'error' : cantTell ? 'cant_tell' : passed ? 'passed' : 'inapplicable';
  return { outcome, why: [...new Set(why)] };
}

interface PlainAxeRun { outcome: Outcome; why: string[]; outside: string[]; leaked: string[] }

/** axe-core as it comes, in every frame, running only the rule's W3C-listed procedures. */
async function plainAxe(browser: Browser, url: string, procedures: string[], timeoutMs: number): Promise<PlainAxeRun> {
  const outside: string[] = [];
  const leaked: string[] = [];
  const rules = procedures.filter((p) => AVAILABLE_AXE_RULES.has(p));
  if (!rules.length) return { outcome: 'untested', why: [`not in axe-core ${AXE_VERSION}: ${procedures.join(', ') || '(no procedure)'}`], outside, leaked };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', acceptDownloads: false });
  try {
    context.on('request', (r) => { if (isOutside(r.url())) outside.push(r.url().slice(0, 300)); });
    context.on('response', (r) => { if (isOutside(r.url()) && !r.headers()[BLOCKED_HEADER]) leaked.push(r.url().slice(0, 300)); });
    const page = await context.newPage();
    // A case that navigates away (meta refresh) is judged as it loaded, as W3C ran axe: the
    // navigation is cancelled (an aborted navigation commits no error page).
    await page.route('**/*', (route) => {
      const req = route.request();
      if (req.isNavigationRequest() && req.frame() === page.mainFrame() && req.url() !== url) return route.abort('aborted');
      return route.fallback();
    });
    page.on('dialog', (d) => void d.dismiss().catch(() => {}));
    page.on('popup', (p) => void p.close().catch(() => {}));
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    for (const frame of page.frames()) await frame.evaluate(axeSource()).catch(() => {});
    const json = (await page.evaluate(`(async (rules) => {
      const r = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations', 'incomplete'] });
      return JSON.stringify({ violations: r.violations.map((x) => x.id), incomplete: r.incomplete.map((x) => x.id), passes: r.passes.map((x) => x.id) });
    })(${JSON.stringify(rules)})`)) as string;
    const r = JSON.parse(json) as { violations: string[]; incomplete: string[]; passes: string[] };
    const outcome: Outcome = r.violations.length ? 'failed' : r.incomplete.length ? 'cant_tell' : r.passes.length ? 'passed' : 'inapplicable';
    return { outcome, why: [...r.violations.map((v) => `violation ${v}`), ...r.incomplete.map((v) => `incomplete ${v}`)], outside, leaked };
  } catch (err) {
    return { outcome: 'error', why: [String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 300)], outside, leaked };
  } finally {
    await within(context.close().catch(() => {}), 10_000);
  }
}

/** Up to `limit` cases of one rule, taking failed, passed and inapplicable ones in turn. */
export function pickCases(cases: ActCase[], limit: number | undefined): ActCase[] {
  if (!limit || cases.length <= limit) return cases;
  const byExpected = (['failed', 'passed', 'inapplicable'] as const).map((e) => cases.filter((c) => c.expected === e));
  const out: ActCase[] = [];
  for (let i = 0; out.length < limit; i++) for (const list of byExpected) if (list[i] && out.length < limit) out.push(list[i]!);
  return cases.filter((c) => out.includes(c));
}

export async function runBenchmark(options: BenchOptions = {}): Promise<BenchRun> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const data = options.data ?? loadActData();
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const pageTimeoutMs = options.pageTimeoutMs ?? 15_000;
  const caseTimeoutMs = options.caseTimeoutMs ?? pageTimeoutMs + 60_000;
  const log = options.progress ?? (() => {});
  const server = await startCaseServer(data.dir);
  const sink = await startSink();
  const slots = Array.from({ length: concurrency }, () => new BrowserSlot(isolationArgs(sink.port)));
  try {
    // What our axe run runs, measured through the public visit on a blank page of ours.
    const blank = await visit(await slots[0]!.get(), `${server.origin}${BLANK_PATH}`, pageTimeoutMs);
    if (!blank.evidence.axe || blank.evidence.axe.error) throw new Error(`our axe run failed on a blank page: ${blank.evidence.error?.message ?? blank.evidence.axe?.error ?? 'not run'}`);
    const ranAxeRules = new Set(blank.evidence.axe.rules.map((r) => r.id));
    const { claimed, unclaimed } = deriveClaims(data, ranAxeRules);
    const wanted = options.rules?.length ? new Set(options.rules) : null;
    const rules = claimed.filter((c) => !wanted || wanted.has(c.ruleId));
    const skippedRules = wanted ? [...wanted].filter((id) => !rules.some((r) => r.ruleId === id)) : [];
    const queue = rules.flatMap((claim) => pickCases(data.cases.filter((c) => c.ruleId === claim.ruleId), options.limit).map((c) => ({ claim, c })));
    const results: CaseResult[] = new Array(queue.length);
    let next = 0;
    let done = 0;
    const today = localDate();

    const runOne = async (slot: BrowserSlot, claim: RuleClaim, c: ActCase): Promise<CaseResult> => {
      const url = `${server.origin}${CASE_PREFIX}${c.relativePath}`;
      const base = { ruleId: c.ruleId, testcaseId: c.testcaseId, title: c.testcaseTitle, path: c.relativePath, expected: c.expected, w3cAxe: reportedAxeOutcome(data.implementations.get(c.ruleId), c.testcaseId) as Outcome };
      const t0 = performance.now();
      let ours: { outcome: Outcome; why: string[] };
      let oursFinalUrl: string | null = null;
      const outside: string[] = [];
      const leaked: string[] = [];
      const visited = await within(slot.get().then((b) => visit(b, url, pageTimeoutMs)), caseTimeoutMs).catch((err: unknown) => err as Error);
      if (visited === 'timeout' || visited instanceof Error) {
        ours = { outcome: 'error', why: [visited === 'timeout' ? `bench timeout: our visit took longer than ${caseTimeoutMs} ms` : `bench: ${visited.message.split('\n')[0]}`] };
        await slot.replace();
      } else {
        for (const r of visited.evidence.requests) {
          if (!isOutside(r.url)) continue;
          outside.push(r.url.slice(0, 300));
          if (r.status !== null && !r.responseHeaders?.[BLOCKED_HEADER]) leaked.push(r.url.slice(0, 300));
        }
        ours = ourOutcome(claim, visited.evidence, judgePortal({ home: visited.evidence, pages: [] }, ['accessibility'], today));
        if (visited.evidence.finalUrl && visited.evidence.finalUrl !== url) oursFinalUrl = visited.evidence.finalUrl.slice(0, 300);
      }
      const oursMs = performance.now() - t0;
      const t1 = performance.now();
      let plain: PlainAxeRun;
      const ran = await within(slot.get().then((b) => plainAxe(b, url, claim.procedures, pageTimeoutMs)), caseTimeoutMs).catch((err: unknown) => err as Error);
      if (ran === 'timeout' || ran instanceof Error) {
        plain = { outcome: 'error', why: [ran === 'timeout' ? `bench timeout: plain axe took longer than ${caseTimeoutMs} ms` : `bench: ${ran.message.split('\n')[0]}`], outside: [], leaked: [] };
        await slot.replace();
      } else plain = ran;
      return {
        ...base, ours: ours.outcome, oursWhy: ours.why, oursFinalUrl, plainAxe: plain.outcome, plainAxeWhy: plain.why, oursMs: Math.round(oursMs), plainAxeMs: Math.round(performance.now() - t1),
        outside: [...new Set([...outside, ...plain.outside])], leaked: [...new Set([...leaked, ...plain.leaked])],
      };
    };

    await Promise.all(slots.map(async (slot) => {
      for (let i = next++; i < queue.length; i = next++) {
        const { claim, c } = queue[i]!;
        results[i] = await runOne(slot, claim, c);
        done++;
        if (done % 25 === 0 || done === queue.length) log(`  ${done}/${queue.length} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    }));
    return {
      startedAt, seconds: (performance.now() - started) / 1000, concurrency, axeVersion: AXE_VERSION, ranAxeRules: [...ranAxeRules].sort(),
      claimed: rules, unclaimed, skippedRules, results, sinkAttempts: sink.attempts, missingAssets: [...server.missing].sort(),
      browserRestarts: slots.reduce((n, s) => n + s.restarts, 0),
    };
  } finally {
    await Promise.all(slots.map((s) => s.close()));
    await sink.close();
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------
// Figures.

export interface Tally {
  cases: number;
  agree: number;
  /** We fail, the case is expected passed or inapplicable. */
  falseFailures: number;
  /** Expected failed, we passed or found it inapplicable. */
  missed: number;
  cantTell: number;
  errors: number;
  /** No result at all (plain axe where our axe-core lacks the rule; W3C untested). */
  untested: number;
  /** agree / (cases − untested); null when nothing was tested. */
  agreement: number | null;
}

export function tally(results: CaseResult[], pick: (r: CaseResult) => Outcome): Tally {
  const t: Tally = { cases: results.length, agree: 0, falseFailures: 0, missed: 0, cantTell: 0, errors: 0, untested: 0, agreement: null };
  for (const r of results) {
    const o = pick(r);
    const notFailed = o === 'passed' || o === 'inapplicable';
    if (o === 'untested') t.untested++;
    else if (o === 'error') t.errors++;
    else if (o === 'cant_tell') t.cantTell++;
    if (r.expected === 'failed' ? o === 'failed' : notFailed) t.agree++;
    if (r.expected !== 'failed' && o === 'failed') t.falseFailures++;
    if (r.expected === 'failed' && notFailed) t.missed++;
  }
  const tested = t.cases - t.untested;
  t.agreement = tested ? t.agree / tested : null;
  return t;
}

export interface Group { name: string; rules: string[]; ours: Tally; plainAxe: Tally; w3cAxe: Tally }

export function summarise(run: BenchRun): { perRule: Array<{ claim: RuleClaim; ours: Tally; plainAxe: Tally; w3cAxe: Tally }>; groups: Group[] } {
  const of = (ids: Set<string>) => run.results.filter((r) => ids.has(r.ruleId));
  const three = (rs: CaseResult[]) => ({ ours: tally(rs, (r) => r.ours), plainAxe: tally(rs, (r) => r.plainAxe), w3cAxe: tally(rs, (r) => r.w3cAxe) });
  const perRule = run.claimed.map((claim) => ({ claim, ...three(run.results.filter((r) => r.ruleId === claim.ruleId)) }));
  const group = (name: string, claims: RuleClaim[]): Group => {
    const ids = new Set(claims.map((c) => c.ruleId));
    return { name, rules: [...ids], ...three(of(ids)) };
  };
  const axe = run.claimed.filter((c) => c.viaAxe);
  return {
    perRule,
    groups: [
      group('all claimed rules', run.claimed),
      group('(a) axe-implemented rules', axe),
      group('(b) … of which W3C rates axe "complete"', axe.filter((c) => c.consistency === 'complete')),
      group('(c) own-check rules', run.claimed.filter((c) => c.viaOwn)),
    ],
  };
}

export interface Target { text: string; met: boolean | null }

/** The targets of the issue; null where the group is empty in this run. */
export function targets(groups: Group[]): Target[] {
  const [, axe, complete, own] = groups as [Group, Group, Group, Group];
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const empty = (g: Group) => g.ours.cases === 0;
  return [
    { text: `(a) axe-implemented: our agreement ${pct(axe.ours.agreement)} ≥ plain axe's ${pct(axe.plainAxe.agreement)}`, met: empty(axe) ? null : (axe.ours.agreement ?? 0) >= (axe.plainAxe.agreement ?? 0) },
    { text: `(a) axe-implemented: zero false failures (${axe.ours.falseFailures})`, met: empty(axe) ? null : axe.ours.falseFailures === 0 },
    { text: `(b) W3C "complete": our agreement ${pct(complete.ours.agreement)} ≥ 96%`, met: empty(complete) ? null : (complete.ours.agreement ?? 0) >= 0.96 },
    { text: `(c) own-check: our agreement ${pct(own.ours.agreement)} ≥ 95%`, met: empty(own) ? null : (own.ours.agreement ?? 0) >= 0.95 },
    { text: `(c) own-check: zero false failures (${own.ours.falseFailures})`, met: empty(own) ? null : own.ours.falseFailures === 0 },
  ];
}
