// The keyboard evidence and the pure reading of a Tab walk: where each press left the focus,
// when the walk is complete (it came round to its first stop), and when focus could not leave
// an element or a small group (a trap candidate, proven only by a walk the other way too).
// The browser side is keyboard.ts; the criteria judge KeyboardEvidence.
import type { ElementRef } from './frames.ts';
import type { TrapExit } from './keyboard-exit.ts';

/** One read of the focus after a press: the element (its frame and per-frame id), or null (nobody: the body). */
export interface FocusRead {
  /** `${frame}:${id}`: the same element gives the same key for the whole visit. */
  key: string;
  element: ElementRef;
  /** A native control with stops inside (date/time fields, media controls, select): one control. */
  composite: boolean;
  /** An <iframe> we could not look into: Tab moves inside it unseen, like a composite. */
  opaqueFrame: boolean;
  /** Inside an open modal dialog (where cycling focus is the expected design). */
  inModal: boolean;
  /** Keys of the <iframe> elements the focus is inside, outermost first: reached too. */
  through?: string[];
}

export type WalkEnd =
  /** Came back to its first stop: every element forward Tab reaches was seen. */
  | 'cycle'
  /** Nothing on the page ever took the focus (three presses, still nobody). */
  | 'no_focus'
  /** The same element held the focus press after press. */
  | 'stuck'
  /** The focus went round a small group that is not the whole page. */
  | 'loop'
  | 'sample' | 'presses' | 'time';

export interface KeyboardBounds {
  maxStops: number;
  maxPresses: number;
  /** Wait after each press before reading the focus (the page's handlers and timers run). */
  settleMs: number;
  forwardBudgetMs: number;
  backwardBudgetMs: number;
  /** For a proven trap: finding and trying the way out the page announces (keyboard-exit.ts). */
  exitBudgetMs: number;
  focusBudgetMs: number;
  /** How many stops are sampled for a visible focus indicator. */
  focusSample: number;
}

/** A press and where it left the focus (index into `stops`, or null for nobody). */
export interface Press { key: 'Tab' | 'Shift+Tab'; stop: number | null }

export interface FocusSample {
  stop: number;
  element: ElementRef;
  /** visible: a change of enough area and contrast; faint: a change, too small or too faint; none: nothing changed. */
  verdict: 'visible' | 'faint' | 'none' | 'unstable' | 'not_measured';
  /** Why it was not measured (the element went away, the page moved the focus, …). */
  reason: string | null;
  /** The region compared, in CSS px of the viewport (the element inflated by CLIP_MARGIN). */
  clip: { x: number; y: number; width: number; height: number } | null;
  /** Pixels that changed; of them, those whose colours contrast at least 3:1 between the two states. */
  changedArea: number;
  strongArea: number;
  /** The element's perimeter × 1 CSS px: the least a visible indicator covers. */
  requiredArea: number;
  maxContrast: number;
  /** The focused crop (PNG, base64) for a failing element, if small enough. */
  crop: string | null;
}

export interface KeyboardEvidence {
  /** Interactive elements found (by role, handler, pointer cursor + click listener), all frames. */
  interactive: number;
  /** Of them, those in the Tab order (tabindex ≥ 0). */
  tabbable: number;
  bounds: KeyboardBounds;
  /** Distinct elements the walks reached, in the order first reached. */
  stops: Array<{ element: ElementRef; composite: boolean }>;
  forward: { presses: Press[]; end: WalkEnd; ms: number };
  backward: { presses: Press[]; ms: number };
  /** The forward walk came round (or nothing takes the focus): reachability can be judged. */
  completed: boolean;
  /** Why reachability was not judged, when it was not. */
  notJudged: string | null;
  /**
   * Proven: the focus stayed on these elements forward and backward within the bounds, with
   * other focusable elements outside; `exit` is the way out the page announces, as tried.
   */
  trap: { elements: ElementRef[]; forward: Press[]; backward: Press[]; exit: TrapExit | null } | null;
  /** The walk stopped at an element or group without proof of a trap (it let go backward, or it is a modal dialog). */
  stuck: { elements: ElementRef[]; why: 'escaped_backward' | 'modal_dialog' | 'nothing_outside' | 'opaque_frame' | 'not_confirmed' } | null;
  unreachable: Array<ElementRef & { reason: string }>;
  unreachableDropped: number;
  focus: FocusSample[];
  /** Stops not sampled for focus visibility (beyond the sample or the time budget). */
  focusNotSampled: number;
  focusMs: number;
}

