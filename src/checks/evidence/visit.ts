// One browser visit of one page, in a fresh context (no cookies, no consent given), yielding
// the evidence for both areas: requests, cookies and storage with who set them, headers, TLS,
// mixed content, forms, links, text (personal data masked), the accessibility probes (keyboard,
// text spacing, zoom, reflow, interaction), the
// whole axe-core result, the DOM and a full-page screenshot (both masked). A page whose
// fingerprint (fingerprint.ts) equals that of its last complete check reuses that check's
// accessibility evidence instead of collecting it again (src/checks/incremental.ts).
// Everything that can go wrong with a hostile page ends as a named scanner error.
import type { Browser, BrowserContext, CDPSession, Page, Response } from 'playwright-core';
import type { Area, PageEvidence, PageKind, ScannerErrorReason, SubresourceRecord } from '../types.ts';
import { AXE_VERSION, runAxe } from './axe.ts';
import type { CookieDeclaration } from './cookies.ts';
import { COLLECT_SCRIPT, INSTRUMENT_SCRIPT, MASK_SCRIPT } from './in-page.ts';
import { BehaviourRecorder } from './behaviour/collect.ts';
import { cropElements } from './accessibility/crops.ts';
import { ELEMENT_REF_SCRIPT, inEveryFrame, listFrames, type FrameTarget } from './accessibility/frames.ts';
import { KEYBOARD_INIT_SCRIPT } from './accessibility/keyboard.ts';
import { flaggedByProbes, runProbes } from './accessibility/probes.ts';
import type { FilterList } from './filter-list.ts';
import { NavigationFailed, NavigationWatch, redirectChain } from './navigation.ts';
import { beaconsOf, summariseHosts } from './host-summary.ts';
import { classifyFailure, CLOSE_GRACE_MS, closeBounded, notHtml, notHtmlDownload, ScannerError } from './failures.ts';
import { probeHome } from './home-probes.ts';
import { DocumentGuard, morePrivate, PortalSpace } from './local-network.ts';
import { DEFAULT_PAGE_MEMORY_MB, MemoryWatch } from './memory.ts';
import type { PhaseListener } from './phases.ts';
import { keptHeaders, type NetworkLog } from './network-log.ts';
import { completeRequests, describeContextCookies, describeStorage, readFrameStorage, scriptCookieDeclarations, startRecording, type FrameStorage, type PageWrites } from './recording.ts';
import { detectLanguage, type LanguageEvidence, type Passage } from './language.ts';
import type { SharedWorkerWatch } from './shared-workers.ts';
import type { ProtocolSession } from './targets.ts';
import { findPersonalData, maskingPairs, maskText, storedHits } from './personal-data.ts';
import { fingerprintPage, watchResponses, type FingerprintBasis } from './fingerprint.ts';
import type { ReusableAccessibility } from '../incremental.ts';

export interface VisitOptions {
  kind: PageKind;
  /** Registrable domain of the portal's home page: requests elsewhere are third-party. */
  firstPartySite: string;
  areas: readonly Area[];
  pageTimeoutMs: number;
  maxPageBytes: number;
  keyboardSample: number;
  screenshotMaxHeight: number;
  /** Also visit the http:// address (the home page), to see whether it redirects to HTTPS. */
  probeHttp: boolean;
  /** The tracker filter list requests are matched against (none: third-party-web alone). */
  filterList?: FilterList | null;
  /** "ip:port" addresses that stand for public portals though they answer locally (the sandbox). */
  publicAddresses?: readonly string[];
  /** Told when each phase of the visit begins (the checks benchmark's breakdown). */
  phases?: PhaseListener;
  /** A page's script heap may grow to this many MiB (checks.maxPageMemoryMb; 1024 when not said). */
  maxPageMemoryMb?: number;
  /** Versions and settings to fingerprint the page with (fingerprint.ts); without it no fingerprint is taken. */
  fingerprint?: FingerprintBasis;
  /** The page's last complete accessibility evidence: reused as it was if the page's fingerprint still equals it (incremental.ts). */
  previous?: ReusableAccessibility | null;
  /** The window the page is laid out in (default 1280 × 800): a phone's, to check a page as phones show it. */
  viewport?: { width: number; height: number };
}

