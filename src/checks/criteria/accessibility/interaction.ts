// WCAG success criteria axe-core cannot test, judged from what the interaction probes did in
// the browser (evidence/accessibility/interaction.ts). Each fails only on what was seen and
// reproduced; everything a person has to look at is cant_tell, with the element named.
//  - 3.2.1 On focus, 3.2.2 On input (F52, F55, F36, F37; G13 and a submit button make it cant_tell)
//  - 2.4.1 Bypass blocks (G1 skip link, ARIA11 landmarks, H69 headings)
//  - 1.4.1 Use of colour (F73 and G183: links in text; required fields marked by colour)
//  - 1.3.1 and 3.3.2 form structure (H71 fieldset/legend, ARIA17 groups, H90 required marked in text)
import type { FindingDetail, Judgement, PageEvidence } from '../../types.ts';
import type { ElementRef } from '../../evidence/accessibility/frames.ts';
import type { ContextChangeEvidence, InteractionEvidence } from '../../evidence/accessibility/interaction.ts';
import type { Lang } from '../../../i18n.ts';
import { findingOfText, inBoth, judgement, type PageCriterion, verdict } from '../criterion.ts';
import { withAxeRules } from './axe-rules.ts';
import type { Citation } from '../basis.ts';
import { type MessageKey, msg, msgBoth } from '../../../messages/index.ts';

const BASIS: readonly Citation[] = [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }];

/** `#id (khung 1) "text"`: the element, its frame when not the top document, its text. */
const where = (el: ElementRef, lang: Lang) => `${el.selector}${el.frame ? msg(lang, 'a11y.element.frameParen', { frame: el.frame }) : ''}${el.text ? ` "${el.text}"` : ''}`;


/** The probe failed (its error), or did not run: the scanner's failure, never the portal's. */
function notRun(page: PageEvidence, probe: string, part: keyof InteractionEvidence): Judgement | null {
  const err = page.probeErrors.find((e) => e.probe === probe);
  if (err) return judgement('error', [findingOfText('interaction.probe_error', msgBoth('a11y.interaction.probeError', { probe, message: err.message }))]);
  if (!page.interaction || page.interaction[part] === null) return judgement('error', [findingOfText('interaction.not_run', msgBoth('a11y.interaction.notRun'))]);
  return null;
}

// ---------------------------------------------------------------------------------------
// Colours (WCAG relative luminance and contrast ratio).

export type Rgba = [number, number, number, number];

/** Parses a computed colour (`rgb(…)`, `rgba(…)`); null for anything else (color(), oklch(), …). */
export function parseColour(css: string): Rgba | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!m) return null;
  const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), a];
}

const blend = (fg: Rgba, bg: Rgba): Rgba => [0, 1, 2].map((k) => fg[k]! * fg[3] + bg[k]! * (1 - fg[3])).concat(1) as Rgba;

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio of two computed colours over a background (for translucent ones); null if unparsable. */
export function contrastRatio(a: string, b: string, background = 'rgb(255, 255, 255)'): number | null {
  const bg = parseColour(background);
  let ca = parseColour(a);
  let cb = parseColour(b);
  if (!ca || !cb || !bg || bg[3] < 1) return null;
  if (ca[3] < 1) ca = blend(ca, bg);
  if (cb[3] < 1) cb = blend(cb, bg);
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x) as [number, number];
  return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
}

// ---------------------------------------------------------------------------------------
// 3.2.1 On focus, 3.2.2 On input

const EFFECT_TEXT = {
  navigation: 'a11y.context.effect.navigation',
  popup: 'a11y.context.effect.popup',
  focus_moved: 'a11y.context.effect.focus_moved',
  content_replaced: 'a11y.context.effect.content_replaced',
  dialog: 'a11y.context.effect.dialog',
} as const satisfies Record<ContextChangeEvidence['effects'][number], MessageKey>;

