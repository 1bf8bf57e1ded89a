// The pure judges of the presentation criteria (1.4.4, 1.4.10, 1.4.12) from hand-made evidence:
// what fails, what is for a person, what passes, and the viewport meta tag read as browsers do.
import { describe, expect, it } from 'vitest';
import { reflow, resizeText, textSpacing, viewportZoom } from '../../src/checks/criteria/accessibility/presentation.ts';
import type { ReflowEvidence, ResizeTextEvidence, TextClip, TextSpacingEvidence } from '../../src/checks/evidence/accessibility/presentation.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import type { AxeRuleSummary, PageEvidence } from '../../src/checks/types.ts';

const el = (selector: string, text = 'Thủ tục hành chính') => ({ selector, frame: 0, snippet: `<div class="${selector}">`, text });
const clip = (over: Partial<TextClip> = {}): TextClip => ({ el: el('#the'), container: el('#khung'), axis: 'y', hiddenPx: 20, fontSizePx: 16, exception: null, doubt: null, ...over });
const layout = { clipped: [], overlaps: [], textNodes: 10, truncated: false, frameErrors: [] };

function page(over: Partial<PageEvidence> = {}, axe: AxeRuleSummary[] = []): PageEvidence {
  const p = emptyEvidence('https://vidu.gov.vn/', 'other', new Date('2026-03-01T00:00:00Z'));
  p.axe = { version: '4.10', rules: axe, error: null };
  return { ...p, ...over };
}
const resize = (over: Partial<ResizeTextEvidence> = {}): ResizeTextEvidence => ({ ...layout, method: 'page_zoom', viewport: { width: 640, height: 512 }, overlapsBefore: 0, metaViewport: ['width=device-width, initial-scale=1'], ms: 100, ...over });
const flow = (over: Partial<ReflowEvidence> = {}): ReflowEvidence => ({ ...layout, width: 320, height: 256, scrollWidth: 320, clientWidth: 320, viewportClipsX: false, overflowing: [], ms: 100, ...over });
const spacing = (over: Partial<TextSpacingEvidence> = {}): TextSpacingEvidence => ({ ...layout, before: { clipped: 0, overlaps: 0 }, important: [], importantPassed: 0, ms: 100, ...over });
const axeRule = (id: string, result: AxeRuleSummary['result']): AxeRuleSummary => ({ id, result, impact: 'critical', tags: ['wcag2aa', 'wcag144'], help: id, nodes: 1, targets: ['meta'], helpUrl: null, elements: [{ frame: 0, selector: 'meta', snippet: '<meta>' }] });
const codes = (j: { details: Array<{ code: string }> }) => j.details.map((d) => d.code);

describe('the viewport meta tag, read as browsers read it (ACT b4f0c3)', () => {
  it.each([
    ['user-scalable=no', true], ['user-scalable=0.5', true], ['user-scalable=invalid', true], ['maximum-scale=1.0', true], ['maximum-scale=yes', true],
    ['user-scalable=yes, initial-scale=0.8, maximum-scale=1.5', true], ['maximum-scale=invalid', true],
    ['user-scalable=yes', false], ['user-scalable=5', false], ['maximum-scale=2.0', false], ['maximum-scale=-1', false], ['maximum-scale=device-width', false],
  ])('%s blocks zoom: %s', (content, blocked) => {
    expect(viewportZoom(content)!.blocked).toBe(blocked);
  });

  it('says nothing when the tag does not speak of zoom', () => {
    expect(viewportZoom('width=device-width, initial-scale=1')).toBeNull();
    expect(viewportZoom('')).toBeNull();
  });
});

describe('1.4.4 resize text', () => {
  it('fails on text clipped at 200%, naming the element; passes when nothing is', () => {
    const j = resizeText.judge(page({ resizeText: resize({ clipped: [clip()] }) }));
    expect(j.outcome).toBe('fail');
    expect(codes(j)).toEqual(['resize.clipped']);
    expect(j.details[0]!.data).toMatchObject({ el: { selector: '#the' }, container: { selector: '#khung' } });
    expect(resizeText.judge(page({ resizeText: resize() })).outcome).toBe('pass');
  });

  it('the exceptions of ACT 59br37 (one line by design, ellipsis) are not failures', () => {
    expect(resizeText.judge(page({ resizeText: resize({ clipped: [clip({ exception: 'line_height' }), clip({ axis: 'x', exception: 'ellipsis' })] }) })).outcome).toBe('pass');
  });

  it('clipping in a moving part and overlapping text are for a person', () => {
    const j = resizeText.judge(page({ resizeText: resize({ clipped: [clip({ doubt: 'moving' })], overlaps: [{ a: el('#a'), b: el('#b'), areaPx: 300 }] }) }));
    expect(j.outcome).toBe('cant_tell');
    expect(codes(j)).toEqual(['resize.clipped_maybe', 'resize.overlap']);
  });

  it('zoom blocked: our own reading when axe did not see it, axe alone when it did', () => {
    const blocked = resize({ metaViewport: ['width=device-width, user-scalable=invalid'] });
    expect(codes(resizeText.judge(page({ resizeText: blocked })))).toEqual(['resize.zoom_blocked']);
    expect(codes(resizeText.judge(page({ resizeText: blocked }, [axeRule('meta-viewport', 'violation')])))).toEqual(['axe.meta-viewport']);
  });

  it('a probe that failed is the scanner\'s error, unless axe proves a failure anyway', () => {
    const failed = { resizeText: null, probeErrors: [{ probe: 'resize-text', message: 'boom' }] };
    expect(resizeText.judge(page(failed)).outcome).toBe('error');
    expect(resizeText.judge(page(failed, [axeRule('meta-viewport', 'violation')])).outcome).toBe('fail');
  });
});

