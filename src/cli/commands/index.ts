// The commands, for the top-level help and for loading only the one asked for: `--version`,
// `--help` and a command's own start never import the modules of the others (each pulls in
// the store, the browser, the HTTP client…).
import type { Command } from 'commander';

/** What each command does, as its --help and the command list say it. */
export const COMMAND_DESCRIPTIONS = {
  run: 'one nightly measurement now: plan, collect, normalise, store (resumes an interrupted run)',
  demo: 'start the bundled sandbox portals, run a measurement over the last 26 months, print the national summary',
  summary: 'the national summary for a month: the two headline KPIs for the country, the 5 best and 5 worst provinces',
  kpi: 'every KPI for a month: the country, the ministries and provinces blocks, each agency ranked, targets and gaps, the 766 index',
  evidence: 'trace a stored value to its payload (evidence <agency> <metric> <period>), or write a stored evidence body (evidence <sha256> [--out file]); the hash is re-checked',
  quality: 'quarantined values, then open data-quality flags (missing, inconsistent, outlier, stale, source changed, counter decreased, unknown unit); `quality quarantined` lists quarantines, `quality release` releases one',
  check: 'check a portal (by id) or an address for personal data protection and accessibility, now; exit 1 if a critical or serious criterion fails or a page could not be checked',
  start: 'the long-running service: the nightly run at its cron time (Asia/Ho_Chi_Minh), the probes, alerts and their delivery; SIGTERM stops it cleanly',
  alerts: 'list alerts (newest first); `alerts ack ID` stops an alert\'s reminders',
  notify: 'notification channels',
  config: 'check the configuration file, or write its JSON Schema',
  db: 'manage the SQLite store: migrate, check, backup',
  probe: 'probe every configured endpoint at its interval until stopped (Ctrl+C, SIGTERM); state changes are printed',
  uptime: 'availability, incidents, MTTR, response times and certificates per endpoint, from the rollups',
  trackers: 'the tracker lists the checks use (third-party-web entities, a filter list such as EasyPrivacy)',
  report: 'the report for a month as one self-contained HTML file (and PDF with --pdf; a zip to file with its evidence and manifest with --bundle): summary, trends, rankings, portals, method',
  verify: 'check a report bundle offline: every file against the SHA-256 its manifest gives, nothing missing, nothing added; exit 1 naming each file that differs',
  serve: 'the dashboard: national overview, agencies, portals, alerts with acknowledging, live updates, the public status page and badges, a JSON API, /metrics, /healthz and /readyz; SIGTERM stops it',
  'status-page': 'write the public status page (public: true portals) as static files: HTML in Vietnamese and English, Atom and RSS feeds, SVG badges',
  export: 'a month\'s measures, KPIs, quarantine, data-quality findings, availability and check results as XLSX, CSV or JSON, with a data dictionary and provenance',
  worker: 'a scale-out worker: takes probe, check and collection jobs from the queue (queue: in the configuration) and posts the results to the coordinator; never opens the store',
  queue: 'the scale-out as the store saw it: each location and its workers, the gaps in the distributed measurement, and results kept as dead letters',
} as const;

export type CommandName = keyof typeof COMMAND_DESCRIPTIONS;

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
