// Year-to-date ("lũy kế") figures turned into per-month ones: this month = YTD(this month) −
// YTD(previous month of the same year); January = YTD. The published figure is kept too, as
// `ytd.<metric>`, so next month's conversion and the evidence can use it. A year-to-date
// counter that goes down (a reset or a correction) never becomes a negative count: the month
// is stored as missing with the reason `counter_decreased`, and a note says so.
import type { NormaliseContext } from '../../collectors/types.ts';
import { addMonths, parseMonth } from '../time/period.ts';
import type { DataNote, NormalisedMeasure, NormaliseResult } from './measure.ts';
import { metricNature, YTD_PREFIX } from './metrics.ts';

type PreviousValue = NormaliseContext['previousValue'];

export function yearToDateToMonthly(result: NormaliseResult, previousValue: PreviousValue): NormaliseResult {
  const measures: NormalisedMeasure[] = [];
  const notes: DataNote[] = [...result.notes];
  // A payload may carry several months: the previous month's figure from the same payload wins over the store's.
  const inPayload = new Map(result.measures.map((m) => [`${m.agencyCode}|${m.metric}|${m.period}`, m.value]));
  const previous = (agencyCode: string, metric: string, period: string) => {
    const key = `${agencyCode}|${metric}|${period}`;
    return inPayload.has(key) ? inPayload.get(key)! : previousValue(agencyCode, `${YTD_PREFIX}${metric}`, period);
  };

  for (const m of result.measures) {
    measures.push({ ...m, metric: `${YTD_PREFIX}${m.metric}` });
    const nature = metricNature(m.metric);
    if (nature === 'stock') measures.push(m); // a level is the same whatever the window
    if (nature !== 'flow') continue; // rates and the like cannot be taken apart month by month
    if (parseMonth(m.period).month === 1 || m.value === null) {
      measures.push(m);
      continue;
    }
    const prevPeriod = addMonths(m.period, -1);
    const prev = previous(m.agencyCode, m.metric, prevPeriod);
    if (prev === undefined || prev === null) {
      const why = prev === undefined ? 'has not been collected' : 'is missing';
      measures.push({ ...m, value: null, nullReason: `missing: the year-to-date figure for ${prevPeriod} ${why}, so the month cannot be derived from "lũy kế"` });
    } else if (m.value < prev) {
      const message = `year to date fell from ${prev} (${prevPeriod}) to ${m.value} (${m.period}): a reset or a correction, not a negative count`;
      measures.push({ ...m, value: null, nullReason: `counter_decreased: ${message}` });
      notes.push({ kind: 'counter_decreased', message: `${m.agencyCode} ${m.metric}: ${message}`, agencyCode: m.agencyCode, metric: m.metric, period: m.period });
    } else {
      measures.push({ ...m, value: m.value - prev });
    }
  }
  return { measures, notes };
}
