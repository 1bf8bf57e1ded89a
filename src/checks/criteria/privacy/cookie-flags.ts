// First-party cookies set by the portal's server should be Secure (HTTPS only), HttpOnly
// (out of reach of scripts) and declare SameSite. Cookies written by scripts cannot be
// HttpOnly: for them Secure and SameSite are judged. SameSite counts only with a value browsers
// know (Strict, Lax, None; None only with Secure): `SameSite=True` is no declaration at all.
// HttpOnly on every server cookie is stricter than the HTTP Observatory (session cookies only),
// on purpose: a portal's server cookies are for the server.
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
      const missing = [
        !c.secure && { vi: 'Secure', en: 'Secure' },
        !c.httpOnly && c.setBy.via === 'header' && { vi: 'HttpOnly', en: 'HttpOnly' },
        sameSiteProblem(c.sameSite),
      ].filter((m): m is { vi: string; en: string } => Boolean(m));
      return missing.length ? [detail('cookie.flags_missing', `Cookie ${c.name} thiếu ${missing.map((m) => m.vi).join(', ')}.`, `Cookie ${c.name} lacks ${missing.map((m) => m.en).join(', ')}.`, { data: { name: c.name, missing: missing.map((m) => m.en), sameSite: c.sameSite, setBy: c.setBy }, evidence: { blob: 'evidence', path: `cookies[${i}]` } })] : [];
    });
    return problems.length ? judgement('fail', problems) : judgement('pass');
  },
};

/** What is missing of SameSite, or null: a value browsers do not know declares nothing. */
export function sameSiteProblem(declared: string | null): { vi: string; en: string } | null {
  if (declared === null) return { vi: 'SameSite', en: 'SameSite' };
  if (/^\s*(strict|lax|none)\s*$/i.test(declared)) return null;
  const shown = declared.slice(0, 40);
  return { vi: `SameSite hợp lệ ("${shown}" không phải Strict, Lax hay None)`, en: `a valid SameSite ("${shown}" is not Strict, Lax or None)` };
}
