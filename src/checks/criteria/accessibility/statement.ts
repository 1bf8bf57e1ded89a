// An accessibility statement reachable from the home page: what the portal conforms to, what
// it does not yet, and whom to tell about a barrier.
import { findStatementLink } from '../../evidence/discover.ts';
import { detail, judgement, type PortalCriterion } from '../criterion.ts';
import { msgBoth } from '../../../messages/index.ts';

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
    if (!link) return judgement('fail', [detail('statement.no_link', 'Trang chủ không có liên kết tới tuyên bố về khả năng tiếp cận.', 'The home page has no link to an accessibility statement.', { evidence: { blob: 'evidence', path: 'links' } })]);
    const page = pages.find((p) => p.kind === 'accessibility_statement');
    if (!page) return judgement('cant_tell', [detail('statement.not_visited', `Có liên kết "${link.text}" nhưng chưa mở trang.`, `Linked as "${link.text}" but not visited.`)]);
    if (page.error?.reason === 'http_4xx') return judgement('fail', [detail('statement.broken_link', `Liên kết "${link.text}" dẫn tới trang lỗi.`, `The link "${link.text}" leads to an error page.`)]);
    if (page.error) return judgement('error', [detail('statement.visit_failed', `Không mở được trang: ${page.error.reason}.`, `Could not open the page: ${page.error.reason}.`)]);
    return judgement('pass', [detail('statement.found', `Tuyên bố: "${link.text}" — ${page.finalUrl}`, `Statement: "${link.text}" — ${page.finalUrl}`)]);
  },
};
