// Reading statistics out of HTML (never executed: cheerio parses it as text), by the texts of
// table headers and row labels as the config declares them.
import type { CheerioAPI } from 'cheerio';
import { normaliseLabel } from './text.ts';

/**
 * The first table the selector matches that has a row holding every wanted header: its rows
 * as cell texts (colspans expanded, nested tables left out) and the header row's index.
 */
export function findTableWithHeaders($: CheerioAPI, selector: string, headers: readonly string[]): { grid: string[][]; headerRow: number } | null {
  const wanted = headers.map(normaliseLabel);
  for (const table of $(selector).filter('table').toArray()) {
    const grid = $(table).find('tr').toArray()
      .filter((tr) => $(tr).closest('table')[0] === table)
      .map((tr) => $(tr).children('th, td').toArray().flatMap((cell) => {
        const span = Math.min(50, Math.max(1, Number($(cell).attr('colspan')) || 1));
        return Array<string>(span).fill($(cell).text().replace(/\s+/g, ' ').trim());
      }));
    const headerRow = grid.findIndex((row) => {
      const texts = row.map(normaliseLabel);
      return wanted.every((w) => texts.includes(w));
    });
    if (headerRow >= 0) return { grid, headerRow };
  }
  return null;
}
