// Stand in for the Observatory's analyzers (`../src/analyzer/tests/<name>.js`) in their test
// files: each takes their `Requests`, turns it into our evidence (evidence.ts), runs OUR
// criterion on it and answers in their output shape, `result` being our result named in their
// vocabulary. Where one of our rules that the Observatory lacks decided the verdict, our finding
// says so (`data.stricter`), and the benchmark lists it as stricter on purpose.
import { cookieFlags } from '../../../../src/checks/criteria/privacy/cookie-flags.ts';
import { hsts } from '../../../../src/checks/criteria/privacy/hsts.ts';
import { httpsRedirect } from '../../../../src/checks/criteria/privacy/https-redirect.ts';
import { securityHeaders } from '../../../../src/checks/criteria/privacy/security-headers.ts';
import type { HeaderTest } from '../../../../src/checks/criteria/privacy/header-grade.ts';
import type { FindingDetail, Judgement, PageEvidence } from '../../../../src/checks/types.ts';
import { cookieEvidence, describeInput, pageEvidence, pageUrl } from './evidence.ts';
import { preloaded } from './preload.ts';
import { called, factsObject, run } from './record.ts';
import { headerValues, type ObsRequests, type ObsResponse } from './requests.ts';

interface Output {
  result: string | null;
  pass: boolean;
  /** Our rule the Observatory does not have, when it decided the verdict. */
  stricter: string | null;
  [field: string]: unknown;
}

function answer(req: ObsRequests, result: string | null, pass: boolean, stricter: string | null, more: Record<string, unknown> = {}): Output {
  called({ input: describeInput(req, run.filesDir), result, stricter });
  return { result, pass, stricter, ...more };
}

const stricterOf = (details: FindingDetail[]) => details.map((d) => d.data?.stricter).find((s): s is string => typeof s === 'string') ?? null;

/** The security-headers criterion on the page as `auto` answered, and one of its graded tests. */
function headerTest(req: ObsRequests, header: string, corsProbe: PageEvidence['corsProbe'] = null): Output {
  const page = { ...pageEvidence(req), corsProbe };
  const j = securityHeaders.judge(page);
  const grade = j.details.find((d) => d.code === 'headers.grade')?.data as { tests: HeaderTest[] } | undefined;
  const test = grade?.tests.find((t) => t.header === header);
  return answer(req, test?.result ?? null, (test?.modifier ?? -1) >= 0, stricterOf(j.details), { data: {}, policy: factsObject(test?.facts ?? {}) });
}

export const contentSecurityPolicyTest = (req: ObsRequests) => headerTest(req, 'content-security-policy');
export const xFrameOptionsTest = (req: ObsRequests) => headerTest(req, 'x-frame-options');
export const xContentTypeOptionsTest = (req: ObsRequests) => headerTest(req, 'x-content-type-options');
export const referrerPolicyTest = (req: ObsRequests) => headerTest(req, 'referrer-policy');
export const crossOriginResourcePolicyTest = (req: ObsRequests) => headerTest(req, 'cross-origin-resource-policy');
export const subresourceIntegrityTest = (req: ObsRequests) => headerTest(req, 'subresource-integrity');

/** Their `cors` response is the page fetched with an Origin header: our visit's CORS probe. */
export function crossOriginResourceSharingTest(req: ObsRequests): Output {
  const cors = req.responses.cors;
  const origin = cors && headerValues({ headers: cors.request.headers } as ObsResponse, 'origin')[0];
  const one = (name: string) => (cors ? (headerValues(cors, name)[0] ?? null) : null);
  const probe = cors ? { url: pageUrl(req), origin: origin ?? '', status: cors.status, allowOrigin: one('access-control-allow-origin'), allowCredentials: one('access-control-allow-credentials'), error: null } : null;
  return headerTest(req, 'cross-origin-resource-sharing', probe);
}

/** A page criterion on a visit, or on a failed visit where the criterion can judge one. */
function judged(criterion: typeof hsts, page: PageEvidence): Judgement | null {
  return page.error ? (criterion.judgeFailedVisit?.(page) ?? null) : criterion.judge(page);
}

