// 2.4.2 Page titled: each page has a title that describes its topic or purpose (W3C
// Understanding 2.4.2; failure F25). On each page: axe's document-title (ACT 2779a5: the
// document's title is not empty), plus titles that describe nothing anywhere: placeholders an
// editor or a template leaves ("Untitled", "Không có tiêu đề", "Document", "New Page", "index"),
// a bare address or file name. A title only generic beyond the home page ("Trang chủ" on a
// service page) is cant_tell: whether it describes the page is for a person to say (ACT c4a8a4
// has no automatic expectation). On the home page "Trang chủ" alone names its purpose: it passes.
import { detail, findingOfText, inBoth, judgement, type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { type MessageKey, msg, msgBoth } from '../../../messages/index.ts';

export const PAGE_TITLE_RULES = ['document-title'];

export const PAGE_TITLE_BASIS = [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }] as const;

/** Titles that describe nothing out of their template (compared lower-case, spaces collapsed). */
const PLACEHOLDER = new Set([
  'untitled', 'untitled document', 'untitled page', 'untitled-1', 'document', 'new document', 'new page', 'new page 1', 'page', 'title', 'page title',
  'index', 'default', 'default page', 'home page title', 'my site', 'my website', 'test', 'test page', 'no title', 'website', 'web page',
  'không có tiêu đề', 'không tiêu đề', 'chưa có tiêu đề', 'tiêu đề', 'tiêu đề trang', 'trang mới', 'tài liệu', 'trang web', 'trang',
]);

/** Titles that could name any page of a portal: fine on the home page, for review elsewhere. */
const GENERIC = new Set([
  'trang chủ', 'home', 'home page', 'homepage', 'trang thông tin điện tử', 'cổng thông tin điện tử', 'cổng dịch vụ công', 'dịch vụ công',
  'welcome', 'chào mừng', 'portal', 'cổng thông tin',
]);

const normal = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** Why a title describes nothing, or null. */
export function placeholderKind(title: string): 'placeholder' | 'url' | 'filename' | null {
  const t = normal(title);
  if (PLACEHOLDER.has(t)) return 'placeholder';
  if (/^(https?:\/\/|www\.)\S+$/.test(t)) return 'url';
  if (/^[\w.-]+\.(html?|php|aspx?|jsp|do|cfm|pdf|docx?)$/.test(t)) return 'filename';
  return null;
}

const KIND = { placeholder: 'a11y.title.kind.placeholder', url: 'a11y.title.kind.url', filename: 'a11y.title.kind.filename' } as const satisfies Record<string, MessageKey>;

export const isGenericTitle = (title: string) => GENERIC.has(normal(title));

export const pageTitle: PageCriterion = {
  id: 'accessibility.page-title',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.title.title'),
  description: msgBoth('a11y.title.description'),
  severity: 'serious',
  basis: PAGE_TITLE_BASIS,
  wcag: ['2.4.2'],
  axeRules: PAGE_TITLE_RULES,
  documents: ['html'],
  advice: msgBoth('a11y.title.advice'),
  judge(page) {
    const title = page.title.trim();
    const ev = { evidence: { blob: 'evidence' as const, path: 'title' } };
    const own = [];
    if (!title) own.push(findingOfText('title.empty', msgBoth('a11y.title.empty'), ev));
    const kind = title ? placeholderKind(title) : null;
    if (kind) {
      const what = KIND[kind];
      own.push(findingOfText('title.placeholder', inBoth((lang) => msg(lang, 'a11y.title.placeholder', { title, kind: msg(lang, what) })), { data: { title, kind }, ...ev }));
    }
    const judged = judgeAxeRules(page, PAGE_TITLE_RULES, own);
    if (judged.outcome === 'fail' || judged.outcome === 'error') return judged;
    if (page.kind !== 'home' && isGenericTitle(title)) {
      return judgement('cant_tell', [findingOfText('title.generic', msgBoth('a11y.title.generic', { title, url: page.finalUrl ?? page.requestedUrl }), { data: { title }, ...ev })]);
    }
    // The title itself, the same in both languages: nothing to translate.
    return judged.outcome === 'cant_tell' ? judged : judgement('pass', [detail('title.ok', `"${title}"`, `"${title}"`, { data: { title } })]);
  },
};
