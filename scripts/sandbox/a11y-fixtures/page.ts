// The frame of an accessibility fixture page: a complete, otherwise clean Vietnamese page, so
// that the one defect (or its repaired twin) is the only thing a criterion can react to.
import { escapeHtml } from '../format.ts';

export interface FixturePage {
  /** Served as the page's <title>; the title criterion's own fixtures override it with `head`. */
  title: string;
  body: string;
  /** Extra CSS inside <style>. */
  style?: string;
  /** Replaces the whole <head> content after <meta charset> (for title and language fixtures). */
  head?: string;
  /** The <html lang> value; null leaves the attribute out. */
  lang?: string | null;
}

export function fixtureHtml(p: FixturePage): string {
  const lang = p.lang === undefined ? ' lang="vi"' : p.lang === null ? '' : ` lang="${escapeHtml(p.lang)}"`;
  const head = p.head ?? `<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)} – Trang kiểm thử tiếp cận</title>`;
  return `<!DOCTYPE html>
<html${lang}>
<head>
<meta charset="utf-8">
${head}
<style>body { font-family: sans-serif; color: #1a1a1a; background: #ffffff; margin: 1rem; } a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #b35900; }${p.style ?? ''}</style>
</head>
<body>
${p.body}
</body>
</html>
`;
}
