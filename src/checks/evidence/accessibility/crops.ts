// A cropped screenshot of each element a finding names, so an auditor sees what failed without
// re-opening the portal. Taken from the masked page (personal data already replaced), each a
// small JPEG kept as its own content-addressed blob; the evidence lists them by element.
import { createHash } from 'node:crypto';
import type { CDPSession } from 'playwright-core';
import type { FrameTarget } from './frames.ts';

export interface CropRef {
  frame: number;
  selector: string;
  /** SHA-256 of the JPEG, the key of its blob in the store. */
  sha256: string;
  /** Where the element was on the page, in CSS px. */
  box: { x: number; y: number; width: number; height: number };
}

export const MAX_CROPS = 20;
// Finding an element in a cross-origin frame takes a round trip to another renderer: on a busy
// machine well over 500 ms. Each may take 2 s, all of them 10 s.
const FIND_TIMEOUT_MS = 2000;
const BUDGET_MS = 10_000;
const MARGIN = 8;
const MAX_SIDE = 800;

/** Crops of the wanted elements (in the order given, each once, bounded); an element gone or invisible is skipped. */
export async function cropElements(cdp: CDPSession, frames: FrameTarget[], wanted: Array<{ frame: number; selector: string }>): Promise<{ refs: CropRef[]; bodies: Buffer[] }> {
  const refs: CropRef[] = [];
  const bodies: Buffer[] = [];
  const seen = new Set<string>();
  const end = Date.now() + BUDGET_MS;
  for (const w of wanted) {
    if (refs.length >= MAX_CROPS || Date.now() > end) break;
    const key = `${w.frame} ${w.selector}`;
    const target = frames[w.frame];
    if (seen.has(key) || !target || !w.selector) continue;
    seen.add(key);
    try {
      // Coordinates of an element inside a frame are given in the top page's, as the crop needs.
      const box = await target.frame.locator(w.selector).first().boundingBox({ timeout: FIND_TIMEOUT_MS });
      if (!box || box.width < 1 || box.height < 1) continue;
      const clip = {
        x: Math.max(0, box.x - MARGIN), y: Math.max(0, box.y - MARGIN),
        width: Math.min(MAX_SIDE, box.width + 2 * MARGIN), height: Math.min(MAX_SIDE, box.height + 2 * MARGIN), scale: 1,
      };
      const { data } = await cdp.send('Page.captureScreenshot', { format: 'jpeg', quality: 70, captureBeyondViewport: true, clip });
      const body = Buffer.from(data, 'base64');
      refs.push({ frame: w.frame, selector: w.selector, sha256: createHash('sha256').update(body).digest('hex'), box: { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) } });
      bodies.push(body);
    } catch {
      // A selector the page no longer matches, or a frame that went away: no crop for it.
    }
  }
  return { refs, bodies };
}
