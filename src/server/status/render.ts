// The public status page as HTML, served at /status and written by `dvc-monitor status-page
// --out DIR`: the same markup, only the links differ (absolute on the server, relative files in
// an export). Readable by anyone, without script; Vietnamese by default, English on request.
import { formatDuration, reasonLabel } from '../../cli/render-uptime.ts';
import { formatPercent, t, type Lang } from '../../i18n.ts';
import { html, type Safe } from '../../report/html.ts';
import { footer, htmlDocument, localTime, VN_TIME } from '../pages/layout.ts';
import { noticeVerdict } from '../pages/portals.ts';
import { dayBar, dayLegend, stateBadge, stateName } from '../pages/uptime-bits.ts';
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

const OVERALL: Record<string, { vi: string; en: string }> = {
  up: { vi: 'Tất cả các cổng đang hoạt động bình thường.', en: 'All portals are operational.' },
  degraded: { vi: 'Một số cổng đang chậm hoặc suy giảm.', en: 'Some portals are slow or degraded.' },
  down: { vi: 'Một số cổng đang ngừng hoạt động.', en: 'Some portals are down.' },
  maintenance: { vi: 'Một số cổng đang bảo trì theo lịch.', en: 'Some portals are under planned maintenance.' },
  unknown: { vi: 'Chưa đủ số liệu đo để kết luận.', en: 'Not enough measurements to tell.' },
};

/** A public page's frame: skip link, the page's own header (no dashboard navigation), footer with the feeds. */
export function publicPage(lang: Lang, links: StatusLinks, opts: { title: string; body: Safe; alternate: Record<Lang, string> }): string {
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const body = html`<a class="skip" href="#noi-dung">${t(lang, 'Bỏ qua, đến nội dung chính', 'Skip to main content')}</a>
<header class="site"><a class="brand" href="${links.home[lang]}">${t(lang, 'Trạng thái dịch vụ công trực tuyến', 'Online public services status')}</a>
<a class="lang" href="${opts.alternate[other]}" lang="${other}" hreflang="${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a></header>
<main id="noi-dung" tabindex="-1"><h1>${opts.title}</h1>${opts.body}</main>
${footer(lang, { statement: links.statement[lang], privacy: links.privacy[lang], extra: html`<li><a href="${links.feedAtom}">${t(lang, 'Theo dõi qua Atom', 'Subscribe (Atom)')}</a></li><li><a href="${links.feedRss}">${t(lang, 'Theo dõi qua RSS', 'Subscribe (RSS)')}</a></li>` })}`;
  return htmlDocument({ lang, title: `${opts.title} — dvc-monitor`, body, stylesheet: links.stylesheet, script: null });
}

export function renderStatusPage(m: StatusModel, lang: Lang, links: StatusLinks): string {
  const ongoing = m.incidents.filter((i) => i.endedAt === null);
  const body = html`<p class="banner${m.state === 'down' ? ' down' : ''}" role="status">${stateBadge(m.state, lang)} ${OVERALL[m.state]?.[lang] ?? ''}</p>
<p class="muted">${t(lang, 'Cập nhật lúc', 'Updated at')} ${localTime(m.generatedAt, lang)} (${VN_TIME(lang)}). ${t(lang, `Thanh màu: ${STATUS_DAYS} ngày gần nhất, mỗi ô là một ngày.`, `The bars: the last ${STATUS_DAYS} days, one day per slot.`)}</p>
${dayLegend(lang)}
<h2 id="cac-cong">${t(lang, 'Các cổng', 'Portals')}</h2>
${m.portals.length === 0 ? html`<p class="muted">${t(lang, 'Chưa có cổng nào được công khai (public: true trong cấu hình).', 'No portal is public yet (public: true in the configuration).')}</p>` : null}
${m.portals.map((p) => html`<section class="portal-status" aria-labelledby="cong-${p.id}"><h3 id="cong-${p.id}">${p.name}</h3>
<p>${stateBadge(p.state, lang)}${p.since ? html` ${t(lang, 'từ', 'since')} ${localTime(p.since, lang)}` : null} · <span class="muted">${p.url}</span></p>
${dayBar(p.days, p.name, lang)}
<p>${t(lang, `Tỷ lệ sẵn sàng ${STATUS_DAYS} ngày`, `Availability over ${STATUS_DAYS} days`)}: <strong>${formatPercent(p.availability, lang)}</strong></p></section>`)}
<h2 id="bao-tri">${t(lang, 'Lịch bảo trì', 'Planned maintenance')}</h2>
<p class="muted">${t(lang, 'Theo Nghị định 224/2026/NĐ-CP Điều 13, việc tạm dừng có kế hoạch phải được thông báo trước ít nhất 7 ngày làm việc, kèm thời điểm dự kiến hoạt động lại.', 'Under Decree 224/2026/NĐ-CP Art. 13, a planned outage must be announced at least 7 working days ahead, with the expected restore time.')}</p>
${m.maintenance.length === 0 ? html`<p>${t(lang, 'Không có lịch bảo trì sắp tới.', 'No maintenance ahead.')}</p>`
    : html`<ul>${m.maintenance.map((w) => html`<li><strong>${w.portalName}</strong>: ${localTime(w.startsAt, lang)} – ${localTime(w.endsAt, lang)}${w.note ? ` — ${w.note}` : ''}<br>${noticeVerdict(w, lang)}</li>`)}</ul>`}
<h2 id="su-co">${t(lang, 'Sự cố', 'Incidents')}</h2>
${ongoing.length ? html`<p class="bad">${t(lang, `${ongoing.length} sự cố đang diễn ra.`, `${ongoing.length} ongoing.`)}</p>` : null}
${m.incidents.length === 0 ? html`<p>${t(lang, `Không có sự cố trong ${STATUS_DAYS} ngày qua.`, `No incidents in the last ${STATUS_DAYS} days.`)}</p>`
    : html`<ol class="incidents">${m.incidents.slice(0, 100).map((i) => html`<li><strong>${i.portalName}</strong> (${i.endpoint}): ${t(lang, 'ngừng hoạt động', 'down')} ${localTime(i.startedAt, lang)} – ${i.endedAt ? localTime(i.endedAt, lang) : t(lang, 'đang diễn ra', 'ongoing')}, ${formatDuration(i.durationMs, lang)}; ${reasonLabel(i.cause, lang)}
${i.updates.length ? html`<ul>${i.updates.map((u) => html`<li>${localTime(u.at, lang)}: ${stateName(u.from, lang)} → ${stateName(u.to, lang)}${u.reason ? ` (${reasonLabel(u.reason, lang)})` : ''}</li>`)}</ul>` : null}</li>`)}</ol>`}
<h2 id="huy-hieu">${t(lang, 'Huy hiệu', 'Badges')}</h2>
<p>${t(lang, 'Mỗi cổng có huy hiệu trạng thái và tỷ lệ sẵn sàng 30 ngày để gắn vào trang khác, ví dụ:', 'Each portal has a state badge and a 30-day availability badge to embed elsewhere, for example:')} ${m.portals.slice(0, 1).map((p) => html`<a href="${links.badge(p.id, 'status')}">${links.badge(p.id, 'status')}</a>, <a href="${links.badge(p.id, 'uptime-30d')}">${links.badge(p.id, 'uptime-30d')}</a>`)}</p>`;
  return publicPage(lang, links, { title: t(lang, 'Trạng thái các cổng dịch vụ công', 'Status of the online public service portals'), body, alternate: links.home });
}
