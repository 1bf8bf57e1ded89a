// Security headers graded as the MDN HTTP Observatory scores them (headers-grade/3), HSTS read
// as RFC 6797 says, SameSite values checked, the first redirect of http:// judged: each weak
// policy the first grading let through (issue 12) is here, beside the strong ones.
import { describe, expect, it } from 'vitest';
import { analyseCsp, combinePolicies, parsePolicy } from '../../src/checks/criteria/privacy/csp.ts';
import { sameSiteProblem } from '../../src/checks/criteria/privacy/cookie-flags.ts';
import { gradeHeaders, type HeaderInput } from '../../src/checks/criteria/privacy/header-grade.ts';
import { hsts, MIN_MAX_AGE, parseHsts } from '../../src/checks/criteria/privacy/hsts.ts';
import { httpsRedirect } from '../../src/checks/criteria/privacy/https-redirect.ts';
import { securityHeaders } from '../../src/checks/criteria/privacy/security-headers.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';

const hardened: Record<string, string> = {
  'content-security-policy': "default-src 'self'; object-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=()',
};
const page = (headers: Record<string, string>, more: Partial<HeaderInput> = {}): HeaderInput => ({ headers, metaCsp: [], metaReferrer: [], https: true, url: 'https://dvc.example.vn/', ...more });
const csp = (policy: string | string[], more: Partial<HeaderInput> = {}) => analyseCsp({
  headers: ([] as string[]).concat(policy).filter(Boolean), meta: more.metaCsp ?? [], reportOnly: undefined, https: more.https ?? true,
}).result;

describe('gradeHeaders (headers-grade/3)', () => {
  it('scores as the Observatory: from 100, bonuses only from 90 up, the same letter chart', () => {
    // CSP +5, frame-ancestors +5, private referrer +5.
    expect(gradeHeaders(page(hardened))).toMatchObject({ score: 115, grade: 'A+', version: 'headers-grade/3' });
    // No CSP -25, no nosniff -5, no frame protection -20, no Permissions-Policy -5 (ours).
    expect(gradeHeaders(page({}))).toMatchObject({ score: 45, grade: 'C-' });
    expect(gradeHeaders(page({ ...hardened, 'content-security-policy': '' })).score).toBe(75);
  });

  it('grades Cross-Origin-Resource-Policy: same-origin or same-site earn 10, nonsense costs 5', () => {
    const corp = (v: string) => gradeHeaders(page({ ...hardened, 'cross-origin-resource-policy': v })).tests.find((t) => t.header === 'cross-origin-resource-policy')!;
    expect(corp('same-origin')).toMatchObject({ modifier: 10 });
    expect(corp('cross-origin')).toMatchObject({ modifier: 0 });
    expect(corp('anyone')).toMatchObject({ result: 'corp-header-invalid', modifier: -5 });
  });

  it('takes frame-ancestors from a header only, never from <meta>; allow-from is no penalty', () => {
    const frame = (input: HeaderInput) => gradeHeaders(input).tests.find((t) => t.header === 'x-frame-options')!;
    expect(frame(page({ 'content-security-policy': "frame-ancestors 'self'" })).result).toBe('x-frame-options-implemented-via-csp');
    expect(frame(page({}, { metaCsp: ["default-src 'self'; frame-ancestors 'none'"] })).result).toBe('x-frame-options-not-implemented');
    expect(frame(page({ 'x-frame-options': 'ALLOW-FROM https://dichvucong.gov.vn' })).modifier).toBe(0);
  });

  it('reads the referrer policy of the document\'s <meta> after the header', () => {
    const referrer = (input: HeaderInput) => gradeHeaders(input).tests.find((t) => t.header === 'referrer-policy')!;
    expect(referrer(page({ 'referrer-policy': 'no-referrer' }, { metaReferrer: ['unsafe-url'] })).result).toBe('referrer-policy-unsafe');
    expect(referrer(page({}, { metaReferrer: ['same-origin'] })).result).toBe('referrer-policy-private');
  });
});