/** Presses that may stay on one native composite control (a datetime-local field, video controls). */
export const COMPOSITE_PRESSES = 12;
/** Presses after which an ordinary element that kept the focus is stuck. */
export const STUCK_PRESSES = 3;
/** A loop of at most this many elements is a trap candidate; a longer one is the page's Tab cycle. */
export const MAX_TRAP_GROUP = 4;

/** Reads a forward Tab walk one focus read at a time. */
export class TabWalk {
  readonly stops: FocusRead[] = [];
  readonly presses: Press[] = [];
  private readonly index = new Map<string, number>();
  private same = 0;
  private nobody = 0;
  /** The elements the walk could not get away from (stuck, loop). */
  group: FocusRead[] = [];

  constructor(private readonly maxStops: number, private readonly key: Press['key'] = 'Tab') {}

  /** The stop index of a read, adding it if new. */
  private stopOf(read: FocusRead): number {
    let i = this.index.get(read.key);
    if (i === undefined) {
      i = this.stops.length;
      this.stops.push(read);
      this.index.set(read.key, i);
    }
    return i;
  }

  /** Adds the focus read after one more press; returns why the walk ends, or null to press on. */
  add(read: FocusRead | null): WalkEnd | null {
    const prev = this.presses.length ? this.presses[this.presses.length - 1]!.stop : undefined;
    if (read === null) {
      this.presses.push({ key: this.key, stop: null });
      this.nobody = prev === null ? this.nobody + 1 : 1;
      this.same = 0;
      if (this.nobody >= 3) return this.stops.length ? 'stuck' : 'no_focus';
      return null;
    }
    this.nobody = 0;
    const known = this.index.get(read.key);
    if (known === undefined && this.stops.length >= this.maxStops) return 'sample';
    const stop = this.stopOf(read);
    this.presses.push({ key: this.key, stop });
    if (stop === prev) {
      this.same++;
      const allowed = read.composite || read.opaqueFrame ? COMPOSITE_PRESSES : STUCK_PRESSES - 1;
      if (this.same >= allowed) {
        this.group = [read];
        return 'stuck';
      }
      return null;
    }
    this.same = 0;
    if (known === undefined) return null;
    if (known === 0) return 'cycle';
    // Back to an earlier stop that is not the first: the elements since its first visit go round.
    const first = this.presses.findIndex((p) => p.stop === known);
    const members = [...new Set(this.presses.slice(first).map((p) => p.stop).filter((s): s is number => s !== null))];
    const leftPage = this.presses.slice(first).some((p) => p.stop === null);
    if (leftPage || members.length > MAX_TRAP_GROUP) return 'cycle';
    this.group = members.map((m) => this.stops[m]!);
    return 'loop';
  }
}

/** Whether a walk the other way got out of the group (a read outside it, or nobody). */
export function escapes(group: readonly FocusRead[], reads: ReadonlyArray<FocusRead | null>): boolean {
  const keys = new Set(group.map((g) => g.key));
  return reads.some((r) => r === null || !keys.has(r.key));
}

/** Shift+Tab presses that must all stay inside the group for a trap to be proven. */
export const backwardPressesFor = (group: readonly FocusRead[]) =>
  group.some((g) => g.composite || g.opaqueFrame) ? COMPOSITE_PRESSES + 1 : Math.max(STUCK_PRESSES, group.length + 2);

/** What a stuck forward walk proves, from the backward presses made from the same place. */
export function judgeStuck(group: readonly FocusRead[], backward: ReadonlyArray<FocusRead | null>, tabbableOutside: number):
  { trap: boolean; why: NonNullable<KeyboardEvidence['stuck']>['why'] | null } {
  if (escapes(group, backward)) return { trap: false, why: 'escaped_backward' };
  if (backward.length < backwardPressesFor(group)) return { trap: false, why: 'not_confirmed' };
  if (group.some((g) => g.opaqueFrame)) return { trap: false, why: 'opaque_frame' };
  if (group.some((g) => g.inModal)) return { trap: false, why: 'modal_dialog' };
  if (tabbableOutside <= 0) return { trap: false, why: 'nothing_outside' };
  return { trap: true, why: null };
}