const HSTS_RESULT: Record<string, string> = {
  'hsts.no_https': 'hsts-not-implemented-no-https',
  'hsts.missing': 'hsts-not-implemented',
  'hsts.invalid': 'hsts-header-invalid',
  'hsts.too_short': 'hsts-implemented-max-age-less-than-six-months',
  'hsts.ok': 'hsts-implemented-max-age-at-least-six-months',
  'hsts.certificate_invalid': 'hsts-invalid-cert',
  'hsts.preloaded': 'hsts-preloaded',
};

/** The home page's probe of http://, as our visit records it: upgraded by the browser when its preload list holds the host. */
function httpProbe(req: ObsRequests): NonNullable<PageEvidence['httpVariant']> {
  const url = `http://${req.hostname}/`;
  return { url, finalUrl: pageUrl(req), status: 200, error: null, redirects: [], upgradedByBrowser: preloaded(req.hostname) };
}

/** HSTS is read from the https:// answer; with none, the page is the http:// one. */
export function strictTransportSecurityTest(req: ObsRequests): Output {
  const page = req.responses.https ? { ...pageEvidence(req, 'https'), httpVariant: httpProbe(req) } : { ...pageEvidence(req, 'http'), finalUrl: pageUrl(req).replace(/^https:/, 'http:') };
  const j = judged(hsts, page);
  const code = j?.details[0]?.code;
  return answer(req, (code && HSTS_RESULT[code]) ?? null, j?.outcome === 'pass', stricterOf(j?.details ?? []));
}

/** The page with its cookies, the HSTS of the https:// answer beside its own headers. */
export function cookiesTest(req: ObsRequests): Output {
  const page = { ...pageEvidence(req), httpVariant: httpProbe(req) };
  const sts = req.responses.https && pageEvidence(req, 'https').document?.headers['strict-transport-security'];
  if (page.document && sts) page.document.headers['strict-transport-security'] = sts;
  page.cookies = cookieEvidence(req);
  const j = cookieFlags.judge(page);
  const summary = j.details.find((d) => d.code === 'cookie.result' || d.code === 'cookie.none')?.data;
  return answer(req, (summary?.result as string | undefined) ?? null, j.outcome === 'pass' || j.outcome === 'not_applicable', (summary?.stricter as string | undefined) ?? null, { data: {}, sameSite: null });
}

const REDIRECT_RESULT: Record<string, string> = {
  'redirect.ok': 'redirection-to-https',
  'redirect.no_https': 'redirection-not-to-https',
  'redirect.stays_http': 'redirection-missing',
  'redirect.first_hop_http': 'redirection-not-to-https-on-initial-redirection',
  'redirect.ends_http': 'redirection-not-to-https',
  'redirect.first_hop_other_host': 'redirection-off-host-from-http',
  'redirect.http_unreachable': 'redirection-not-needed-no-http',
  'redirect.preloaded': 'redirection-all-redirects-preloaded',
};

/** The home page visited over https://, and the probe of its http:// address following their route. */
export function redirectionTest(req: ObsRequests): Output {
  const home = pageEvidence(req);
  const route = req.responses.httpRedirects;
  const start = route[0]?.url.href ?? pageUrl(req).replace(/^https:/, 'http:');
  home.httpVariant = !req.responses.http
    ? { url: start, finalUrl: null, status: null, error: 'connect_refused: nothing answers on port 80' }
    : {
      url: start, finalUrl: route.at(-1)?.url.href ?? start, status: route.at(-1)?.status ?? req.responses.http.status, error: null,
      redirects: route.slice(0, -1).map((r) => ({ url: r.url.href, status: r.status })), upgradedByBrowser: preloaded(new URL(start).hostname),
    };
  const j = httpsRedirect.judge({ home, pages: [home] });
  const code = j.details[0]?.code;
  return answer(req, (code && REDIRECT_RESULT[code]) ?? null, j.outcome === 'pass', stricterOf(j.details), { route: [] });
}
