// An HTTPS page that pulls scripts, styles or images over plain HTTP leaks what is viewed
// and lets a network attacker change the page.
import { detail, judgement, type PageCriterion } from '../criterion.ts';

export const mixedContent: PageCriterion = {
  id: 'privacy.no-mixed-content',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Không tải tài nguyên qua HTTP trên trang HTTPS', en: 'No resources over HTTP on an HTTPS page' },
  description: {
    vi: 'Trang HTTPS không nạp tập lệnh, ảnh, kiểu trình bày hay khung qua HTTP không mã hóa.',
    en: 'The HTTPS page loads no script, image, style or frame over unencrypted HTTP.',
  },
  severity: 'serious',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }, { instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    if (!(page.finalUrl ?? '').startsWith('https:')) return judgement('not_applicable', [detail('mixed.not_https', 'Trang không dùng HTTPS (xem tiêu chí HTTPS).', 'The page is not served over HTTPS (see the HTTPS criterion).')]);
    if (!page.mixedContent.length) return judgement('pass');
    return judgement('fail', page.mixedContent.map((m, i) => detail('mixed.resource', `<${m.element}> tải ${m.url} qua HTTP${m.blocked ? ' (trình duyệt đã chặn)' : ''}.`, `<${m.element}> loads ${m.url} over HTTP${m.blocked ? ' (blocked by the browser)' : ''}.`, { data: { ...m }, evidence: { blob: 'evidence', path: `mixedContent[${i}]` } })));
  },
};
