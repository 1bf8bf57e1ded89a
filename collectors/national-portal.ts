// The national portal's statistics gateway (POST /jsp/rest.jsp, form body params=<JSON>):
// monthly dossier counts per unit and the Quyết định 766 index scores. Numbers arrive as strings.
import { createHash } from 'node:crypto';
import type { NationalPortalSourceConfig } from '../src/config/schema.ts';
import { PayloadFailure, parseJsonBody, type DataNote, type NormalisedMeasure, type NormaliseResult } from '../src/normalise/measure.ts';
import { parseCount, parseDecimal } from '../src/normalise/numbers.ts';
import { parseMonth } from '../src/time/period.ts';
import type { JobSpec } from '../src/run/job.ts';
import { failOnHttpError, send } from './common.ts';
import type { Collector, PayloadView } from './types.ts';

type Report = NationalPortalSourceConfig['reports'][number];
type Level = NationalPortalSourceConfig['levels'][number];

const SERVICE: Record<Report, string> = {
  monthly_counts: 'report_by_month_sum_service',
  index_766: 'report_tinh_766_service',
};

const UNIT_TYPE: Record<Level, string> = { ministry: '1', province: '2' };

/** Gateway field → canonical metric. Glosses are unverified (DOMAIN.md): the config can override. */
export const DEFAULT_FIELD_MAP: Readonly<Record<Report, Readonly<Record<string, string>>>> = {
  monthly_counts: {
    HS_TOTAL: 'dossiers.received',
    HTN_TRUCTUYEN: 'dossiers.received_online',
    HTN_TRUCTIEP: 'dossiers.received_direct',
    HTN_BUUCHINH: 'dossiers.received_post',
    DB_TOTAL: 'dossiers.synced',
    DXLTH: 'dossiers.resolved_on_time',
    DXLQH: 'dossiers.resolved_late',
    HS_SOHOA: 'dossiers.digitised',
    HS_TAISUDUNG: 'dossiers.reusing_data',
    GDTTQG: 'payments.online_count',
    GDTTQG_SOTIEN: 'payments.online_amount_vnd',
    TTHC_TOTAL: 'procedures.total',
    DVCTT_TOANTRINH: 'services.online_full',
    DVCTT_MOTPHAN: 'services.online_partial',
    DVCTT_PHATSINH_HS: 'services.with_online_filings',
    TILE: 'reported.online_dossier_rate',
    TILE_DB: 'reported.sync_rate',
  },
  index_766: {
    CKMB: 'index766.ckmb',
    TDGQ: 'index766.tdgq',
    TTTT: 'index766.tttt',
    CLGQ: 'index766.clgq',
    MDHL: 'index766.mdhl',
    MDSH: 'index766.mdsh',
    TONG_SCORE: 'index766.total',
    ROW_STT: 'index766.rank',
  },
};

// Rates and scores are decimals as published; everything else is a whole count.
const isDecimalMetric = (metric: string) => metric.startsWith('reported.') || (metric.startsWith('index766.') && metric !== 'index766.rank');

/** Guards against a gateway that ignores pageIndex and answers the same full page forever. */
const MAX_PAGES = 200;

export interface NationalPortalJobParams {
  report: Report;
  level: Level;
}

function fieldMapFor(source: NationalPortalSourceConfig, report: Report): Record<string, string> {
  const defaults = DEFAULT_FIELD_MAP[report];
  const overrides = Object.fromEntries(Object.entries(source.fieldMap).filter(([field]) => field in defaults));
  return { ...defaults, ...overrides };
}

/** Each field with its metric and reader, decided once per payload rather than once per value. */
function fieldReaders(fieldMap: Record<string, string>) {
  return Object.entries(fieldMap).map(([field, metric]) => ({ field, metric, parse: isDecimalMetric(metric) ? parseDecimal : parseCount }));
}

export function requestParams(source: NationalPortalSourceConfig, job: JobSpec, pageIndex: number): Record<string, unknown> {
  const { report, level } = job.params as unknown as NationalPortalJobParams;
  const { year, month } = parseMonth(job.period!);
  return {
    type: 'ref', service: SERVICE[report], provider: source.provider,
    p_nam: String(year), p_6thang: '', p_quy: '', p_thang: String(month),
    p_tinh_id: '0', p_huyen_id: '', p_xa_id: '', p_linhvuc: '',
    pageIndex, pageSize: source.pageSize, p_loaidonvi: UNIT_TYPE[level], loaichitieu: '',
  };
}

