// Pages grouped by template: two pages share a template when their structural skeletons (the
// tag/class paths of page-reader.ts) overlap by at least TEMPLATE_SIMILARITY (Jaccard). Content
// changes a few paths (a table in one service page, none in another); another template changes
// many. Pages are taken in a fixed order (depth, then address) and each joins the first
// template it is close enough to, so the grouping depends on the pages found, not on the order
// the crawl met them.
import { createHash } from 'node:crypto';

export const TEMPLATE_SIMILARITY = 0.8;

export interface TemplatePage {
  url: string;
  depth: number;
  skeleton: readonly string[];
}

export interface Template {
  /** T1, T2, … in the fixed order of their first page. */
  id: string;
  /** SHA-256 (first 16 hex digits) of the first page's skeleton: the template's structural fingerprint. */
  fingerprint: string;
  /** Its pages, in the fixed order; the first is the one the template was made from. */
  urls: string[];
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export const fingerprintOf = (skeleton: readonly string[]) => createHash('sha256').update(skeleton.join('\n')).digest('hex').slice(0, 16);

export const byDepthThenUrl = (a: { depth: number; url: string }, b: { depth: number; url: string }) => a.depth - b.depth || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

export function groupByTemplate(pages: readonly TemplatePage[], similarity = TEMPLATE_SIMILARITY): Template[] {
  const groups: Array<Template & { paths: Set<string> }> = [];
  for (const page of [...pages].sort(byDepthThenUrl)) {
    const paths = new Set(page.skeleton);
    const home = groups.find((g) => jaccard(g.paths, paths) >= similarity);
    if (home) home.urls.push(page.url);
    else groups.push({ id: `T${groups.length + 1}`, fingerprint: fingerprintOf(page.skeleton), urls: [page.url], paths });
  }
  return groups.map(({ id, fingerprint, urls }) => ({ id, fingerprint, urls }));
}
