// A form that asks for personal data (name, citizen ID, phone, e-mail, address, birth date,
// password) must send it encrypted, by POST: GET puts it in addresses and server logs.
import { detail, judgement, type PageCriterion } from '../criterion.ts';

export const formsOverHttps: PageCriterion = {
  id: 'privacy.forms-over-https',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Biểu mẫu thu thập dữ liệu cá nhân gửi qua HTTPS bằng POST', en: 'Forms with personal data post over HTTPS' },
  description: {
    vi: 'Biểu mẫu có trường dữ liệu cá nhân nằm trên trang HTTPS, gửi tới địa chỉ https:// bằng phương thức POST.',
    en: 'Forms with personal-data fields sit on an HTTPS page and submit to an https:// address by POST.',
  },
  severity: 'critical',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }, { instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    const personal = page.forms.map((f, i) => ({ f, i })).filter(({ f }) => f.personalFields.length);
    if (!personal.length) return judgement('not_applicable');
    const pageSecure = (page.finalUrl ?? '').startsWith('https:');
    const problems = personal.flatMap(({ f, i }) => {
      const fields = f.personalFields.join(', ');
      const out = [];
      if (!pageSecure) out.push(detail('form.page_http', `Biểu mẫu (${fields}) nằm trên trang HTTP.`, `The form (${fields}) is on an HTTP page.`, { evidence: { blob: 'evidence' as const, path: `forms[${i}]` } }));
      if (!f.action.startsWith('https:')) out.push(detail('form.action_http', `Biểu mẫu (${fields}) gửi tới ${f.action} không mã hóa.`, `The form (${fields}) submits to ${f.action} unencrypted.`, { data: { action: f.action }, evidence: { blob: 'evidence' as const, path: `forms[${i}]` } }));
      if (f.method !== 'post') out.push(detail('form.get', `Biểu mẫu (${fields}) gửi bằng GET: dữ liệu cá nhân nằm trong địa chỉ URL.`, `The form (${fields}) submits by GET: personal data ends up in the URL.`, { data: { method: f.method }, evidence: { blob: 'evidence' as const, path: `forms[${i}]` } }));
      return out;
    });
    return problems.length ? judgement('fail', problems) : judgement('pass', [detail('form.ok', `${personal.length} biểu mẫu dữ liệu cá nhân gửi qua HTTPS bằng POST.`, `${personal.length} personal-data forms post over HTTPS.`)]);
  },
};
