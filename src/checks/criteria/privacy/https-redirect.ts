// The http:// address of the home page sends visitors to HTTPS, so nobody lands on the
// unencrypted site by typing the name; and its first redirect goes to HTTPS on the same host,
// as the HTTP Observatory asks: `http://a → http://www.a → https://www.a` leaves a hop an
// attacker on the network can rewrite, and `http://a → https://www.a` never lets `a` set HSTS,
// so the next visit to `a` starts in clear text again.
// Stricter than the Observatory, on purpose (the finding says so): a portal with nothing
// answering on http:// fails here, where the Observatory needs no redirect; citizens who type
// the name without https://, and old links, reach nothing.
import type { EvidenceRef, Judgement } from '../../types.ts';
import { msg, msgBoth } from '../../../messages/index.ts';
import { finding, judgement, type PortalCriterion } from '../criterion.ts';

export const httpsRedirect: PortalCriterion = {
  id: 'privacy.https-redirect',
  area: 'privacy',
  scope: 'portal',
  title: msgBoth('privacy.https-redirect.title'),
  description: msgBoth('privacy.https-redirect.description'),
  severity: 'serious',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }],
  judge({ home }) {
    const finalUrl = home.finalUrl ?? home.requestedUrl;
    if (!finalUrl.startsWith('https:')) {
      return judgement('fail', [finding('redirect.no_https', 'privacy.https-redirect.noHttps', {}, { data: { url: finalUrl } })]);
    }
    // Asked for http:// and ended on https:// during the visit itself: the redirect was seen.
    if (home.requestedUrl.startsWith('http:')) {
      const evidence = { blob: 'evidence' as const, path: 'document.redirects' };
      return firstHopStaysHttp(home.requestedUrl, home.document?.redirects ?? [], finalUrl, evidence)
        ?? judgement('pass', [finding('redirect.ok', 'privacy.https-redirect.ok', { from: home.requestedUrl, to: finalUrl }, { evidence })]);
    }
    const probe = home.httpVariant;
    if (!probe) return judgement('cant_tell', [finding('redirect.not_probed', 'privacy.https-redirect.notProbed')]);
    if (probe.error) {
      // Nothing listening on port 80 is no unencrypted exposure either, but it is no redirect.
      return judgement('fail', [finding('redirect.http_unreachable', 'privacy.https-redirect.httpUnreachable',
        (lang) => ({ url: probe.url, error: String(probe.error), stricter: msg(lang, 'privacy.https-redirect.stricter') }),
        { data: { stricter: msg('en', 'privacy.https-redirect.stricter') }, evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    if (probe.upgradedByBrowser) {
      return judgement('pass', [finding('redirect.preloaded', 'privacy.https-redirect.preloaded', { url: probe.url }, { evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    if (probe.finalUrl?.startsWith('https:')) {
      return firstHopStaysHttp(probe.url, probe.redirects ?? [], probe.finalUrl, { blob: 'evidence', path: 'httpVariant' }) ?? judgement('pass', [finding('redirect.ok', 'privacy.https-redirect.ok', { from: probe.url, to: probe.finalUrl }, { evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    if (probe.redirects?.length) {
      return judgement('fail', [finding('redirect.ends_http', 'privacy.https-redirect.endsHttp', { url: probe.url, finalUrl: String(probe.finalUrl) }, { data: { chain: probe.redirects.map((r) => r.url), finalUrl: probe.finalUrl }, evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    return judgement('fail', [finding('redirect.stays_http', 'privacy.https-redirect.staysHttp', { url: probe.url, status: String(probe.status) }, { evidence: { blob: 'evidence', path: 'httpVariant' } })]);
  },
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
    return judgement('fail', [finding('redirect.first_hop_http', 'privacy.https-redirect.firstHopHttp', { from, first, finalUrl },
      { data, evidence })]);
  }
  const host = (url: string) => new URL(url).hostname;
  if (host(first) !== host(from)) {
    return judgement('fail', [finding('redirect.first_hop_other_host', 'privacy.https-redirect.firstHopOtherHost', { from, first, host: host(from) },
      { data, evidence })]);
  }
  return null;
}
