// Whether the browser itself upgraded an http:// request to https:// before sending it. Chromium
// answers such a request with an internal 307 carrying `Non-Authoritative-Reason: HSTS`; in a
// fresh context, which has learned no HSTS from any response, that can only come from the HSTS
// preload list built into the browser: the host is protected before its first visit.
import type { Request } from 'playwright-core';
import { firstOfChain } from './navigation.ts';

/** The browser's own internal redirect from http:// to https:// (preloaded or learned HSTS). */
async function isHstsUpgrade(request: Request): Promise<boolean> {
  if (!request.url().startsWith('http:')) return false;
  const response = await request.response();
  return response?.status() === 307 && (await response.headerValue('non-authoritative-reason'))?.trim().toLowerCase() === 'hsts';
}

/** The first request of the chain `request` ends, upgraded by the browser's HSTS list. */
export async function upgradedByBrowser(request: Request): Promise<boolean> {
  const first = firstOfChain(request);
  return first !== request && isHstsUpgrade(first);
}

/** Any request of the chain `request` ends upgraded by the browser (the context may have learned the HSTS). */
export async function hstsUpgradeOnTheWay(request: Request): Promise<boolean> {
  for (let r = request.redirectedFrom(); r; r = r.redirectedFrom()) if (await isHstsUpgrade(r)) return true;
  return false;
}
