// Shared workers belong to no page: Chromium offers them to a page's DevTools session only in
// flat mode, which Playwright keeps for itself (and resumes them at once). So they are found
// from a browser-level session (Target.setDiscoverTargets, this context's only) and attached in
// nested mode; from then on their requests enter the network log. What a worker fetched before
// we were attached is read back from its own Resource Timing entries at the end of the visit,
// the way NetworkLog.addMissed fills in a dedicated worker's first requests, and an answer that
// arrives after the attach names its request (NetworkLog.adoptAnswered).
// The known gap: Playwright resumes the worker before we can attach (50-350 ms here), and Resource
// Timing leaves out a response whose body the worker never read, so a fire-and-forget fetch
// made at once, and answered at once, can be missed. Neither the page's nor the worker's Fetch
// domain can hold the worker's script back (tried on Chromium 156).
import type { Browser, CDPSession } from 'playwright-core';
import type { MissedRequest } from './network-log.ts';
import { NestedSession, type ProtocolSession } from './targets.ts';

/** A page starting shared workers without end is cut off here. */
const MAX_SHARED_WORKERS = 10;

// Resource Timing's initiator types in Playwright's resource-type spelling (addMissed maps them on).
const RESOURCE_TYPE: Record<string, string> = { fetch: 'fetch', xmlhttprequest: 'xhr', script: 'script', beacon: 'ping', other: 'other' };

const RESOURCES_SEEN = `(() => performance.getEntriesByType('resource').slice(0, 250).map((e) => ({
  url: String(e.name).slice(0, 2000), type: e.initiatorType, status: e.responseStatus || null, at: performance.timeOrigin + e.startTime,
})))()`;

interface Worker {
  url: string;
  session: NestedSession;
}

export class SharedWorkerWatch {
  private readonly workers: Worker[] = [];

  private constructor(private readonly browserSession: CDPSession) {}

  /**
   * Watches the shared workers of the context `pageSession` belongs to; each is handed to
   * `onWorker` (to record its requests) as soon as it is attached.
   */
  static async start(browser: Browser, pageSession: ProtocolSession, onWorker: (session: ProtocolSession, url: string, targetId: string) => Promise<void>): Promise<SharedWorkerWatch> {
    const { targetInfo } = (await pageSession.send('Target.getTargetInfo')) as { targetInfo: { browserContextId?: string } };
    const browserSession = await browser.newBrowserCDPSession();
    const watch = new SharedWorkerWatch(browserSession);
    const byId = new Map<string, NestedSession>();
    browserSession.on('Target.receivedMessageFromTarget', (e) => byId.get(e.sessionId)?.receive(e.message));
    browserSession.on('Target.detachedFromTarget', (e) => {
      byId.get(e.sessionId)?.close();
      byId.delete(e.sessionId);
    });
    browserSession.on('Target.targetCreated', (e) => {
      const info = e.targetInfo;
      if (info.type !== 'shared_worker' || info.browserContextId !== targetInfo.browserContextId || watch.workers.length >= MAX_SHARED_WORKERS) return;
      void (async () => {
        const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
        const session = new NestedSession(browserSession as unknown as ProtocolSession, sessionId);
        byId.set(sessionId, session);
        watch.workers.push({ url: info.url, session });
        await onWorker(session, info.url, info.targetId);
      })().catch(() => { /* the worker ended while we attached: nothing of it to record */ });
    });
    await browserSession.send('Target.setDiscoverTargets', { discover: true, filter: [{ type: 'shared_worker' }] });
    return watch;
  }

  /** The shared workers seen, for the evidence's list of targets. */
  get urls(): string[] {
    return this.workers.map((w) => w.url.slice(0, 500));
  }

  /**
   * What each live worker fetched by its own account (Resource Timing), for addMissed: those
   * made before it was attached are in no DevTools log. `documentOf` names the document that
   * asked for the worker's script.
   */
  async resourcesSeen(documentOf: (workerUrl: string) => string): Promise<MissedRequest[]> {
    const out: MissedRequest[] = [];
    for (const worker of this.workers) {
      const answer = (await worker.session.send('Runtime.evaluate', { expression: RESOURCES_SEEN, returnByValue: true }).catch(() => null)) as
        { result?: { value?: Array<{ url: string; type: string; status: number | null; at: number }> } } | null;
      for (const r of answer?.result?.value ?? []) {
        out.push({
          method: 'unknown', anyMethod: true, url: r.url, resourceType: RESOURCE_TYPE[r.type] ?? 'other', frameUrl: documentOf(worker.url),
          startedAt: new Date(r.at).toISOString(), status: r.status, failed: null, responseHeaders: null,
          context: { kind: 'shared_worker', url: worker.url },
        });
      }
    }
    return out;
  }

  async stop(): Promise<void> {
    await this.browserSession.detach().catch(() => {});
  }
}
