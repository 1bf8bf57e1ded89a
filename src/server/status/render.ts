// The public status page as HTML, served at /status and written by `dvc-monitor status-page
// --out DIR`: the same markup, only the links differ (absolute on the server, relative files in
// an export). Readable by anyone, without script; Vietnamese by default, English on request.
import { formatDuration, reasonLabel, stateLabel } from '../../cli/render-uptime.ts';
import { formatPercent, type Lang } from '../../i18n.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import type { UptimeState } from '../../uptime/state-machine.ts';
import { html, type Safe } from '../../report/html.ts';
import { footer, htmlDocument, localTime, otherLang, VN_TIME } from '../pages/layout.ts';
import { noticeVerdict } from '../pages/portals.ts';
import { dayBar, dayLegend, stateBadge } from '../pages/uptime-bits.ts';
import { STATUS_DAYS, type StatusModel } from './model.ts';

/** Where the status page's pieces are: on the server, or next to each other in an export. */
export interface StatusLinks {
  stylesheet: string;
  /** This page in Vietnamese and in English. */
  home: Record<Lang, string>;
  feedAtom: string;
  feedRss: string;
  statement: Record<Lang, string>;
  privacy: Record<Lang, string>;
  badge: (portalId: string, kind: 'status' | 'uptime-30d') => string;
}

export const SERVER_STATUS_LINKS: StatusLinks = {
  stylesheet: '/assets/dashboard.css',
  home: { vi: '/status', en: '/status?lang=en' },
  feedAtom: '/status/feed.atom',
  feedRss: '/status/feed.rss',
  statement: { vi: '/status/tiep-can', en: '/status/tiep-can?lang=en' },
  privacy: { vi: '/status/du-lieu-ca-nhan', en: '/status/du-lieu-ca-nhan?lang=en' },
  badge: (id, kind) => `/badge/${encodeURIComponent(id)}/${kind}.svg`,
};

export const STATIC_STATUS_LINKS: StatusLinks = {
  stylesheet: 'assets/status.css',
  home: { vi: 'index.html', en: 'index.en.html' },
  feedAtom: 'feed.atom',
  feedRss: 'feed.rss',
  statement: { vi: 'tiep-can.html', en: 'tiep-can.en.html' },
  privacy: { vi: 'du-lieu-ca-nhan.html', en: 'du-lieu-ca-nhan.en.html' },
  badge: (id, kind) => `badge/${encodeURIComponent(id)}/${kind}.svg`,
};

const OVERALL = {
  up: 'status.overall.up',
  degraded: 'status.overall.degraded',
  down: 'status.overall.down',
  maintenance: 'status.overall.maintenance',
  unknown: 'status.overall.unknown',
} as const satisfies Record<UptimeState, MessageKey>;

/** A public page's frame: skip link, the page's own header (no dashboard navigation), footer with the feeds. */
export function publicPage(lang: Lang, links: StatusLinks, opts: { title: string; body: Safe; alternate: Record<Lang, string> }): string {
  const other = otherLang(lang);
  const body = html`<a class="skip" href="#noi-dung">${msg(lang, 'dashboard.skip')}</a>
<header class="site"><a class="brand" href="${links.home[lang]}">${msg(lang, 'status.brand')}</a>
<a class="lang" href="${opts.alternate[other]}" lang="${other}" hreflang="${other}">${msg(lang, 'dashboard.lang.other')}</a></header>
<main id="noi-dung" tabindex="-1"><h1>${opts.title}</h1>${opts.body}</main>
${footer(lang, { statement: links.statement[lang], privacy: links.privacy[lang], extra: html`<li><a href="${links.feedAtom}">${msg(lang, 'status.feed.atomLink')}</a></li><li><a href="${links.feedRss}">${msg(lang, 'status.feed.rssLink')}</a></li>` })}`;
  return htmlDocument({ lang, title: `${opts.title} — dvc-monitor`, body, stylesheet: links.stylesheet, script: null });
}

export function renderStatusPage(m: StatusModel, lang: Lang, links: StatusLinks): string {
  const ongoing = m.incidents.filter((i) => i.endedAt === null);
  const body = html`<p class="banner${m.state === 'down' ? ' down' : ''}" role="status">${stateBadge(m.state, lang)} ${msg(lang, OVERALL[m.state])}</p>
<p class="muted">${msg(lang, 'status.updatedAt')} ${localTime(m.generatedAt, lang)} (${VN_TIME(lang)}). ${msg(lang, 'status.bars', { days: STATUS_DAYS })}</p>
${dayLegend(lang)}
<h2 id="cac-cong">${msg(lang, 'status.portalsHeading')}</h2>
${m.portals.length === 0 ? html`<p class="muted">${msg(lang, 'status.noPublicPortal')}</p>` : null}
${m.portals.map((p) => html`<section class="portal-status" aria-labelledby="cong-${p.id}"><h3 id="cong-${p.id}">${p.name}</h3>
<p>${stateBadge(p.state, lang)}${p.since ? html` ${msg(lang, 'dashboard.since')} ${localTime(p.since, lang)}` : null} · <span class="muted">${p.url}</span></p>
${dayBar(p.days, p.name, lang)}
<p>${msg(lang, 'status.availability', { days: STATUS_DAYS })}: <strong>${formatPercent(p.availability, lang)}</strong></p></section>`)}
<h2 id="bao-tri">${msg(lang, 'status.maintenanceHeading')}</h2>
<p class="muted">${msg(lang, 'status.maintenanceRule')}</p>
${m.maintenance.length === 0 ? html`<p>${msg(lang, 'status.noMaintenance')}</p>`
    : html`<ul>${m.maintenance.map((w) => html`<li><strong>${w.portalName}</strong>: ${localTime(w.startsAt, lang)} – ${localTime(w.endsAt, lang)}${w.note ? ` — ${w.note}` : ''}<br>${noticeVerdict(w, lang)}</li>`)}</ul>`}
<h2 id="su-co">${msg(lang, 'dashboard.portal.incidentsHeading')}</h2>
${ongoing.length ? html`<p class="bad">${msg(lang, 'status.incidents.ongoing', { total: ongoing.length })}</p>` : null}
${m.incidents.length === 0 ? html`<p>${msg(lang, 'status.incidents.none', { days: STATUS_DAYS })}</p>`
    : html`<ol class="incidents">${m.incidents.slice(0, 100).map((i) => html`<li><strong>${i.portalName}</strong> (${i.endpoint}): ${msg(lang, 'status.incident.down')} ${localTime(i.startedAt, lang)} – ${i.endedAt ? localTime(i.endedAt, lang) : msg(lang, 'dashboard.incident.ongoing')}, ${formatDuration(i.durationMs, lang)}; ${reasonLabel(i.cause, lang)}
${i.updates.length ? html`<ul>${i.updates.map((u) => html`<li>${localTime(u.at, lang)}: ${stateLabel(u.from, lang)} → ${stateLabel(u.to, lang)}${u.reason ? ` (${reasonLabel(u.reason, lang)})` : ''}</li>`)}</ul>` : null}</li>`)}</ol>`}
<h2 id="huy-hieu">${msg(lang, 'status.badgesHeading')}</h2>
<p>${msg(lang, 'status.badgesNote')} ${m.portals.slice(0, 1).map((p) => html`<a href="${links.badge(p.id, 'status')}">${links.badge(p.id, 'status')}</a>, <a href="${links.badge(p.id, 'uptime-30d')}">${links.badge(p.id, 'uptime-30d')}</a>`)}</p>`;
  return publicPage(lang, links, { title: msg(lang, 'status.title'), body, alternate: links.home });
}
