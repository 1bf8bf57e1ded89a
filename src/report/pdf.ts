// The same report printed to PDF by Chromium, so the PDF and the HTML never differ: tagged (an
// accessible PDF, with the document's structure), an outline of bookmarks from its headings, and a
// footer with the report's date and "page N of M" on every page.
import { launchBrowser } from '../browser/launch.ts';
import type { Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';
import { esc } from './html.ts';

export async function htmlToPdf(htmlText: string, opts: { lang: Lang; date: string }): Promise<Buffer> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    // The report has no external resources: nothing to wait for beyond the document itself.
    await page.setContent(htmlText, { waitUntil: 'load' });
    // Paper cannot be clicked: every collapsed list (the pages of a scanner error, of a cookie) is printed open.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    // Chromium fills the spans by class; the footer is its own document, styled inline.
    const footerTemplate = `<div style="font-size:8px;width:100%;padding:0 10mm;display:flex;justify-content:space-between;color:#444">
<span>dvc-monitor · ${esc(opts.date)}</span><span>${esc(msg(opts.lang, 'report.pdf.page'))} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
    return await page.pdf({
      format: 'A4', printBackground: true, tagged: true, outline: true,
      displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate,
      margin: { top: '12mm', bottom: '16mm', left: '10mm', right: '10mm' },
    });
  } finally {
    await browser.close();
  }
}
