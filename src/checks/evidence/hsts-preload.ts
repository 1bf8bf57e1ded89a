// Whether the browser itself upgraded an http:// request to https:// before sending it. Chromium
// answers such a request with an internal 307 carrying `Non-Authoritative-Reason: HSTS`; in a
// fresh context, which has learned no HSTS from any response, that can only come from the HSTS
// preload list built into the browser: the host is protected before its first visit.
import type { Request } from 'playwright-core';

/** The first request of the chain `request` ends, upgraded by the browser's HSTS list. */
export async function upgradedByBrowser(request: Request): Promise<boolean> {
  let first = request;
  for (let r = request.redirectedFrom(); r; r = r.redirectedFrom()) first = r;
  if (first === request || !first.url().startsWith('http:')) return false;
  const response = await first.response();
  return response?.status() === 307 && (await response.headerValue('non-authoritative-reason'))?.trim().toLowerCase() === 'hsts';
}