describe('analyseCsp', () => {
  it('no weak script policy passes as safe: broad sources, data:, unguarded inline, strict-dynamic without a nonce', () => {
    expect(csp("script-src https://*; object-src 'none'")).toBe('csp-implemented-with-unsafe-inline');
    expect(csp("script-src 'self' data:; object-src 'none'")).toBe('csp-implemented-with-unsafe-inline');
    expect(csp("default-src 'self' 'unsafe-inline'")).toBe('csp-implemented-with-unsafe-inline');
    expect(csp("script-src 'strict-dynamic'; object-src 'none'")).toBe('csp-header-invalid');
    // Plugins left open: object-src * (or no object-src and no default-src) allows anything.
    expect(csp("script-src 'self'; object-src *")).toBe('csp-implemented-with-unsafe-inline');
    expect(csp("script-src 'self'")).toBe('csp-implemented-with-unsafe-inline');
  });

  it("a nonce or hash guards 'unsafe-inline'; with one, 'strict-dynamic' drops host sources", () => {
    expect(csp("script-src 'self' 'unsafe-inline' 'nonce-abc'; default-src 'none'")).toBe('csp-implemented-with-no-unsafe-default-src-none');
    expect(csp("script-src 'nonce-abc' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; default-src 'self'")).toBe('csp-implemented-with-no-unsafe');
  });

  it('orders the rest as the Observatory: insecure active, unsafe-eval, insecure passive, inline style', () => {
    expect(csp("default-src 'self' http://cdn.example.vn")).toBe('csp-implemented-with-insecure-scheme');
    expect(csp("default-src 'self' http://cdn.example.vn", { https: false })).toBe('csp-implemented-with-no-unsafe');
    expect(csp("default-src 'self' 'unsafe-eval'")).toBe('csp-implemented-with-unsafe-eval');
    expect(csp("default-src 'self'; img-src http://anh.example.vn")).toBe('csp-implemented-with-insecure-scheme-in-passive-content-only');
    expect(csp("default-src 'self'; style-src 'self' 'unsafe-inline'")).toBe('csp-implemented-with-unsafe-inline-in-style-src-only');
    expect(csp("default-src 'none'")).toBe('csp-implemented-with-no-unsafe-default-src-none');
  });

  it('tells every weakness of the enforced policy, not only the worst: base-uri, form-action, frame-ancestors, objects', () => {
    const facts = (policy: string) => analyseCsp({ headers: [policy], meta: [], reportOnly: undefined, https: true }).facts!;
    expect(facts("default-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")).toMatchObject({ insecureBaseUri: false, insecureFormAction: false, antiClickjacking: true, defaultNone: true, unsafeObjects: false });
    // Left out, base-uri and form-action allow anything; default-src does not stand in for them, nor for frame-ancestors.
    expect(facts("default-src 'none'")).toMatchObject({ insecureBaseUri: true, insecureFormAction: true, antiClickjacking: false });
    expect(facts("default-src *; base-uri https:; frame-ancestors *")).toMatchObject({ insecureBaseUri: true, antiClickjacking: false, unsafeObjects: true, unsafeInline: true });
    // The result names the worst; the facts keep the lesser ones too.
    expect(facts("default-src 'self'; script-src 'unsafe-inline'; img-src http:")).toMatchObject({ unsafeInline: true, insecureSchemePassive: true });
  });

  it('says what a CSP leaves open without scoring it', () => {
    const j = securityHeaders.judge({ ...emptyEvidence('https://dvc.example.vn/', 'home', new Date()), finalUrl: 'https://dvc.example.vn/', document: { status: 200, headers: { ...hardened }, tls: null, redirects: [] } });
    expect(j.details.filter((d) => d.code === 'headers.csp_unscored').map((d) => d.data!.directive)).toEqual(['base-uri', 'form-action']);
    expect(j.outcome).toBe('pass');
  });

  it('a Content-Security-Policy header sent empty is a failed policy, not a missing one', () => {
    for (const empty of ['', '  ', '\r\n']) {
      expect(gradeHeaders(page({ 'content-security-policy': empty })).tests[0]).toMatchObject({ result: 'csp-header-invalid', modifier: -25, why: 'the Content-Security-Policy header is empty' });
    }
    expect(gradeHeaders(page({})).tests[0]!.result).toBe('csp-not-implemented');
  });

  it('says why a policy is invalid in the reader\'s language, and stores the reason in English only', () => {
    const judged = (headers: Record<string, string>) => securityHeaders.judge({ ...emptyEvidence('https://dvc.example.vn/', 'home', new Date()), finalUrl: 'https://dvc.example.vn/', document: { status: 200, headers, tls: null, redirects: [] } });
    const twice = judged({ ...hardened, 'content-security-policy': "default-src 'self'; script-src 'self'; script-src *" }).details.find((d) => d.code === 'headers.csp-header-invalid')!;
    expect(twice.text).toEqual({
      vi: 'content-security-policy: csp-header-invalid (-25): chỉ thị script-src xuất hiện hai lần',
      en: 'content-security-policy: csp-header-invalid (-25): directive script-src given twice',
    });
    expect(twice.data).toEqual({ header: 'content-security-policy', result: 'csp-header-invalid', modifier: -25, why: 'directive script-src given twice' });
    const grade = judged({ ...hardened, 'content-security-policy': ' ' }).details.find((d) => d.code === 'headers.grade')!;
    expect((grade.data!.tests as Array<Record<string, unknown>>)[0]).toEqual({ header: 'content-security-policy', result: 'csp-header-invalid', modifier: -25, why: 'the Content-Security-Policy header is empty' });
  });

  it('a directive given twice makes the policy invalid (report-uri and report-to may repeat)', () => {
    expect(csp("default-src 'self'; script-src 'self'; script-src *")).toBe('csp-header-invalid');
    expect(csp("default-src 'self'; report-uri /a; report-uri /b")).toBe('csp-implemented-with-no-unsafe');
    expect(() => parsePolicy('x')).toThrow(/too short/);
  });

  it('enforces every policy at once: two headers, or one with policies separated by commas', () => {
    // Each alone would be weak or strong; together a source must pass both.
    expect(csp(["default-src *", "default-src 'self'"])).toBe('csp-implemented-with-no-unsafe');
    expect(csp("default-src * 'unsafe-inline', default-src 'self'")).toBe('csp-implemented-with-no-unsafe');
    expect([...combinePolicies([parsePolicy("script-src 'unsafe-inline'"), parsePolicy("script-src 'self'")]).get('script-src')!]).toEqual(["'none'"]);
  });

  it('reads a <meta http-equiv> policy with the headers, without the directives only headers may carry', () => {
    expect(csp([], { metaCsp: ["default-src 'none'"] })).toBe('csp-implemented-with-no-unsafe-default-src-none');
    expect(csp("default-src 'self'", { metaCsp: ["script-src 'unsafe-inline' 'self'"] })).toBe('csp-implemented-with-no-unsafe');
    const onlyHeaderDirectives = analyseCsp({ headers: [], meta: ["frame-ancestors 'none'"], reportOnly: undefined, https: true });
    expect(onlyHeaderDirectives.result).toBe('csp-not-implemented');
    expect(analyseCsp({ headers: [], meta: [], reportOnly: "default-src 'self'", https: true }).result).toBe('csp-not-implemented-but-reporting-enabled');
  });
});

