// Which hosts are on the browser's HSTS preload list, asked of Chromium the way the visit's probe
// of http:// finds out (src/checks/evidence/hsts-preload.ts): http://host/ in a fresh context,
// every name resolving nowhere, so no request leaves the machine. The adapters are synchronous,
// as their analyzers are: a first run of the test files collects the hosts they ask about, the
// browser is asked, and a second run answers with what it said.
import type { Request } from 'playwright-core';
import { launchBrowser } from '../../../../src/browser/launch.ts';
import { upgradedByBrowser } from '../../../../src/checks/evidence/hsts-preload.ts';

const answers = new Map<string, boolean>();
const asked = new Set<string>();

/** What the browser said of a host; false (and the host noted) until it has been asked. */
export function preloaded(host: string): boolean {
  const answer = answers.get(host);
  if (answer === undefined) asked.add(host);
  return answer ?? false;
}

/** The hosts asked about and not answered yet. */
export const unanswered = () => [...asked].filter((h) => !answers.has(h));

export async function askBrowser(): Promise<Map<string, boolean>> {
  const browser = await launchBrowser({ args: ['--host-resolver-rules=MAP * ~NOTFOUND'] });
  try {
    for (const host of unanswered()) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const ended: Request[] = [];
      page.on('requestfailed', (r) => ended.push(r));
      page.on('requestfinished', (r) => ended.push(r));
      await page.goto(`http://${host}/`, { waitUntil: 'commit', timeout: 10_000 }).catch(() => null);
      answers.set(host, (await Promise.all(ended.map(upgradedByBrowser))).some(Boolean));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return answers;
}
