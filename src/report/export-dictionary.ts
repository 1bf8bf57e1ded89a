// The data dictionary of the exports: every column of every exported table, once. It names the
// CSV and XLSX headers (Vietnamese, or English with --lang en), fills the "Từ điển dữ liệu" sheet
// and the CSV dictionary file, and is the JSON file's `dictionary` block and JSON Schema. A column
// added to a table without its entry here is refused at export time (see `tableColumns`).
import type { Lang } from '../i18n.ts';

type Text = { vi: string; en: string };

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

const STORE = { vi: 'Kho dữ liệu (bảng measure): giá trị thu thập được', en: 'The store (measure table): the value as collected' };
const KPI = { vi: 'Tính từ số liệu của kỳ (dvc-monitor kpi), như báo cáo', en: 'Computed from the month\'s values (dvc-monitor kpi), as in the report' };
const QUARANTINE = { vi: 'Kho dữ liệu (bảng quarantine): số liệu bị cách ly và việc xử lý', en: 'The store (quarantine table): held-back values and how each episode ended' };
const FLAGS = { vi: 'Kho dữ liệu (bảng quality_flag): cảnh báo chất lượng đang mở', en: 'The store (quality_flag table): open data-quality flags' };
const UPTIME = { vi: 'Các lần đo sẵn sàng (tổng hợp theo ngày, giờ Việt Nam)', en: 'Uptime probes (daily rollups, Vietnam time)' };
const CHECKS = { vi: 'Lần kiểm tra bảo vệ dữ liệu cá nhân và tiếp cận gần nhất hoàn tất của từng lĩnh vực', en: 'Each area\'s latest complete privacy and accessibility check' };
const CONFIG = { vi: 'Cấu hình (portals)', en: 'The configuration (portals)' };
const REGISTRY = { vi: 'Danh mục cơ quan (mã theo Quyết định 19/2025/QĐ-TTg; VN = cả nước)', en: 'The agency registry (codes per Quyết định 19/2025/QĐ-TTg; VN = the whole country)' };

const LOCAL_TIME = { vi: 'ngày giờ Việt Nam (UTC+7)', en: 'date and time, Vietnam (UTC+7)' };
const PERCENT = { vi: '%', en: '%' };
const COUNT = { vi: 'số lượng', en: 'count' };
const MS = { vi: 'mili giây', en: 'milliseconds' };

const col = (key: string, type: ColumnType, header: Text, meaning: Text, unit: Text | null, source: Text): ColumnSpec => ({ key, type, header, meaning, unit, source });

const period = (source: Text) => col('period', 'month', { vi: 'Kỳ', en: 'Period' }, { vi: 'Tháng của số liệu (YYYY-MM, theo giờ Việt Nam)', en: 'The month of the figure (YYYY-MM, Vietnam time)' }, null, source);
const agency = (source: Text) => col('agency_code', 'code', { vi: 'Mã cơ quan', en: 'Agency code' }, { vi: 'Mã bộ, ngành, tỉnh hoặc xã (tinh:01, bo:…, xa:…); VN và khối là tổng hợp', en: 'Code of the ministry, province or commune (tinh:01, bo:…, xa:…); VN and the blocks are aggregates' }, null, { vi: `${REGISTRY.vi}; ${source.vi}`, en: `${REGISTRY.en}; ${source.en}` });
const metric = (source: Text) => col('metric', 'code', { vi: 'Chỉ số thu thập', en: 'Metric' }, { vi: 'Tên chuẩn của số liệu (dossiers.received = hồ sơ tiếp nhận, …; xem README "Sources")', en: 'Canonical name of the count (dossiers.received = dossiers received, …; see README "Sources")' }, null, source);
const sourceId = (source: Text) => col('source_id', 'code', { vi: 'Mã nguồn', en: 'Source id' }, { vi: 'Nguồn số liệu trong cấu hình (sources[].id)', en: 'The source in the configuration (sources[].id)' }, null, source);
const runId = (source: Text) => col('run_id', 'integer', { vi: 'Lần chạy', en: 'Run' }, { vi: 'Số thứ tự lần chạy đã ghi số liệu (dvc-monitor run)', en: 'The run that wrote the value (dvc-monitor run)' }, null, source);

