// Probes for WCAG success criteria that axe-core cannot test, tried in the browser:
//  - structure: links in text told apart by colour alone (1.4.1), required fields, radio and
//    checkbox groups, text styled as a heading (1.3.1, 3.3.2), skip links and landmarks (2.4.1),
//    read once per frame; colour-only links are then focused and hovered to see a cue appear;
//  - bypass: a skip link found among the first focusable elements is activated with the
//    keyboard (Enter), and the next Tab must land in its target (or the target is scrolled to);
//  - context (last, it changes the page): every focusable element is focused and every select,
//    radio, checkbox and text field changed (never a form submitted, never a button or link
//    clicked), and what followed is recorded: a navigation, a new window, the focus moved
//    elsewhere, most of the visible text replaced (3.2.1, 3.2.2).
// While the page is being acted on, document requests are refused through the DevTools
// protocol (Fetch domain), so a navigation is recorded and blocked instead of followed;
// a navigation that still happened (history, bfcache) is seen by `framenavigated` and the page
// is loaded again. Field values are put back after each step; the page is reloaded at the
// end only when a document was replaced or most of its text changed.
import type { ElementHandle, Frame, Page } from 'playwright-core';
import type { PageEvidence } from '../../types.ts';
import { ELEMENT_REF_SCRIPT, inEveryFrame, type ElementRef, type FrameTarget } from './frames.ts';
import { CONTEXT_SCRIPT, STRUCTURE_SCRIPT } from './interaction-scripts.ts';
import type { Probe, ProbeContext } from './probes.ts';

type Ref = Omit<ElementRef, 'frame'>;

export interface TextLinkEvidence {
  el: ElementRef;
  /** Computed colours: the link, the text beside it, the background under the link. */
  linkColour: string;
  textColour: string;
  background: string;
  /** Non-colour cues on focus and on hover (null: not tried, the budget ran out). */
  focusCues: string[] | null;
  hoverCues: string[] | null;
}

export interface FieldEvidence {
  el: ElementRef;
  type: string;
  label: string;
  labelColours: string[];
  labelRed: boolean;
  requiredAttr: boolean;
  asterisk: boolean;
  requiredWord: boolean;
  /** Index of its form in the document (-1: none). */
  form: number;
}

export interface GroupEvidence {
  el: ElementRef;
  kind: 'radio' | 'checkbox';
  name: string;
  size: number;
  /** How the options are grouped: fieldset with a legend, a named group role, or not at all. */
  grouped: 'fieldset' | 'role' | null;
  /** The short text right before the first option (the question, "Giới tính:"), if any. */
  question: string | null;
  namesIncludeQuestion: boolean;
}

export interface PseudoHeadingEvidence {
  el: ElementRef;
  fontSize: number;
  fontWeight: number;
  bodyFontSize: number;
}

export interface SkipLinkEvidence {
  el: ElementRef;
  href: string;
  target: ElementRef | null;
  /** The link says it skips ("Bỏ qua đến nội dung chính", "Skip to…") or points at #main/#noi-dung. */
  skipText: boolean;
  /** After Enter on the link: focus in the target, next Tab lands in or after it, target scrolled into view. */
  activated: { focusInTarget: boolean; nextTabInTarget: boolean; targetInView: boolean } | null;
}

export interface BypassFrameEvidence {
  frame: number;
  focusables: number;
  /** Focusable elements before the start of the main content (null: no start found). */
  focusablesBeforeMain: number | null;
  mainStart: 'skip_target' | 'main' | 'h1' | 'text' | null;
  skipLinks: SkipLinkEvidence[];
  landmarks: { main: number; navigation: number; banner: number };
  headings: number;
  titledFrames: number;
}

export type ContextEffect = 'navigation' | 'popup' | 'focus_moved' | 'content_replaced' | 'dialog';

