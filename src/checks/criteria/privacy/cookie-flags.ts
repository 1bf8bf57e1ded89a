// First-party cookies set by the portal's server should be Secure (HTTPS only), HttpOnly
// (out of reach of scripts) and declare SameSite. Cookies written by scripts cannot be
// HttpOnly: for them Secure and SameSite are judged. SameSite counts only with a value browsers
// know (Strict, Lax, None; None only with Secure): `SameSite=True` is no declaration at all.
//
// Each weakness is named as the MDN HTTP Observatory names it (its published results), so the
// finding reads like theirs: a session cookie (by its name: sess, login, auth, sid) without
// Secure is worse than another cookie without it, and either is less bad when HSTS keeps the
// browser on HTTPS; an anti-CSRF token (csrf, xsrf) must declare SameSite. Three rules are
// stricter than the Observatory on purpose, and the finding says so:
//  - HttpOnly on every cookie the server sets, not only session cookies: a portal's server
//    cookies are for the server, and a script has no business reading them;
//  - SameSite declared on every cookie (the Observatory only withholds a bonus): browsers do
//    not agree on what a cookie without it means;
//  - no cookie is left out by its name (the Observatory skips heroku-session-affinity).
import type { CookieRecord, FindingDetail } from '../../types.ts';
import { detail, judgement, type PageCriterion } from '../criterion.ts';
import { hsts } from './hsts.ts';

/** The Observatory's names for the cookies of a page, best first. */
export type CookieResult =
  | 'cookies-not-found'
  | 'cookies-secure-with-httponly-sessions-and-samesite'
  | 'cookies-secure-with-httponly-sessions'
  | 'cookies-without-secure-flag-but-protected-by-hsts'
  | 'cookies-session-without-secure-flag-but-protected-by-hsts'
  | 'cookies-without-secure-flag'
  | 'cookies-samesite-flag-invalid'
  | 'cookies-anticsrf-without-samesite-flag'
  | 'cookies-session-without-httponly-flag'
  | 'cookies-session-without-secure-flag';

/** Worst last, by the points the Observatory takes for each (−5 … −40). */
const WORSE: readonly CookieResult[] = [
  'cookies-secure-with-httponly-sessions', 'cookies-without-secure-flag-but-protected-by-hsts', 'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-without-secure-flag', 'cookies-samesite-flag-invalid', 'cookies-anticsrf-without-samesite-flag', 'cookies-session-without-httponly-flag',
  'cookies-session-without-secure-flag',
];

/** A cookie the Observatory leaves out by its name (Heroku's router sets it). */
const OBSERVATORY_SKIPS = 'heroku-session-affinity';
const SESSION_NAME = /sess|login|auth|^sid$|[._-]sid$/i;
const ANTI_CSRF_NAME = /csrf|xsrf/i;

export const STRICTER = {
  httpOnly: { vi: 'HttpOnly được đòi hỏi cho mọi cookie do máy chủ đặt, không chỉ cookie phiên (chặt hơn HTTP Observatory, có chủ ý)', en: 'HttpOnly is required on every cookie the server sets, not only session cookies (stricter than the HTTP Observatory, on purpose)' },
  sameSite: { vi: 'SameSite phải được khai báo cho mọi cookie (chặt hơn HTTP Observatory, vốn chỉ không cộng điểm thưởng, có chủ ý)', en: 'SameSite must be declared on every cookie (stricter than the HTTP Observatory, which only withholds a bonus, on purpose)' },
  byName: { vi: 'mọi cookie đều được xét, kể cả heroku-session-affinity mà HTTP Observatory bỏ qua (chặt hơn, có chủ ý)', en: 'every cookie is judged, heroku-session-affinity too, which the HTTP Observatory leaves out (stricter, on purpose)' },
} as const;

type Stricter = keyof typeof STRICTER;

/** One thing a cookie lacks: in words, the Observatory's name for it, and our rule when theirs would not count it. */
interface Lack {
  what: { vi: string; en: string };
  result: CookieResult;
  stricter: Stricter | null;
}

/** What is missing of SameSite, or null: a value browsers do not know declares nothing. */
export function sameSiteProblem(declared: string | null): { vi: string; en: string } | null {
  if (declared === null) return { vi: 'SameSite', en: 'SameSite' };
  if (/^\s*(strict|lax|none)\s*$/i.test(declared)) return null;
  const shown = declared.slice(0, 40);
  return { vi: `SameSite hợp lệ ("${shown}" không phải Strict, Lax hay None)`, en: `a valid SameSite ("${shown}" is not Strict, Lax or None)` };
}

