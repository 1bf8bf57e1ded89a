// The frame every single-purpose fixture page shares (check-fixtures.ts and the privacy
// fixture sets): a Vietnamese document with its title, a focus outline, the body, and a way back.
import { escapeHtml } from './format.ts';
import type { SiteResponse } from './sites.ts';

const HTML = 'text/html; charset=utf-8';

export function fixturePage(title: string, body: string, opts: { style?: string; csp?: string; head?: string } = {}): SiteResponse {
  return {
    status: 200,
    headers: { 'content-type': HTML, ...(opts.csp ? { 'content-security-policy': opts.csp } : {}) },
    body: `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Trang kiểm thử</title>${opts.head ?? ''}
<style>body { font-family: sans-serif; color: #1a1a1a; background: #ffffff; margin: 1rem; } a:focus, button:focus { outline: 3px solid #b35900; }${opts.style ?? ''}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
<p><a href="/sach">Trang kiểm thử sạch</a></p>
</main>
</body>
</html>
`,
  };
}
