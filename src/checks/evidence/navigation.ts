// A page that moves on by itself after it loaded (a meta refresh, `location = …` from a
// timer) is judged on the document the visitor ends on, not on the one that loaded first; the
// moves are recorded, since a timed redirect is itself a finding (WCAG 2.2.1). The watch starts
// before the first navigation, so a move made while the page was still settling is seen too.
import type { Frame, Page, Request, Response } from 'playwright-core';

export interface NavigationHop {
  from: string;
  to: string;
  /** Milliseconds between the load of the document it left and the start of the move. */
  afterLoadMs: number;
  /** What the document it left declared: `<meta http-equiv="refresh" content="5; url=…">`, or null. */
  metaRefresh: string | null;
  cause: 'meta-refresh' | 'script';
}

/** How long to watch for a move after the page settled, how many moves to follow, and in what total time. */
export const NAVIGATION_LIMITS = { quietMs: 1000, maxHops: 3, maxMs: 10_000, maxRefreshWaitS: 5 };

// When the document's load event started, on the browser's own clock (epoch ms). Node's clock
// would add the time its messages from the browser waited, and a loaded machine makes that long.
const LOAD_EVENT_AT = `(() => { const n = performance.getEntriesByType('navigation')[0]; return n && n.loadEventStart > 0 ? performance.timeOrigin + n.loadEventStart : null; })()`;

const META_REFRESH = `(() => { const m = document.querySelector('meta[http-equiv="refresh" i]'); return m ? String(m.getAttribute('content') || '').slice(0, 300) : null; })()`;

export class NavigationFailed extends Error {
  constructor(readonly hops: NavigationHop[], url: string) {
    super(`the page moved by itself to ${url.slice(0, 300)}, which did not load`);
  }
}

interface Move { from: string; url: string; request: Request; committed: Promise<void> }

export class NavigationWatch {
  readonly hops: NavigationHop[] = [];
  private loadedAt: number | null = null;
  private moving: Move | null = null;
  private onCommit: (() => void) | null = null;
  private readonly onRequest = (request: Request) => {
    if (this.loadedAt === null || this.moving) return;
    if (request.isNavigationRequest() && request.frame() === this.page.mainFrame() && !request.redirectedFrom()) {
      const committed = new Promise<void>((resolve) => { this.onCommit = resolve; });
      // The document it leaves is the one shown now: by the time follow() looks, a fast commit may have replaced it.
      this.moving = { from: this.page.url(), url: request.url(), request, committed };
    }
  };
  // The new document replaced the old one in the main frame: only from then on does its load state mean anything.
  private readonly onNavigated = (frame: Frame) => {
    if (frame === this.page.mainFrame()) this.onCommit?.();
  };

  constructor(private readonly page: Page) {
    page.on('request', this.onRequest);
    page.on('framenavigated', this.onNavigated);
  }

  /**
   * The current document has loaded (page.goto resolved, or a move's document did): moves from
   * now on are the page's own. Its load time is the browser's own; when the page is already
   * moving away and cannot answer, the time Node saw the load stands in.
   */
  async loaded(): Promise<void> {
    // Set at once: a move that starts while the browser is asked is already the page's own.
    this.loadedAt = Date.now();
    const at = await this.page.evaluate(LOAD_EVENT_AT).catch(() => null);
    if (typeof at === 'number' && Number.isFinite(at) && at <= Date.now()) this.loadedAt = at;
  }

  /**
   * After the first document settled: waits a moment for a move; follows each move to its
   * loaded document (bounded). Throws NavigationFailed when a move ends on the browser's error
   * page (a blocked or broken address).
   */
  async follow(settle: () => Promise<void>, limits = NAVIGATION_LIMITS): Promise<NavigationHop[]> {
    const page = this.page;
    const end = Date.now() + limits.maxMs;
    let metaRefresh = (await page.evaluate(META_REFRESH).catch(() => null)) as string | null;
    while (this.hops.length < limits.maxHops && Date.now() < end) {
      // A refresh announced for the next few seconds is waited for: the visitor sees where it leads.
      const delay = refreshDelay(metaRefresh ?? '');
      const watchUntil = Date.now() + (delay !== null && delay <= limits.maxRefreshWaitS ? Math.max(limits.quietMs, delay * 1000 + 500) : limits.quietMs);
      while (!this.moving && Date.now() < watchUntil) await page.waitForTimeout(50);
      const move = this.moving as Move | null;
      if (!move) break;
      await move.request.response().catch(() => null);
      // Until the move commits, the old document's load state would answer: wait for the commit first.
      await Promise.race([move.committed, page.waitForTimeout(Math.max(1, Math.min(5000, end - Date.now())))]).catch(() => {});
      await page.waitForLoadState('load', { timeout: Math.max(1, end - Date.now()) }).catch(() => {});
      // Both times on the browser's clock: when the request started, and when the document it left loaded.
      const startedAt = move.request.timing().startTime;
      this.hops.push({ from: move.from, to: move.url, afterLoadMs: Math.max(0, startedAt - (this.loadedAt ?? startedAt)), metaRefresh, cause: metaRefresh ? 'meta-refresh' : 'script' });
      // The last request of the chain (after HTTP redirects) failed: the browser shows its own error page.
      let last = move.request;
      for (let r = last.redirectedTo(); r; r = r.redirectedTo()) last = r;
      if (last.failure() || page.url().startsWith('chrome-error:')) throw new NavigationFailed(this.hops, last.url());
      this.hops.at(-1)!.to = page.url();
      this.moving = null;
      this.onCommit = null;
      await this.loaded();
      await settle();
      metaRefresh = (await page.evaluate(META_REFRESH).catch(() => null)) as string | null;
    }
    return this.hops;
  }

  /** A move that started after follow() ended: the evidence would mix two documents. */
  get movedSince(): string | null {
    return this.moving?.url ?? null;
  }

  stop(): void {
    this.page.off('request', this.onRequest);
    this.page.off('framenavigated', this.onNavigated);
  }
}

/** The delay of a meta refresh in seconds (`"5; url=/next"` → 5), or null when it does not parse. */
export function refreshDelay(content: string): number | null {
  const m = /^\s*(\d+(?:\.\d*)?)\s*(?:[;,]|$)/.exec(content);
  return m ? Number(m[1]) : null;
}

/** The first request of the HTTP redirect chain that `request` ends. */
export function firstOfChain(request: Request): Request {
  let first = request;
  for (let r = request.redirectedFrom(); r; r = r.redirectedFrom()) first = r;
  return first;
}

/** The HTTP redirects that led to `response`, first request first. */
export async function redirectChain(response: Response): Promise<Array<{ url: string; status: number }>> {
  const chain: Array<{ url: string; status: number }> = [];
  for (let r = response.request().redirectedFrom(); r && chain.length < 30; r = r.redirectedFrom()) {
    chain.unshift({ url: r.url(), status: (await r.response())?.status() ?? 0 });
  }
  return chain;
}