export interface VisitResult {
  evidence: PageEvidence;
  /** Masked serialised DOM, full axe-core results (JSON), the screenshot (JPEG) and the crops of elements findings name (JPEG, in the order of evidence.crops). */
  dom: Buffer | null;
  axe: Buffer | null;
  screenshot: Buffer | null;
  crops: Buffer[];
}

export const VISIT_VIEWPORT = { width: 1280, height: 800 };
const VIEWPORT = VISIT_VIEWPORT;
const MAX_DIALOGS = 10;
// Room for the windows our own probes provoke (a field that opens one on focus) below a real flood.
const MAX_POPUPS = 10;
const MAX_DOM_BYTES = 5 * 1024 * 1024;
const MAX_TEXT = 100_000;
/**
 * Analysis after the page loaded gets this much on top of the page's own timeout: axe on a big
 * page, then the probes' own budgets (the keyboard walk alone may use 21 s), on a machine that
 * checks several pages at once.
 */
const ANALYSIS_ALLOWANCE_MS = 60_000;

/** The longest a visit can take, whatever the page does. */
export const visitDeadlineMs = (pageTimeoutMs: number) => pageTimeoutMs + ANALYSIS_ALLOWANCE_MS + CLOSE_GRACE_MS;

export function emptyEvidence(url: string, kind: PageKind, startedAt: Date): PageEvidence {
  return {
    schema: 'dvc-monitor/page-evidence/1', kind, requestedUrl: url, finalUrl: null, startedAt: startedAt.toISOString(), durationMs: 0,
    error: null, document: null, httpVariant: null, requests: [], requestsDropped: 0, cookies: [], storage: [], forms: [], links: [],
    headings: [], tables: [], mixedContent: [], lang: null, language: null, title: '', text: '', personalData: [], dialogs: [], popups: [], keyboard: null,
    reflow: null, resizeText: null, textSpacing: null, axe: null, documentKind: 'html', navigations: [], frames: [], targets: [], crops: [], probeErrors: [], interaction: null, behaviour: null,
  };
}

/** Waits until no request has been in flight for a moment (JS-rendered pages fetch after load). */
async function settle(net: NetworkLog, page: Page, maxMs = 1500): Promise<void> {
  const end = Date.now() + maxMs;
  let quietSince = Date.now();
  while (Date.now() < end) {
    if (net.pending > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 150) return;
    await page.waitForTimeout(50);
  }
}

/** The whole page (up to maxHeight) as JPEG, straight from the DevTools protocol: one round trip. */
async function fullPageScreenshot(cdp: CDPSession, width: number, height: number): Promise<Buffer> {
  const { data } = await cdp.send('Page.captureScreenshot', {
    format: 'jpeg', quality: 70, captureBeyondViewport: true, optimizeForSpeed: true,
    clip: { x: 0, y: 0, width, height, scale: 1 },
  });
  return Buffer.from(data, 'base64');
}

/** The elements findings will name, most telling first: axe's violations (two per rule), then what the probes flagged. */
function elementsToCrop(evidence: PageEvidence): Array<{ frame: number; selector: string }> {
  const axe = (evidence.axe?.rules ?? []).filter((r) => r.result === 'violation').flatMap((r) => r.elements.slice(0, 2));
  return [...axe, ...flaggedByProbes(evidence)];
}

/** The page moved on while it was being read: its evidence would mix two documents. */
function movedAway(moves: NavigationWatch): void {
  if (moves.movedSince) throw new ScannerError('navigated_away', `the page moved by itself to ${moves.movedSince.slice(0, 300)} while it was being checked`);
}

