// Consent, exercised (Luật 91/2025/QH15: consent per purpose, explicit, verifiable; silence is
// not consent). Beside the page visit that makes no choice, the home page is visited twice more,
// each time in a fresh context: once refusing everything through the banner, once accepting
// everything. After the choice the page is left to settle and then loaded again in the same
// context (the choice is remembered as a visitor's would be); what it then sends, and the
// cookies and storage written after the choice, are the evidence. The banner's controls are
// read before any click, so that how direct refusing is can be judged even when no rule knows
// the banner.
import type { Browser } from 'playwright-core';
import type { CookieRecord, RequestRecord, StorageRecord } from '../../types.ts';
import { listFrames } from '../accessibility/frames.ts';
import type { FilterList } from '../filter-list.ts';
import { INSTRUMENT_SCRIPT } from '../in-page.ts';
import { DocumentGuard, PortalSpace } from '../local-network.ts';
import type { ProtocolSession } from '../targets.ts';
import { completeRequests, describeContextCookies, describeStorage, readFrameStorage, scriptCookieDeclarations, startRecording, type FrameStorage, type Recording } from '../recording.ts';
import { ConsentDriver, consentEngineVersion, type ConsentAction, type ConsentOutcome } from './autoconsent.ts';
import { readBanner, type BannerEvidence } from './banner.ts';

export interface ConsentVisitEvidence extends ConsentOutcome {
  action: ConsentAction;
  startedAt: string;
  durationMs: number;
  /** The checker's own failure (the page did not load, our timeout): nothing is judged from it. */
  scannerError: string | null;
  /** Not made: the refusing visit found no banner (the accepting visit only). */
  notRun?: true;
  /** What happened once the choice was made (null when no choice could be made). */
  afterChoice: { requests: RequestRecord[]; cookies: CookieRecord[]; storage: StorageRecord[] } | null;
}

export interface ConsentEvidence {
  engine: string;
  /** The banner as the refusing visit found it, before any click. */
  banner: BannerEvidence | null;
  refuse: ConsentVisitEvidence;
  accept: ConsentVisitEvidence;
}

export interface ConsentVisitOptions {
  firstPartySite: string;
  pageTimeoutMs: number;
  maxPageBytes: number;
  filterList: FilterList | null;
  /** "ip:port" addresses that stand for public portals though they answer locally (the sandbox). */
  publicAddresses?: readonly string[];
  /** How long autoconsent may look for a banner once the page has loaded. */
  findBannerMs?: number;
}

const VIEWPORT = { width: 1280, height: 800 };
const QUIET_MS = 400;

/** Both consent visits of a home page, one after the other. */
export async function consentVisits(browser: Browser, url: string, opts: ConsentVisitOptions): Promise<ConsentEvidence> {
  const refuse = await consentVisit(browser, url, 'refuse', opts);
  // No banner, nothing to accept: the second visit would find nothing the first did not.
  const accept = refuse.visit.popupFound || refuse.visit.scannerError ? (await consentVisit(browser, url, 'accept', opts)).visit : notRun('accept', refuse.visit);
  return { engine: consentEngineVersion(), banner: refuse.banner, refuse: refuse.visit, accept };
}

/** The accepting visit, not made: the refusing one found no banner to accept through. */
function notRun(action: ConsentAction, like: ConsentVisitEvidence): ConsentVisitEvidence {
  return { ...like, action, startedAt: like.startedAt, durationMs: 0, afterChoice: null, result: null, clicks: null, notRun: true };
}

