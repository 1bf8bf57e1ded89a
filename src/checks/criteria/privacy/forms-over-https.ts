// A form that asks for personal data (name, citizen ID, phone, e-mail, address, birth date,
// password) must send it encrypted, by POST: GET puts it in addresses and server logs.
import { msgBoth } from '../../../messages/index.ts';
import { finding, judgement, type PageCriterion } from '../criterion.ts';

export const formsOverHttps: PageCriterion = {
  id: 'privacy.forms-over-https',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.forms-over-https.title'),
  description: msgBoth('privacy.forms-over-https.description'),
  severity: 'critical',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }, { instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    const personal = page.forms.map((f, i) => ({ f, i })).filter(({ f }) => f.personalFields.length);
    if (!personal.length) return judgement('not_applicable');
    const pageSecure = (page.finalUrl ?? '').startsWith('https:');
    const problems = personal.flatMap(({ f, i }) => {
      const fields = f.personalFields.join(', ');
      const out = [];
      if (!pageSecure) out.push(finding('form.page_http', 'privacy.forms-over-https.pageHttp', { fields }, { evidence: { blob: 'evidence' as const, path: `forms[${i}]` } }));
      if (!f.action.startsWith('https:')) out.push(finding('form.action_http', 'privacy.forms-over-https.actionHttp', { fields, action: f.action }, { data: { action: f.action }, evidence: { blob: 'evidence' as const, path: `forms[${i}]` } }));
      if (f.method !== 'post') out.push(finding('form.get', 'privacy.forms-over-https.get', { fields }, { data: { method: f.method }, evidence: { blob: 'evidence' as const, path: `forms[${i}]` } }));
      return out;
    });
    return problems.length ? judgement('fail', problems) : judgement('pass', [finding('form.ok', 'privacy.forms-over-https.ok', { forms: personal.length })]);
  },
};
