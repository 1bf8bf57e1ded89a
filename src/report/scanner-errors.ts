// Scanner errors summarised once: when the checker could not visit many pages for the same reason
// (a portal answering HTTP 500 on 20 pages), the report says "20 trang: http_5xx (lỗi máy chủ)"
// with the pages in a collapsed list, not the same block twenty times. A scanner error is never
// counted against the portal; the reason is named in the reader's language.
import type { Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';
import { scannerReasonText } from '../checks/scanner-reasons.ts';
import { html, type Safe } from './html.ts';

export { scannerReasonText } from '../checks/scanner-reasons.ts';

export interface ErrorGroup {
  reason: string;
  /** The pages with that reason, in the order given, each once. */
  pages: Array<{ url: string; detail: string | null }>;
}

/** Pages by scanner-error reason, the most frequent reason first. */
export function groupScannerErrors(items: ReadonlyArray<{ reason: string | null; url: string; detail?: string | null }>): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const it of items) {
    const reason = it.reason ?? 'error';
    let g = groups.get(reason);
    if (!g) groups.set(reason, (g = { reason, pages: [] }));
    if (!g.pages.some((p) => p.url === it.url)) g.pages.push({ url: it.url, detail: it.detail ?? null });
  }
  return [...groups.values()].sort((a, b) => b.pages.length - a.pages.length || a.reason.localeCompare(b.reason));
}

/** "20 trang: http_5xx (lỗi máy chủ (HTTP 5xx))" — one line per reason. */
export function errorGroupHeadline(g: ErrorGroup, lang: Lang): string {
  return msg(lang, 'report.scannerErrors.headline', { count: g.pages.length, reason: scannerReasonText(g.reason, lang) });
}

/**
 * One line per reason with its pages collapsed. `withPages: false` (a criterion's row) names the
 * reason only: the pages and their count are said once, in the check's list of scanner errors.
 */
export function errorGroupList(groups: ErrorGroup[], lang: Lang, opts: { withPages?: boolean } = {}): Safe | null {
  if (groups.length === 0) return null;
  const notCounted = msg(lang, 'report.scannerErrors.notCounted');
  return html`<ul class="scanner-errors">${groups.map((g) => html`<li class="scanner-error" data-reason="${g.reason}" data-pages="${g.pages.length}">${opts.withPages === false
    ? html`${msg(lang, 'report.scannerErrors.reason', { reason: scannerReasonText(g.reason, lang) })} <span class="muted">${msg(lang, 'report.scannerErrors.pagesUnderEvidence', { notCounted })}</span>`
    : html`<details><summary>${errorGroupHeadline(g, lang)} <span class="muted">${notCounted}</span></summary>
<ol>${g.pages.map((p) => html`<li>${p.url}${p.detail ? html` <span class="muted">${p.detail}</span>` : null}</li>`)}</ol></details>`}</li>`)}</ul>`;
}
