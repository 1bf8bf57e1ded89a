// A HAR-like log of one page's requests from the Chrome DevTools Protocol: what Playwright's
// own events do not give (the initiator, raw Set-Cookie headers, why a request was blocked,
// bytes on the wire). It also enforces the page's byte budget as the data arrives.
import type { RequestRecord } from '../types.ts';
import { parseCookieDeclaration, setCookieLines, type CookieDeclaration } from './cookies.ts';
import type { FilterList } from './filter-list.ts';
import { isLocalNetworkRefusal } from './local-network.ts';
import type { ProtocolSession, TargetKind } from './targets.ts';
import { partyOf, trackerFor } from './third-parties.ts';

const MAX_REQUESTS = 1000;
const MAX_URL = 2000;
/** A socket's first frames are enough to see what it sends and how much. */
const MAX_SOCKET_FRAMES = 10;
const MAX_CHAIN = 10;

interface ResponseExtraInfo {
  headers: Record<string, string>;
  blockedCookies?: Array<{ cookieLine: string; blockedReasons: string[] }>;
}

interface Pending {
  record: RequestRecord;
  bytes: number;
  /** The browser's monotonic time (s) it was sent at, to time it by. */
  sentAt: number;
}

type CallFrames = { callFrames: Array<{ url: string }>; parent?: CallFrames };
type Initiator = { type: string; url?: string; stack?: CallFrames };

/** The scripts on the initiator's stack, async parents included, innermost first, each once. */
export function initiatorChain(stack: CallFrames | undefined): string[] {
  const urls: string[] = [];
  for (let s = stack, depth = 0; s && depth < 20; s = s.parent, depth++) {
    for (const f of s.callFrames) if (f.url && !urls.includes(f.url)) urls.push(f.url.slice(0, 500));
  }
  return urls.slice(0, MAX_CHAIN);
}

function initiatorOf(i: Initiator | undefined): RequestRecord['initiator'] {
  if (!i) return { type: 'other', url: null };
  // For a script the stack names the script itself; `url` is then often just the document.
  const first = initiatorChain(i.stack)[0];
  const url = (i.type === 'script' ? first ?? i.url : i.url ?? first) ?? null;
  const chain = initiatorChain(i.stack);
  return chain.length > 1 ? { type: i.type, url, chain } : { type: i.type, url };
}

/** Headers the security grading reads whole (a CSP of a few thousand characters is common): kept up to 8 KiB, whatever else the response has. */
const GRADED_HEADERS = new Set(['content-security-policy', 'content-security-policy-report-only', 'strict-transport-security', 'permissions-policy', 'referrer-policy', 'x-frame-options', 'x-content-type-options', 'cross-origin-resource-policy', 'access-control-allow-origin', 'access-control-allow-credentials', 'content-type']);

/** Headers as evidence: names lower-cased, at most 60 (the graded ones always), values cut at 500 characters (graded ones at 8 KiB), cookie values out. */
export function keptHeaders(headers: Record<string, string>): Record<string, string> {
  const entries = Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)] as const);
  let room = 60 - entries.filter(([name]) => GRADED_HEADERS.has(name)).length;
  const kept = entries.filter(([name]) => GRADED_HEADERS.has(name) || room-- > 0);
  return Object.fromEntries(kept.map(([name, v]) => [name, name === 'set-cookie' ? redactSetCookie(v) : v.slice(0, GRADED_HEADERS.has(name) ? 8192 : 500)]));
}

/** Set-Cookie values are session secrets: kept as name and attributes only. */
export function redactSetCookie(value: string): string {
  return value.split('\n').map((l) => l.replace(/^([^=;]+)=[^;]*/, (_, n: string) => `${n}=[redacted]`)).join('\n');
}

/** The browser target a session belongs to (targets.ts): the page's own has no ids. */
export interface TargetContext {
  kind: TargetKind;
  url: string;
  targetId?: string;
  parentFrameId?: string;
}

