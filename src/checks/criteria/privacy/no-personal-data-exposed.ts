// Public pages must not show someone's citizen ID number, or a phone number or e-mail address
// next to a person's name. What is found is stored masked (personal-data.ts).
import { msg, msgBoth, type MessageKey } from '../../../messages/index.ts';
import { finding, judgement, type PageCriterion } from '../criterion.ts';

const KIND = {
  citizen_id: 'privacy.no-personal-data-exposed.kind.citizen_id',
  phone: 'privacy.no-personal-data-exposed.kind.phone',
  email: 'privacy.no-personal-data-exposed.kind.email',
} as const satisfies Record<string, MessageKey>;

export const noPersonalDataExposed: PageCriterion = {
  id: 'privacy.no-personal-data-exposed',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.no-personal-data-exposed.title'),
  description: msgBoth('privacy.no-personal-data-exposed.description'),
  severity: 'critical',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    if (!page.personalData.length) return judgement('pass');
    return judgement('fail', page.personalData.map((h, i) => finding(`personal_data.${h.kind}`,
      h.besideName ? 'privacy.no-personal-data-exposed.exposedBesideName' : 'privacy.no-personal-data-exposed.exposed',
      (lang) => ({ kind: msg(lang, KIND[h.kind]), masked: h.masked, snippet: h.context }),
      { data: { ...h }, evidence: { blob: 'evidence', path: `personalData[${i}]` } })));
  },
};
