// Served over HTTPS with a certificate the browser accepts (TT 32/2017 Art. 20: HTTPS is
// mandatory for online services).
import { detail, judgement, type PageCriterion } from '../criterion.ts';

export const https: PageCriterion = {
  id: 'privacy.https',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Trang dùng HTTPS với chứng thư số hợp lệ', en: 'Page served over HTTPS with a valid certificate' },
  description: {
    vi: 'Trang được tải qua HTTPS và trình duyệt chấp nhận chứng thư số; dữ liệu gửi đi được mã hóa.',
    en: 'The page loads over HTTPS and the browser accepts its certificate, so what is sent is encrypted.',
  },
  severity: 'serious',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }, { instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    const url = page.finalUrl ?? page.requestedUrl;
    if (url.startsWith('https:')) {
      const tls = page.document?.tls;
      return judgement('pass', [detail('https.ok', `Tải qua HTTPS (${tls?.protocol ?? 'TLS'}).`, `Loaded over HTTPS (${tls?.protocol ?? 'TLS'}).`, { data: { url, tls } })]);
    }
    return judgement('fail', [detail('https.plain_http', `Trang được tải qua HTTP không mã hóa: ${url}`, `The page loads over unencrypted HTTP: ${url}`, { data: { url }, evidence: { blob: 'evidence', path: 'finalUrl' } })]);
  },
  judgeFailedVisit(page) {
    if (page.error?.reason !== 'tls_invalid') return null;
    return judgement('fail', [detail('https.certificate_invalid', `Trình duyệt từ chối chứng thư số: ${page.error.message}`, `The browser refuses the certificate: ${page.error.message}`, { evidence: { blob: 'evidence', path: 'error' } })]);
  },
};
