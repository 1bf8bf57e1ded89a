// Tables whose rows name an agency and whose columns hold metrics (CSV and XLSX exports,
// ranking tables on statistics pages): find the header row, the mapped columns, and read
// every row into measures. A table whose headers match nothing is `unexpected_shape`.
import type { NormaliseContext } from '../../collectors/types.ts';
import { agencyMatcher, type AgencyColumnConfig } from './agency-column.ts';
import { PayloadFailure, type NormaliseResult } from './measure.ts';
import { parseViMonth } from './numbers.ts';
import { MeasureSink } from './sink.ts';
import { excerpt, normaliseLabel } from './text.ts';

export interface AgencyRowsConfig extends AgencyColumnConfig {
  agencyColumn: string;
  /** Header as printed → canonical metric. */
  columns: Record<string, string>;
  /** Header of a column naming each row's month; rows of other months are skipped. */
  periodColumn?: string | undefined;
}

/** Title rows often sit above the header: it is searched for among the first rows. */
const HEADER_SEARCH_ROWS = 50;

export type Cell = unknown;

const cellText = (cell: Cell) => (cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell));

export function readAgencyRows(rows: readonly Cell[][], config: AgencyRowsConfig, period: string, ctx: NormaliseContext, what: string): NormaliseResult {
  const wanted = normaliseLabel(config.agencyColumn);
  const headerIndex = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => row.some((c) => normaliseLabel(cellText(c)) === wanted));
  if (headerIndex < 0) {
    throw new PayloadFailure('unexpected_shape', `${what} has no header ${JSON.stringify(config.agencyColumn)} in its first ${HEADER_SEARCH_ROWS} rows: its layout changed`);
  }
  const header = rows[headerIndex]!.map((c) => normaliseLabel(cellText(c)));
  const column = (name: string) => header.indexOf(normaliseLabel(name));
  const agencyAt = column(config.agencyColumn);
  const periodAt = config.periodColumn === undefined ? -1 : column(config.periodColumn);
  if (config.periodColumn !== undefined && periodAt < 0) {
    throw new PayloadFailure('unexpected_shape', `${what} has no column ${JSON.stringify(config.periodColumn)} (the month of each row): its layout changed`);
  }
  const mapped = Object.entries(config.columns).map(([name, metric]) => ({ name, metric, at: column(name) }));
  const present = mapped.filter((c) => c.at >= 0);
  if (present.length === 0) {
    throw new PayloadFailure('unexpected_shape', `none of the mapped columns (${Object.keys(config.columns).map((c) => JSON.stringify(c)).join(', ')}) is in ${what}; its headers are ${header.filter(Boolean).map((h) => JSON.stringify(h)).join(', ').slice(0, 400)}`);
  }
  const sink = new MeasureSink(period);
  for (const c of mapped.filter((c) => c.at < 0)) sink.note('not_found', `column ${JSON.stringify(c.name)} (${c.metric}) is not in ${what}`, { metric: c.metric });
  const agencyOf = agencyMatcher(config, period, ctx);
  let rowsOfPeriod = 0;

  rows.slice(headerIndex + 1).forEach((row, i) => {
    const line = headerIndex + i + 2;
    const agencyCell = cellText(row[agencyAt]).trim();
    if (agencyCell === '') return; // blank lines, notes under the table
    if (periodAt >= 0) {
      const month = parseViMonth(row[periodAt] instanceof Date ? row[periodAt] : cellText(row[periodAt]));
      if (!month.ok) return sink.note('unreadable_value', `row ${line}: the month ${excerpt(cellText(row[periodAt]))} is unreadable; row skipped`);
      if (month.value !== period) return;
    }
    rowsOfPeriod++;
    const agency = agencyOf(agencyCell);
    if (!agency.ok) return sink.note('unknown_unit', `row ${line}: ${agency.reason}; skipped`);
    for (const c of mapped) {
      if (c.at < 0) sink.notFound(agency.agencyCode, c.metric, `column ${JSON.stringify(c.name)} is not in ${what}`, 0, { note: false });
      else sink.read(agency.agencyCode, c.metric, row[c.at] ?? null, `row ${line}, ${JSON.stringify(c.name)}`, 0);
    }
  });
  if (rowsOfPeriod === 0) throw new PayloadFailure('empty', `${what} has no rows${periodAt >= 0 ? ` for ${period}` : ''}`);
  return sink.result();
}
