// axe-core, run inside the page on the WCAG 2.1 A and AA rules. The whole result (violations,
// passes, incomplete, inapplicable, with impact and nodes) is kept as a blob; criteria judge a
// compact summary per rule.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeRuleSummary } from '../types.ts';

const require = createRequire(import.meta.url);

export const AXE_VERSION = (require('axe-core/package.json') as { version: string }).version;
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs in the page after AXE_SOURCE: returns the results as a JSON string (cheaper to pass out
 * than a deep object). Frames are not entered: a cross-origin frame is another site's content.
 */
export const AXE_RUN_SCRIPT = `(async (tags) => {
  const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false, elementRef: false });
  return JSON.stringify(results);
})`;

interface AxeNode { target?: unknown[] }
interface AxeRule { id: string; impact?: string | null; tags: string[]; help: string; nodes: AxeNode[] }
export interface AxeResults {
  testEngine?: { version: string };
  violations: AxeRule[];
  incomplete: AxeRule[];
  passes: AxeRule[];
  inapplicable: AxeRule[];
}

const RESULT_OF = { violations: 'violation', incomplete: 'incomplete', passes: 'pass', inapplicable: 'inapplicable' } as const;

export function summariseAxe(results: AxeResults): AxeRuleSummary[] {
  return (Object.keys(RESULT_OF) as Array<keyof typeof RESULT_OF>).flatMap((key) =>
    (results[key] ?? []).map((rule) => ({
      id: rule.id,
      result: RESULT_OF[key],
      impact: rule.impact ?? null,
      tags: rule.tags,
      help: rule.help,
      nodes: rule.nodes.length,
      targets: rule.nodes.slice(0, 10).map((n) => (Array.isArray(n.target) ? n.target.map(String).join(' ') : '')),
    })),
  );
}

/** WCAG success criteria named in an axe rule's tags: wcag143 → 1.4.3, wcag1410 → 1.4.10. */
export function wcagCriteriaOf(tags: string[]): string[] {
  return tags.flatMap((tag) => {
    const m = /^wcag(\d)(\d)(\d{1,2})$/.exec(tag);
    return m ? [`${m[1]}.${m[2]}.${m[3]}`] : [];
  });
}