/** Waits until the page has had no request in flight for a moment (bounded). */
async function quiet(pending: () => number, maxMs: number): Promise<void> {
  const end = Date.now() + maxMs;
  let since = Date.now();
  while (Date.now() < end) {
    if (pending() > 0) since = Date.now();
    else if (Date.now() - since >= QUIET_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Storage keys written at or after `since` (page clock), with their writers. */
function storageWrittenSince(frames: FrameStorage[], since: number, firstPartySite: string): StorageRecord[] {
  return frames.flatMap((f) => {
    const recent = f.written.storage.filter((w) => (w.at ?? 0) >= since);
    const keys = new Set(recent.map((w) => `${w.area}|${w.key}`));
    return describeStorage({ ...f, storage: f.storage.filter((s) => keys.has(`${s.area}|${s.key}`)), written: { ...f.written, storage: recent } }, firstPartySite);
  });
}

async function consentVisit(browser: Browser, url: string, action: ConsentAction, opts: ConsentVisitOptions): Promise<{ visit: ConsentVisitEvidence; banner: BannerEvidence | null }> {
  const started = new Date();
  const context = await browser.newContext({ acceptDownloads: false, viewport: VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block' });
  const visit: ConsentVisitEvidence = {
    action, startedAt: started.toISOString(), durationMs: 0, scannerError: null, afterChoice: null,
    cmp: null, popupFound: false, result: null, clicks: null, cosmetic: false, heuristicPatterns: [], error: null,
  };
  let banner: BannerEvidence | null = null;
  let recording: Recording | null = null;
  let tooLarge = false;
  // The whole visit is bounded: a page that never settles must not hold the check.
  const deadline = setTimeout(() => void context.close().catch(() => {}), opts.pageTimeoutMs * 2 + 30_000);
  try {
    await context.addInitScript({ content: INSTRUMENT_SCRIPT });
    const driver = await ConsentDriver.install(context, action);
    const page = await context.newPage();
    page.on('dialog', (d) => void d.dismiss().catch(() => {}));
    page.on('popup', (p) => void p.close().catch(() => {}));
    recording = await startRecording(browser, context, page, {
      firstPartySite: opts.firstPartySite, maxPageBytes: opts.maxPageBytes, filterList: opts.filterList,
      onTooLarge: () => { tooLarge = true; void context.close().catch(() => {}); },
    });
    const { net } = recording;
    // As in the page visit: the tab is never moved to the monitoring host or the local network.
    const portal = new PortalSpace(url, opts.publicAddresses ?? [], () => net.requests.find((r) => r.type === 'Document' && r.context?.kind === 'page' && r.remoteAddress)?.remoteAddress);
    await new DocumentGuard(recording.cdp as unknown as ProtocolSession, () => portal.get()).install();
    await page.goto(url, { waitUntil: 'load', timeout: opts.pageTimeoutMs });
    await quiet(() => net.pending, 3000);
    const shown = await driver.findBanner(opts.findBannerMs ?? 8000);
    banner = await readBanner(await listFrames(page));
    if (shown) {
      // Everything from here on happened after the choice.
      const choiceAt = Date.now();
      const firstRequest = net.requests.length;
      const firstDeclaration = net.cookieDeclarations.length;
      await driver.act(10_000);
      Object.assign(visit, driver.outcome);
      if (visit.result) {
        await quiet(() => net.pending, 3000);
        const before = await readFrameStorage(await listFrames(page));
        await page.goto(url, { waitUntil: 'load', timeout: opts.pageTimeoutMs });
        await quiet(() => net.pending, 3000);
        const after = await readFrameStorage(await listFrames(page));
        await completeRequests(recording);
        net.attributeFrames((await listFrames(page)).map((f) => f.ref));
        net.declareOrphanedCookies();
        const declarations = [...net.cookieDeclarations.slice(firstDeclaration), ...scriptCookieDeclarations([...before, ...after], choiceAt)];
        const declared = new Set(declarations.map((d) => d.name));
        visit.afterChoice = {
          requests: net.requests.slice(firstRequest),
          cookies: (await describeContextCookies(context, declarations, opts.firstPartySite)).filter((c) => declared.has(c.name)),
          storage: [...storageWrittenSince(before, choiceAt, opts.firstPartySite), ...storageWrittenSince(after, choiceAt, opts.firstPartySite)],
        };
      }
    }
    Object.assign(visit, driver.outcome);
  } catch (err) {
    visit.scannerError = tooLarge ? 'too_large' : String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 300);
  } finally {
    clearTimeout(deadline);
    await recording?.sharedWorkers.stop();
    await context.close().catch(() => {});
    visit.durationMs = Date.now() - started.getTime();
  }
  return { visit, banner };
}