describe('parseHsts (RFC 6797)', () => {
  it('reads max-age, includeSubDomains and preload, names in any case, values quoted or not', () => {
    expect(parseHsts('max-age=31536000; includeSubDomains; preload')).toEqual({ maxAge: 31536000, includeSubDomains: true, preload: true });
    expect(parseHsts('MAX-AGE="15552000"')).toEqual({ maxAge: 15552000, includeSubDomains: false, preload: false });
  });

  it('is invalid when a directive repeats, max-age is missing or not a number, or the header came twice', () => {
    expect(parseHsts('max-age=31536000; max-age=0')).toEqual({ invalid: 'directive max-age is given twice' });
    expect(parseHsts('foo-max-age=31536000')).toEqual({ invalid: 'max-age is missing' });
    expect(parseHsts('max-age=1y')).toMatchObject({ invalid: expect.stringContaining('not a number') });
    expect(parseHsts('max-age=31536000, max-age=0')).toMatchObject({ invalid: expect.stringContaining('more than once') });
  });

  it('says why a header is invalid in the reader\'s language, and keeps the English reason as data', () => {
    const served = (value: string) => ({ ...emptyEvidence('https://dvc.example.vn/', 'home', new Date()), finalUrl: 'https://dvc.example.vn/', document: { status: 200, headers: { 'strict-transport-security': value }, tls: null, redirects: [] } });
    const twice = hsts.judge(served('max-age=31536000; max-age=0')).details[0]!;
    expect(twice.text.vi).toBe('Tiêu đề HSTS không hợp lệ (chỉ thị max-age xuất hiện hai lần), trình duyệt sẽ bỏ qua: max-age=31536000; max-age=0');
    expect(twice.text.en).toBe('Invalid HSTS header (directive max-age is given twice); browsers ignore it: max-age=31536000; max-age=0');
    expect(twice.data).toEqual({ value: 'max-age=31536000; max-age=0', why: 'directive max-age is given twice' });
    for (const value of ['foo-max-age=1', 'max-age=1y', 'max-age=1, max-age=2', 'max-age=1; a b']) {
      expect(hsts.judge(served(value)).details[0]!.text.vi, value).not.toMatch(/is given|is missing|is not a|more than once/);
    }
  });

  it('fails a page whose certificate browsers refuse: they take no HSTS from it', () => {
    const refused = { ...emptyEvidence('https://dvc.example.vn/', 'home', new Date()), error: { reason: 'tls_invalid' as const, message: 'net::ERR_CERT_AUTHORITY_INVALID' } };
    expect(hsts.judgeFailedVisit?.(refused)).toMatchObject({ outcome: 'fail', details: [{ code: 'hsts.certificate_invalid' }] });
    expect(hsts.judgeFailedVisit?.({ ...refused, error: { reason: 'timeout', message: 'slow' } })).toBeNull();
  });

  it('takes 180 days as six months, as the Observatory does', () => {
    expect(MIN_MAX_AGE).toBe(180 * 24 * 3600);
  });
});

