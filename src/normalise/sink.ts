// Collects what a normaliser reads: values parsed the way their metric needs (whole counts or
// decimals, Vietnamese formats), missing values as null with a reason, and notes. Shared by
// the collectors so every one of them treats bad values the same way.
import type { DataNote, NormalisedMeasure, NormaliseResult } from './measure.ts';
import { isCountMetric } from './metrics.ts';
import { parseCount, parseDecimal } from './numbers.ts';

export class MeasureSink {
  private readonly measures: NormalisedMeasure[] = [];
  private readonly notes: DataNote[] = [];
  private readonly seen = new Set<string>();
  /** Values read successfully: a payload whose mapping matched nothing has none. */
  valuesRead = 0;

  constructor(readonly period: string) {}

  /** Reads one raw value; `where` names its place in the payload for the reason and the note. */
  read(agencyCode: string, metric: string, raw: unknown, where: string, payloadIndex: number): void {
    if (!this.claim(agencyCode, metric, where)) return;
    const parsed = isCountMetric(metric) ? parseCount(raw) : parseDecimal(raw);
    if (parsed.ok) {
      this.valuesRead++;
      this.measures.push({ agencyCode, metric, period: this.period, value: parsed.value, nullReason: null, payloadIndex });
      return;
    }
    this.measures.push({ agencyCode, metric, period: this.period, value: null, nullReason: `${parsed.reason} (${where})`, payloadIndex });
    this.note('unreadable_value', `${agencyCode} ${where}: ${parsed.reason}`, { agencyCode, metric });
  }

  /** A mapped value the payload does not have (while others matched): null, with a note. */
  notFound(agencyCode: string, metric: string, reason: string, payloadIndex: number, options: { note: boolean } = { note: true }): void {
    if (!this.claim(agencyCode, metric, reason)) return;
    this.measures.push({ agencyCode, metric, period: this.period, value: null, nullReason: `missing: ${reason}`, payloadIndex });
    if (options.note) this.note('not_found', `${agencyCode} ${metric}: ${reason}`, { agencyCode, metric });
  }

  note(kind: DataNote['kind'], message: string, about: { agencyCode?: string; metric?: string } = {}): void {
    this.notes.push({ kind, message, ...about, ...(about.agencyCode || about.metric ? { period: this.period } : {}) });
  }

  result(): NormaliseResult {
    return { measures: this.measures, notes: this.notes };
  }

  /** The first value for an agency and metric wins; a second one is noted, not stored. */
  private claim(agencyCode: string, metric: string, where: string): boolean {
    const key = `${agencyCode}|${metric}`;
    if (!this.seen.has(key)) {
      this.seen.add(key);
      return true;
    }
    this.note('duplicate_unit', `${agencyCode} ${metric} appears twice (again at ${where}); the first value is kept`, { agencyCode, metric });
    return false;
  }
}
