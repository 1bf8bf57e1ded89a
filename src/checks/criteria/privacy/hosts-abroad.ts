// Third-party hosts outside .vn may mean personal data leaves the country (cross-border
// transfer rules). Without geolocation this is a list for review: cant_tell, never fail.
import { mayBeAbroad } from '../../evidence/third-parties.ts';
import { detail, judgement, type PageCriterion } from '../criterion.ts';

export const hostsAbroad: PageCriterion = {
  id: 'privacy.hosts-abroad',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Máy chủ bên thứ ba có thể ở nước ngoài (cần xem xét)', en: 'Third-party hosts possibly abroad (for review)' },
  description: {
    vi: 'Liệt kê máy chủ bên thứ ba ngoài tên miền .vn mà trang gửi yêu cầu tới, để người kiểm tra xem xét việc chuyển dữ liệu ra nước ngoài.',
    en: 'Lists the third-party hosts outside .vn that the page contacts, for a reviewer to judge cross-border transfer.',
  },
  severity: 'minor',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 25' }, { instrument: 'luat91_2025' }],
  judge(page) {
    const hosts = [...new Set(page.requests.filter((r) => r.party === 'third' && r.host && mayBeAbroad(r.host)).map((r) => r.host))];
    if (!hosts.length) return judgement('pass');
    return judgement('cant_tell', hosts.map((h) => detail('abroad.host', `Máy chủ bên thứ ba ngoài .vn: ${h}`, `Third-party host outside .vn: ${h}`, { data: { host: h }, evidence: { blob: 'evidence', path: 'requests' } })));
  },
};
