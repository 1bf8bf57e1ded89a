// Why the checker could not visit a page, in the reader's words. A scanner error is never
// counted against the portal; the report, the CLI and the stored finding name it the same way.
import type { Lang } from '../i18n.ts';
import { msg, type MessageKey } from '../messages/index.ts';
import type { ScannerErrorReason } from './types.ts';

export const SCANNER_REASON_LABEL = {
  timeout: 'check.scannerReason.timeout',
  too_large: 'check.scannerReason.too_large',
  too_many_redirects: 'check.scannerReason.too_many_redirects',
  download: 'check.scannerReason.download',
  dialog_flood: 'check.scannerReason.dialog_flood',
  popup_flood: 'check.scannerReason.popup_flood',
  browser_crashed: 'check.scannerReason.browser_crashed',
  dns: 'check.scannerReason.dns',
  connect_failed: 'check.scannerReason.connect_failed',
  tls_invalid: 'check.scannerReason.tls_invalid',
  http_4xx: 'check.scannerReason.http_4xx',
  http_5xx: 'check.scannerReason.http_5xx',
  not_html: 'check.scannerReason.not_html',
  navigation_failed: 'check.scannerReason.navigation_failed',
  navigated_away: 'check.scannerReason.navigated_away',
  internal_error: 'check.scannerReason.internal_error',
  local_network: 'check.scannerReason.local_network',
  too_much_memory: 'check.scannerReason.too_much_memory',
} as const satisfies Record<ScannerErrorReason, MessageKey>;

/** "http_5xx (lỗi máy chủ (HTTP 5xx))"; a reason without a label (a criterion left as error) as it is. */
export function scannerReasonText(reason: string, lang: Lang): string {
  const key = (SCANNER_REASON_LABEL as Record<string, MessageKey | undefined>)[reason];
  return key ? `${reason} (${msg(lang, key)})` : reason;
}
