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
import { detail, judgement, type PageCriterion, verdict } from '../criterion.ts';
import { cropOf, judgeAxeRules } from './axe-rules.ts';
import { msgBoth } from '../../../messages/index.ts';

const BASIS: readonly Citation[] = [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt26_2020' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }];

const where = (e: ElementRef, lang: 'vi' | 'en') =>
  `${e.selector}${e.text ? ` ("${e.text.slice(0, 60)}")` : ''}${e.frame ? (lang === 'vi' ? ` trong khung ${e.frame}` : ` in frame ${e.frame}`) : ''}`;

const withCrop = (page: PageEvidence, e: ElementRef) => {
  const crop = cropOf(page, e.frame, e.selector);
  return crop ? { crop } : {};
};

/** The probe failed (its error) or did not run: the scanner's failure, never the portal's. */
function notRun(page: PageEvidence, probe: string): Judgement {
  const err = page.probeErrors.find((e) => e.probe === probe);
  return judgement('error', [err
    ? detail('presentation.probe_failed', `Lỗi công cụ khi thử trên trang (${probe}): ${err.message}`, `The in-browser test failed (${probe}): ${err.message}`, { data: { ...err } })
    : detail('presentation.not_run', `Chưa thử phần này trên trang (${probe}).`, `This test did not run on the page (${probe}).`)]);
}


const AXIS = { x: { vi: 'bên phải/trái', en: 'sideways' }, y: { vi: 'phía dưới/trên', en: 'vertically' } };
const DOUBT = {
  moving: { vi: 'nằm trong phần chuyển động (băng chuyền, hiệu ứng): có thể cố ý', en: 'it is in a moving part (carousel, transform, animation): it may be intended' },
  viewport_y: { vi: 'trang không cuộn dọc được (overflow hidden trên html/body): có thể do hộp thoại đang mở', en: 'the page cannot scroll down (overflow hidden on html/body): a dialog may be open' },
};

/** One finding per clipped text; exceptions of ACT 59br37 (one line by design, ellipsis) are not reported. */
function clipDetails(page: PageEvidence, clips: TextClip[], code: string, path: string, context: { vi: string; en: string }, exceptionsDoubt = false): { fails: FindingDetail[]; doubts: FindingDetail[] } {
  const fails: FindingDetail[] = [];
  const doubts: FindingDetail[] = [];
  clips.forEach((c, i) => {
    if (c.exception && !exceptionsDoubt) return;
    const by = c.container ? { vi: `khung ${c.container.selector} (overflow ẩn)`, en: `the box ${c.container.selector} (overflow hidden)` } : { vi: 'cửa sổ (overflow ẩn trên html/body)', en: 'the window (overflow hidden on html/body)' };
    const why = c.doubt ? DOUBT[c.doubt] : c.exception ? (c.exception === 'ellipsis' ? { vi: 'chữ bị cắt có dấu "…": có thể cố ý', en: 'it is cut with an ellipsis: it may be intended' } : { vi: 'khung chỉ cao một dòng: có thể cố ý', en: 'the box is one line high: it may be intended' }) : null;
    const vi = `${context.vi}, chữ của ${where(c.el, 'vi')} bị ${by.vi} cắt mất ${c.hiddenPx} điểm ảnh ${AXIS[c.axis].vi}${why ? ` — cần người xem: ${why.vi}` : ''}. Cách sửa: bỏ chiều cao/rộng cố định (dùng min-height, max-width) hoặc cho khung cuộn (overflow: auto).`;
    const en = `${context.en}, the text of ${where(c.el, 'en')} is cut off ${AXIS[c.axis].en} by ${by.en}: ${c.hiddenPx} px hidden${why ? ` — for a person to check: ${why.en}` : ''}. Fix: drop the fixed height/width (use min-height, max-width) or let the box scroll (overflow: auto).`;
    const d = detail(why ? `${code}_maybe` : code, vi, en, { data: { ...c, ...withCrop(page, c.el) }, evidence: { blob: 'evidence', path: `${path}.clipped[${i}]` } });
    (why ? doubts : fails).push(d);
  });
  return { fails, doubts };
}

function overlapDetails(overlaps: TextOverlap[], code: string, path: string, context: { vi: string; en: string }): FindingDetail[] {
  return overlaps.map((o, i) => detail(code,
    `${context.vi}, chữ của ${where(o.a, 'vi')} và ${where(o.b, 'vi')} đè lên nhau (${o.areaPx} điểm ảnh²) — cần người xem: có thể là cố ý (chữ đặt chồng lên ảnh nền, nhãn nổi).`,
    `${context.en}, the text of ${where(o.a, 'en')} and of ${where(o.b, 'en')} overlap (${o.areaPx} px²) — for a person to check: it may be intended (a floating label, text laid over a banner).`,
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
      if (z?.blocked && !axeSaw) own.push(detail('resize.zoom_blocked', `Thẻ meta viewport "${content}" chặn phóng to (user-scalable=no hoặc maximum-scale dưới 2).`, `The viewport meta tag "${content}" blocks zooming (user-scalable=no or maximum-scale below 2).`, { data: { content, ...z }, evidence: { blob: 'evidence', path: `resizeText.metaViewport[${i}]` } }));
    });
    const context = { vi: 'Khi phóng to 200% (640×512 điểm ảnh CSS)', en: 'Zoomed to 200% (640×512 CSS px)' };
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
      return judgement('fail', [detail('reflow.overflow', `Ở độ rộng ${width} điểm ảnh, trang rộng ${r.scrollWidth} điểm ảnh: phải cuộn ngang.`, `At ${width} px the page is ${r.scrollWidth} px wide: horizontal scrolling.`, { data: { ...r }, evidence: { blob: 'evidence', path: 'reflow' } })]);
    }
    const fails: FindingDetail[] = [];
    const doubts: FindingDetail[] = [];
    const notes: FindingDetail[] = [];
    r.overflowing.forEach((o, i) => {
      const data = { ...o, scrollWidth: r.scrollWidth, clientWidth: r.clientWidth, ...withCrop(page, o.el) };
      const evidence = { blob: 'evidence' as const, path: `reflow.overflowing[${i}]` };
      if (o.kind === 'content') {
        fails.push(detail('reflow.overflow', `Ở độ rộng ${width} điểm ảnh, ${where(o.el, 'vi')} tràn tới ${o.right} điểm ảnh: phải cuộn ngang để đọc chữ. Cách sửa: bỏ chiều rộng cố định, dùng max-width: 100% và cho chữ xuống dòng (overflow-wrap: anywhere với địa chỉ dài).`, `At ${width} px, ${where(o.el, 'en')} reaches ${o.right} px: its text needs horizontal scrolling. Fix: drop the fixed width, use max-width: 100% and let text wrap (overflow-wrap: anywhere for long addresses).`, { data, evidence }));
      } else if (o.kind === 'two_dimensional') {
        notes.push(detail('reflow.two_dimensional', `${where(o.el, 'vi')} rộng hơn màn hình nhưng là nội dung cần hai chiều (${o.what}): được phép cuộn ngang; nên đặt trong khung overflow-x: auto.`, `${where(o.el, 'en')} is wider than the screen but is content that needs two dimensions (${o.what}): it may scroll; better inside an overflow-x: auto box.`, { data, evidence }));
      } else {
        const why = { empty: { vi: 'không có chữ nào ra ngoài màn hình', en: 'no text of it is past the edge' }, offscreen: { vi: 'nó nằm hẳn ngoài màn hình (có thể là trình đơn ẩn)', en: 'it lies wholly off screen (maybe a hidden menu)' }, frame: { vi: 'đó là một khung nhúng (có thể là bản đồ)', en: 'it is an embedded frame (maybe a map)' } }[o.kind];
        doubts.push(detail('reflow.overflow_unclear', `Ở độ rộng ${width} điểm ảnh, ${where(o.el, 'vi')} làm trang phải cuộn ngang tới ${o.right} điểm ảnh, nhưng ${why.vi}: cần người xem.`, `At ${width} px, ${where(o.el, 'en')} makes the page scroll sideways to ${o.right} px, but ${why.en}: for a person to check.`, { data, evidence }));
      }
    });
    if (r.scrollWidth > r.clientWidth + 1 && !r.viewportClipsX && !r.overflowing.length) {
      doubts.push(detail('reflow.overflow_unexplained', `Ở độ rộng ${width} điểm ảnh, trang rộng ${r.scrollWidth} điểm ảnh nhưng không tìm ra phần tử gây tràn: cần người xem.`, `At ${width} px the page is ${r.scrollWidth} px wide but no element was found sticking out: for a person to check.`, { data: { scrollWidth: r.scrollWidth, clientWidth: r.clientWidth }, evidence: { blob: 'evidence', path: 'reflow' } }));
    }
    const c = clipDetails(page, r.clipped, 'reflow.clipped', 'reflow', { vi: `Ở độ rộng ${width} điểm ảnh`, en: `At ${width} px` });
    return verdict([...fails, ...c.fails], [...doubts, ...c.doubts], notes);
  },
};

