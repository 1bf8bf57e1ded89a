// Nothing on the page is sent to an analytics, advertising or social tracker before the
// visitor has agreed: this visit never agrees to anything, so every tracker request counts, be
// it to an entity third-party-web lists as a tracker or one a filter-list rule matches.
import { detail, judgement, type PageCriterion } from '../criterion.ts';

export const noTrackerBeforeConsent: PageCriterion = {
  id: 'privacy.no-tracker-before-consent',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Không gửi dữ liệu cho bên theo dõi khi chưa có sự đồng ý', en: 'No tracker requests before consent' },
  description: {
    vi: 'Trước khi người dùng đồng ý, trang không gửi yêu cầu nào tới bên theo dõi (phân tích, quảng cáo, mạng xã hội) theo danh sách theo dõi hay danh sách lọc (EasyPrivacy).',
    en: 'Before the visitor agrees, the page sends no request to a tracker (analytics, advertising, social) on the entity list or matched by the filter list (EasyPrivacy).',
  },
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 11' }, { instrument: 'luat91_2025', article: 'Điều 9' }],
  judge(page) {
    const hits = page.requests.map((r, i) => ({ r, i })).filter(({ r }) => r.tracker || r.filterMatch);
    if (!hits.length) return judgement('pass');
    const hosts = [...new Set(hits.map(({ r }) => r.host))];
    return judgement('fail', [
      detail('tracker.hosts', `Gửi ${hits.length} yêu cầu tới bên theo dõi trước khi có đồng ý: ${hosts.join(', ')}.`, `${hits.length} requests to trackers before consent: ${hosts.join(', ')}.`, { data: { hosts } }),
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