/** A request as Playwright reports it, for addMissed. */
export interface MissedRequest {
  method: string;
  url: string;
  resourceType: string;
  /** The frame that made it (a worker's: the frame that started the worker). */
  frameUrl: string;
  startedAt: string;
  status: number | null;
  failed: string | null;
  responseHeaders: Record<string, string> | null;
  /** Who made it, when known (a shared worker's own account of its fetches); a dedicated worker otherwise. */
  context?: { kind: TargetKind; url: string };
  /** From Resource Timing, which does not say the method: any recorded request to the URL is this one. */
  anyMethod?: true;
}

// Playwright's resource types in the DevTools protocol's spelling, as the rest of the log has them.
const RESOURCE_TYPES: Record<string, string> = {
  document: 'Document', stylesheet: 'Stylesheet', image: 'Image', media: 'Media', font: 'Font', script: 'Script',
  texttrack: 'TextTrack', xhr: 'XHR', fetch: 'Fetch', eventsource: 'EventSource', websocket: 'WebSocket', manifest: 'Manifest', ping: 'Ping',
};

/**
 * The browser's own fetch of a site's /favicon.ico, made for the tab, not by the page: Chromium
 * makes it once per host for the browser's whole life, whatever the context, so recording it
 * would make a page's evidence depend on the visits before it (isolation, README). An icon the
 * page declares elsewhere (<link rel=icon>) is still recorded.
 */
