// The data dictionary of the exports: every column of every exported table, once. It names the
// CSV and XLSX headers (Vietnamese, or English with --lang en), fills the "Từ điển dữ liệu" sheet
// and the CSV dictionary file, and is the JSON file's `dictionary` block and JSON Schema. A column
// added to a table without its entry here is refused at export time (see `tableColumns`).
import type { Lang } from '../i18n.ts';
import { msg, msgBoth, type MessageKey } from '../messages/index.ts';

type Text = Record<Lang, string>;

/** A text made per language (a column header with words added to it). */
const perLang = (f: (lang: Lang) => string): Text => ({ vi: f('vi'), en: f('en') });

/**
 * How a column's values are typed and shown:
 * - text, code (an identifier), month (YYYY-MM): text;
 * - date (YYYY-MM-DD, a local date) and datetime (stored as UTC, shown in Asia/Ho_Chi_Minh);
 * - integer (counts, ids, milliseconds) and number (a stored value as collected, never rounded);
 * - percent (0–100), points (percentage points) and score (0–100): shown rounded to `digits`, the
 *   full value in a raw column next to it in CSV and XLSX.
 */
export type ColumnType = 'text' | 'code' | 'month' | 'date' | 'datetime' | 'integer' | 'number' | 'percent' | 'points' | 'score';

export interface ColumnSpec {
  /** Stable machine name: the JSON key, and the CSV file's column order. Never translated. */
  key: string;
  type: ColumnType;
  header: Text;
  meaning: Text;
  unit: Text | null;
  source: Text;
}

