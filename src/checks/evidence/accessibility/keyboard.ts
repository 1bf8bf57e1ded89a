// The keyboard probe: a paced Tab walk with real key presses (CDP Input.dispatchKeyEvent),
// reading after each press where the page's handlers and timers left the focus (through open
// shadow roots and into the frame that holds it); a Shift+Tab walk; a trap claimed only when
// the focus stays on an element or a small group both ways; the interactive elements no
// completed walk reached; and, for the first stops, whether focus is visible on pixels (the
// element's neighbourhood captured unfocused and focused, compared in focus-pixels.ts).
import type { CDPSession } from 'playwright-core';
import type { PageEvidence } from '../../types.ts';
import { compareFocus, decodePng } from './focus-pixels.ts';
import { findTrapExit, pressKey, TAB } from './keyboard-exit.ts';
import { ELEMENT_REF_SCRIPT, inEveryFrame, type ElementRef, type FrameTarget } from './frames.ts';
import { evaluateIn, evaluateTop } from './evaluate.ts';
import {
  KEYBOARD_ACTIVE_SCRIPT, KEYBOARD_BLUR_SCRIPT, KEYBOARD_CLEANUP_SCRIPT, KEYBOARD_FOCUS_PLACE_SCRIPT, KEYBOARD_FOCUS_STATE_SCRIPT, KEYBOARD_FRAME_WAIT_SCRIPT,
  KEYBOARD_SETUP_SCRIPT, KEYBOARD_UNREACHED_SCRIPT,
} from './keyboard-in-page.ts';
import {
  backwardPressesFor, escapes, judgeStuck, TabWalk, type FocusRead, type FocusSample, type KeyboardBounds, type KeyboardEvidence, type Press, type WalkEnd,
} from './keyboard-walk.ts';
import type { Probe, ProbeContext } from './probes.ts';

export { KEYBOARD_INIT_SCRIPT } from './keyboard-in-page.ts';

/** Margin around an element, in CSS px, where its focus indicator may be drawn (a wrapper, a shadow). */
export const CLIP_MARGIN = 10;
/** A failing element's focused crop is kept if its PNG is this small (base64 characters). */
const MAX_CROP_CHARS = 24_000;
const MAX_CROPS = 5;