export interface ContextChangeEvidence {
  el: ElementRef;
  action: 'focus' | 'input';
  kind: 'select' | 'radio' | 'checkbox' | 'text' | null;
  effects: ContextEffect[];
  navigatedTo: string | null;
  popupUrl: string | null;
  focusTo: ElementRef | null;
  /** Share of the visible words replaced (0–1), when the document had enough text to tell. */
  replaced: number | null;
  /** Text beside the control announcing what will happen (G13), and a nearby button to confirm. */
  advisory: string | null;
  submit: ElementRef | null;
  /** The same action was tried twice and did the same both times. */
  reproduced: boolean;
}

export interface ContextEvidence {
  /** Candidates found, and how many were tried within the bounds. */
  candidates: number;
  fieldCandidates: number;
  focused: number;
  changed: number;
  /** Every field (and element with a focus handler) was tried. */
  fieldsComplete: boolean;
  changes: ContextChangeEvidence[];
  /** How the page was put back: field values in place, or loaded again. */
  restored: 'values' | 'reload' | 'reload_failed';
  /** Stopped early: too many windows or dialogs opened, or the page went away. */
  stoppedBecause: string | null;
}

export interface InteractionEvidence {
  links: { inText: number; colourOnly: TextLinkEvidence[] } | null;
  fields: FieldEvidence[] | null;
  /** The page says which colour marks required fields ("trường màu đỏ là bắt buộc"). */
  colourInstruction: string | null;
  /** The page explains what "*" means. */
  asteriskExplained: boolean;
  groups: GroupEvidence[] | null;
  pseudoHeadings: PseudoHeadingEvidence[] | null;
  bypass: BypassFrameEvidence[] | null;
  context: ContextEvidence | null;
  /** Frames the in-page scripts could not run in (their content is not judged). */
  frameErrors: Array<{ frame: number; message: string }>;
}

export const emptyInteraction = (): InteractionEvidence => ({
  links: null, fields: null, colourInstruction: null, asteriskExplained: false, groups: null, pseudoHeadings: null, bypass: null, context: null, frameErrors: [],
});

function interactionOf(evidence: PageEvidence): InteractionEvidence {
  evidence.interaction ??= emptyInteraction();
  return evidence.interaction;
}

/**
 * Bounds: elements acted on, time, windows and dialogs the page may open before we stop. The
 * visit ends as popup_flood past 10 windows and dialog_flood past 10 (visit.ts): stay below both.
 */
export const CONTEXT_BOUNDS = { maxElements: 60, budgetMs: 8_000, settleMs: 80, maxPopups: 3, maxDialogs: 4, hoverLinks: 8 };

const withFrame = (frame: number, r: Ref): ElementRef => ({ ...r, frame });

// ---------------------------------------------------------------------------------------
// Guard: document requests refused while the page is acted on; windows and navigations seen.

interface Guard {
  blocked: Array<{ url: string; frameId: string; at: number }>;
  popups: Array<{ url: string; at: number }>;
  /** Main-frame navigations that happened anyway (not blocked), with the document replaced. */
  navigated: Array<{ url: string; at: number }>;
  mainFrameId: string | null;
  release(): Promise<void>;
}

async function guard(page: Page): Promise<Guard> {
  // A session of its own: the visit's session intercepts documents too (local-network.ts), and
  // turning interception off here must not turn that off.
  const cdp = await page.context().newCDPSession(page);
  const g: Guard = { blocked: [], popups: [], navigated: [], mainFrameId: null, release: async () => {} };
  try {
    const tree = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    g.mainFrameId = tree.frameTree.frame.id;
  } catch { /* the Page domain may be unavailable: navigations then count from any frame */ }
  const startUrl = page.url().split('#')[0];
  const onPaused = (e: { requestId: string; request: { url: string }; frameId: string; resourceType: string }) => {
    if (e.resourceType === 'Document') {
      g.blocked.push({ url: e.request.url.slice(0, 500), frameId: e.frameId, at: Date.now() });
      void cdp.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'Aborted' }).catch(() => {});
    } else {
      void cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => {});
    }
  };
  const onPopup = (p: Page) => g.popups.push({ url: p.url().slice(0, 500), at: Date.now() });
  const onNav = (f: Frame) => {
    if (f === page.mainFrame() && f.url().split('#')[0] !== startUrl) g.navigated.push({ url: f.url().slice(0, 500), at: Date.now() });
  };
  cdp.on('Fetch.requestPaused', onPaused);
  page.on('popup', onPopup);
  page.on('framenavigated', onNav);
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] });
  g.release = async () => {
    page.off('popup', onPopup);
    page.off('framenavigated', onNav);
    await cdp.send('Fetch.disable').catch(() => {});
    cdp.off('Fetch.requestPaused', onPaused);
    await cdp.detach().catch(() => {});
  };
  return g;
}

