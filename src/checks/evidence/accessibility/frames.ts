// The documents of a page: the top document and every frame inside it, same-origin or not
// (Chromium's out-of-process frames included: Playwright attaches to them). Every
// accessibility probe runs in each of them, and every finding names the frame it is in.
import type { Frame, Page } from 'playwright-core';

/** A document of the visited page, as stored in the evidence (`frames[index]`). */
export interface FrameRef {
  /** 0 is the top document; frames follow in document order, depth first. */
  index: number;
  url: string;
  /** Selectors of the <iframe>/<frame> elements leading to it, from the top document down; [] for the top. */
  path: string[];
  /** Index of the parent document, null for the top. */
  parent: number | null;
}

export interface FrameTarget {
  frame: Frame;
  ref: FrameRef;
}

/** Frames beyond these bounds are not judged (a page nesting frames endlessly is hostile). */
export const MAX_FRAMES = 20;
export const MAX_FRAME_DEPTH = 4;

/** Where a finding is: one element, unique in its document, and the document it is in. */
export interface ElementRef {
  /** A CSS selector that matches exactly this element in its document. */
  selector: string;
  /** Index into the page evidence's `frames`. */
  frame: number;
  /** The element's opening tag and start of its content, bounded and with personal data masked later. */
  snippet: string;
  /** Its visible text or accessible name, bounded. */
  text: string;
}

/**
 * Plain JavaScript (runs in the page): `window.__dvcRef(el)` describes an element as an
 * ElementRef without its frame. The selector walks up with ids and :nth-of-type until it
 * matches exactly one element, so a finding never names two.
 */
export const ELEMENT_REF_SCRIPT = `(() => {
  if (window.__dvcRef) return;
  const esc = (s) => (window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/[^\\w-]/g, '\\\\$&'));
  const unique = (sel, root) => { try { return root.querySelectorAll(sel).length === 1; } catch (e) { return false; } };
  const step = (e) => {
    const tag = e.localName;
    const parent = e.parentElement;
    if (!parent) return tag;
    const same = Array.from(parent.children).filter((c) => c.localName === e.localName);
    return same.length > 1 ? tag + ':nth-of-type(' + (same.indexOf(e) + 1) + ')' : tag;
  };
  const selector = (el) => {
    const root = el.getRootNode();
    if (el.id && unique('#' + esc(el.id), root)) return '#' + esc(el.id);
    const parts = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e !== el && e.id && unique('#' + esc(e.id), root)) { parts.unshift('#' + esc(e.id)); break; }
      parts.unshift(step(e));
      const candidate = parts.join(' > ');
      if (parts.length > 1 && unique(candidate, root) && root.querySelector(candidate) === el) return candidate;
    }
    return parts.join(' > ');
  };
  const clip = (s, n) => String(s || '').replace(/\\s+/g, ' ').trim().slice(0, n);
  const snippet = (el) => {
    const html = el.outerHTML || '';
    const open = html.slice(0, html.indexOf('>') + 1 || 200);
    return clip(open.length > 300 ? open.slice(0, 300) + '…' : html.length > 300 ? html.slice(0, 300) + '…' : html, 320);
  };
  const text = (el) => clip(el.innerText || el.value || el.getAttribute('aria-label') || el.getAttribute('alt') || el.getAttribute('title') || el.textContent, 120);
  Object.defineProperty(window, '__dvcRef', { value: (el) => ({ selector: selector(el), snippet: snippet(el), text: text(el) }), configurable: true });
})()`;

/** The selector of the element that holds `child` in `parent` (the <iframe> of a frame). */
async function frameElementSelector(child: Frame): Promise<string> {
  try {
    const handle = await child.frameElement();
    const parent = child.parentFrame();
    if (!parent) return 'iframe';
    await parent.evaluate(ELEMENT_REF_SCRIPT);
    const sel = await handle.evaluate((el) => (window as unknown as { __dvcRef(e: Node): { selector: string } }).__dvcRef(el).selector);
    await handle.dispose();
    return sel;
  } catch {
    return 'iframe';
  }
}

/** Every document of the page (top first), bounded in number and depth; detached frames are left out. */
export async function listFrames(page: Page): Promise<FrameTarget[]> {
  const out: FrameTarget[] = [];
  const walk = async (frame: Frame, parent: FrameTarget | null, depth: number) => {
    if (out.length >= MAX_FRAMES || frame.isDetached()) return;
    const ref: FrameRef = {
      index: out.length, url: frame.url().slice(0, 2000), parent: parent?.ref.index ?? null,
      path: parent ? [...parent.ref.path, await frameElementSelector(frame)] : [],
    };
    const target = { frame, ref };
    out.push(target);
    if (depth >= MAX_FRAME_DEPTH) return;
    for (const child of frame.childFrames()) await walk(child, target, depth + 1);
  };
  await walk(page.mainFrame(), null, 0);
  return out;
}

/** Runs `script` in every frame; a frame that went away or refuses gives null instead of failing the page. */
export async function inEveryFrame<T>(frames: FrameTarget[], script: string): Promise<Array<{ frame: number; value: T | null; error: string | null }>> {
  return Promise.all(frames.map(async ({ frame, ref }) => {
    try {
      await frame.evaluate(ELEMENT_REF_SCRIPT);
      return { frame: ref.index, value: (await frame.evaluate(script)) as T, error: null };
    } catch (err) {
      return { frame: ref.index, value: null, error: String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 300) };
    }
  }));
}