/** What the change did ("chuyển sang trang khác (https://…)"), in the language. */
function describeChange(c: ContextChangeEvidence, lang: Lang): string {
  const what = c.effects.map((e) => msg(lang, EFFECT_TEXT[e])).join(', ');
  const to = c.navigatedTo ? ` (${c.navigatedTo})` : c.popupUrl ? ` (${c.popupUrl})` : c.focusTo ? ` (→ ${c.focusTo.selector})` : c.replaced !== null && c.effects.includes('content_replaced') ? ` (${Math.round(c.replaced * 100)}%)` : '';
  return what + to;
}

/** Why the context test stopped early: the probe's English words, in Vietnamese too. */
const STOPPED = { 'time budget': 'a11y.context.stopped.timeBudget', 'windows opened': 'a11y.context.stopped.windowsOpened', 'dialogs opened': 'a11y.context.stopped.dialogsOpened' } as const satisfies Record<string, MessageKey>;
const STOPPED_TEXT: Record<Lang, (stopped: string | null) => string> = {
  vi: (stopped) => (stopped === null || stopped === undefined ? msg('vi', 'a11y.context.stopped.elementLimit') : Object.hasOwn(STOPPED, stopped) ? msg('vi', STOPPED[stopped as keyof typeof STOPPED]) : stopped),
  en: (stopped) => stopped ?? msg('en', 'a11y.context.stopped.elementLimit'),
};

/** Whether one recorded change proves a failure (fail), needs a person (cant_tell), with why. */
export function judgeContextChange(c: ContextChangeEvidence): 'fail' | 'cant_tell' {
  if (!c.reproduced) return 'cant_tell';
  const hard = c.effects.filter((e) => e === 'navigation' || e === 'popup');
  if (c.action === 'focus') {
    // F52 (new window on load/focus), F55 (focus removed), and a new page when an element merely takes focus.
    if (hard.length || c.effects.includes('focus_moved') || c.effects.includes('content_replaced')) return 'fail';
    return 'cant_tell';
  }
  // On input: F36/F37 unless the user was told beforehand (G13) or a button confirms the change (G80, H32, H84).
  if (hard.length && !c.advisory && !c.submit) return 'fail';
  return 'cant_tell';
}

export const noChangeOnFocusInput: PageCriterion = {
  id: 'accessibility.no-change-on-focus-input',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.context.title'),
  description: msgBoth('a11y.context.description'),
  severity: 'serious',
  basis: BASIS,
  wcag: ['3.2.1', '3.2.2'],
  advice: msgBoth('a11y.context.advice'),
  judge(page) {
    const missing = notRun(page, 'interaction.context', 'context');
    if (missing) return missing;
    const ctx = page.interaction!.context!;
    if (ctx.candidates === 0) return judgement('not_applicable');
    const fails: FindingDetail[] = [];
    const doubts: FindingDetail[] = [];
    ctx.changes.forEach((c, i) => {
      const evidence = { blob: 'evidence' as const, path: `interaction.context.changes[${i}]` };
      const data = { ...c };
      const onFocus = c.action === 'focus';
      const code = onFocus ? 'on_focus' : 'on_input';
      if (judgeContextChange(c) === 'fail') {
        fails.push(findingOfText(`context.${code}`, inBoth((lang) => msg(lang, onFocus ? 'a11y.context.changedOnFocus' : 'a11y.context.changedOnInput', { element: where(c.el, lang), what: describeChange(c, lang) })), { data, evidence }));
      } else {
        const why = (lang: Lang) => !c.reproduced
          ? msg(lang, 'a11y.context.why.notReproduced')
          : c.advisory ? msg(lang, 'a11y.context.why.advisory', { advisory: c.advisory })
            : c.submit ? msg(lang, 'a11y.context.why.submit', { button: c.submit.selector })
              : msg(lang, 'a11y.context.why.review');
        doubts.push(findingOfText(`context.${code}_review`, inBoth((lang) => msg(lang, 'a11y.context.review', {
          element: where(c.el, lang), what: describeChange(c, lang), when: msg(lang, onFocus ? 'a11y.context.onFocus' : 'a11y.context.onInput'), why: why(lang),
        })), { data, evidence }));
      }
    });
    if (!fails.length && !doubts.length && (!ctx.fieldsComplete || ctx.stoppedBecause)) {
      doubts.push(findingOfText('context.incomplete', inBoth((lang) => msg(lang, 'a11y.context.incomplete', { focused: ctx.focused, changed: ctx.changed, stopped: STOPPED_TEXT[lang](ctx.stoppedBecause) })), { data: { ...ctx, changes: undefined }, evidence: { blob: 'evidence', path: 'interaction.context' } }));
    }
    return verdict(fails, doubts, [findingOfText('context.ok', msgBoth('a11y.context.ok', { focused: ctx.focused, changed: ctx.changed, candidates: ctx.candidates }))]);
  },
};

