// The same report printed to PDF by Chromium, so the PDF and the HTML never differ.
import { launchBrowser } from '../browser/launch.ts';

export async function htmlToPdf(htmlText: string, pdfPath: string): Promise<void> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    // The report has no external resources: nothing to wait for beyond the document itself.
    await page.setContent(htmlText, { waitUntil: 'load' });
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
  } finally {
    await browser.close();
  }
}
