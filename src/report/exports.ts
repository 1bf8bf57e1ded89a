// Exports of one month: the stored measures, every KPI figure, the open data-quality findings,
// the portals' availability and their latest privacy and accessibility check (every criterion,
// its legal basis and each finding with its evidence), as tables written to CSV, XLSX or JSON. The tables are read
// through the same functions as the CLI, so an export matches `dvc-monitor kpi` and the store.
// Their columns are described once, in export-dictionary.ts; export-write.ts writes the files.
import type { Db } from '../../storage/db.ts';
import { latestRunVersions } from '../../storage/runs.ts';
import { allMeasuresBetween } from '../../storage/measures.ts';
import { latestScorecard } from '../../storage/check-report.ts';
import { openFlags } from '../../storage/quality.ts';
import { listQuarantine } from '../../storage/quarantine.ts';
import { describeBreach, type Facts } from '../quality/plausibility.ts';
import { QUARANTINE_HEADER, quarantineRecord } from '../quality/quarantine.ts';
import { overviewFromStore } from '../kpi/from-store.ts';
import { uptimeReportFromStore } from '../cli/commands/uptime.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import { KPI_CSV_HEADER, kpiCsvRow } from '../cli/render-kpi.ts';
import { firstDay, lastDay, LOCAL_TIME_ZONE, localIsoWithOffset } from '../time/period.ts';
import { TOOL_VERSION } from '../version.ts';
import type { ExportTable, ProvenanceItem } from './export-write.ts';
import { msgBoth, type MessageKey } from '../messages/index.ts';

/**
 * The scorecard of each configured portal, as the month's report shows it (each area's latest
 * complete check measured in the month): one row per criterion result and finding (a result
 * without findings, e.g. a pass, still has its row).
 */
function checkRows(db: Db, loaded: LoadedConfig, period: string, lang: Lang): ExportTable['rows'] {
  return loaded.config.portals.flatMap((portal) => {
    const card = latestScorecard(db, portal.id, { from: firstDay(period), to: lastDay(period) });
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

/** Where the KPI's name goes in the kpis table: right after its code. */
const kpiAt = KPI_CSV_HEADER.indexOf('kpi') + 1;

export function exportTables(db: Db, loaded: LoadedConfig, period: string, lang: Lang, now: Date): ExportTable[] {
  const measures = allMeasuresBetween(db, period, period).sort((a, b) => (a.agencyCode + a.metric < b.agencyCode + b.metric ? -1 : 1));
  const overview = overviewFromStore(db, loaded, period, now, lang);
  const uptime = uptimeReportFromStore(db, { from: firstDay(period), to: lastDay(period), now, lang });
  const episodes = listQuarantine(db, { periods: [period], all: true });
  const names = new Map(loaded.agencies.map((a) => [a.code, a.name]));
  const held = new Map(episodes.filter((q) => q.status === 'quarantined').map((q) => [`${q.agencyCode}|${q.metric}`, q]));
  return [
    {
      // A quarantined value is exported as stored, marked: its rule and why, so no one sums it unknowingly.
      name: 'measures',
      header: ['period', 'agency_code', 'agency_name', 'metric', 'value', 'null_reason', 'source_id', 'run_id', 'snapshot_id', 'locator', 'updated_at', 'quarantined_rule', 'quarantined_reason'],
      rows: measures.map((m) => {
        const q = held.get(`${m.agencyCode}|${m.metric}`);
        return [m.period, m.agencyCode, names.get(m.agencyCode) ?? null, m.metric, m.value, m.nullReason, m.sourceId, m.runId, m.snapshotId, m.locator, m.updatedAt, q?.rule ?? null, q ? describeBreach(q as typeof q & { facts: Facts }, lang) : null];
      }),
    },
    {
      // The columns of `dvc-monitor kpi --format csv`, and the KPI's name after its code.
      name: 'kpis',
      header: [...KPI_CSV_HEADER.slice(0, kpiAt), 'kpi_name', ...KPI_CSV_HEADER.slice(kpiAt)],
      rows: [...overview.aggregates, ...overview.agencies].flatMap((a) => ALL_KPIS.map((k) => {
        const row = kpiCsvRow(period, a, a.kpis[k.id]!);
        return [...row.slice(0, kpiAt), k.title[lang], ...row.slice(kpiAt)];
      })),
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
      rows: checkRows(db, loaded, period, lang),
    },
  ];
}

/**
 * Where the exported figures come from: the export itself (tool version, configuration hash now),
 * the newest finished run (its versions and configuration hash, as the report's method appendix),
 * and the runs and checks whose values the tables hold.
 */
export function exportProvenance(db: Db, loaded: LoadedConfig, period: string, now: Date, tables: readonly ExportTable[]): ProvenanceItem[] {
  const run = latestRunVersions(db);
  const distinct = (table: ExportTable['name'], key: string) => {
    const t = tables.find((x) => x.name === table)!;
    const i = t.header.indexOf(key);
    return [...new Set(t.rows.map((r) => r[i]).filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b).join(', ') || null;
  };
  const item = (key: string, label: MessageKey, value: ProvenanceItem['value'] | undefined): ProvenanceItem => ({ key, label: msgBoth(label), value: value ?? null });
  return [
    item('period', 'export.provenance.period', period),
    item('generated_at', 'export.provenance.generatedAt', localIsoWithOffset(now)),
    item('time_zone', 'export.provenance.timeZone', `${LOCAL_TIME_ZONE} (UTC+7)`),
    item('tool_version', 'export.provenance.toolVersion', TOOL_VERSION),
    item('config_hash', 'export.provenance.configHash', loaded.hash),
    item('run_id', 'export.provenance.runId', run?.runId),
    item('run_finished_at', 'export.provenance.runFinishedAt', run?.finishedAt ? localIsoWithOffset(new Date(run.finishedAt)) : null),
    item('run_tool_version', 'export.provenance.runToolVersion', run?.toolVersion),
    item('run_node_version', 'export.provenance.runNodeVersion', run?.nodeVersion),
    item('run_config_hash', 'export.provenance.runConfigHash', run?.configHash),
    item('scoring_version', 'export.provenance.scoringVersion', run?.scoringVersion),
    item('axe_version', 'export.provenance.axeVersion', run?.axeVersion),
    item('tracker_list_version', 'export.provenance.trackerListVersion', run?.trackerListVersion),
    item('browser_version', 'export.provenance.browserVersion', run?.browserVersion),
    item('measure_runs', 'export.provenance.measureRuns', distinct('measures', 'run_id')),
    item('check_ids', 'export.provenance.checkIds', distinct('checks', 'check_id')),
  ];
}