export function keyboardBounds(sample: number): KeyboardBounds {
  return {
    maxStops: sample, maxPresses: 2 * sample + 10, settleMs: 120,
    forwardBudgetMs: 8_000, backwardBudgetMs: 3_000, exitBudgetMs: 3_000, focusBudgetMs: 10_000, focusSample: Math.min(sample, 20),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pressTab = (cdp: CDPSession, shift: boolean) => pressKey(cdp, { ...TAB, modifiers: shift ? 8 : 0 });

interface ActiveRead { id: number; ref: Omit<ElementRef, 'frame'>; frame: boolean; composite: boolean; inModal: boolean }

/** Where the focus is: from the top document down into the frame that holds it. */
async function readFocus(cdp: CDPSession, frames: FrameTarget[]): Promise<FocusRead | null> {
  let target = frames[0]!;
  let holder: FocusRead | null = null;
  for (let depth = 0; depth < 6; depth++) {
    let a: ActiveRead | null;
    try {
      a = await evaluateIn<ActiveRead | null>(cdp, target, KEYBOARD_ACTIVE_SCRIPT);
    } catch {
      // A frame that went away or refuses: the focus is somewhere inside its element, unseen.
      return holder ? { ...holder, opaqueFrame: true } : null;
    }
    if (!a) return holder;
    const through = holder ? [...(holder.through ?? []), holder.key] : [];
    const read: FocusRead = { key: `${target.ref.index}:${a.id}`, element: { ...a.ref, frame: target.ref.index }, composite: a.composite, opaqueFrame: false, inModal: a.inModal, ...(through.length ? { through } : {}) };
    if (!a.frame) return read;
    const child = frames.find((f) => f.ref.parent === target.ref.index && f.ref.path[f.ref.path.length - 1] === a!.ref.selector);
    if (!child) return { ...read, opaqueFrame: true };
    holder = read;
    target = child;
  }
  return holder;
}

async function settle(ctx: ProbeContext, ms: number): Promise<void> {
  await sleep(ms);
  await Promise.race([evaluateTop(ctx.cdp, KEYBOARD_FRAME_WAIT_SCRIPT).catch(() => null), sleep(300)]);
}

/** Presses (Shift+)Tab and reads the focus, until the walk ends or its bounds are reached. */
async function walk(ctx: ProbeContext, w: TabWalk, shift: boolean, maxPresses: number, budgetMs: number, settleMs: number): Promise<{ end: WalkEnd; ms: number }> {
  const t0 = Date.now();
  for (let n = 0; ; n++) {
    if (n >= maxPresses) return { end: 'presses', ms: Date.now() - t0 };
    if (Date.now() - t0 > budgetMs) return { end: 'time', ms: Date.now() - t0 };
    await pressTab(ctx.cdp, shift);
    await settle(ctx, settleMs);
    const end = w.add(await readFocus(ctx.cdp, ctx.frames));
    if (end) return { end, ms: Date.now() - t0 };
  }
}

const NOT_JUDGED: Record<WalkEnd, string | null> = {
  cycle: null, no_focus: null,
  stuck: 'the focus stopped moving forward', loop: 'the focus went round a small group',
  sample: 'the walk reached its limit of stops before coming round', presses: 'the walk reached its limit of presses', time: 'the walk used up its time budget',
};

export async function keyboardProbe(ctx: ProbeContext): Promise<KeyboardEvidence> {
  const bounds = keyboardBounds(ctx.keyboardSample);
  const setup = await inEveryFrame<{ interactive: number; tabbable: number }>(ctx.frames, KEYBOARD_SETUP_SCRIPT);
  const interactive = setup.reduce((n, s) => n + (s.value?.interactive ?? 0), 0);
  const tabbable = setup.reduce((n, s) => n + (s.value?.tabbable ?? 0), 0);
  await inEveryFrame(ctx.frames, KEYBOARD_BLUR_SCRIPT);

  const forward = new TabWalk(bounds.maxStops, 'Tab');
  const f = await walk(ctx, forward, false, bounds.maxPresses, bounds.forwardBudgetMs, bounds.settleMs);
  let trap: KeyboardEvidence['trap'] = null;
  let stuck: KeyboardEvidence['stuck'] = null;
  const backward = new TabWalk(Math.min(bounds.maxStops, 15), 'Shift+Tab');
  let backMs = 0;
  let confirmPresses: Press[] = [];
  if ((f.end === 'stuck' || f.end === 'loop') && forward.group.length) {
    // From where the focus is held, the other way: does it let go?
    const group = forward.group;
    const reads: Array<FocusRead | null> = [];
    const t0 = Date.now();
    while (reads.length < backwardPressesFor(group) && Date.now() - t0 <= bounds.backwardBudgetMs) {
      await pressTab(ctx.cdp, true);
      await settle(ctx, bounds.settleMs);
      const r = await readFocus(ctx.cdp, ctx.frames);
      reads.push(r);
      backward.add(r);
      if (escapes(group, [r])) break;
    }
    backMs = Date.now() - t0;
    confirmPresses = backward.presses;
    const elements = group.map((g) => g.element);
    const verdict = judgeStuck(group, reads, tabbable - group.length);
    if (verdict.trap) {
      const exit = await findTrapExit({
        cdp: ctx.cdp, frames: ctx.frames,
        readFocusKey: async () => (await readFocus(ctx.cdp, ctx.frames))?.key ?? null,
        settle: () => settle(ctx, bounds.settleMs),
      }, group, bounds.exitBudgetMs);
      trap = { elements, forward: [], backward: [], exit };
    } else stuck = { elements, why: verdict.why! };
  } else if (f.end !== 'no_focus') {
    const b = await walk(ctx, backward, true, Math.min(bounds.maxStops, 15) + 2, bounds.backwardBudgetMs, bounds.settleMs);
    backMs = b.ms;
  }

  // One list of stops for both walks; presses point into it.
  const stops: FocusRead[] = [...forward.stops];
  const indexOf = new Map(stops.map((s, i) => [s.key, i]));
  for (const s of backward.stops) if (!indexOf.has(s.key)) { indexOf.set(s.key, stops.length); stops.push(s); }
  const remap = (presses: Press[], from: FocusRead[]) => presses.map((p) => ({ key: p.key, stop: p.stop === null ? null : indexOf.get(from[p.stop]!.key)! }));
  const forwardPresses = remap(forward.presses, forward.stops);
  const backwardPresses = remap(backward.presses, backward.stops);
  if (trap) Object.assign(trap, { forward: forwardPresses.slice(-8), backward: remap(confirmPresses, backward.stops) });

  const completed = f.end === 'cycle' || f.end === 'no_focus';
  let unreachable: KeyboardEvidence['unreachable'] = [];
  let unreachableDropped = 0;
  if (completed) {
    for (const target of ctx.frames) {
      // A stop inside a frame reached the <iframe> elements around it too.
      const reached = stops.flatMap((s) => [s.key, ...(s.through ?? [])]).filter((key) => key.startsWith(`${target.ref.index}:`));
      const ids = [...new Set(reached)].map((key) => Number(key.split(':')[1]));
      try {
        await target.frame.evaluate(ELEMENT_REF_SCRIPT);
        const r = (await target.frame.evaluate(`(${KEYBOARD_UNREACHED_SCRIPT})(${JSON.stringify(ids)})`)) as { unreached: Array<Omit<ElementRef, 'frame'> & { reason: string }>; dropped: number };
        unreachable.push(...r.unreached.map((u) => ({ ...u, frame: target.ref.index })));
        unreachableDropped += r.dropped;
      } catch {
        // A frame that went away: its elements are not judged.
      }
    }
    if (unreachable.length > 50) { unreachableDropped += unreachable.length - 50; unreachable = unreachable.slice(0, 50); }
  }

  ctx.phase?.('probe:keyboard:focus');
  const focus = await sampleFocus(ctx, stops.slice(0, forward.stops.length), bounds);
  return {
    interactive, tabbable, bounds,
    stops: stops.map((s) => ({ element: s.element, composite: s.composite })),
    forward: { presses: forwardPresses, end: f.end, ms: f.ms },
    backward: { presses: backwardPresses, ms: backMs },
    completed,
    notJudged: NOT_JUDGED[f.end],
    trap, stuck, unreachable, unreachableDropped,
    focus: focus.samples, focusNotSampled: focus.notSampled, focusMs: focus.ms,
  };
}

interface Placement { box: { x: number; y: number; width: number; height: number } | null; scroll: { x: number; y: number }; held: boolean }

const SCROLL_SCRIPT = '({ x: window.scrollX, y: window.scrollY })';

/**
 * The focused element brought into view if it is not, where it is in the viewport, the page's
 * scroll, and whether it still holds the focus: one script in its document. A frame's element is
 * placed in the frame's own viewport, so its box is Playwright's (which adds the frames' offsets)
 * and the scroll the top document's, as the capture is of the top document.
 */
async function placeFocused(ctx: ProbeContext, target: FrameTarget, id: number): Promise<Placement | null> {
  const placed = await evaluateIn<Placement | null>(ctx.cdp, target, `(${KEYBOARD_FOCUS_PLACE_SCRIPT})(${id})`);
  if (!placed || target.ref.index === 0) return placed;
  const handle = await target.frame.evaluateHandle((n) => (window as unknown as { __dvcKb: { els: Map<number, Element> } }).__dvcKb.els.get(n), id);
  const box = (await handle.asElement()?.boundingBox()) ?? null;
  await handle.dispose();
  return { ...placed, box, scroll: await evaluateTop<{ x: number; y: number }>(ctx.cdp, SCROLL_SCRIPT) };
}

/** For the first stops: the neighbourhood focused, unfocused, focused again; compared on pixels. */
async function sampleFocus(ctx: ProbeContext, stops: FocusRead[], bounds: KeyboardBounds): Promise<{ samples: FocusSample[]; notSampled: number; ms: number }> {
  const samples: FocusSample[] = [];
  const t0 = Date.now();
  let crops = 0;
  const candidates = stops.map((s, i) => ({ s, i })).filter(({ s }) => !s.opaqueFrame);
  for (const { s, i } of candidates) {
    if (samples.length >= bounds.focusSample || Date.now() - t0 > bounds.focusBudgetMs) break;
    const target = ctx.frames[s.element.frame];
    const id = Number(s.key.split(':')[1]);
    const base: FocusSample = { stop: i, element: s.element, verdict: 'not_measured', reason: null, clip: null, changedArea: 0, strongArea: 0, requiredArea: 0, maxContrast: 1, crop: null };
    if (!target) { samples.push({ ...base, reason: 'frame_gone' }); continue; }
    type State = 'focus' | 'blur' | null;
    const state = (st: State, before: State = null) =>
      evaluateIn<{ ok: boolean; held: boolean; why: string | null }>(ctx.cdp, target, `(${KEYBOARD_FOCUS_STATE_SCRIPT})(${JSON.stringify([id, st, before])})`);
    try {
      const first = await state('focus');
      if (!first.ok) { samples.push({ ...base, reason: first.why }); continue; }
      const place = await placeFocused(ctx, target, id);
      if (!place) { samples.push({ ...base, reason: 'gone' }); continue; }
      const { box, scroll } = place;
      if (!box || box.width < 1 || box.height < 1) { samples.push({ ...base, reason: 'no_box' }); continue; }
      const { width: vw, height: vh } = ctx.viewport;
      const x0 = Math.max(0, Math.floor(box.x - CLIP_MARGIN)), y0 = Math.max(0, Math.floor(box.y - CLIP_MARGIN));
      const x1 = Math.min(vw, Math.ceil(box.x + box.width + CLIP_MARGIN)), y1 = Math.min(vh, Math.ceil(box.y + box.height + CLIP_MARGIN));
      if (x1 - x0 < 2 || y1 - y0 < 2) { samples.push({ ...base, reason: 'off_screen' }); continue; }
      const clip = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
      const shot = async () => (await ctx.cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, clip: { x: clip.x + scroll.x, y: clip.y + scroll.y, width: clip.width, height: clip.height, scale: 1 } })).data;
      // Each capture is taken in a state that held from before it to after it: a page that
      // moves the focus meanwhile (a timer, a blur handler) gives no measurement, not a verdict.
      const focused = await shot();
      const b = await state('blur', 'focus');
      const unfocused = await shot();
      const f2 = await state('focus', 'blur');
      const focusedAgain = await shot();
      const end = await state(null, 'focus');
      if (!place.held || !b.held || !b.ok || !f2.held || !f2.ok || !end.held) { samples.push({ ...base, clip, reason: b.ok ? 'focus_moved' : 'focus_held' }); continue; }
      const png = (b64: string) => decodePng(Buffer.from(b64, 'base64'));
      const cmp = compareFocus(png(unfocused), png(focused), png(focusedAgain), { width: box.width, height: box.height });
      const failing = cmp.verdict === 'none' || cmp.verdict === 'faint';
      const crop = failing && crops < MAX_CROPS && focused.length <= MAX_CROP_CHARS ? (crops++, focused) : null;
      samples.push({ ...base, verdict: cmp.verdict, clip, changedArea: cmp.changedArea, strongArea: cmp.strongArea, requiredArea: cmp.requiredArea, maxContrast: cmp.maxContrast, crop });
    } catch (err) {
      if (ctx.page.isClosed()) throw err;
      samples.push({ ...base, reason: String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 200) });
    }
  }
  await inEveryFrame(ctx.frames, KEYBOARD_CLEANUP_SCRIPT);
  await inEveryFrame(ctx.frames, KEYBOARD_BLUR_SCRIPT);
  return { samples, notSampled: candidates.length - samples.length, ms: Date.now() - t0 };
}

export const keyboardProbeEntry: Probe = {
  name: 'keyboard',
  async run(ctx: ProbeContext, evidence: PageEvidence) {
    evidence.keyboard = await keyboardProbe(ctx);
  },
};
