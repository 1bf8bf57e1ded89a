// CSP (headers and <meta>), X-Content-Type-Options, frame protection, Referrer-Policy,
// Cross-Origin-Resource-Policy, Subresource Integrity, CORS and Permissions-Policy, graded by
// header-grade.ts (versioned, in the manner of the HTTP Observatory): A or better passes.
import type { Lang } from '../../../i18n.ts';
import type { FindingDetail } from '../../types.ts';
import { msg, msgBoth, type MessageKey } from '../../../messages/index.ts';
import { detail, finding, judgement, type PageCriterion } from '../criterion.ts';
import type { CspFacts } from './csp.ts';
import { gradeHeaders, type HeaderTest } from './header-grade.ts';

const PASS_SCORE = 90;

export const securityHeaders: PageCriterion = {
  id: 'privacy.security-headers',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.security-headers.title'),
  description: msgBoth('privacy.security-headers.description', { score: PASS_SCORE }),
  severity: 'moderate',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    const grade = gradeHeaders({
      headers: page.document?.headers ?? {}, metaCsp: page.document?.meta?.csp ?? [], metaReferrer: page.document?.meta?.referrer ?? [],
      https: (page.finalUrl ?? page.requestedUrl).startsWith('https:'), url: page.finalUrl ?? page.requestedUrl,
      subresources: page.document?.subresources, corsProbe: page.corsProbe,
    });
    const problems = grade.tests.filter((t) => t.modifier < 0);
    // What is stored is the grade as it was before reasons were messages: `why` in English, no `reason`.
    const stored = ({ reason: _, ...t }: HeaderTest) => t;
    const summary = finding('headers.grade', 'privacy.security-headers.grade', { score: grade.score, grade: grade.grade, version: grade.version }, { data: { ...grade, tests: grade.tests.map(stored) }, evidence: { blob: 'evidence', path: 'document.headers' } });
    // Header names and result codes are the Observatory's: only the reason is in the reader's words.
    const line = (t: HeaderTest, lang: Lang) => `${t.header}: ${t.result} (${t.modifier})${t.reason ? `: ${msg(lang, t.reason.key, t.reason.vars)}` : t.why ? `: ${t.why}` : ''}${t.subjects ? `: ${t.subjects.join(', ')}` : ''}`;
    const each = problems.map((t) => detail(`headers.${t.result}`, line(t, 'vi'), line(t, 'en'), { data: { ...stored(t) } }));
    return judgement(grade.score >= PASS_SCORE ? 'pass' : 'fail', [summary, ...each, ...unscoredCsp(grade.tests[0]?.facts)]);
  },
};

/** What a CSP leaves open that neither we nor the Observatory score: said, for the people who fix it. */
function unscoredCsp(facts: CspFacts | undefined): FindingDetail[] {
  const open: Array<{ directive: string; risk: MessageKey }> = [
    ...(facts?.insecureBaseUri ? [{ directive: 'base-uri', risk: 'privacy.security-headers.risk.baseUri' as const }] : []),
    ...(facts?.insecureFormAction ? [{ directive: 'form-action', risk: 'privacy.security-headers.risk.formAction' as const }] : []),
  ];
  return open.map((o) => finding('headers.csp_unscored', 'privacy.security-headers.cspUnscored', (lang) => ({ directive: o.directive, risk: msg(lang, o.risk) }), { data: { directive: o.directive } }));
}
