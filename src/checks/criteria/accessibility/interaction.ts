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
import { detail, judgement, type PageCriterion, verdict } from '../criterion.ts';
import { withAxeRules } from './axe-rules.ts';
import type { Citation } from '../basis.ts';
import { msgBoth } from '../../../messages/index.ts';

const BASIS: readonly Citation[] = [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }];

const where = (el: ElementRef) => `${el.selector}${el.frame ? ` (khung ${el.frame})` : ''}${el.text ? ` "${el.text}"` : ''}`;
const whereEn = (el: ElementRef) => `${el.selector}${el.frame ? ` (frame ${el.frame})` : ''}${el.text ? ` "${el.text}"` : ''}`;


/** The probe failed (its error), or did not run: the scanner's failure, never the portal's. */
function notRun(page: PageEvidence, probe: string, part: keyof InteractionEvidence): Judgement | null {
  const err = page.probeErrors.find((e) => e.probe === probe);
  if (err) return judgement('error', [detail('interaction.probe_error', `Lỗi công cụ khi thử trên trang (${probe}): ${err.message}.`, `The in-browser test failed (${probe}): ${err.message}.`)]);
  if (!page.interaction || page.interaction[part] === null) return judgement('error', [detail('interaction.not_run', 'Chưa thử phần này trên trang.', 'This test did not run on the page.')]);
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

const EFFECT_TEXT: Record<string, { vi: string; en: string }> = {
  navigation: { vi: 'chuyển sang trang khác', en: 'navigated to another page' },
  popup: { vi: 'mở cửa sổ mới', en: 'opened a new window' },
  focus_moved: { vi: 'chuyển tiêu điểm đi nơi khác', en: 'moved the focus elsewhere' },
  content_replaced: { vi: 'thay phần lớn nội dung trang', en: 'replaced most of the page content' },
  dialog: { vi: 'mở hộp thoại', en: 'opened a dialog' },
};

function describeChange(c: ContextChangeEvidence): { vi: string; en: string } {
  const vi = c.effects.map((e) => EFFECT_TEXT[e]!.vi).join(', ');
  const en = c.effects.map((e) => EFFECT_TEXT[e]!.en).join(', ');
  const to = c.navigatedTo ? ` (${c.navigatedTo})` : c.popupUrl ? ` (${c.popupUrl})` : c.focusTo ? ` (→ ${c.focusTo.selector})` : c.replaced !== null && c.effects.includes('content_replaced') ? ` (${Math.round(c.replaced * 100)}%)` : '';
  return { vi: vi + to, en: en + to };
}

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
      const what = describeChange(c);
      const evidence = { blob: 'evidence' as const, path: `interaction.context.changes[${i}]` };
      const data = { ...c };
      const on = c.action === 'focus' ? { vi: 'khi nhận tiêu điểm', en: 'when it receives focus', code: 'on_focus' } : { vi: 'khi thay đổi giá trị', en: 'when its value is changed', code: 'on_input' };
      if (judgeContextChange(c) === 'fail') {
        const fix = c.action === 'focus'
          ? { vi: 'Chỉ thực hiện hành động khi người dùng kích hoạt (nhấn nút), không phải khi phần tử nhận tiêu điểm.', en: 'Act only when the user activates a control (presses a button), not when an element receives focus.' }
          : { vi: 'Thêm nút "Xem"/"Gửi" để người dùng xác nhận, hoặc ghi rõ trước ô nhập điều gì sẽ xảy ra.', en: 'Add a "Go"/"Submit" button for the user to confirm, or say beside the control what will happen.' };
        fails.push(detail(`context.${on.code}`, `${where(c.el)} ${what.vi} ${on.vi}. ${fix.vi}`, `${whereEn(c.el)} ${what.en} ${on.en}. ${fix.en}`, { data, evidence }));
      } else {
        const why = !c.reproduced
          ? { vi: 'chỉ thấy một lần, lần thử lại không lặp lại', en: 'seen once, not on the second try' }
          : c.advisory ? { vi: `có ghi chú báo trước: "${c.advisory}"`, en: `an advisory text is beside it: "${c.advisory}"` }
            : c.submit ? { vi: `có nút xác nhận gần đó (${c.submit.selector})`, en: `a confirming button is near (${c.submit.selector})` }
              : { vi: 'cần người kiểm tra xem đây có phải là thay đổi ngữ cảnh không', en: 'a person must judge whether this is a change of context' };
        doubts.push(detail(`context.${on.code}_review`, `${where(c.el)} ${what.vi} ${on.vi}; ${why.vi}. Cần kiểm tra thủ công.`, `${whereEn(c.el)} ${what.en} ${on.en}; ${why.en}. Needs a manual check.`, { data, evidence }));
      }
    });
    if (!fails.length && !doubts.length && (!ctx.fieldsComplete || ctx.stoppedBecause)) {
      doubts.push(detail('context.incomplete', `Chưa thử hết các trường (${ctx.focused} lần đưa tiêu điểm, ${ctx.changed} lần đổi giá trị; dừng vì: ${ctx.stoppedBecause ?? 'giới hạn số phần tử'}).`, `Not every field was tried (${ctx.focused} focused, ${ctx.changed} changed; stopped: ${ctx.stoppedBecause ?? 'element limit'}).`, { data: { ...ctx, changes: undefined }, evidence: { blob: 'evidence', path: 'interaction.context' } }));
    }
    return verdict(fails, doubts, [detail('context.ok', `Đã đưa tiêu điểm vào ${ctx.focused} phần tử và đổi giá trị ${ctx.changed} trường: không có thay đổi ngữ cảnh (trên ${ctx.candidates} phần tử nhận tiêu điểm).`, `Focused ${ctx.focused} elements and changed ${ctx.changed} fields: no change of context (of ${ctx.candidates} focusable elements).`)]);
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
  if (!top) return judgement('error', [detail('bypass.no_top', 'Không đọc được tài liệu chính của trang.', 'The top document could not be read.')]);
  const i = page.interaction!.bypass!.indexOf(top);
  const evidence = { blob: 'evidence' as const, path: `interaction.bypass[${i}]` };
  const skip = top.skipLinks.filter((s) => s.skipText || s.target);
  const works = skip.find((s) => s.activated && (s.activated.focusInTarget || s.activated.nextTabInTarget || s.activated.targetInView));
  const broken = skip.filter((s) => s.skipText && !s.target);
  const dead = skip.filter((s) => s.target && s.activated && !works);
  const before = top.focusablesBeforeMain ?? top.focusables;
  const other = top.landmarks.main > 0 ? 'main' : top.headings > 0 ? 'headings' : null;
  const data = { ...top };
  if (works && !broken.length) return judgement('pass', [detail('bypass.skip_link', `Liên kết bỏ qua ${where(works.el)} hoạt động (đưa tới ${works.target!.selector}).`, `The skip link ${whereEn(works.el)} works (goes to ${works.target!.selector}).`, { data, evidence })]);
  if (broken.length) {
    const b = broken[0]!;
    const text = { vi: `Liên kết bỏ qua ${where(b.el)} trỏ tới "${b.href}" nhưng trang không có phần tử đó. Đặt id tương ứng cho vùng nội dung chính (ví dụ <main id="noi-dung">).`, en: `The skip link ${whereEn(b.el)} points to "${b.href}" but the page has no such element. Give the main content that id (e.g. <main id="noi-dung">).` };
    if (works || other) return judgement('cant_tell', [detail('bypass.skip_link_broken_review', `${text.vi} Trang vẫn có ${works ? 'một liên kết bỏ qua khác' : other === 'main' ? 'vùng mốc main' : 'tiêu đề mục'}: cần kiểm tra thủ công.`, `${text.en} The page still has ${works ? 'another skip link' : other === 'main' ? 'a main landmark' : 'headings'}: needs a manual check.`, { data, evidence })]);
    return judgement('fail', [detail('bypass.skip_link_broken', `${text.vi} Trang cũng không có vùng mốc hay tiêu đề mục để bỏ qua ${before} phần tử đứng trước nội dung.`, `${text.en} Nor has the page landmarks or headings to skip the ${before} elements before the content.`, { data, evidence })]);
  }
  if (other === 'main') return judgement('pass', [detail('bypass.landmarks', `Trang có vùng mốc main${top.landmarks.navigation ? ' và nav' : ''} (kỹ thuật ARIA11).`, `The page has a main landmark${top.landmarks.navigation ? ' and navigation' : ''} (technique ARIA11).`, { data, evidence })]);
  if (dead.length) return judgement('cant_tell', [detail('bypass.skip_link_no_effect', `Nhấn Enter trên liên kết bỏ qua ${where(dead[0]!.el)} không thấy tiêu điểm hay vị trí cuộn tới ${dead[0]!.target!.selector}: cần kiểm tra thủ công.`, `Pressing Enter on the skip link ${whereEn(dead[0]!.el)} moved neither focus nor scroll to ${dead[0]!.target!.selector}: needs a manual check.`, { data, evidence })]);
  if (other === 'headings') return judgement('pass', [detail('bypass.headings', `Trang có ${top.headings} tiêu đề mục để nhảy tới nội dung (kỹ thuật H69); nên thêm vùng mốc <main>.`, `The page has ${top.headings} headings to jump to the content (technique H69); a <main> landmark would help too.`, { data, evidence })]);
  if (before < REPEATED_MIN) return judgement('not_applicable', [detail('bypass.no_block', `Chỉ ${before} phần tử nhận tiêu điểm đứng trước nội dung: không có khối lặp lại cần bỏ qua.`, `Only ${before} focusable elements before the content: no repeated block to bypass.`, { data, evidence })]);
  const none = { vi: `Có ${before} phần tử nhận tiêu điểm đứng trước nội dung mà trang không có liên kết bỏ qua, vùng mốc hay tiêu đề mục. Thêm liên kết "Bỏ qua đến nội dung chính" đầu trang và bọc nội dung trong <main>.`, en: `${before} focusable elements come before the content and the page has no skip link, landmark or heading. Add a "Skip to main content" link at the top and wrap the content in <main>.` };
  if (before >= REPEATED_FAIL && top.mainStart !== null && top.titledFrames === 0) return judgement('fail', [detail('bypass.none', none.vi, none.en, { data, evidence })]);
  return judgement('cant_tell', [detail('bypass.none_review', `${none.vi} Cần kiểm tra xem đó có phải khối lặp lại trên các trang không.`, `${none.en} A person must check whether they are repeated across pages.`, { data, evidence })]);
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
    const fix = { vi: 'Gạch chân liên kết trong đoạn văn (text-decoration: underline).', en: 'Underline links inside text (text-decoration: underline).' };
    if (ratio === null) {
      doubts.push(detail('colour.link_unknown', `Liên kết ${where(l.el)} chỉ khác chữ xung quanh ở màu (${l.linkColour} so với ${l.textColour}); không tính được độ tương phản.`, `The link ${whereEn(l.el)} differs from the text around it only by colour (${l.linkColour} vs ${l.textColour}); contrast could not be computed.`, { data, evidence }));
    } else if (ratio < 3) {
      fails.push(detail('colour.link_colour_only', `Liên kết ${where(l.el)} chỉ khác chữ xung quanh ở màu, tương phản ${ratio}:1 (< 3:1). ${fix.vi}`, `The link ${whereEn(l.el)} differs from the surrounding text only by colour, contrast ${ratio}:1 (< 3:1). ${fix.en}`, { data, evidence }));
    } else if (!(l.focusCues?.length || l.hoverCues?.length)) {
      doubts.push(detail('colour.link_no_hover_cue', `Liên kết ${where(l.el)} khác chữ xung quanh bằng màu với tương phản ${ratio}:1, nhưng ${l.focusCues === null ? 'chưa thử' : 'không thấy'} dấu hiệu thêm khi di chuột hay nhận tiêu điểm (kỹ thuật G183). ${fix.vi}`, `The link ${whereEn(l.el)} differs by colour with ${ratio}:1 contrast, but ${l.focusCues === null ? 'hover and focus were not tried' : 'shows no extra cue on hover or focus'} (technique G183). ${fix.en}`, { data, evidence }));
    }
  });
  const fields = ix.fields!;
  fields.forEach((f, i) => {
    if (!f.labelRed || f.asterisk || f.requiredWord) return;
    // Red among labels that are not: the colour sets this field apart from the others of its form.
    if (!fields.some((o) => o !== f && o.form === f.form && o.el.frame === f.el.frame && o.labelColours.length && !o.labelRed)) return;
    const data = { ...f, instruction: ix.colourInstruction };
    const evidence = { blob: 'evidence' as const, path: `interaction.fields[${i}]` };
    const fix = { vi: 'Thêm chữ "(bắt buộc)" hoặc dấu "*" có giải thích vào nhãn, và thuộc tính required.', en: 'Add "(required)" or an explained "*" to the label, and the required attribute.' };
    if (ix.colourInstruction) fails.push(detail('colour.required_by_colour', `Trang ghi "${ix.colourInstruction}" nhưng nhãn của ${where(f.el)} chỉ được đánh dấu bằng màu đỏ. ${fix.vi}`, `The page says "${ix.colourInstruction}" but the label of ${whereEn(f.el)} is marked only by its red colour. ${fix.en}`, { data, evidence }));
    else doubts.push(detail('colour.label_colour_review', `Nhãn "${f.label}" của ${where(f.el)} có màu đỏ khác các nhãn khác mà không có chữ hay dấu nào đi kèm: nếu màu báo trường bắt buộc, đó là lỗi. ${fix.vi}`, `The label "${f.label}" of ${whereEn(f.el)} is red, unlike the others, with no text or mark: if the colour means required, that fails. ${fix.en}`, { data, evidence }));
  });
  if (!ix.links!.inText && !fields.length) return judgement('not_applicable');
  return verdict(fails, doubts, [detail('colour.ok', `${ix.links!.inText} liên kết trong đoạn văn và ${fields.length} trường: không thấy thông tin chỉ truyền đạt bằng màu.`, `${ix.links!.inText} links in text and ${fields.length} fields: nothing conveyed by colour alone was found.`)]);
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
      const kind = g.kind === 'radio' ? { vi: 'nút chọn một', en: 'radio buttons' } : { vi: 'ô đánh dấu', en: 'checkboxes' };
      const fix = { vi: `Bọc các lựa chọn trong <fieldset> với <legend>${g.question ? g.question : ''}</legend>, hoặc role="${g.kind === 'radio' ? 'radiogroup' : 'group'}" với aria-labelledby.`, en: `Wrap the options in a <fieldset> with a <legend>${g.question ? g.question : ''}</legend>, or role="${g.kind === 'radio' ? 'radiogroup' : 'group'}" with aria-labelledby.` };
      // Proven: a question shown before the options ("Giới tính:") that no option's name or description carries.
      if (g.question && /[:?]$/.test(g.question.trim())) {
        fails.push(detail('form.group_unlabelled', `Nhóm ${g.size} ${kind.vi} "${g.name}" (${where(g.el)}) có câu hỏi "${g.question}" hiển thị nhưng không gắn với nhóm: trình đọc màn hình chỉ đọc từng lựa chọn. ${fix.vi}`, `The group of ${g.size} ${kind.en} "${g.name}" (${whereEn(g.el)}) shows the question "${g.question}" but it is not tied to the group: a screen reader announces only each option. ${fix.en}`, { data, evidence }));
      } else {
        doubts.push(detail('form.group_review', `Nhóm ${g.size} ${kind.vi} "${g.name}" (${where(g.el)}) không nằm trong fieldset hay nhóm có tên${g.question ? `; chữ đứng trước: "${g.question}"` : ''}: cần kiểm tra xem có câu hỏi chung không. ${fix.vi}`, `The group of ${g.size} ${kind.en} "${g.name}" (${whereEn(g.el)}) has no fieldset or named group${g.question ? `; text before it: "${g.question}"` : ''}: check whether the options share a question. ${fix.en}`, { data, evidence }));
      }
    });
    const fields = ix.fields!;
    const starred = fields.map((f, i) => ({ f, i })).filter(({ f }) => f.asterisk && !f.requiredWord);
    if (starred.length && !ix.asteriskExplained) {
      const { f, i } = starred[0]!;
      doubts.push(detail('form.asterisk_unexplained', `${starred.length} trường có dấu "*" (ví dụ ${where(f.el)}) mà trang không giải thích dấu "*" nghĩa là bắt buộc. Thêm câu "Các trường có dấu * là bắt buộc" ở đầu biểu mẫu.`, `${starred.length} fields carry "*" (e.g. ${whereEn(f.el)}) and the page does not say that "*" means required. Add "Fields marked * are required" at the top of the form.`, { data: { ...f, count: starred.length }, evidence: { blob: 'evidence', path: `interaction.fields[${i}]` } }));
    }
    ix.pseudoHeadings!.forEach((h, i) => {
      doubts.push(detail('form.visual_heading', `${where(h.el)} trông như tiêu đề (cỡ chữ ${h.fontSize}px, đậm ${h.fontWeight}, chữ thường ${h.bodyFontSize}px) nhưng không đánh dấu là tiêu đề: nếu đúng là tiêu đề, dùng <h2>…<h6>.`, `${whereEn(h.el)} looks like a heading (${h.fontSize}px, weight ${h.fontWeight}, body text ${h.bodyFontSize}px) but is not marked up as one: if it is a heading, use <h2>…<h6>.`, { data: { ...h }, evidence: { blob: 'evidence', path: `interaction.pseudoHeadings[${i}]` } }));
    });
    if (!fields.length && !ix.groups!.length && !ix.pseudoHeadings!.length) return judgement('not_applicable');
    return verdict(fails, doubts, [detail('form.ok', `${fields.length} trường, ${ix.groups!.length} nhóm lựa chọn: cấu trúc được đánh dấu.`, `${fields.length} fields, ${ix.groups!.length} option groups: the structure is marked up.`)]);
  },
};

export const INTERACTION_CRITERIA: readonly PageCriterion[] = [noChangeOnFocusInput, bypassBlocks, useOfColour, formStructure];
