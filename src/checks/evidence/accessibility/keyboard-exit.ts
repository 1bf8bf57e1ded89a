// A trap the page tells its way out of. WCAG 2.1.2 allows a component that keeps the focus
// from Tab and Shift+Tab when "the user is advised of the method for moving focus away"; W3C's
// ACT rule 80af7b passes such pages ("Press Ctrl+M to Exit"). So, once a trap is proven: the
// page's visible text is read for keys it announces, a help control inside the trap (a
// "How to leave" link) is activated with Enter when no keys are announced yet, and each
// announced combination is pressed from inside the trap. Only a focus that then left the trap
// proves the way out: an announcement whose keys do nothing leaves the trap a trap.
import type { CDPSession } from 'playwright-core';
import type { ElementRef, FrameTarget } from './frames.ts';

/** A key combination as the page wrote it, and as the DevTools protocol presses it. */
export interface KeyCombo {
  /** As announced, normalised: "Ctrl+M", "Esc", "Alt+Shift+2". */
  label: string;
  key: string;
  code: string;
  keyCode: number;
  /** DevTools bit mask: Alt 1, Ctrl 2, Meta 4, Shift 8. */
  modifiers: number;
}

export interface TrapExit {
  /** The sentence that announced the keys, bounded; null when the page announces none. */
  announced: string | null;
  /** The help control inside the trap whose activation revealed the announcement, if any. */
  revealedBy: ElementRef | null;
  /** Each announced combination pressed from inside the trap, and whether the focus then left it. */
  tried: Array<{ keys: string; escaped: boolean }>;
}

/** At most this many announced combinations are pressed. */
const MAX_COMBOS = 3;
const MAX_TEXT = 20_000;

const MODIFIERS: Record<string, { label: string; bit: number }> = {
  alt: { label: 'Alt', bit: 1 }, option: { label: 'Alt', bit: 1 },
  ctrl: { label: 'Ctrl', bit: 2 }, control: { label: 'Ctrl', bit: 2 },
  meta: { label: 'Meta', bit: 4 }, cmd: { label: 'Meta', bit: 4 }, command: { label: 'Meta', bit: 4 },
  shift: { label: 'Shift', bit: 8 },
};
const MODIFIER = '(?:ctrl|control|alt|option|shift|meta|cmd|command)';
const KEY = '(?:esc(?:ape)?|enter|space|f(?:1[0-2]|[1-9])|[a-z0-9])';
// "Press Ctrl+M", "use the Esc key", "nhấn phím Esc", "bấm tổ hợp phím Ctrl + M".
const ANNOUNCEMENT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:press(?:ing)?|hit|use|type|nhấn|bấm|ấn|dùng|sử dụng)\\s+(?:(?:the|phím|tổ hợp(?: phím)?|key|keys)\\s+)*((?:${MODIFIER}\\s*\\+\\s*)*${KEY})(?![\\p{L}\\p{N}])`,
  'giu',
);
// Keys the browser itself would act on (close, reload, print, open …): never pressed for a page.
const RESERVED = new Set(['Ctrl+W', 'Ctrl+Q', 'Ctrl+N', 'Ctrl+T', 'Ctrl+R', 'Ctrl+L', 'Ctrl+P', 'Ctrl+S', 'Ctrl+O', 'Ctrl+Shift+N', 'Ctrl+Shift+T', 'Alt+F4', 'F5', 'F11', 'F12', 'Meta+W', 'Meta+Q']);

function combo(written: string): KeyCombo | null {
  const parts = written.split('+').map((p) => p.trim().toLowerCase()).filter(Boolean);
  const keyName = parts.pop()!;
  let modifiers = 0;
  const labels: string[] = [];
  for (const p of parts) {
    const m = MODIFIERS[p];
    if (!m || modifiers & m.bit) return null;
    modifiers |= m.bit;
    labels.push(m.label);
  }
  let key: string, code: string, keyCode: number, label: string;
  if (keyName === 'esc' || keyName === 'escape') [key, code, keyCode, label] = ['Escape', 'Escape', 27, 'Esc'];
  else if (keyName === 'enter') [key, code, keyCode, label] = ['Enter', 'Enter', 13, 'Enter'];
  else if (keyName === 'space') [key, code, keyCode, label] = [' ', 'Space', 32, 'Space'];
  else if (/^f\d+$/.test(keyName)) [key, code, keyCode, label] = [keyName.toUpperCase(), keyName.toUpperCase(), 111 + Number(keyName.slice(1)), keyName.toUpperCase()];
  else if (/^[0-9]$/.test(keyName)) [key, code, keyCode, label] = [keyName, `Digit${keyName}`, keyName.charCodeAt(0), keyName];
  else [key, code, keyCode, label] = [modifiers & 8 ? keyName.toUpperCase() : keyName, `Key${keyName.toUpperCase()}`, keyName.toUpperCase().charCodeAt(0), keyName.toUpperCase()];
  const full = [...labels, label].join('+');
  // An unmodified Enter or Space only activates what has the focus: it is no way out to announce.
  if (RESERVED.has(full) || (!modifiers && (key === 'Enter' || key === ' '))) return null;
  return { label: full, key, code, keyCode, modifiers };
}

/** The key combinations a text announces, each with the sentence that says so (bounded). */
export function announcedKeys(text: string): Array<{ combo: KeyCombo; sentence: string }> {
  // Lines stay lines: a line break ends a sentence as a full stop does.
  const flat = text.slice(0, MAX_TEXT).replace(/[^\S\n]+/g, ' ');
  const out: Array<{ combo: KeyCombo; sentence: string }> = [];
  for (const m of flat.matchAll(ANNOUNCEMENT)) {
    const c = combo(m[1]!);
    if (!c || out.some((o) => o.combo.label === c.label)) continue;
    out.push({ combo: c, sentence: sentenceAround(flat, m.index, m.index + m[0].length) });
    if (out.length >= MAX_COMBOS) break;
  }
  return out;
}

/** The sentence (or line) holding text[from, to), bounded to a little either side. */
function sentenceAround(text: string, from: number, to: number): string {
  const before = text.slice(Math.max(0, from - 120), from);
  const after = text.slice(to, to + 80);
  const start = Math.max(...['. ', '! ', '? ', '\n'].map((mark) => { const i = before.lastIndexOf(mark); return i < 0 ? 0 : i + mark.length; }));
  const end = after.search(/[.!?](\s|$)|\n/);
  return (before.slice(start) + text.slice(from, to) + (end < 0 ? after : after.slice(0, after[end] === '\n' ? end : end + 1))).trim();
}

/** Text of a help control: what a visitor would activate to learn how to go on. */
const HELP_TEXT = /help|how to|instruction|exit|leave|hướng dẫn|trợ giúp|cách|thoát/i;

/** Plain JavaScript: the visible text of the document, bounded. */
const VISIBLE_TEXT_SCRIPT = `(() => String((document.body && document.body.innerText) || '').slice(0, ${MAX_TEXT}))()`;
/** Plain JavaScript: whether the focused element is a control Enter may safely activate (no form, no other page). */
const SAFE_HELP_SCRIPT = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  if (el.closest('form')) return false;
  if (el.localName === 'a') { const h = (el.getAttribute('href') || '').trim(); return h === '' || h.startsWith('#') || /^javascript:/i.test(h); }
  if (el.localName === 'button') return !el.form;
  return el.getAttribute('role') === 'button';
})()`;

