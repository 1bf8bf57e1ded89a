// Exports of one month: the stored measures, every KPI figure, the open data-quality findings,
// the portals' availability and their latest privacy and accessibility check (every criterion,
// its legal basis and each finding with its evidence), as tables written to CSV, XLSX or JSON. The tables are read
// through the same functions as the CLI, so an export matches `dvc-monitor kpi` and the store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Db } from '../../storage/db.ts';
import { allMeasuresBetween } from '../../storage/measures.ts';
import { latestScorecard } from '../../storage/check-report.ts';
import { openFlags } from '../../storage/quality.ts';
import { listQuarantine } from '../../storage/quarantine.ts';
import { describeBreach, type Facts } from '../quality/plausibility.ts';
import { QUARANTINE_HEADER, quarantineRecord } from '../quality/quarantine.ts';
import { overviewFromStore } from '../kpi/from-store.ts';
import { uptimeReportFromStore } from '../cli/commands/uptime.ts';
import { toCsv } from '../cli/csv.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import { KPI_CSV_HEADER, kpiCsvRow } from '../cli/render-kpi.ts';
import { firstDay, lastDay } from '../time/period.ts';

export interface ExportTable {
  name: 'measures' | 'kpis' | 'quarantine' | 'findings' | 'uptime' | 'checks';
  header: string[];
  rows: Array<Array<string | number | null>>;
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The scorecard of each configured portal, as the report shows it (each area's latest complete
 * check): one row per criterion result and finding (a result without findings, e.g. a pass,
 * still has its row).
 */
function checkRows(db: Db, loaded: LoadedConfig, lang: Lang): ExportTable['rows'] {
  return loaded.config.portals.flatMap((portal) => {
    const card = latestScorecard(db, portal.id);
    if (!card) return [];
    return card.results.flatMap((r) => {
      const area = card.areas.find((a) => a.area === r.area)!;
      const basis = r.basis.map((b) => [b.instrument, b.article].filter(Boolean).join(' ')).join('; ');
      const base = [portal.id, r.checkId, area.measuredOn, area.finishedAt, r.area, area.score, area.version, r.criterionId, r.outcome, r.severity, basis];
      // "trên 14/20 trang": the pages with the criterion's outcome and with each finding, of the pages checked.
      const share = [r.pages?.with ?? null, r.pages?.of ?? null];
      if (r.findings.length === 0) return [[...base, null, null, null, null, null, ...share, null]];
      return r.findings.map((f) => [...base, f.pageUrl, f.code, f.text[lang], f.evidenceSha256, f.evidencePath, ...share, f.pages?.with ?? null]);
    });
  });
}

export function exportTables(db: Db, loaded: LoadedConfig, period: string, lang: Lang, now: Date): ExportTable[] {
  const measures = allMeasuresBetween(db, period, period).sort((a, b) => (a.agencyCode + a.metric < b.agencyCode + b.metric ? -1 : 1));
  const overview = overviewFromStore(db, loaded, period, now, lang);
  const uptime = uptimeReportFromStore(db, { from: firstDay(period), to: lastDay(period), now, lang });
  const episodes = listQuarantine(db, { periods: [period], all: true });
  const held = new Map(episodes.filter((q) => q.status === 'quarantined').map((q) => [`${q.agencyCode}|${q.metric}`, q]));
  return [
    {
      // A quarantined value is exported as stored, marked: its rule and why, so no one sums it unknowingly.
      name: 'measures',
      header: ['period', 'agency_code', 'metric', 'value', 'null_reason', 'source_id', 'run_id', 'snapshot_id', 'locator', 'updated_at', 'quarantined_rule', 'quarantined_reason'],
      rows: measures.map((m) => {
        const q = held.get(`${m.agencyCode}|${m.metric}`);
        return [m.period, m.agencyCode, m.metric, m.value, m.nullReason, m.sourceId, m.runId, m.snapshotId, m.locator, m.updatedAt, q?.rule ?? null, q ? describeBreach(q as typeof q & { facts: Facts }, lang) : null];
      }),
    },
    {
      // The same columns as `dvc-monitor kpi --format csv`.
      name: 'kpis',
      header: KPI_CSV_HEADER,
      rows: [...overview.aggregates, ...overview.agencies].flatMap((a) => ALL_KPIS.map((k) => kpiCsvRow(period, a, a.kpis[k.id]!))),
    },
    {
      // Every quarantine episode of the month: still held back, released (by whom, why), confirmed, superseded or cleared.
      name: 'quarantine',
      header: QUARANTINE_HEADER,
      rows: episodes.map((q) => quarantineRecord(q, lang)),
    },
    {
      name: 'findings',
      header: ['kind', 'agency_code', 'metric', 'period', 'source_id', 'detail', 'first_seen_at', 'last_seen_at', 'run_id'],
      rows: openFlags(db, { period }).map((f) => [f.kind, f.agencyCode, f.metric, f.period, f.sourceId, f.detail, f.firstSeenAt, f.lastSeenAt, f.runId]),
    },
    {
      name: 'uptime',
      header: ['period', 'portal_id', 'endpoint', 'url', 'availability_percent', 'up_degraded_down_probes', 'failed_probes', 'p50_ms', 'p95_ms', 'incidents', 'downtime_ms'],
      rows: uptime.endpoints.map((e) => [period, e.portalId, e.endpoint, e.url, e.total.availabilityPercent, e.total.counted, e.total.failedProbes, e.total.p50Ms, e.total.p95Ms, e.incidents.length, e.downtimeMs]),
    },
    {
      name: 'checks',
      header: ['portal_id', 'check_id', 'measured_on', 'finished_at', 'area', 'area_score', 'score_version', 'criterion_id', 'outcome', 'severity', 'legal_basis',
        'page_url', 'finding_code', 'finding', 'evidence_sha256', 'evidence_path', 'pages_with_outcome', 'pages_checked', 'finding_pages'],
      rows: checkRows(db, loaded, lang),
    },
  ];
}

/** Writes the tables; returns the files written. CSV: one file per table; XLSX: one sheet per table. */
export async function writeExport(tables: ExportTable[], format: ExportFormat, dir: string, base: string): Promise<string[]> {
  if (format === 'csv') {
    return tables.map((table) => {
      const file = join(dir, `${base}-${table.name}.csv`);
      writeFileSync(file, toCsv(table.header, table.rows));
      return file;
    });
  }
  if (format === 'json') {
    const file = join(dir, `${base}.json`);
    const objects = Object.fromEntries(tables.map((t) => [t.name, t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? null])))]));
    writeFileSync(file, `${JSON.stringify(objects, null, 2)}\n`);
    return [file];
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dvc-monitor';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.addRow(table.header).font = { bold: true };
    // Values are written as plain cells: a text beginning with "=" stays text, never a formula.
    for (const row of table.rows) sheet.addRow(row.map((v) => v ?? null));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const file = join(dir, `${base}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return [file];
}
