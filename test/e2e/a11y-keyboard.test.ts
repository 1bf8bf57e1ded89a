// The keyboard probe in real Chromium against the sandbox's keyboard fixtures
// (https://kiemthu.sandbox/a11y/keyboard/<case>): every defect fails its criterion and its
// repaired twin passes; native controls with inner stops are not traps; indicators drawn on a
// wrapper, as a shadow or as a background are visible; findings name exactly one element.
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import type { Checker, PortalCheck } from '../../src/checks/checker.ts';
import type { Outcome } from '../../src/checks/types.ts';
import { sandboxChecker } from '../helpers/checks.ts';

type Expect = Outcome | 'not_fail';
// [case, accessibility.keyboard, accessibility.no-keyboard-trap, accessibility.focus-visible]
const CASES: Array<[string, Expect, Expect, Expect]> = [
  ['truong-ngay', 'pass', 'pass', 'pass'],
  // Media controls draw their own focus inside the element: whatever the pixels say, never a false fail.
  ['am-thanh-hinh-anh', 'pass', 'pass', 'not_fail'],
  ['bay-hen-gio', 'cant_tell', 'fail', 'not_fail'],
  ['bay-hen-gio-sua', 'pass', 'pass', 'pass'],
  ['bay-blur', 'cant_tell', 'fail', 'not_fail'],
  ['bay-blur-sua', 'pass', 'pass', 'pass'],
  ['bay-phim-tab', 'cant_tell', 'fail', 'cant_tell'],
  ['bay-phim-tab-sua', 'pass', 'pass', 'pass'],
  // Held on purpose, the way out told on the page, or by a help button inside the widget.
  ['bay-co-huong-dan', 'cant_tell', 'pass', 'not_fail'],
  ['bay-huong-dan-sai', 'cant_tell', 'fail', 'not_fail'],
  ['bay-nut-tro-giup', 'cant_tell', 'pass', 'not_fail'],
  ['vien-khung-bao', 'pass', 'pass', 'pass'],
  ['bong-do', 'pass', 'pass', 'pass'],
  ['doi-mau-nen', 'pass', 'pass', 'pass'],
  ['an-vien', 'pass', 'pass', 'fail'],
  ['vien-mo', 'pass', 'pass', 'cant_tell'],
  ['the-span-bam', 'fail', 'pass', 'pass'],
  ['the-span-bam-sua', 'pass', 'pass', 'pass'],
  ['lien-ket-svg', 'pass', 'pass', 'pass'],
  ['trong-khung', 'pass', 'pass', 'pass'],
  ['trong-khung-an-vien', 'pass', 'pass', 'fail'],
];
const CRITERIA = ['accessibility.keyboard', 'accessibility.no-keyboard-trap', 'accessibility.focus-visible'];

let sandbox: Sandbox;
let checker: Checker;
const checks: Record<string, PortalCheck> = {};

beforeAll(async () => {
  sandbox = await startSandbox();
  checker = sandboxChecker(sandbox, { areas: ['accessibility'] });
  // A few at a time: the walk is paced in real time and the machine is shared.
  const limit = pLimit(2);
  await Promise.all(CASES.map(([name]) => limit(async () => {
    checks[name] = await checker.checkPortal({ portalId: null, homeUrl: `${FIXTURES_ORIGIN}/a11y/keyboard/${name}`, pages: [] });
  })));
}, 600_000);

afterAll(async () => {
  await checker?.close();
  await sandbox?.close();
});

const page = (name: string, id: string) => checks[name]!.results.find((r) => r.level === 'page' && r.pageIndex === 0 && r.criterionId === id)!;
const keyboardOf = (name: string) => checks[name]!.visits[0]!.evidence.keyboard!;

describe('keyboard fixtures: each defect fails, each twin passes', () => {
  it.each(CASES)('%s: keyboard %s, no trap %s, focus visible %s', (name, ...expected) => {
    const ev = checks[name]!.visits[0]!.evidence;
    expect(ev.error, JSON.stringify(ev.error)).toBeNull();
    expect(ev.probeErrors).toEqual([]);
    CRITERIA.forEach((id, i) => {
      const r = page(name, id);
      const why = `${id}: ${r.outcome} ${JSON.stringify(r.details.map((d) => d.text.en))}`;
      if (expected[i] === 'not_fail') expect(['pass', 'cant_tell'], why).toContain(r.outcome);
      else expect(r.outcome, why).toBe(expected[i]);
    });
  });
});