export interface ExitContext {
  cdp: CDPSession;
  frames: FrameTarget[];
  /** Where the focus is now: the key of its FocusRead (keyboard-walk.ts), or null for nobody. */
  readFocusKey(): Promise<string | null>;
  settle(): Promise<void>;
}

/** A key as the DevTools protocol presses it: keydown then keyup, no character typed into the page. */
export async function pressKey(cdp: CDPSession, c: Pick<KeyCombo, 'key' | 'code' | 'keyCode' | 'modifiers'>): Promise<void> {
  const key = { key: c.key, code: c.code, windowsVirtualKeyCode: c.keyCode, nativeVirtualKeyCode: c.keyCode, modifiers: c.modifiers };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
}

export const TAB = { key: 'Tab', code: 'Tab', keyCode: 9, modifiers: 0 };

// Enter that activates a link or button: Chromium activates on the key's character, so it is sent.
async function pressEnter(cdp: CDPSession): Promise<void> {
  const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', unmodifiedText: '\r', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
}

async function pageText(frames: FrameTarget[]): Promise<string> {
  const texts = await Promise.all(frames.map((f) => f.frame.evaluate(VISIBLE_TEXT_SCRIPT).catch(() => '')));
  return texts.map(String).join('\n');
}

/**
 * From inside a proven trap (the focus is on one of `group`, keyed as FocusRead keys): the way
 * out the page announces, if any, tried. `budgetMs` bounds the whole search.
 */
export async function findTrapExit(ctx: ExitContext, group: ReadonlyArray<{ key: string; element: ElementRef }>, budgetMs: number): Promise<TrapExit> {
  const t0 = Date.now();
  const inGroup = new Set(group.map((g) => g.key));
  let found = announcedKeys(await pageText(ctx.frames));
  let revealedBy: ElementRef | null = null;
  // No keys on the page: a help control inside the trap may reveal them (Tab to it, then Enter).
  for (let i = 0; !found.length && i < group.length && Date.now() - t0 < budgetMs; i++) {
    const at = await ctx.readFocusKey();
    const member = group.find((g) => g.key === at);
    if (member && HELP_TEXT.test(member.element.text)) {
      const frame = ctx.frames[member.element.frame];
      if (frame && (await frame.frame.evaluate(SAFE_HELP_SCRIPT).catch(() => false))) {
        await pressEnter(ctx.cdp);
        await ctx.settle();
        found = announcedKeys(await pageText(ctx.frames));
        if (found.length) { revealedBy = member.element; break; }
      }
    }
    await pressKey(ctx.cdp, TAB);
    await ctx.settle();
  }
  const tried: TrapExit['tried'] = [];
  for (const { combo: c } of found) {
    if (Date.now() - t0 >= budgetMs) break;
    const before = await ctx.readFocusKey();
    if (before === null || !inGroup.has(before)) break;
    await pressKey(ctx.cdp, c);
    await ctx.settle();
    const after = await ctx.readFocusKey();
    const escaped = after !== null && !inGroup.has(after);
    tried.push({ keys: c.label, escaped });
    if (escaped) break;
  }
  return { announced: found[0]?.sentence ?? null, revealedBy, tried };
}
