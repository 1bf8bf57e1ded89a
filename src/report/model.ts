// Everything the national report shows for one month, gathered from the store through the same
// functions the CLI uses (kpi, summary, uptime, quality), so report and CLI never disagree.
import { latestScorecard, type MeasuredBetween, type Scorecard } from '../../storage/check-report.ts';
import { countMeasures, newestMeasuredPeriod } from '../../storage/measures.ts';
import type { Db } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import { openFlags, type StoredFlag } from '../../storage/quality.ts';
import { listQuarantine, type QuarantineRow } from '../../storage/quarantine.ts';
import { latestCollectionsOfPeriod, latestRunVersions, type RunVersions, type SourceCollection } from '../../storage/runs.ts';
import { CRITERIA_VERSION } from '../checks/criteria/index.ts';
import { SCORING_VERSION, SEVERITY_WEIGHT } from '../checks/score.ts';
import type { PageEvidence, Severity } from '../checks/types.ts';
import { privacyTables, type PrivacyTables } from './privacy-tables.ts';
import { overviewFromStore } from '../kpi/from-store.ts';
import { seriesFromStore, summaryFromStore } from '../kpi/from-store.ts';
import { uptimeReportFromStore } from '../cli/commands/uptime.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';
import { ALL_KPIS, HEADLINE_KPIS, type KpiDefinition } from '../kpi/definitions.ts';
import type { NationalSummary } from '../kpi/national-summary.ts';
import type { AgencyFigures } from '../kpi/overview.ts';
import { addMonths, fillPeriod, firstDay, lastDay, localDate } from '../time/period.ts';
import { AVAILABILITY_FORMULA, type EndpointReport } from '../uptime/report.ts';
import { TOOL_VERSION } from '../version.ts';

/** How many months the trend charts cover, ending with the report's month. */
export const TREND_MONTHS = 12;

export interface TrendPoint {
  period: string;
  rate: number | null;
}

export interface KpiTrend {
  kpi: KpiDefinition;
  target: number | null;
  points: TrendPoint[];
}

export interface PortalSection {
  portalId: string;
  name: string;
  agencyCode: string;
  url: string;
  endpoints: EndpointReport[];
  /** Each area's latest complete privacy and accessibility result, null when never checked. */
  scorecard: Scorecard | null;
  /** Its home page screenshot as a data: URI, so the report file stays self-contained. */
  screenshot: string | null;
  /** Cookies and third-party hosts of its latest complete privacy check of the period, null without one. */
  privacy?: PrivacyTables | null;
}

/** Larger screenshots are cited by hash only: the report must stay a file one can mail. */
const MAX_EMBEDDED_SCREENSHOT_BYTES = 1_500_000;

/** `between`: only the checks measured in those days (a report shows those of its month). */
export function portalChecks(db: Db, portalId: string, between?: MeasuredBetween): Pick<PortalSection, 'scorecard' | 'screenshot'> {
  const scorecard = latestScorecard(db, portalId, between) ?? null;
  // The home page as the newest check shown saw it.
  const sha = scorecard?.checks.find((c) => c.visits[0]?.screenshotSha256)?.visits[0]?.screenshotSha256;
  const blob = sha ? readBody(db, sha) : undefined;
  const screenshot = blob && blob.intact && blob.body.length <= MAX_EMBEDDED_SCREENSHOT_BYTES ? `data:image/jpeg;base64,${blob.body.toString('base64')}` : null;
  return { scorecard, screenshot };
}

/** The evidence files of the visits of the check the privacy area's result comes from, read back and tabulated. */
export function portalPrivacyTables(db: Db, scorecard: Scorecard | null): PrivacyTables | null {
  const area = scorecard?.areas.find((a) => a.area === 'privacy' && a.complete);
  const check = area && scorecard!.checks.find((c) => c.checkId === area.checkId);
  if (!check) return null;
  const pages = check.visits.filter((v) => v.status === 'ok').map((v) => {
    const blob = readBody(db, v.evidenceSha256);
    return { url: v.url, sha256: v.evidenceSha256, evidence: blob?.intact ? (JSON.parse(blob.body.toString('utf8')) as PageEvidence) : null };
  });
  return privacyTables({ checkId: check.checkId, finishedAt: check.finishedAt }, pages);
}

/** A configured source and its newest successful collection of the report's month. */
export interface MethodSource {
  id: string;
  kind: string;
  enabled: boolean;
  /** The address as configured, with the month filled in where it is a template. */
  url: string;
  collection: SourceCollection | null;
}

/** The versions a check shown in the report recorded (tool, axe-core, tracker lists, browser, criteria, scoring). */
export interface MethodCheck {
  portalId: string;
  checkId: number;
  finishedAt: string;
  versions: Record<string, unknown>;
}

