// The cookie and third-party tables of a portal in the report (privacy-tables.ts builds them):
// what an auditor compares with the portal's cookie notice. Every cell came from a portal page:
// escaped by `html`, long values cut (the evidence file named under the table holds them whole).
import { formatCount, numberFormat, type Lang } from '../i18n.ts';
import { msg, type MessageKey } from '../messages/index.ts';
import { html, msgHtml, type Safe } from './html.ts';
import { localTimeMarkup } from './local-time.ts';
import { beforeConsent, cut, KNOWN_NAMES_LIST, MAX_TABLE_ROWS, type ConsentPhase, type CookieRow, type HostRow, type ListMatch, type PrivacyTables } from './privacy-tables.ts';

const PHASE = {
  no_choice: 'report.privacy.phase.no_choice',
  refused: 'report.privacy.phase.refused',
  accepted: 'report.privacy.phase.accepted',
} as const satisfies Record<ConsentPhase, MessageKey>;

// Chromium's reasons for refusing a cookie (CDP SetCookieBlockedReason), and ours for a script's write not kept.
const REFUSED: Record<string, MessageKey | undefined> = {
  ThirdPartyPhaseout: 'report.privacy.refusedReason.thirdPartyBlocked',
  ThirdPartyBlockedInFirstPartySet: 'report.privacy.refusedReason.thirdPartyBlocked',
  UserPreferences: 'report.privacy.refusedReason.thirdPartyBlocked',
  SameSiteNoneInsecure: 'report.privacy.refusedReason.sameSiteNoneInsecure',
  SameSiteLax: 'report.privacy.refusedReason.sameSiteLax',
  SameSiteStrict: 'report.privacy.refusedReason.sameSiteStrict',
  SameSiteUnspecifiedTreatedAsLax: 'report.privacy.refusedReason.sameSiteUnspecifiedTreatedAsLax',
  SecureOnly: 'report.privacy.refusedReason.secureOnly',
  InvalidDomain: 'report.privacy.refusedReason.invalidDomain',
  InvalidPrefix: 'report.privacy.refusedReason.invalidPrefix',
  SyntaxError: 'report.privacy.refusedReason.syntaxError',
  NotStoredAfterScriptWrite: 'report.privacy.refusedReason.notStoredAfterScriptWrite',
} satisfies Record<string, MessageKey>;

/** Expiry as a person reads it: "phiên", "390 ngày (≈ 1,1 năm)", "30 phút". */
export function expiryText(seconds: number | null, lang: Lang): string {
  if (seconds === null) return msg(lang, 'report.privacy.expiry.session');
  if (seconds <= 0) return msg(lang, 'report.privacy.expiry.expired');
  const one = numberFormat(lang, 0, 1);
  const days = seconds / 86_400;
  // Thresholds on the days shown: "365 ngày" always reads as about a year.
  const shown = Math.round(days);
  // The count picks the plural form of the number as shown (one decimal): "1 day", "1.5 days".
  const tenth = (x: number) => Math.round(x * 10) / 10;
  if (shown >= 365) return msg(lang, 'report.privacy.expiry.daysAboutYears', { count: tenth(days / 365), days: formatCount(shown, lang), years: one.format(days / 365) });
  if (shown >= 60) return msg(lang, 'report.privacy.expiry.daysAboutMonths', { days: formatCount(shown, lang), months: one.format(days / 30.44) });
  if (days >= 1) return msg(lang, 'report.privacy.expiry.days', { count: tenth(days), days: one.format(days) });
  if (seconds >= 3600) return msg(lang, 'report.privacy.expiry.hours', { count: tenth(seconds / 3600), hours: one.format(seconds / 3600) });
  if (seconds >= 60) return msg(lang, 'report.privacy.expiry.minutes', { count: Math.round(seconds / 60) });
  return msg(lang, 'report.privacy.expiry.seconds', { count: seconds });
}

/** An address without its query (a tracker's carries the visitor's identifier; the evidence file keeps it whole). */
function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return cut(`${u.origin}${u.pathname}${u.search ? '?…' : ''}`);
  } catch {
    return cut(url);
  }
}

