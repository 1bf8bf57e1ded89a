// How a visit's failures are named (net::ERR_… and Playwright's messages to a ScannerErrorReason),
// and closing a browser context without ever waiting on a wedged browser.
import type { BrowserContext } from 'playwright-core';
import type { RequestRecord, ScannerErrorReason } from '../types.ts';

/** A browser that does not even close a context within this is left behind: the visit still ends. */
export const CLOSE_GRACE_MS = 10_000;

/** Closes a context, but never waits on a wedged browser longer than CLOSE_GRACE_MS. */
export async function closeBounded(context: BrowserContext | null): Promise<void> {
  if (!context) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([context.close().catch(() => {}), new Promise<void>((resolve) => { timer = setTimeout(resolve, CLOSE_GRACE_MS); })]);
  clearTimeout(timer);
}

export class ScannerError extends Error {
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
    [/Execution context was destroyed|navigat(ed|ion).*(interrupted|detached)|frame was detached/i, 'navigated_away'],
    [/net::ERR_/, 'navigation_failed'],
  ];
  return { reason: rules.find(([re]) => re.test(message))?.[1] ?? 'internal_error', message };
}

/** A document whose type is not HTML (or XHTML) is not a page to check; a missing type is taken as HTML. */
export function notHtml(contentType: string | undefined): ScannerError | null {
  return contentType && !/html|xml/i.test(contentType) ? new ScannerError('not_html', `the page is ${contentType}, not HTML`) : null;
}

/**
 * A document the browser downloaded instead of showing, though its server did not ask for a
 * download (no Content-Disposition: attachment): the headless shell downloads what the full
 * browser opens in a viewer (a PDF). Either way it is not a page to check: the full browser's
 * visit finds it from the response, and this finds it the same way from the request log.
 */
export function notHtmlDownload(err: unknown, requests: RequestRecord[]): ScannerError | null {
  if (classifyFailure(err).reason !== 'download') return null;
  const headers = [...requests].reverse().find((r) => r.type === 'Document' && r.context?.kind === 'page')?.responseHeaders;
  if (/attachment/i.test(headers?.['content-disposition'] ?? '')) return null;
  return notHtml(headers?.['content-type']);
}
