// Nothing on the page is sent to an analytics, advertising or social tracker before the
// visitor has agreed: this visit never agrees to anything, so every tracker request counts, be
// it to an entity third-party-web lists as a tracker or one a filter-list rule matches.
import { msgBoth } from '../../../messages/index.ts';
import { detail, finding, judgement, type PageCriterion } from '../criterion.ts';

export const noTrackerBeforeConsent: PageCriterion = {
  id: 'privacy.no-tracker-before-consent',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.no-tracker-before-consent.title'),
  description: msgBoth('privacy.no-tracker-before-consent.description'),
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 11' }, { instrument: 'luat91_2025', article: 'Điều 9' }],
  judge(page) {
    const hits = page.requests.map((r, i) => ({ r, i })).filter(({ r }) => r.tracker || r.filterMatch);
    if (!hits.length) return judgement('pass');
    const hosts = [...new Set(hits.map(({ r }) => r.host))];
    return judgement('fail', [
      finding('tracker.hosts', 'privacy.no-tracker-before-consent.hosts', { requests: hits.length, hosts: hosts.join(', ') }, { data: { hosts } }),
      ...hits.slice(0, 50).map(({ r, i }) => {
        // Which list says so: the entity list, the filter list (with its rule), or both.
        const by = [r.tracker && `${r.tracker.entity} (${r.tracker.categories.join(', ')})`, r.filterMatch && `${r.filterMatch.list}: ${r.filterMatch.rule}`].filter(Boolean).join('; ');
        return detail('tracker.request', `${by}: ${r.type} ${r.url}`, `${by}: ${r.type} ${r.url}`, {
          data: { host: r.host, entity: r.tracker?.entity ?? null, filterMatch: r.filterMatch ?? null, type: r.type, initiator: r.initiator }, evidence: { blob: 'evidence', path: `requests[${i}]` },
        });
      }),
    ]);
  },
};
