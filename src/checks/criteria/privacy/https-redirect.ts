// The http:// address of the home page sends visitors to HTTPS, so nobody lands on the
// unencrypted site by typing the name; and its first redirect goes to HTTPS on the same host,
// as the HTTP Observatory asks: `http://a → http://www.a → https://www.a` leaves a hop an
// attacker on the network can rewrite, and `http://a → https://www.a` never lets `a` set HSTS,
// so the next visit to `a` starts in clear text again.
// Stricter than the Observatory, on purpose (the finding says so): a portal with nothing
// answering on http:// fails here, where the Observatory needs no redirect; citizens who type
// the name without https://, and old links, reach nothing.
import type { EvidenceRef, Judgement } from '../../types.ts';
import { detail, judgement, type PortalCriterion } from '../criterion.ts';

export const httpsRedirect: PortalCriterion = {
  id: 'privacy.https-redirect',
  area: 'privacy',
  scope: 'portal',
  title: { vi: 'Địa chỉ http:// chuyển hướng sang HTTPS', en: 'The http:// address redirects to HTTPS' },
  description: {
    vi: 'Mở trang chủ bằng http:// thì được chuyển ngay sang https://.',
    en: 'Opening the home page with http:// ends on https://.',
  },
  severity: 'serious',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }],
  judge({ home }) {
    const finalUrl = home.finalUrl ?? home.requestedUrl;
    if (!finalUrl.startsWith('https:')) {
      return judgement('fail', [detail('redirect.no_https', 'Trang chủ không có phiên bản HTTPS để chuyển tới.', 'The home page has no HTTPS version to redirect to.', { data: { url: finalUrl } })]);
    }
    // Asked for http:// and ended on https:// during the visit itself: the redirect was seen.
    if (home.requestedUrl.startsWith('http:')) {
      const evidence = { blob: 'evidence' as const, path: 'document.redirects' };
      return firstHopStaysHttp(home.requestedUrl, home.document?.redirects ?? [], finalUrl, evidence)
        ?? judgement('pass', [detail('redirect.ok', `${home.requestedUrl} chuyển tới ${finalUrl}.`, `${home.requestedUrl} redirects to ${finalUrl}.`, { evidence })]);
    }
    const probe = home.httpVariant;
    if (!probe) return judgement('cant_tell', [detail('redirect.not_probed', 'Chưa thử địa chỉ http://.', 'The http:// address was not tried.')]);
    if (probe.error) {
      // Nothing listening on port 80 is no unencrypted exposure either, but it is no redirect.
      return judgement('fail', [detail('redirect.http_unreachable',
        `Địa chỉ ${probe.url} không trả lời (${probe.error}); người gõ địa chỉ không có https:// sẽ không vào được (${UNREACHABLE_STRICTER.vi}).`,
        `${probe.url} does not answer (${probe.error}); people typing the name without https:// cannot get in (${UNREACHABLE_STRICTER.en}).`,
        { data: { stricter: UNREACHABLE_STRICTER.en }, evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    if (probe.upgradedByBrowser) {
      return judgement('pass', [detail('redirect.preloaded', `Trình duyệt tự chuyển ${probe.url} sang https:// trước khi gửi (tên miền nằm trong danh sách HSTS nạp sẵn).`, `The browser itself turns ${probe.url} into https:// before sending anything (the host is on its HSTS preload list).`, { evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    if (probe.finalUrl?.startsWith('https:')) {
      return firstHopStaysHttp(probe.url, probe.redirects ?? [], probe.finalUrl, { blob: 'evidence', path: 'httpVariant' }) ?? judgement('pass', [detail('redirect.ok', `${probe.url} chuyển tới ${probe.finalUrl}.`, `${probe.url} redirects to ${probe.finalUrl}.`, { evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    if (probe.redirects?.length) {
      return judgement('fail', [detail('redirect.ends_http', `${probe.url} chuyển hướng nhưng kết thúc ở ${probe.finalUrl} (vẫn là http://).`, `${probe.url} redirects but ends on ${probe.finalUrl}, still http://.`, { data: { chain: probe.redirects.map((r) => r.url), finalUrl: probe.finalUrl }, evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    return judgement('fail', [detail('redirect.stays_http', `${probe.url} vẫn phục vụ qua HTTP (mã ${probe.status}), không chuyển sang HTTPS.`, `${probe.url} is served over HTTP (status ${probe.status}) without redirecting to HTTPS.`, { evidence: { blob: 'evidence', path: 'httpVariant' } })]);
  },
};

const UNREACHABLE_STRICTER = {
  vi: 'chặt hơn HTTP Observatory, vốn không đòi chuyển hướng khi http:// không trả lời, có chủ ý',
  en: 'stricter than the HTTP Observatory, which needs no redirect when http:// does not answer, on purpose',
};

/**
 * A chain whose first redirect stays on http:// or goes to another host fails, naming the hop;
 * null when it went straight to HTTPS on the same host.
 */
function firstHopStaysHttp(from: string, chain: ReadonlyArray<{ url: string }>, finalUrl: string, evidence: EvidenceRef): Judgement | null {
  // chain[0] is the http:// request itself; what it redirected to is the next entry, or the end.
  const first = chain.length > 1 ? chain[1]!.url : finalUrl;
  const data = { chain: chain.map((c) => c.url), finalUrl };
  if (first.startsWith('http:')) {
    return judgement('fail', [detail('redirect.first_hop_http',
      `${from} chuyển tới ${first} (vẫn là http://) trước khi tới ${finalUrl}: bước chuyển đầu tiên phải sang https:// trên cùng tên miền.`,
      `${from} redirects to ${first} (still http://) before reaching ${finalUrl}: the first redirect must go to https:// on the same host.`,
      { data, evidence })]);
  }
  const host = (url: string) => new URL(url).hostname;
  if (host(first) !== host(from)) {
    return judgement('fail', [detail('redirect.first_hop_other_host',
      `${from} chuyển ngay sang ${first}, một tên miền khác: trình duyệt không bao giờ nhận HSTS của ${host(from)}, nên lần sau gõ ${host(from)} vẫn bắt đầu bằng http://. Bước chuyển đầu tiên phải sang https://${host(from)}.`,
      `${from} redirects straight to ${first}, another host: browsers never get HSTS for ${host(from)}, so typing ${host(from)} starts over http:// again. The first redirect must go to https://${host(from)}.`,
      { data, evidence })]);
  }
  return null;
}