const party = (p: 'first' | 'third', lang: Lang) => (p === 'third' ? msg(lang, 'report.privacy.party.third') : msg(lang, 'report.privacy.party.first'));
const yes = (v: boolean, lang: Lang) => (v ? msg(lang, 'report.privacy.yes') : msg(lang, 'report.privacy.no'));

function matchText(m: ListMatch, lang: Lang): string {
  if (m.list === KNOWN_NAMES_LIST) return msg(lang, 'report.privacy.knownCookieName', { rule: cut(m.rule, 60) });
  return `${m.list}: ${cut(m.rule, 80)}`;
}

function pagesCell(pages: string[], lang: Lang): Safe {
  const label = msg(lang, 'report.privacy.pageCount', { count: pages.length });
  if (pages.length === 1) return html`<span title="${cut(pages[0]!, 300)}">${label}</span>`;
  return html`<details><summary>${label}</summary><ul>${pages.slice(0, 20).map((p) => html`<li>${cut(p)}</li>`)}${pages.length > 20 ? html`<li>…</li>` : null}</ul></details>`;
}

function cookieRow(c: CookieRow, lang: Lang): Safe {
  const setBy = c.setBy.via === 'unknown' ? msg(lang, 'report.privacy.setBy.unknown')
    : html`${c.setBy.via === 'header' ? msg(lang, 'report.privacy.setBy.header') : msg(lang, 'report.privacy.setBy.script')}${c.setBy.urls.map((u) => html`<br><span class="url">${withoutQuery(u)}</span>`)}${c.setBy.urlCount > c.setBy.urls.length ? html`<br><span class="muted">${msg(lang, 'report.privacy.setBy.moreAddresses', { count: c.setBy.urlCount - c.setBy.urls.length })}</span>` : null}`;
  const state = c.stored ? html`<span>${msg(lang, 'report.privacy.stored')}</span>`
    : html`<span class="refused">${msg(lang, 'report.privacy.refused')}${c.refusedBecause.length ? ': ' : ''}${c.refusedBecause.map((r) => `${msg(lang, REFUSED[r] ?? 'report.privacy.refusedReason.other')} (${r})`).join('; ')}</span>`;
  const tracker = c.tracker || c.matches.length
    ? html`${c.tracker ? html`<strong>${c.tracker}</strong>` : null}${c.matches.map((m) => html`<br><span class="muted">${matchText(m, lang)}</span>`)}`
    : html`<span class="muted">—</span>`;
  return html`<tr class="party-${c.party}" data-cookie="${cut(c.name, 100)}"><td class="name">${cut(c.name, 80)}</td><td>${cut(c.domain, 80)}<br><span class="muted">${party(c.party, lang)}</span></td>
<td>${setBy}</td><td>${expiryText(c.expiresInS, lang)}</td><td>${state}</td><td>${tracker}</td><td>${c.phases.map((p) => msg(lang, PHASE[p])).join(', ')}<br>${pagesCell(c.pages, lang)}</td></tr>`;
}

function hostRow(h: HostRow, lang: Lang): Safe {
  const role = html`${h.entity ? html`<strong>${h.entity}</strong>` : null}${h.categories.length ? html` <span class="muted">(${h.categories.join(', ')})</span>` : null}${h.entity ? html`<br>` : null}<span class="muted">${h.types.slice(0, 6).join(', ')}</span>`;
  const list = h.entity || h.filterMatch
    ? html`${h.entity ? html`third-party-web: ${h.entity}` : null}${h.entity && h.filterMatch ? html`<br>` : null}${h.filterMatch ? html`${matchText(h.filterMatch, lang)} <span class="muted">(${msg(lang, 'report.privacy.matchedOfRequests', { count: h.requests, matched: h.filterMatches })})</span>` : null}`
    : html`<span class="muted">—</span>`;
  const before = beforeConsent(h.phases);
  const after = h.phases.filter((p) => p !== 'no_choice').map((p) => msg(lang, PHASE[p]));
  return html`<tr data-host="${cut(h.host, 100)}"><td class="name">${cut(h.host, 100)}</td><td>${role}</td><td class="num">${formatCount(h.requests, lang)}</td><td>${list}</td>
<td class="${before && (h.entity || h.filterMatch) ? 'bad' : ''} before-consent">${yes(before, lang)}${after.length ? html`<br><span class="muted">${msg(lang, 'report.privacy.also', { phases: after.join(', ') })}</span>` : null}</td><td>${pagesCell(h.pages, lang)}</td></tr>`;
}

