// Pages are organised by headings: axe's empty-heading, plus what axe does not judge, a page
// without any heading (advice only). Link purpose was judged here once and has its own
// criterion now (link-purpose.ts); the id stays so that stored results keep their meaning.
import { findingOfText, type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { msgBoth } from '../../../messages/index.ts';

export const HEADING_RULES = ['empty-heading'];

export const linksAndHeadings: PageCriterion = {
  id: 'accessibility.links-and-headings',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.headings.title'),
  description: msgBoth('a11y.headings.description'),
  severity: 'moderate',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (liên kết và tiêu đề có ý nghĩa)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }],
  wcag: ['2.4.6', '1.3.1'],
  axeRules: HEADING_RULES,
  advice: msgBoth('a11y.headings.advice'),
  judge(page) {
    // No success criterion requires a heading: a page without any is recorded as advice, never a failure.
    const judged = judgeAxeRules(page, HEADING_RULES);
    if (page.headings.length || !page.text.trim()) return judged;
    const none = findingOfText('heading.none', msgBoth('a11y.headings.none'), { data: { advice: true }, evidence: { blob: 'evidence', path: 'headings' } });
    return { ...judged, details: [...judged.details, none] };
  },
};
