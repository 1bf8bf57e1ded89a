// Strict-Transport-Security tells browsers never to use plain HTTP for the site again; six
// months (15,768,000 s) is the minimum the HTTP Observatory accepts.
import { detail, judgement, type PageCriterion } from '../criterion.ts';

const MIN_MAX_AGE = 15_768_000;

export const hsts: PageCriterion = {
  id: 'privacy.hsts',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Có HSTS (Strict-Transport-Security) tối thiểu 6 tháng', en: 'HSTS (Strict-Transport-Security) of at least six months' },
  description: {
    vi: 'Phản hồi HTTPS có tiêu đề Strict-Transport-Security với max-age từ 15.768.000 giây.',
    en: 'The HTTPS response carries Strict-Transport-Security with max-age of 15,768,000 seconds or more.',
  },
  severity: 'moderate',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }, { instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    if (!(page.finalUrl ?? '').startsWith('https:')) {
      return judgement('fail', [detail('hsts.no_https', 'Trang không dùng HTTPS nên không thể có HSTS.', 'The page is not served over HTTPS, so it cannot have HSTS.')]);
    }
    const value = page.document?.headers['strict-transport-security'];
    if (!value) return judgement('fail', [detail('hsts.missing', 'Thiếu tiêu đề Strict-Transport-Security.', 'No Strict-Transport-Security header.', { evidence: { blob: 'evidence', path: 'document.headers' } })]);
    const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(value)?.[1] ?? NaN);
    if (!Number.isFinite(maxAge)) return judgement('fail', [detail('hsts.invalid', `Tiêu đề HSTS không hợp lệ: ${value}`, `Invalid HSTS header: ${value}`, { data: { value } })]);
    if (maxAge < MIN_MAX_AGE) return judgement('fail', [detail('hsts.too_short', `max-age=${maxAge} ngắn hơn 6 tháng (${MIN_MAX_AGE}).`, `max-age=${maxAge} is shorter than six months (${MIN_MAX_AGE}).`, { data: { value } })]);
    return judgement('pass', [detail('hsts.ok', `HSTS: ${value}`, `HSTS: ${value}`, { data: { value } })]);
  },
};
