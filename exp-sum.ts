import { startSandbox } from './scripts/sandbox/server.ts';
import { hostResolverRules, TLS_SPKI_SHA256 } from './scripts/sandbox/hosts.ts';
import { launchBrowser } from './src/browser/launch.ts';
import { visitPage } from './src/checks/evidence/visit.ts';
import { siteOf } from './src/checks/evidence/third-parties.ts';
const sb = await startSandbox();
const browser = await launchBrowser({ args: [`--host-resolver-rules=${hostResolverRules(sb.port)}`, `--ignore-certificate-errors-spki-list=${TLS_SPKI_SHA256}`] });
for (const u of process.argv.slice(2)) {
  const t = Date.now();
  const r = await visitPage(browser, u, { kind: 'other', firstPartySite: siteOf(new URL(u).hostname), areas: ['privacy', 'accessibility'], pageTimeoutMs: 8000, maxPageBytes: 20e6, keyboardSample: 40, screenshotMaxHeight: 8000, probeHttp: false });
  const e = r.evidence;
  console.log(u.replace(/^https?:\/\//, ''), Date.now() - t, 'ms', JSON.stringify({ err: e.error, reflow: e.reflow && e.reflow.scrollWidth, kb: e.keyboard && { n: e.keyboard.interactive, stops: e.keyboard.stops.length, done: e.keyboard.completed, trap: e.keyboard.trap, unr: e.keyboard.unreachable, bad: e.keyboard.stops.filter(s => !s.visibleFocus).map(s => s.selector) }, axeV: e.axe?.rules.filter(r => r.result === 'violation').map(r => `${r.id}:${r.impact}:${r.nodes}`), axeI: e.axe?.rules.filter(r => r.result === 'incomplete').map(r => r.id), pd: e.personalData.map(p => p.masked), mixed: e.mixedContent, cookies: e.cookies.map(c => `${c.name}/${c.party}/${c.stored}/${c.tracker}`), storage: e.storage, forms: e.forms, dialogs: e.dialogs.length, popups: e.popups.length, tp: e.requests.filter(q => q.party === 'third').map(q => q.host) }));
}
await browser.close(); await sb.close();