/** Where the whole of it is: the evidence file of each page, by its SHA-256 (in a --bundle: evidence/<sha256>). */
function leftOut(count: number, what: 'cookies' | 'hosts', lang: Lang): Safe | null {
  if (count === 0) return null;
  const key = what === 'cookies' ? 'report.privacy.leftOut.cookies' : 'report.privacy.leftOut.hosts';
  return html`<p class="left-out muted">${msg(lang, key, { count, shown: formatCount(count, lang), rows: MAX_TABLE_ROWS })}</p>`;
}

export function privacyTablesSection(p: PrivacyTables | null, lang: Lang): Safe {
  if (!p) return html`<p class="muted privacy-tables-none">${msg(lang, 'report.privacy.none')}</p>`;
  const unreadable = p.unreadable.length
    ? html`<p class="bad">${msg(lang, 'report.privacy.unreadable', { pages: p.unreadable.map((u) => `${cut(u.url)} (sha256:${u.sha256})`).join('; ') })}</p>` : null;
  const cookies = p.cookies.length === 0 ? html`<p class="muted">${msg(lang, 'report.privacy.noCookies')}</p>`
    : html`<div class="table-wrap" tabindex="0" role="region" aria-label="${msg(lang, 'report.privacy.cookies')}"><table class="cookies evidence-table"><thead><tr><th scope="col">${msg(lang, 'report.privacy.col.name')}</th><th scope="col">${msg(lang, 'report.privacy.col.domainParty')}</th><th scope="col">${msg(lang, 'report.privacy.col.setBy')}</th><th scope="col">${msg(lang, 'report.privacy.col.expiry')}</th><th scope="col">${msg(lang, 'report.privacy.col.storedOrRefused')}</th><th scope="col">${msg(lang, 'report.privacy.col.trackerMatch')}</th><th scope="col">${msg(lang, 'report.privacy.col.whenPages')}</th></tr></thead>
<tbody>${p.cookies.map((c) => cookieRow(c, lang))}</tbody></table></div>`;
  const hosts = p.hosts.length === 0 ? html`<p class="muted">${msg(lang, 'report.privacy.noThirdParties')}</p>`
    : html`<div class="table-wrap" tabindex="0" role="region" aria-label="${msg(lang, 'report.privacy.thirdPartyHosts')}"><table class="third-parties evidence-table"><thead><tr><th scope="col">${msg(lang, 'report.privacy.col.host')}</th><th scope="col">${msg(lang, 'report.privacy.col.entityRole')}</th><th scope="col" class="num">${msg(lang, 'report.privacy.col.requests')}</th><th scope="col">${msg(lang, 'report.privacy.col.trackerListMatch')}</th><th scope="col">${msg(lang, 'report.privacy.col.beforeConsent')}</th><th scope="col">${msg(lang, 'report.privacy.col.pages')}</th></tr></thead>
<tbody>${p.hosts.map((h) => hostRow(h, lang))}</tbody></table></div>`;
  return html`<div class="privacy-tables" data-check-id="${p.checkId}">
<p class="muted">${msgHtml(lang, 'report.privacy.intro', { checkId: p.checkId }, { time: localTimeMarkup(p.finishedAt) })}</p>
${unreadable}
<h5>${msg(lang, 'report.privacy.cookies')} (${formatCount(p.cookies.length + p.cookiesLeftOut, lang)})</h5>${cookies}${leftOut(p.cookiesLeftOut, 'cookies', lang)}
<h5>${msg(lang, 'report.privacy.thirdPartyHosts')} (${formatCount(p.hosts.length + p.hostsLeftOut, lang)})</h5>${hosts}${leftOut(p.hostsLeftOut, 'hosts', lang)}
${p.requestsDropped > 0 ? html`<p class="muted">${msg(lang, 'report.privacy.requestsDropped', { count: p.requestsDropped, requests: formatCount(p.requestsDropped, lang) })}</p>` : null}
<p class="muted evidence-files">${msg(lang, 'report.privacy.evidenceFiles')}: ${p.evidence.map((e, i) => html`${i ? '; ' : ''}${cut(e.url, 80)} <span class="hash">${e.sha256}</span>`)}</p>
</div>`;
}