// ---------------------------------------------------------------------------------------

export const TEXT_SPACING_RULES = ['avoid-inline-spacing'];

const IMPORTANT_CODE: Record<ImportantSpacing['property'], string> = {
  'letter-spacing': 'spacing.important_letter', 'word-spacing': 'spacing.important_word', 'line-height': 'spacing.important_line_height',
};
const IMPORTANT_NAME: Record<ImportantSpacing['property'], { vi: string; en: string; unit: string }> = {
  'letter-spacing': { vi: 'khoảng cách chữ', en: 'letter spacing', unit: '0.12em' },
  'word-spacing': { vi: 'khoảng cách từ', en: 'word spacing', unit: '0.16em' },
  'line-height': { vi: 'chiều cao dòng', en: 'line height', unit: '1.5' },
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
      return detail(IMPORTANT_CODE[i.property],
        `${where(i.el, 'vi')} khóa ${name.vi} bằng "${i.property}: ${i.declared} !important" trong thuộc tính style (${i.valuePx} điểm ảnh, ${i.ratio} lần cỡ chữ ${i.fontSizePx} điểm ảnh, dưới ${name.unit}): người dùng không tăng được. Cách sửa: bỏ !important hoặc đặt ít nhất ${name.unit}.`,
        `${where(i.el, 'en')} locks its ${name.en} with "${i.property}: ${i.declared} !important" in its style attribute (${i.valuePx} px, ${i.ratio} × its ${i.fontSizePx} px font, below ${name.unit}): users cannot increase it. Fix: drop !important or set at least ${name.unit}.`,
        { data: { ...i, ...withCrop(page, i.el) }, evidence: { blob: 'evidence', path: `textSpacing.important[${n}]` } });
    });
    const context = { vi: 'Khi tăng giãn dòng, giãn chữ, giãn từ theo WCAG', en: "With WCAG's text spacing applied" };
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