/** The documents of the page's own renderer, the first one first (redirect hops included), with the address that answered. */
function mainDocuments(net: NetworkLog) {
  return net.requests.filter((r) => r.type === 'Document' && r.context?.kind === 'page' && r.remoteAddress);
}

/** Links, headings and tables of the frames (the top document's come from COLLECT_SCRIPT itself). */
async function framesContent(frames: FrameTarget[]): Promise<Pick<PageEvidence, 'links' | 'headings' | 'tables'>> {
  const out: Pick<PageEvidence, 'links' | 'headings' | 'tables'> = { links: [], headings: [], tables: [] };
  const found = await inEveryFrame<Pick<PageEvidence, 'links' | 'headings' | 'tables'>>(frames.slice(1), COLLECT_SCRIPT);
  for (const { frame, value } of found) {
    if (!value) continue;
    out.links.push(...value.links.map((l) => ({ ...l, frame })));
    out.headings.push(...value.headings.map((h) => ({ ...h, frame })));
    out.tables.push(...value.tables.map((t) => ({ ...t, frame })));
  }
  return out;
}

/**
 * Visits one page. Whatever the page or a wedged browser does, the visit ends: a visit told to
 * stop (its deadline, a flood, a download) gets CLOSE_GRACE_MS to wind down, then what was
 * gathered so far is returned with the reason it stopped. The abandoned steps are left to fail
 * on their own (a popup flood has been seen to keep the context from closing).
 */
export async function visitPage(browser: Browser, url: string, opts: VisitOptions): Promise<VisitResult> {
  const startedAt = new Date();
  const result: VisitResult = { evidence: emptyEvidence(url, opts.kind, startedAt), dom: null, axe: null, screenshot: null, crops: [] };
  let graceTimer: NodeJS.Timeout | undefined;
  let giveUp: (stopped: ScannerError) => void = () => {};
  const abandoned = new Promise<VisitResult>((resolve) => {
    giveUp = (stopped) => {
      // A copy: the abandoned steps may still write into their own evidence.
      const evidence: PageEvidence = { ...structuredClone(result.evidence), crops: [], durationMs: Date.now() - startedAt.getTime() };
      evidence.error = classifyFailure(stopped);
      resolve({ evidence, dom: null, axe: null, screenshot: null, crops: [] });
    };
  });
  const stopper = new VisitStopper((stopped) => {
    graceTimer = setTimeout(() => giveUp(stopped), CLOSE_GRACE_MS);
  });
  const deadline = setTimeout(
    () => stopper.stop('timeout', `the visit took longer than ${opts.pageTimeoutMs + ANALYSIS_ALLOWANCE_MS} ms`),
    opts.pageTimeoutMs + ANALYSIS_ALLOWANCE_MS,
  );
  try {
    return await Promise.race([visitInto(result, browser, url, opts, stopper), abandoned]);
  } finally {
    clearTimeout(deadline);
    clearTimeout(graceTimer);
  }
}

/** The first reason to stop a visit wins; closing its context makes every pending step throw. */
class VisitStopper {
  stopped: ScannerError | null = null;
  context: BrowserContext | null = null;
  cdp: CDPSession | null = null;

  constructor(private readonly onStop: (stopped: ScannerError) => void) {}

  stop(reason: ScannerErrorReason, message: string): void {
    if (this.stopped) return;
    this.stopped = new ScannerError(reason, message);
    this.onStop(this.stopped);
    // Scripts off first, so a page that floods us with windows or dialogs stops doing so while it closes.
    void this.cdp?.send('Emulation.setScriptExecutionDisabled', { value: true }).catch(() => {});
    void this.context?.close().catch(() => {});
  }
}