// ---------------------------------------------------------------------------------------
// Structure: one read per frame, then colour-only links focused and hovered.

interface StructureScan {
  links: { inText: number; colourOnly: Array<Omit<TextLinkEvidence, 'el' | 'focusCues' | 'hoverCues'> & { i: number; el: Ref }> };
  fields: Array<Omit<FieldEvidence, 'el'> & { i: number; el: Ref }>;
  groups: Array<Omit<GroupEvidence, 'el'> & { i: number; el: Ref }>;
  pseudoHeadings: Array<Omit<PseudoHeadingEvidence, 'el'> & { i: number; el: Ref }>;
  bypass: Omit<BypassFrameEvidence, 'frame' | 'skipLinks'> & { skipLinks: Array<{ i: number; el: Ref; href: string; target: Ref | null; targetIndex: number | null; skipText: boolean }> };
  colourInstruction: string | null;
  asteriskExplained: boolean;
}

async function scanStructure(frames: FrameTarget[]): Promise<Array<{ target: FrameTarget; scan: StructureScan }>> {
  const results = await inEveryFrame<StructureScan>(frames, `(${STRUCTURE_SCRIPT}, window.__dvcStructure.scan())`);
  return results.flatMap((r) => (r.value ? [{ target: frames.find((f) => f.ref.index === r.frame)!, scan: r.value }] : []));
}

async function cuesAfter(frame: Frame, i: number, act: 'focus' | 'hover', page: Page): Promise<string[] | null> {
  const handle = await frame.evaluateHandle(`window.__dvcStructure.el(${i})`);
  try {
    const el = handle.asElement() as ElementHandle | null;
    if (!el) return null;
    if (act === 'focus') await el.focus();
    else await el.hover({ force: true, timeout: 1500 });
    await page.waitForTimeout(30);
    return (await frame.evaluate(`window.__dvcStructure.cuesNow(${i})`)) as string[];
  } catch {
    return null;
  } finally {
    if (act === 'hover') await page.mouse.move(0, 0).catch(() => {});
    else await frame.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()').catch(() => {});
    await handle.dispose().catch(() => {});
  }
}

