// What several collectors do the same way: one job per period (and report), one GET of a
// document kept as evidence, HTTP errors named after the payload is stored.
import { HttpFailure, retryAfterMs, type HttpClient, type HttpResponse } from '../src/http/client.ts';
import { PayloadFailure } from '../src/normalise/measure.ts';
import type { JobSpec } from '../src/run/job.ts';
import type { PayloadView, RawPayload } from './types.ts';

/** One collect job per period and variant (a report, a level); keys read "source/variant/period". */
export function periodJobs(sourceId: string, periods: readonly string[], variants: ReadonlyArray<{ key: string; params: Record<string, unknown> }> = [{ key: '', params: {} }]): JobSpec[] {
  return periods.flatMap((period) => variants.map(({ key, params }) => ({
    key: [sourceId, key, period].filter(Boolean).join('/'), kind: 'collect', sourceId, portalId: null, period, params,
  })));
}

/** Throws the named failure for an HTTP error status; call it after the response is yielded (stored). */
export function failOnHttpError(response: Pick<HttpResponse, 'status' | 'headers'> & { attempts?: number }, what: string): void {
  const { status } = response;
  if (status === 429) throw new PayloadFailure('rate_limited', `${what} answered HTTP 429 (too many requests)${waitAsked(response)}`);
  if (status >= 500) throw new PayloadFailure('http_5xx', `${what} answered HTTP ${status}${waitAsked(response)}`);
  if (status >= 400) throw new PayloadFailure('http_4xx', `${what} answered HTTP ${status}`);
}

/** What the portal asked for (Retry-After) and how often we tried, for the failure message. */
function waitAsked(response: Pick<HttpResponse, 'headers'> & { attempts?: number }): string {
  const tries = response.attempts && response.attempts > 1 ? ` after ${response.attempts} attempts` : '';
  const asked = retryAfterMs(response.headers['retry-after'], Date.now());
  return asked === null ? tries : `${tries}; it asked to wait ${Math.ceil(asked / 1000)} s (Retry-After: ${JSON.stringify(response.headers['retry-after']!.slice(0, 40))}), more than the client may wait (http.maxRetryAfterMs, or the request's deadline)`;
}

/**
 * Sends one request and returns its answer. An answer cut short in transit (`truncated`) is
 * yielded for storage before its failure is thrown: every payload is evidence, a cut one too.
 */
export async function* send(http: HttpClient, request: RawPayload['request'], signal?: AbortSignal): AsyncGenerator<RawPayload, HttpResponse, void> {
  try {
    return await http.request({ method: request.method as 'GET' | 'POST', url: request.url, headers: request.headers, body: request.body ?? undefined, signal });
  } catch (err) {
    if (err instanceof HttpFailure && err.partial) yield { request, response: err.partial };
    throw err;
  }
}

/** GETs one document and yields it for storage; an HTTP error status fails the job after that. */
export async function* fetchDocument(http: HttpClient, url: string, accept: string, what: string, signal?: AbortSignal): AsyncGenerator<RawPayload, void, void> {
  const request = { method: 'GET', url, headers: { accept }, body: null };
  const response = yield* send(http, request, signal);
  yield { request, response };
  failOnHttpError(response, what);
}

/** The one payload a single-document job fetched. */
export function onlyPayload(payloads: readonly PayloadView[], what: string): PayloadView {
  const payload = payloads[0];
  if (!payload) throw new PayloadFailure('empty', `${what}: nothing was fetched`);
  return payload;
}

/** Whether a body starts like an HTML document (a maintenance or login page served instead of data). */
export function looksLikeHtml(body: Buffer): boolean {
  const start = body.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<head') || start.startsWith('<body');
}

/** The title of an HTML page, for a failure message (escaped, bounded). */
export function htmlTitle(body: Buffer): string {
  const title = /<title[^>]*>([^<]{0,120})/i.exec(body.subarray(0, 65536).toString('utf8'))?.[1]?.trim();
  return title ? ` (title: ${JSON.stringify(title)})` : '';
}
