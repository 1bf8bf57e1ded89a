// Times a person reads in the report, the scorecard and the dashboard: stored in UTC, shown in
// Asia/Ho_Chi_Minh with the offset said ("07/12/2026 20:15:03 (UTC+7)"), and machine-readable as
// ISO 8601 with that offset in a <time datetime>. The offset is computed, never written in.
import { localIsoWithOffset } from '../time/period.ts';
import { html, type Safe } from './html.ts';

/** "+07:00" → "UTC+7"; "+05:30" → "UTC+5:30". */
function offsetLabel(iso: string): string {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso)!;
  return `UTC${m[1]}${Number(m[2])}${m[3] === '00' ? '' : `:${m[3]}`}`;
}

/** A stored UTC instant as local time with its offset: "07/12/2026 20:15:03 (UTC+7)"; the text as given when it is not a time. */
export function localTimeText(utc: string, opts: { seconds?: boolean } = {}): string {
  const at = new Date(utc);
  if (Number.isNaN(at.getTime())) return utc;
  const iso = localIsoWithOffset(at);
  const clock = iso.slice(11, opts.seconds === false ? 16 : 19);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${clock} (${offsetLabel(iso)})`;
}

/** The same inside <time datetime="…+07:00">, so the instant stays exact for a machine. */
export function localTimeMarkup(utc: string | null | undefined, opts: { seconds?: boolean } = {}): Safe {
  if (!utc) return html`—`;
  const at = new Date(utc);
  if (Number.isNaN(at.getTime())) return html`${utc}`;
  return html`<time datetime="${localIsoWithOffset(at)}">${localTimeText(utc, opts)}</time>`;
}
