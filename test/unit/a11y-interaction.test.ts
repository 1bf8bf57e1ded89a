// The pure judges of the interaction criteria: colours and contrast, what a recorded change of
// context proves, and each criterion's outcome from hand-made evidence.
import { describe, expect, it } from 'vitest';
import {
  bypassBlocks, contrastRatio, formStructure, judgeContextChange, noChangeOnFocusInput, parseColour, useOfColour,
} from '../../src/checks/criteria/accessibility/interaction.ts';
import type { BypassFrameEvidence, ContextChangeEvidence, InteractionEvidence } from '../../src/checks/evidence/accessibility/interaction.ts';
import { emptyInteraction } from '../../src/checks/evidence/accessibility/interaction.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import type { PageEvidence } from '../../src/checks/types.ts';

const el = (selector: string, text = '') => ({ selector, frame: 0, snippet: `<x id="${selector}">`, text });

function page(interaction: Partial<InteractionEvidence>): PageEvidence {
  const p = emptyEvidence('https://vidu.gov.vn/', 'other', new Date('2026-03-01T00:00:00Z'));
  p.interaction = { ...emptyInteraction(), links: { inText: 0, colourOnly: [] }, fields: [], groups: [], pseudoHeadings: [], ...interaction };
  return p;
}

const change = (over: Partial<ContextChangeEvidence>): ContextChangeEvidence => ({
  el: el('#tinh', 'Chọn tỉnh'), action: 'input', kind: 'select', effects: ['navigation'], navigatedTo: 'https://vidu.gov.vn/ket-qua', popupUrl: null,
  focusTo: null, replaced: 0, advisory: null, submit: null, reproduced: true, ...over,
});

const context = (changes: ContextChangeEvidence[], over: Partial<NonNullable<InteractionEvidence['context']>> = {}) => ({
  candidates: 10, fieldCandidates: 2, focused: 10, changed: 2, fieldsComplete: true, changes, restored: 'values' as const, stoppedBecause: null, ...over,
});

describe('colours', () => {
  it('parses computed colours and leaves other syntaxes unknown', () => {
    expect(parseColour('rgb(26, 26, 26)')).toEqual([26, 26, 26, 1]);
    expect(parseColour('rgba(0, 0, 0, 0.5)')).toEqual([0, 0, 0, 0.5]);
    expect(parseColour('oklch(0.5 0.1 200)')).toBeNull();
  });

  it('computes the WCAG contrast ratio, blending translucent colours over the background', () => {
    expect(contrastRatio('rgb(0, 0, 0)', 'rgb(255, 255, 255)')).toBe(21);
    expect(contrastRatio('rgb(61, 61, 92)', 'rgb(26, 26, 26)')).toBeLessThan(3);
    expect(contrastRatio('rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)', 'rgb(255, 255, 255)')).toBeCloseTo(3.95, 1);
    expect(contrastRatio('color(srgb 0 0 0)', 'rgb(0, 0, 0)')).toBeNull();
  });
});

describe('3.2.1 / 3.2.2: what a recorded change proves', () => {
  it('fails a reproduced navigation or window on input with no warning and no button', () => {
    expect(judgeContextChange(change({}))).toBe('fail');
    expect(judgeContextChange(change({ effects: ['popup'], navigatedTo: null }))).toBe('fail');
  });

  it('an advisory text, a submit button nearby, or a change seen only once needs a person', () => {
    expect(judgeContextChange(change({ advisory: 'Trang sẽ chuyển sang tỉnh đã chọn' }))).toBe('cant_tell');
    expect(judgeContextChange(change({ submit: el('#xem', 'Xem') }))).toBe('cant_tell');
    expect(judgeContextChange(change({ reproduced: false }))).toBe('cant_tell');
  });

  it('focus moved or content replaced on input is cant_tell; on focus it fails', () => {
    expect(judgeContextChange(change({ effects: ['focus_moved'] }))).toBe('cant_tell');
    expect(judgeContextChange(change({ effects: ['content_replaced'], replaced: 0.8 }))).toBe('cant_tell');
    expect(judgeContextChange(change({ action: 'focus', effects: ['focus_moved'] }))).toBe('fail');
    expect(judgeContextChange(change({ action: 'focus', effects: ['popup'] }))).toBe('fail');
    expect(judgeContextChange(change({ action: 'focus', effects: ['dialog'] }))).toBe('cant_tell');
  });

  it('the criterion: fail names the element; nothing tried is error; nothing to try is not_applicable; cut short is cant_tell', () => {
    const j = noChangeOnFocusInput.judge(page({ context: context([change({})]) }));
    expect(j.outcome).toBe('fail');
    expect(j.details[0]).toMatchObject({ code: 'context.on_input', evidence: { path: 'interaction.context.changes[0]' } });
    expect(j.details[0]!.text.vi).toContain('#tinh');
    expect(noChangeOnFocusInput.judge(page({})).outcome).toBe('error');
    expect(noChangeOnFocusInput.judge(page({ context: context([], { candidates: 0 }) })).outcome).toBe('not_applicable');
    expect(noChangeOnFocusInput.judge(page({ context: context([], { fieldsComplete: false, stoppedBecause: 'time budget' }) })).outcome).toBe('cant_tell');
    expect(noChangeOnFocusInput.judge(page({ context: context([]) })).outcome).toBe('pass');
  });

  it('a probe that failed makes the criterion error, never fail', () => {
    const p = page({ context: context([change({})]) });
    p.probeErrors.push({ probe: 'interaction.context', message: 'boom' });
    expect(noChangeOnFocusInput.judge(p).outcome).toBe('error');
  });
});

