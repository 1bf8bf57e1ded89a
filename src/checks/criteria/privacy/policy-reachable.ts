// A privacy policy reachable from the home page (2022 IPS/UNDP survey: 60 of 63 portals had none).
import { findPolicyLink } from '../../evidence/discover.ts';
import { detail, judgement, type PortalCriterion } from '../criterion.ts';

export const policyReachable: PortalCriterion = {
  id: 'privacy.policy-reachable',
  area: 'privacy',
  scope: 'portal',
  title: { vi: 'Có chính sách bảo mật, bảo vệ dữ liệu cá nhân truy cập được từ trang chủ', en: 'A privacy policy reachable from the home page' },
  description: {
    vi: 'Trang chủ có liên kết tới chính sách bảo mật / quyền riêng tư / bảo vệ dữ liệu cá nhân và trang đó mở được.',
    en: 'The home page links to a privacy / personal-data protection policy, and that page opens.',
  },
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 13' }, { instrument: 'luat91_2025' }],
  judge({ home, pages }) {
    const link = findPolicyLink(home.links);
    if (!link) return judgement('fail', [detail('policy.no_link', 'Trang chủ không có liên kết tới chính sách bảo mật hay bảo vệ dữ liệu cá nhân.', 'The home page has no link to a privacy or personal-data policy.', { evidence: { blob: 'evidence', path: 'links' } })]);
    const policy = pages.find((p) => p.kind === 'privacy_policy');
    if (!policy) return judgement('cant_tell', [detail('policy.not_visited', `Có liên kết "${link.text}" (${link.href}) nhưng chưa mở trang.`, `Linked as "${link.text}" (${link.href}) but the page was not visited.`)]);
    if (policy.error?.reason === 'http_4xx') return judgement('fail', [detail('policy.broken_link', `Liên kết "${link.text}" dẫn tới trang lỗi: ${policy.error.message}.`, `The link "${link.text}" leads to an error page: ${policy.error.message}.`, { data: { href: link.href } })]);
    if (policy.error) return judgement('error', [detail('policy.visit_failed', `Không mở được trang chính sách: ${policy.error.reason}.`, `Could not open the policy page: ${policy.error.reason}.`)]);
    return judgement('pass', [detail('policy.found', `Chính sách: "${link.text}" — ${policy.finalUrl}`, `Policy: "${link.text}" — ${policy.finalUrl}`, { data: { href: link.href, title: policy.title } })]);
  },
};