async function visitInto(result: VisitResult, browser: Browser, url: string, opts: VisitOptions, stopper: VisitStopper): Promise<VisitResult> {
  const { evidence } = result;
  const startedAt = new Date(evidence.startedAt);
  let context: BrowserContext | null = null;
  let network: NetworkLog | null = null;
  let sharedWorkers: SharedWorkerWatch | null = null;
  const memory = new MemoryWatch();
  const phase = opts.phases ?? (() => {});
  const memoryCapMb = opts.maxPageMemoryMb ?? DEFAULT_PAGE_MEMORY_MB;
  const stop = (reason: ScannerErrorReason, message: string) => stopper.stop(reason, message);
  try {
    phase('setup');
    context = await browser.newContext({
      acceptDownloads: false, viewport: opts.viewport ?? VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block',
    });
    stopper.context = context;
    if (stopper.stopped) throw stopper.stopped;
    await context.addInitScript({ content: INSTRUMENT_SCRIPT });
    await context.addInitScript({ content: KEYBOARD_INIT_SCRIPT });
    const behaviour = opts.areas.includes('privacy') ? new BehaviourRecorder(context, opts.firstPartySite) : null;
    await behaviour?.install();
    const a11y = opts.areas.includes('accessibility');
    const responses = a11y && opts.fingerprint ? watchResponses(context) : null;
    const page = await context.newPage();
    page.on('popup', (popup) => {
      evidence.popups.push(popup.url().slice(0, 500));
      void popup.close().catch(() => {});
      if (evidence.popups.length > MAX_POPUPS) stop('popup_flood', `the page opened more than ${MAX_POPUPS} windows`);
    });
    page.on('dialog', (dialog) => {
      evidence.dialogs.push({ type: dialog.type(), message: dialog.message().slice(0, 300) });
      if (evidence.dialogs.length > MAX_DIALOGS) stop('dialog_flood', `the page opened more than ${MAX_DIALOGS} dialogs (${dialog.type()})`);
      else void dialog.dismiss().catch(() => {});
    });
    // A renderer that dies near its heap cap died of the page's appetite, not of ours.
    page.on('crash', () => (memory.peakMb >= memoryCapMb / 2
      ? stop('too_much_memory', `the page's scripts used ${memory.peakMb} MiB before its tab crashed (checks.maxPageMemoryMb ${memoryCapMb})`)
      : stop('browser_crashed', 'the page crashed the browser tab')));
    page.on('download', () => stop('download', 'the address starts a file download instead of showing a page'));
    const recording = await startRecording(browser, context, page, {
      firstPartySite: opts.firstPartySite, maxPageBytes: opts.maxPageBytes, filterList: opts.filterList ?? null,
      onTooLarge: (bytes) => stop('too_large', `the page sent more than ${opts.maxPageBytes} bytes (${bytes})`),
    });
    sharedWorkers = recording.sharedWorkers;
    const { net, cdp, targets } = recording;
    network = net;
    stopper.cdp = cdp;
    memory.watch(cdp as unknown as ProtocolSession, memoryCapMb, (mb) => stop('too_much_memory', `the page's scripts use ${mb} MiB, over checks.maxPageMemoryMb ${memoryCapMb}`));
    // The monitoring host and the local network are out of the page's reach (local-network.ts).
    const portal = new PortalSpace(url, opts.publicAddresses ?? [], () => mainDocuments(net)[0]?.remoteAddress);
    const guard = new DocumentGuard(cdp as unknown as ProtocolSession, () => portal.get());
    await guard.install();
    const stayedOut = () => {
      // What the guard refused shows in the log as the DevTools' own block: say why.
      for (const r of net.requests) if (r.failed === 'blocked:inspector' && guard.blocked.some((b) => b.url === r.url.slice(0, 500))) r.failed = 'blocked:local-network';
      evidence.localNetwork = { portalSpace: portal.get(), blockedDocuments: guard.blocked, refusedRequests: net.requests.filter((r) => r.failed === 'blocked:local-network').length };
      const inside = mainDocuments(net).find((r) => morePrivate(portal.spaceOf(r.remoteAddress!), portal.get()));
      if (inside) throw new ScannerError('local_network', `the page was answered from ${inside.remoteAddress} (${portal.spaceOf(inside.remoteAddress!)}), more private than the portal's own address: ${inside.url.slice(0, 300)}`);
      const moved = guard.blocked.find((b) => b.mainFrame);
      if (moved) throw new ScannerError('local_network', `the page moved to ${moved.url} (${moved.space}), refused: the monitoring host and the local network are out of a checked page's reach`);
    };
    const moves = new NavigationWatch(page);

    let response: Response | null;
    try {
      phase('navigation');
      response = await page.goto(url, { waitUntil: 'load', timeout: opts.pageTimeoutMs });
    } catch (err) {
      stayedOut();
      throw notHtmlDownload(err, net.requests) ?? err;
    } finally {
      evidence.requests = net.requests;
      evidence.requestsDropped = net.dropped;
    }
    stayedOut();
    await moves.loaded();
    if (stopper.stopped) throw stopper.stopped;
    if (!response) throw new ScannerError('navigation_failed', 'the browser gave no response for the page');
    evidence.finalUrl = page.url();
    const headers = await response.allHeaders();
    const tls = await response.securityDetails();
    evidence.document = {
      status: response.status(),
      headers: keptHeaders(headers),
      tls: tls && tls.protocol ? { protocol: tls.protocol ?? '', issuer: tls.issuer ?? '', subject: tls.subjectName ?? '', validTo: new Date((tls.validTo ?? 0) * 1000).toISOString() } : null,
      redirects: await redirectChain(response),
    };
    if (response.status() >= 400) throw new ScannerError(response.status() >= 500 ? 'http_5xx' : 'http_4xx', `the page answered HTTP ${response.status()}`);
    const notAPage = notHtml(headers['content-type']);
    if (notAPage) throw notAPage;
    phase('settle');
    await settle(net, page);
    try {
      evidence.navigations = await moves.follow(() => settle(net, page));
    } catch (err) {
      if (!(err instanceof NavigationFailed)) throw err;
      evidence.navigations = err.hops;
      stayedOut();
      throw new ScannerError('navigation_failed', err.message);
    } finally {
      evidence.finalUrl = page.url();
    }
    stayedOut();
    phase('dom');
    const frames = await listFrames(page);
    evidence.frames = frames.map((f) => f.ref);
    // A frame's target is attached before it navigates, so its address comes from its navigation.
    evidence.targets = targets.targets.map((t) => ({ kind: t.kind, url: t.url || net.documentOf(t.targetId) || '', depth: t.depth }));

    await page.evaluate(ELEMENT_REF_SCRIPT);
    const dom = (await page.evaluate(COLLECT_SCRIPT)) as {
      lang: string | null; title: string; text: string; height: number; documentKind: PageEvidence['documentKind']; metaPolicies: { csp: string[]; referrer: string[] }; subresources: SubresourceRecord[];
      forms: Array<{ action: string; method: string; fields: Array<{ name: string; id: string; type: string; autocomplete: string; label: string }> }>;
      links: PageEvidence['links']; headings: PageEvidence['headings']; passages: Passage[]; tables: PageEvidence['tables']; mixed: Array<{ url: string; element: string }>;
      storage: Array<{ area: 'local' | 'session'; key: string; valueLength: number }>;
      written: PageWrites;
    };
    const hits = findPersonalData(dom.text);
    const pairs = maskingPairs(hits);
    const inFrames = await framesContent(frames);
    // Storage and the writes of every document: a tracker's frame keeps its own.
    const frameStorage: FrameStorage[] = [
      { frame: 0, origin: new URL(page.url()).origin, storage: dom.storage, written: dom.written },
      ...(await readFrameStorage(frames.slice(1))),
    ];
    await behaviour?.read(frames);
    evidence.document.meta = dom.metaPolicies;
    evidence.document.subresources = dom.subresources;
    Object.assign(evidence, {
      documentKind: dom.documentKind,
      lang: dom.lang, title: maskText(dom.title, pairs), text: maskText(dom.text, pairs).slice(0, MAX_TEXT),
      personalData: storedHits(dom.text, hits, pairs), tables: [...dom.tables, ...inFrames.tables],
      headings: [...dom.headings, ...inFrames.headings].map((h) => ({ ...h, text: maskText(h.text, pairs) })),
      links: [...dom.links, ...inFrames.links].map((l) => maskLink(l, pairs)),
      language: maskLanguage(detectLanguage(dom.lang, dom.title, dom.passages ?? []), pairs),
      forms: dom.forms.map((f) => ({ action: f.action, method: f.method, personalFields: personalFields(f.fields), fieldCount: f.fields.length })),
      mixedContent: [
        ...dom.mixed.map((m) => ({ ...m, blocked: net.blockedMixedContent.includes(m.url) })),
        ...net.blockedMixedContent.filter((u) => !dom.mixed.some((m) => m.url === u)).map((u) => ({ url: u, element: 'request', blocked: true })),
      ],
      storage: frameStorage.flatMap((f) => describeStorage(f, opts.firstPartySite)),
      serviceWorkers: frameStorage.flatMap((f) => (f.written.serviceWorkers ?? []).map((w) => ({ ...w, frame: f.frame }))),
    });

    if (responses && opts.fingerprint) {
      phase('fingerprint');
      // The window laid out in is part of what the evidence depends on: a phone-sized visit never reuses a desktop one's.
      evidence.fingerprint = await fingerprintPage(page, frames, responses, opts.viewport ? { ...opts.fingerprint, viewport: opts.viewport } : opts.fingerprint);
    }
    const reuse = a11y && opts.previous && evidence.fingerprint?.complete && evidence.fingerprint.sha256 === opts.previous.fingerprint ? opts.previous : null;

    movedAway(moves);
    if (reuse) {
      // The page is as it was at its last complete check: its accessibility evidence stands.
      Object.assign(evidence, structuredClone(reuse.evidence));
      evidence.accessibilityReused = { checkId: reuse.checkId, visitId: reuse.visitId, collectedAt: reuse.collectedAt, axeSha256: reuse.axeSha256 };
    } else if (a11y) {
      try {
        phase('axe');
        const axe = await runAxe(context, frames);
        evidence.axe = { version: AXE_VERSION, rules: axe.summary.map((r) => ({ ...r, elements: r.elements.map((e) => ({ ...e, snippet: maskText(e.snippet, pairs) })) })), error: null };
        result.axe = Buffer.from(maskText(axe.json, pairs));
      } catch (err) {
        if (stopper.stopped) throw stopper.stopped;
        evidence.axe = { version: AXE_VERSION, rules: [], error: classifyFailure(err).message };
      }
      movedAway(moves);
      await runProbes({ page, cdp, frames, viewport: opts.viewport ?? VIEWPORT, keyboardSample: opts.keyboardSample, phase }, evidence, undefined, (name) => phase(`probe:${name.replace(/^interaction\..*/, 'interaction')}`));
    }

    evidence.targets = [...evidence.targets ?? [], ...(await completeRequests(recording))];
    net.declareOrphanedCookies();
    const declarations: CookieDeclaration[] = [...net.cookieDeclarations, ...scriptCookieDeclarations(frameStorage)];
    phase('cookies');
    evidence.cookies = await describeContextCookies(context, declarations, opts.firstPartySite);
    phase('serialise');
    const html = maskText(await page.content(), pairs);
    result.dom = Buffer.from(html.length > MAX_DOM_BYTES ? html.slice(0, MAX_DOM_BYTES) : html);

    await page.evaluate(`(${MASK_SCRIPT})(${JSON.stringify(pairs)})`);
    phase('screenshot');
    const viewport = opts.viewport ?? VIEWPORT;
    result.screenshot = await fullPageScreenshot(cdp, viewport.width, Math.min(Math.max(dom.height, viewport.height), opts.screenshotMaxHeight));
    if (a11y && !reuse) {
      phase('crops');
      const crops = await cropElements(cdp, frames, elementsToCrop(evidence));
      evidence.crops = crops.refs;
      result.crops = crops.bodies;
    }
    // Last, as it types into fields: behaviour evidence (privacy only).
    phase('behaviour');
    if (behaviour) evidence.behaviour = await behaviour.finish(page, evidence);
    if (stopper.stopped) throw stopper.stopped;
    // The page is done with: free its renderer before the second visit starts one.
    phase('close');
    await closeBounded(context);
    if (opts.probeHttp) {
      Object.assign(evidence, await probeHome(browser, {
        httpUrl: url.startsWith('https:') ? url.replace(/^https:/, 'http:') : null, corsUrl: evidence.finalUrl ?? url, timeoutMs: Math.min(opts.pageTimeoutMs, 15_000),
        portalSpace: portal.get(), phase,
      }));
    }
  } catch (err) {
    evidence.error = classifyFailure(stopper.stopped ?? err);
    result.dom = result.axe = result.screenshot = null;
    result.crops = [];
    evidence.crops = [];
  } finally {
    memory.stop();
    await sharedWorkers?.stop();
    await closeBounded(context);
    // Requests made up to the end (the probes' too), each with the frame it came from.
    network?.attributeFrames(evidence.frames.length ? evidence.frames : [{ index: 0, url: evidence.finalUrl ?? url }]);
    if (opts.areas.includes('privacy')) {
      evidence.hosts = summariseHosts(evidence, opts.firstPartySite);
      evidence.beacons = beaconsOf(evidence);
    }
    evidence.durationMs = Date.now() - startedAt.getTime();
    phase('done');
  }
  return result;
}

