// 2.4.4 Link purpose (in context): axe's link-name (every link has a name), plus what axe does
// not judge. A link whose name says nothing out of context ("xem tại đây", "tải về", "read
// more") fails only when it has no context at all; WCAG lets the purpose come from the
// sentence, paragraph, list item or table cell around it, its header cells, its description
// (aria-describedby, title) or the heading before it, and whether that context says where the
// link leads is for a person to judge: cant_tell, naming the link. Links with the same name
// and the same context that lead to different places may confuse (ACT fd3a94; they may still
// serve one purpose, a redirect or a copy): cant_tell too.
import type { FindingDetail, LinkRecord, PageEvidence } from '../../types.ts';
import { findingOfText, inBoth, judgement, type PageCriterion } from '../criterion.ts';
import { frameNote, judgeAxeRules } from './axe-rules.ts';
import { msg, msgBoth } from '../../../messages/index.ts';

export const LINK_PURPOSE_RULES = ['link-name'];

/** Link names that say nothing out of context (compared lower-case, trailing punctuation dropped). */
export const GENERIC_LINK_TEXT = new Set([
  'click vào đây', 'bấm vào đây', 'nhấn vào đây', 'nhấp vào đây', 'kích vào đây', 'vào đây', 'xem tại đây', 'tại đây', 'ở đây', 'đây',
  'xem', 'xem thêm', 'xem tiếp', 'chi tiết', 'xem chi tiết', 'đọc thêm', 'đọc tiếp', 'tiếp tục', 'tiếp', 'thêm', 'tải về', 'tải xuống', 'tải',
  'link', 'liên kết', 'đường dẫn', 'click', 'bấm', 'nhấn',
  'click here', 'here', 'more', 'read more', 'more info', 'more information', 'learn more', 'details', 'continue', 'continue reading',
  'download', 'this link', 'go', 'see more', 'view', 'view more',
]);

const normal = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.…:!?»›>«‹<()[\]-]+$/u, '').replace(/^[\s»›>«‹<([-]+/u, '').trim();
const hasWords = (t: string | undefined) => !!t && /\p{L}{2,}/u.test(t);

export const nameOfLink = (l: LinkRecord) => (l.name ?? l.text).trim();
export const isGenericLinkText = (text: string) => GENERIC_LINK_TEXT.has(normal(text));

/** What the page offers around a link to tell its purpose (empty when nothing). */
export function contextOf(l: LinkRecord): { described: string; context: string; heading: string } {
  return { described: hasWords(l.described) ? l.described! : '', context: hasWords(l.context) ? l.context! : '', heading: hasWords(l.heading) ? l.heading! : '' };
}

const target = (href: string) => href.replace(/#$/, '');
const where = (page: PageEvidence, l: LinkRecord) => ({ selector: l.selector ?? null, frame: l.frame ?? 0 });

function genericLinks(page: PageEvidence): { fails: FindingDetail[]; reviews: FindingDetail[] } {
  const fails: FindingDetail[] = [];
  const reviews: FindingDetail[] = [];
  page.links.forEach((l, i) => {
    if (l.hidden || !isGenericLinkText(nameOfLink(l))) return;
    const name = nameOfLink(l);
    const sel = l.selector ? ` ${l.selector}` : '';
    const ctx = contextOf(l);
    // A scripted role=link element has no address to show.
    const to = l.href ? ` (${l.href})` : '';
    const data = { ...where(page, l), href: l.href, name, ...ctx };
    const evidence = { blob: 'evidence' as const, path: `links[${i}]` };
    // Evidence recorded before contexts were collected has none: it can only be reviewed.
    const known = l.context !== undefined;
    const said = [ctx.described, ctx.context, ctx.heading].filter(Boolean);
    if (known && !said.length) {
      if (fails.length < 20) fails.push(findingOfText('link.generic_text', inBoth((lang) => msg(lang, 'a11y.link.genericText', { name, selector: sel, frame: frameNote(page, l.frame, lang), to })), { data, evidence }));
    } else if (reviews.length < 20) {
      const around = said.join(' | ').slice(0, 160);
      reviews.push(findingOfText('link.generic_in_context',
        inBoth((lang) => msg(lang, 'a11y.link.genericInContext', { name, selector: sel, frame: frameNote(page, l.frame, lang), surrounding: around, to })), { data, evidence }));
    }
  });
  return { fails, reviews };
}

function sameTextDifferentTarget(page: PageEvidence): FindingDetail[] {
  const groups = new Map<string, Array<{ l: LinkRecord; i: number }>>();
  page.links.forEach((l, i) => {
    const name = normal(nameOfLink(l));
    if (l.hidden || !name || /^javascript:/i.test(l.href) || !l.href) return;
    const c = contextOf(l);
    const key = JSON.stringify([l.frame ?? 0, name, normal(c.context), normal(c.described), normal(c.heading)]);
    groups.set(key, [...(groups.get(key) ?? []), { l, i }]);
  });
  const out: FindingDetail[] = [];
  for (const group of groups.values()) {
    const targets = [...new Set(group.map(({ l }) => target(l.href)))];
    if (targets.length < 2 || out.length >= 10) continue;
    const { l, i } = group[0]!;
    const name = nameOfLink(l);
    const sel = l.selector ? ` ${l.selector}` : '';
    out.push(findingOfText('link.same_text_different_target',
      inBoth((lang) => msg(lang, 'a11y.link.sameTextDifferentTarget', { links: group.length, name, selector: sel, frame: frameNote(page, l.frame, lang), targets: targets.length, addresses: targets.slice(0, 5).join(', ') })),
      { data: { ...where(page, l), name, targets: targets.slice(0, 10), links: group.length }, evidence: { blob: 'evidence', path: `links[${i}]` } }));
  }
  return out;
}

export const linkPurpose: PageCriterion = {
  id: 'accessibility.link-purpose',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.link.title'),
  description: msgBoth('a11y.link.description'),
  severity: 'moderate',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (liên kết và tiêu đề có ý nghĩa)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }],
  wcag: ['2.4.4'],
  axeRules: LINK_PURPOSE_RULES,
  documents: ['html', 'svg'],
  advice: msgBoth('a11y.link.advice'),
  judge(page) {
    const generic = genericLinks(page);
    const judged = judgeAxeRules(page, LINK_PURPOSE_RULES, generic.fails);
    if (judged.outcome === 'fail' || judged.outcome === 'error') return judged;
    const reviews = [...generic.reviews, ...sameTextDifferentTarget(page)];
    if (!reviews.length) return judged;
    return judgement('cant_tell', [...(judged.outcome === 'cant_tell' ? judged.details : []), ...reviews]);
  },
};
