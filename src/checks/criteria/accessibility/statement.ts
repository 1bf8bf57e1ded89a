// An accessibility statement reachable from the home page: what the portal conforms to, what
// it does not yet, and whom to tell about a barrier.
import type { Lang } from '../../../i18n.ts';
import { findStatementLink } from '../../evidence/discover.ts';
import { findingOfText, inBoth, judgement, type PortalCriterion } from '../criterion.ts';
import { scannerReasonText } from '../../scanner-reasons.ts';
import { msg, msgBoth } from '../../../messages/index.ts';

const VISIT_REASON: Record<Lang, (reason: string) => string> = { vi: (reason) => scannerReasonText(reason, 'vi'), en: (reason) => reason };

export const statement: PortalCriterion = {
  id: 'accessibility.statement',
  area: 'accessibility',
  scope: 'portal',
  title: msgBoth('a11y.statement.title'),
  description: msgBoth('a11y.statement.description'),
  severity: 'minor',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18' }, { instrument: 'nd224_2026', article: 'Điều 15 khoản 2 điểm a' }],
  judge({ home, pages }) {
    const link = findStatementLink(home.links);
    if (!link) return judgement('fail', [findingOfText('statement.no_link', msgBoth('a11y.statement.noLink'), { evidence: { blob: 'evidence', path: 'links' } })]);
    const page = pages.find((p) => p.kind === 'accessibility_statement');
    if (!page) return judgement('cant_tell', [findingOfText('statement.not_visited', msgBoth('a11y.statement.notVisited', { link: link.text }))]);
    if (page.error?.reason === 'http_4xx') return judgement('fail', [findingOfText('statement.broken_link', msgBoth('a11y.statement.brokenLink', { link: link.text }))]);
    const error = page.error;
    // The reason is a code: Vietnamese names it in words too; English keeps the code alone, as it always has.
    if (error) return judgement('error', [findingOfText('statement.visit_failed', inBoth((lang) => msg(lang, 'a11y.statement.visitFailed', { reason: VISIT_REASON[lang](error.reason) })))]);
    return judgement('pass', [findingOfText('statement.found', msgBoth('a11y.statement.found', { link: link.text, url: `${page.finalUrl}` }))]);
  },
};