describe('1.4.10 reflow', () => {
  const over = (kind: ReflowEvidence['overflowing'][number]['kind'], what: string | null = null) => flow({ scrollWidth: 900, overflowing: [{ el: el('#cot'), right: 900, kind, what }] });

  it('fails when text needs sideways scrolling, passes for content that needs two dimensions', () => {
    expect(codes(reflow.judge(page({ reflow: over('content') })))).toEqual(['reflow.overflow']);
    const table = reflow.judge(page({ reflow: over('two_dimensional', 'table') }));
    expect(table.outcome).toBe('pass');
    expect(codes(table)).toEqual(['reflow.two_dimensional']);
  });

  it('overflow with nothing to read, off screen, a frame, or unexplained is for a person', () => {
    for (const kind of ['empty', 'offscreen', 'frame'] as const) expect(reflow.judge(page({ reflow: over(kind) })).outcome).toBe('cant_tell');
    expect(codes(reflow.judge(page({ reflow: flow({ scrollWidth: 400 }) })))).toEqual(['reflow.overflow_unexplained']);
  });

  it('fails on text clipped at 320 px', () => {
    expect(codes(reflow.judge(page({ reflow: flow({ viewportClipsX: true, scrollWidth: 700, clipped: [clip({ container: null, axis: 'x' })] }) })))).toEqual(['reflow.clipped']);
  });

  it('re-judges evidence stored before the probe by its widths', () => {
    expect(reflow.judge(page({ reflow: { width: 320, scrollWidth: 320, clientWidth: 320 } })).outcome).toBe('pass');
    expect(reflow.judge(page({ reflow: { width: 320, scrollWidth: 1200, clientWidth: 320 } })).outcome).toBe('fail');
  });
});

describe('1.4.12 text spacing', () => {
  const important = (property: 'letter-spacing' | 'word-spacing' | 'line-height') => ({ el: el('#p'), property, declared: '0.1em', valuePx: 1.6, fontSizePx: 16, ratio: 0.1, required: 0.12 });

  it('fails on each !important spacing below WCAG\'s values, with its own code', () => {
    const j = textSpacing.judge(page({ textSpacing: spacing({ important: [important('letter-spacing'), important('word-spacing'), important('line-height')] }) }));
    expect(j.outcome).toBe('fail');
    expect(codes(j)).toEqual(['spacing.important_letter', 'spacing.important_word', 'spacing.important_line_height']);
  });

  it('fails on text newly clipped; a one-line box, an ellipsis or overlap is for a person', () => {
    expect(codes(textSpacing.judge(page({ textSpacing: spacing({ clipped: [clip()] }) })))).toEqual(['spacing.clipped']);
    const j = textSpacing.judge(page({ textSpacing: spacing({ clipped: [clip({ exception: 'line_height' })], overlaps: [{ a: el('#a'), b: el('#b'), areaPx: 90 }] }) }));
    expect(j.outcome).toBe('cant_tell');
    expect(codes(j)).toEqual(['spacing.clipped_maybe', 'spacing.overlap']);
  });

  it("axe's avoid-inline-spacing counts only where our own check could not look at everything", () => {
    const axe = [axeRule('avoid-inline-spacing', 'violation')];
    expect(textSpacing.judge(page({ textSpacing: spacing() }, axe)).outcome).toBe('pass');
    expect(codes(textSpacing.judge(page({ textSpacing: spacing({ truncated: true }) }, axe)))).toEqual(['axe.avoid-inline-spacing']);
    expect(textSpacing.judge(page({ textSpacing: null }, axe)).outcome).toBe('fail');
    expect(textSpacing.judge(page({ textSpacing: null })).outcome).toBe('error');
  });
});
