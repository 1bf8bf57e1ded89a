// The presentation probes: the loaded page laid out again as a visitor who needs larger or
// more widely spaced text would have it, and what that did to its text, in every frame.
//  - text spacing (1.4.12): WCAG's spacing (line height 1.5, letter 0.12em, word 0.16em,
//    paragraph 2em) as an !important style sheet, the way the W3C's bookmarklet and browser
//    extensions apply it; text clipped or overlapping that was not before. Also the style
//    attributes that override such a sheet (!important below the values: ACT 24afc2, 9e45ec, 78fd32).
//  - resize text (1.4.4): the page zoomed to 200%. Chromium's zoom (Ctrl +, what Chrome and
//    Edge users have) is page zoom: at 200% a 1280×1024 window lays the page out in 640×512
//    CSS px, media queries included, every length and font twice as large on the screen. So the
//    page is laid out at 640×512 (ACT 59br37 measures exactly this), which resizes text as a
//    browser does. Not Emulation.setPageScaleFactor (pinch zoom: the layout does not change, so
//    nothing can be clipped by it), nor Page.setFontSizes (only the default font size: text in px
//    would not grow, and a failure found there would be against a setting, not against zoom).
//  - reflow (1.4.10): at 320×256 CSS px (1280 px wide at 400%), horizontal scrolling of the page
//    by text content fails, by content that needs two dimensions (tables, pre/code, maps, media,
//    images) does not; text clipped at that width fails (59br37 at the reflow size).
// Each probe puts the page back (style sheet removed, viewport and scroll restored).
import type { PageEvidence } from '../../types.ts';
import { inEveryFrame, type ElementRef } from './frames.ts';
import { PRESENTATION_SCRIPT } from './presentation-in-page.ts';
import type { Probe, ProbeContext } from './probes.ts';

type Ref = Omit<ElementRef, 'frame'>;

/** Text of an element cut off by overflow hidden/clip of an ancestor (or of the viewport). */
export interface TextClip {
  /** The element whose text is cut off (the text's parent). */
  el: ElementRef;
  /** The box that cuts it off; null for the viewport (overflow hidden on html/body). */
  container: ElementRef | null;
  axis: 'x' | 'y';
  /** The largest part of a line of it that is cut off, in CSS px. */
  hiddenPx: number;
  fontSizePx: number;
  /** ACT 59br37's exceptions: one line by design (line height ≥ box), or nowrap with an ellipsis. */
  exception: 'ellipsis' | 'line_height' | null;
  /** Why a person should look: it is in a moving part (carousel, transform, animation), or the page cannot scroll down. */
  doubt: 'moving' | 'viewport_y' | null;
}

/** Lines of text of two elements drawn over each other. */
export interface TextOverlap {
  a: ElementRef;
  b: ElementRef;
  areaPx: number;
}

interface LayoutRead {
  clipped: Array<Omit<TextClip, 'el' | 'container'> & { id: string; el: Ref; container: Ref | null }>;
  overlaps: Array<{ id: string; a: Ref; b: Ref; areaPx: number }>;
  textNodes: number;
  truncated: boolean;
  ms: number;
}

/** What one layout read found in every frame, and which frames could not be read. */
export interface TextLayout {
  clipped: TextClip[];
  overlaps: TextOverlap[];
  /** Visible text nodes examined (capped at MAX_TEXTS per frame). */
  textNodes: number;
  truncated: boolean;
  frameErrors: Array<{ frame: number; message: string }>;
}

export interface ResizeTextEvidence extends TextLayout {
  method: 'page_zoom';
  viewport: { width: number; height: number };
  /** Overlaps are those that were not there at 100% (clipping counts whenever it is there, as in ACT 59br37). */
  overlapsBefore: number;
  /** content of every <meta name="viewport"> of the top document. */
  metaViewport: string[];
  ms: number;
}

export interface OverflowingElement {
  el: ElementRef;
  /** Its right edge, in CSS px from the left of the page. */
  right: number;
  /** text content (fails), content needing two dimensions (allowed), nothing visible, placed off screen, a frame. */
  kind: 'content' | 'two_dimensional' | 'empty' | 'offscreen' | 'frame';
  /** The element that needs two dimensions (its tag), when kind is two_dimensional or frame. */
  what: string | null;
}

export interface ReflowEvidence extends TextLayout {
  width: number;
  height: number;
  /** The top document's scrolling width against its viewport width. */
  scrollWidth: number;
  clientWidth: number;
  /** overflow-x hidden on html/body: the page cannot scroll sideways (what is cut off is in clipped). */
  viewportClipsX: boolean;
  /** The outermost elements sticking out past the viewport's width (top document). */
  overflowing: OverflowingElement[];
  ms: number;
}

export interface ImportantSpacing {
  el: ElementRef;
  property: 'letter-spacing' | 'word-spacing' | 'line-height';
  /** As written in the style attribute (without !important). */
  declared: string;
  /** The computed (line height: used) value and the font size, in CSS px. */
  valuePx: number;
  fontSizePx: number;
  ratio: number;
  required: number;
}

