// The policy (or the home page) names who to contact about personal data: an e-mail address
// or a phone number next to the words for a contact point (only 3 of 63 portals did in 2022).
import { msgBoth } from '../../../messages/index.ts';
import { finding, judgement, type PortalCriterion } from '../criterion.ts';

const CONTACT_WORDS = /đầu mối|liên hệ|bộ phận bảo vệ dữ liệu|người phụ trách|cán bộ phụ trách|bảo vệ dữ liệu cá nhân|data protection officer|\bdpo\b|contact/iu;
const REACH = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:\+84|0)\d(?:[\s.]?\d){7,9}/g;
const NEAR = 200;

export function contactPointIn(text: string): string | null {
  for (const m of text.matchAll(REACH)) {
    const around = text.slice(Math.max(0, m.index - NEAR), m.index + m[0].length + NEAR);
    if (CONTACT_WORDS.test(around)) return around.replace(/\s+/g, ' ').trim();
  }
  return null;
}

export const policyContactPoint: PortalCriterion = {
  id: 'privacy.policy-contact-point',
  area: 'privacy',
  scope: 'portal',
  title: msgBoth('privacy.policy-contact-point.title'),
  description: msgBoth('privacy.policy-contact-point.description'),
  severity: 'moderate',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 13' }, { instrument: 'luat91_2025' }],
  judge({ home, pages }) {
    const policy = pages.find((p) => p.kind === 'privacy_policy' && !p.error);
    for (const page of [policy, home]) {
      if (!page || page.error) continue;
      const found = contactPointIn(page.text);
      if (found) return judgement('pass', [finding('contact.found', 'privacy.policy-contact-point.found', { url: String(page.finalUrl), snippet: found.slice(0, 200) }, { evidence: { blob: 'evidence', path: 'text' } })]);
    }
    if (home.error && !policy) return judgement('error');
    return judgement('fail', [policy
      ? finding('contact.missing', 'privacy.policy-contact-point.missingInPolicy', { url: String(policy.finalUrl) })
      : finding('contact.missing', 'privacy.policy-contact-point.missing')]);
  },
};
