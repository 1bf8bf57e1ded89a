import { startSandbox } from './scripts/sandbox/server.ts';
import { hostResolverRules, publicSiteUrl, TLS_SPKI_SHA256 } from './scripts/sandbox/hosts.ts';
import { launchBrowser } from './src/browser/launch.ts';
import { visitPage } from './src/checks/evidence/visit.ts';
import { siteOf } from './src/checks/evidence/third-parties.ts';
const sb = await startSandbox();
const browser = await launchBrowser({ args: [`--host-resolver-rules=${hostResolverRules(sb.port)}`, `--ignore-certificate-errors-spki-list=${TLS_SPKI_SHA256}`] });
const urls = process.argv.slice(2);
for (const u0 of urls) {
  const u = u0.startsWith('/') ? sb.url + u0 : u0;
  const t = Date.now();
  const r = await visitPage(browser, u, { kind: 'home', firstPartySite: siteOf(new URL(u).hostname), areas: ['privacy', 'accessibility'], pageTimeoutMs: 8000, maxPageBytes: 20e6, keyboardSample: 40, screenshotMaxHeight: 8000, probeHttp: true });
  const e = r.evidence;
  console.log('====', u, Date.now() - t, 'ms', e.error, e.finalUrl);
  console.log(JSON.stringify({ doc: e.document && { ...e.document, headers: Object.keys(e.document.headers) }, http: e.httpVariant, req: e.requests.map(x => `${x.type} ${x.party} ${x.status} ${x.url.slice(0,80)} init=${x.initiator.type}:${x.initiator.url?.slice(0,60)} trk=${x.tracker?.entity} ${x.failed ?? ''}`), cookies: e.cookies, storage: e.storage, forms: e.forms, mixed: e.mixedContent, lang: e.lang, pd: e.personalData, dialogs: e.dialogs, popups: e.popups, kb: e.keyboard && { ...e.keyboard, stops: e.keyboard.stops.length, bad: e.keyboard.stops.filter(s => !s.visibleFocus) }, reflow: e.reflow, axeV: e.axe?.rules.filter(r => r.result === 'violation').map(r => `${r.id}:${r.impact}:${r.nodes}`), axeI: e.axe?.rules.filter(r => r.result === 'incomplete').map(r => r.id), axeErr: e.axe?.error, sizes: [r.dom?.length, r.axe?.length, r.screenshot?.length] }, null, 1));
}
await browser.close(); await sb.close();
