// Open-data exports: a CSV or XLSX file per period (the URL may name the month), one row per
// agency, columns mapped to metrics by their header text in the config.
import type { OpenDataSourceConfig } from '../src/config/schema.ts';
import { decodeCsv, detectDelimiter, parseCsv } from '../src/normalise/csv.ts';
import { PayloadFailure } from '../src/normalise/measure.ts';
import { readAgencyRows } from '../src/normalise/table.ts';
import { readXlsxSheet } from '../src/normalise/xlsx.ts';
import { fillPeriod } from '../src/time/period.ts';
import { fetchDocument, htmlTitle, looksLikeHtml, onlyPayload, periodJobs } from './common.ts';
import type { Collector } from './types.ts';

const ACCEPT = {
  csv: 'text/csv, text/plain;q=0.9, */*;q=0.5',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, */*;q=0.5',
};

export const openData = {
  kind: 'open-data',

  plan(source, periods) {
    return periodJobs(source.id, periods);
  },

  collect(source, job, { http, signal }) {
    return fetchDocument(http, fillPeriod(source.url, job.period!), ACCEPT[source.format], `the ${source.format.toUpperCase()} export`, signal);
  },

  async normalise(source, job, payloads, ctx) {
    const { body } = onlyPayload(payloads, 'the export');
    const what = `the ${source.format.toUpperCase()} export`;
    if (looksLikeHtml(body)) {
      throw new PayloadFailure(source.format === 'csv' ? 'not_csv' : 'not_xlsx', `${what} answered an HTML page${htmlTitle(body)}`);
    }
    let rows: unknown[][];
    if (source.format === 'xlsx') rows = await readXlsxSheet(body, source.sheet);
    else {
      if (body.subarray(0, 2).toString('latin1') === 'PK') throw new PayloadFailure('not_csv', `${what} is a ZIP archive, not text (an XLSX workbook? then set format: xlsx)`);
      const text = decodeCsv(body, source.encoding);
      rows = parseCsv(text, source.delimiter === 'auto' ? detectDelimiter(text) : source.delimiter, { finalNewline: source.finalNewline });
    }
    if (rows.length === 0) throw new PayloadFailure('empty', `${what} is empty`);
    return readAgencyRows(rows, source, job.period!, ctx, what);
  },
} satisfies Collector<OpenDataSourceConfig>;
