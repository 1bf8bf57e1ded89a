// The status page's feeds, Atom and RSS 2.0: one entry per incident (opened, and its end once
// over) and per maintenance window announced, newest first. Everything in them is escaped XML.
import { formatDuration, reasonLabel } from '../../cli/render-uptime.ts';
import { formatInstant } from '../../cli/render-uptime.ts';
import type { Lang } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { esc } from '../../report/html.ts';
import type { StatusModel } from './model.ts';

interface Entry {
  id: string;
  title: string;
  text: string;
  updated: string;
}

function entries(m: StatusModel, lang: Lang): Entry[] {
  const incidents = m.incidents.map((i): Entry => ({
    id: `incident-${i.id}`,
    title: i.endedAt
      ? msg(lang, 'status.feed.incident.resolvedTitle', { portal: i.portalName, endpoint: i.endpoint })
      : msg(lang, 'status.feed.incident.downTitle', { portal: i.portalName, endpoint: i.endpoint }),
    text: i.endedAt
      ? msg(lang, 'status.feed.incident.ended', { from: formatInstant(i.startedAt, lang), to: formatInstant(i.endedAt, lang), duration: formatDuration(i.durationMs, lang), cause: reasonLabel(i.cause, lang) })
      : msg(lang, 'status.feed.incident.ongoing', { from: formatInstant(i.startedAt, lang), duration: formatDuration(i.durationMs, lang), cause: reasonLabel(i.cause, lang) }),
    updated: i.endedAt ?? i.startedAt,
  }));
  const maintenance = m.maintenance.map((w): Entry => ({
    id: `maintenance-${w.id}`,
    title: msg(lang, 'status.feed.maintenance.title', { portal: w.portalName }),
    text: `${msg(lang, 'status.feed.maintenance.window', { from: formatInstant(w.startsAt, lang), to: formatInstant(w.endsAt, lang) })}${w.note ? ` ${w.note}` : ''}${w.announced ? '' : ` ${msg(lang, 'status.feed.maintenance.notAnnounced')}`}`,
    // Announced on a local date; a window without one is dated by its start.
    updated: w.announcedOn ? `${w.announcedOn}T00:00:00+07:00` : w.startsAt,
  }));
  return [...incidents, ...maintenance].sort((a, b) => (Date.parse(a.updated) < Date.parse(b.updated) ? 1 : -1)).slice(0, 100);
}

const rfc3339 = (iso: string) => new Date(iso).toISOString();

/** `base`: the status page's absolute address, which feed readers need to resolve links. */
export function atomFeed(m: StatusModel, lang: Lang, base: string, self: string): string {
  const list = entries(m, lang);
  const title = msg(lang, 'status.title');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
<title>${esc(title)}</title>
<id>${esc(base)}</id>
<link rel="alternate" type="text/html" href="${esc(base)}"/>
<link rel="self" type="application/atom+xml" href="${esc(self)}"/>
<updated>${rfc3339(list[0]?.updated ?? m.generatedAt)}</updated>
<author><name>dvc-monitor</name></author>
${list.map((e) => `<entry><id>${esc(`${base}#${e.id}`)}</id><title>${esc(e.title)}</title><updated>${rfc3339(e.updated)}</updated><link rel="alternate" type="text/html" href="${esc(`${base}#su-co`)}"/><content type="text">${esc(e.text)}</content></entry>`).join('\n')}
</feed>
`;
}

export function rssFeed(m: StatusModel, lang: Lang, base: string): string {
  const list = entries(m, lang);
  const title = msg(lang, 'status.title');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>${esc(title)}</title><link>${esc(base)}</link><description>${esc(title)}</description><language>${lang}</language>
<lastBuildDate>${new Date(list[0]?.updated ?? m.generatedAt).toUTCString()}</lastBuildDate>
${list.map((e) => `<item><guid isPermaLink="false">${esc(`${base}#${e.id}`)}</guid><title>${esc(e.title)}</title><link>${esc(`${base}#su-co`)}</link><pubDate>${new Date(e.updated).toUTCString()}</pubDate><description>${esc(e.text)}</description></item>`).join('\n')}
</channel></rss>
`;
}
