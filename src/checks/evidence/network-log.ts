// A HAR-like log of one page's requests from the Chrome DevTools Protocol: what Playwright's
// own events do not give (the initiator, raw Set-Cookie headers, why a request was blocked,
// bytes on the wire). It also enforces the page's byte budget as the data arrives.
import type { CDPSession } from 'playwright-core';
import type { RequestRecord } from '../types.ts';
import { parseCookieDeclaration, setCookieLines, type CookieDeclaration } from './cookies.ts';
import type { FilterList } from './filter-list.ts';
import { partyOf, trackerFor } from './third-parties.ts';

const MAX_REQUESTS = 1000;
const MAX_URL = 2000;

interface Pending {
  record: RequestRecord;
  bytes: number;
  /** The browser's monotonic time (s) it was sent at, to time it by. */
  sentAt: number;
}

type Initiator = { type: string; url?: string; stack?: { callFrames: Array<{ url: string }>; parent?: unknown } };

function initiatorOf(i: Initiator | undefined): RequestRecord['initiator'] {
  if (!i) return { type: 'other', url: null };
  // For a script the stack names the script itself; `url` is then often just the document.
  const frame = i.stack?.callFrames.find((f) => f.url);
  return { type: i.type, url: (i.type === 'script' ? frame?.url ?? i.url : i.url ?? frame?.url) ?? null };
}

/** Headers as evidence: names lower-cased, at most 60, values cut at 500 characters, cookie values out. */
export function keptHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).slice(0, 60).map(([k, v]) => {
    const name = k.toLowerCase();
    const value = name === 'set-cookie' ? redactSetCookie(v) : String(v).slice(0, 500);
    return [name, value];
  }));
}

/** Set-Cookie values are session secrets: kept as name and attributes only. */
export function redactSetCookie(value: string): string {
  return value.split('\n').map((l) => l.replace(/^([^=;]+)=[^;]*/, (_, n: string) => `${n}=[redacted]`)).join('\n');
}

export class NetworkLog {
  readonly requests: RequestRecord[] = [];
  readonly cookieDeclarations: CookieDeclaration[] = [];
  readonly blockedMixedContent: string[] = [];
  dropped = 0;
  private readonly byId = new Map<string, Pending>();
  private inFlight = new Set<string>();
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

  async attach(cdp: CDPSession): Promise<void> {
    cdp.on('Network.requestWillBeSent', (e) => {
      // A redirect reuses the request id: close the previous hop first.
      const previous = this.byId.get(e.requestId);
      if (previous && e.redirectResponse) previous.record.status = e.redirectResponse.status;
      this.inFlight.add(e.requestId);
      let host = '';
      try {
        host = new URL(e.request.url).hostname;
      } catch { /* data: and the like have no host */ }
      const record: RequestRecord = {
        url: e.request.url.slice(0, MAX_URL),
        host,
        method: e.request.method,
        type: e.type ?? 'Other',
        party: host ? partyOf(host, this.firstPartySite) : 'first',
        initiator: e.redirectResponse ? { type: 'redirect', url: previous?.record.url ?? null } : initiatorOf(e.initiator as Initiator),
        status: null,
        mimeType: null,
        failed: null,
        bytes: null,
        responseHeaders: null,
        tracker: host ? trackerFor(e.request.url) : null,
        // The page's own document is not judged by the list; its frames' documents are.
        filterMatch: this.filters && !(e.type === 'Document' && e.initiator?.type === 'other') ? this.filters.match(e.request.url, e.documentURL ?? '', e.type ?? 'other') : null,
        startedAt: new Date(e.wallTime * 1000).toISOString(),
        durationMs: null,
      };
      if (this.requests.length < MAX_REQUESTS) this.requests.push(record);
      else this.dropped++;
      this.byId.set(e.requestId, { record, bytes: 0, sentAt: e.timestamp });
    });
    cdp.on('Network.responseReceived', (e) => {
      const p = this.byId.get(e.requestId);
      if (!p) return;
      p.record.status = e.response.status;
      p.record.mimeType = e.response.mimeType;
      p.record.responseHeaders = { ...keptHeaders(e.response.headers), ...p.record.responseHeaders };
      const length = Number(e.response.headers['content-length'] ?? e.response.headers['Content-Length'] ?? 0);
      if (length > this.maxBytes) this.onTooLarge(length);
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      const p = this.byId.get(e.requestId);
      const header = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'set-cookie')?.[1];
      // The raw headers (with Set-Cookie, which responseReceived leaves out); they may come first.
      if (p) p.record.responseHeaders = { ...p.record.responseHeaders, ...keptHeaders(e.headers) };
      const blocked = new Map((e.blockedCookies ?? []).map((b) => [b.cookieLine, b.blockedReasons as string[]]));
      for (const line of setCookieLines(header)) {
        const declared = parseCookieDeclaration(line, 'header', p?.record.url ?? null);
        if (declared && blocked.has(line)) declared.blocked = blocked.get(line);
        if (declared && this.cookieDeclarations.length < 1000) this.cookieDeclarations.push(declared);
      }
    });
    cdp.on('Network.dataReceived', (e) => {
      const p = this.byId.get(e.requestId);
      const bytes = Math.max(e.dataLength, e.encodedDataLength);
      if (p) p.bytes += bytes;
      this.totalBytes += bytes;
      if (this.totalBytes > this.maxBytes) this.onTooLarge(this.totalBytes);
    });
    cdp.on('Network.loadingFinished', (e) => {
      const p = this.byId.get(e.requestId);
      if (p) {
        p.record.bytes = Math.max(p.bytes, e.encodedDataLength);
        p.record.durationMs = Math.round((e.timestamp - p.sentAt) * 1000);
      }
      this.inFlight.delete(e.requestId);
    });
    cdp.on('Network.loadingFailed', (e) => {
      const p = this.byId.get(e.requestId);
      if (p) {
        p.record.failed = e.blockedReason ? `blocked:${e.blockedReason}` : e.errorText;
        p.record.durationMs = Math.round((e.timestamp - p.sentAt) * 1000);
        if (e.blockedReason === 'mixed-content') this.blockedMixedContent.push(p.record.url);
      }
      this.inFlight.delete(e.requestId);
    });
    await cdp.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 });
  }
}
