// The cookie and third-party tables of a portal in the report (privacy-tables.ts builds them):
// what an auditor compares with the portal's cookie notice. Every cell came from a portal page:
// escaped by `html`, long values cut (the evidence file named under the table holds them whole).
import { formatCount, numberFormat, t, type Lang } from '../i18n.ts';
import { html, type Safe } from './html.ts';
import { localTimeMarkup } from './local-time.ts';
import { beforeConsent, cut, KNOWN_NAMES_LIST, MAX_TABLE_ROWS, type ConsentPhase, type CookieRow, type HostRow, type ListMatch, type PrivacyTables } from './privacy-tables.ts';

const PHASE: Record<ConsentPhase, { vi: string; en: string }> = {
  no_choice: { vi: 'trước khi chọn', en: 'before any choice' },
  refused: { vi: 'sau khi từ chối', en: 'after refusing' },
  accepted: { vi: 'sau khi đồng ý', en: 'after accepting' },
};

// Chromium's reasons for refusing a cookie (CDP SetCookieBlockedReason), and ours for a script's write not kept.
const REFUSED: Record<string, { vi: string; en: string }> = {
  ThirdPartyPhaseout: { vi: 'trình duyệt chặn cookie bên thứ ba', en: 'the browser blocks third-party cookies' },
  ThirdPartyBlockedInFirstPartySet: { vi: 'trình duyệt chặn cookie bên thứ ba', en: 'the browser blocks third-party cookies' },
  UserPreferences: { vi: 'trình duyệt chặn cookie bên thứ ba', en: 'the browser blocks third-party cookies' },
  SameSiteNoneInsecure: { vi: 'SameSite=None nhưng thiếu Secure', en: 'SameSite=None without Secure' },
  SameSiteLax: { vi: 'SameSite=Lax trong yêu cầu liên trang', en: 'SameSite=Lax on a cross-site request' },
  SameSiteStrict: { vi: 'SameSite=Strict trong yêu cầu liên trang', en: 'SameSite=Strict on a cross-site request' },
  SameSiteUnspecifiedTreatedAsLax: { vi: 'không khai báo SameSite (coi là Lax) trong yêu cầu liên trang', en: 'no SameSite (treated as Lax) on a cross-site request' },
  SecureOnly: { vi: 'cookie Secure trên kết nối không mã hóa', en: 'a Secure cookie over an unencrypted connection' },
  InvalidDomain: { vi: 'thuộc tính Domain không hợp lệ', en: 'invalid Domain attribute' },
  InvalidPrefix: { vi: 'tiền tố tên không hợp lệ', en: 'invalid name prefix' },
  SyntaxError: { vi: 'sai cú pháp Set-Cookie', en: 'Set-Cookie syntax error' },
  NotStoredAfterScriptWrite: { vi: 'mã script ghi nhưng trình duyệt không lưu', en: 'written by a script, not kept by the browser' },
};

