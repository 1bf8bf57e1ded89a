// What normalisers produce: canonical measures and notes about the data, and the named
// failure they raise when a payload cannot be read at all.
import type { MeasureInput } from '../../storage/measures.ts';
import { jsonExtent } from './complete.ts';

export interface NormalisedMeasure {
  agencyCode: string;
  metric: string;
  period: string;
  value: number | null;
  nullReason: string | null;
  /** Index into the payloads the job fetched: which one this value came from. */
  payloadIndex: number;
  /** Where in that payload, e.g. "[12].HS_TOTAL" for field HS_TOTAL of row 12 of a JSON array. */
  locator?: string;
}

/**
 * Links each normalised measure to the stored snapshot of its payload. Fields are copied by
 * name: a rest-spread copy cost as much as the normalising itself at 50,000 measures a run.
 */
export function withSnapshots(measures: readonly NormalisedMeasure[], snapshotIds: readonly number[]): MeasureInput[] {
  return measures.map((m) => ({
    agencyCode: m.agencyCode, metric: m.metric, period: m.period, value: m.value, nullReason: m.nullReason,
    locator: m.locator ?? null, snapshotId: snapshotIds[m.payloadIndex] ?? null,
  }));
}

export interface DataNote {
  kind: 'unknown_unit' | 'unreadable_value' | 'duplicate_unit' | 'not_found' | 'counter_decreased' | 'sources_disagree';
  message: string;
  /** What the note is about, when it is about one value (quality flags are keyed on these). */
  agencyCode?: string;
  metric?: string;
  period?: string;
}

export interface NormaliseResult {
  measures: NormalisedMeasure[];
  notes: DataNote[];
}

export type PayloadFailureReason =
  | 'not_json' | 'malformed_json' | 'unexpected_shape' | 'empty' | 'http_4xx' | 'http_5xx' | 'rate_limited'
  // The payload ends before its document does (JSON, HTML, CSV or ZIP cut short): nothing of it is used.
  | 'truncated'
  // Spreadsheets and pages: an HTML page (or garbage) where a CSV, XLSX or HTML document was expected.
  | 'not_csv' | 'malformed_csv' | 'not_xlsx' | 'malformed_xlsx' | 'not_html'
  // A page showing another month than the one asked for.
  | 'wrong_period'
  // Authenticated platforms: the secret's variable is unset, the SSO refused the client or could not
  // be reached, or the API refused a freshly issued token.
  | 'missing_secret' | 'auth_rejected' | 'auth_unavailable' | 'unauthorized'
  // Ours, not the portal's: no browser on this machine.
  | 'browser_unavailable';

export class PayloadFailure extends Error {
  constructor(readonly reason: PayloadFailureReason, message: string) {
    super(message);
    this.name = 'PayloadFailure';
  }
}

/** Parses a JSON body, telling an HTML page (an error page served with 200) from broken JSON. */
export function parseJsonBody(body: Buffer | string, what: string): unknown {
  const text = (typeof body === 'string' ? body : body.toString('utf8')).replace(/^\uFEFF/, '');
  const start = text.trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith('<!doctype') || start.startsWith('<html') || start.startsWith('<')) {
    const title = /<title[^>]*>([^<]{0,120})/i.exec(text)?.[1]?.trim();
    throw new PayloadFailure('not_json', `${what} answered an HTML page instead of JSON${title ? ` (title: ${JSON.stringify(title)})` : ''}`);
  }
  if (text.trim() === '') throw new PayloadFailure('empty', `${what} answered an empty body`);
  try {
    return JSON.parse(text);
  } catch (err) {
    const extent = jsonExtent(text);
    if (extent.kind === 'cut') throw new PayloadFailure('truncated', `${what} answered JSON cut short after ${Buffer.byteLength(text)} bytes: ${extent.why}`);
    throw new PayloadFailure('malformed_json', `${what} answered malformed JSON: ${(err as Error).message.slice(0, 160)}`);
  }
}