const agencyName = col('agency_name', 'text', { vi: 'Cơ quan', en: 'Agency' }, { vi: 'Tên cơ quan hoặc khối tổng hợp', en: 'Name of the agency or aggregate' }, null, REGISTRY);

const COLUMNS: Record<TableName, ColumnSpec[]> = {
  measures: [
    period(STORE), agency(STORE), agencyName, metric(STORE),
    col('value', 'number', { vi: 'Giá trị', en: 'Value' }, { vi: 'Giá trị như đã thu thập (không làm tròn); trống là thiếu số liệu, không phải 0', en: 'The value as collected (not rounded); empty is missing, never 0' }, { vi: 'theo chỉ số (số hồ sơ, số dịch vụ, VND, %)', en: 'per metric (dossiers, services, VND, %)' }, STORE),
    col('null_reason', 'text', { vi: 'Lý do thiếu', en: 'Why missing' }, { vi: 'Vì sao không có giá trị (khi Giá trị trống)', en: 'Why there is no value (when Value is empty)' }, null, STORE),
    sourceId(STORE), runId(STORE),
    col('snapshot_id', 'integer', { vi: 'Mã bằng chứng', en: 'Evidence snapshot' }, { vi: 'Bản lưu phản hồi của nguồn mà giá trị được đọc ra (dvc-monitor evidence)', en: 'The stored source response the value was read from (dvc-monitor evidence)' }, null, STORE),
    col('locator', 'text', { vi: 'Vị trí trong nguồn', en: 'Locator' }, { vi: 'Chỗ trong phản hồi của nguồn chứa giá trị (trường, ô, dòng)', en: 'Where in the source response the value is (field, cell, row)' }, null, STORE),
    col('updated_at', 'datetime', { vi: 'Cập nhật lúc', en: 'Updated at' }, { vi: 'Lần ghi gần nhất của giá trị', en: 'When the value was last written' }, LOCAL_TIME, STORE),
    col('quarantined_rule', 'code', { vi: 'Quy tắc cách ly', en: 'Quarantine rule' }, { vi: 'Quy tắc hợp lý khiến giá trị bị cách ly (không dùng trong chỉ tiêu); trống nếu không bị cách ly', en: 'The plausibility rule that holds the value back (left out of KPIs); empty when not quarantined' }, null, QUARANTINE),
    col('quarantined_reason', 'text', { vi: 'Lý do cách ly', en: 'Quarantine reason' }, { vi: 'Vì sao giá trị bị cách ly', en: 'Why the value is held back' }, null, QUARANTINE),
  ],
  kpis: [
    period(KPI), agency(KPI), agencyName,
    col('level', 'code', { vi: 'Cấp', en: 'Level' }, { vi: 'ministry = bộ, ngành; province = tỉnh; commune = xã; block = tổng hợp', en: 'ministry, province, commune, or block (an aggregate)' }, null, REGISTRY),
    col('kpi', 'code', { vi: 'Chỉ tiêu', en: 'KPI' }, { vi: 'Mã chỉ tiêu (rate.online_dossiers = tỷ lệ hồ sơ trực tuyến, …; công thức ở README "KPIs")', en: 'KPI code (rate.online_dossiers = online dossier rate, …; formulas in README "KPIs")' }, null, KPI),
    col('kpi_name', 'text', { vi: 'Tên chỉ tiêu', en: 'KPI name' }, { vi: 'Tên chỉ tiêu bằng lời', en: 'The KPI\'s name in words' }, null, KPI),
    col('rate_percent', 'percent', { vi: 'Tỷ lệ (%)', en: 'Rate (%)' }, { vi: 'Tử số ÷ mẫu số × 100; trống khi không tính được (xem Lý do thiếu)', en: 'Numerator ÷ denominator × 100; empty when it cannot be computed (see Why missing)' }, PERCENT, KPI),
    col('numerator', 'number', { vi: 'Tử số', en: 'Numerator' }, { vi: 'Tổng các số liệu ở tử số của chỉ tiêu', en: 'Sum of the KPI\'s numerator metrics' }, COUNT, KPI),
    col('denominator', 'number', { vi: 'Mẫu số', en: 'Denominator' }, { vi: 'Tổng các số liệu ở mẫu số của chỉ tiêu', en: 'Sum of the KPI\'s denominator metrics' }, COUNT, KPI),
    col('target_percent', 'percent', { vi: 'Mục tiêu (%)', en: 'Target (%)' }, { vi: 'Mục tiêu áp dụng cho cơ quan, cấp và năm', en: 'The target for the agency, level and year' }, PERCENT, { vi: 'Cấu hình (targets) hoặc mục tiêu quốc gia mặc định', en: 'The configuration (targets) or the national default' }),
    col('gap_points', 'points', { vi: 'Chênh lệch với mục tiêu (điểm %)', en: 'Gap to target (points)' }, { vi: 'Tỷ lệ − mục tiêu; âm là dưới mục tiêu', en: 'Rate − target; negative is below target' }, { vi: 'điểm phần trăm', en: 'percentage points' }, KPI),
    col('rank', 'integer', { vi: 'Hạng', en: 'Rank' }, { vi: 'Hạng trong cùng cấp (1 = cao nhất; bằng nhau cùng hạng)', en: 'Rank within the level (1 = best; ties share a rank)' }, null, KPI),
    col('constituents', 'text', { vi: 'Cộng dồn từ', en: 'Summed from' }, { vi: 'Các mã cơ quan được cộng vào số liệu (tỉnh cũ trước sáp nhập, thành viên của khối)', en: 'Agency codes summed into the figure (pre-merger provinces, a block\'s members)' }, null, REGISTRY),
    col('missing_reason', 'text', { vi: 'Lý do thiếu', en: 'Why missing' }, { vi: 'Vì sao chỉ tiêu không tính được', en: 'Why the KPI could not be computed' }, null, KPI),
    col('quarantined_values', 'text', { vi: 'Số liệu bị cách ly không tính', en: 'Quarantined values left out' }, { vi: 'Giá trị bị cách ly mà chỉ tiêu bỏ ra (mã cơ quan, chỉ số = giá trị, quy tắc)', en: 'Quarantined values the figure leaves out (agency, metric = value, rule)' }, null, QUARANTINE),
  ],
  quarantine: [
    period(QUARANTINE), agency(QUARANTINE), metric(QUARANTINE),
    col('value', 'number', { vi: 'Giá trị', en: 'Value' }, { vi: 'Giá trị bị cách ly, như đã thu thập', en: 'The held-back value, as collected' }, null, QUARANTINE),
    col('rule', 'code', { vi: 'Quy tắc', en: 'Rule' }, { vi: 'Quy tắc hợp lý bị vi phạm (too_large, jump, …)', en: 'The plausibility rule broken (too_large, jump, …)' }, null, QUARANTINE),
    col('reason', 'text', { vi: 'Lý do', en: 'Reason' }, { vi: 'Vì sao giá trị bị cách ly, bằng lời', en: 'Why the value is held back, in words' }, null, QUARANTINE),
    sourceId(QUARANTINE), runId(QUARANTINE),
    col('status', 'code', { vi: 'Trạng thái', en: 'Status' }, { vi: 'quarantined = đang cách ly; released = đã cho dùng lại; confirmed, superseded, cleared', en: 'quarantined (held back), released (used again), confirmed, superseded, cleared' }, null, QUARANTINE),
    col('quarantined_at', 'datetime', { vi: 'Cách ly lúc', en: 'Quarantined at' }, { vi: 'Khi giá trị bị cách ly', en: 'When the value was held back' }, LOCAL_TIME, QUARANTINE),
    col('ended_at', 'datetime', { vi: 'Kết thúc lúc', en: 'Ended at' }, { vi: 'Khi đợt cách ly kết thúc', en: 'When the episode ended' }, LOCAL_TIME, QUARANTINE),
    col('ended_by', 'text', { vi: 'Người xử lý', en: 'Ended by' }, { vi: 'Ai cho dùng lại hoặc xác nhận', en: 'Who released or confirmed it' }, null, QUARANTINE),
    col('end_reason', 'text', { vi: 'Lý do xử lý', en: 'End reason' }, { vi: 'Vì sao đợt cách ly kết thúc', en: 'Why the episode ended' }, null, QUARANTINE),
  ],
  findings: [
    col('kind', 'code', { vi: 'Loại cảnh báo', en: 'Kind' }, { vi: 'Loại cảnh báo chất lượng dữ liệu (xem README "Data quality")', en: 'Kind of data-quality flag (see README "Data quality")' }, null, FLAGS),
    agency(FLAGS), metric(FLAGS), period(FLAGS), sourceId(FLAGS),
    col('detail', 'text', { vi: 'Chi tiết', en: 'Detail' }, { vi: 'Điều được phát hiện', en: 'What was found' }, null, FLAGS),
    col('first_seen_at', 'datetime', { vi: 'Phát hiện lần đầu', en: 'First seen at' }, { vi: 'Lần đầu cảnh báo được ghi', en: 'When the flag was first raised' }, LOCAL_TIME, FLAGS),
    col('last_seen_at', 'datetime', { vi: 'Phát hiện gần nhất', en: 'Last seen at' }, { vi: 'Lần đánh giá gần nhất còn thấy cảnh báo', en: 'The latest evaluation that still found it' }, LOCAL_TIME, FLAGS),
    runId(FLAGS),
  ],
  uptime: [
    period(UPTIME),
    col('portal_id', 'code', { vi: 'Cổng', en: 'Portal' }, { vi: 'Mã cổng dịch vụ công trong cấu hình', en: 'The portal\'s id in the configuration' }, null, CONFIG),
    col('endpoint', 'code', { vi: 'Điểm đo', en: 'Endpoint' }, { vi: 'Tên điểm đo của cổng', en: 'The probed endpoint\'s name' }, null, CONFIG),
    col('url', 'text', { vi: 'Địa chỉ', en: 'URL' }, { vi: 'Địa chỉ được đo', en: 'The probed address' }, null, CONFIG),
    col('availability_percent', 'percent', { vi: 'Tỷ lệ sẵn sàng (%)', en: 'Availability (%)' }, { vi: '(HOẠT ĐỘNG + SUY GIẢM) ÷ (HOẠT ĐỘNG + SUY GIẢM + NGỪNG HOẠT ĐỘNG) × 100; bảo trì và không xác định không tính', en: '(UP + DEGRADED) ÷ (UP + DEGRADED + DOWN) × 100; maintenance and unknown excluded' }, PERCENT, UPTIME),
    col('up_degraded_down_probes', 'integer', { vi: 'Số lần đo được tính', en: 'Probes counted' }, { vi: 'HOẠT ĐỘNG + SUY GIẢM + NGỪNG HOẠT ĐỘNG: số lần đo làm mẫu số', en: 'UP + DEGRADED + DOWN: the probes the availability is computed on' }, { vi: 'lần đo', en: 'probes' }, UPTIME),
    col('failed_probes', 'integer', { vi: 'Lần đo thất bại', en: 'Failed probes' }, { vi: 'Lần đo không đạt điều kiện', en: 'Probes that failed a condition' }, { vi: 'lần đo', en: 'probes' }, UPTIME),
    col('p50_ms', 'integer', { vi: 'Thời gian phản hồi p50 (ms)', en: 'Response time p50 (ms)' }, { vi: 'Trung vị thời gian phản hồi (cận trên của ô biểu đồ), lần đo hoạt động và suy giảm', en: 'Median response time (upper bound of its histogram bucket), up and degraded probes' }, MS, UPTIME),
    col('p95_ms', 'integer', { vi: 'Thời gian phản hồi p95 (ms)', en: 'Response time p95 (ms)' }, { vi: 'Phân vị 95 thời gian phản hồi (cận trên của ô biểu đồ)', en: '95th percentile response time (upper bound of its histogram bucket)' }, MS, UPTIME),
    col('incidents', 'integer', { vi: 'Số sự cố', en: 'Incidents' }, { vi: 'Sự cố (ngừng hoạt động) trong tháng', en: 'Outages in the month' }, COUNT, UPTIME),
    col('downtime_ms', 'integer', { vi: 'Thời gian ngừng (ms)', en: 'Downtime (ms)' }, { vi: 'Tổng thời gian các sự cố trong tháng', en: 'Total duration of the month\'s outages' }, MS, UPTIME),
  ],
  checks: [
    col('portal_id', 'code', { vi: 'Cổng', en: 'Portal' }, { vi: 'Mã cổng dịch vụ công trong cấu hình', en: 'The portal\'s id in the configuration' }, null, CONFIG),
    col('check_id', 'integer', { vi: 'Lần kiểm tra', en: 'Check' }, { vi: 'Số thứ tự lần kiểm tra (dvc-monitor check)', en: 'The check\'s number (dvc-monitor check)' }, null, CHECKS),
    col('measured_on', 'date', { vi: 'Ngày đo', en: 'Measured on' }, { vi: 'Ngày kiểm tra (giờ Việt Nam): quyết định văn bản pháp luật áp dụng', en: 'The day of the check (Vietnam time): decides the law in force' }, { vi: 'ngày', en: 'date' }, CHECKS),
    col('finished_at', 'datetime', { vi: 'Hoàn tất lúc', en: 'Finished at' }, { vi: 'Khi lần kiểm tra kết thúc', en: 'When the check finished' }, LOCAL_TIME, CHECKS),
    col('area', 'code', { vi: 'Lĩnh vực', en: 'Area' }, { vi: 'privacy = bảo vệ dữ liệu cá nhân; accessibility = tiếp cận cho người khuyết tật; …', en: 'privacy, accessibility, …' }, null, CHECKS),
    col('area_score', 'score', { vi: 'Điểm lĩnh vực', en: 'Area score' }, { vi: '100 × tổng trọng số tiêu chí đạt ÷ tổng trọng số tiêu chí đạt hoặc không đạt; trống khi lĩnh vực chưa được chấm đủ', en: '100 × Σ weight(passed) ÷ Σ weight(passed or failed); empty when the area could not be fully judged' }, { vi: 'điểm (0–100)', en: 'points (0–100)' }, CHECKS),
    col('score_version', 'code', { vi: 'Phiên bản chấm điểm', en: 'Scoring version' }, { vi: 'Công thức chấm điểm đã dùng', en: 'The scoring formula used' }, null, CHECKS),
    col('criterion_id', 'code', { vi: 'Tiêu chí', en: 'Criterion' }, { vi: 'Mã tiêu chí trong danh mục tiêu chí (dvc-monitor check --list)', en: 'The criterion in the catalogue (dvc-monitor check --list)' }, null, CHECKS),
    col('outcome', 'code', { vi: 'Kết quả', en: 'Outcome' }, { vi: 'pass = đạt; fail = không đạt; cant_tell = chưa kết luận được; not_applicable; error = lỗi của công cụ, không tính cho cổng', en: 'pass, fail, cant_tell, not_applicable, error (the scanner failed; never counted against the portal)' }, null, CHECKS),
    col('severity', 'code', { vi: 'Mức độ', en: 'Severity' }, { vi: 'Mức nghiêm trọng của tiêu chí', en: 'The criterion\'s severity' }, null, CHECKS),
    col('legal_basis', 'text', { vi: 'Căn cứ pháp lý', en: 'Legal basis' }, { vi: 'Văn bản và điều khoản có hiệu lực vào ngày đo', en: 'Instrument and article in force on the measured date' }, null, CHECKS),
    col('page_url', 'text', { vi: 'Trang', en: 'Page' }, { vi: 'Trang có phát hiện', en: 'The page the finding is on' }, null, CHECKS),
    col('finding_code', 'code', { vi: 'Mã phát hiện', en: 'Finding code' }, { vi: 'Loại phát hiện', en: 'Kind of finding' }, null, CHECKS),
    col('finding', 'text', { vi: 'Phát hiện', en: 'Finding' }, { vi: 'Điều được phát hiện, bằng lời', en: 'What was found, in words' }, null, CHECKS),
    col('evidence_sha256', 'code', { vi: 'Bằng chứng (SHA-256)', en: 'Evidence (SHA-256)' }, { vi: 'Mã băm của tệp bằng chứng (dvc-monitor evidence)', en: 'Hash of the evidence file (dvc-monitor evidence)' }, null, CHECKS),
    col('evidence_path', 'text', { vi: 'Vị trí trong bằng chứng', en: 'Where in the evidence' }, { vi: 'Chỗ trong tệp bằng chứng', en: 'Where in the evidence file' }, null, CHECKS),
  ],
};

