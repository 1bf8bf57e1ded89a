// An HTTPS page that pulls scripts, styles or images over plain HTTP leaks what is viewed
// and lets a network attacker change the page.
import { msgBoth } from '../../../messages/index.ts';
import { finding, judgement, type PageCriterion } from '../criterion.ts';

export const mixedContent: PageCriterion = {
  id: 'privacy.no-mixed-content',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.no-mixed-content.title'),
  description: msgBoth('privacy.no-mixed-content.description'),
  severity: 'serious',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }, { instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    if (!(page.finalUrl ?? '').startsWith('https:')) return judgement('not_applicable', [finding('mixed.not_https', 'privacy.no-mixed-content.notHttps')]);
    if (!page.mixedContent.length) return judgement('pass');
    return judgement('fail', page.mixedContent.map((m, i) => finding('mixed.resource', m.blocked ? 'privacy.no-mixed-content.resourceBlocked' : 'privacy.no-mixed-content.resource', { element: m.element, url: m.url }, { data: { ...m }, evidence: { blob: 'evidence', path: `mixedContent[${i}]` } })));
  },
};
