// Prints the accessibility catalogue as the README's Markdown table: each criterion with its
// severity, the WCAG success criteria and the axe-core rules it judges. Run after changing the
// catalogue: `node --import tsx scripts/catalogue-table.ts`.
import { CATALOGUE } from '../src/checks/criteria/index.ts';

const rows = CATALOGUE.filter((c) => c.area === 'accessibility').map((c) => {
  const kind = c.advisory ? 'advice (not scored)' : c.severity;
  const axe = c.axeRules?.length ? c.axeRules.map((r) => `\`${r}\``).join(', ') : '—';
  return `| \`${c.id}\` | ${kind} | ${c.wcag?.join(', ') ?? '—'} | ${c.description.en} | ${axe} |`;
});
process.stdout.write(['| id | severity | WCAG | what passes | axe-core rules |', '|---|---|---|---|---|', ...rows].join('\n') + '\n');