export const structureProbe: Probe = {
  name: 'interaction.structure',
  async run(ctx: ProbeContext, evidence: PageEvidence) {
    // Skip links, links in text and form fields are HTML's: an SVG or XML document has none to read.
    if ((evidence.documentKind ?? 'html') !== 'html') return;
    const out = interactionOf(evidence);
    const scans = await scanStructure(ctx.frames);
    const failed = ctx.frames.filter((f) => !scans.some((s) => s.target.ref.index === f.ref.index));
    out.frameErrors.push(...failed.map((f) => ({ frame: f.ref.index, message: 'the structure script did not run in this frame' })));
    if (!scans.some((s) => s.target.ref.index === 0)) throw new Error('the structure script did not run in the top document');
    const links: TextLinkEvidence[] = [];
    let inText = 0;
    let hovered = 0;
    for (const { target, scan } of scans) {
      inText += scan.links.inText;
      for (const l of scan.links.colourOnly) {
        // Hovering and focusing need a few round trips each: a sample, enough for a page's link style.
        const tryIt = hovered++ < CONTEXT_BOUNDS.hoverLinks;
        links.push({
          el: withFrame(target.ref.index, l.el), linkColour: l.linkColour, textColour: l.textColour, background: l.background,
          focusCues: tryIt ? await cuesAfter(target.frame, l.i, 'focus', ctx.page) : null,
          hoverCues: tryIt ? await cuesAfter(target.frame, l.i, 'hover', ctx.page) : null,
        });
      }
    }
    out.links = { inText, colourOnly: links };
    out.fields = scans.flatMap(({ target, scan }) => scan.fields.map(({ i: _i, el, ...f }) => ({ ...f, el: withFrame(target.ref.index, el) })));
    out.groups = scans.flatMap(({ target, scan }) => scan.groups.map(({ i: _i, el, ...g }) => ({ ...g, el: withFrame(target.ref.index, el) })));
    out.pseudoHeadings = scans.flatMap(({ target, scan }) => scan.pseudoHeadings.map(({ i: _i, el, ...p }) => ({ ...p, el: withFrame(target.ref.index, el) })));
    out.colourInstruction = scans.map((s) => s.scan.colourInstruction).find(Boolean) ?? null;
    out.asteriskExplained = scans.some((s) => s.scan.asteriskExplained);
    out.bypass = scans.map(({ target, scan }) => ({
      frame: target.ref.index, ...scan.bypass,
      skipLinks: scan.bypass.skipLinks.map((s) => ({ el: withFrame(target.ref.index, s.el), href: s.href, target: s.target ? withFrame(target.ref.index, s.target) : null, skipText: s.skipText, activated: null })),
    }));
    skipIndexes.set(evidence, scans.map(({ target, scan }) => ({ target, links: scan.bypass.skipLinks })));
  },
};

/** The in-page indexes of the skip links, from the structure probe to the bypass probe (not stored). */
const skipIndexes = new WeakMap<PageEvidence, Array<{ target: FrameTarget; links: StructureScan['bypass']['skipLinks'] }>>();

// ---------------------------------------------------------------------------------------
// Bypass: activate the skip links with Enter, then Tab once.

const ACTIVATED_SCRIPT = (link: number, target: number) => `(() => {
  const S = window.__dvcStructure;
  const t = S.el(${target});
  const a = document.activeElement;
  const r = t.getBoundingClientRect();
  return { focusInTarget: Boolean(a && (a === t || t.contains(a))), targetInView: r.top >= -2 && r.top < innerHeight * 0.6,
    linkFocused: a === S.el(${link}) };
})()`;

const NEXT_TAB_SCRIPT = (target: number) => `(() => {
  const t = window.__dvcStructure.el(${target});
  const a = document.activeElement;
  if (!a || a === document.body) return false;
  return a === t || t.contains(a) || Boolean(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
})()`;

export const bypassProbe: Probe = {
  name: 'interaction.bypass',
  async run(ctx: ProbeContext, evidence: PageEvidence) {
    const out = interactionOf(evidence);
    const found = skipIndexes.get(evidence);
    if (!out.bypass || !found) return;
    const tried = found.flatMap(({ target, links }) => links.filter((l) => l.targetIndex !== null).slice(0, 2).map((l) => ({ target, l })));
    if (!tried.length) return;
    const g = await guard(ctx.page);
    const startHref = ctx.page.url();
    try {
      for (const { target, l } of tried) {
        const handle = await target.frame.evaluateHandle(`window.__dvcStructure.el(${l.i})`);
        const el = handle.asElement() as ElementHandle | null;
        if (!el) continue;
        await el.press('Enter', { timeout: 2000 });
        await ctx.page.waitForTimeout(100);
        const state = (await target.frame.evaluate(ACTIVATED_SCRIPT(l.i, l.targetIndex!))) as { focusInTarget: boolean; targetInView: boolean };
        await ctx.page.keyboard.press('Tab');
        const nextTabInTarget = (await target.frame.evaluate(NEXT_TAB_SCRIPT(l.targetIndex!))) as boolean;
        await handle.dispose();
        const frameOut = out.bypass.find((b) => b.frame === target.ref.index)!;
        const rec = frameOut.skipLinks.find((s) => s.el.selector === l.el.selector);
        if (rec) rec.activated = { focusInTarget: state.focusInTarget, nextTabInTarget, targetInView: state.targetInView };
        // Back to where the page was: its address without the fragment, scrolled to the top, nothing focused.
        const restoreHref = target.ref.index === 0 ? `if (location.href !== ${JSON.stringify(startHref)}) history.replaceState(history.state, '', ${JSON.stringify(startHref)});` : '';
        await target.frame.evaluate(`(() => { try { ${restoreHref} } catch (e) {} window.scrollTo(0, 0); if (document.activeElement && document.activeElement.blur) document.activeElement.blur(); })()`);
      }
    } finally {
      await g.release();
    }
  },
};

