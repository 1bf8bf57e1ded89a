// One browser visit of one page, in a fresh context (no cookies, no consent given), yielding
// the evidence for both areas: requests, cookies and storage with who set them, headers, TLS,
// mixed content, forms, links, text (personal data masked), keyboard and reflow tests, the
// whole axe-core result, the DOM and a full-page screenshot (both masked).
// Everything that can go wrong with a hostile page ends as a named scanner error.
import type { Browser, BrowserContext, CDPSession, Page, Response } from 'playwright-core';
import type { Area, KeyboardEvidence, PageEvidence, PageKind, ScannerErrorReason } from '../types.ts';
import { AXE_RUN_SCRIPT, AXE_SOURCE, AXE_TAGS, AXE_VERSION, summariseAxe, type AxeResults } from './axe.ts';
import { describeCookies, parseCookieDeclaration, type CookieDeclaration } from './cookies.ts';
import {
  COLLECT_SCRIPT, INSTRUMENT_SCRIPT, KEYBOARD_PREPARE_SCRIPT, KEYBOARD_READ_SCRIPT, MASK_SCRIPT, REFLOW_SCRIPT,
} from './in-page.ts';
import { listFrames } from './accessibility/frames.ts';
import { runProbes } from './accessibility/probes.ts';
import { keptHeaders, NetworkLog } from './network-log.ts';
import { findPersonalData, maskingPairs, maskText, storedHits } from './personal-data.ts';
import { trackerFor } from './third-parties.ts';

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
}

export interface VisitResult {
  evidence: PageEvidence;
  /** Masked serialised DOM, full axe-core results (JSON) and the screenshot (JPEG). */
  dom: Buffer | null;
  axe: Buffer | null;
  screenshot: Buffer | null;
}

const VIEWPORT = { width: 1280, height: 800 };
const REFLOW_WIDTH = 320;
const MAX_DIALOGS = 10;
const MAX_POPUPS = 5;
const MAX_DOM_BYTES = 5 * 1024 * 1024;
const MAX_TEXT = 100_000;
/** Analysis after the page loaded (axe on a big page is the slow part) gets this much on top. */
const ANALYSIS_ALLOWANCE_MS = 30_000;

class ScannerError extends Error {
  constructor(readonly reason: ScannerErrorReason, message: string) {
    super(message);
    this.name = 'ScannerError';
  }
}

/** Names a failure from Playwright or Chromium (net::ERR_…) after the fact. */
export function classifyFailure(err: unknown): { reason: ScannerErrorReason; message: string } {
  if (err instanceof ScannerError) return { reason: err.reason, message: err.message };
  const message = String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 500);
  const rules: Array<[RegExp, ScannerErrorReason]> = [
    [/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/, 'dns'],
    [/ERR_CERT_|ERR_SSL_|ERR_BAD_SSL/, 'tls_invalid'],
    [/ERR_TOO_MANY_REDIRECTS/, 'too_many_redirects'],
    [/Download is starting|ERR_ABORTED.*download/i, 'download'],
    [/ERR_CONNECTION_|ERR_ADDRESS_|ERR_EMPTY_RESPONSE|ERR_SOCKET|ERR_INTERNET_DISCONNECTED/, 'connect_failed'],
    [/Timeout .*exceeded|TimeoutError|ERR_TIMED_OUT/, 'timeout'],
    [/crash|Target closed|has been closed|browser has disconnected/i, 'browser_crashed'],
    [/net::ERR_/, 'navigation_failed'],
  ];
  return { reason: rules.find(([re]) => re.test(message))?.[1] ?? 'internal_error', message };
}

export function emptyEvidence(url: string, kind: PageKind, startedAt: Date): PageEvidence {
  return {
    schema: 'dvc-monitor/page-evidence/1', kind, requestedUrl: url, finalUrl: null, startedAt: startedAt.toISOString(), durationMs: 0,
    error: null, document: null, httpVariant: null, requests: [], requestsDropped: 0, cookies: [], storage: [], forms: [], links: [],
    headings: [], tables: [], mixedContent: [], lang: null, title: '', text: '', personalData: [], dialogs: [], popups: [], keyboard: null,
    reflow: null, axe: null, frames: [], probeErrors: [], interaction: null,
  };
}

