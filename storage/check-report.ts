// Reads stored checks back as a scorecard for reports, exports and the dashboard: per area the
// latest complete result (src/checks/history.ts) with its check's times and versions, the
// visits' evidence hashes, the portal-level results with their legal basis, and the findings
// (of the portal result and of its page results).
import type { CitedBasis } from '../src/checks/criteria/basis.ts';
import type { Area, Outcome, Severity } from '../src/checks/types.ts';
import type { Db } from './db.ts';
import { chooseAreaResults, type AreaScoreRow } from '../src/checks/history.ts';
import { findingsOfResult, type FindingRow } from './checks.ts';

export interface ScorecardVisit {
  pageIndex: number;
  kind: string;
  url: string;
  startedAt: string;
  durationMs: number;
  status: 'ok' | 'error';
  errorReason: string | null;
  httpStatus: number | null;
  evidenceSha256: string;
  domSha256: string | null;
  screenshotSha256: string | null;
  axeSha256: string | null;
}

export interface ScorecardResult {
  /** The check this result comes from (areas may come from different checks). */
  checkId: number;
  criterionId: string;
  area: Area;
  outcome: Outcome;
  severity: Severity;
  checkedAt: string;
  basis: CitedBasis[];
  findings: Array<FindingRow & { pageUrl: string }>;
}

export interface ScorecardCheck {
  checkId: number;
  runId: number | null;
  homeUrl: string;
  areas: Area[];
  startedAt: string;
  finishedAt: string;
  measuredOn: string;
  versions: Record<string, unknown>;
  visits: ScorecardVisit[];
}

type StoredAreaScore = AreaScoreRow & { startedAt: string; finishedAt: string; measuredOn: string };

export interface ScorecardArea {
  area: Area;
  /** The check the area's result comes from, and when it ran. */
  checkId: number;
  startedAt: string;
  finishedAt: string;
  measuredOn: string;
  version: string;
  score: number | null;
  counts: Record<Outcome, number>;
  /** false: no check ever judged the whole area; this is the newest, incomplete one. */
  complete: boolean;
  /** A newer check covered the area but could not judge all of it: when, and the scanner's reasons. */
  newerIncomplete: { checkId: number; startedAt: string; reasons: string[] } | null;
}

export interface Scorecard {
  portalId: string;
  /** Each area's latest complete result (privacy, then accessibility), with its date. */
  areas: ScorecardArea[];
  /** The checks those results come from, newest first, with the pages each visited. */
  checks: ScorecardCheck[];
  results: ScorecardResult[];
}

/** Every stored area score of a portal, newest check first, with the check's times. */
/** Local dates (YYYY-MM-DD), both included: the checks measured between them. */
export interface MeasuredBetween { from: string; to: string }

function areaScoresOfPortal(db: Db, portalId: string, between?: MeasuredBetween): StoredAreaScore[] {
  return (db.prepare(`SELECT s.check_id AS checkId, s.area, s.version, s.score, s.counts_json AS counts, c.started_at AS startedAt,
      c.finished_at AS finishedAt, c.measured_on AS measuredOn
    FROM portal_check c JOIN check_score s ON s.check_id = c.id
    WHERE c.portal_id = ? AND (? IS NULL OR c.measured_on BETWEEN ? AND ?) ORDER BY c.id DESC, s.area`)
    .all(portalId, between?.from ?? null, between?.from ?? null, between?.to ?? null) as Array<Omit<StoredAreaScore, 'counts'> & { counts: string }>)
    .map((r) => ({ ...r, counts: JSON.parse(r.counts) as Record<Outcome, number> }));
}

/** Why a check could not judge an area: its pages' scanner errors, else the criteria left as error. */
function incompleteReasons(db: Db, checkId: number, area: Area): string[] {
  const visits = db.prepare("SELECT DISTINCT error_reason FROM check_visit WHERE check_id = ? AND status = 'error' ORDER BY error_reason").pluck().all(checkId) as Array<string | null>;
  if (visits.length) return visits.map((r) => r ?? 'error');
  return db.prepare("SELECT criterion_id FROM check_result WHERE check_id = ? AND level = 'portal' AND area = ? AND outcome = 'error' ORDER BY id").pluck().all(checkId, area) as string[];
}

