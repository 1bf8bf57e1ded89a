// Nothing on the page is sent to an analytics, advertising or social tracker before the
// visitor has agreed: this visit never agrees to anything, so every tracker request counts.
import { detail, judgement, type PageCriterion } from '../criterion.ts';

export const noTrackerBeforeConsent: PageCriterion = {
  id: 'privacy.no-tracker-before-consent',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Không gửi dữ liệu cho bên theo dõi khi chưa có sự đồng ý', en: 'No tracker requests before consent' },
  description: {
    vi: 'Trước khi người dùng đồng ý, trang không gửi yêu cầu nào tới máy chủ theo dõi (phân tích, quảng cáo, mạng xã hội) trong danh sách theo dõi.',
    en: 'Before the visitor agrees, the page sends no request to a listed tracker (analytics, advertising, social).',
  },
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 11' }, { instrument: 'luat91_2025', article: 'Điều 9' }],
  judge(page) {
    const hits = page.requests.map((r, i) => ({ r, i })).filter(({ r }) => r.tracker);
    if (!hits.length) return judgement('pass');
    const hosts = [...new Set(hits.map(({ r }) => r.host))];
    return judgement('fail', [
      detail('tracker.hosts', `Gửi ${hits.length} yêu cầu tới bên theo dõi trước khi có đồng ý: ${hosts.join(', ')}.`, `${hits.length} requests to trackers before consent: ${hosts.join(', ')}.`, { data: { hosts } }),
      ...hits.slice(0, 50).map(({ r, i }) => detail('tracker.request', `${r.tracker!.entity} (${r.tracker!.categories.join(', ')}): ${r.type} ${r.url}`, `${r.tracker!.entity} (${r.tracker!.categories.join(', ')}): ${r.type} ${r.url}`, {
        data: { host: r.host, entity: r.tracker!.entity, type: r.type, initiator: r.initiator }, evidence: { blob: 'evidence', path: `requests[${i}]` },
      })),
    ]);
  },
};
