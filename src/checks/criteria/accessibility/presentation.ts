// WCAG's presentation criteria, judged from what the presentation probes saw in the browser
// (evidence/accessibility/presentation.ts). Each fails only on what was measured: text cut off
// by overflow, text that needs sideways scrolling at 320 px, zoom or spacing blocked by the
// page's own code. Whatever may be intended (text over text, a moving part cut off by its
// frame) is cant_tell, with the elements named.
//  - 1.4.4 Resize text: the page at 200% (640×512 CSS px; ACT 59br37), zoom not blocked by
//    <meta name="viewport"> (ACT b4f0c3, axe meta-viewport)
//  - 1.4.10 Reflow: at 320×256 CSS px no sideways scrolling except for content that needs two
//    dimensions, and no text clipped
//  - 1.4.12 Text spacing: WCAG's spacing applied clips nothing new; no !important spacing below
//    it in style attributes (ACT 24afc2, 9e45ec, 78fd32; axe avoid-inline-spacing)
import type { ElementRef } from '../../evidence/accessibility/frames.ts';
import type { ImportantSpacing, ReflowEvidence, TextClip, TextOverlap } from '../../evidence/accessibility/presentation.ts';
import type { FindingDetail, Judgement, PageEvidence } from '../../types.ts';
import type { Citation } from '../basis.ts';
import type { Lang } from '../../../i18n.ts';
import { findingOfText, inBoth, judgement, type PageCriterion, verdict } from '../criterion.ts';
import { where } from './keyboard-common.ts';
import { cropOf, judgeAxeRules } from './axe-rules.ts';
import { type MessageKey, msg, msgBoth } from '../../../messages/index.ts';

const BASIS: readonly Citation[] = [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt26_2020' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }];

const withCrop = (page: PageEvidence, e: ElementRef) => {
  const crop = cropOf(page, e.frame, e.selector);
  return crop ? { crop } : {};
};

/** The probe failed (its error) or did not run: the scanner's failure, never the portal's. */
function notRun(page: PageEvidence, probe: string): Judgement {
  const err = page.probeErrors.find((e) => e.probe === probe);
  return judgement('error', [err
    ? findingOfText('presentation.probe_failed', msgBoth('a11y.presentation.probeFailed', { probe, message: err.message }), { data: { ...err } })
    : findingOfText('presentation.not_run', msgBoth('a11y.presentation.notRun', { probe }))]);
}


const AXIS = { x: 'a11y.presentation.axis.x', y: 'a11y.presentation.axis.y' } as const satisfies Record<TextClip['axis'], MessageKey>;
const DOUBT = {
  moving: 'a11y.presentation.doubt.moving',
  viewport_y: 'a11y.presentation.doubt.viewport_y',
} as const satisfies Record<NonNullable<TextClip['doubt']>, MessageKey>;

/** Where a finding was seen ("Khi phóng to 200% …"), in the language. */
type Context = (lang: Lang) => string;

/** One finding per clipped text; exceptions of ACT 59br37 (one line by design, ellipsis) are not reported. */
function clipDetails(page: PageEvidence, clips: TextClip[], code: string, path: string, context: Context, exceptionsDoubt = false): { fails: FindingDetail[]; doubts: FindingDetail[] } {
  const fails: FindingDetail[] = [];
  const doubts: FindingDetail[] = [];
  clips.forEach((c, i) => {
    if (c.exception && !exceptionsDoubt) return;
    const container = c.container;
    const by = (lang: Lang) => (container ? msg(lang, 'a11y.presentation.clippedBy.box', { box: container.selector }) : msg(lang, 'a11y.presentation.clippedBy.window'));
    const why = c.doubt ? DOUBT[c.doubt] : c.exception ? (c.exception === 'ellipsis' ? 'a11y.presentation.doubt.ellipsis' : 'a11y.presentation.doubt.oneLine') : null;
    const text = inBoth((lang) => {
      const vars = { when: context(lang), element: where(c.el, lang), by: by(lang), hidden: c.hiddenPx, axis: msg(lang, AXIS[c.axis]) };
      return why ? msg(lang, 'a11y.presentation.clippedMaybe', { ...vars, why: msg(lang, why) }) : msg(lang, 'a11y.presentation.clipped', vars);
    });
    const d = findingOfText(why ? `${code}_maybe` : code, text, { data: { ...c, ...withCrop(page, c.el) }, evidence: { blob: 'evidence', path: `${path}.clipped[${i}]` } });
    (why ? doubts : fails).push(d);
  });
  return { fails, doubts };
}

function overlapDetails(overlaps: TextOverlap[], code: string, path: string, context: Context): FindingDetail[] {
  return overlaps.map((o, i) => findingOfText(code,
    inBoth((lang) => msg(lang, 'a11y.presentation.overlap', { when: context(lang), a: where(o.a, lang), b: where(o.b, lang), area: o.areaPx })),
    { data: { ...o }, evidence: { blob: 'evidence', path: `${path}.overlaps[${i}]` } }));
}

// ---------------------------------------------------------------------------------------
// <meta name="viewport"> (ACT b4f0c3): user-scalable=no or maximum-scale below 2 blocks zoom.

/** A viewport property's value as browsers read it (css-viewport: yes 1, no 0, device-width/height 10, a number, else 0). */
function viewportNumber(v: string): number {
  const s = v.trim().toLowerCase();
  if (s === 'yes') return 1;
  if (s === 'no') return 0;
  if (s === 'device-width' || s === 'device-height') return 10;
  const n = parseFloat(s);
  return Number.isFinite(n) ? n : 0;
}

/** What a viewport content string does to zoom; null when it says nothing about zoom. */
export function viewportZoom(content: string): { blocked: boolean; userScalable: string | null; maximumScale: string | null } | null {
  const props = new Map<string, string>();
  for (const part of content.split(/[,;]/)) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S*)\s*$/.exec(part);
    if (m) props.set(m[1]!.toLowerCase(), m[2]!);
  }
  const us = props.get('user-scalable') ?? null;
  const ms = props.get('maximum-scale') ?? null;
  if (us === null && ms === null) return null;
  let blocked = false;
  if (us !== null) { const n = viewportNumber(us); if (n > -1 && n < 1) blocked = true; }
  if (ms !== null) { const n = viewportNumber(ms); if (n >= 0 && Math.min(10, Math.max(0.1, n)) < 2) blocked = true; }
  return { blocked, userScalable: us, maximumScale: ms };
}

