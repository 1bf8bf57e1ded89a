// What a page's accessibility verdicts depend on, as one hash: the rendered DOM of every
// document (after the page settled, before any probe touched it), the SHA-256 of every resource
// it loaded (style sheets, scripts, fonts, images, frames), and the versions and settings that
// shape the accessibility evidence (tool, axe-core, criteria, browser, keyboard sample,
// viewport). Resources count by content, not by address. Two visits with the same fingerprint would collect the same accessibility evidence,
// so the later one may reuse the earlier one's (incremental nightly re-checks, README). A
// resource whose body cannot be read (evicted, too many, too big) leaves the fingerprint
// incomplete: such a page is always checked in full.
import { createHash } from 'node:crypto';
import type { BrowserContext, Page, Response } from 'playwright-core';
import type { FrameTarget } from './accessibility/frames.ts';
import { inEveryFrame } from './accessibility/frames.ts';

const MAX_RESOURCES = 300;
const MAX_RESOURCE_BYTES = 50 * 1024 * 1024;
/** A body still arriving after this (a stream, a long poll) is not waited for: the fingerprint is incomplete. */
const BODY_WAIT_MS = 2_000;

export interface PageFingerprint {
  sha256: string;
  /** Resources hashed into it. */
  resources: number;
  /** False when a resource could not be hashed: the fingerprint then never matches another. */
  complete: boolean;
  /** Why it is incomplete. */
  missing: string | null;
}

/** Versions and settings the accessibility evidence depends on. */
export interface FingerprintBasis {
  tool: string;
  axe: string;
  criteria: string;
  browser: string;
  keyboardSample: number;
  viewport: { width: number; height: number };
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Every response of the context, from now on (the document's own included), for hashing later. */
export function watchResponses(context: BrowserContext): Response[] {
  const responses: Response[] = [];
  context.on('response', (r) => {
    if (responses.length <= MAX_RESOURCES) responses.push(r);
  });
  return responses;
}

/** The fingerprint of the page as it is now (call it before any probe changes the page). */
export async function fingerprintPage(page: Page, frames: FrameTarget[], responses: readonly Response[], basis: FingerprintBasis): Promise<PageFingerprint> {
  const dom = [sha256(await page.content())];
  for (const f of await inEveryFrame<string>(frames.slice(1), 'document.documentElement ? document.documentElement.outerHTML : ""')) dom.push(f.value === null ? 'unreadable' : sha256(f.value));
  const resources: string[] = [];
  let missing: string | null = responses.length > MAX_RESOURCES ? `more than ${MAX_RESOURCES} resources` : null;
  let bytes = 0;
  for (const r of responses.slice(0, MAX_RESOURCES)) {
    const status = r.status();
    // A redirect hop has no body of its own: the resource it leads to is hashed.
    if (status >= 300 && status < 400) continue;
    try {
      let timer: NodeJS.Timeout | undefined;
      const body = await Promise.race([r.body(), new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('still arriving')), BODY_WAIT_MS); })])
        .finally(() => clearTimeout(timer));
      bytes += body.length;
      if (bytes > MAX_RESOURCE_BYTES) { missing ??= `resources over ${MAX_RESOURCE_BYTES} bytes`; break; }
      // By content, not by address: a beacon's random id or a cache-buster changes the address of
      // the same bytes; the DOM (hashed above) holds every address that places something on the page.
      resources.push(`${r.request().method()} ${r.request().resourceType()} ${status} ${sha256(body)}`);
    } catch {
      missing ??= `the body of ${r.url().slice(0, 200)} could not be read`;
    }
  }
  resources.sort();
  const sha = sha256(JSON.stringify({ v: 1, basis, dom, resources }));
  return { sha256: sha, resources: resources.length, complete: missing === null, missing };
}
