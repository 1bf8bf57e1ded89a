// A second look at the axe violations that W3C's ACT test cases show axe claiming without
// proof. An element is doubted only for a reason read on the page itself; a doubted element
// moves from the rule's violations to its "needs review" (cant_tell), with the reason, for a
// person to decide. Nothing here turns a pass into a failure.
//
// - label-content-name-mismatch (2.5.3, ACT 2ee8b8): the visible text is drawn in an icon font
//   (a ligature such as "search" shows as a magnifier: the label is not that text), or the
//   accessible name says the same words written differently ("non-standard" / "nonstandard",
//   "Ave." / "Avenue"), which only a person can weigh.
// - frame-focusable-content (2.1.1, ACT akn7bn): the frame is inert while a modal dialog is open,
//   so its tabindex="-1" keeps nobody out of anything at that moment.
import type { MessageKey } from '../../../messages/index.ts';
import type { AxeRuleSummary } from '../../types.ts';
import type { FrameTarget } from './frames.ts';

export type Doubt = 'icon_font' | 'written_differently' | 'inert';

/** What each doubt means, for the finding's text. */
export const DOUBT_TEXT = {
  icon_font: 'a11y.axeDoubt.icon_font',
  written_differently: 'a11y.axeDoubt.written_differently',
  inert: 'a11y.axeDoubt.inert',
} as const satisfies Record<Doubt, MessageKey>;

const RULES = ['label-content-name-mismatch', 'frame-focusable-content'];

/** Words of a label, lower case, with the characters that only change how it is written taken out. */
function words(text: string): string[] {
  return text.toLowerCase().replace(/[‐‑‒–—-]/g, '').split(/[\s\p{Z}]+/u).filter(Boolean);
}
const bare = (word: string) => word.replace(/[\p{P}\p{S}]/gu, '');

/**
 * Whether an accessible name says the visible label's words, written differently: the same
 * words once hyphens and punctuation are set aside, or a word of the label abbreviated with a
 * full stop ("Ave.") where the name spells it out ("Avenue"). Words split or joined by spaces
 * ("just ice" / "justice") are different words, and not doubted.
 */
export function writtenDifferently(visible: string, name: string): boolean {
  const v = words(visible), n = words(name);
  if (!v.length || v.length !== n.length) return false;
  return v.every((w, i) => {
    const a = bare(w), b = bare(n[i]!);
    if (a === b) return true;
    return w.endsWith('.') && a.length >= 2 && b.startsWith(a);
  });
}

// Runs in the element's document: what the second look needs to know of it.
const LOOK_SCRIPT = `(([selector]) => {
  let el;
  try { el = document.querySelector(selector); } catch (e) { return null; }
  if (!el) return null;
  const family = (getComputedStyle(el).fontFamily || '').split(',')[0].replace(/["']/g, '').trim();
  const labelled = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean).map((id) => { const t = document.getElementById(id); return t ? t.textContent : ''; }).join(' ');
  const modal = document.querySelector('dialog:modal, [aria-modal="true"][open]');
  return {
    visible: String(el.innerText || el.textContent || '').slice(0, 500),
    name: String(labelled || el.getAttribute('aria-label') || '').slice(0, 500),
    family: family.slice(0, 100),
    inert: Boolean(el.closest('[inert]')) || Boolean(modal && !modal.contains(el)),
  };
})`;

interface Look { visible: string; name: string; family: string; inert: boolean }

/** Icon fonts by name: Material Icons/Symbols, Font Awesome, Glyphicons, icomoon, … */
const ICON_FONT = /icon|symbol|awesome|glyph|fontello|icomoon/i;

function doubtOf(rule: string, look: Look): Doubt | null {
  if (rule === 'label-content-name-mismatch') {
    if (ICON_FONT.test(look.family)) return 'icon_font';
    if (writtenDifferently(look.visible, look.name)) return 'written_differently';
  }
  if (rule === 'frame-focusable-content' && look.inert) return 'inert';
  return null;
}

/**
 * Where to look for an element: axe names a frame that holds focusable content by the frame's
 * own root, whose inertness is that of its <iframe> element in the parent document.
 */
function lookedAt(frames: readonly FrameTarget[], rule: string, e: { frame: number; selector: string }): { frame: FrameTarget | undefined; selector: string } {
  const frame = frames.find((f) => f.ref.index === e.frame);
  if (rule === 'frame-focusable-content' && e.selector === 'html' && frame && frame.ref.parent !== null) {
    return { frame: frames.find((f) => f.ref.index === frame.ref.parent), selector: frame.ref.path.at(-1) ?? '' };
  }
  return { frame, selector: e.selector };
}

/** The summary with every doubted element moved from its rule's violations to its "needs review". */
export async function secondLook(frames: readonly FrameTarget[], summary: AxeRuleSummary[]): Promise<AxeRuleSummary[]> {
  const out: AxeRuleSummary[] = [];
  for (const rule of summary) {
    if (rule.result !== 'violation' || !RULES.includes(rule.id)) { out.push(rule); continue; }
    // Elements and targets go in step (the first nodes of the rule): each keeps its own.
    const kept: number[] = [];
    const doubted: Array<{ i: number; doubt: Doubt }> = [];
    for (const [i, e] of rule.elements.entries()) {
      const { frame, selector } = lookedAt(frames, rule.id, e);
      // A selector through shadow roots is not looked at again: the violation stands.
      const look = frame && !selector.includes('>>>')
        ? ((await frame.frame.evaluate(`${LOOK_SCRIPT}(${JSON.stringify([selector])})`).catch(() => null)) as Look | null)
        : null;
      const doubt = look ? doubtOf(rule.id, look) : null;
      if (doubt) doubted.push({ i, doubt });
      else kept.push(i);
    }
    if (!doubted.length) { out.push(rule); continue; }
    // Elements beyond those recorded were not looked at: they stay violations.
    const unrecorded = rule.nodes - rule.elements.length;
    if (kept.length || unrecorded > 0) {
      out.push({ ...rule, elements: kept.map((i) => rule.elements[i]!), targets: kept.map((i) => rule.targets[i]!), nodes: kept.length + unrecorded });
    }
    out.push({
      ...rule, result: 'incomplete', nodes: doubted.length,
      elements: doubted.map(({ i, doubt }) => ({ ...rule.elements[i]!, doubt })), targets: doubted.map(({ i }) => rule.targets[i]!),
    });
  }
  return out;
}