async function redirectChain(response: Response): Promise<Array<{ url: string; status: number }>> {
  const chain: Array<{ url: string; status: number }> = [];
  for (let r = response.request().redirectedFrom(); r && chain.length < 30; r = r.redirectedFrom()) {
    chain.unshift({ url: r.url(), status: (await r.response())?.status() ?? 0 });
  }
  return chain;
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

type KeyboardLogEntry =
  | { press: true; on: number | null; frame: boolean }
  | { left: true }
  | { id: number; selector: string; text: string; frame: boolean; changed: string[] };

/**
 * Reads the Tab walk from the page's log: each press is followed by the focus it produced, by
 * focus leaving the document (the end of the Tab order), or by nothing (the page kept the focus:
 * a trap). Coming back to the first stop completes the cycle; coming back to another is a loop.
 */
export function readTabWalk(log: KeyboardLogEntry[], sample: number): Pick<KeyboardEvidence, 'stops' | 'completed' | 'trap'> {
  const stops: KeyboardEvidence['stops'] = [];
  const seen = new Set<number>();
  let firstId: number | null = null;
  let lastFocus: Extract<KeyboardLogEntry, { id: number }> | null = null;
  for (let i = 0; i < log.length; i++) {
    const entry = log[i]!;
    if ('press' in entry) {
      const next = log[i + 1];
      // A press that changed nothing while an element (not a frame) held the focus: the page swallowed Tab.
      if ((next === undefined || 'press' in next) && entry.on !== null && !entry.frame && lastFocus && stops.length) {
        return { stops, completed: false, trap: { selector: lastFocus.selector, text: lastFocus.text } };
      }
      continue;
    }
    if ('left' in entry) {
      if (stops.length) return { stops, completed: true, trap: null };
      continue;
    }
    if (seen.has(entry.id) && !entry.frame) {
      return entry.id === firstId ? { stops, completed: true, trap: null } : { stops, completed: false, trap: { selector: entry.selector, text: entry.text } };
    }
    seen.add(entry.id);
    firstId ??= entry.id;
    lastFocus = entry;
    if (stops.length < sample) stops.push({ selector: entry.selector, text: entry.text, visibleFocus: entry.frame || entry.changed.length > 0, indicator: entry.changed });
    else return { stops, completed: false, trap: null };
  }
  return { stops, completed: false, trap: null };
}

/** Presses Tab up to sample + 2 times, sent in one go; the page logs what each press did. */
async function keyboardTest(page: Page, cdp: CDPSession, sample: number): Promise<KeyboardEvidence> {
  const interactive = (await page.evaluate(KEYBOARD_PREPARE_SCRIPT)) as number;
  const presses = Math.min(sample, interactive + 1) + 2;
  const key = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9 };
  const sent: Array<Promise<unknown>> = [];
  for (let i = 0; i < presses; i++) {
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key }), cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }));
  }
  await Promise.all(sent);
  const { log, unreached } = (await page.evaluate(KEYBOARD_READ_SCRIPT)) as { log: KeyboardLogEntry[]; unreached: KeyboardEvidence['unreachable'] };
  const walk = readTabWalk(log, sample);
  const completed = walk.completed || interactive === 0;
  return { interactive, ...walk, completed, unreachable: completed && !walk.trap ? unreached : [] };
}

/** The whole page (up to maxHeight) as JPEG, straight from the DevTools protocol: one round trip. */
async function fullPageScreenshot(cdp: CDPSession, height: number): Promise<Buffer> {
  const { data } = await cdp.send('Page.captureScreenshot', {
    format: 'jpeg', quality: 70, captureBeyondViewport: true, optimizeForSpeed: true,
    clip: { x: 0, y: 0, width: VIEWPORT.width, height, scale: 1 },
  });
  return Buffer.from(data, 'base64');
}

