// Cookies judged with the MDN HTTP Observatory's names for what they lack (headers-grade/3):
// session and anti-CSRF cookies by name, HSTS softening a missing Secure, and the three rules
// stricter than the Observatory on purpose, which the finding names.
import { describe, expect, it } from 'vitest';
import { cookieFlags } from '../../src/checks/criteria/privacy/cookie-flags.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import type { CookieRecord, PageEvidence } from '../../src/checks/types.ts';

const cookie = (name: string, flags: Partial<CookieRecord> = {}): CookieRecord => ({
  name, domain: 'dvc.example.vn', path: '/', secure: true, httpOnly: true, sameSite: 'Lax', expiresInS: null, party: 'first',
  setBy: { via: 'header', url: 'https://dvc.example.vn/' }, tracker: null, valueLength: 16, stored: true, refusedBecause: null, ...flags,
});

function page(cookies: CookieRecord[], hsts: string | null = null): PageEvidence {
  const p = emptyEvidence('https://dvc.example.vn/', 'home', new Date());
  p.finalUrl = 'https://dvc.example.vn/';
  p.document = { status: 200, headers: hsts ? { 'strict-transport-security': hsts } : {}, tls: null, redirects: [] };
  p.cookies = cookies;
  return p;
}

const judged = (cookies: CookieRecord[], hsts: string | null = null) => {
  const j = cookieFlags.judge(page(cookies, hsts));
  const summary = j.details.find((d) => d.code === 'cookie.result')!;
  return { outcome: j.outcome, result: summary?.data?.result, stricter: summary?.data?.stricter as string | undefined, details: j.details };
};

describe('privacy.cookie-flags, named as the Observatory names cookies', () => {
  it('a session cookie without Secure is the worst; HSTS softens a missing Secure, it does not excuse it', () => {
    expect(judged([cookie('PHPSESSID', { secure: false })])).toMatchObject({ outcome: 'fail', result: 'cookies-session-without-secure-flag' });
    expect(judged([cookie('PHPSESSID', { secure: false })], 'max-age=31536000')).toMatchObject({ outcome: 'fail', result: 'cookies-session-without-secure-flag-but-protected-by-hsts' });
    expect(judged([cookie('lang', { secure: false })], 'max-age=31536000')).toMatchObject({ outcome: 'fail', result: 'cookies-without-secure-flag-but-protected-by-hsts' });
    // Too short an HSTS protects nothing.
    expect(judged([cookie('lang', { secure: false })], 'max-age=86400')).toMatchObject({ result: 'cookies-without-secure-flag' });
  });

  it('an anti-CSRF token must declare SameSite; an unknown SameSite value or None without Secure is invalid', () => {
    expect(judged([cookie('XSRF-TOKEN', { sameSite: null })])).toMatchObject({ outcome: 'fail', result: 'cookies-anticsrf-without-samesite-flag', stricter: undefined });
    expect(judged([cookie('sid', { sameSite: 'True' })])).toMatchObject({ outcome: 'fail', result: 'cookies-samesite-flag-invalid' });
    const noneInClear = judged([cookie('pref', { sameSite: 'None', secure: false })]);
    expect(noneInClear).toMatchObject({ result: 'cookies-samesite-flag-invalid' });
    expect(noneInClear.details[1]!.data!.results).toEqual(['cookies-without-secure-flag', 'cookies-samesite-flag-invalid']);
  });

  it('passes Secure, HttpOnly, SameSite cookies with the Observatory\'s best name', () => {
    expect(judged([cookie('ASP.NET_SessionId'), cookie('lang', { setBy: { via: 'script', url: null }, httpOnly: false })]))
      .toMatchObject({ outcome: 'pass', result: 'cookies-secure-with-httponly-sessions-and-samesite' });
  });

  it('says so when only our stricter rules fail the cookies: HttpOnly on every server cookie, SameSite declared, no name left out', () => {
    const onlyHttpOnly = judged([cookie('lang', { httpOnly: false })]);
    expect(onlyHttpOnly).toMatchObject({ outcome: 'fail', result: 'cookies-secure-with-httponly-sessions-and-samesite' });
    expect(onlyHttpOnly.stricter).toMatch(/HttpOnly is required on every cookie the server sets/);
    expect(onlyHttpOnly.details[1]!.text.en).toMatch(/lacks HttpOnly \(HttpOnly is required .*stricter than the HTTP Observatory, on purpose\)/);
    expect(judged([cookie('lang', { sameSite: null })])).toMatchObject({ outcome: 'fail', result: 'cookies-secure-with-httponly-sessions', stricter: expect.stringMatching(/SameSite must be declared/) });
    expect(judged([cookie('heroku-session-affinity', { secure: false, sameSite: null })]).stricter).toMatch(/heroku-session-affinity too/);
    // A session cookie without HttpOnly is the Observatory's own rule: no "stricter" note.
    expect(judged([cookie('JSESSIONID', { httpOnly: false })])).toMatchObject({ result: 'cookies-session-without-httponly-flag', stricter: undefined });
    // When the Observatory fails the cookies too, the verdict is not ours alone.
    expect(judged([cookie('lang', { httpOnly: false, secure: false })])).toMatchObject({ result: 'cookies-without-secure-flag', stricter: undefined });
  });
});