export interface TextSpacingEvidence extends TextLayout {
  /** Clipped and overlaps: only what the spacing caused (not there before). */
  before: { clipped: number; overlaps: number };
  /** Style attributes with !important spacing below WCAG's values (ACT 24afc2, 9e45ec, 78fd32). */
  important: ImportantSpacing[];
  /** Applicable !important declarations that are wide enough. */
  importantPassed: number;
  ms: number;
}

export const MAX_TEXTS = 2000;
export const ZOOM_VIEWPORT = { width: 640, height: 512 };
export const REFLOW_VIEWPORT = { width: 320, height: 256 };
const SETTLE_MS = 150;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function install(ctx: ProbeContext): Promise<Array<{ frame: number; message: string }>> {
  const r = await inEveryFrame(ctx.frames, PRESENTATION_SCRIPT);
  return r.filter((x) => x.error).map((x) => ({ frame: x.frame, message: x.error! }));
}

/** Waits for the layout after a change: two animation frames in the top document (bounded), then a moment for resize handlers. */
async function settle(ctx: ProbeContext): Promise<void> {
  await Promise.race([ctx.page.evaluate('window.__dvcPres ? window.__dvcPres.frame() : true').catch(() => null), sleep(400)]);
  await sleep(SETTLE_MS);
}

async function readLayout(ctx: ProbeContext, overlaps = true): Promise<{ layout: TextLayout; keys: { clipped: Set<string>; overlaps: Set<string> }; raw: Map<number, LayoutRead> }> {
  const reads = await inEveryFrame<LayoutRead>(ctx.frames, `window.__dvcPres.layout(${JSON.stringify({ maxTexts: MAX_TEXTS, budgetMs: 2500, overlaps })})`);
  const layout: TextLayout = { clipped: [], overlaps: [], textNodes: 0, truncated: false, frameErrors: [] };
  const keys = { clipped: new Set<string>(), overlaps: new Set<string>() };
  const raw = new Map<number, LayoutRead>();
  for (const r of reads) {
    if (!r.value) { layout.frameErrors.push({ frame: r.frame, message: r.error ?? 'no result' }); continue; }
    raw.set(r.frame, r.value);
    layout.textNodes += r.value.textNodes;
    layout.truncated ||= r.value.truncated;
    for (const c of r.value.clipped) keys.clipped.add(`${r.frame}:${c.id}`);
    for (const o of r.value.overlaps) keys.overlaps.add(`${r.frame}:${o.id}`);
  }
  return { layout, keys, raw };
}

const inFrame = (ref: Ref, frame: number): ElementRef => ({ ...ref, frame });

/** The frame reads as evidence, keeping only what `keep` lets through (by the read's keys). */
function toLayout(base: TextLayout, raw: Map<number, LayoutRead>, keep: { clipped?: (key: string) => boolean; overlaps?: (key: string) => boolean } = {}): TextLayout {
  const out: TextLayout = { ...base, clipped: [], overlaps: [] };
  for (const [frame, r] of raw) {
    for (const { id, el, container, ...c } of r.clipped) {
      if (keep.clipped && !keep.clipped(`${frame}:${id}`)) continue;
      out.clipped.push({ ...c, el: inFrame(el, frame), container: container ? inFrame(container, frame) : null });
    }
    for (const { id, a, b, areaPx } of r.overlaps) {
      if (keep.overlaps && !keep.overlaps(`${frame}:${id}`)) continue;
      out.overlaps.push({ a: inFrame(a, frame), b: inFrame(b, frame), areaPx });
    }
  }
  out.clipped = out.clipped.slice(0, 50);
  out.overlaps = out.overlaps.slice(0, 50);
  return out;
}

async function scrollPosition(ctx: ProbeContext): Promise<{ x: number; y: number }> {
  return (await ctx.page.evaluate('({ x: window.scrollX, y: window.scrollY })').catch(() => ({ x: 0, y: 0 }))) as { x: number; y: number };
}

/** Runs `measure` at another viewport size, and always puts the viewport and the scroll position back. */
async function atViewport<T>(ctx: ProbeContext, size: { width: number; height: number }, measure: () => Promise<T>): Promise<T> {
  const scroll = await scrollPosition(ctx);
  try {
    await ctx.page.setViewportSize(size);
    await ctx.page.evaluate('window.scrollTo(0, 0)').catch(() => {});
    await settle(ctx);
    return await measure();
  } finally {
    if (!ctx.page.isClosed()) {
      await ctx.page.setViewportSize(ctx.viewport);
      await settle(ctx);
      await ctx.page.evaluate(`window.scrollTo(${scroll.x}, ${scroll.y})`).catch(() => {});
    }
  }
}

