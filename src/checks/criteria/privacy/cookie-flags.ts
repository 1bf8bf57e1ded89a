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
import type { Lang } from '../../../i18n.ts';
import { msg, msgBoth, type MessageKey } from '../../../messages/index.ts';
import type { CookieRecord, FindingDetail, Text } from '../../types.ts';
import { finding, judgement, sameText, type PageCriterion } from '../criterion.ts';
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
  httpOnly: 'privacy.cookie-flags.stricter.httpOnly',
  sameSite: 'privacy.cookie-flags.stricter.sameSite',
  byName: 'privacy.cookie-flags.stricter.byName',
} as const satisfies Record<string, MessageKey>;

type Stricter = keyof typeof STRICTER;

/** One thing a cookie lacks: in words, the Observatory's name for it, and our rule when theirs would not count it. */
interface Lack {
  what: Text;
  result: CookieResult;
  stricter: Stricter | null;
}

/** What is missing of SameSite, or null: a value browsers do not know declares nothing. */
export function sameSiteProblem(declared: string | null): Text | null {
  if (declared === null) return sameText('SameSite');
  if (/^\s*(strict|lax|none)\s*$/i.test(declared)) return null;
  return msgBoth('privacy.cookie-flags.validSameSite', { value: declared.slice(0, 40) });
}

/** What one cookie lacks; `hstsProtects` when the page's HSTS keeps browsers on HTTPS. */
export function cookieLacks(c: Pick<CookieRecord, 'name' | 'secure' | 'httpOnly' | 'sameSite' | 'setBy'>, hstsProtects: boolean): Lack[] {
  const session = SESSION_NAME.test(c.name);
  // A name the Observatory leaves out: whatever it lacks, only our rules count it.
  const skipped = c.name === OBSERVATORY_SKIPS;
  const lacks: Lack[] = [];
  const add = (what: Lack['what'], result: CookieResult, stricter: Stricter | null = null) => lacks.push({ what, result, stricter: skipped ? 'byName' : stricter });
  if (!c.secure) {
    add(sameText('Secure'), session
      ? (hstsProtects ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag')
      : (hstsProtects ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag'));
  }
  if (!c.httpOnly && c.setBy.via === 'header') add(sameText('HttpOnly'), 'cookies-session-without-httponly-flag', session ? null : 'httpOnly');
  const sameSite = sameSiteProblem(c.sameSite);
  if (sameSite && c.sameSite !== null) add(sameSite, 'cookies-samesite-flag-invalid');
  else if (/^\s*none\s*$/i.test(c.sameSite ?? '') && !c.secure) add(msgBoth('privacy.cookie-flags.secureForNone'), 'cookies-samesite-flag-invalid');
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
  title: msgBoth('privacy.cookie-flags.title'),
  description: msgBoth('privacy.cookie-flags.description'),
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page, portal) {
    const own = page.cookies.map((c, i) => ({ c, i })).filter(({ c }) => c.party === 'first' && c.stored);
    if (!own.length) return judgement('not_applicable', [finding('cookie.none', 'privacy.cookie-flags.none', {}, { data: { result: 'cookies-not-found' } })]);
    const protects = hsts.judge(page, portal).outcome === 'pass';
    const each = own.map(({ c, i }) => ({ c, i, lacks: cookieLacks(c, protects) }));
    const lacks = each.flatMap((e) => e.lacks);
    const result = cookiesResult(lacks, own.every(({ c }) => c.sameSite !== null || c.name === OBSERVATORY_SKIPS));
    // The Observatory fails these cookies too, unless every lack is one of our stricter rules.
    const ours = lacks.length && lacks.every((l) => l.stricter) ? [...new Set(lacks.map((l) => l.stricter!))] : [];
    const summary = finding('cookie.result', 'privacy.cookie-flags.result', { result }, {
      data: { result, ...(ours.length ? { stricter: ours.map((s) => msg('en', STRICTER[s])).join('; ') } : {}) },
    });
    const problems = each.filter((e) => e.lacks.length).map(({ c, i, lacks: l }): FindingDetail => {
      const why = [...new Set(l.flatMap((x) => (x.stricter ? [STRICTER[x.stricter]] : [])))];
      const vars = (lang: Lang) => ({ name: c.name, missing: l.map((m) => m.what[lang]).join(', '), stricter: why.map((w) => msg(lang, w)).join('; ') });
      return finding('cookie.flags_missing', why.length ? 'privacy.cookie-flags.missingStricter' : 'privacy.cookie-flags.missing', vars, {
        data: { name: c.name, missing: l.map((m) => m.what.en), results: [...new Set(l.map((m) => m.result))], sameSite: c.sameSite, setBy: c.setBy, ...(why.length ? { stricter: why.map((w) => msg('en', w)).join('; ') } : {}) },
        evidence: { blob: 'evidence', path: `cookies[${i}]` },
      });
    });
    return judgement(problems.length ? 'fail' : 'pass', [summary, ...problems]);
  },
};