// ---------------------------------------------------------------------------------------
// 2.4.1 Bypass blocks

/** A block of at least this many focusable elements before the content is a block to bypass. */
export const REPEATED_MIN = 3;
/** Without any skip link, landmark or heading, this many before the content is a proven failure. */
export const REPEATED_FAIL = 10;

// axe's bypass fails any page without a heading, landmark or internal link, even one with
// nothing to bypass: a heuristic, so its violation alone asks a person.
const BYPASS_RULES = ['bypass'];

export const bypassBlocks: PageCriterion = {
  id: 'accessibility.bypass-blocks',
  area: 'accessibility',
  scope: 'page',
  // HTML's blocks, links in text and forms: not a standalone SVG or XML document's.
  documents: ['html'],
  title: msgBoth('a11y.bypass.title'),
  description: msgBoth('a11y.bypass.description'),
  severity: 'moderate',
  basis: BASIS,
  wcag: ['2.4.1'],
  advice: msgBoth('a11y.bypass.advice'),
  axeRules: BYPASS_RULES,
  judge: (page) => withAxeRules(judgeBypass(page), page, BYPASS_RULES, 'cant_tell'),
};

function judgeBypass(page: PageEvidence): Judgement {
  const missing = notRun(page, 'interaction.structure', 'bypass');
  if (missing) return missing;
  const top = page.interaction!.bypass!.find((b) => b.frame === 0);
  if (!top) return judgement('error', [findingOfText('bypass.no_top', msgBoth('a11y.bypass.noTop'))]);
  const i = page.interaction!.bypass!.indexOf(top);
  const evidence = { blob: 'evidence' as const, path: `interaction.bypass[${i}]` };
  const skip = top.skipLinks.filter((s) => s.skipText || s.target);
  const works = skip.find((s) => s.activated && (s.activated.focusInTarget || s.activated.nextTabInTarget || s.activated.targetInView));
  const broken = skip.filter((s) => s.skipText && !s.target);
  const dead = skip.filter((s) => s.target && s.activated && !works);
  const before = top.focusablesBeforeMain ?? top.focusables;
  const other = top.landmarks.main > 0 ? 'main' : top.headings > 0 ? 'headings' : null;
  const data = { ...top };
  if (works && !broken.length) return judgement('pass', [findingOfText('bypass.skip_link', inBoth((lang) => msg(lang, 'a11y.bypass.skipLink', { element: where(works.el, lang), target: works.target!.selector })), { data, evidence })]);
  if (broken.length) {
    const b = broken[0]!;
    const text = (lang: Lang) => msg(lang, 'a11y.bypass.skipLinkBroken', { element: where(b.el, lang), href: `${b.href}` });
    const still = works ? 'a11y.bypass.other.skipLink' : other === 'main' ? 'a11y.bypass.other.main' : 'a11y.bypass.other.headings';
    if (works || other) return judgement('cant_tell', [findingOfText('bypass.skip_link_broken_review', inBoth((lang) => msg(lang, 'a11y.bypass.skipLinkBrokenReview', { broken: text(lang), other: msg(lang, still) })), { data, evidence })]);
    return judgement('fail', [findingOfText('bypass.skip_link_broken', inBoth((lang) => msg(lang, 'a11y.bypass.skipLinkBrokenFail', { broken: text(lang), before })), { data, evidence })]);
  }
  if (other === 'main') return judgement('pass', [findingOfText('bypass.landmarks', inBoth((lang) => msg(lang, 'a11y.bypass.landmarks', { nav: top.landmarks.navigation ? msg(lang, 'a11y.bypass.landmarks.nav') : '' })), { data, evidence })]);
  if (dead.length) return judgement('cant_tell', [findingOfText('bypass.skip_link_no_effect', inBoth((lang) => msg(lang, 'a11y.bypass.skipLinkNoEffect', { element: where(dead[0]!.el, lang), target: dead[0]!.target!.selector })), { data, evidence })]);
  if (other === 'headings') return judgement('pass', [findingOfText('bypass.headings', msgBoth('a11y.bypass.headings', { headings: top.headings }), { data, evidence })]);
  if (before < REPEATED_MIN) return judgement('not_applicable', [findingOfText('bypass.no_block', msgBoth('a11y.bypass.noBlock', { before }), { data, evidence })]);
  if (before >= REPEATED_FAIL && top.mainStart !== null && top.titledFrames === 0) return judgement('fail', [findingOfText('bypass.none', msgBoth('a11y.bypass.none', { before }), { data, evidence })]);
  return judgement('cant_tell', [findingOfText('bypass.none_review', msgBoth('a11y.bypass.noneReview', { before }), { data, evidence })]);
}

