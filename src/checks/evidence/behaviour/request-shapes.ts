// Measurement calls known by the shape of their request, whoever serves them: the Facebook
// pixel, Google Analytics (Universal and GA4), Matomo/Piwik and Yandex Metrica. A self-hosted
// Matomo on the portal's own host counts as much as Google's: the shape says what the request
// does, the host only who receives it. Also the hosts of well-known session-recording services.
import type { RequestRecord } from '../../types.ts';

export type MeasurementVendor = 'facebook_pixel' | 'google_analytics' | 'matomo' | 'yandex_metrica';

export interface MeasurementShape {
  vendor: MeasurementVendor;
  /** The account the call reports to (pixel id, GA measurement id, Matomo site id, counter id), bounded. */
  account: string | null;
  /** The event it reports (PageView, page_view, pageview, …), bounded. */
  event: string | null;
}

const clip = (s: string | null | undefined, n = 60) => (s == null ? null : s.slice(0, n));

function parse(url: string): URL | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

const FACEBOOK_HOST = /(^|\.)facebook\.(com|net)$/i;
const YANDEX_HOST = /(^|\.)yandex\.(ru|com|by|kz|ua|com\.tr)$|(^|\.)yastatic\.net$/i;

/** What a request reports, by its shape; null when it is no known measurement call. */
export function measurementShape(url: string): MeasurementShape | null {
  const u = parse(url);
  if (!u) return null;
  const q = u.searchParams;
  const path = u.pathname.toLowerCase();
  // The pixel: /tr?id=<pixel>&ev=<event> (facebook.com, or a server-side relay with that shape).
  if ((path === '/tr' || path === '/tr/' || (FACEBOOK_HOST.test(u.hostname) && /\/tr\/?$/.test(path))) && q.has('id') && q.has('ev')) {
    return { vendor: 'facebook_pixel', account: clip(q.get('id')), event: clip(q.get('ev')) };
  }
  // Google Analytics: /collect, /g/collect, /j/collect, /r/collect, /mp/collect with a tracking id or a protocol version.
  if (/(^|\/)(g\/|j\/|r\/|mp\/)?collect\/?$/.test(path) && (q.has('tid') || /^[12]$/.test(q.get('v') ?? ''))) {
    return { vendor: 'google_analytics', account: clip(q.get('tid') ?? q.get('measurement_id')), event: clip(q.get('en') ?? q.get('t')) };
  }
  // Matomo (Piwik): matomo.php or piwik.php with the site id, wherever it is hosted.
  if (/(^|\/)(matomo|piwik)\.php$/.test(path) && q.has('idsite')) {
    return { vendor: 'matomo', account: clip(q.get('idsite')), event: clip(q.get('action_name') ?? (q.has('e_c') ? `event:${q.get('e_c')}` : 'pageview')) };
  }
  // Yandex Metrica: /watch/<counter> (and the session recorder's /webvisor/<counter>) on Yandex, or that shape with its parameters.
  const ya = /\/(watch|webvisor)\/(\d+)/.exec(path);
  if (ya && (YANDEX_HOST.test(u.hostname) || q.has('browser-info') || q.has('page-url'))) {
    return { vendor: 'yandex_metrica', account: ya[2]!.slice(0, 40), event: ya[1] === 'webvisor' ? 'webvisor' : clip(q.get('page-ref') !== null ? 'pageview' : 'hit') };
  }
  return null;
}

export type SessionRecorder = 'hotjar' | 'clarity' | 'fullstory' | 'yandex_webvisor' | 'logrocket' | 'smartlook' | 'mouseflow';

// Hosts (and for Yandex, paths) of the services' scripts and of the endpoints they send recordings to.
const RECORDER_HOSTS: Array<[SessionRecorder, RegExp]> = [
  ['hotjar', /(^|\.)hotjar\.(com|io)$/i],
  ['clarity', /(^|\.)clarity\.ms$/i],
  ['fullstory', /(^|\.)fullstory\.com$/i],
  ['logrocket', /(^|\.)(logrocket\.(io|com)|lr-ingest\.(io|com)|lr-in\.com|lr-in-prod\.com|lrkt-in\.com)$/i],
  ['smartlook', /(^|\.)(smartlook\.(com|cloud)|smartlook\.cloud)$/i],
  ['mouseflow', /(^|\.)mouseflow\.com$/i],
];

/** The session-recording service a request goes to, from its host (Yandex: the webvisor path). */
export function sessionRecorderOf(url: string): SessionRecorder | null {
  const u = parse(url);
  if (!u) return null;
  for (const [name, re] of RECORDER_HOSTS) if (re.test(u.hostname)) return name;
  if (YANDEX_HOST.test(u.hostname) && /webvisor/i.test(u.pathname + u.search)) return 'yandex_webvisor';
  return null;
}

/**
 * Globals the services' snippets define, read in each frame: names a page of its own would
 * hardly choose. A dotted path is read property by property; `()` at the end: it must be a function.
 */
export const RECORDER_GLOBALS: Record<SessionRecorder, readonly string[]> = {
  hotjar: ['_hjSettings', 'hjSiteSettings'],
  clarity: ['clarity()'],
  fullstory: ['_fs_namespace', '_fs_host'],
  yandex_webvisor: ['yandex_metrika_callbacks2', 'Ya.Metrika2'],
  logrocket: ['_lr_loaded', 'LogRocket.track'],
  smartlook: ['smartlook.api'],
  mouseflow: ['mouseflow', '_mfq'],
};

/** One group of measurement calls: same vendor, host and account. */
export interface MeasurementGroup {
  shape: MeasurementShape;
  host: string;
  party: 'first' | 'third';
  /** Index of the first request of the group in `requests`, and how many there were by event. */
  first: number;
  events: Array<{ name: string; count: number }>;
  initiator: string | null;
}

const MAX_GROUPS = 20;
const MAX_EVENTS = 10;

/** The measurement calls among a page's requests, grouped by vendor, host and account (bounded). */
export function measurementCalls(requests: readonly RequestRecord[]): MeasurementGroup[] {
  const groups = new Map<string, MeasurementGroup>();
  requests.forEach((r, i) => {
    const shape = measurementShape(r.url);
    if (!shape) return;
    const key = `${shape.vendor}|${r.host}|${shape.account ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      if (groups.size >= MAX_GROUPS) return;
      g = { shape, host: r.host, party: r.party, first: i, events: [], initiator: r.initiator?.url ?? null };
      groups.set(key, g);
    }
    const name = shape.event ?? '(none)';
    const e = g.events.find((x) => x.name === name);
    if (e) e.count++;
    else if (g.events.length < MAX_EVENTS) g.events.push({ name, count: 1 });
  });
  return [...groups.values()];
}