describe('what the evidence shows', () => {
  it("a framed control's focus is sampled where the frame puts it on the page", () => {
    const inFrame = (name: string) => keyboardOf(name).focus.find((f) => f.element.frame === 1 && f.element.text === 'Tra cứu trong khung')!;
    // Below the heading and the first link: a box without the frame's offset would sit at its top.
    expect(inFrame('trong-khung').clip!.y).toBeGreaterThan(60);
    expect(inFrame('trong-khung').verdict).toBe('visible');
    expect(inFrame('trong-khung-an-vien').verdict).toBe('none');
  });

  it('date and time fields are one stop each, however many presses Tab spends inside', () => {
    const k = keyboardOf('truong-ngay');
    expect(k.forward.end).toBe('cycle');
    expect(k.stops.filter((s) => s.composite).map((s) => s.element.snippet)).toEqual([
      expect.stringContaining('type="date"'), expect.stringContaining('type="time"'), expect.stringContaining('type="datetime-local"'),
      expect.stringContaining('type="month"'), expect.stringContaining('type="week"'),
    ]);
    // The date field took more than one press: its inner fields were walked, not counted as a trap.
    const date = k.stops.findIndex((s) => s.element.snippet.includes('type="date"'));
    expect(k.forward.presses.filter((p) => p.stop === date).length).toBeGreaterThan(1);
  });

  it('audio, video and select are passed through with Tab', () => {
    const k = keyboardOf('am-thanh-hinh-anh');
    expect(k.trap).toBeNull();
    expect(k.stops.map((s) => s.element.snippet.match(/^<(\w+)/)![1])).toEqual(['a', 'audio', 'video', 'select', 'button']);
  });

  it('a trap names the one element holding the focus and keeps the presses, forward and backward', () => {
    for (const [name, selector] of [['bay-hen-gio', '#ma'], ['bay-blur', '#cccd'], ['bay-phim-tab', '#ghi']] as const) {
      const r = page(name, 'accessibility.no-keyboard-trap');
      expect(r.details.map((d) => (d.data as { element: { selector: string } }).element.selector)).toEqual([selector]);
      const k = keyboardOf(name);
      const held = k.stops.findIndex((s) => s.element.selector === selector);
      expect(k.trap!.forward.slice(-3).map((p) => [p.key, p.stop])).toEqual([['Tab', held], ['Tab', held], ['Tab', held]]);
      expect(k.trap!.backward.length).toBeGreaterThanOrEqual(3);
      expect(k.trap!.backward.every((p) => p.key === 'Shift+Tab' && p.stop === held)).toBe(true);
      // Nothing is claimed about what lies beyond the trap.
      expect(k.unreachable).toEqual([]);
      expect(k.completed).toBe(false);
    }
  });

  it('a trap whose way out the page tells is pressed with the told keys; told keys that do nothing leave it a trap', () => {
    expect(keyboardOf('bay-co-huong-dan').trap!.exit).toEqual({ announced: 'Nhấn Ctrl+M để thoát khỏi bản đồ.', revealedBy: null, tried: [{ keys: 'Ctrl+M', escaped: true }] });
    const help = keyboardOf('bay-nut-tro-giup').trap!.exit!;
    expect(help.revealedBy?.selector).toBe('#tro-giup');
    expect(help.tried).toEqual([{ keys: 'Ctrl+M', escaped: true }]);
    expect(keyboardOf('bay-huong-dan-sai').trap!.exit!.tried).toEqual([{ keys: 'Ctrl+M', escaped: false }]);
    expect(page('bay-huong-dan-sai', 'accessibility.no-keyboard-trap').details[0]!.text.vi).toContain('Ctrl+M không đưa tiêu điểm ra ngoài');
  });

  it('the clickable span is the one unreachable element, named by a unique selector; its twin is a Tab stop', () => {
    const k = keyboardOf('the-span-bam');
    expect(k.completed).toBe(true);
    expect(k.unreachable.map((u) => [u.selector, u.reason, u.frame])).toEqual([['#gui', 'listener', 0]]);
    expect(page('the-span-bam', 'accessibility.keyboard').details).toHaveLength(1);
    expect(keyboardOf('the-span-bam-sua').stops.map((s) => s.element.selector)).toContain('#gui');
  });

  it('no indicator: every stop fails on its own, with the focused crop kept as evidence', () => {
    const r = page('an-vien', 'accessibility.focus-visible');
    expect(r.details.map((d) => d.code)).toEqual(['keyboard.no_focus_indicator', 'keyboard.no_focus_indicator', 'keyboard.no_focus_indicator']);
    const k = keyboardOf('an-vien');
    expect(k.focus.every((f) => f.verdict === 'none' && f.changedArea === 0)).toBe(true);
    expect(Buffer.from(k.focus[0]!.crop!, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('indicators drawn around the element count: a wrapper outline, a shadow, a background', () => {
    const input = keyboardOf('vien-khung-bao').focus.find((f) => f.element.selector === '#tk')!;
    expect(input.verdict).toBe('visible');
    const button = keyboardOf('bong-do').focus.find((f) => f.element.snippet.startsWith('<button') && f.element.text === 'Tra cứu hồ sơ')!;
    expect(button.verdict).toBe('visible');
    const link = keyboardOf('doi-mau-nen').focus.find((f) => f.element.snippet.includes('class="nen"'))!;
    expect(link.verdict).toBe('visible');
    expect(link.strongArea).toBeGreaterThanOrEqual(link.requiredArea);
  });

  it('records its bounds: presses, stops and time', () => {
    const k = keyboardOf('bong-do');
    expect(k.bounds).toMatchObject({ maxStops: 40, settleMs: 120, forwardBudgetMs: 8000 });
    expect(k.forward.ms).toBeLessThan(k.bounds.forwardBudgetMs + 2000);
    expect(k.backward.presses.length).toBeGreaterThan(0);
  });
});