async function probeHttpVariant(browser: Browser, url: string, timeoutMs: number): Promise<PageEvidence['httpVariant']> {
  const httpUrl = url.replace(/^https:/, 'http:');
  const context = await browser.newContext({ acceptDownloads: false, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const response = await page.goto(httpUrl, { waitUntil: 'commit', timeout: timeoutMs });
    return { url: httpUrl, finalUrl: response?.url() ?? page.url(), status: response?.status() ?? null, error: null };
  } catch (err) {
    return { url: httpUrl, finalUrl: null, status: null, error: classifyFailure(err).message };
  } finally {
    await context.close().catch(() => {});
  }
}

export async function visitPage(browser: Browser, url: string, opts: VisitOptions): Promise<VisitResult> {
  const startedAt = new Date();
  const evidence = emptyEvidence(url, opts.kind, startedAt);
  const result: VisitResult = { evidence, dom: null, axe: null, screenshot: null };
  let stopped: ScannerError | null = null;
  let context: BrowserContext | null = null;
  // The first reason to stop wins; closing the context makes every pending step throw.
  const stop = (reason: ScannerErrorReason, message: string) => {
    if (stopped) return;
    stopped = new ScannerError(reason, message);
    void context?.close().catch(() => {});
  };
  const deadline = setTimeout(
    () => stop('timeout', `the visit took longer than ${opts.pageTimeoutMs + ANALYSIS_ALLOWANCE_MS} ms`),
    opts.pageTimeoutMs + ANALYSIS_ALLOWANCE_MS,
  );
  try {
    context = await browser.newContext({
      acceptDownloads: false, viewport: VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block',
    });
    await context.addInitScript({ content: INSTRUMENT_SCRIPT });
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
    page.on('crash', () => stop('browser_crashed', 'the page crashed the browser tab'));
    page.on('download', () => stop('download', 'the address starts a file download instead of showing a page'));
    const net = new NetworkLog(opts.firstPartySite, (bytes) => stop('too_large', `the page sent more than ${opts.maxPageBytes} bytes (${bytes})`), opts.maxPageBytes);
    const cdp = await context.newCDPSession(page);
    await net.attach(cdp);

    let response: Response | null;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: opts.pageTimeoutMs });
    } finally {
      evidence.requests = net.requests;
      evidence.requestsDropped = net.dropped;
    }
    if (stopped) throw stopped;
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
    if (!/html|xml/i.test(headers['content-type'] ?? 'text/html')) throw new ScannerError('not_html', `the page is ${headers['content-type']}, not HTML`);
    await settle(net, page);

    const dom = (await page.evaluate(COLLECT_SCRIPT)) as {
      lang: string | null; title: string; text: string; height: number;
      forms: Array<{ action: string; method: string; fields: Array<{ name: string; id: string; type: string; autocomplete: string; label: string }> }>;
      links: PageEvidence['links']; headings: PageEvidence['headings']; tables: PageEvidence['tables']; mixed: Array<{ url: string; element: string }>;
      storage: Array<{ area: 'local' | 'session'; key: string; valueLength: number }>;
      written: { cookies: Array<{ raw: string; script: string | null }>; storage: Array<{ area: string; key: string; script: string | null }> };
    };
    const hits = findPersonalData(dom.text);
    const pairs = maskingPairs(hits);
    Object.assign(evidence, {
      lang: dom.lang, title: maskText(dom.title, pairs), text: maskText(dom.text, pairs).slice(0, MAX_TEXT),
      personalData: storedHits(dom.text, hits, pairs), tables: dom.tables, headings: dom.headings.map((h) => ({ ...h, text: maskText(h.text, pairs) })),
      links: dom.links.map((l) => ({ href: l.href.slice(0, 2000), text: maskText(l.text, pairs) })),
      forms: dom.forms.map((f) => ({ action: f.action, method: f.method, personalFields: personalFields(f.fields), fieldCount: f.fields.length })),
      mixedContent: [
        ...dom.mixed.map((m) => ({ ...m, blocked: net.blockedMixedContent.includes(m.url) })),
        ...net.blockedMixedContent.filter((u) => !dom.mixed.some((m) => m.url === u)).map((u) => ({ url: u, element: 'request', blocked: true })),
      ],
      storage: dom.storage.map((s) => {
        const writer = [...dom.written.storage].reverse().find((w) => w.key === s.key && w.area === s.area)?.script ?? null;
        return { ...s, setBy: writer, tracker: writer ? trackerFor(writer)?.entity ?? null : null };
      }),
    });

    if (opts.areas.includes('accessibility')) {
      try {
        await page.evaluate(AXE_SOURCE);
        const json = (await page.evaluate(`(${AXE_RUN_SCRIPT})(${JSON.stringify(AXE_TAGS)})`)) as string;
        const axe = JSON.parse(json) as AxeResults;
        evidence.axe = { version: axe.testEngine?.version ?? AXE_VERSION, rules: summariseAxe(axe), error: null };
        result.axe = Buffer.from(maskText(json, pairs));
      } catch (err) {
        if (stopped) throw stopped;
        evidence.axe = { version: AXE_VERSION, rules: [], error: classifyFailure(err).message };
      }
      evidence.keyboard = await keyboardTest(page, cdp, opts.keyboardSample);
      const frames = await listFrames(page);
      evidence.frames = frames.map((f) => f.ref);
      await runProbes({ page, cdp, frames, viewport: VIEWPORT, keyboardSample: opts.keyboardSample }, evidence);
    }

    const declarations: CookieDeclaration[] = [
      ...net.cookieDeclarations,
      ...dom.written.cookies.flatMap((w) => parseCookieDeclaration(w.raw, 'script', w.script) ?? []),
    ];
    evidence.cookies = describeCookies(await context.cookies(), declarations, opts.firstPartySite, Date.now() / 1000);
    const html = maskText(await page.content(), pairs);
    result.dom = Buffer.from(html.length > MAX_DOM_BYTES ? html.slice(0, MAX_DOM_BYTES) : html);

    await page.evaluate(`(${MASK_SCRIPT})(${JSON.stringify(pairs)})`);
    result.screenshot = await fullPageScreenshot(cdp, Math.min(Math.max(dom.height, VIEWPORT.height), opts.screenshotMaxHeight));
    // Last, as it changes the layout: the same page at 320 CSS px.
    if (opts.areas.includes('accessibility')) {
      await page.setViewportSize({ width: REFLOW_WIDTH, height: VIEWPORT.height });
      evidence.reflow = { width: REFLOW_WIDTH, ...((await page.evaluate(REFLOW_SCRIPT)) as { scrollWidth: number; clientWidth: number }) };
    }
    if (stopped) throw stopped;
    // The page is done with: free its renderer before the second visit starts one.
    await context.close();
    if (opts.probeHttp && url.startsWith('https:')) evidence.httpVariant = await probeHttpVariant(browser, url, Math.min(opts.pageTimeoutMs, 15_000));
  } catch (err) {
    evidence.error = classifyFailure(stopped ?? err);
    result.dom = result.axe = result.screenshot = null;
  } finally {
    clearTimeout(deadline);
    await context?.close().catch(() => {});
    evidence.durationMs = Date.now() - startedAt.getTime();
  }
  return result;
}

// Field names, ids, autocomplete tokens and labels that ask for personal data (Vietnamese and English).
const PERSONAL_FIELD = /ho_?ten|h[oọ] (v[aà] )?t[eê]n|full.?name|\bname\b|cccd|cmnd|c[aă]n c[uư][oớ]c|đ[iị]nh danh|dinh_?danh|citizen|passport|h[oộ] chi[eế]u|đi[eệ]n tho[aạ]i|dien_?thoai|phone|\btel\b|mobile|e-?mail|th[uư] đi[eệ]n t[uử]|đ[iị]a ch[iỉ]|dia_?chi|address|ng[aà]y sinh|ngay_?sinh|birth|dob|m[aậ]t kh[aẩ]u|password|t[aà]i kho[aả]n ng[aâ]n h[aà]ng|bank/i;

export function personalFields(fields: Array<{ name: string; id: string; type: string; autocomplete: string; label: string }>): string[] {
  return fields
    .filter((f) => f.type === 'email' || f.type === 'tel' || f.type === 'password' || [f.name, f.id, f.autocomplete, f.label].some((v) => v && PERSONAL_FIELD.test(v)))
    .map((f) => f.name || f.id || f.label)
    .slice(0, 50);
}
