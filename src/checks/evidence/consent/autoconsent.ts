// DuckDuckGo's autoconsent (MPL-2.0, its rules shipped in its npm package) driven through
// Playwright: its content script runs in every frame of the page, finds a consent banner by its
// rules (and ours for Vietnamese banners, phrases.ts) and, when told, refuses or accepts through
// the banner itself. It talks to us through one binding; everything it sends comes from a page
// that may tamper with it, so messages are bounded and only ever answered inside that page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext, Frame } from 'playwright-core';
import { bannerPhrases, vietnameseConsentRules } from './phrases.ts';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = dirname(require.resolve('@duckduckgo/autoconsent/rules/rules.json')).replace(/[/\\]rules$/, '');

let shipped: { script: string; compact: unknown; version: string } | null = null;

/** The content script, the package's rules (compact form) and its version, read once. */
function autoconsentPackage(): { script: string; compact: unknown; version: string } {
  shipped ??= {
    script: readFileSync(join(PACKAGE_DIR, 'dist', 'autoconsent.playwright.js'), 'utf8'),
    compact: JSON.parse(readFileSync(join(PACKAGE_DIR, 'rules', 'compact-rules.json'), 'utf8')),
    version: (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version,
  };
  return shipped;
}

/** What found and worked the banners, as recorded with the evidence. */
export function consentEngineVersion(): string {
  return `@duckduckgo/autoconsent ${autoconsentPackage().version} + ${bannerPhrases().version}`;
}

export type ConsentAction = 'refuse' | 'accept';

/** Where autoconsent got to with one page. */
export interface ConsentOutcome {
  /** The rule that recognised a consent mechanism, and the one whose banner was showing. */
  cmp: string | null;
  popupFound: boolean;
  /** Whether the refusal or acceptance it ran succeeded; null when it did not run. */
  result: boolean | null;
  /** Clicks it made to get there (autoconsent's own count), when it finished. */
  clicks: number | null;
  /** A rule that only hides the banner (no choice is made). */
  cosmetic: boolean;
  /** autoconsent's own consent-text patterns found on the page (its heuristics). */
  heuristicPatterns: string[];
  error: string | null;
}

const MAX_MESSAGES = 2000;
const MAX_EVAL_CODE = 20_000;

type Message = { type?: string; id?: string; code?: string; cmp?: string; result?: boolean; totalClicks?: number; isCosmetic?: boolean; details?: unknown; mainFrame?: boolean; state?: { lifecycle?: string; heuristicPatterns?: string[] } };

/**
 * Installs autoconsent in a fresh context, before its first page: it finds the banner and waits
 * (no automatic action); `act()` then refuses or accepts in the frame that shows it.
 */
export class ConsentDriver {
  readonly outcome: ConsentOutcome = { cmp: null, popupFound: false, result: null, clicks: null, cosmetic: false, heuristicPatterns: [], error: null };
  private popupFrame: Frame | null = null;
  private messages = 0;
  private lifecycle = 'loading';
  private readonly waiters: Array<() => void> = [];

  private constructor(private readonly action: ConsentAction) {}

  static async install(context: BrowserContext, action: ConsentAction): Promise<ConsentDriver> {
    const driver = new ConsentDriver(action);
    const pkg = autoconsentPackage();
    const rules = { autoconsent: vietnameseConsentRules(), compact: pkg.compact };
    const config = {
      enabled: true, autoAction: null, disabledCmps: [], enablePrehide: false,
      // A rule that only hides a banner makes no choice: it cannot stand for refusing.
      enableCosmeticRules: false, enableGeneratedRules: true, detectRetries: 10, isMainWorld: true, prehideTimeout: 2000,
      enableHeuristicDetection: true, enablePopupMutationObserver: true, visualTest: false, performanceLoggingEnabled: false,
      heuristicPopupSearchTimeout: 3000,
      // Its heuristics only ever click a refusing button; accepting goes by rules alone.
      heuristicMode: action === 'refuse' ? 'reject' : 'off',
      logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
    };
    await context.exposeBinding('autoconsentSendMessage', async ({ frame }, message: Message) => {
      if (++driver.messages > MAX_MESSAGES || !message || typeof message !== 'object') return;
      const reply = (m: object) => frame.evaluate((msg) => (window as unknown as { autoconsentReceiveMessage?: (m: object) => unknown }).autoconsentReceiveMessage?.(msg), m).catch(() => {});
      switch (message.type) {
        case 'init':
          return void reply({ type: 'initResp', config, rules });
        case 'eval': {
          // The rules' own snippets, run in the page that asked (the page's world, nothing more).
          const code = typeof message.code === 'string' ? message.code.slice(0, MAX_EVAL_CODE) : 'false';
          const result = await frame.evaluate(code).catch(() => false);
          return void reply({ type: 'evalResp', id: message.id, result });
        }
        case 'cmpDetected':
          driver.outcome.cmp ??= String(message.cmp ?? '').slice(0, 100);
          return;
        case 'popupFound':
          if (!driver.outcome.popupFound) {
            driver.outcome.popupFound = true;
            driver.outcome.cmp = String(message.cmp ?? '').slice(0, 100);
            driver.popupFrame = frame;
          }
          return driver.wake();
        case 'optOutResult':
        case 'optInResult':
          if (frame === driver.popupFrame) driver.outcome.result = Boolean(message.result);
          return driver.wake();
        case 'autoconsentDone':
          if (frame === driver.popupFrame) {
            driver.outcome.clicks = Number.isFinite(message.totalClicks) ? Number(message.totalClicks) : null;
            driver.outcome.cosmetic = Boolean(message.isCosmetic);
          }
          return driver.wake();
        case 'autoconsentError':
          driver.outcome.error ??= JSON.stringify(message.details ?? null).slice(0, 300);
          return;
        case 'report':
          if (message.mainFrame && message.state) {
            driver.lifecycle = String(message.state.lifecycle ?? driver.lifecycle);
            driver.outcome.heuristicPatterns = (message.state.heuristicPatterns ?? []).map(String).slice(0, 10);
          }
          return driver.wake();
      }
    });
    await context.addInitScript({ content: pkg.script });
    return driver;
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private async until(done: () => boolean, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!done() && Date.now() < end) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(250, Math.max(1, end - Date.now())));
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  /** Waits until a banner shows, or autoconsent has looked long enough and found none. */
  async findBanner(timeoutMs: number): Promise<boolean> {
    await this.until(() => this.outcome.popupFound || this.lifecycle === 'nothingDetected', timeoutMs);
    return this.outcome.popupFound;
  }

  /** Refuses or accepts through the banner; true when autoconsent says it did. */
  async act(timeoutMs: number): Promise<boolean> {
    const frame = this.popupFrame;
    if (!frame) return false;
    // Not awaited: the page answers when the whole refusal is done, which the messages tell sooner.
    void frame.evaluate((type) => { void (window as unknown as { autoconsentReceiveMessage?: (m: object) => unknown }).autoconsentReceiveMessage?.({ type }); }, this.action === 'refuse' ? 'optOut' : 'optIn').catch(() => {});
    await this.until(() => this.outcome.result === false || this.outcome.clicks !== null, timeoutMs);
    return this.outcome.result === true;
  }
}
