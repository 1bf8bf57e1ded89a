// CSP (headers and <meta>), X-Content-Type-Options, frame protection, Referrer-Policy,
// Cross-Origin-Resource-Policy, Subresource Integrity, CORS and Permissions-Policy, graded by
// header-grade.ts (versioned, in the manner of the HTTP Observatory): A or better passes.
import type { FindingDetail } from '../../types.ts';
import { detail, judgement, type PageCriterion } from '../criterion.ts';
import type { CspFacts } from './csp.ts';
import { gradeHeaders } from './header-grade.ts';

const PASS_SCORE = 90;

export const securityHeaders: PageCriterion = {
  id: 'privacy.security-headers',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Tiêu đề bảo mật (CSP, chống nhúng khung, nosniff, Referrer-Policy, SRI, CORS, Permissions-Policy)', en: 'Security headers (CSP, framing, nosniff, Referrer-Policy, SRI, CORS, Permissions-Policy)' },
  description: {
    vi: `Điểm tiêu đề bảo mật theo cách chấm của HTTP Observatory đạt từ ${PASS_SCORE} (hạng A).`,
    en: `The security-header score, graded as the HTTP Observatory does, is ${PASS_SCORE} (grade A) or more.`,
  },
  severity: 'moderate',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page) {
    const grade = gradeHeaders({
      headers: page.document?.headers ?? {}, metaCsp: page.document?.meta?.csp ?? [], metaReferrer: page.document?.meta?.referrer ?? [],
      https: (page.finalUrl ?? page.requestedUrl).startsWith('https:'), url: page.finalUrl ?? page.requestedUrl,
      subresources: page.document?.subresources, corsProbe: page.corsProbe,
    });
    const problems = grade.tests.filter((t) => t.modifier < 0);
    const summary = detail('headers.grade', `Điểm ${grade.score}, hạng ${grade.grade} (${grade.version}).`, `Score ${grade.score}, grade ${grade.grade} (${grade.version}).`, { data: { ...grade }, evidence: { blob: 'evidence', path: 'document.headers' } });
    const line = (t: (typeof problems)[number]) => `${t.header}: ${t.result} (${t.modifier})${t.why ? `: ${t.why}` : ''}${t.subjects ? `: ${t.subjects.join(', ')}` : ''}`;
    const each = problems.map((t) => detail(`headers.${t.result}`, line(t), line(t), { data: { ...t } }));
    return judgement(grade.score >= PASS_SCORE ? 'pass' : 'fail', [summary, ...each, ...unscoredCsp(grade.tests[0]?.facts)]);
  },
};

/** What a CSP leaves open that neither we nor the Observatory score: said, for the people who fix it. */
function unscoredCsp(facts: CspFacts | undefined): FindingDetail[] {
  const open = [
    facts?.insecureBaseUri && { directive: 'base-uri', vi: 'một thẻ <base> bị chèn có thể đổi nguồn các tập lệnh có địa chỉ tương đối', en: 'an injected <base> can point relative script addresses elsewhere' },
    facts?.insecureFormAction && { directive: 'form-action', vi: 'một biểu mẫu bị chèn có thể gửi dữ liệu đi bất cứ đâu', en: 'an injected form can send what is typed anywhere' },
  ].filter((x): x is { directive: string; vi: string; en: string } => Boolean(x));
  return open.map((o) => detail('headers.csp_unscored', `CSP không giới hạn ${o.directive}: ${o.vi} (không tính điểm, như HTTP Observatory).`, `The CSP leaves ${o.directive} open: ${o.en} (not scored, as in the HTTP Observatory).`, { data: { directive: o.directive } }));
}