// `satisfies`, not a type annotation: callers keep its synchronous normalise.
export const nationalPortal = {
  kind: 'national-portal',

  plan(source, periods) {
    const jobs: JobSpec[] = [];
    for (const period of periods) {
      for (const report of source.reports) {
        for (const level of source.levels) {
          jobs.push({
            key: `${source.id}/${report}/${level}/${period}`, kind: 'collect', sourceId: source.id,
            portalId: null, period, params: { report, level },
          });
        }
      }
    }
    return jobs;
  },

  async *collect(source, job, { http, signal }) {
    let previousPage: string | undefined;
    for (let pageIndex = 1; pageIndex <= MAX_PAGES; pageIndex++) {
      const body = `params=${encodeURIComponent(JSON.stringify(requestParams(source, job, pageIndex)))}`;
      const headers = {
        'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
        'x-requested-with': 'XMLHttpRequest',
        accept: 'application/json, text/javascript, */*; q=0.01',
      };
      const request = { method: 'POST', url: source.url, headers, body };
      const response = yield* send(http, request, signal);
      yield { request, response };
      // The payload is stored by now; what follows only decides whether to fetch the next page.
      failOnHttpError(response, 'the gateway');
      let rows: unknown;
      try {
        rows = parseJsonBody(response.body, 'the gateway');
      } catch {
        return; // the normaliser names the failure from the stored payload
      }
      if (!Array.isArray(rows) || rows.length < source.pageSize) return;
      const digest = createHash('sha256').update(response.body).digest('hex');
      if (digest === previousPage) throw new PayloadFailure('unexpected_shape', `page ${pageIndex} repeats page ${pageIndex - 1}: the gateway ignores pageIndex`);
      previousPage = digest;
    }
    throw new PayloadFailure('unexpected_shape', `more than ${MAX_PAGES} pages: the gateway's pagination does not end`);
  },

  normalise(source, job, payloads, ctx) {
    const { report, level } = job.params as unknown as NationalPortalJobParams;
    const period = job.period!;
    const fieldMap = fieldMapFor(source, report);
    const readers = fieldReaders(fieldMap);
    const measures: NormalisedMeasure[] = [];
    const notes: DataNote[] = [];
    const seenUnits = new Set<string>();
    let rowCount = 0;
    let fieldsFound = 0;

    payloads.forEach((payload: PayloadView, payloadIndex) => {
      const rows = parseJsonBody(payload.body, 'the gateway');
      if (!Array.isArray(rows)) {
        throw new PayloadFailure('unexpected_shape', `the gateway answered JSON ${rows === null ? 'null' : typeof rows} where an array of units was expected`);
      }
      for (const [i, row] of rows.entries()) {
        if (!row || typeof row !== 'object' || Array.isArray(row)) {
          throw new PayloadFailure('unexpected_shape', `row ${i + 1} of page ${payloadIndex + 1} is not an object`);
        }
        rowCount++;
        const record = row as Record<string, unknown>;
        const unitCode = record.MA_COQUAN;
        if (typeof unitCode !== 'string' && typeof unitCode !== 'number') {
          notes.push({ kind: 'unknown_unit', message: `row ${i + 1} of page ${payloadIndex + 1} has no MA_COQUAN; skipped` });
          continue;
        }
        const agencyCode = ctx.agencyFor(level, String(unitCode).trim(), period);
        if (!agencyCode) {
          notes.push({ kind: 'unknown_unit', message: `unit ${JSON.stringify(unitCode)} (${String(record.TEN ?? '')}) is not in the registry for ${period}; skipped` });
          continue;
        }
        if (seenUnits.has(agencyCode)) {
          notes.push({ kind: 'duplicate_unit', message: `unit ${JSON.stringify(unitCode)} appears twice; the first row is kept`, agencyCode, period });
          continue;
        }
        seenUnits.add(agencyCode);
        for (const { field, metric, parse } of readers) {
          if (field in record) fieldsFound++;
          const parsed = parse(record[field]);
          if (parsed.ok) {
            measures.push({ agencyCode, metric, period, value: parsed.value, nullReason: null, payloadIndex, locator: `[${i}].${field}` });
          } else {
            const reason = `${parsed.reason} (${field})`;
            measures.push({ agencyCode, metric, period, value: null, nullReason: reason, payloadIndex, locator: `[${i}].${field}` });
            if (field in record) notes.push({ kind: 'unreadable_value', message: `${agencyCode} ${field}: ${parsed.reason}`, agencyCode, metric, period });
          }
        }
      }
    });

    if (rowCount === 0) throw new PayloadFailure('empty', `the gateway returned no units for ${period} (${level})`);
    if (fieldsFound === 0) {
      throw new PayloadFailure('unexpected_shape', `none of the expected fields (${Object.keys(fieldMap).join(', ')}) is in the answer: the gateway's format changed`);
    }
    return { measures, notes } satisfies NormaliseResult;
  },
} satisfies Collector<NationalPortalSourceConfig>;
