// The HTTP client with the limits an operator set in the configuration's `http` section.
import type { Config } from '../config/schema.ts';
import { createHttpClient, type HttpClient } from './client.ts';

export function httpClientFor(http: Config['http']): HttpClient {
  return createHttpClient({
    headersTimeoutMs: http.timeoutMs, bodyTimeoutMs: http.timeoutMs, totalTimeoutMs: http.timeoutMs * 2,
    maxBodyBytes: http.maxBodyBytes, maxRedirects: http.maxRedirects, retries: http.retries,
    retryBaseDelayMs: http.retryBaseDelayMs, maxRetryAfterMs: http.maxRetryAfterMs, perHostConcurrency: http.perHostConcurrency,
  });
}
