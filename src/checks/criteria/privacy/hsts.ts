// Strict-Transport-Security tells browsers never to use plain HTTP for the site again. The
// header is read as RFC 6797 says (a directive given twice makes it invalid, and browsers then
// ignore it; `foo-max-age` is not `max-age`) and as the HTTP Observatory does (two headers,
// joined by a comma, are invalid). Six months is the minimum: the Observatory counts
// 15,552,000 s (180 days), since so many sites use that figure for it. A host on the browser's
// HSTS preload list passes whatever its header says, as the Observatory counts it: the home
// page's probe of http:// tells (the browser upgrades the request itself, hsts-preload.ts).
import type { Judgement, PageEvidence } from '../../types.ts';
import { detail, judgement, type PageCriterion, type PortalEvidence } from '../criterion.ts';

export const MIN_MAX_AGE = 15_552_000;

export type HstsPolicy = { maxAge: number; includeSubDomains: boolean; preload: boolean };

/** The `;`-separated parts of a value, a `;` inside a quoted string kept in its part. */
function directivesOf(value: string): string[] {
  const parts: string[] = [];
  let current = '', quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted && c === '\\') { current += c + (value[++i] ?? ''); continue; }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) { parts.push(current); current = ''; } else current += c;
  }
  return [...parts, current];
}

/** The policy a Strict-Transport-Security value sets, or why browsers would ignore it. */
export function parseHsts(value: string): HstsPolicy | { invalid: string } {
  if (value.includes(',')) return { invalid: 'the header is given more than once' };
  const seen = new Map<string, string | null>();
  for (const part of directivesOf(value.slice(0, 1024))) {
    const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*)?$/.exec(part);
    if (!m) {
      if (part.trim()) return { invalid: `"${part.trim().slice(0, 60)}" is not a directive` };
      continue;
    }
    const name = m[1]!.toLowerCase();
    if (seen.has(name)) return { invalid: `directive ${name} is given twice` };
    seen.set(name, m[2] === undefined ? null : m[2].replace(/^"|"$/g, '').replace(/\\(.)/g, '$1'));
  }
  const maxAge = seen.get('max-age');
  if (maxAge === undefined || maxAge === null) return { invalid: 'max-age is missing' };
  if (!/^\d+$/.test(maxAge)) return { invalid: `max-age "${maxAge.slice(0, 30)}" is not a number of seconds` };
  return { maxAge: Number(maxAge), includeSubDomains: seen.has('includesubdomains'), preload: seen.has('preload') };
}

/** The page's own Strict-Transport-Security header, judged. */
function ownHeader(value: string | undefined): Judgement {
  if (!value) return judgement('fail', [detail('hsts.missing', 'Thiếu tiêu đề Strict-Transport-Security.', 'No Strict-Transport-Security header.', { evidence: { blob: 'evidence', path: 'document.headers' } })]);
  const policy = parseHsts(value);
  if ('invalid' in policy) return judgement('fail', [detail('hsts.invalid', `Tiêu đề HSTS không hợp lệ (${policy.invalid}), trình duyệt sẽ bỏ qua: ${value}`, `Invalid HSTS header (${policy.invalid}); browsers ignore it: ${value}`, { data: { value, why: policy.invalid } })]);
  const maxAge = policy.maxAge;
  if (maxAge < MIN_MAX_AGE) return judgement('fail', [detail('hsts.too_short', `max-age=${maxAge} ngắn hơn 6 tháng (${MIN_MAX_AGE}).`, `max-age=${maxAge} is shorter than six months (${MIN_MAX_AGE}).`, { data: { value } })]);
  return judgement('pass', [detail('hsts.ok', `HSTS: ${value}`, `HSTS: ${value}`, { data: { value } })]);
}

/**
 * The page's host, when the home page's probe of http:// found it on the browser's HSTS preload
 * list (the browser upgraded the request itself) and the page is on that same host.
 */
export function preloadedHost(page: PageEvidence, portal?: PortalEvidence): string | null {
  const probe = (portal?.home ?? page).httpVariant;
  if (!probe?.upgradedByBrowser) return null;
  const host = (url: string) => { try { return new URL(url).hostname; } catch { return null; } };
  const mine = host(page.finalUrl ?? page.requestedUrl);
  return mine && mine === host(probe.url) ? mine : null;
}

export const hsts: PageCriterion = {
  id: 'privacy.hsts',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Có HSTS (Strict-Transport-Security) tối thiểu 6 tháng', en: 'HSTS (Strict-Transport-Security) of at least six months' },
  description: {
    vi: 'Phản hồi HTTPS có tiêu đề Strict-Transport-Security hợp lệ với max-age từ 15.552.000 giây (180 ngày).',
    en: 'The HTTPS response carries a valid Strict-Transport-Security header with max-age of 15,552,000 seconds (180 days) or more.',
  },
  severity: 'moderate',
  basis: [{ instrument: 'tt32_2017', article: 'Điều 20' }, { instrument: 'nd13_2023', article: 'Điều 26' }, { instrument: 'luat91_2025' }],
  judge(page, portal) {
    if (!(page.finalUrl ?? '').startsWith('https:')) {
      return judgement('fail', [detail('hsts.no_https', 'Trang không dùng HTTPS nên không thể có HSTS.', 'The page is not served over HTTPS, so it cannot have HSTS.')]);
    }
    const own = ownHeader(page.document?.headers['strict-transport-security']);
    const preloaded = preloadedHost(page, portal);
    // On the preload list, browsers never use http:// for the host, header or not (as the Observatory counts it).
    if (preloaded && own.outcome === 'fail') {
      return judgement('pass', [detail('hsts.preloaded',
        `${preloaded} nằm trong danh sách HSTS nạp sẵn của trình duyệt, nên trình duyệt không bao giờ dùng http:// cho tên miền này; riêng tiêu đề của trang: ${own.details[0]!.text.vi}`,
        `${preloaded} is on the browser's HSTS preload list, so browsers never use http:// for it; the page's own header: ${own.details[0]!.text.en}`,
        { data: { host: preloaded, header: own.details[0]!.code }, evidence: { blob: 'evidence', path: 'httpVariant' } })]);
    }
    return own;
  },
  // Browsers take HSTS only from a connection whose certificate they accept.
  judgeFailedVisit(page) {
    if (page.error?.reason !== 'tls_invalid') return null;
    return judgement('fail', [detail('hsts.certificate_invalid', `Chứng thư số không hợp lệ nên trình duyệt bỏ qua HSTS: ${page.error.message}`, `The certificate is not valid, so browsers ignore HSTS: ${page.error.message}`, { evidence: { blob: 'evidence', path: 'error' } })]);
  },
};