/** Expiry as a person reads it: "phiên", "390 ngày (≈ 1,1 năm)", "30 phút". */
export function expiryText(seconds: number | null, lang: Lang): string {
  if (seconds === null) return t(lang, 'phiên (xóa khi đóng trình duyệt)', 'session (deleted when the browser closes)');
  if (seconds <= 0) return t(lang, 'đã hết hạn (xóa cookie)', 'already expired (a deletion)');
  const one = numberFormat(lang, 0, 1);
  const days = seconds / 86_400;
  // Thresholds on the days shown: "365 ngày" always reads as about a year.
  const shown = Math.round(days);
  if (shown >= 365) return t(lang, `${formatCount(shown, lang)} ngày (≈ ${one.format(days / 365)} năm)`, `${formatCount(shown, lang)} days (≈ ${one.format(days / 365)} years)`);
  if (shown >= 60) return t(lang, `${formatCount(shown, lang)} ngày (≈ ${one.format(days / 30.44)} tháng)`, `${formatCount(shown, lang)} days (≈ ${one.format(days / 30.44)} months)`);
  if (days >= 1) return t(lang, `${one.format(days)} ngày`, `${one.format(days)} days`);
  if (seconds >= 3600) return t(lang, `${one.format(seconds / 3600)} giờ`, `${one.format(seconds / 3600)} hours`);
  if (seconds >= 60) return t(lang, `${Math.round(seconds / 60)} phút`, `${Math.round(seconds / 60)} minutes`);
  return t(lang, `${seconds} giây`, `${seconds} seconds`);
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

const party = (p: 'first' | 'third', lang: Lang) => (p === 'third' ? t(lang, 'bên thứ ba', 'third party') : t(lang, 'bên thứ nhất', 'first party'));
const yes = (v: boolean, lang: Lang) => (v ? t(lang, 'có', 'yes') : t(lang, 'không', 'no'));

function matchText(m: ListMatch, lang: Lang): string {
  if (m.list === KNOWN_NAMES_LIST) return t(lang, `tên cookie phân tích/quảng cáo đã biết: ${cut(m.rule, 60)}`, `known analytics/advertising cookie name: ${cut(m.rule, 60)}`);
  return `${m.list}: ${cut(m.rule, 80)}`;
}

function pagesCell(pages: string[], lang: Lang): Safe {
  const label = t(lang, `${pages.length} trang`, `${pages.length} ${pages.length === 1 ? 'page' : 'pages'}`);
  if (pages.length === 1) return html`<span title="${cut(pages[0]!, 300)}">${label}</span>`;
  return html`<details><summary>${label}</summary><ul>${pages.slice(0, 20).map((p) => html`<li>${cut(p)}</li>`)}${pages.length > 20 ? html`<li>…</li>` : null}</ul></details>`;
}

function cookieRow(c: CookieRow, lang: Lang): Safe {
  const setBy = c.setBy.via === 'unknown' ? t(lang, 'không rõ', 'unknown')
    : html`${c.setBy.via === 'header' ? t(lang, 'tiêu đề Set-Cookie', 'Set-Cookie header') : t(lang, 'mã script', 'script')}${c.setBy.urls.map((u) => html`<br><span class="url">${withoutQuery(u)}</span>`)}${c.setBy.urlCount > c.setBy.urls.length ? html`<br><span class="muted">${t(lang, `và ${c.setBy.urlCount - c.setBy.urls.length} địa chỉ khác`, `and ${c.setBy.urlCount - c.setBy.urls.length} more addresses`)}</span>` : null}`;
  const state = c.stored ? html`<span>${t(lang, 'đã lưu', 'stored')}</span>`
    : html`<span class="refused">${t(lang, 'bị từ chối', 'refused')}${c.refusedBecause.length ? ': ' : ''}${c.refusedBecause.map((r) => `${REFUSED[r]?.[lang] ?? r} (${r})`).join('; ')}</span>`;
  const tracker = c.tracker || c.matches.length
    ? html`${c.tracker ? html`<strong>${c.tracker}</strong>` : null}${c.matches.map((m) => html`<br><span class="muted">${matchText(m, lang)}</span>`)}`
    : html`<span class="muted">—</span>`;
  return html`<tr class="party-${c.party}" data-cookie="${cut(c.name, 100)}"><td class="name">${cut(c.name, 80)}</td><td>${cut(c.domain, 80)}<br><span class="muted">${party(c.party, lang)}</span></td>
<td>${setBy}</td><td>${expiryText(c.expiresInS, lang)}</td><td>${state}</td><td>${tracker}</td><td>${c.phases.map((p) => PHASE[p][lang]).join(', ')}<br>${pagesCell(c.pages, lang)}</td></tr>`;
}

function hostRow(h: HostRow, lang: Lang): Safe {
  const role = html`${h.entity ? html`<strong>${h.entity}</strong>` : null}${h.categories.length ? html` <span class="muted">(${h.categories.join(', ')})</span>` : null}${h.entity ? html`<br>` : null}<span class="muted">${h.types.slice(0, 6).join(', ')}</span>`;
  const list = h.entity || h.filterMatch
    ? html`${h.entity ? html`third-party-web: ${h.entity}` : null}${h.entity && h.filterMatch ? html`<br>` : null}${h.filterMatch ? html`${matchText(h.filterMatch, lang)} <span class="muted">(${t(lang, `${h.filterMatches}/${h.requests} yêu cầu`, `${h.filterMatches}/${h.requests} requests`)})</span>` : null}`
    : html`<span class="muted">—</span>`;
  const before = beforeConsent(h.phases);
  const after = h.phases.filter((p) => p !== 'no_choice').map((p) => PHASE[p][lang]);
  return html`<tr data-host="${cut(h.host, 100)}"><td class="name">${cut(h.host, 100)}</td><td>${role}</td><td class="num">${formatCount(h.requests, lang)}</td><td>${list}</td>
<td class="${before && (h.entity || h.filterMatch) ? 'bad' : ''} before-consent">${yes(before, lang)}${after.length ? html`<br><span class="muted">${t(lang, 'cũng', 'also')} ${after.join(', ')}</span>` : null}</td><td>${pagesCell(h.pages, lang)}</td></tr>`;
}

/** Where the whole of it is: the evidence file of each page, by its SHA-256 (in a --bundle: evidence/<sha256>). */
function leftOut(count: number, what: { vi: string; en: string }, lang: Lang): Safe | null {
  if (count === 0) return null;
  return html`<p class="left-out muted">${t(lang,
    `… và ${formatCount(count, lang)} ${what.vi} khác không hiển thị (bảng giới hạn ${MAX_TABLE_ROWS} dòng). Tất cả có trong tệp bằng chứng của từng trang (trường cookies, requests và consent), liệt kê theo mã băm SHA-256 dưới đây; trong gói --bundle: evidence/<sha256>.`,
    `… and ${formatCount(count, lang)} more ${what.en} not shown (tables stop at ${MAX_TABLE_ROWS} rows). All of them are in each page's evidence file (fields cookies, requests and consent), listed by SHA-256 below; in a --bundle: evidence/<sha256>.`)}</p>`;
}

export function privacyTablesSection(p: PrivacyTables | null, lang: Lang): Safe {
  if (!p) return html`<p class="muted privacy-tables-none">${t(lang, 'Không có lần kiểm tra bảo vệ dữ liệu cá nhân đầy đủ nào trong kỳ: chưa có bảng cookie và bên thứ ba.', 'No complete privacy check in the period: no cookie or third-party tables.')}</p>`;
  const unreadable = p.unreadable.length
    ? html`<p class="bad">${t(lang, 'Không đọc được tệp bằng chứng của các trang sau (thiếu hoặc bị sửa trong kho; chạy "dvc-monitor db check --evidence"): ', 'The evidence files of these pages could not be read (missing or altered in the store; run "dvc-monitor db check --evidence"): ')}${p.unreadable.map((u) => `${cut(u.url)} (sha256:${u.sha256})`).join('; ')}</p>` : null;
  const cookies = p.cookies.length === 0 ? html`<p class="muted">${t(lang, 'Không có cookie nào được đặt (hoặc được thử đặt).', 'No cookie was set (or attempted).')}</p>`
    : html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t(lang, 'Cookie', 'Cookies')}"><table class="cookies evidence-table"><thead><tr><th scope="col">${t(lang, 'Tên', 'Name')}</th><th scope="col">${t(lang, 'Tên miền, bên', 'Domain, party')}</th><th scope="col">${t(lang, 'Đặt bởi', 'Set by')}</th><th scope="col">${t(lang, 'Thời hạn', 'Expiry')}</th><th scope="col">${t(lang, 'Lưu hay bị từ chối', 'Stored or refused')}</th><th scope="col">${t(lang, 'Trình theo dõi, danh sách và quy tắc khớp', 'Tracker, list and rule matched')}</th><th scope="col">${t(lang, 'Khi nào, trang', 'When, pages')}</th></tr></thead>
<tbody>${p.cookies.map((c) => cookieRow(c, lang))}</tbody></table></div>`;
  const hosts = p.hosts.length === 0 ? html`<p class="muted">${t(lang, 'Trang không gửi yêu cầu nào tới bên thứ ba.', 'The pages sent no request to a third party.')}</p>`
    : html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t(lang, 'Máy chủ bên thứ ba', 'Third-party hosts')}"><table class="third-parties evidence-table"><thead><tr><th scope="col">${t(lang, 'Máy chủ', 'Host')}</th><th scope="col">${t(lang, 'Đơn vị, vai trò', 'Entity, role')}</th><th scope="col" class="num">${t(lang, 'Số yêu cầu', 'Requests')}</th><th scope="col">${t(lang, 'Khớp danh sách trình theo dõi', 'Tracker list match')}</th><th scope="col">${t(lang, 'Trước khi đồng ý', 'Before consent')}</th><th scope="col">${t(lang, 'Trang', 'Pages')}</th></tr></thead>
<tbody>${p.hosts.map((h) => hostRow(h, lang))}</tbody></table></div>`;
  return html`<div class="privacy-tables" data-check-id="${p.checkId}">
<p class="muted">${t(lang, `Từ lần kiểm tra bảo vệ dữ liệu cá nhân #${p.checkId} (kết thúc `, `From privacy check #${p.checkId} (finished `)}${localTimeMarkup(p.finishedAt)}${t(lang,
    '), gộp theo cookie và theo máy chủ trên mọi trang đã đo. "Trước khi chọn": lượt truy cập không bấm gì trên biểu ngữ cookie; "sau khi từ chối/đồng ý": trang chủ được mở lại và chọn qua biểu ngữ.',
    '), grouped by cookie and by host over every page measured. "Before any choice": the visit that clicked nothing on the cookie banner; "after refusing/accepting": the home page opened again and the choice made through the banner.')}</p>