describe('2.4.1 bypass blocks', () => {
  const frame = (over: Partial<BypassFrameEvidence>): BypassFrameEvidence => ({
    frame: 0, focusables: 20, focusablesBeforeMain: 14, mainStart: 'text', skipLinks: [], landmarks: { main: 0, navigation: 0, banner: 0 }, headings: 0, titledFrames: 0, ...over,
  });
  const skip = (target: boolean, activated: boolean) => ({
    el: el('a.bo-qua', 'Bỏ qua đến nội dung chính'), href: '#noi-dung', target: target ? el('#noi-dung') : null, skipText: true,
    activated: activated ? { focusInTarget: false, nextTabInTarget: true, targetInView: true } : null,
  });
  const judge = (f: BypassFrameEvidence) => bypassBlocks.judge(page({ bypass: [f] }));

  it('a working skip link passes; a main landmark or headings pass with a note', () => {
    expect(judge(frame({ skipLinks: [skip(true, true)] })).outcome).toBe('pass');
    expect(judge(frame({ landmarks: { main: 1, navigation: 1, banner: 0 } })).details[0]!.code).toBe('bypass.landmarks');
    expect(judge(frame({ headings: 3 })).details[0]!.code).toBe('bypass.headings');
  });

  it('a skip link to nothing fails when nothing else helps, and needs a person when a landmark does', () => {
    expect(judge(frame({ skipLinks: [skip(false, false)] })).outcome).toBe('fail');
    expect(judge(frame({ skipLinks: [skip(false, false)], landmarks: { main: 1, navigation: 0, banner: 0 } })).outcome).toBe('cant_tell');
  });

  it('few elements before the content: not applicable; a short block without any mechanism: cant_tell; a long one: fail', () => {
    expect(judge(frame({ focusablesBeforeMain: 2 })).outcome).toBe('not_applicable');
    expect(judge(frame({ focusablesBeforeMain: 5 })).outcome).toBe('cant_tell');
    expect(judge(frame({ focusablesBeforeMain: 14 })).outcome).toBe('fail');
    expect(judge(frame({ focusablesBeforeMain: null, mainStart: null, focusables: 30 })).outcome).toBe('cant_tell');
  });
});

describe('1.4.1 use of colour', () => {
  const link = (linkColour: string, cues: string[] | null = []) => ({ el: el('p > a', 'quy định'), linkColour, textColour: 'rgb(26, 26, 26)', background: 'rgb(255, 255, 255)', focusCues: cues, hoverCues: cues });

  it('a colour-only link under 3:1 fails; over 3:1 with a hover/focus cue passes, without one needs a person', () => {
    expect(useOfColour.judge(page({ links: { inText: 1, colourOnly: [link('rgb(61, 61, 92)')] } })).outcome).toBe('fail');
    expect(useOfColour.judge(page({ links: { inText: 1, colourOnly: [link('rgb(0, 102, 204)', ['decoration:underline'])] } })).outcome).toBe('pass');
    expect(useOfColour.judge(page({ links: { inText: 1, colourOnly: [link('rgb(0, 102, 204)', [])] } })).outcome).toBe('cant_tell');
    expect(useOfColour.judge(page({ links: { inText: 1, colourOnly: [link('oklch(0.5 0.1 200)')] } })).outcome).toBe('cant_tell');
    expect(useOfColour.judge(page({})).outcome).toBe('not_applicable');
  });

  const field = (id: string, red: boolean, over = {}) => ({
    el: el(id), type: 'text', label: id, labelColours: [red ? 'rgb(192, 0, 0)' : 'rgb(26, 26, 26)'], labelRed: red, requiredAttr: false, asterisk: false, requiredWord: false, form: 0, ...over,
  });

  it('red labels among black ones: fail when the page says red means required, else cant_tell; a text marker passes', () => {
    const fields = [field('#ho-ten', true), field('#ghi-chu', false)];
    expect(useOfColour.judge(page({ fields, colourInstruction: 'Các trường có nhãn màu đỏ là bắt buộc' })).outcome).toBe('fail');
    expect(useOfColour.judge(page({ fields })).outcome).toBe('cant_tell');
    expect(useOfColour.judge(page({ fields: [field('#ho-ten', true, { requiredWord: true }), field('#ghi-chu', false)] })).outcome).toBe('pass');
    // Every label red: the colour sets no field apart.
    expect(useOfColour.judge(page({ fields: [field('#a', true), field('#b', true)] })).outcome).toBe('pass');
  });
});