// ---------------------------------------------------------------------------------------
// Context: focus everything, change every field, see what the page does.

interface Candidate { i: number; kind: ContextChangeEvidence['kind']; field: boolean; el: Ref }
interface ReadBack { focusTo: Ref | null; replaced: number | null; hrefChanged: string | null; advisory: string | null; submit: Ref | null }

/** One action and what followed it, from the page and from the browser. */
async function tryAction(ctx: ProbeContext, evidence: PageEvidence, g: Guard, target: FrameTarget, c: Candidate, action: 'focus' | 'input'):
  Promise<{ ok: boolean; effects: ContextEffect[]; back: ReadBack | null; navigatedTo: string | null; popupUrl: string | null; gone: boolean }> {
  const at = Date.now();
  const dialogs = evidence.dialogs.length;
  const popups = g.popups.length;
  const navs = g.navigated.length;
  let ok: boolean;
  try {
    ok = ((await target.frame.evaluate(`window.__dvcContext.act(${c.i}, ${JSON.stringify(action)})`)) as { ok: boolean }).ok;
  } catch {
    return { ok: false, effects: [], back: null, navigatedTo: null, popupUrl: null, gone: true };
  }
  if (!ok) return { ok, effects: [], back: null, navigatedTo: null, popupUrl: null, gone: false };
  await ctx.page.waitForTimeout(CONTEXT_BOUNDS.settleMs);
  let back: ReadBack | null = null;
  let gone = false;
  try {
    back = (await target.frame.evaluate(`window.__dvcContext ? window.__dvcContext.read(${c.i}) : 'gone'`)) as ReadBack | null;
    if ((back as unknown) === 'gone') { back = null; gone = true; }
  } catch {
    gone = true;
  }
  const effects: ContextEffect[] = [];
  // Navigations of the top document, or of the frame acted in (a frame's own id is not known to
  // Playwright: any child-frame navigation counts only when the action was in a child frame).
  const navs1 = g.blocked.filter((b) => b.at >= at && (g.mainFrameId === null || target.ref.index !== 0 || b.frameId === g.mainFrameId));
  const real = g.navigated.slice(navs);
  const navigatedTo = navs1[0]?.url ?? real[0]?.url ?? (gone ? target.frame.url() : null) ?? back?.hrefChanged ?? null;
  if (navs1.length || real.length || gone) effects.push('navigation');
  const popupUrl = g.popups[popups]?.url ?? null;
  if (g.popups.length > popups) effects.push('popup');
  if (evidence.dialogs.length > dialogs) effects.push('dialog');
  if (back?.focusTo) effects.push('focus_moved');
  if (back?.replaced !== null && back?.replaced !== undefined && back.replaced >= REPLACED_THRESHOLD) effects.push('content_replaced');
  return { ok, effects, back, navigatedTo, popupUrl, gone };
}

/** Share of the visible words replaced from which a change counts as a new context. */
export const REPLACED_THRESHOLD = 0.5;