export const TABLE_TITLES: Record<TableName | 'dictionary' | 'provenance', Text> = {
  measures: { vi: 'Số liệu', en: 'Measures' },
  kpis: { vi: 'Chỉ tiêu', en: 'KPIs' },
  quarantine: { vi: 'Cách ly', en: 'Quarantine' },
  findings: { vi: 'Cảnh báo dữ liệu', en: 'Data-quality flags' },
  uptime: { vi: 'Sẵn sàng', en: 'Availability' },
  checks: { vi: 'Kiểm tra', en: 'Checks' },
  dictionary: { vi: 'Từ điển dữ liệu', en: 'Data dictionary' },
  provenance: { vi: 'Nguồn gốc', en: 'Provenance' },
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
    header: { vi: `${spec.header.vi} — giá trị đầy đủ`, en: `${spec.header.en} — full value` },
    meaning: { vi: `${spec.header.vi}, không làm tròn`, en: `${spec.header.en}, not rounded` },
  };
}

/** The columns as written to CSV and XLSX: each rounded column followed by its raw one. */
export const withRawColumns = (columns: readonly ColumnSpec[]): Array<{ spec: ColumnSpec; raw: boolean; from: string }> =>
  columns.flatMap((spec) => (isRounded(spec.type)
    ? [{ spec, raw: false, from: spec.key }, { spec: rawColumn(spec), raw: true, from: spec.key }]
    : [{ spec, raw: false, from: spec.key }]));

