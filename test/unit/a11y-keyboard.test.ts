// The pure parts of the keyboard probe: PNG decoding and the focus comparison on pixels, and
// the three keyboard criteria judging stored evidence.
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { focusVisible } from '../../src/checks/criteria/accessibility/focus-visible.ts';
import { keyboard } from '../../src/checks/criteria/accessibility/keyboard.ts';
import { noKeyboardTrap } from '../../src/checks/criteria/accessibility/no-keyboard-trap.ts';
import { compareFocus, contrastRatio, decodePng, type Image } from '../../src/checks/evidence/accessibility/focus-pixels.ts';
import { keyboardBounds } from '../../src/checks/evidence/accessibility/keyboard.ts';
import type { FocusSample, KeyboardEvidence } from '../../src/checks/evidence/accessibility/keyboard-walk.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';

type RGB = [number, number, number];

function image(width: number, height: number, paint: (x: number, y: number) => RGB): Image {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const [r, g, b] = paint(x, y);
    data.set([r, g, b, 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

/** A real PNG (RGB, each row with a different filter) of an image, for the decoder. */
function encodePng(img: Image): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(body.length);
    const tb = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(tb) >>> 0);
    return Buffer.concat([len, tb, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0); ihdr.writeUInt32BE(img.height, 4); ihdr[8] = 8; ihdr[9] = 2;
  const stride = img.width * 3;
  const rows: number[] = [];
  let prev = new Array(stride).fill(0);
  for (let y = 0; y < img.height; y++) {
    const cur = Array.from({ length: stride }, (_, i) => img.data[(y * img.width + Math.floor(i / 3)) * 4 + (i % 3)]!);
    const filter = y % 5;
    rows.push(filter);
    for (let x = 0; x < stride; x++) {
      const a = x >= 3 ? cur[x - 3]! : 0, b = prev[x]!, c = x >= 3 ? prev[x - 3]! : 0;
      const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!;
      rows.push((cur[x]! - pred) & 255);
    }
    prev = cur;
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const WHITE: RGB = [255, 255, 255];
// A 40×20 button at (10,10) in a 60×40 neighbourhood.
const inButton = (x: number, y: number) => x >= 10 && x < 50 && y >= 10 && y < 30;
const unfocused = image(60, 40, (x, y) => (inButton(x, y) ? [220, 220, 220] : WHITE));
const element = { width: 40, height: 20 };

describe('PNG decoding', () => {
  it('decodes every row filter back to the same pixels', () => {
    const img = image(23, 11, (x, y) => [(x * 11) & 255, (y * 23) & 255, (x * y) & 255]);
    expect(decodePng(encodePng(img))).toEqual(img);
  });

  it('refuses what is not an 8-bit PNG', () => {
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow(/not a PNG/);
  });
});

describe('focus visible on pixels', () => {
  it('WCAG contrast of luminances', () => {
    expect(contrastRatio(1, 0)).toBe(21);
    expect(contrastRatio(0.5, 0.5)).toBe(1);
  });

  it('an outline drawn around the element (or a wrapper near it) is visible', () => {
    // 2 px dark ring just outside the button: drawn by the element or by its wrapper, it is the same pixels.
    const ring = image(60, 40, (x, y) => {
      const outer = x >= 7 && x < 53 && y >= 7 && y < 33, inner = x >= 9 && x < 51 && y >= 9 && y < 31;
      return outer && !inner ? [0, 69, 124] : inButton(x, y) ? [220, 220, 220] : WHITE;
    });
    const r = compareFocus(unfocused, ring, ring, element);
    expect(r.verdict).toBe('visible');
    expect(r.requiredArea).toBe(120);
    expect(r.strongArea).toBeGreaterThanOrEqual(120);
  });

  it('a background change with contrast is visible; a faint one needs a person; nothing at all fails', () => {
    const dark = image(60, 40, (x, y) => (inButton(x, y) ? [0, 69, 124] : WHITE));
    expect(compareFocus(unfocused, dark, dark, element).verdict).toBe('visible');
    const faint = image(60, 40, (x, y) => (inButton(x, y) ? [200, 200, 200] : WHITE));
    const f = compareFocus(unfocused, faint, faint, element);
    expect(f.verdict).toBe('faint');
    expect(f.strongArea).toBe(0);
    expect(f.changedArea).toBe(800);
    expect(compareFocus(unfocused, unfocused, unfocused, element)).toMatchObject({ verdict: 'none', changedArea: 0 });
  });

  it('a contrasting change smaller than the perimeter (a caret, a dot) is faint, not visible', () => {
    const dot = image(60, 40, (x, y) => (x >= 20 && x < 22 && y >= 12 && y < 28 ? [0, 0, 0] : inButton(x, y) ? [220, 220, 220] : WHITE));
    expect(compareFocus(unfocused, dot, dot, element)).toMatchObject({ verdict: 'faint', strongArea: 32 });
  });

  it('pixels that change between the two focused captures are animation: left out, and alone they prove nothing', () => {
    const frameA = image(60, 40, (x, y) => (x < 30 ? [0, 0, 0] : inButton(x, y) ? [220, 220, 220] : WHITE));
    const frameB = image(60, 40, (x, y) => (x < 30 ? [255, 0, 0] : inButton(x, y) ? [220, 220, 220] : WHITE));
    expect(compareFocus(unfocused, frameA, frameB, element).verdict).toBe('unstable');
  });
});

const ref = (selector: string) => ({ selector, frame: 0, snippet: `<a id="${selector.slice(1)}">`, text: selector.slice(1) });
const sample = (selector: string, verdict: FocusSample['verdict']): FocusSample => ({
  stop: 0, element: ref(selector), verdict, reason: null, clip: { x: 0, y: 0, width: 60, height: 40 }, changedArea: 0, strongArea: 0, requiredArea: 120, maxContrast: 1, crop: null,
});

function evidence(k: Partial<KeyboardEvidence>) {
  const stops = [{ element: ref('#a'), composite: false }, { element: ref('#b'), composite: false }];
  const keyboardEv: KeyboardEvidence = {
    interactive: 2, tabbable: 2, bounds: keyboardBounds(40), stops,
    forward: { presses: [{ key: 'Tab', stop: 0 }, { key: 'Tab', stop: 1 }, { key: 'Tab', stop: null }, { key: 'Tab', stop: 0 }], end: 'cycle', ms: 500 },
    backward: { presses: [], ms: 0 }, completed: true, notJudged: null, trap: null, stuck: null, unreachable: [], unreachableDropped: 0,
    focus: [sample('#a', 'visible'), sample('#b', 'visible')], focusNotSampled: 0, focusMs: 100, ...k,
  };
  return { ...emptyEvidence('https://x.gov.vn/', 'home', new Date()), keyboard: keyboardEv };
}

describe('the keyboard criteria', () => {
  it('a complete walk with every element reached and every indicator visible passes all three', () => {
    const page = evidence({});
    expect([keyboard, noKeyboardTrap, focusVisible].map((c) => c.judge(page).outcome)).toEqual(['pass', 'pass', 'pass']);
  });

  it('0 stops with interactive elements is never a pass; with a complete walk the elements fail 2.1.1, one finding each', () => {
    const span = { ...ref('#gui'), reason: 'listener' };
    const page = evidence({ stops: [], forward: { presses: [{ key: 'Tab', stop: null }, { key: 'Tab', stop: null }, { key: 'Tab', stop: null }], end: 'no_focus', ms: 400 }, interactive: 1, tabbable: 0, focus: [], unreachable: [span] });
    const j = keyboard.judge(page);
    expect(j.outcome).toBe('fail');
    expect(j.details.map((d) => (d.data as { element: { selector: string } }).element.selector)).toEqual(['#gui']);
    expect(noKeyboardTrap.judge(page).outcome).toBe('cant_tell');
    expect(focusVisible.judge(page).outcome).toBe('cant_tell');
  });

  it('a walk that did not come round claims nothing unreachable and passes nothing', () => {
    const page = evidence({ completed: false, notJudged: 'the walk reached its limit of stops before coming round', forward: { presses: [], end: 'sample', ms: 8000 } });
    expect(keyboard.judge(page).outcome).toBe('cant_tell');
    expect(noKeyboardTrap.judge(page).outcome).toBe('cant_tell');
    expect(focusVisible.judge(page).outcome).toBe('cant_tell');
  });

  it('a proven trap fails 2.1.2 with the element; a stop that let go backward is for a person', () => {
    const trap = { elements: [ref('#ma')], forward: [{ key: 'Tab' as const, stop: 1 }], backward: [{ key: 'Shift+Tab' as const, stop: 1 }], exit: null };
    const trapped = noKeyboardTrap.judge(evidence({ completed: false, trap, forward: { presses: [], end: 'stuck', ms: 600 } }));
    expect(trapped.outcome).toBe('fail');
    expect(trapped.details[0]!.text.en).toMatch(/Keyboard trap: the focus is held at #ma/);
    const stuck = noKeyboardTrap.judge(evidence({ completed: false, stuck: { elements: [ref('#ma')], why: 'escaped_backward' }, forward: { presses: [], end: 'stuck', ms: 600 } }));
    expect(stuck.outcome).toBe('cant_tell');
  });

  it('a trap the page tells the way out of passes when the told keys work, fails when they do nothing, needs a person when untried', () => {
    const held = (exit: { announced: string | null; revealedBy: null; tried: Array<{ keys: string; escaped: boolean }> }) =>
      noKeyboardTrap.judge(evidence({ completed: false, trap: { elements: [ref('#ma')], forward: [], backward: [], exit }, forward: { presses: [], end: 'loop', ms: 600 } }));
    const told = held({ announced: 'Press Ctrl+M to Exit', revealedBy: null, tried: [{ keys: 'Ctrl+M', escaped: true }] });
    expect(told.outcome).toBe('pass');
    expect(told.details[0]!.code).toBe('keyboard.trap_exit_announced');
    expect(told.details[0]!.text.en).toContain('Ctrl+M moves the focus out');
    const broken = held({ announced: 'Press Ctrl+M to Exit', revealedBy: null, tried: [{ keys: 'Ctrl+M', escaped: false }] });
    expect(broken.outcome).toBe('fail');
    expect(broken.details[0]!.text.en).toContain('but Ctrl+M did not move the focus out');
    expect(held({ announced: 'Press Ctrl+M to Exit', revealedBy: null, tried: [] }).outcome).toBe('cant_tell');
    expect(held({ announced: null, revealedBy: null, tried: [] }).outcome).toBe('fail');
  });

  it('focus visible: no change fails with the element; faint or unmeasured needs a person', () => {
    const none = focusVisible.judge(evidence({ focus: [sample('#a', 'visible'), sample('#b', 'none')] }));
    expect(none.outcome).toBe('fail');
    expect(none.details.map((d) => d.code)).toEqual(['keyboard.no_focus_indicator']);
    expect(none.details[0]!.text.en).toMatch(/^No visible focus indicator on #b/);
    expect(focusVisible.judge(evidence({ focus: [sample('#a', 'faint'), sample('#b', 'visible')] })).outcome).toBe('cant_tell');
    expect(focusVisible.judge(evidence({ focus: [sample('#a', 'not_measured'), sample('#b', 'visible')] })).outcome).toBe('cant_tell');
    expect(focusVisible.judge(evidence({ focusNotSampled: 3 })).outcome).toBe('cant_tell');
  });

  it('no evidence: the probe failed (a scanner error), never a verdict on the portal', () => {
    const page = { ...emptyEvidence('https://x.gov.vn/', 'home', new Date()), probeErrors: [{ probe: 'keyboard', message: 'boom' }] };
    for (const c of [keyboard, noKeyboardTrap, focusVisible]) expect(c.judge(page).outcome).toBe('error');
  });

  it('nothing interactive on the page: not applicable', () => {
    const page = evidence({ interactive: 0, tabbable: 0, stops: [], focus: [], forward: { presses: [], end: 'no_focus', ms: 300 } });
    expect([keyboard, noKeyboardTrap, focusVisible].map((c) => c.judge(page).outcome)).toEqual(['not_applicable', 'not_applicable', 'not_applicable']);
  });
});
