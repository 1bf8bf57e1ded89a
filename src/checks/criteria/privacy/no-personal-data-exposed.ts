// Public pages must not show someone's citizen ID number, or a phone number or e-mail address
// next to a person's name. What is found is stored masked (personal-data.ts).
import { detail, judgement, type PageCriterion } from '../criterion.ts';

const KIND = { citizen_id: ['số CCCD', 'citizen ID number'], phone: ['số điện thoại', 'phone number'], email: ['thư điện tử', 'e-mail address'] } as const;

export const noPersonalDataExposed: PageCriterion = {
  id: 'privacy.no-personal-data-exposed',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Không lộ dữ liệu cá nhân trên trang công khai', en: 'No personal data exposed on public pages' },
  description: {
    vi: 'Trang công khai không hiện số căn cước công dân 12 số, hay số điện thoại, thư điện tử bên cạnh họ tên một người.',
    en: "Public pages show no 12-digit citizen ID number, and no phone number or e-mail address beside a person's name.",
  },
  severity: 'critical',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    if (!page.personalData.length) return judgement('pass');
    return judgement('fail', page.personalData.map((h, i) => detail(`personal_data.${h.kind}`,
      `Lộ ${KIND[h.kind][0]} ${h.masked}${h.besideName ? ' cạnh họ tên' : ''}: "${h.context}"`,
      `Exposed ${KIND[h.kind][1]} ${h.masked}${h.besideName ? ' beside a name' : ''}: "${h.context}"`,
      { data: { ...h }, evidence: { blob: 'evidence', path: `personalData[${i}]` } })));
  },
};
