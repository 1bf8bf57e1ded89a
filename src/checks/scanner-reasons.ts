// Why the checker could not visit a page, in the reader's words. A scanner error is never
// counted against the portal; the report, the CLI and the stored finding name it the same way.
import type { Lang } from '../i18n.ts';
import type { ScannerErrorReason } from './types.ts';

export const SCANNER_REASON_LABEL: Record<ScannerErrorReason, { vi: string; en: string }> = {
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
  const label = (SCANNER_REASON_LABEL as Record<string, { vi: string; en: string } | undefined>)[reason]?.[lang];
  return label ? `${reason} (${label})` : reason;
}
