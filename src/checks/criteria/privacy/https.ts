// Served over HTTPS with a certificate the browser accepts (TT 32/2017 Art. 20: HTTPS is
// mandatory for online services).
import { msgBoth } from '../../../messages/index.ts';
import { finding, judgement, type PageCriterion } from '../criterion.ts';

export const https: PageCriterion = {
  id: 'privacy.https',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.https.title'),
  description: msgBoth('privacy.https.description'),
  severity: 'serious',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }, { instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    const url = page.finalUrl ?? page.requestedUrl;
    if (url.startsWith('https:')) {
      const tls = page.document?.tls;
      return judgement('pass', [finding('https.ok', 'privacy.https.ok', { protocol: tls?.protocol ?? 'TLS' }, { data: { url, tls } })]);
    }
    return judgement('fail', [finding('https.plain_http', 'privacy.https.plainHttp', { url }, { data: { url }, evidence: { blob: 'evidence', path: 'finalUrl' } })]);
  },
  judgeFailedVisit(page) {
    if (page.error?.reason !== 'tls_invalid') return null;
    return judgement('fail', [finding('https.certificate_invalid', 'privacy.https.certificateInvalid', { message: page.error.message }, { evidence: { blob: 'evidence', path: 'error' } })]);
  },
};
