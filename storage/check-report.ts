// Reads a stored check back as a scorecard for reports and the dashboard: the check's times and
// versions, its visits' evidence hashes, the portal-level results with their legal basis, and
// the findings (of the portal result and of its page results).
import type { CitedBasis } from '../src/checks/criteria/basis.ts';
import type { Area, Outcome, Severity } from '../src/checks/types.ts';
import type { Db } from './db.ts';
import { findingsOfResult, scoresOfCheck, type FindingRow } from './checks.ts';

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
  criterionId: string;
  area: Area;
  outcome: Outcome;
  severity: Severity;
  checkedAt: string;
  basis: CitedBasis[];
  findings: Array<FindingRow & { pageUrl: string }>;
}

export interface Scorecard {
  checkId: number;
  runId: number | null;
  portalId: string;
  homeUrl: string;
  startedAt: string;
  finishedAt: string;
  measuredOn: string;
  versions: Record<string, unknown>;
  scores: ReturnType<typeof scoresOfCheck>;
  visits: ScorecardVisit[];
  results: ScorecardResult[];
}

/** The newest check of a portal as a scorecard; undefined when it was never checked. */
export function latestScorecard(db: Db, portalId: string): Scorecard | undefined {
  const check = db.prepare(`SELECT id AS checkId, run_id AS runId, portal_id AS portalId, home_url AS homeUrl, started_at AS startedAt,
      finished_at AS finishedAt, measured_on AS measuredOn, versions_json AS versions
    FROM portal_check WHERE portal_id = ? ORDER BY id DESC LIMIT 1`).get(portalId) as (Omit<Scorecard, 'versions' | 'scores' | 'visits' | 'results'> & { versions: string }) | undefined;
  if (!check) return undefined;
  const visits = db.prepare(`SELECT page_index AS pageIndex, page_kind AS kind, url, started_at AS startedAt, duration_ms AS durationMs, status,
      error_reason AS errorReason, http_status AS httpStatus, evidence_sha256 AS evidenceSha256, dom_sha256 AS domSha256,
      screenshot_sha256 AS screenshotSha256, axe_sha256 AS axeSha256
    FROM check_visit WHERE check_id = ? ORDER BY page_index`).all(check.checkId) as ScorecardVisit[];
  const rows = db.prepare(`SELECT id, level, page_url AS pageUrl, criterion_id AS criterionId, area, outcome, severity, checked_at AS checkedAt, basis_json AS basis
    FROM check_result WHERE check_id = ? ORDER BY id`).all(check.checkId) as Array<{ id: number; level: 'page' | 'portal'; pageUrl: string; criterionId: string; area: Area; outcome: Outcome; severity: Severity; checkedAt: string; basis: string }>;
  const results = rows.filter((r) => r.level === 'portal').map((r): ScorecardResult => ({
    criterionId: r.criterionId, area: r.area, outcome: r.outcome, severity: r.severity, checkedAt: r.checkedAt, basis: JSON.parse(r.basis) as CitedBasis[],
    // The portal result's own findings, then those of the pages that share its outcome.
    findings: rows.filter((x) => x.criterionId === r.criterionId && (x.level === 'portal' || x.outcome === r.outcome))
      .flatMap((x) => findingsOfResult(db, x.id).map((f) => ({ ...f, pageUrl: x.pageUrl }))),
  }));
  return { ...check, versions: JSON.parse(check.versions) as Record<string, unknown>, scores: scoresOfCheck(db, check.checkId), visits, results };
}
