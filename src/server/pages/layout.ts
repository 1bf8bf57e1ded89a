// The frame of every dashboard page: language, the period kept across navigation, the header
// with its navigation, the footer with the accessibility statement and the privacy notice, the
// live-update status line, local times. Escaping is `html`'s (src/report/html.ts).
import { DEFAULT_LANG, type Lang } from '../../i18n.ts';
import { CATALOGUES, msg, type MessageKey } from '../../messages/index.ts';
import { formatInstant } from '../../cli/render-uptime.ts';
import { html, Safe } from '../../report/html.ts';

export interface PageContext {
  lang: Lang;
  /** The month shown (the last complete one unless `?period=` says). */
  period: string;
  /** Whether `?period=` was given: then every link keeps it. */
  periodExplicit: boolean;
  url: URL;
  /** Whether a token is configured (acknowledging from the page is possible). */
  canAcknowledge: boolean;
  now: Date;
}

export type Section = 'national' | 'portals' | 'alerts' | 'status' | 'about';

/** The language of a page without `?lang=`; links name the other one. */

/** The language a page offers to switch to. */
export const otherLang = (lang: Lang): Lang => (lang === DEFAULT_LANG ? 'en' : DEFAULT_LANG);

/** A link inside the dashboard that keeps the language and the chosen period, plus `extra` query parameters. */
export function href(ctx: PageContext, path: string, extra: Record<string, string | number | null | undefined> = {}): string {
  const q = new URLSearchParams();
  if (ctx.periodExplicit) q.set('period', ctx.period);
  if (ctx.lang !== DEFAULT_LANG) q.set('lang', ctx.lang);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The same page with some query parameters changed (sorting, ranges, filters). */
export function sameWith(ctx: PageContext, extra: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams(ctx.url.search);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${ctx.url.pathname}?${s}` : ctx.url.pathname;
}

/** A UTC instant as local time (Asia/Ho_Chi_Minh), machine-readable in the markup. */
export function localTime(iso: string | null | undefined, lang: Lang): Safe {
  if (!iso) return html`—`;
  return html`<time datetime="${iso}">${formatInstant(iso, lang)}</time>`;
}

/** "(giờ Việt Nam)": said once, in a column heading or after a time. */
export const VN_TIME = (lang: Lang) => msg(lang, 'dashboard.time.vietnam');

/** Hidden inputs that carry the language and the period through a GET form. */
export function keptFields(ctx: PageContext, except: readonly string[] = []): Safe {
  return html`${ctx.lang !== DEFAULT_LANG && !except.includes('lang') ? html`<input type="hidden" name="lang" value="${ctx.lang}">` : null}${ctx.periodExplicit && !except.includes('period') ? html`<input type="hidden" name="period" value="${ctx.period}">` : null}`;
}

function nav(ctx: PageContext, current: Section): Safe {
  const { lang } = ctx;
  const item = (section: Section, path: string, label: string) =>
    html`<li><a href="${href(ctx, path)}"${current === section ? new Safe(' aria-current="page"') : null}>${label}</a></li>`;
  return html`<nav aria-label="${msg(lang, 'dashboard.nav.label')}"><ul>
${item('national', '/', msg(lang, 'dashboard.nav.national'))}${item('portals', '/portals', msg(lang, 'dashboard.nav.portals'))}${item('alerts', '/alerts', msg(lang, 'dashboard.nav.alerts'))}${item('status', '/status', msg(lang, 'dashboard.nav.status'))}
</ul></nav>`;
}

/** The other language's version of this page. */
function languageSwitch(ctx: PageContext): Safe {
  const other = otherLang(ctx.lang);
  const q = new URLSearchParams(ctx.url.search);
  if (other === DEFAULT_LANG) q.delete('lang');
  else q.set('lang', other);
  const s = q.toString();
  const target = s ? `${ctx.url.pathname}?${s}` : ctx.url.pathname;
  return html`<a class="lang" href="${target}" lang="${other}" hreflang="${other}">${msg(ctx.lang, 'dashboard.lang.other')}</a>`;
}

export function footer(lang: Lang, opts: { statement: string; privacy: string; extra?: Safe }): Safe {
  return html`<footer class="site"><ul>
<li><a href="${opts.statement}">${msg(lang, 'dashboard.about.statement.title')}</a></li>
<li><a href="${opts.privacy}">${msg(lang, 'dashboard.about.privacy.title')}</a></li>
${opts.extra ?? null}</ul>
<p class="muted">${msg(lang, 'dashboard.footer.times')}</p></footer>`;
}

export interface DocumentOptions {
  lang: Lang;
  title: string;
  body: Safe;
  /** Where the stylesheet is (a relative path in a static export). */
  stylesheet: string;
  /** The client script (live update, sorting, filtering); none on the static status page. */
  script?: string | null;
}

export function htmlDocument(opts: DocumentOptions): string {
  return `<!doctype html>\n${html`<html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<title>${opts.title}</title><link rel="stylesheet" href="${opts.stylesheet}">${opts.script ? html`<script src="${opts.script}" defer></script>` : null}</head>
<body>${opts.body}</body></html>`.markup}\n`;
}

/** The texts the page's script says, as data-t-* attributes of the status line: the templates themselves, filled by the script. */
const CLIENT_TEXTS = {
  filtered: 'dashboard.client.filtered',
  'sorted-ascending': 'dashboard.client.sortedAscending',
  'sorted-descending': 'dashboard.client.sortedDescending',
  updated: 'dashboard.client.updated',
  'update-failed': 'dashboard.client.updateFailed',
} as const satisfies Record<string, MessageKey>;

const clientTexts = (lang: Lang) => html`${Object.entries(CLIENT_TEXTS).map(([name, key]) => html` data-t-${name}="${(CATALOGUES[lang] as Record<string, string>)[key]!}"`)}`;

/** A dashboard page: skip link, header, main with its h1, footer, and the live-update status line. */
export function dashboardPage(ctx: PageContext, opts: { section: Section; title: string; heading?: Safe | string; body: Safe; live?: boolean }): string {
  const { lang } = ctx;
  const body = html`<a class="skip" href="#noi-dung">${msg(lang, 'dashboard.skip')}</a>
<header class="site"><a class="brand" href="${href(ctx, '/')}">dvc-monitor</a>${nav(ctx, opts.section)}${languageSwitch(ctx)}</header>
<main id="noi-dung" tabindex="-1"${opts.live ? new Safe(' data-live-page="1"') : null}><h1>${opts.heading ?? opts.title}</h1>${opts.body}</main>
${footer(lang, { statement: href(ctx, '/tiep-can'), privacy: href(ctx, '/du-lieu-ca-nhan'), extra: html`<li><a href="/metrics">${msg(lang, 'dashboard.footer.metrics')}</a></li>` })}
<p id="live-status" class="visually-hidden" role="status" aria-live="polite"${clientTexts(lang)}></p>`;
  return htmlDocument({ lang, title: `${opts.title} — dvc-monitor`, body, stylesheet: '/assets/dashboard.css', script: '/assets/dashboard.js' });
}