function checkOf(db: Db, checkId: number): ScorecardCheck {
  const check = db.prepare(`SELECT id AS checkId, run_id AS runId, home_url AS homeUrl, areas_json AS areas, started_at AS startedAt,
      finished_at AS finishedAt, measured_on AS measuredOn, versions_json AS versions
    FROM portal_check WHERE id = ?`).get(checkId) as Omit<ScorecardCheck, 'versions' | 'areas' | 'visits'> & { versions: string; areas: string };
  const visits = db.prepare(`SELECT page_index AS pageIndex, page_kind AS kind, url, started_at AS startedAt, duration_ms AS durationMs, status,
      error_reason AS errorReason, http_status AS httpStatus, evidence_sha256 AS evidenceSha256, dom_sha256 AS domSha256,
      screenshot_sha256 AS screenshotSha256, axe_sha256 AS axeSha256
    FROM check_visit WHERE check_id = ? ORDER BY page_index`).all(checkId) as ScorecardVisit[];
  return { ...check, areas: JSON.parse(check.areas) as Area[], versions: JSON.parse(check.versions) as Record<string, unknown>, visits };
}

function resultsOf(db: Db, checkId: number, area: Area): ScorecardResult[] {
  const rows = db.prepare(`SELECT id, level, page_url AS pageUrl, criterion_id AS criterionId, area, outcome, severity, checked_at AS checkedAt, basis_json AS basis
    FROM check_result WHERE check_id = ? AND area = ? ORDER BY id`).all(checkId, area) as Array<{ id: number; level: 'page' | 'portal'; pageUrl: string; criterionId: string; area: Area; outcome: Outcome; severity: Severity; checkedAt: string; basis: string }>;
  return rows.filter((r) => r.level === 'portal').map((r): ScorecardResult => ({
    checkId, criterionId: r.criterionId, area: r.area, outcome: r.outcome, severity: r.severity, checkedAt: r.checkedAt, basis: JSON.parse(r.basis) as CitedBasis[],
    // The portal result's own findings, then those of the pages that share its outcome.
    findings: rows.filter((x) => x.criterionId === r.criterionId && (x.level === 'portal' || x.outcome === r.outcome))
      .flatMap((x) => findingsOfResult(db, x.id).map((f) => ({ ...f, pageUrl: x.pageUrl }))),
  }));
}

/**
 * A portal's scorecard: for each area, its latest complete result (a check that covered the area
 * and judged all of it), with the date of that check and a note of any newer attempt that could
 * not complete; undefined when the portal was never checked. With `between`, only the checks
 * measured in those days count (a report's month).
 */
export function latestScorecard(db: Db, portalId: string, between?: MeasuredBetween): Scorecard | undefined {
  const chosen = chooseAreaResults(areaScoresOfPortal(db, portalId, between));
  if (chosen.length === 0) return undefined;
  const areas = chosen.map(({ area, shown, complete, newerIncomplete }): ScorecardArea => ({
    area, checkId: shown.checkId, startedAt: shown.startedAt, finishedAt: shown.finishedAt, measuredOn: shown.measuredOn,
    version: shown.version, score: shown.score, counts: shown.counts, complete,
    newerIncomplete: newerIncomplete && { checkId: newerIncomplete.checkId, startedAt: newerIncomplete.startedAt, reasons: incompleteReasons(db, newerIncomplete.checkId, area) },
  }));
  const checkIds = [...new Set(areas.map((a) => a.checkId))].sort((a, b) => b - a);
  return {
    portalId, areas,
    checks: checkIds.map((id) => checkOf(db, id)),
    results: areas.flatMap((a) => resultsOf(db, a.checkId, a.area)),
  };
}