// ---------------------------------------------------------------------------------------
// 1.4.1 Use of colour

// axe's link-in-text-block measures what 1.4.1 asks of links in text (3:1 and no other cue): proof.
const COLOUR_RULES = ['link-in-text-block'];

export const useOfColour: PageCriterion = {
  id: 'accessibility.use-of-colour',
  area: 'accessibility',
  scope: 'page',
  // HTML's blocks, links in text and forms: not a standalone SVG or XML document's.
  documents: ['html'],
  title: msgBoth('a11y.colour.title'),
  description: msgBoth('a11y.colour.description'),
  severity: 'serious',
  basis: BASIS,
  wcag: ['1.4.1'],
  advice: msgBoth('a11y.colour.advice'),
  axeRules: COLOUR_RULES,
  judge: (page) => withAxeRules(judgeUseOfColour(page), page, COLOUR_RULES, 'fail'),
};

function judgeUseOfColour(page: PageEvidence): Judgement {
  const missing = notRun(page, 'interaction.structure', 'links');
  if (missing) return missing;
  const ix = page.interaction!;
  const fails: FindingDetail[] = [];
  const doubts: FindingDetail[] = [];
  ix.links!.colourOnly.forEach((l, i) => {
    const ratio = contrastRatio(l.linkColour, l.textColour, l.background);
    const data = { ...l, contrast: ratio };
    const evidence = { blob: 'evidence' as const, path: `interaction.links.colourOnly[${i}]` };
    if (ratio === null) {
      doubts.push(findingOfText('colour.link_unknown', inBoth((lang) => msg(lang, 'a11y.colour.linkUnknown', { element: where(l.el, lang), linkColour: l.linkColour, textColour: l.textColour })), { data, evidence }));
    } else if (ratio < 3) {
      fails.push(findingOfText('colour.link_colour_only', inBoth((lang) => msg(lang, 'a11y.colour.linkColourOnly', { element: where(l.el, lang), ratio })), { data, evidence }));
    } else if (!(l.focusCues?.length || l.hoverCues?.length)) {
      const cues = l.focusCues === null ? 'a11y.colour.cues.notTried' : 'a11y.colour.cues.none';
      doubts.push(findingOfText('colour.link_no_hover_cue', inBoth((lang) => msg(lang, 'a11y.colour.linkNoHoverCue', { element: where(l.el, lang), ratio, cues: msg(lang, cues) })), { data, evidence }));
    }
  });
  const fields = ix.fields!;
  fields.forEach((f, i) => {
    if (!f.labelRed || f.asterisk || f.requiredWord) return;
    // Red among labels that are not: the colour sets this field apart from the others of its form.
    if (!fields.some((o) => o !== f && o.form === f.form && o.el.frame === f.el.frame && o.labelColours.length && !o.labelRed)) return;
    const data = { ...f, instruction: ix.colourInstruction };
    const evidence = { blob: 'evidence' as const, path: `interaction.fields[${i}]` };
    const instruction = ix.colourInstruction;
    if (instruction) fails.push(findingOfText('colour.required_by_colour', inBoth((lang) => msg(lang, 'a11y.colour.requiredByColour', { instruction, element: where(f.el, lang) })), { data, evidence }));
    else doubts.push(findingOfText('colour.label_colour_review', inBoth((lang) => msg(lang, 'a11y.colour.labelColourReview', { label: `${f.label}`, element: where(f.el, lang) })), { data, evidence }));
  });
  if (!ix.links!.inText && !fields.length) return judgement('not_applicable');
  return verdict(fails, doubts, [findingOfText('colour.ok', msgBoth('a11y.colour.ok', { links: ix.links!.inText, fields: fields.length }))]);
}