describe('1.3.1 / 3.3.2 form structure', () => {
  const group = (over = {}) => ({ el: el('#gt-nam', 'Nam'), kind: 'radio' as const, name: 'gioi_tinh', size: 2, grouped: null, question: 'Giới tính:', namesIncludeQuestion: false, ...over });

  it('an ungrouped group with a visible question fails; without a clear question it needs a person; grouped passes', () => {
    expect(formStructure.judge(page({ groups: [group()] })).outcome).toBe('fail');
    expect(formStructure.judge(page({ groups: [group({ question: 'Lựa chọn khác' })] })).outcome).toBe('cant_tell');
    expect(formStructure.judge(page({ groups: [group({ grouped: 'fieldset' })] })).outcome).toBe('pass');
    expect(formStructure.judge(page({ groups: [group({ namesIncludeQuestion: true })] })).outcome).toBe('pass');
  });

  it('an unexplained asterisk and text styled as a heading are cant_tell, never fail', () => {
    const starred = { el: el('#ho-ten'), type: 'text', label: 'Họ tên *', labelColours: [], labelRed: false, requiredAttr: true, asterisk: true, requiredWord: false, form: 0 };
    expect(formStructure.judge(page({ fields: [starred] })).outcome).toBe('cant_tell');
    expect(formStructure.judge(page({ fields: [starred], asteriskExplained: true })).outcome).toBe('pass');
    expect(formStructure.judge(page({ pseudoHeadings: [{ el: el('div.tieu-de', 'Thủ tục nổi bật'), fontSize: 24, fontWeight: 700, bodyFontSize: 16 }] })).outcome).toBe('cant_tell');
    expect(formStructure.judge(page({})).outcome).toBe('not_applicable');
  });
});

describe("axe's rule for the same success criterion", () => {
  const axeViolation = (id: string) => ({
    id, result: 'violation' as const, impact: 'serious', tags: ['wcag2a'], help: id, nodes: 1, targets: ['p > a'], helpUrl: null,
    elements: [{ frame: 0, selector: 'p > a', snippet: '<a href="/quy-dinh">quy định</a>' }],
  });
  const withAxe = (p: PageEvidence, id: string) => {
    p.axe = { version: 'x', rules: [axeViolation(id)], error: null };
    return p;
  };

  it("link-in-text-block is proof: it fails use of colour even where our own look found nothing", () => {
    const judged = useOfColour.judge(withAxe(page({ links: { inText: 1, colourOnly: [] } }), 'link-in-text-block'));
    expect(judged.outcome).toBe('fail');
    expect(judged.details.map((d) => d.code)).toEqual(['axe.link-in-text-block']);
  });

  it("bypass is a heuristic: alone it asks a person; beside our own proven failure both are kept", () => {
    const small: BypassFrameEvidence = { frame: 0, skipLinks: [], landmarks: { main: 0, navigation: 0, banner: 0 }, headings: 0, focusables: 2, focusablesBeforeMain: 2, mainStart: 'text', titledFrames: 0 };
    const base = page({ bypass: [small] });
    expect(bypassBlocks.judge(base).outcome).toBe('not_applicable');
    expect(bypassBlocks.judge(withAxe(base, 'bypass')).outcome).toBe('cant_tell');
    const long = withAxe(page({ bypass: [{ ...small, focusables: 14, focusablesBeforeMain: 14 }] }), 'bypass');
    expect(bypassBlocks.judge(long).details.map((d) => d.code)).toEqual(['bypass.none', 'axe.bypass']);
  });
});
