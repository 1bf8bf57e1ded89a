// 2.4.2 across the portal: a title identifies its page, so the same title on different pages
// does not (F25, "the same title for every page"). Two pages may share a title for good reasons
// (two views of one list, an address and its alias), so a shared title is cant_tell, listing the
// pages. It fails only when the same title is on at least three different pages whose main
// headings (their first h1, else first heading) all differ: those pages are about different
// things, as they say themselves, and their one title cannot describe each of them.
import type { PageEvidence } from '../../types.ts';
import { findingOfText, judgement, type PortalCriterion } from '../criterion.ts';
import { PAGE_TITLE_BASIS } from './page-title.ts';
import { msgBoth } from '../../../messages/index.ts';

export const SAME_TITLE_FAIL_PAGES = 3;

const normal = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();
const address = (p: PageEvidence) => (p.finalUrl ?? p.requestedUrl).replace(/#.*$/, '');

/** The page's main heading: its first level-1 heading of the top document, else its first heading. */
export function mainHeading(p: PageEvidence): string {
  const top = p.headings.filter((h) => !h.frame);
  return normal((top.find((h) => h.level === 1) ?? top[0])?.text ?? '');
}

export const pageTitlesDistinct: PortalCriterion = {
  id: 'accessibility.page-titles-distinct',
  area: 'accessibility',
  scope: 'portal',
  title: msgBoth('a11y.titles.title'),
  description: msgBoth('a11y.titles.description'),
  severity: 'moderate',
  basis: PAGE_TITLE_BASIS,
  wcag: ['2.4.2'],
  documents: ['html'],
  advice: msgBoth('a11y.titles.advice'),
  judge({ home, pages }) {
    const seen = new Map<string, PageEvidence>();
    for (const p of [home, ...pages]) if (!p.error && (p.documentKind ?? 'html') === 'html' && p.title.trim() && !seen.has(address(p))) seen.set(address(p), p);
    if (seen.size < 2) return judgement('not_applicable');
    const byTitle = new Map<string, PageEvidence[]>();
    for (const p of seen.values()) byTitle.set(normal(p.title), [...(byTitle.get(normal(p.title)) ?? []), p]);
    const shared = [...byTitle.values()].filter((group) => group.length > 1);
    if (!shared.length) return judgement('pass', [findingOfText('title.distinct', msgBoth('a11y.titles.distinct', { pages: seen.size }))]);
    const details = shared.map((group) => {
      const title = group[0]!.title;
      const urls = group.map(address);
      const headings = new Set(group.map(mainHeading).filter(Boolean));
      const fails = group.length >= SAME_TITLE_FAIL_PAGES && headings.size >= SAME_TITLE_FAIL_PAGES;
      const data = { title, urls, headings: group.map(mainHeading) };
      return fails
        ? findingOfText('title.same_on_pages', msgBoth('a11y.titles.sameOnPages', { title, pages: group.length, urls: urls.join(', ') }), { data })
        : findingOfText('title.repeated', msgBoth('a11y.titles.repeated', { title, pages: group.length, urls: urls.join(', ') }), { data });
    });
    return judgement(details.some((d) => d.code === 'title.same_on_pages') ? 'fail' : 'cant_tell', details);
  },
};
