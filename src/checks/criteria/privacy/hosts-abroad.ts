// Third-party hosts outside .vn may mean personal data leaves the country (cross-border
// transfer rules). Without geolocation this is a list for review: cant_tell, never fail.
import { mayBeAbroad } from '../../evidence/third-parties.ts';
import { msgBoth } from '../../../messages/index.ts';
import { finding, judgement, type PageCriterion } from '../criterion.ts';

export const hostsAbroad: PageCriterion = {
  id: 'privacy.hosts-abroad',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.hosts-abroad.title'),
  description: msgBoth('privacy.hosts-abroad.description'),
  severity: 'minor',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 25' }, { instrument: 'luat91_2025' }],
  judge(page) {
    const hosts = [...new Set(page.requests.filter((r) => r.party === 'third' && r.host && mayBeAbroad(r.host)).map((r) => r.host))];
    if (!hosts.length) return judgement('pass');
    return judgement('cant_tell', hosts.map((h) => finding('abroad.host', 'privacy.hosts-abroad.host', { host: h }, { data: { host: h }, evidence: { blob: 'evidence', path: 'requests' } })));
  },
};
