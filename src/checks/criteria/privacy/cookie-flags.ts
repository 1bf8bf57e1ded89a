// First-party cookies set by the portal's server should be Secure (HTTPS only), HttpOnly
// (out of reach of scripts) and declare SameSite. Cookies written by scripts cannot be
// HttpOnly: for them Secure and SameSite are judged.
import { detail, judgement, type PageCriterion } from '../criterion.ts';

export const cookieFlags: PageCriterion = {
  id: 'privacy.cookie-flags',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Cookie có thuộc tính Secure, HttpOnly và SameSite', en: 'Cookies are Secure, HttpOnly and declare SameSite' },
  description: {
    vi: 'Cookie do máy chủ của cổng đặt có Secure, HttpOnly và khai báo SameSite; cookie do tập lệnh ghi có Secure và SameSite.',
    en: "Cookies set by the portal's server are Secure and HttpOnly and declare SameSite; cookies written by scripts are Secure and declare SameSite.",
  },
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    const own = page.cookies.map((c, i) => ({ c, i })).filter(({ c }) => c.party === 'first' && c.stored);
    if (!own.length) return judgement('not_applicable', [detail('cookie.none', 'Trang không đặt cookie của bên thứ nhất.', 'The page sets no first-party cookie.')]);
    const problems = own.flatMap(({ c, i }) => {
      const missing = [!c.secure && 'Secure', !c.httpOnly && c.setBy.via === 'header' && 'HttpOnly', !c.sameSite && 'SameSite'].filter((m): m is string => Boolean(m));
      return missing.length ? [detail('cookie.flags_missing', `Cookie ${c.name} thiếu ${missing.join(', ')}.`, `Cookie ${c.name} lacks ${missing.join(', ')}.`, { data: { name: c.name, missing, setBy: c.setBy }, evidence: { blob: 'evidence', path: `cookies[${i}]` } })] : [];
    });
    return problems.length ? judgement('fail', problems) : judgement('pass');
  },
};