/** What one cookie lacks; `hstsProtects` when the page's HSTS keeps browsers on HTTPS. */
export function cookieLacks(c: Pick<CookieRecord, 'name' | 'secure' | 'httpOnly' | 'sameSite' | 'setBy'>, hstsProtects: boolean): Lack[] {
  const session = SESSION_NAME.test(c.name);
  // A name the Observatory leaves out: whatever it lacks, only our rules count it.
  const skipped = c.name === OBSERVATORY_SKIPS;
  const lacks: Lack[] = [];
  const add = (what: Lack['what'], result: CookieResult, stricter: Stricter | null = null) => lacks.push({ what, result, stricter: skipped ? 'byName' : stricter });
  if (!c.secure) {
    add({ vi: 'Secure', en: 'Secure' }, session
      ? (hstsProtects ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag')
      : (hstsProtects ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag'));
  }
  if (!c.httpOnly && c.setBy.via === 'header') add({ vi: 'HttpOnly', en: 'HttpOnly' }, 'cookies-session-without-httponly-flag', session ? null : 'httpOnly');
  const sameSite = sameSiteProblem(c.sameSite);
  if (sameSite && c.sameSite !== null) add(sameSite, 'cookies-samesite-flag-invalid');
  else if (/^\s*none\s*$/i.test(c.sameSite ?? '') && !c.secure) add({ vi: 'Secure (bắt buộc với SameSite=None)', en: 'Secure (which SameSite=None requires)' }, 'cookies-samesite-flag-invalid');
  if (sameSite && c.sameSite === null) {
    if (ANTI_CSRF_NAME.test(c.name)) add(sameSite, 'cookies-anticsrf-without-samesite-flag');
    else add(sameSite, 'cookies-secure-with-httponly-sessions', 'sameSite');
  }
  return lacks;
}

/**
 * The page's cookies as the Observatory would name them: the worst of the lacks its own rules
 * count (our stricter ones left out), or, with none, whether every cookie declares SameSite.
 */
export function cookiesResult(lacks: readonly Lack[], allDeclareSameSite: boolean): CookieResult {
  const worst = lacks.filter((l) => !l.stricter).reduce((w, l) => Math.max(w, WORSE.indexOf(l.result)), -1);
  if (worst >= 0) return WORSE[worst]!;
  return allDeclareSameSite ? 'cookies-secure-with-httponly-sessions-and-samesite' : 'cookies-secure-with-httponly-sessions';
}

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
  judge(page, portal) {
    const own = page.cookies.map((c, i) => ({ c, i })).filter(({ c }) => c.party === 'first' && c.stored);
    if (!own.length) return judgement('not_applicable', [detail('cookie.none', 'Trang không đặt cookie của bên thứ nhất.', 'The page sets no first-party cookie.', { data: { result: 'cookies-not-found' } })]);
    const protects = hsts.judge(page, portal).outcome === 'pass';
    const each = own.map(({ c, i }) => ({ c, i, lacks: cookieLacks(c, protects) }));
    const lacks = each.flatMap((e) => e.lacks);
    const result = cookiesResult(lacks, own.every(({ c }) => c.sameSite !== null || c.name === OBSERVATORY_SKIPS));
    // The Observatory fails these cookies too, unless every lack is one of our stricter rules.
    const ours = lacks.length && lacks.every((l) => l.stricter) ? [...new Set(lacks.map((l) => l.stricter!))] : [];
    const summary = detail('cookie.result', `Cookie bên thứ nhất theo cách gọi của HTTP Observatory: ${result}.`, `First-party cookies as the HTTP Observatory names them: ${result}.`, {
      data: { result, ...(ours.length ? { stricter: ours.map((s) => STRICTER[s].en).join('; ') } : {}) },
    });
    const problems = each.filter((e) => e.lacks.length).map(({ c, i, lacks: l }): FindingDetail => {
      const why = [...new Set(l.flatMap((x) => (x.stricter ? [STRICTER[x.stricter]] : [])))];
      const note = (lang: 'vi' | 'en') => (why.length ? ` (${why.map((w) => w[lang]).join('; ')})` : '');
      return detail('cookie.flags_missing', `Cookie ${c.name} thiếu ${l.map((m) => m.what.vi).join(', ')}${note('vi')}.`, `Cookie ${c.name} lacks ${l.map((m) => m.what.en).join(', ')}${note('en')}.`, {
        data: { name: c.name, missing: l.map((m) => m.what.en), results: [...new Set(l.map((m) => m.result))], sameSite: c.sameSite, setBy: c.setBy, ...(why.length ? { stricter: why.map((w) => w.en).join('; ') } : {}) },
        evidence: { blob: 'evidence', path: `cookies[${i}]` },
      });
    });
    return judgement(problems.length ? 'fail' : 'pass', [summary, ...problems]);
  },
};
