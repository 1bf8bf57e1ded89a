// What every privacy-relevant visit records, whatever else it does: each request of the page, its
// frames and its workers (network-log.ts, targets.ts, shared-workers.ts, and Playwright's own
// account for what a worker did before we listened), and the cookies and storage each document
// wrote, with the scripts that wrote them (INSTRUMENT_SCRIPT). The full page visit (visit.ts)
// and the consent visits (consent/visit.ts) both record through here.
import type { Browser, BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import type { CookieRecord, PageEvidence } from '../types.ts';
import { describeCookies, parseCookieDeclaration, type CookieDeclaration } from './cookies.ts';
import type { FilterList } from './filter-list.ts';
import { inEveryFrame, type FrameTarget } from './accessibility/frames.ts';
import { FRAME_STORAGE_SCRIPT } from './in-page.ts';
import { NetworkLog, type MissedRequest } from './network-log.ts';
import { SharedWorkerWatch } from './shared-workers.ts';
import { TargetTree, type ProtocolSession } from './targets.ts';
import { partyOf, trackerFor } from './third-parties.ts';

/** What INSTRUMENT_SCRIPT saw a document's scripts do: cookie and storage writes (with when, page clock), service workers they tried to install. */
export interface PageWrites {
  cookies: Array<{ raw: string; script: string | null; stack?: string[]; at?: number }>;
  storage: Array<{ area: string; key: string; script: string | null; stack?: string[]; at?: number }>;
  serviceWorkers?: Array<{ url: string; scope: string | null; script: string | null }>;
}

/** What FRAME_STORAGE_SCRIPT reads in one document. */
export interface FrameStorage {
  frame: number;
  origin: string;
  storage: Array<{ area: 'local' | 'session'; key: string; valueLength: number }>;
  written: PageWrites;
}

export interface RecordingOptions {
  firstPartySite: string;
  maxPageBytes: number;
  filterList: FilterList | null;
  /** Called once when the page has received more than maxPageBytes. */
  onTooLarge: (bytes: number) => void;
}

export interface Recording {
  net: NetworkLog;
  cdp: CDPSession;
  targets: TargetTree;
  sharedWorkers: SharedWorkerWatch;
  /** Every request as Playwright reports it (NetworkLog.addMissed). */
  seenByPlaywright: MissedRequest[];
}

/** Starts recording a page before it navigates: its own renderer, then every frame and worker it creates, into one log. */
export async function startRecording(browser: Browser, context: BrowserContext, page: Page, opts: RecordingOptions): Promise<Recording> {
  const net = new NetworkLog(opts.firstPartySite, opts.onTooLarge, opts.maxPageBytes, opts.filterList);
  const cdp = await context.newCDPSession(page);
  const targets = new TargetTree((t) => net.attach(t.session, { kind: t.kind, url: t.url, targetId: t.targetId, parentFrameId: t.parentFrameId }));
  const seenByPlaywright = watchRequests(context);
  await net.attach(cdp as unknown as ProtocolSession);
  await refuseThirdPartyCookies(cdp as unknown as ProtocolSession);
  await targets.attach(cdp as unknown as ProtocolSession);
  const sharedWorkers = await SharedWorkerWatch.start(browser, cdp as unknown as ProtocolSession, (session, workerUrl, targetId) => net.attach(session, { kind: 'shared_worker', url: workerUrl, targetId }));
  return { net, cdp, targets, sharedWorkers, seenByPlaywright };
}

/**
 * A browser context of the full Chromium is an incognito profile, which refuses third-party
 * cookies; the headless shell's is not. The evidence must not depend on the build, so the page's
 * session asks for the refusal. It holds for the page and its frames while the session's network
 * domain is on (net.attach), and must be in place before the page navigates. A window the page
 * opens is closed as soon as it shows (visit.ts), before it could load a third party's frame.
 */
async function refuseThirdPartyCookies(cdp: ProtocolSession): Promise<void> {
  await cdp.send('Network.setCookieControls', { enableThirdPartyCookieRestriction: true, disableThirdPartyCookieMetadata: true, disableThirdPartyCookieHeuristics: true });
}

/**
 * Adds what the DevTools sessions missed (a worker's first requests, a shared worker's fetches
 * by its own account); a shared worker's requests belong to the document that asked for its script.
 * Returns the shared workers seen, for the evidence's targets.
 */
export async function completeRequests(rec: Recording): Promise<Array<{ kind: 'shared_worker'; url: string; depth: number }>> {
  const { net } = rec;
  const starterOf = (workerUrl: string) => net.requests.find((r) => r.url === workerUrl)?.documentUrl ?? '';
  net.addMissed([...rec.seenByPlaywright, ...(await rec.sharedWorkers.resourcesSeen(starterOf))]);
  for (const r of net.requests) if (r.context?.kind === 'shared_worker') r.documentUrl = starterOf(r.context.url) || r.documentUrl;
  return rec.sharedWorkers.urls.map((url) => ({ kind: 'shared_worker', url, depth: 1 }));
}

/** Storage and the recorded writes of every frame (the top one too). */
export async function readFrameStorage(frames: FrameTarget[]): Promise<FrameStorage[]> {
  return (await inEveryFrame<Omit<FrameStorage, 'frame'>>(frames, FRAME_STORAGE_SCRIPT)).flatMap((f) => (f.value ? [{ ...f.value, frame: f.frame }] : []));
}

/** The cookie declarations of the documents' scripts (document.cookie writes), each with its stack. */
export function scriptCookieDeclarations(frames: FrameStorage[], since = 0): CookieDeclaration[] {
  return frames.flatMap((f) => f.written.cookies).filter((w) => (w.at ?? Number.POSITIVE_INFINITY) >= since).flatMap((w) => {
    const d = parseCookieDeclaration(w.raw, 'script', w.script);
    return d ? [{ ...d, stack: w.stack ?? [] }] : [];
  });
}

/** The cookies of the context, each with who declared it (by header or script) and whether the browser kept it. */
export async function describeContextCookies(context: BrowserContext, declarations: CookieDeclaration[], firstPartySite: string): Promise<CookieRecord[]> {
  return describeCookies(await context.cookies(), declarations, firstPartySite, Date.now() / 1000);
}

/** A document's storage keys, each with the last script that wrote it and the tracker on its stack. */
export function describeStorage(f: FrameStorage, firstPartySite: string): PageEvidence['storage'] {
  let host = '';
  try {
    host = new URL(f.origin).hostname;
  } catch { /* an opaque origin ("null") */ }
  return f.storage.map((s) => {
    const write = [...f.written.storage].reverse().find((w) => w.key === s.key && w.area === s.area);
    const stack = write?.stack ?? [];
    const tracker = stack.map((u) => trackerFor(u)?.entity).find(Boolean) ?? (host ? trackerFor(f.origin)?.entity : null) ?? null;
    return { ...s, setBy: write?.script ?? null, stack, tracker, origin: f.origin.slice(0, 300), frame: f.frame, party: host ? partyOf(host, firstPartySite) : 'third' };
  });
}

const MAX_WATCHED_REQUESTS = 2000;

/** Every request as Playwright reports it, its answer filled in as it comes (NetworkLog.addMissed). */
function watchRequests(context: BrowserContext): MissedRequest[] {
  const seen: MissedRequest[] = [];
  const byRequest = new Map<Request, MissedRequest>();
  context.on('request', (r) => {
    if (seen.length >= MAX_WATCHED_REQUESTS) return;
    let frameUrl = '';
    try {
      frameUrl = r.frame().url();
    } catch { /* a service worker's request has no frame */ }
    const entry: MissedRequest = { method: r.method(), url: r.url(), resourceType: r.resourceType(), frameUrl, startedAt: new Date().toISOString(), status: null, failed: null, responseHeaders: null };
    seen.push(entry);
    byRequest.set(r, entry);
  });
  context.on('response', (response) => {
    const entry = byRequest.get(response.request());
    if (!entry) return;
    entry.status = response.status();
    void response.allHeaders().then((h) => { entry.responseHeaders = h; }, () => {});
  });
  context.on('requestfailed', (r) => {
    const entry = byRequest.get(r);
    if (entry) entry.failed = r.failure()?.errorText ?? 'failed';
  });
  return seen;
}
