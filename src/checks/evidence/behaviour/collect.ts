// The visit's side of the behaviour evidence: installs the init script in every frame, reads
// the frames' logs and storage once the page has loaded (and again at the end), types a canary
// into the page's fields and watches what is sent (never submitting), judges third-party
// cookies and storage for identifiers, and finds measurement calls by their shape. Only
// findings are kept: no cookie or storage value leaves this module. Every step has a budget,
// so a hostile page cannot stall the visit here.
import { randomBytes } from 'node:crypto';
import type { BrowserContext, ElementHandle, Page, Request, Response } from 'playwright-core';
import type { PageEvidence, RequestRecord } from '../../types.ts';
import { inEveryFrame, listFrames, type FrameTarget } from '../accessibility/frames.ts';
import { partyOf } from '../third-parties.ts';
import { canaryNeedles, canaryValue, findCanary, type CanaryNeedles } from './canary.ts';
import { identifierLike } from './entropy.ts';
import {
  boundFindings, findingsFromLogs, measurementFindings, recorderRequests,
  type BehaviourEvidence, type BehaviourFinding, type FrameLog,
} from './findings.ts';
import { BEHAVIOUR_COLLECT_SCRIPT, BEHAVIOUR_INIT_SCRIPT, CANARY_FIELDS_SCRIPT } from './in-page.ts';
import { measurementShape, RECORDER_GLOBALS, sessionRecorderOf } from './request-shapes.ts';