// ---------------------------------------------------------------------------------------
// 1.3.1 Info and relationships, 3.3.2 Labels or instructions (forms and visual headings)

export const formStructure: PageCriterion = {
  id: 'accessibility.form-structure',
  area: 'accessibility',
  scope: 'page',
  // HTML's blocks, links in text and forms: not a standalone SVG or XML document's.
  documents: ['html'],
  title: msgBoth('a11y.form.title'),
  description: msgBoth('a11y.form.description'),
  severity: 'moderate',
  basis: BASIS,
  wcag: ['1.3.1', '3.3.2'],
  advice: msgBoth('a11y.form.advice'),
  judge(page) {
    const missing = notRun(page, 'interaction.structure', 'fields');
    if (missing) return missing;
    const ix = page.interaction!;
    const fails: FindingDetail[] = [];
    const doubts: FindingDetail[] = [];
    ix.groups!.forEach((g, i) => {
      if (g.grouped || g.namesIncludeQuestion) return;
      const data = { ...g };
      const evidence = { blob: 'evidence' as const, path: `interaction.groups[${i}]` };
      const question = g.question;
      const group = (lang: Lang) => ({
        size: g.size, kind: msg(lang, g.kind === 'radio' ? 'a11y.form.kind.radio' : 'a11y.form.kind.checkbox'), name: `${g.name}`, element: where(g.el, lang),
        fix: msg(lang, 'a11y.form.groupFix', { question: question ? question : '', role: g.kind === 'radio' ? 'radiogroup' : 'group' }),
      });
      // Proven: a question shown before the options ("Giới tính:") that no option's name or description carries.
      if (question && /[:?]$/.test(question.trim())) {
        fails.push(findingOfText('form.group_unlabelled', inBoth((lang) => msg(lang, 'a11y.form.groupUnlabelled', { ...group(lang), question })), { data, evidence }));
      } else {
        doubts.push(findingOfText('form.group_review', inBoth((lang) => msg(lang, 'a11y.form.groupReview', { ...group(lang), before: question ? msg(lang, 'a11y.form.groupReview.before', { question }) : '' })), { data, evidence }));
      }
    });
    const fields = ix.fields!;
    const starred = fields.map((f, i) => ({ f, i })).filter(({ f }) => f.asterisk && !f.requiredWord);
    if (starred.length && !ix.asteriskExplained) {
      const { f, i } = starred[0]!;
      doubts.push(findingOfText('form.asterisk_unexplained', inBoth((lang) => msg(lang, 'a11y.form.asteriskUnexplained', { fields: starred.length, element: where(f.el, lang) })), { data: { ...f, count: starred.length }, evidence: { blob: 'evidence', path: `interaction.fields[${i}]` } }));
    }
    ix.pseudoHeadings!.forEach((h, i) => {
      doubts.push(findingOfText('form.visual_heading', inBoth((lang) => msg(lang, 'a11y.form.visualHeading', { element: where(h.el, lang), size: h.fontSize, weight: h.fontWeight, body: h.bodyFontSize })), { data: { ...h }, evidence: { blob: 'evidence', path: `interaction.pseudoHeadings[${i}]` } }));
    });
    if (!fields.length && !ix.groups!.length && !ix.pseudoHeadings!.length) return judgement('not_applicable');
    return verdict(fails, doubts, [findingOfText('form.ok', msgBoth('a11y.form.ok', { fields: fields.length, groups: ix.groups!.length }))]);
  },
};

export const INTERACTION_CRITERIA: readonly PageCriterion[] = [noChangeOnFocusInput, bypassBlocks, useOfColour, formStructure];