// ---------------------------------------------------------------------------------------

export const RESIZE_TEXT_RULES = ['meta-viewport'];

export const resizeText: PageCriterion = {
  id: 'accessibility.resize-text',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.resize.title'),
  description: msgBoth('a11y.resize.description'),
  severity: 'serious',
  basis: BASIS,
  wcag: ['1.4.4'],
  axeRules: RESIZE_TEXT_RULES,
  documents: ['html'],
  advice: msgBoth('a11y.resize.advice'),
  judge(page) {
    const r = page.resizeText;
    const own: FindingDetail[] = [];
    let doubts: FindingDetail[] = [];
    const axeSaw = page.axe?.rules.some((x) => x.id === 'meta-viewport' && x.result === 'violation');
    (r?.metaViewport ?? []).forEach((content, i) => {
      const z = viewportZoom(content);
      if (z?.blocked && !axeSaw) own.push(findingOfText('resize.zoom_blocked', msgBoth('a11y.resize.zoomBlocked', { content }), { data: { content, ...z }, evidence: { blob: 'evidence', path: `resizeText.metaViewport[${i}]` } }));
    });
    const context: Context = (lang) => msg(lang, 'a11y.resize.context');
    if (r) {
      const c = clipDetails(page, r.clipped, 'resize.clipped', 'resizeText', context);
      own.push(...c.fails);
      doubts = [...c.doubts, ...overlapDetails(r.overlaps, 'resize.overlap', 'resizeText', context)];
    }
    const axe = judgeAxeRules(page, RESIZE_TEXT_RULES, own);
    if (axe.outcome === 'fail') return judgement('fail', [...axe.details, ...doubts]);
    if (!r) return notRun(page, 'resize-text');
    // Without axe, the viewport tag was read by our own parser above: the rest still stands.
    return verdict([], [...doubts, ...(axe.outcome === 'cant_tell' ? axe.details : [])]);
  },
};

// ---------------------------------------------------------------------------------------

const isProbed = (r: PageEvidence['reflow']): r is ReflowEvidence => !!r && 'overflowing' in r;

/** Why an element that makes the page scroll sideways may be fine, by the probe's kind. */
const UNCLEAR = {
  empty: 'a11y.reflow.unclear.empty', offscreen: 'a11y.reflow.unclear.offscreen', frame: 'a11y.reflow.unclear.frame',
} as const satisfies Record<string, MessageKey>;