export const TABLE_NAMES = ['measures', 'kpis', 'quarantine', 'findings', 'uptime', 'checks'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Decimals a rounded column is shown with (the CLI's and the report's). */
export const DIGITS: Partial<Record<ColumnType, number>> = { percent: 2, points: 2, score: 1 };
export const isRounded = (type: ColumnType) => DIGITS[type] !== undefined;

const STORE = msgBoth('export.source.store');
const KPI = msgBoth('export.source.kpi');
const QUARANTINE = msgBoth('export.source.quarantine');
const FLAGS = msgBoth('export.source.flags');
const UPTIME = msgBoth('export.source.uptime');
const CHECKS = msgBoth('export.source.checks');
const CONFIG = msgBoth('export.source.config');
const REGISTRY = msgBoth('export.source.registry');

const LOCAL_TIME = msgBoth('export.unit.localTime');
// The same sign in both languages: no message of its own (the catalogue has none equal in both).
const PERCENT: Text = perLang(() => '%');
const COUNT = msgBoth('export.unit.count');
const MS = msgBoth('export.unit.ms');

const col = (key: string, type: ColumnType, header: Text, meaning: Text, unit: Text | null, source: Text): ColumnSpec => ({ key, type, header, meaning, unit, source });

const period = (source: Text) => col('period', 'month', msgBoth('export.column.period.header'), msgBoth('export.column.period.meaning'), null, source);
const agency = (source: Text) => col('agency_code', 'code', msgBoth('export.column.agency_code.header'), msgBoth('export.column.agency_code.meaning'), null, perLang((l) => `${REGISTRY[l]}; ${source[l]}`));
const metric = (source: Text) => col('metric', 'code', msgBoth('export.column.metric.header'), msgBoth('export.column.metric.meaning'), null, source);
const sourceId = (source: Text) => col('source_id', 'code', msgBoth('export.column.source_id.header'), msgBoth('export.column.source_id.meaning'), null, source);
const runId = (source: Text) => col('run_id', 'integer', msgBoth('export.column.run_id.header'), msgBoth('export.column.run_id.meaning'), null, source);

const agencyName = col('agency_name', 'text', msgBoth('export.column.agency_name.header'), msgBoth('export.column.agency_name.meaning'), null, REGISTRY);

const COLUMNS: Record<TableName, ColumnSpec[]> = {
  measures: [
    period(STORE), agency(STORE), agencyName, metric(STORE),
    col('value', 'number', msgBoth('export.column.measures.value.header'), msgBoth('export.column.measures.value.meaning'), msgBoth('export.unit.perMetric'), STORE),
    col('null_reason', 'text', msgBoth('export.column.measures.null_reason.header'), msgBoth('export.column.measures.null_reason.meaning'), null, STORE),
    sourceId(STORE), runId(STORE),
    col('snapshot_id', 'integer', msgBoth('export.column.measures.snapshot_id.header'), msgBoth('export.column.measures.snapshot_id.meaning'), null, STORE),
    col('locator', 'text', msgBoth('export.column.measures.locator.header'), msgBoth('export.column.measures.locator.meaning'), null, STORE),
    col('updated_at', 'datetime', msgBoth('export.column.measures.updated_at.header'), msgBoth('export.column.measures.updated_at.meaning'), LOCAL_TIME, STORE),
    col('quarantined_rule', 'code', msgBoth('export.column.measures.quarantined_rule.header'), msgBoth('export.column.measures.quarantined_rule.meaning'), null, QUARANTINE),
    col('quarantined_reason', 'text', msgBoth('export.column.measures.quarantined_reason.header'), msgBoth('export.column.measures.quarantined_reason.meaning'), null, QUARANTINE),
  ],
  kpis: [
    period(KPI), agency(KPI), agencyName,
    col('level', 'code', msgBoth('export.column.kpis.level.header'), msgBoth('export.column.kpis.level.meaning'), null, REGISTRY),
    col('kpi', 'code', msgBoth('export.column.kpis.kpi.header'), msgBoth('export.column.kpis.kpi.meaning'), null, KPI),
    col('kpi_name', 'text', msgBoth('export.column.kpis.kpi_name.header'), msgBoth('export.column.kpis.kpi_name.meaning'), null, KPI),
    col('rate_percent', 'percent', msgBoth('export.column.kpis.rate_percent.header'), msgBoth('export.column.kpis.rate_percent.meaning'), PERCENT, KPI),
    col('numerator', 'number', msgBoth('export.column.kpis.numerator.header'), msgBoth('export.column.kpis.numerator.meaning'), COUNT, KPI),
    col('denominator', 'number', msgBoth('export.column.kpis.denominator.header'), msgBoth('export.column.kpis.denominator.meaning'), COUNT, KPI),
    col('target_percent', 'percent', msgBoth('export.column.kpis.target_percent.header'), msgBoth('export.column.kpis.target_percent.meaning'), PERCENT, msgBoth('export.column.kpis.target_percent.source')),
    col('gap_points', 'points', msgBoth('export.column.kpis.gap_points.header'), msgBoth('export.column.kpis.gap_points.meaning'), msgBoth('export.unit.percentagePoints'), KPI),
    col('rank', 'integer', msgBoth('export.column.kpis.rank.header'), msgBoth('export.column.kpis.rank.meaning'), null, KPI),
    col('constituents', 'text', msgBoth('export.column.kpis.constituents.header'), msgBoth('export.column.kpis.constituents.meaning'), null, REGISTRY),
    col('missing_reason', 'text', msgBoth('export.column.kpis.missing_reason.header'), msgBoth('export.column.kpis.missing_reason.meaning'), null, KPI),
    col('quarantined_values', 'text', msgBoth('export.column.kpis.quarantined_values.header'), msgBoth('export.column.kpis.quarantined_values.meaning'), null, QUARANTINE),
  ],
  quarantine: [
    period(QUARANTINE), agency(QUARANTINE), metric(QUARANTINE),
    col('value', 'number', msgBoth('export.column.quarantine.value.header'), msgBoth('export.column.quarantine.value.meaning'), null, QUARANTINE),
    col('rule', 'code', msgBoth('export.column.quarantine.rule.header'), msgBoth('export.column.quarantine.rule.meaning'), null, QUARANTINE),
    col('reason', 'text', msgBoth('export.column.quarantine.reason.header'), msgBoth('export.column.quarantine.reason.meaning'), null, QUARANTINE),
    sourceId(QUARANTINE), runId(QUARANTINE),
    col('status', 'code', msgBoth('export.column.quarantine.status.header'), msgBoth('export.column.quarantine.status.meaning'), null, QUARANTINE),
    col('quarantined_at', 'datetime', msgBoth('export.column.quarantine.quarantined_at.header'), msgBoth('export.column.quarantine.quarantined_at.meaning'), LOCAL_TIME, QUARANTINE),
    col('ended_at', 'datetime', msgBoth('export.column.quarantine.ended_at.header'), msgBoth('export.column.quarantine.ended_at.meaning'), LOCAL_TIME, QUARANTINE),
    col('ended_by', 'text', msgBoth('export.column.quarantine.ended_by.header'), msgBoth('export.column.quarantine.ended_by.meaning'), null, QUARANTINE),
    col('end_reason', 'text', msgBoth('export.column.quarantine.end_reason.header'), msgBoth('export.column.quarantine.end_reason.meaning'), null, QUARANTINE),
  ],
  findings: [
    col('kind', 'code', msgBoth('export.column.findings.kind.header'), msgBoth('export.column.findings.kind.meaning'), null, FLAGS),
    agency(FLAGS), metric(FLAGS), period(FLAGS), sourceId(FLAGS),
    col('detail', 'text', msgBoth('export.column.findings.detail.header'), msgBoth('export.column.findings.detail.meaning'), null, FLAGS),
    col('first_seen_at', 'datetime', msgBoth('export.column.findings.first_seen_at.header'), msgBoth('export.column.findings.first_seen_at.meaning'), LOCAL_TIME, FLAGS),
    col('last_seen_at', 'datetime', msgBoth('export.column.findings.last_seen_at.header'), msgBoth('export.column.findings.last_seen_at.meaning'), LOCAL_TIME, FLAGS),
    runId(FLAGS),
  ],
  uptime: [
    period(UPTIME),
    col('portal_id', 'code', msgBoth('export.column.uptime.portal_id.header'), msgBoth('export.column.uptime.portal_id.meaning'), null, CONFIG),
    col('endpoint', 'code', msgBoth('export.column.uptime.endpoint.header'), msgBoth('export.column.uptime.endpoint.meaning'), null, CONFIG),
    col('url', 'text', msgBoth('export.column.uptime.url.header'), msgBoth('export.column.uptime.url.meaning'), null, CONFIG),
    col('availability_percent', 'percent', msgBoth('export.column.uptime.availability_percent.header'), msgBoth('export.column.uptime.availability_percent.meaning'), PERCENT, UPTIME),
    col('up_degraded_down_probes', 'integer', msgBoth('export.column.uptime.up_degraded_down_probes.header'), msgBoth('export.column.uptime.up_degraded_down_probes.meaning'), msgBoth('export.unit.probes'), UPTIME),
    col('failed_probes', 'integer', msgBoth('export.column.uptime.failed_probes.header'), msgBoth('export.column.uptime.failed_probes.meaning'), msgBoth('export.unit.probes'), UPTIME),
    col('p50_ms', 'integer', msgBoth('export.column.uptime.p50_ms.header'), msgBoth('export.column.uptime.p50_ms.meaning'), MS, UPTIME),
    col('p95_ms', 'integer', msgBoth('export.column.uptime.p95_ms.header'), msgBoth('export.column.uptime.p95_ms.meaning'), MS, UPTIME),
    col('incidents', 'integer', msgBoth('export.column.uptime.incidents.header'), msgBoth('export.column.uptime.incidents.meaning'), COUNT, UPTIME),
    col('downtime_ms', 'integer', msgBoth('export.column.uptime.downtime_ms.header'), msgBoth('export.column.uptime.downtime_ms.meaning'), MS, UPTIME),
  ],
  checks: [
    col('portal_id', 'code', msgBoth('export.column.checks.portal_id.header'), msgBoth('export.column.checks.portal_id.meaning'), null, CONFIG),
    col('check_id', 'integer', msgBoth('export.column.checks.check_id.header'), msgBoth('export.column.checks.check_id.meaning'), null, CHECKS),
    col('measured_on', 'date', msgBoth('export.column.checks.measured_on.header'), msgBoth('export.column.checks.measured_on.meaning'), msgBoth('export.unit.date'), CHECKS),
    col('finished_at', 'datetime', msgBoth('export.column.checks.finished_at.header'), msgBoth('export.column.checks.finished_at.meaning'), LOCAL_TIME, CHECKS),
    col('area', 'code', msgBoth('export.column.checks.area.header'), msgBoth('export.column.checks.area.meaning'), null, CHECKS),
    col('area_score', 'score', msgBoth('export.column.checks.area_score.header'), msgBoth('export.column.checks.area_score.meaning'), msgBoth('export.unit.scorePoints'), CHECKS),
    col('score_version', 'code', msgBoth('export.column.checks.score_version.header'), msgBoth('export.column.checks.score_version.meaning'), null, CHECKS),
    col('criterion_id', 'code', msgBoth('export.column.checks.criterion_id.header'), msgBoth('export.column.checks.criterion_id.meaning'), null, CHECKS),
    col('outcome', 'code', msgBoth('export.column.checks.outcome.header'), msgBoth('export.column.checks.outcome.meaning'), null, CHECKS),
    col('severity', 'code', msgBoth('export.column.checks.severity.header'), msgBoth('export.column.checks.severity.meaning'), null, CHECKS),
    col('legal_basis', 'text', msgBoth('export.column.checks.legal_basis.header'), msgBoth('export.column.checks.legal_basis.meaning'), null, CHECKS),
    col('page_url', 'text', msgBoth('export.column.checks.page_url.header'), msgBoth('export.column.checks.page_url.meaning'), null, CHECKS),
    col('finding_code', 'code', msgBoth('export.column.checks.finding_code.header'), msgBoth('export.column.checks.finding_code.meaning'), null, CHECKS),
    col('finding', 'text', msgBoth('export.column.checks.finding.header'), msgBoth('export.column.checks.finding.meaning'), null, CHECKS),
    col('evidence_sha256', 'code', msgBoth('export.column.checks.evidence_sha256.header'), msgBoth('export.column.checks.evidence_sha256.meaning'), null, CHECKS),
    col('evidence_path', 'text', msgBoth('export.column.checks.evidence_path.header'), msgBoth('export.column.checks.evidence_path.meaning'), null, CHECKS),
    // "trên 14/20 trang": a page criterion's result and each finding, on how many of the pages checked (the page sample, or home, key pages, policy and statement).
    col('pages_with_outcome', 'integer', msgBoth('export.column.checks.pages_with_outcome.header'), msgBoth('export.column.checks.pages_with_outcome.meaning'), msgBoth('export.unit.pages'), CHECKS),
    col('pages_checked', 'integer', msgBoth('export.column.checks.pages_checked.header'), msgBoth('export.column.checks.pages_checked.meaning'), msgBoth('export.unit.pages'), CHECKS),
    col('finding_pages', 'integer', msgBoth('export.column.checks.finding_pages.header'), msgBoth('export.column.checks.finding_pages.meaning'), msgBoth('export.unit.pages'), CHECKS),
  ],
};

export const TABLE_TITLES: Record<TableName | 'dictionary' | 'provenance', Text> = {
  measures: msgBoth('export.table.measures'),
  kpis: msgBoth('export.table.kpis'),
  quarantine: msgBoth('export.table.quarantine'),
  findings: msgBoth('export.table.findings'),
  uptime: msgBoth('export.table.uptime'),
  checks: msgBoth('export.table.checks'),
  dictionary: msgBoth('export.table.dictionary'),
  provenance: msgBoth('export.table.provenance'),
};

/** The columns of a table, in the order of `keys` (the rows' order); a key without an entry is a programming error. */
export function tableColumns(table: TableName, keys: readonly string[]): ColumnSpec[] {
  const specs = COLUMNS[table];
  const missing = keys.filter((k) => !specs.some((s) => s.key === k));
  const extra = specs.filter((s) => !keys.includes(s.key)).map((s) => s.key);
  if (missing.length || extra.length) throw new Error(`export dictionary of ${table} does not match its rows: without entry ${missing.join(', ') || '-'}; unused ${extra.join(', ') || '-'}`);
  return keys.map((k) => specs.find((s) => s.key === k)!);
}

/** A rounded column's companion holding the full value (CSV and XLSX). */
export function rawColumn(spec: ColumnSpec): ColumnSpec {
  return {
    ...spec,
    key: `${spec.key}_raw`,
    header: perLang((l) => msg(l, 'export.raw.header', { header: spec.header[l] })),
    meaning: perLang((l) => msg(l, 'export.raw.meaning', { header: spec.header[l] })),
  };
}

/** The columns as written to CSV and XLSX: each rounded column followed by its raw one. */
export const withRawColumns = (columns: readonly ColumnSpec[]): Array<{ spec: ColumnSpec; raw: boolean; from: string }> =>
  columns.flatMap((spec) => (isRounded(spec.type)
    ? [{ spec, raw: false, from: spec.key }, { spec: rawColumn(spec), raw: true, from: spec.key }]
    : [{ spec, raw: false, from: spec.key }]));

const TYPE_LABEL = {
  text: 'export.type.text',
  code: 'export.type.code',
  month: 'export.type.month',
  date: 'export.type.date',
  datetime: 'export.type.datetime',
  integer: 'export.type.integer',
  number: 'export.type.number',
  percent: 'export.type.percent',
  points: 'export.type.points',
  score: 'export.type.score',
} as const satisfies Record<ColumnType, MessageKey>;

/** How a column is shown, for the dictionary: its type and, when rounded, to how many decimals. */
export function typeLabel(spec: ColumnSpec, raw: boolean, lang: Lang): string {
  const digits = DIGITS[spec.type];
  const type = msg(lang, TYPE_LABEL[spec.type]);
  if (digits === undefined) return type;
  if (raw) return msg(lang, 'export.type.fullPrecision', { type });
  return msg(lang, 'export.type.rounded', { type, count: digits });
}

/** The dictionary table's own columns (sheet, CSV file). */
export const DICTIONARY_HEADER: Text[] = [
  msgBoth('export.dictionary.table'), msgBoth('export.dictionary.column'), msgBoth('export.dictionary.columnKey'), msgBoth('export.dictionary.meaning'),
  msgBoth('export.dictionary.unit'), msgBoth('export.dictionary.source'), msgBoth('export.dictionary.type'),
];

/** One dictionary row per column written (raw columns included when the format has them). */
export function dictionaryRows(tables: ReadonlyArray<{ name: TableName; columns: ColumnSpec[] }>, lang: Lang, rawColumns: boolean): string[][] {
  return tables.flatMap((table) => (rawColumns ? withRawColumns(table.columns) : table.columns.map((spec) => ({ spec, raw: false }))).map(({ spec, raw }) => [
    TABLE_TITLES[table.name][lang], spec.header[lang], spec.key, spec.meaning[lang], spec.unit?.[lang] ?? '', spec.source[lang], typeLabel(spec, raw, lang),
  ]));
}

const JSON_TYPE: Record<ColumnType, { type: string; format?: string; pattern?: string }> = {
  text: { type: 'string' },
  code: { type: 'string' },
  month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  percent: { type: 'number' },
  points: { type: 'number' },
  score: { type: 'number' },
};

/**
 * The JSON export's schema (JSON Schema 2020-12), from the same entries: per table an array of
 * objects with exactly the dictionary's keys, each nullable, titled and described in `lang`.
 */
export function jsonSchema(tables: ReadonlyArray<{ name: TableName; columns: ColumnSpec[] }>, lang: Lang): Record<string, unknown> {
  const table = (columns: ColumnSpec[]) => ({
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: false,
      required: columns.map((c) => c.key),
      properties: Object.fromEntries(columns.map((c) => {
        const { type, ...rest } = JSON_TYPE[c.type];
        const unit = c.unit ? ` (${c.unit[lang]})` : '';
        return [c.key, { type: [type, 'null'], ...rest, title: c.header[lang], description: `${c.meaning[lang]}${unit}. ${c.source[lang]}` }];
      })),
    },
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: msg(lang, 'export.schema.title'),
    type: 'object',
    required: ['period', 'generated_at', 'provenance', 'dictionary', ...tables.map((t) => t.name)],
    properties: {
      period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      generated_at: { type: 'string', format: 'date-time' },
      provenance: { type: 'object' },
      dictionary: { type: 'object' },
      ...Object.fromEntries(tables.map((t) => [t.name, { ...table(t.columns), title: TABLE_TITLES[t.name][lang] }])),
    },
  };
}

/** The JSON file's `dictionary` block: per table its title and columns, both languages. */
export const jsonDictionary = (tables: ReadonlyArray<{ name: TableName; columns: ColumnSpec[] }>) =>
  Object.fromEntries(tables.map((t) => [t.name, {
    title: TABLE_TITLES[t.name],
    columns: t.columns.map((c) => ({ key: c.key, type: c.type, ...(DIGITS[c.type] === undefined ? {} : { shown_with_decimals: DIGITS[c.type] }), header: c.header, meaning: c.meaning, unit: c.unit, source: c.source })),
  }]));
