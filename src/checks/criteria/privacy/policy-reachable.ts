// A privacy policy reachable from the home page (2022 IPS/UNDP survey: 60 of 63 portals had none).
import { findPolicyLink } from '../../evidence/discover.ts';
import { msgBoth } from '../../../messages/index.ts';
import { scannerReasonText } from '../../scanner-reasons.ts';
import { finding, judgement, type PortalCriterion } from '../criterion.ts';

export const policyReachable: PortalCriterion = {
  id: 'privacy.policy-reachable',
  area: 'privacy',
  scope: 'portal',
  title: msgBoth('privacy.policy-reachable.title'),
  description: msgBoth('privacy.policy-reachable.description'),
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 13' }, { instrument: 'luat91_2025' }],
  judge({ home, pages }) {
    const link = findPolicyLink(home.links);
    if (!link) return judgement('fail', [finding('policy.no_link', 'privacy.policy-reachable.noLink', {}, { evidence: { blob: 'evidence', path: 'links' } })]);
    const policy = pages.find((p) => p.kind === 'privacy_policy');
    if (!policy) return judgement('cant_tell', [finding('policy.not_visited', 'privacy.policy-reachable.notVisited', { text: link.text, href: link.href })]);
    if (policy.error?.reason === 'http_4xx') return judgement('fail', [finding('policy.broken_link', 'privacy.policy-reachable.brokenLink', { text: link.text, message: policy.error.message }, { data: { href: link.href } })]);
    if (policy.error) return judgement('error', [finding('policy.visit_failed', 'privacy.policy-reachable.visitFailed', (lang) => ({ reason: scannerReasonText(policy.error!.reason, lang) }))]);
    return judgement('pass', [finding('policy.found', 'privacy.policy-reachable.found', { text: link.text, url: String(policy.finalUrl) }, { data: { href: link.href, title: policy.title } })]);
  },
};