function isBrowserIconFetch(e: { type?: string; initiator?: { type?: string }; redirectResponse?: unknown; request: { url: string } }): boolean {
  if (e.type !== 'Other' || e.initiator?.type !== 'other' || e.redirectResponse) return false;
  try {
    return new URL(e.request.url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
}

export class NetworkLog {
  readonly requests: RequestRecord[] = [];
  readonly cookieDeclarations: CookieDeclaration[] = [];
  readonly blockedMixedContent: string[] = [];
  dropped = 0;
  private readonly byId = new Map<string, Pending>();
  /** Each frame's document by its DevTools frame id: a worker's script is fetched for the frame that starts it. */
  private readonly frameDocuments = new Map<string, string>();
  private inFlight = new Set<string>();
  /** Response extra info that arrived before its request (requestId → event). */
  private readonly earlyExtraInfo = new Map<string, ResponseExtraInfo>();
  private totalBytes = 0;

  constructor(
    private readonly firstPartySite: string,
    /** Called once when the page has received more than maxBytes: the visit is stopped. */
    private readonly onTooLarge: (bytes: number) => void,
    private readonly maxBytes: number,
    private readonly filters: FilterList | null = null,
  ) {}

  get pending(): number {
    return this.inFlight.size;
  }

  /**
   * Records the requests of one browser target: the page itself, or a frame or worker the page
   * created (targets.ts). All of them share the one log and the one byte budget; a request id
   * is unique in the browser, so a navigation the parent saw start is finished by the frame.
   */
  async attach(session: ProtocolSession, context: TargetContext = { kind: 'page', url: '' }): Promise<void> {
    session.on('Network.requestWillBeSent', (e) => {
      if (context.kind === 'page' && isBrowserIconFetch(e)) return;
      const previous = this.byId.get(e.requestId);
      // The parent and the frame may both report a frame's navigation: it is one request.
      if (previous && !e.redirectResponse) return;
      // A redirect reuses the request id: close the previous hop first.
      if (previous && e.redirectResponse) {
        previous.record.status = e.redirectResponse.status;
        if (e.redirectResponse.remoteIPAddress) previous.record.remoteAddress = `${e.redirectResponse.remoteIPAddress}:${e.redirectResponse.remotePort ?? ''}`.slice(0, 60);
      }
      this.inFlight.add(e.requestId);
      const record = this.newRecord(e.request.url, e.request.method, e.type ?? 'Other', context);
      record.initiator = e.redirectResponse ? { type: 'redirect', url: previous?.record.url ?? null } : initiatorOf(e.initiator as Initiator);
      // The page's own document is not judged by the list; its frames' documents are.
      record.filterMatch = this.filters && record.host && !(e.type === 'Document' && e.initiator?.type === 'other' && context.kind === 'page')
        ? this.filters.match(e.request.url, e.documentURL ?? '', e.type ?? 'other') : null;
      record.startedAt = new Date(e.wallTime * 1000).toISOString();
      if (e.type === 'Document' && e.frameId) this.frameDocuments.set(e.frameId, e.request.url);
      // A worker's requests have no frame of their own: they are made for the frame that started it.
      const frameId = e.frameId || context.parentFrameId;
      const document = (frameId && this.frameDocuments.get(frameId)) || e.documentURL;
      record.documentUrl = typeof document === 'string' ? document.slice(0, MAX_URL) : null;
      this.keep(record);
      this.track(e.requestId, { record, bytes: 0, sentAt: e.timestamp });
    });
    session.on('Network.responseReceived', (e) => {
      const p = this.byId.get(e.requestId) ?? this.adoptAnswered(e, context);
      if (!p) return;
      p.record.status = e.response.status;
      p.record.mimeType = e.response.mimeType;
      if (e.response.remoteIPAddress) p.record.remoteAddress = `${e.response.remoteIPAddress}:${e.response.remotePort ?? ''}`.slice(0, 60);
      p.record.responseHeaders = { ...keptHeaders(e.response.headers), ...p.record.responseHeaders };
      const length = Number(e.response.headers['content-length'] ?? e.response.headers['Content-Length'] ?? 0);
      if (length > this.maxBytes) this.onTooLarge(length);
    });
    session.on('Network.responseReceivedExtraInfo', (e) => {
      const p = this.byId.get(e.requestId);
      // It comes from the network service, the request from the renderer: under load it can
      // arrive first. Its Set-Cookie lines are read when the request is known, so that a
      // cookie is attributed to the host that set it.
      if (p) this.takeExtraInfo(p.record, e);
      else if (this.earlyExtraInfo.size < 1000) this.earlyExtraInfo.set(e.requestId, e);
    });
    session.on('Network.dataReceived', (e) => {
      const p = this.byId.get(e.requestId);
      const bytes = Math.max(e.dataLength, e.encodedDataLength);
      if (p) p.bytes += bytes;
      this.countBytes(bytes);
    });
    session.on('Network.loadingFinished', (e) => {
      const p = this.byId.get(e.requestId);
      if (p) {
        p.record.bytes = Math.max(p.bytes, e.encodedDataLength);
        p.record.durationMs = Math.round((e.timestamp - p.sentAt) * 1000);
      }
      this.inFlight.delete(e.requestId);
    });
    session.on('Network.loadingFailed', (e) => {
      const p = this.byId.get(e.requestId);
      if (p) {
        // Local Network Access refused it: the page reached for a more private address than its own.
        p.record.failed = isLocalNetworkRefusal(e.errorText, e.corsErrorStatus?.corsError) ? 'blocked:local-network'
          : e.blockedReason ? `blocked:${e.blockedReason}` : e.errorText;
        p.record.durationMs = Math.round((e.timestamp - p.sentAt) * 1000);
        if (e.blockedReason === 'mixed-content') this.blockedMixedContent.push(p.record.url);
      }
      this.inFlight.delete(e.requestId);
    });
    this.watchSockets(session, context);
    await session.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 });
  }

  /** The raw response headers (with Set-Cookie, which responseReceived leaves out) and the cookies the browser refused. */
  private takeExtraInfo(record: RequestRecord | null, e: ResponseExtraInfo): void {
    if (record) record.responseHeaders = { ...record.responseHeaders, ...keptHeaders(e.headers) };
    const header = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'set-cookie')?.[1];
    const blocked = new Map((e.blockedCookies ?? []).map((b) => [b.cookieLine, b.blockedReasons]));
    for (const line of setCookieLines(header)) {
      const declared = parseCookieDeclaration(line, 'header', record?.url ?? null);
      if (declared && blocked.has(line)) declared.blocked = blocked.get(line);
      if (declared && this.cookieDeclarations.length < 1000) this.cookieDeclarations.push(declared);
    }
  }

  /** Extra info whose request never showed (one we did not record): its cookies are still declared, with no address. */
  declareOrphanedCookies(): void {
    for (const e of this.earlyExtraInfo.values()) this.takeExtraInfo(null, e);
    this.earlyExtraInfo.clear();
  }

  /**
   * A request answered in a target we attached to after it was sent (a shared worker runs
   * before its session can switch the network domain on): the answer names it, so it is kept.
   */
  private adoptAnswered(e: { requestId: string; type?: string; timestamp: number; response: { url: string } }, context: TargetContext): Pending | undefined {
    if (context.kind === 'page' || !/^(https?|wss?):/.test(e.response.url)) return undefined;
    // The answer does not say the method: the record says so rather than guess.
    const record = this.newRecord(e.response.url, 'unknown', e.type ?? 'Other', context);
    record.filterMatch = this.filters && record.host ? this.filters.match(e.response.url, context.url, (e.type ?? 'other').toLowerCase()) : null;
    record.startedAt = new Date().toISOString();
    const frameId = context.parentFrameId;
    record.documentUrl = (frameId && this.frameDocuments.get(frameId)) || null;
    this.keep(record);
    return this.track(e.requestId, { record, bytes: 0, sentAt: e.timestamp });
  }

  private track(requestId: string, pending: Pending): Pending {
    this.byId.set(requestId, pending);
    const early = this.earlyExtraInfo.get(requestId);
    if (early) {
      this.earlyExtraInfo.delete(requestId);
      this.takeExtraInfo(pending.record, early);
    }
    return pending;
  }

  /** WebSockets: the connection is a request of its own; what it carries, by frame sizes. */
  private watchSockets(session: ProtocolSession, context: TargetContext): void {
    session.on('Network.webSocketCreated', (e) => {
      const record = this.newRecord(e.url, 'GET', 'WebSocket', context);
      record.initiator = initiatorOf(e.initiator as Initiator);
      record.filterMatch = this.filters && record.host ? this.filters.match(e.url, context.url, 'websocket') : null;
      record.startedAt = new Date().toISOString();
      // A socket names no frame: an out-of-process frame's target id is its frame id.
      const document = context.targetId ? this.frameDocuments.get(context.targetId) : undefined;
      record.documentUrl = document?.slice(0, MAX_URL) ?? null;
      record.socket = { sent: [], received: [], closed: false };
      this.keep(record);
      this.byId.set(e.requestId, { record, bytes: 0, sentAt: Number.NaN });
    });
    session.on('Network.webSocketWillSendHandshakeRequest', (e) => {
      const p = this.byId.get(e.requestId);
      if (p) p.sentAt = e.timestamp;
    });
    session.on('Network.webSocketHandshakeResponseReceived', (e) => {
      const p = this.byId.get(e.requestId);
      if (!p) return;
      p.record.status = e.response.status;
      p.record.responseHeaders = keptHeaders(e.response.headers ?? {});
      if (Number.isFinite(p.sentAt)) p.record.durationMs = Math.round((e.timestamp - p.sentAt) * 1000);
    });
    const frame = (way: 'sent' | 'received') => (e: { requestId: string; response: { payloadData?: string; opcode?: number } }) => {
      const p = this.byId.get(e.requestId);
      if (!p?.record.socket) return;
      // Text frames carry text; binary ones base64 (3 bytes per 4 characters).
      const data = e.response.payloadData ?? '';
      const size = e.response.opcode === 2 ? Math.floor((data.length * 3) / 4) : Buffer.byteLength(data);
      p.bytes += size;
      p.record.bytes = p.bytes;
      this.countBytes(way === 'received' ? size : 0);
      if (p.record.socket[way].length < MAX_SOCKET_FRAMES) p.record.socket[way].push(size);
    };
    session.on('Network.webSocketFrameSent', frame('sent'));
    session.on('Network.webSocketFrameReceived', frame('received'));
    session.on('Network.webSocketFrameError', (e) => {
      const p = this.byId.get(e.requestId);
      if (p) p.record.failed = isLocalNetworkRefusal(String(e.errorMessage), undefined) ? 'blocked:local-network' : String(e.errorMessage).slice(0, 300);
    });
    session.on('Network.webSocketClosed', (e) => {
      const p = this.byId.get(e.requestId);
      if (p?.record.socket) p.record.socket.closed = true;
    });
  }

  private newRecord(url: string, method: string, type: string, context: { kind: TargetKind; url: string }): RequestRecord {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch { /* data: and the like have no host */ }
    return {
      url: url.slice(0, MAX_URL), host, method, type, party: host ? partyOf(host, this.firstPartySite) : 'first',
      initiator: { type: 'other', url: null }, status: null, mimeType: null, failed: null, bytes: null, responseHeaders: null,
      tracker: host ? trackerFor(url) : null, filterMatch: null, durationMs: null,
      context: { kind: context.kind, url: context.url.slice(0, 500) },
    };
  }

  private keep(record: RequestRecord): void {
    if (this.requests.length < MAX_REQUESTS) this.requests.push(record);
    else this.dropped++;
  }

  private countBytes(bytes: number): void {
    this.totalBytes += bytes;
    if (this.totalBytes > this.maxBytes) this.onTooLarge(this.totalBytes);
  }

  /** The document a frame (by DevTools frame id) last navigated to, if its navigation was seen. */
  documentOf(frameId: string): string | undefined {
    return this.frameDocuments.get(frameId);
  }

  /**
   * Requests Playwright saw that no DevTools session of ours did. A dedicated worker is resumed
   * by Playwright's own session the moment it is attached, so its first requests can be made
   * before our session has switched the network domain on: they come from here, with what
   * Playwright knows of them (the worker's frame, the response's status and headers).
   */
  addMissed(seen: ReadonlyArray<MissedRequest>): void {
    const recorded = new Map<string, number>();
    const count = (key: string, by: number) => recorded.set(key, (recorded.get(key) ?? 0) + by);
    for (const r of this.requests) {
      count(`${r.method} ${r.url}`, 1);
      count(`* ${r.url}`, 1);
    }
    for (const m of seen) {
      const url = m.url.slice(0, MAX_URL);
      const key = m.anyMethod ? `* ${url}` : `${m.method} ${url}`;
      if ((recorded.get(key) ?? 0) > 0) {
        count(key, -1);
        if (!m.anyMethod) count(`* ${url}`, -1);
        continue;
      }
      if (!/^(https?|wss?):/.test(m.url)) continue;
      const record = this.newRecord(m.url, m.method, RESOURCE_TYPES[m.resourceType] ?? 'Other', m.context ?? { kind: 'worker', url: '' });
      record.filterMatch = this.filters && record.host ? this.filters.match(m.url, m.frameUrl, m.resourceType) : null;
      record.startedAt = m.startedAt;
      record.documentUrl = m.frameUrl.slice(0, MAX_URL);
      record.status = m.status;
      record.failed = m.failed;
      record.responseHeaders = m.responseHeaders ? keptHeaders(m.responseHeaders) : null;
      for (const line of setCookieLines(m.responseHeaders?.['set-cookie'])) {
        const declared = parseCookieDeclaration(line, 'header', m.url.slice(0, MAX_URL));
        if (declared && this.cookieDeclarations.length < 1000) this.cookieDeclarations.push(declared);
      }
      this.keep(record);
    }
  }

  /**
   * Names the frame of each request, once the page's frames are known: the frame whose document
   * the request was made for; a request of the page's own renderer without a document (a
   * WebSocket) belongs to the top; a worker's belong to no frame.
   */
  attributeFrames(frames: ReadonlyArray<{ index: number; url: string }>): void {
    for (const r of this.requests) {
      const byDocument = r.documentUrl ? frames.find((f) => f.url === r.documentUrl) : undefined;
      const kind = r.context?.kind;
      r.frame = byDocument?.index ?? (kind === 'page' && !r.documentUrl ? 0 : null);
    }
  }
}