export const reflow: PageCriterion = {
  id: 'accessibility.reflow',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.reflow.title'),
  description: msgBoth('a11y.reflow.description'),
  severity: 'moderate',
  basis: BASIS,
  wcag: ['1.4.10'],
  documents: ['html'],
  advice: msgBoth('a11y.reflow.advice'),
  judge(page) {
    const r = page.reflow;
    if (!r) return notRun(page, 'reflow');
    const width = r.width;
    if (!isProbed(r)) {
      // Evidence stored before the probe: only the widths.
      if (r.scrollWidth <= r.clientWidth + 1) return judgement('pass');
      return judgement('fail', [findingOfText('reflow.overflow', msgBoth('a11y.reflow.pageWide', { width, scrollWidth: r.scrollWidth }), { data: { ...r }, evidence: { blob: 'evidence', path: 'reflow' } })]);
    }
    const fails: FindingDetail[] = [];
    const doubts: FindingDetail[] = [];
    const notes: FindingDetail[] = [];
    r.overflowing.forEach((o, i) => {
      const data = { ...o, scrollWidth: r.scrollWidth, clientWidth: r.clientWidth, ...withCrop(page, o.el) };
      const evidence = { blob: 'evidence' as const, path: `reflow.overflowing[${i}]` };
      if (o.kind === 'content') {
        fails.push(findingOfText('reflow.overflow', inBoth((lang) => msg(lang, 'a11y.reflow.overflow', { width, element: where(o.el, lang), right: o.right })), { data, evidence }));
      } else if (o.kind === 'two_dimensional') {
        notes.push(findingOfText('reflow.two_dimensional', inBoth((lang) => msg(lang, 'a11y.reflow.twoDimensional', { element: where(o.el, lang), what: `${o.what}` })), { data, evidence }));
      } else {
        const why = UNCLEAR[o.kind];
        doubts.push(findingOfText('reflow.overflow_unclear', inBoth((lang) => msg(lang, 'a11y.reflow.overflowUnclear', { width, element: where(o.el, lang), right: o.right, why: msg(lang, why) })), { data, evidence }));
      }
    });
    if (r.scrollWidth > r.clientWidth + 1 && !r.viewportClipsX && !r.overflowing.length) {
      doubts.push(findingOfText('reflow.overflow_unexplained', msgBoth('a11y.reflow.overflowUnexplained', { width, scrollWidth: r.scrollWidth }), { data: { scrollWidth: r.scrollWidth, clientWidth: r.clientWidth }, evidence: { blob: 'evidence', path: 'reflow' } }));
    }
    const c = clipDetails(page, r.clipped, 'reflow.clipped', 'reflow', (lang) => msg(lang, 'a11y.reflow.context', { width }));
    return verdict([...fails, ...c.fails], [...doubts, ...c.doubts], notes);
  },
};

// ---------------------------------------------------------------------------------------

export const TEXT_SPACING_RULES = ['avoid-inline-spacing'];

const IMPORTANT_CODE: Record<ImportantSpacing['property'], string> = {
  'letter-spacing': 'spacing.important_letter', 'word-spacing': 'spacing.important_word', 'line-height': 'spacing.important_line_height',
};
const IMPORTANT_NAME: Record<ImportantSpacing['property'], { name: MessageKey; unit: string }> = {
  'letter-spacing': { name: 'a11y.spacing.property.letter-spacing', unit: '0.12em' },
  'word-spacing': { name: 'a11y.spacing.property.word-spacing', unit: '0.16em' },
  'line-height': { name: 'a11y.spacing.property.line-height', unit: '1.5' },
};

export const textSpacing: PageCriterion = {
  id: 'accessibility.text-spacing',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.spacing.title'),
  description: msgBoth('a11y.spacing.description'),
  severity: 'moderate',
  basis: BASIS,
  wcag: ['1.4.12'],
  axeRules: TEXT_SPACING_RULES,
  documents: ['html'],
  advice: msgBoth('a11y.spacing.advice'),
  judge(page) {
    const s = page.textSpacing;
    if (!s) {
      // Without the probe, axe's rule alone can fail the page (it flags what it sees; see below).
      const axe = judgeAxeRules(page, TEXT_SPACING_RULES);
      return axe.outcome === 'fail' ? axe : notRun(page, 'text-spacing');
    }
    const fails: FindingDetail[] = s.important.map((i, n) => {
      const name = IMPORTANT_NAME[i.property];
      return findingOfText(IMPORTANT_CODE[i.property],
        inBoth((lang) => msg(lang, 'a11y.spacing.important', {
          element: where(i.el, lang), name: msg(lang, name.name), property: i.property, declared: i.declared, px: i.valuePx, ratio: i.ratio, font: i.fontSizePx, least: name.unit,
        })),
        { data: { ...i, ...withCrop(page, i.el) }, evidence: { blob: 'evidence', path: `textSpacing.important[${n}]` } });
    });
    const context: Context = (lang) => msg(lang, 'a11y.spacing.context');
    // Clipping the spacing caused: a one-line box or an ellipsis may be by design, so those are for a person.
    const c = clipDetails(page, s.clipped, 'spacing.clipped', 'textSpacing', context, true);
    const doubts = [...c.doubts, ...overlapDetails(s.overlaps, 'spacing.overlap', 'textSpacing', context)];
    // axe's avoid-inline-spacing flags the declaration on any element, even one with no text of
    // its own (ACT 24afc2/9e45ec passed example 6, inapplicable example 2); our own check applies
    // the ACT rules exactly, so axe's violations count only where ours could not look at everything.
    const axe = s.truncated ? judgeAxeRules(page, TEXT_SPACING_RULES) : null;
    const axeFails = axe?.outcome === 'fail' ? axe.details : [];
    return verdict([...fails, ...c.fails, ...axeFails], doubts);
  },
};

export const PRESENTATION_CRITERIA: readonly PageCriterion[] = [resizeText, reflow, textSpacing];