export async function textSpacingProbe(ctx: ProbeContext): Promise<TextSpacingEvidence> {
  const t0 = Date.now();
  const installErrors = await install(ctx);
  const important = await inEveryFrame<{ failed: Array<Omit<ImportantSpacing, 'el'> & { el: Ref }>; passed: number; truncated: boolean }>(ctx.frames, 'window.__dvcPres.important({ max: 2000 })');
  const before = await readLayout(ctx);
  let after: Awaited<ReturnType<typeof readLayout>>;
  try {
    await inEveryFrame(ctx.frames, 'window.__dvcPres.spacing(true)');
    await settle(ctx);
    after = await readLayout(ctx);
  } finally {
    await inEveryFrame(ctx.frames, 'window.__dvcPres && window.__dvcPres.spacing(false)');
    await settle(ctx);
  }
  const layout = toLayout(after.layout, after.raw, { clipped: (k) => !before.keys.clipped.has(k), overlaps: (k) => !before.keys.overlaps.has(k) });
  return {
    ...layout,
    truncated: layout.truncated || before.layout.truncated || important.some((r) => r.value?.truncated),
    frameErrors: [...installErrors, ...layout.frameErrors],
    before: { clipped: before.keys.clipped.size, overlaps: before.keys.overlaps.size },
    important: important.flatMap((r) => (r.value?.failed ?? []).map((f) => ({ ...f, el: inFrame(f.el, r.frame) }))).slice(0, 50),
    importantPassed: important.reduce((n, r) => n + (r.value?.passed ?? 0), 0),
    ms: Date.now() - t0,
  };
}

export async function resizeTextProbe(ctx: ProbeContext): Promise<ResizeTextEvidence> {
  const t0 = Date.now();
  const installErrors = await install(ctx);
  const metaViewport = (await ctx.page.evaluate('window.__dvcPres.metaViewport()').catch(() => [])) as string[];
  const before = await readLayout(ctx);
  const zoomed = await atViewport(ctx, ZOOM_VIEWPORT, () => readLayout(ctx));
  const layout = toLayout(zoomed.layout, zoomed.raw, { overlaps: (k) => !before.keys.overlaps.has(k) });
  return {
    ...layout, method: 'page_zoom', viewport: ZOOM_VIEWPORT, overlapsBefore: before.keys.overlaps.size, metaViewport,
    frameErrors: [...installErrors, ...layout.frameErrors], ms: Date.now() - t0,
  };
}

export async function reflowProbe(ctx: ProbeContext): Promise<ReflowEvidence> {
  const t0 = Date.now();
  const installErrors = await install(ctx);
  const read = await atViewport(ctx, REFLOW_VIEWPORT, async () => {
    const top = (await ctx.frames[0]!.frame.evaluate('window.__dvcPres.overflow()')) as {
      scrollWidth: number; clientWidth: number; viewportClipsX: boolean; truncated: boolean;
      overflowing: Array<Omit<OverflowingElement, 'el'> & { el: Ref }>;
    };
    return { top, layout: await readLayout(ctx, false) };
  });
  const layout = toLayout(read.layout.layout, read.layout.raw);
  return {
    ...layout,
    truncated: layout.truncated || read.top.truncated,
    frameErrors: [...installErrors, ...layout.frameErrors],
    width: REFLOW_VIEWPORT.width, height: REFLOW_VIEWPORT.height,
    scrollWidth: read.top.scrollWidth, clientWidth: read.top.clientWidth, viewportClipsX: read.top.viewportClipsX,
    overflowing: read.top.overflowing.map((o) => ({ ...o, el: inFrame(o.el, 0) })),
    ms: Date.now() - t0,
  };
}

const clippedRefs = (l: TextLayout | null | undefined) => (l?.clipped ?? []).filter((c) => !c.exception).slice(0, 3).map((c) => ({ frame: c.el.frame, selector: c.el.selector }));

export const textSpacingProbeEntry: Probe = {
  name: 'text-spacing',
  async run(ctx: ProbeContext, evidence: PageEvidence) {
    evidence.textSpacing = await textSpacingProbe(ctx);
  },
  flagged: (e) => [...(e.textSpacing?.important ?? []).slice(0, 3).map((i) => ({ frame: i.el.frame, selector: i.el.selector })), ...clippedRefs(e.textSpacing)],
};

export const resizeTextProbeEntry: Probe = {
  name: 'resize-text',
  async run(ctx: ProbeContext, evidence: PageEvidence) {
    evidence.resizeText = await resizeTextProbe(ctx);
  },
  flagged: (e) => clippedRefs(e.resizeText),
};

export const reflowProbeEntry: Probe = {
  name: 'reflow',
  async run(ctx: ProbeContext, evidence: PageEvidence) {
    evidence.reflow = await reflowProbe(ctx);
  },
  flagged: (e) => {
    const r = e.reflow;
    if (!r || !('overflowing' in r)) return [];
    return [...r.overflowing.filter((o) => o.kind === 'content').slice(0, 3).map((o) => ({ frame: o.el.frame, selector: o.el.selector })), ...clippedRefs(r)];
  },
};