${unreadable}
<h5>${t(lang, 'Cookie', 'Cookies')} (${formatCount(p.cookies.length + p.cookiesLeftOut, lang)})</h5>${cookies}${leftOut(p.cookiesLeftOut, { vi: 'cookie', en: 'cookies' }, lang)}
<h5>${t(lang, 'Máy chủ bên thứ ba', 'Third-party hosts')} (${formatCount(p.hosts.length + p.hostsLeftOut, lang)})</h5>${hosts}${leftOut(p.hostsLeftOut, { vi: 'máy chủ', en: 'hosts' }, lang)}
${p.requestsDropped > 0 ? html`<p class="muted">${t(lang, `Trình duyệt đã bỏ ghi ${formatCount(p.requestsDropped, lang)} yêu cầu vượt giới hạn ghi của một trang: các bảng không gồm chúng.`, `The browser stopped recording ${formatCount(p.requestsDropped, lang)} requests past a page's recording limit: the tables do not include them.`)}</p>` : null}
<p class="muted evidence-files">${t(lang, 'Tệp bằng chứng (SHA-256)', 'Evidence files (SHA-256)')}: ${p.evidence.map((e, i) => html`${i ? '; ' : ''}${cut(e.url, 80)} <span class="hash">${e.sha256}</span>`)}</p>
</div>`;
}