/** Reading every frame's log gets this long; typing the canary, waiting and matching this long. */
const READ_BUDGET_MS = 5_000;
const KEYSTROKE_BUDGET_MS = 10_000;
const MAX_FIELDS = 10;
/** How long the page gets to send what was typed, then at most this much more for requests in flight to end. */
const AFTER_TYPING_MS = 1_000;
const SETTLE_MS = 1_500;
const MAX_BODY = 8 * 1024;
const MAX_CAPTURED = 300;
const MAX_URL = 2000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `work`, or `fallback` when it takes longer than `ms` (the work is left to end on its own). */
async function withinBudget<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<T>((resolve) => { timer = setTimeout(() => resolve(fallback), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

interface FrameRead {
  frame: number;
  value: {
    origin: string;
    log: FrameLog['log'];
    globals: FrameLog['globals'];
    storage: Array<{ area: 'local' | 'session'; key: string; value: string }>;
    writes: Array<{ area: string; key: string; stack: string[] }>;
    cookieWrites: Array<{ raw: string; stack: string[] }>;
  } | null;
}

const hostOf = (url: string) => { try { return new URL(url).hostname; } catch { return ''; } };

/** Third-party storage holding identifier-like values: in a third-party frame, or written by a third-party script. */
export function storageFindings(reads: readonly FrameRead[], firstPartySite: string): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  for (const { frame, value } of reads) {
    if (!value) continue;
    const host = hostOf(value.origin);
    const frameParty = host ? partyOf(host, firstPartySite) : 'first';
    for (const s of value.storage) {
      const write = [...value.writes].reverse().find((w) => w.key === s.key && w.area === s.area);
      const stack = write?.stack ?? [];
      const thirdWriter = stack.find((u) => { const h = hostOf(u); return h && partyOf(h, firstPartySite) === 'third'; }) ?? null;
      if (frameParty !== 'third' && !thirdWriter) continue;
      const v = identifierLike(s.value);
      if (!v.identifier) continue;
      out.push({
        kind: 'identifier_storage', script: (thirdWriter ?? stack[0] ?? null)?.slice(0, MAX_URL) ?? null, stack, calls: [{ name: `${s.area}Storage.setItem`, count: 1 }], request: null, frame,
        facts: { area: s.area, key: s.key.slice(0, 100), origin: value.origin.slice(0, 200), originParty: frameParty, writer: thirdWriter ? 'third' : 'first', length: v.length, entropy: v.entropy },
      });
    }
  }
  return out;
}

/** A cookie seen during the visit with its value (kept in memory only, to be judged). */
export interface CookieCandidate {
  name: string;
  value: string;
  domain: string;
  /** stored: in the browser's jar; header: a Set-Cookie of a third-party response (the test browser may refuse it); script: written in a third-party frame. */
  source: 'stored' | 'header' | 'script';
  setter: string | null;
  stack: string[];
}

/** name=value and the Domain attribute of a Set-Cookie line or a document.cookie write. */
export function cookiePair(line: string, defaultDomain: string): { name: string; value: string; domain: string } | null {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  if (!name) return null;
  const domain = attributes.map((a) => /^\s*domain\s*=\s*\.?([^;\s]+)/i.exec(a)?.[1]).find(Boolean);
  return { name: name.slice(0, 200), value: pair.slice(eq + 1).trim().slice(0, 4096), domain: (domain ?? defaultDomain).toLowerCase() };
}

const thirdPartyUrl = (u: string | null | undefined, firstPartySite: string) => { const h = u ? hostOf(u) : ''; return Boolean(h) && partyOf(h, firstPartySite) === 'third'; };

/**
 * Cookies of third parties holding identifier-like values: a third-party domain, or a cookie of
 * the portal's own domain written by a third-party script (a tracker's first-party id). Linked to
 * the page's cookie records (and their setter) where found; one finding per name and domain.
 */
export function cookieFindings(candidates: readonly CookieCandidate[], records: PageEvidence['cookies'], firstPartySite: string): BehaviourFinding[] {
  const out: BehaviourFinding[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const domain = c.domain.replace(/^\./, '');
    const key = `${c.name}|${domain}`;
    if (seen.has(key)) continue;
    const index = records.findIndex((r) => r.name === c.name && r.domain.replace(/^\./, '') === domain);
    const setBy = index >= 0 ? records[index]!.setBy : null;
    const setter = c.setter ?? (setBy && setBy.via !== 'unknown' ? setBy.url : null);
    const stack = c.stack.length ? c.stack : setBy?.via === 'script' ? setBy.stack ?? (setter ? [setter] : []) : setter ? [setter] : [];
    const party = partyOf(domain, firstPartySite);
    const writer = party === 'third' ? null : stack.find((u) => thirdPartyUrl(u, firstPartySite)) ?? null;
    if (party !== 'third' && !writer) continue;
    seen.add(key);
    const v = identifierLike(c.value);
    if (!v.identifier) continue;
    const via = c.source === 'header' || setBy?.via === 'header' ? 'Set-Cookie' : c.source === 'script' || setBy?.via === 'script' ? 'document.cookie' : 'cookie';
    out.push({
      kind: 'identifier_cookie', script: (writer ?? setter)?.slice(0, MAX_URL) ?? null, stack: stack.slice(0, 10), calls: [{ name: via, count: 1 }],
      request: null, frame: null,
      facts: {
        name: c.name.slice(0, 100), domain: domain.slice(0, 200), party, length: v.length, entropy: v.entropy,
        stored: c.source === 'stored' || (index >= 0 && records[index]!.stored), cookieIndex: index >= 0 ? index : null,
      },
    });
  }
  return out;
}

/** document.cookie writes in third-party frames, as INSTRUMENT_SCRIPT logged them (refused or not). */
function frameCookieWrites(reads: readonly FrameRead[], firstPartySite: string): CookieCandidate[] {
  return reads.flatMap(({ value }) => {
    const host = value ? hostOf(value.origin) : '';
    if (!value || !host || partyOf(host, firstPartySite) !== 'third') return [];
    return value.cookieWrites.flatMap((w) => {
      const c = cookiePair(w.raw, host);
      return c ? [{ ...c, source: 'script' as const, setter: w.stack[0] ?? null, stack: w.stack }] : [];
    });
  });
}

interface Captured { url: string; method: string; body: string | null }

/**
 * Keystrokes sent before submit: which captured requests carry which field's canary. Requests to
 * the portal itself (a search suggestion) are counted apart, unless they are measurement calls
 * or go to a session recorder: the finding is about data sent away or into measurement.
 */
export function keystrokeFindings(
  captured: readonly Captured[], fields: ReadonlyArray<{ type: string; name: string; needles: CanaryNeedles; frame: number }>,
  requests: readonly RequestRecord[], firstPartySite: string,
): { findings: BehaviourFinding[]; firstPartyHits: number } {
  const groups = new Map<string, BehaviourFinding>();
  let firstPartyHits = 0;
  for (const c of captured) {
    const host = hostOf(c.url);
    if (!host) continue;
    const party = partyOf(host, firstPartySite);
    fields.forEach((f, field) => {
      const inUrl = findCanary(c.url, f.needles);
      const inBody = inUrl ? null : c.body ? findCanary(c.body, f.needles) : null;
      const encoding = inUrl ?? inBody;
      if (!encoding) return;
      if (party === 'first' && !measurementShape(c.url) && !sessionRecorderOf(c.url)) { firstPartyHits++; return; }
      const key = `${field}|${host}`;
      const seen = groups.get(key);
      if (seen) { seen.calls[0]!.count++; return; }
      const clipped = c.url.slice(0, MAX_URL);
      let index: number | null = null;
      for (let i = requests.length - 1; i >= 0; i--) if (requests[i]!.url === clipped && requests[i]!.method === c.method) { index = i; break; }
      const initiator = index !== null ? requests[index]!.initiator?.url ?? null : null;
      groups.set(key, {
        kind: 'keystrokes_sent', script: initiator, stack: initiator ? [initiator] : [], calls: [{ name: `${c.method} ${inUrl ? 'url' : 'body'}`, count: 1 }],
        request: { url: clipped, method: c.method, index }, frame: f.frame,
        facts: { field, fieldType: f.type, fieldName: f.name, encoding, host, party, inBody: !inUrl },
      });
    });
  }
  return { findings: [...groups.values()], firstPartyHits };
}

/** The keystroke probe's record before it ran: the canary's stem (what every typed value starts with, or 09 for telephone fields). */
const emptySummary = (seed: string): NonNullable<BehaviourEvidence['keystrokes']> => ({
  fields: 0, requests: 0, firstPartyHits: 0, canary: canaryValue(seed, 0, 'text').token.slice(0, -2), error: null,
});

const dedupeKey = (f: BehaviourFinding) => [f.kind, f.script, f.facts.via, f.facts.vendor, f.facts.read, f.facts.key, f.facts.origin, f.facts.area].join('|');

export class BehaviourRecorder {
  private readonly reads: FrameRead[][] = [];
  private unread = 0;
  /** Set-Cookie values of third-party responses (the test browser refuses third-party cookies; an ordinary one keeps them). */
  private readonly headerCookies: CookieCandidate[] = [];
  private readonly pendingHeaders = new Set<Promise<void>>();
  private responses = 0;

  constructor(private readonly context: BrowserContext, private readonly firstPartySite: string) {}

  private readonly onResponse = (r: Response) => {
    const host = hostOf(r.url());
    if (!host || partyOf(host, this.firstPartySite) !== 'third' || this.responses >= MAX_CAPTURED) return;
    this.responses++;
    const p = r.headerValue('set-cookie').then((v) => {
      for (const line of (v ?? '').split('\n').slice(0, 20)) {
        const c = cookiePair(line, host);
        if (c && this.headerCookies.length < MAX_CAPTURED) this.headerCookies.push({ ...c, source: 'header', setter: r.url().slice(0, MAX_URL), stack: [] });
      }
    }, () => {}).finally(() => { this.pendingHeaders.delete(p); });
    this.pendingHeaders.add(p);
  };

  /** Before the page is opened: the instrumentation in every frame, iframes too, and the third parties' Set-Cookie headers. */
  async install(): Promise<void> {
    await this.context.addInitScript({ content: BEHAVIOUR_INIT_SCRIPT });
    this.context.on('response', this.onResponse);
  }

  /** Reads every frame's log and storage (once the page has loaded, and again at the end). */
  async read(frames: FrameTarget[]): Promise<void> {
    const script = `(${BEHAVIOUR_COLLECT_SCRIPT})(${JSON.stringify(RECORDER_GLOBALS)})`;
    const found = await withinBudget(inEveryFrame<FrameRead['value']>(frames, script), READ_BUDGET_MS, null);
    if (!found) { this.unread += frames.length; return; }
    this.unread = Math.max(this.unread, found.filter((f) => !f.value).length);
    this.reads.push(found.map(({ frame, value }) => ({ frame, value })));
  }

  /** The keystroke probe, a last read, cookies and requests judged: the behaviour evidence. */
  async finish(page: Page, evidence: PageEvidence): Promise<BehaviourEvidence> {
    const seed = randomBytes(5).toString('hex');
    const overrun = { findings: [], summary: { ...emptySummary(seed), error: `the keystroke probe took longer than ${KEYSTROKE_BUDGET_MS + 2_000} ms` } };
    const keys = await withinBudget(this.keystrokes(page, evidence, seed), KEYSTROKE_BUDGET_MS + 2_000, overrun);
    // A page that outlived the probe's budget is wedged: reading it again would only wait.
    if (keys !== overrun && !page.isClosed()) await this.read(await withinBudget(listFrames(page), READ_BUDGET_MS, []));
    this.context.off('response', this.onResponse);
    await withinBudget(Promise.all([...this.pendingHeaders]), READ_BUDGET_MS, []);
    const stored = await withinBudget(this.context.cookies().catch(() => []), READ_BUDGET_MS, []);
    const requests = evidence.requests;
    const all: BehaviourFinding[] = [];
    const seen = new Set<string>();
    const add = (f: BehaviourFinding) => { const k = dedupeKey(f); if (!seen.has(k)) { seen.add(k); all.push(f); } };
    for (const reads of this.reads) {
      const logs = reads.map(({ frame, value }) => ({ frame, log: value?.log ?? null, globals: value?.globals ?? [] }));
      findingsFromLogs(logs, requests).forEach(add);
    }
    // Storage as it was last seen (a value rewritten later is the one that counts).
    const lastReads = this.reads[this.reads.length - 1] ?? [];
    storageFindings(lastReads, this.firstPartySite).forEach(add);
    keys.findings.forEach((f) => all.push(f));
    recorderRequests(requests).forEach(add);
    const candidates: CookieCandidate[] = [
      ...stored.map((c) => ({ name: c.name, value: c.value, domain: c.domain, source: 'stored' as const, setter: null, stack: [] })),
      ...this.headerCookies,
      ...this.reads.flatMap((reads) => frameCookieWrites(reads, this.firstPartySite)),
    ];
    cookieFindings(candidates, evidence.cookies, this.firstPartySite).forEach(add);
    measurementFindings(requests).forEach(add);
    return { ...boundFindings(all), keystrokes: keys.summary, unread: this.unread };
  }

  /** Types a canary into each visible text field (at most 10), blurs it, and looks for it in what the page sends next. */
  private async keystrokes(page: Page, evidence: PageEvidence, seed: string): Promise<{ findings: BehaviourFinding[]; summary: BehaviourEvidence['keystrokes'] }> {
    const summary = emptySummary(seed);
    const deadline = Date.now() + KEYSTROKE_BUDGET_MS;
    const captured: Captured[] = [];
    const inFlight = new Set<Request>();
    const onRequest = (r: Request) => {
      inFlight.add(r);
      if (captured.length >= MAX_CAPTURED) return;
      let body: string | null = null;
      try { body = r.postData()?.slice(0, MAX_BODY) ?? null; } catch { /* binary body */ }
      captured.push({ url: r.url(), method: r.method(), body });
    };
    const onDone = (r: Request) => { inFlight.delete(r); };
    const fields: Array<{ type: string; name: string; needles: CanaryNeedles; frame: number }> = [];
    try {
      if (page.isClosed()) return { findings: [], summary: null };
      const frames = await listFrames(page);
      const targets: Array<{ target: FrameTarget; i: number; type: string; name: string }> = [];
      for (const target of frames) {
        if (targets.length >= MAX_FIELDS || Date.now() > deadline) break;
        try {
          const list = (await target.frame.evaluate(`(${CANARY_FIELDS_SCRIPT})(${MAX_FIELDS - targets.length})`)) as Array<{ type: string; name: string }>;
          list.forEach((f, i) => targets.push({ target, i, type: f.type, name: f.name }));
        } catch { /* a frame gone or refusing */ }
      }
      this.context.on('request', onRequest);
      this.context.on('requestfinished', onDone);
      this.context.on('requestfailed', onDone);
      for (const t of targets) {
        if (Date.now() > deadline - AFTER_TYPING_MS - SETTLE_MS || page.isClosed()) break;
        const { typed, token } = canaryValue(seed, fields.length, t.type);
        const handle = await t.target.frame.evaluateHandle(`window.__dvcCanaryFields && window.__dvcCanaryFields[${t.i}]`).catch(() => null);
        const el = (handle?.asElement() ?? null) as ElementHandle | null;
        if (!el) { await handle?.dispose().catch(() => {}); continue; }
        try {
          await el.focus();
          // Characters only: no Enter, no Tab, no click — nothing that submits or moves on.
          await page.keyboard.type(typed);
          await el.evaluate((e: Node) => (e as HTMLElement).blur());
          fields.push({ type: t.type, name: t.name, needles: canaryNeedles(typed, token), frame: t.target.ref.index });
        } catch { /* the field went away */ } finally {
          await handle!.dispose().catch(() => {});
        }
      }
      summary.fields = fields.length;
      if (fields.length) {
        await sleep(AFTER_TYPING_MS);
        const settleEnd = Math.min(Date.now() + SETTLE_MS, deadline);
        while (inFlight.size > 0 && Date.now() < settleEnd) await sleep(50);
      }
    } catch (err) {
      summary.error = String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 300);
    } finally {
      this.context.off('request', onRequest);
      this.context.off('requestfinished', onDone);
      this.context.off('requestfailed', onDone);
    }
    summary.requests = captured.length;
    const found = keystrokeFindings(captured, fields, evidence.requests, this.firstPartySite);
    summary.firstPartyHits = found.firstPartyHits;
    return { findings: found.findings, summary };
  }
}