export interface ReportModel {
  period: string;
  lang: Lang;
  generatedAt: string;
  /** The agency the report is limited to (--agency), or null for the whole country. */
  agency: AgencyFigures | null;
  country: AgencyFigures;
  aggregates: AgencyFigures[];
  summary: NationalSummary;
  trends: KpiTrend[];
  ministries: AgencyFigures[];
  provinces: AgencyFigures[];
  flags: StoredFlag[];
  /** Values of the month held back by quarantine (of the agency, for an agency report). */
  quarantined: QuarantineRow[];
  portals: PortalSection[];
  method: {
    kpis: readonly KpiDefinition[];
    availabilityFormula: string;
    toolVersion: string;
    run: (RunVersions & { runId: number; finishedAt: string | null }) | null;
    /** The hash of the configuration the report was made with (the run's is in `run`). */
    configHash: string;
    scoring: { version: string; weights: Record<Severity, number> };
    criteriaVersion: string;
    sources: MethodSource[];
    checks: MethodCheck[];
  };
}

/** Ranked first (by rank of the headline KPI), then those without a figure, in code order. */
function byRank(rows: AgencyFigures[], kpiId: string): AgencyFigures[] {
  const rank = (a: AgencyFigures) => a.kpis[kpiId]?.rank ?? Number.MAX_SAFE_INTEGER;
  return [...rows].sort((a, b) => rank(a) - rank(b) || (a.agencyCode < b.agencyCode ? -1 : 1));
}

export function buildReportModel(db: Db, loaded: LoadedConfig, opts: { period: string; lang: Lang; now: Date; agencyCode?: string }): ReportModel {
  const { period, lang, now } = opts;
  if (countMeasures(db, period) === 0) throw new NothingToReportError(period, newestMeasuredPeriod(db), lang);
  const overview = overviewFromStore(db, loaded, period, now, lang);
  const everyone = [...overview.aggregates, ...overview.agencies];
  const agency = opts.agencyCode === undefined ? null : (everyone.find((a) => a.agencyCode === opts.agencyCode) ?? null);
  if (opts.agencyCode !== undefined && !agency) throw new ReportInputError(msg(lang, 'report.error.unknownAgency', { agency: opts.agencyCode, period }));

  // Trends: the headline KPIs of the country (or of the agency) month by month.
  const months = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(period, i - TREND_MONTHS + 1));
  const subject = agency ?? overview.aggregates[0]!;
  const series = seriesFromStore(db, loaded, subject.agencyCode, months, now, HEADLINE_KPIS);
  const trends = HEADLINE_KPIS.map((kpi): KpiTrend => ({
    kpi, target: subject.kpis[kpi.id]?.target ?? null,
    points: series.map((p) => ({ period: p.period, rate: p.kpis?.[kpi.id]?.rate ?? null })),
  }));

  const portals = loaded.config.portals
    .filter((p) => agency === null || agency.level === 'block' || p.agency === agency.agencyCode)
    .map((p): PortalSection => {
      const uptime = uptimeReportFromStore(db, { portalId: p.id, from: firstDay(addMonths(period, -TREND_MONTHS + 1)), to: lastDay(period), now, lang });
      const checks = portalChecks(db, p.id, { from: firstDay(period), to: lastDay(period) });
      return { portalId: p.id, name: p.name, agencyCode: p.agency, url: p.url, endpoints: uptime.endpoints, ...checks, privacy: portalPrivacyTables(db, checks.scorecard) };
    });
  const collections = new Map(latestCollectionsOfPeriod(db, period).map((c) => [c.sourceId, c]));
  const sources = loaded.config.sources.map((s): MethodSource => ({
    id: s.id, kind: s.kind, enabled: s.enabled, url: fillPeriod(s.url, period), collection: collections.get(s.id) ?? null,
  }));
  const checks = portals.flatMap((p) => (p.scorecard?.checks ?? []).map((c): MethodCheck => ({ portalId: p.portalId, checkId: c.checkId, finishedAt: c.finishedAt, versions: c.versions })));

  const headline = HEADLINE_KPIS[0]!.id;
  return {
    period, lang, generatedAt: now.toISOString(), agency,
    country: overview.aggregates[0]!, aggregates: overview.aggregates,
    summary: summaryFromStore(db, loaded, period, now),
    trends,
    ministries: byRank(overview.agencies.filter((a) => a.level === 'ministry'), headline),
    provinces: byRank(overview.agencies.filter((a) => a.level === 'province'), headline),
    flags: openFlags(db, agency ? { period, agencyCode: agency.agencyCode } : { period }),
    quarantined: listQuarantine(db, { periods: [period] }).filter((q) => agency === null || agency.level === 'block' || agency.constituents.includes(q.agencyCode)),
    portals,
    method: {
      kpis: ALL_KPIS, availabilityFormula: AVAILABILITY_FORMULA[lang], toolVersion: TOOL_VERSION, run: latestRunVersions(db) ?? null,
      configHash: loaded.hash, scoring: { version: SCORING_VERSION, weights: SEVERITY_WEIGHT }, criteriaVersion: CRITERIA_VERSION, sources, checks,
    },
  };
}

export class ReportInputError extends Error {}

/** A month with no figure in the store: a report of it would be empty pages that look like a report. */
export class NothingToReportError extends Error {
  constructor(readonly period: string, readonly newest: string | null, lang: Lang) {
    super(newest
      ? msg(lang, 'report.error.nothingToReport', { period, newest })
      : msg(lang, 'report.error.emptyStore', { period }));
    this.name = 'NothingToReportError';
  }
}

/** The local date a report is "as of": used in file names. */
export const reportDate = (now: Date) => localDate(now);
