// Data tables (statistics!) say what each cell means with header cells. axe's rules, plus a
// check axe leaves to layout heuristics: a table of numbers without any <th>.
import { findingOfText, type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { msgBoth } from '../../../messages/index.ts';

export const TABLE_RULES = ['td-headers-attr', 'th-has-data-cells', 'td-has-header', 'scope-attr-valid', 'table-duplicate-name', 'empty-table-header'];

export const tableHeaders: PageCriterion = {
  id: 'accessibility.table-headers',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.tables.title'),
  description: msgBoth('a11y.tables.description'),
  severity: 'moderate',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (tiêu đề bảng)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }],
  wcag: ['1.3.1'],
  axeRules: TABLE_RULES,
  advice: msgBoth('a11y.tables.advice'),
  judge(page) {
    const bare = page.tables.map((t, i) => ({ t, i })).filter(({ t }) => !t.layout && t.rows >= 3 && t.numericCells >= 3 && t.headers === 0);
    const own = bare.map(({ t, i }) => findingOfText('table.no_headers', msgBoth('a11y.tables.noHeaders', { table: i + 1, rows: t.rows, numeric: t.numericCells }), { data: { ...t }, evidence: { blob: 'evidence', path: `tables[${i}]` } }));
    const judged = judgeAxeRules(page, TABLE_RULES, own);
    // A page with data tables that all have headers passes even if axe found no table rule to apply.
    if (judged.outcome === 'not_applicable' && page.tables.some((t) => !t.layout && t.headers > 0 && t.numericCells >= 3)) return { outcome: 'pass', details: [] };
    return judged;
  },
};
