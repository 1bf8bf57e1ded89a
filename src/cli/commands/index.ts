// The commands, for the top-level help and for loading only the one asked for: `--version`,
// `--help` and a command's own start never import the modules of the others (each pulls in
// the store, the browser, the HTTP client…).
import type { Command } from 'commander';

/** What each command does, as its --help and the command list say it, in both languages. */
export const COMMAND_DESCRIPTIONS = {
  run: {
    vi: 'một lần đo hằng đêm ngay bây giờ: lập kế hoạch, thu thập, chuẩn hóa, lưu (tiếp tục lần chạy bị gián đoạn)',
    en: 'one nightly measurement now: plan, collect, normalise, store (resumes an interrupted run)',
  },
  demo: {
    vi: 'chạy các cổng mô phỏng đi kèm, đo 26 tháng gần nhất và in bản tóm tắt toàn quốc',
    en: 'start the bundled sandbox portals, run a measurement over the last 26 months, print the national summary',
  },
  summary: {
    vi: 'bản tóm tắt toàn quốc của một tháng: hai chỉ số chính của cả nước, 5 tỉnh cao nhất và 5 tỉnh thấp nhất',
    en: 'the national summary for a month: the two headline KPIs for the country, the 5 best and 5 worst provinces',
  },
  kpi: {
    vi: 'mọi chỉ số của một tháng: cả nước, khối bộ ngành và khối địa phương, xếp hạng từng cơ quan, chỉ tiêu và chênh lệch, chỉ số 766',
    en: 'every KPI for a month: the country, the ministries and provinces blocks, each agency ranked, targets and gaps, the 766 index',
  },
  evidence: {
    vi: 'truy một số liệu đã lưu về dữ liệu gốc (evidence <cơ quan> <chỉ số> <kỳ>), hoặc ghi ra một bằng chứng đã lưu (evidence <sha256> [--out tệp]); mã băm được kiểm lại',
    en: 'trace a stored value to its payload (evidence <agency> <metric> <period>), or write a stored evidence body (evidence <sha256> [--out file]); the hash is re-checked',
  },
  quality: {
    vi: 'số liệu bị cách ly, rồi các cảnh báo chất lượng dữ liệu đang mở (thiếu, không nhất quán, bất thường, nguồn không cập nhật, nguồn đổi định dạng, lũy kế giảm, đơn vị lạ); `quality quarantined` liệt kê các lần cách ly, `quality release` giải phóng một số liệu',
    en: 'quarantined values, then open data-quality flags (missing, inconsistent, outlier, stale, source changed, counter decreased, unknown unit); `quality quarantined` lists quarantines, `quality release` releases one',
  },
  check: {
    vi: 'kiểm tra một cổng (theo mã) hoặc một địa chỉ về bảo vệ dữ liệu cá nhân và khả năng tiếp cận, ngay bây giờ; mã thoát 1 nếu một tiêu chí nghiêm trọng hoặc cao không đạt, hoặc một trang không kiểm tra được',
    en: 'check a portal (by id) or an address for personal data protection and accessibility, now; exit 1 if a critical or serious criterion fails or a page could not be checked',
  },
  start: {
    vi: 'dịch vụ chạy lâu dài: lần đo hằng đêm theo lịch cron (Asia/Ho_Chi_Minh), giám sát hoạt động, cảnh báo và gửi thông báo; SIGTERM dừng gọn',
    en: 'the long-running service: the nightly run at its cron time (Asia/Ho_Chi_Minh), the probes, alerts and their delivery; SIGTERM stops it cleanly',
  },
  alerts: {
    vi: 'danh sách cảnh báo (mới nhất trước); `alerts ack ID` dừng nhắc lại một cảnh báo',
    en: 'list alerts (newest first); `alerts ack ID` stops an alert\'s reminders',
  },
  notify: {
    vi: 'các kênh thông báo',
    en: 'notification channels',
  },
  config: {
    vi: 'kiểm tra tệp cấu hình, hoặc ghi JSON Schema của nó',
    en: 'check the configuration file, or write its JSON Schema',
  },
  db: {
    vi: 'quản lý kho SQLite: nâng cấp lược đồ, kiểm tra, sao lưu, khôi phục',
    en: 'manage the SQLite store: migrate, check, backup, restore',
  },
  probe: {
    vi: 'giám sát mọi điểm đo đã cấu hình theo chu kỳ cho tới khi dừng (Ctrl+C, SIGTERM); in ra các lần đổi trạng thái',
    en: 'probe every configured endpoint at its interval until stopped (Ctrl+C, SIGTERM); state changes are printed',
  },
  uptime: {
    vi: 'tỷ lệ sẵn sàng, sự cố, MTTR, thời gian phản hồi và chứng chỉ của từng điểm đo',
    en: 'availability, incidents, MTTR, response times and certificates per endpoint, from the rollups',
  },
  trackers: {
    vi: 'các danh sách trình theo dõi mà việc kiểm tra dùng (thực thể third-party-web, danh sách lọc như EasyPrivacy)',
    en: 'the tracker lists the checks use (third-party-web entities, a filter list such as EasyPrivacy)',
  },
  report: {
    vi: 'báo cáo một tháng thành một tệp HTML tự chứa (và PDF với --pdf; gói zip kèm bằng chứng và bản kê với --bundle): tổng quan, xu hướng, xếp hạng, cổng, phương pháp',
    en: 'the report for a month as one self-contained HTML file (and PDF with --pdf; a zip to file with its evidence and manifest with --bundle): summary, trends, rankings, portals, method',
  },
  verify: {
    vi: 'kiểm tra một gói báo cáo khi không có mạng: mọi tệp so với mã băm SHA-256 trong bản kê, không thiếu, không thêm; mã thoát 1 và nêu tên từng tệp sai khác',
    en: 'check a report bundle offline: every file against the SHA-256 its manifest gives, nothing missing, nothing added; exit 1 naming each file that differs',
  },
  serve: {
    vi: 'bảng điều khiển: tổng quan toàn quốc, cơ quan, cổng, cảnh báo kèm xác nhận, cập nhật trực tiếp, trang trạng thái công khai và huy hiệu, API JSON, /metrics, /healthz và /readyz; SIGTERM dừng',
    en: 'the dashboard: national overview, agencies, portals, alerts with acknowledging, live updates, the public status page and badges, a JSON API, /metrics, /healthz and /readyz; SIGTERM stops it',
  },
  'status-page': {
    vi: 'ghi trang trạng thái công khai (các cổng public: true) thành tệp tĩnh: HTML tiếng Việt và tiếng Anh, nguồn tin Atom và RSS, huy hiệu SVG',
    en: 'write the public status page (public: true portals) as static files: HTML in Vietnamese and English, Atom and RSS feeds, SVG badges',
  },
  export: {
    vi: 'số liệu, chỉ số, phát hiện chất lượng dữ liệu và tỷ lệ sẵn sàng của một tháng dạng CSV, XLSX hoặc JSON',
    en: 'a month\'s measures, KPIs, quarantine, data-quality findings, availability and check results as XLSX, CSV or JSON, with a data dictionary and provenance',
  },
  worker: {
    vi: 'máy thực thi khi mở rộng: nhận việc giám sát, kiểm tra và thu thập từ hàng đợi (queue: trong cấu hình) và gửi kết quả về máy điều phối; không bao giờ mở kho',
    en: 'a scale-out worker: takes probe, check and collection jobs from the queue (queue: in the configuration) and posts the results to the coordinator; never opens the store',
  },
  queue: {
    vi: 'việc mở rộng như kho đã ghi nhận: từng vị trí đo và các worker của nó, các khoảng trống của phép đo, kết quả không ghi được (dead letter)',
    en: 'the scale-out as the store saw it: each location and its workers, the gaps in the distributed measurement, and results kept as dead letters',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type CommandName = keyof typeof COMMAND_DESCRIPTIONS;

/** The language --help speaks: --lang, else $DVC_MONITOR_LANG, else Vietnamese (set by main before any command loads). */
let helpLang: 'vi' | 'en' = 'vi';
export const setHelpLang = (lang: 'vi' | 'en') => { helpLang = lang; };
export const describeCommand = (name: CommandName): string => COMMAND_DESCRIPTIONS[name][helpLang];

/** Loads a command's module and gives back its registration. */
export const COMMAND_LOADERS: Record<CommandName, () => Promise<(program: Command) => void>> = {
  run: async () => (await import('./run.ts')).registerRun,
  demo: async () => (await import('./demo.ts')).registerDemo,
  summary: async () => (await import('./summary.ts')).registerSummary,
  kpi: async () => (await import('./kpi.ts')).registerKpi,
  evidence: async () => (await import('./evidence.ts')).registerEvidence,
  quality: async () => (await import('./quality.ts')).registerQuality,
  check: async () => (await import('./check.ts')).registerCheck,
  start: async () => (await import('./start.ts')).registerStart,
  alerts: async () => (await import('./alerts.ts')).registerAlerts,
  notify: async () => (await import('./notify.ts')).registerNotify,
  config: async () => (await import('./config.ts')).registerConfig,
  db: async () => (await import('./db.ts')).registerDb,
  probe: async () => (await import('./probe.ts')).registerProbe,
  uptime: async () => (await import('./uptime.ts')).registerUptime,
  trackers: async () => (await import('./trackers.ts')).registerTrackers,
  report: async () => (await import('./report.ts')).registerReport,
  verify: async () => (await import('./verify.ts')).registerVerify,
  serve: async () => (await import('./serve.ts')).registerServe,
  'status-page': async () => (await import('./status-page.ts')).registerStatusPage,
  export: async () => (await import('./export.ts')).registerExport,
  worker: async () => (await import('./worker.ts')).registerWorker,
  queue: async () => (await import('./queue.ts')).registerQueue,
};