const TYPE_LABEL: Record<ColumnType, Text> = {
  text: { vi: 'văn bản', en: 'text' },
  code: { vi: 'mã', en: 'code' },
  month: { vi: 'tháng (YYYY-MM)', en: 'month (YYYY-MM)' },
  date: { vi: 'ngày', en: 'date' },
  datetime: { vi: 'ngày giờ', en: 'date and time' },
  integer: { vi: 'số nguyên', en: 'integer' },
  number: { vi: 'số', en: 'number' },
  percent: { vi: 'tỷ lệ phần trăm', en: 'percentage' },
  points: { vi: 'điểm phần trăm', en: 'percentage points' },
  score: { vi: 'điểm', en: 'score' },
};

/** How a column is shown, for the dictionary: its type and, when rounded, to how many decimals. */
export function typeLabel(spec: ColumnSpec, raw: boolean, lang: Lang): string {
  const digits = DIGITS[spec.type];
  if (digits === undefined) return TYPE_LABEL[spec.type][lang];
  if (raw) return lang === 'vi' ? `${TYPE_LABEL[spec.type].vi}, đầy đủ` : `${TYPE_LABEL[spec.type].en}, full precision`;
  return lang === 'vi' ? `${TYPE_LABEL[spec.type].vi}, làm tròn ${digits} chữ số thập phân` : `${TYPE_LABEL[spec.type].en}, rounded to ${digits} decimals`;
}

/** The dictionary table's own columns (sheet, CSV file). */
export const DICTIONARY_HEADER: Text[] = [
  { vi: 'Bảng', en: 'Table' }, { vi: 'Cột', en: 'Column' }, { vi: 'Mã cột', en: 'Column key' }, { vi: 'Ý nghĩa', en: 'Meaning' },
  { vi: 'Đơn vị', en: 'Unit' }, { vi: 'Nguồn', en: 'Source' }, { vi: 'Kiểu', en: 'Type' },
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
    title: lang === 'vi' ? 'Dữ liệu xuất của dvc-monitor' : 'dvc-monitor export',
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