export const contextProbe: Probe = {
  name: 'interaction.context',
  async run(ctx: ProbeContext, evidence: PageEvidence) {
    const out = interactionOf(evidence);
    const started = Date.now();
    const lists: Array<{ target: FrameTarget; items: Candidate[]; total: number; fieldsTotal: number }> = [];
    const listed = await inEveryFrame<{ total: number; fieldsTotal: number; items: Candidate[] }>(ctx.frames, `(${CONTEXT_SCRIPT}, window.__dvcContext.list(${CONTEXT_BOUNDS.maxElements}))`);
    for (const r of listed) if (r.value) lists.push({ target: ctx.frames.find((f) => f.ref.index === r.frame)!, ...r.value });
    if (!lists.some((l) => l.target.ref.index === 0)) throw new Error('the context script did not run in the top document');
    const result: ContextEvidence = {
      candidates: lists.reduce((n, l) => n + l.total, 0), fieldCandidates: lists.reduce((n, l) => n + l.fieldsTotal, 0),
      focused: 0, changed: 0, fieldsComplete: false, changes: [], restored: 'values', stoppedBecause: null,
    };
    out.context = result;
    // Fields first across all frames, then the other focusables; bounded in number and time.
    const queue = [...lists.flatMap((l) => l.items.filter((c) => c.field).map((c) => ({ l, c }))), ...lists.flatMap((l) => l.items.filter((c) => !c.field).map((c) => ({ l, c })))].slice(0, CONTEXT_BOUNDS.maxElements);
    let fieldsTried = 0;
    let replaced = false;
    let documentGone = false;
    const dialogsAtStart = evidence.dialogs.length;
    const g = await guard(ctx.page);
    try {
      for (const { l, c } of queue) {
        if (Date.now() - started > CONTEXT_BOUNDS.budgetMs) { result.stoppedBecause = 'time budget'; break; }
        if (g.popups.length >= CONTEXT_BOUNDS.maxPopups || evidence.popups.length >= 8) { result.stoppedBecause = 'windows opened'; break; }
        if (evidence.dialogs.length - dialogsAtStart >= CONTEXT_BOUNDS.maxDialogs) { result.stoppedBecause = 'dialogs opened'; break; }
        const actions: Array<'focus' | 'input'> = c.kind ? ['focus', 'input'] : ['focus'];
        for (const action of actions) {
          const first = await tryAction(ctx, evidence, g, l.target, c, action);
          if (first.gone) documentGone = true;
          if (!first.ok && !first.gone) continue;
          if (action === 'focus') result.focused++; else result.changed++;
          if (!first.effects.length) continue;
          if (first.effects.includes('content_replaced')) replaced = true;
          // Proof by repetition: the same action again must do the same (a timer of the page is not the element's doing).
          let reproduced = false;
          if (!first.gone && g.popups.length < CONTEXT_BOUNDS.maxPopups && evidence.popups.length < 8) {
            const again = await tryAction(ctx, evidence, g, l.target, c, action);
            reproduced = first.effects.some((e) => again.effects.includes(e));
            if (again.gone) documentGone = true;
          }
          result.changes.push({
            el: withFrame(l.target.ref.index, c.el), action, kind: c.kind, effects: first.effects, navigatedTo: first.navigatedTo, popupUrl: first.popupUrl,
            focusTo: first.back?.focusTo ? withFrame(l.target.ref.index, first.back.focusTo) : null, replaced: first.back?.replaced ?? null,
            advisory: first.back?.advisory ?? null, submit: first.back?.submit ? withFrame(l.target.ref.index, first.back.submit) : null, reproduced,
          });
          break; // one change per element is enough: the next action on it would start from a changed page
        }
        if (c.field) fieldsTried++;
        if (documentGone) { result.stoppedBecause = 'the document was replaced'; break; }
      }
      result.fieldsComplete = fieldsTried >= result.fieldCandidates;
      await Promise.all(lists.map((l) => l.target.frame.evaluate('window.__dvcContext && window.__dvcContext.done()').catch(() => {})));
    } finally {
      await g.release();
    }
    if (documentGone || replaced || g.navigated.length) {
      try {
        await ctx.page.goto(evidence.finalUrl ?? evidence.requestedUrl, { waitUntil: 'load', timeout: 15_000 });
        await ctx.page.evaluate(ELEMENT_REF_SCRIPT);
        result.restored = 'reload';
      } catch {
        result.restored = 'reload_failed';
      }
    }
  },
};

/** In this order: the page is read before it is acted on, and changed last. */
export const INTERACTION_PROBES: readonly Probe[] = [structureProbe, bypassProbe, contextProbe];