type MaskingPairs = ReturnType<typeof maskingPairs>;

/** A link as stored: its texts masked, its address bounded. */
function maskLink(l: PageEvidence['links'][number], pairs: MaskingPairs): PageEvidence['links'][number] {
  const out = { ...l, href: l.href.slice(0, 2000), text: maskText(l.text, pairs) };
  for (const key of ['name', 'described', 'context', 'heading'] as const) if (typeof l[key] === 'string') out[key] = maskText(l[key], pairs);
  return out;
}

function maskLanguage(language: LanguageEvidence, pairs: MaskingPairs): LanguageEvidence {
  return { ...language, units: language.units.map((u) => (u.excerpt ? { ...u, excerpt: maskText(u.excerpt, pairs) } : u)) };
}

// Field names, ids, autocomplete tokens and labels that ask for personal data (Vietnamese and English).
const PERSONAL_FIELD = /ho_?ten|h[oọ] (v[aà] )?t[eê]n|full.?name|\bname\b|cccd|cmnd|c[aă]n c[uư][oớ]c|đ[iị]nh danh|dinh_?danh|citizen|passport|h[oộ] chi[eế]u|đi[eệ]n tho[aạ]i|dien_?thoai|phone|\btel\b|mobile|e-?mail|th[uư] đi[eệ]n t[uử]|đ[iị]a ch[iỉ]|dia_?chi|address|ng[aà]y sinh|ngay_?sinh|birth|dob|m[aậ]t kh[aẩ]u|password|t[aà]i kho[aả]n ng[aâ]n h[aà]ng|bank/i;

export function personalFields(fields: Array<{ name: string; id: string; type: string; autocomplete: string; label: string }>): string[] {
  return fields
    .filter((f) => f.type === 'email' || f.type === 'tel' || f.type === 'password' || [f.name, f.id, f.autocomplete, f.label].some((v) => v && PERSONAL_FIELD.test(v)))
    .map((f) => f.name || f.id || f.label)
    .slice(0, 50);
}
