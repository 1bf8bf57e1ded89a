// axe-core, run in every frame of the page the way axe itself merges frames: a partial run in
// each document (runPartial), then one report (finishRun) in a blank page out of reach of the
// visited page's scripts: one such page per browser, in a context of its own that never loads
// anything, so that axe is parsed there once and no renderer is started per visit for it. Every rule axe has runs (deprecated ones aside);
// each criterion judges exactly the rules it lists and the rest are recorded as advice. The
// whole result is kept as a blob; criteria judge a compact summary per rule.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { AxeRuleSummary } from '../types.ts';
import { secondLook } from './accessibility/axe-second-look.ts';
import { MAX_FRAME_DEPTH, MAX_FRAMES, type FrameTarget } from './accessibility/frames.ts';

const require = createRequire(import.meta.url);

interface AxeRuleInfo { ruleId: string; tags: string[] }

export const AXE_VERSION = (require('axe-core/package.json') as { version: string }).version;

// axe-core's source and rules are read on first use: loading axe into Node costs start-up that
// commands running no check (`--help`, `kpi`) need not pay.
let source: string | undefined;
let rules: readonly AxeRuleInfo[] | undefined;

/** axe-core's script, as injected into a frame. */
export function axeSource(): string {
  return (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
}

/** Every rule of the installed axe-core but the deprecated ones, experimental ones included. */
export function axeRules(): readonly AxeRuleInfo[] {
  return (rules ??= (require('axe-core') as { getRules(): AxeRuleInfo[] }).getRules().filter((r) => !r.tags.includes('deprecated')));
}

const axeOptions = () => ({ runOnly: { type: 'rule', values: axeRules().map((r) => r.ruleId) }, elementRef: false });

interface AxeNode { target?: unknown[]; html?: string; failureSummary?: string }
interface AxeRule { id: string; impact?: string | null; tags: string[]; help: string; helpUrl?: string; nodes: AxeNode[] }
export interface AxeResults {
  testEngine?: { version: string };
  violations: AxeRule[];
  incomplete: AxeRule[];
  passes: AxeRule[];
  inapplicable: AxeRule[];
}

interface FrameChild { frameSelector: unknown; frameContext: unknown }

/**
 * The partial results of `frame` and of every frame inside it, depth first, in the order
 * finishRun expects. A frame that cannot be entered contributes null (axe then reports it
 * under frame-tested). `chains` learns which frame each axe frame-selector chain names.
 */
async function partialRuns(frame: Frame, context: unknown, chain: string[], chains: Map<string, Frame>, budget: { frames: number }): Promise<Array<string | null>> {
  budget.frames--;
  chains.set(JSON.stringify(chain), frame);
  const hasAxe = await frame.evaluate('typeof window.axe === "object" && typeof window.axe.runPartial === "function"');
  if (!hasAxe) await frame.evaluate(axeSource());
  // Results name a framed element by the frame's short selector (partial.frames), in the same
  // order as the frame contexts to enter.
  const { partial, children, names } = (await frame.evaluate(`(async ([context, options]) => {
    const partial = await axe.runPartial(context, options);
    return { partial: JSON.stringify(partial), children: axe.utils.getFrameContexts(context, options), names: (partial.frames || []).map((f) => f.selector) };
  })(${JSON.stringify([context, axeOptions()])})`)) as { partial: string; children: FrameChild[]; names: unknown[] };
  const out: Array<string | null> = [partial];
  for (const [i, child] of children.entries()) {
    const childFrame = budget.frames > 0 && chain.length < MAX_FRAME_DEPTH ? await frameOf(frame, child.frameSelector) : null;
    if (!childFrame) { out.push(null); continue; }
    try {
      out.push(...await partialRuns(childFrame, child.frameContext, [...chain, selectorKey(names[i] ?? child.frameSelector)], chains, budget));
    } catch {
      out.push(null);
    }
  }
  return out;
}

async function frameOf(parent: Frame, selector: unknown): Promise<Frame | null> {
  try {
    const handle = await parent.evaluateHandle(`axe.utils.shadowSelect(${JSON.stringify(selector)})`);
    const element = (handle as import('playwright-core').JSHandle<Node>).asElement();
    const frame = element ? await element.contentFrame() : null;
    await handle.dispose();
    return frame;
  } catch {
    return null;
  }
}

/**
 * Runs axe over the page and all its frames; returns the report as JSON text (axe's own) and
 * the summary criteria judge: which frame each element is in, after our second look at the
 * violations axe claims without proof (axe-second-look.ts).
 */
export async function runAxe(context: BrowserContext, frames: FrameTarget[]): Promise<{ json: string; summary: AxeRuleSummary[] }> {
  const chains = new Map<string, Frame>();
  const partials = await partialRuns(frames[0]!.frame, { include: [], exclude: [] }, [], chains, { frames: MAX_FRAMES });
  const browser = context.browser();
  const json = browser ? await ReportHost.of(browser).finish(partials) : await finishInBlankPage(context, partials);
  const frameIndex = (chain: string[]) => {
    const frame = chains.get(JSON.stringify(chain));
    return frames.find((f) => f.frame === frame)?.ref.index ?? -1;
  };
  return { json, summary: await secondLook(frames, summariseAxe(JSON.parse(json) as AxeResults, frameIndex)) };
}

const finishScript = (partials: Array<string | null>) =>
  `(async ([partials, options]) => JSON.stringify(await axe.finishRun(partials.map((p) => p === null ? null : JSON.parse(p)), options)))(${JSON.stringify([partials, axeOptions()])})`;

/** finishRun in a blank page of the visit's own context (a context without a browser object). */
async function finishInBlankPage(context: BrowserContext, partials: Array<string | null>): Promise<string> {
  const blank = await context.newPage();
  try {
    await blank.evaluate(axeSource());
    return (await blank.evaluate(finishScript(partials))) as string;
  } finally {
    await blank.close().catch(() => {});
  }
}

/**
 * The blank page where axe merges the partial results into its report, one per browser: its own
 * context, no address ever loaded (nothing of a portal reaches it but the partial results, which
 * are data), axe parsed once. One report at a time (finishRun keeps its options on axe's global
 * audit object); a page that crashed or closed is replaced.
 */
class ReportHost {
  private static readonly hosts = new WeakMap<Browser, ReportHost>();
  private page: Promise<Page> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly browser: Browser) {}

  static of(browser: Browser): ReportHost {
    let host = ReportHost.hosts.get(browser);
    if (!host) ReportHost.hosts.set(browser, (host = new ReportHost(browser)));
    return host;
  }

  private async open(): Promise<Page> {
    const context = await this.browser.newContext({ serviceWorkers: 'block', acceptDownloads: false });
    // Nothing is ever loaded here: a request would mean something went wrong.
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.evaluate(axeSource());
    return page;
  }

  finish(partials: Array<string | null>): Promise<string> {
    const run = this.queue.then(async () => {
      let page: Page;
      try {
        page = await (this.page ??= this.open());
        if (page.isClosed()) page = await (this.page = this.open());
      } catch (err) {
        this.page = null;
        throw err;
      }
      try {
        return (await page.evaluate(finishScript(partials))) as string;
      } catch (err) {
        // A crashed or closed host is opened anew for the next report.
        if (page.isClosed() || /crash|closed/i.test(String(err))) this.page = null;
        throw err;
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }
}

const RESULT_OF = { violations: 'violation', incomplete: 'incomplete', passes: 'pass', inapplicable: 'inapplicable' } as const;
const MAX_ELEMENTS = 10;

/** An axe target: the frame selectors leading to the element, then its selector in its document. */
function splitTarget(target: unknown[] | undefined): { chain: string[]; selector: string } {
  const parts = target ?? [];
  return { chain: parts.slice(0, -1).map(selectorKey), selector: selectorKey(parts.at(-1) ?? '') };
}

/** One selector as text: a selector through shadow roots is an array of selectors, host first. */
function selectorKey(selector: unknown): string {
  return Array.isArray(selector) ? selector.map(String).join(' >>> ') : String(selector);
}

export function summariseAxe(results: AxeResults, frameIndex: (chain: string[]) => number = () => 0): AxeRuleSummary[] {
  return (Object.keys(RESULT_OF) as Array<keyof typeof RESULT_OF>).flatMap((key) =>
    (results[key] ?? []).map((rule) => {
      const elements = rule.nodes.slice(0, MAX_ELEMENTS).map((n) => {
        const { chain, selector } = splitTarget(n.target);
        return { frame: frameIndex(chain), selector, snippet: (n.html ?? '').slice(0, 300) };
      });
      return {
        id: rule.id,
        result: RESULT_OF[key],
        impact: rule.impact ?? null,
        tags: rule.tags,
        help: rule.help,
        helpUrl: rule.helpUrl ?? null,
        nodes: rule.nodes.length,
        targets: rule.nodes.slice(0, MAX_ELEMENTS).map((n) => (Array.isArray(n.target) ? n.target.map(String).join(' ') : '')),
        elements,
      };
    }),
  );
}

/** WCAG success criteria named in an axe rule's tags: wcag143 → 1.4.3, wcag1410 → 1.4.10. */
export function wcagCriteriaOf(tags: string[]): string[] {
  return tags.flatMap((tag) => {
    const m = /^wcag(\d)(\d)(\d{1,2})$/.exec(tag);
    return m ? [`${m[1]}.${m[2]}.${m[3]}`] : [];
  });
}