describe('sameSiteProblem', () => {
  it('counts only the values browsers know', () => {
    expect(sameSiteProblem('Lax')).toBeNull();
    expect(sameSiteProblem(' strict ')).toBeNull();
    expect(sameSiteProblem('None')).toBeNull();
    expect(sameSiteProblem(null)?.en).toBe('SameSite');
    expect(sameSiteProblem('True')?.en).toContain('"True" is not Strict, Lax or None');
    expect(sameSiteProblem('')?.en).toContain('is not Strict, Lax or None');
  });
});

describe('the http:// redirect', () => {
  const homeWith = (variant: { finalUrl: string; redirects: Array<{ url: string; status: number }> }) => ({
    home: { ...emptyEvidence('https://www.dvc.example.vn/', 'home', new Date()), finalUrl: 'https://www.dvc.example.vn/', httpVariant: { url: 'http://dvc.example.vn/', status: 200, error: null, ...variant } },
    pages: [],
  });

  it('passes when the first redirect goes to https://', () => {
    const j = httpsRedirect.judge(homeWith({ finalUrl: 'https://www.dvc.example.vn/', redirects: [{ url: 'http://dvc.example.vn/', status: 301 }, { url: 'https://dvc.example.vn/', status: 301 }] }));
    expect(j.outcome).toBe('pass');
  });

  it('fails http://a → http://www.a → https://www.a, naming the hop that stayed on http://', () => {
    const j = httpsRedirect.judge(homeWith({ finalUrl: 'https://www.dvc.example.vn/', redirects: [{ url: 'http://dvc.example.vn/', status: 301 }, { url: 'http://www.dvc.example.vn/', status: 301 }] }));
    expect(j.outcome).toBe('fail');
    expect(j.details[0]!.code).toBe('redirect.first_hop_http');
    expect(j.details[0]!.text.en).toContain('redirects to http://www.dvc.example.vn/ (still http://)');
  });

  it('fails http://a → https://www.a: the first redirect must stay on the host, or a never sets HSTS', () => {
    const j = httpsRedirect.judge(homeWith({ finalUrl: 'https://www.dvc.example.vn/', redirects: [{ url: 'http://dvc.example.vn/', status: 301 }] }));
    expect(j).toMatchObject({ outcome: 'fail', details: [{ code: 'redirect.first_hop_other_host' }] });
    expect(j.details[0]!.text.en).toContain('browsers never get HSTS for dvc.example.vn');
    // Another port on the same host is the same host.
    expect(httpsRedirect.judge(homeWith({ finalUrl: 'https://dvc.example.vn:8443/', redirects: [{ url: 'http://dvc.example.vn/', status: 301 }] })).outcome).toBe('pass');
  });

  it('tells a redirect that never reaches https:// from no redirect at all', () => {
    expect(httpsRedirect.judge(homeWith({ finalUrl: 'http://www.dvc.example.vn/', redirects: [{ url: 'http://dvc.example.vn/', status: 301 }] })).details[0]!.code).toBe('redirect.ends_http');
    expect(httpsRedirect.judge(homeWith({ finalUrl: 'http://dvc.example.vn/', redirects: [] })).details[0]!.code).toBe('redirect.stays_http');
  });

  it('fails nothing answering on http://, saying it is stricter than the Observatory on purpose', () => {
    const home = { ...emptyEvidence('https://dvc.example.vn/', 'home', new Date()), finalUrl: 'https://dvc.example.vn/', httpVariant: { url: 'http://dvc.example.vn/', finalUrl: null, status: null, error: 'connect_refused' } };
    const j = httpsRedirect.judge({ home, pages: [] });
    expect(j).toMatchObject({ outcome: 'fail', details: [{ code: 'redirect.http_unreachable', data: { stricter: expect.stringContaining('stricter than the HTTP Observatory') } }] });
    expect(j.details[0]!.text.vi).toContain('chặt hơn HTTP Observatory');
  });
});
