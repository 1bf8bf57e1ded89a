// Scanner errors summarised once: when the checker could not visit many pages for the same reason
// (a portal answering HTTP 500 on 20 pages), the report says "20 trang: http_5xx (lỗi máy chủ)"
// with the pages in a collapsed list, not the same block twenty times. A scanner error is never
// counted against the portal; the reason is named in the reader's language.
import { t, type Lang } from '../i18n.ts';
import type { ScannerErrorReason } from '../checks/types.ts';
import { html, type Safe } from './html.ts';

const REASON: Record<ScannerErrorReason, { vi: string; en: string }> = {
  timeout: { vi: 'quá thời gian chờ', en: 'timed out' },
  too_large: { vi: 'trang quá lớn', en: 'page too large' },
  too_many_redirects: { vi: 'chuyển hướng quá nhiều lần hoặc lặp vòng', en: 'too many redirects or a redirect loop' },
  download: { vi: 'địa chỉ tải về một tệp, không phải trang', en: 'the address downloads a file, not a page' },
  dialog_flood: { vi: 'trang mở hộp thoại liên tục', en: 'the page kept opening dialogs' },
  popup_flood: { vi: 'trang mở cửa sổ bật lên liên tục', en: 'the page kept opening pop-ups' },
  browser_crashed: { vi: 'trình duyệt của công cụ bị lỗi', en: 'our browser crashed' },
  dns: { vi: 'tên miền không phân giải được (DNS)', en: 'name does not resolve (DNS)' },
  connect_failed: { vi: 'không kết nối được', en: 'could not connect' },
  tls_invalid: { vi: 'chứng chỉ TLS không hợp lệ', en: 'invalid TLS certificate' },
  http_4xx: { vi: 'lỗi HTTP 4xx (trang không có hoặc bị từ chối)', en: 'HTTP 4xx error (page missing or refused)' },
  http_5xx: { vi: 'lỗi máy chủ (HTTP 5xx)', en: 'server error (HTTP 5xx)' },
  not_html: { vi: 'không phải trang HTML', en: 'not an HTML page' },
  navigation_failed: { vi: 'không mở được trang', en: 'the page could not be opened' },
  navigated_away: { vi: 'trang tự chuyển đi nơi khác trước khi đo xong', en: 'the page navigated away before it was measured' },
  internal_error: { vi: 'lỗi nội bộ của công cụ', en: 'internal error of the tool' },
  local_network: { vi: 'trang dẫn tới mạng nội bộ của hệ thống đo', en: 'the page led to the monitoring host\'s local network' },
  too_much_memory: { vi: 'trang dùng quá nhiều bộ nhớ', en: 'the page used too much memory' },
};

/** "http_5xx (lỗi máy chủ (HTTP 5xx))"; a reason without a label (a criterion left as error) as it is. */
export function scannerReasonText(reason: string, lang: Lang): string {
  const label = (REASON as Record<string, { vi: string; en: string } | undefined>)[reason]?.[lang];
  return label ? `${reason} (${label})` : reason;
}

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
  return t(lang, `${g.pages.length} trang: ${scannerReasonText(g.reason, lang)}`,
    `${g.pages.length} ${g.pages.length === 1 ? 'page' : 'pages'}: ${scannerReasonText(g.reason, lang)}`);
}

/**
 * One line per reason with its pages collapsed. `withPages: false` (a criterion's row) names the
 * reason only: the pages and their count are said once, in the check's list of scanner errors.
 */
export function errorGroupList(groups: ErrorGroup[], lang: Lang, opts: { withPages?: boolean } = {}): Safe | null {
  if (groups.length === 0) return null;
  const notCounted = t(lang, '— lỗi của công cụ, không tính cho cổng', '— the scanner\'s failure, not counted against the portal');
  return html`<ul class="scanner-errors">${groups.map((g) => html`<li class="scanner-error" data-reason="${g.reason}" data-pages="${g.pages.length}">${opts.withPages === false
    ? html`${t(lang, 'Lỗi công cụ', 'Scanner error')}: ${scannerReasonText(g.reason, lang)} <span class="muted">${notCounted}; ${t(lang, 'các trang: xem "Lỗi công cụ" ở phần Bằng chứng', 'the pages: see "Scanner errors" under Evidence')}</span>`
    : html`<details><summary>${errorGroupHeadline(g, lang)} <span class="muted">${notCounted}</span></summary>
<ol>${g.pages.map((p) => html`<li>${p.url}${p.detail ? html` <span class="muted">${p.detail}</span>` : null}</li>`)}</ol></details>`}</li>`)}</ul>`;
}
