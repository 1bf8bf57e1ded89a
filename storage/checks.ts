// Privacy and accessibility checks in the store. A check, its visits (with their evidence
// blobs), results, findings, scores and before-consent observations are written in one
// transaction: a process killed half-way leaves all of it or none.
import type { PortalCheck } from '../src/checks/checker.ts';
import type { SampleSummary } from '../src/checks/sample/describe.ts';
import type { SamplePage, SamplePlan } from '../src/checks/sample/plan.ts';
import { isNonEssential } from '../src/checks/criteria/privacy/no-nonessential-cookie-before-consent.ts';
import type { Area, EvidenceBlobs, Outcome, Severity, Versions } from '../src/checks/types.ts';
import type { Db } from './db.ts';
import { readBody, saveBlob } from './evidence.ts';
import { accessibilityOf, isReusable, type ReusableAccessibility } from '../src/checks/incremental.ts';

export interface SavedVisit {
  id: number;
  pageIndex: number;
  kind: string;
  url: string;
  status: 'ok' | 'error';
  errorReason: string | null;
  blobs: EvidenceBlobs;
}

export interface SavedCheck {
  checkId: number;
  visits: SavedVisit[];
  /** The crawl record of the check's sample (a blob), null without a sample. */
  crawlSha256: string | null;
}

/** The sample of a check: its summary, the crawl record as a blob (evidence of what was found), each page and why. */
function saveSample(db: Db, checkId: number, sample: SamplePlan): string {
  const crawlSha = saveBlob(db, Buffer.from(JSON.stringify(sample.crawl)));
  db.prepare(`INSERT INTO check_sample (check_id, seed, pages_found, templates, structured, random, left_out, stopped_by, crawl_sha256, settings_json, plan_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    checkId, sample.seed, sample.pagesFound, sample.templates, sample.structured, sample.random, sample.leftOut.length, sample.crawl.stoppedBy,
    crawlSha, JSON.stringify(sample.crawl.settings), sample.planMs,
  );
  const insert = db.prepare('INSERT INTO check_sample_page (check_id, page_index, url, selection, reasons_json, template, depth) VALUES (?, ?, ?, ?, ?, ?, ?)');
  sample.pages.forEach((p, i) => insert.run(checkId, i, p.url, p.selection, JSON.stringify(p.reasons), p.template, p.depth));
  return crawlSha;
}

/** The sample as stored: its summary (how many pages were checked is the check's visits), the crawl record's hash, each page. */
export interface StoredSample extends Omit<SampleSummary, 'checked'> {
  crawlSha256: string;
  settings: Record<string, unknown>;
  planMs: number;
  pages: Array<{ pageIndex: number; url: string; selection: 'structured' | 'random'; reasons: SamplePage['reasons']; template: string | null; depth: number | null }>;
}

/** The sample a check visited, or undefined for a check without one. */
export function sampleOfCheck(db: Db, checkId: number): StoredSample | undefined {
  const row = db.prepare(`SELECT seed, pages_found AS pagesFound, templates, structured, random, left_out AS leftOut, stopped_by AS stoppedBy,
      crawl_sha256 AS crawlSha256, settings_json AS settings, plan_ms AS planMs FROM check_sample WHERE check_id = ?`).get(checkId) as (Omit<StoredSample, 'settings' | 'pages'> & { settings: string }) | undefined;
  if (!row) return undefined;
  const pages = (db.prepare(`SELECT page_index AS pageIndex, url, selection, reasons_json AS reasons, template, depth FROM check_sample_page
    WHERE check_id = ? ORDER BY page_index`).all(checkId) as Array<Omit<StoredSample['pages'][number], 'reasons'> & { reasons: string }>)
    .map((p) => ({ ...p, reasons: JSON.parse(p.reasons) as SamplePage['reasons'] }));
  return { ...row, settings: JSON.parse(row.settings) as Record<string, unknown>, pages };
}

export function saveCheck(db: Db, input: { runId: number | null; jobId: number | null; check: PortalCheck }): SavedCheck {
  const { runId, jobId, check } = input;
  const portalId = check.target.portalId;
  return db.transaction((): SavedCheck => {
    const checkId = Number(db.prepare(`
      INSERT INTO portal_check (run_id, job_id, portal_id, home_url, areas_json, started_at, finished_at, measured_on, versions_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      runId, jobId, portalId, check.target.homeUrl, JSON.stringify(check.areas), check.startedAt.toISOString(),
      check.finishedAt.toISOString(), check.measuredOn, JSON.stringify(check.versions),
    ).lastInsertRowid);

    const insertVisit = db.prepare(`
      INSERT INTO check_visit (check_id, page_index, page_kind, url, final_url, started_at, duration_ms, status, error_reason,
                               error_message, http_status, evidence_sha256, dom_sha256, screenshot_sha256, axe_sha256, fingerprint, a11y_reused_from)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertThirdParty = db.prepare('INSERT INTO check_third_party (visit_id, check_id, host, tracker, requests) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const insertCookie = db.prepare(`INSERT INTO check_cookie (visit_id, check_id, name, domain, party, tracker, non_essential, stored, set_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
    const visits = check.visits.map((v, pageIndex): SavedVisit => {
      const e = v.evidence;
      const blobs: EvidenceBlobs = {
        evidence: saveBlob(db, Buffer.from(JSON.stringify(e))),
        dom: v.dom ? saveBlob(db, v.dom) : null,
        screenshot: v.screenshot ? saveBlob(db, v.screenshot) : null,
        // Reused accessibility evidence points at the axe-core report it came with.
        axe: v.axe ? saveBlob(db, v.axe) : e.accessibilityReused?.axeSha256 ?? null,
      };
      // Crops are named by their SHA-256 in the evidence (crops[].sha256): content-addressed, no column of their own.
      for (const crop of v.crops ?? []) saveBlob(db, crop);
      const id = Number(insertVisit.run(
        checkId, pageIndex, e.kind, e.requestedUrl, e.finalUrl, e.startedAt, e.durationMs, e.error ? 'error' : 'ok', e.error?.reason ?? null,
        e.error?.message ?? null, e.document?.status ?? null, blobs.evidence, blobs.dom, blobs.screenshot, blobs.axe,
        // Only a visit whose accessibility evidence is complete is kept findable for reuse.
        isReusable(e) ? e.fingerprint!.sha256 : null, e.accessibilityReused?.visitId ?? null,
      ).lastInsertRowid);
      const hosts = new Map<string, { tracker: string | null; requests: number }>();
      for (const r of e.requests.filter((r) => r.party === 'third' && r.host)) {
        const h = hosts.get(r.host) ?? { tracker: r.tracker?.entity ?? null, requests: 0 };
        h.requests++;
        hosts.set(r.host, h);
      }
      for (const [host, h] of hosts) insertThirdParty.run(id, checkId, host, h.tracker, h.requests);
      for (const c of e.cookies) {
        insertCookie.run(id, checkId, c.name, c.domain, c.party, c.tracker, isNonEssential(c) ? 1 : 0, c.stored ? 1 : 0, c.setBy.via === 'unknown' ? null : c.setBy.url);
      }
      return { id, pageIndex, kind: e.kind, url: e.requestedUrl, status: e.error ? 'error' : 'ok', errorReason: e.error?.reason ?? null, blobs };
    });

    const insertResult = db.prepare(`
      INSERT INTO check_result (check_id, run_id, portal_id, visit_id, level, page_url, criterion_id, area, outcome, severity, checked_at, basis_json, pages_with, pages_of)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertFinding = db.prepare(`
      INSERT INTO finding (check_result_id, code, text_vi, text_en, detail_json, evidence_sha256, evidence_path, pages_with, pages_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of check.results) {
      const visit = r.pageIndex === null ? null : visits[r.pageIndex]!;
      const checkedAt = r.pageIndex === null ? check.startedAt.toISOString() : check.visits[r.pageIndex]!.evidence.startedAt;
      const resultId = Number(insertResult.run(
        checkId, runId, portalId, visit?.id ?? null, r.level, r.pageUrl, r.criterionId, r.area, r.outcome, r.severity, checkedAt, JSON.stringify(r.basis),
        r.pages?.with ?? null, r.pages?.of ?? null,
      ).lastInsertRowid);
      for (const d of r.details) {
        const sha = d.evidence && visit ? visit.blobs[d.evidence.blob] : null;
        insertFinding.run(resultId, d.code, d.text.vi, d.text.en, JSON.stringify(d.data ?? {}), sha ?? null, d.evidence?.path ?? null, d.pages?.with ?? null, d.pages?.of ?? null);
      }
    }
    const crawlSha256 = check.sample ? saveSample(db, checkId, check.sample) : null;
    const insertScore = db.prepare('INSERT INTO check_score (check_id, run_id, portal_id, area, version, score, counts_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const s of check.scores) insertScore.run(checkId, runId, portalId, s.area, s.version, s.score, JSON.stringify(s.counts));
    return { checkId, visits, crawlSha256 };
  })();
}

// ---------------------------------------------------------------------------------------
// Reading, for alerts (issue 6) and reports

export interface PortalResultRow {
  checkId: number;
  runId: number | null;
  portalId: string;
  criterionId: string;
  area: Area;
  outcome: Outcome;
  severity: Severity;
  checkedAt: string;
}

const RESULT_COLUMNS = `r.check_id AS checkId, r.run_id AS runId, r.portal_id AS portalId, r.criterion_id AS criterionId,
  r.area, r.outcome, r.severity, r.checked_at AS checkedAt`;

export type JudgedResultRow = PortalResultRow & { versions: Partial<Versions> };

/**
 * The newest portal-level results of one criterion of a portal that the scanner could judge
 * (outcome other than `error`), newest first, with the versions of their checks. A check that
 * did not cover the criterion's area has no result for it, so it never appears here.
 */
export function judgedResults(db: Db, portalId: string, criterionId: string, limit = 2): JudgedResultRow[] {
  return (db.prepare(`SELECT ${RESULT_COLUMNS}, c.versions_json AS versions FROM check_result r JOIN portal_check c ON c.id = r.check_id
    WHERE r.portal_id = ? AND r.criterion_id = ? AND r.level = 'portal' AND r.outcome <> 'error'
    ORDER BY r.check_id DESC LIMIT ?`).all(portalId, criterionId, limit) as Array<PortalResultRow & { versions: string }>)
    .map((r) => ({ ...r, versions: JSON.parse(r.versions) as Partial<Versions> }));
}

/**
 * Which page a visit is, across checks: the home page, the privacy policy and the accessibility
 * statement by their role (their address may change: a portal moving to https, a policy moved),
 * the configured pages by their address.
 */
const PAGE_KEY = "CASE WHEN v.page_kind IN ('home', 'privacy_policy', 'accessibility_statement') THEN v.page_kind ELSE v.url END";

/** The pages of a check where a page-level criterion failed, as page keys. */
export function failingPagesOfCheck(db: Db, checkId: number, criterionId: string): string[] {
  return db.prepare(`SELECT ${PAGE_KEY} FROM check_result r JOIN check_visit v ON v.id = r.visit_id
    WHERE r.check_id = ? AND r.criterion_id = ? AND r.level = 'page' AND r.outcome = 'fail' ORDER BY r.id`).pluck().all(checkId, criterionId) as string[];
}

/** The portals that have at least one check. */
export function checkedPortals(db: Db): string[] {
  return db.prepare('SELECT DISTINCT portal_id FROM portal_check WHERE portal_id IS NOT NULL ORDER BY portal_id').pluck().all() as string[];
}

/** The pages a check visited without a scanner error, as page keys. */
export function visitedPagesOfCheck(db: Db, checkId: number): string[] {
  return db.prepare(`SELECT ${PAGE_KEY} FROM check_visit v WHERE v.check_id = ? AND v.status = 'ok' ORDER BY v.page_index`).pluck().all(checkId) as string[];
}

export interface FindingRow {
  code: string;
  text: { vi: string; en: string };
  detail: Record<string, unknown>;
  evidenceSha256: string | null;
  evidencePath: string | null;
  /** How many of the check's pages have the same finding (null in checks stored before migration 019). */
  pages: { with: number; of: number } | null;
}

export function findingsOfResult(db: Db, checkResultId: number): FindingRow[] {
  return (db.prepare(`SELECT code, text_vi, text_en, detail_json, evidence_sha256, evidence_path, pages_with, pages_of FROM finding WHERE check_result_id = ? ORDER BY id`).all(checkResultId) as Array<{
    code: string; text_vi: string; text_en: string; detail_json: string; evidence_sha256: string | null; evidence_path: string | null; pages_with: number | null; pages_of: number | null;
  }>).map((f) => ({
    code: f.code, text: { vi: f.text_vi, en: f.text_en }, detail: JSON.parse(f.detail_json), evidenceSha256: f.evidence_sha256, evidencePath: f.evidence_path,
    pages: f.pages_with === null || f.pages_of === null ? null : { with: f.pages_with, of: f.pages_of },
  }));
}

/** Third-party hosts a run's checks saw contacted before consent (trackers first). */
export function thirdPartiesOfRun(db: Db, runId: number): Array<{ portalId: string | null; host: string; tracker: string | null; requests: number; pages: number }> {
  return db.prepare(`SELECT c.portal_id AS portalId, t.host, t.tracker, sum(t.requests) AS requests, count(*) AS pages
    FROM check_third_party t JOIN portal_check c ON c.id = t.check_id WHERE c.run_id = ?
    GROUP BY c.portal_id, t.host ORDER BY t.tracker IS NULL, c.portal_id, t.host`).all(runId) as Array<{ portalId: string | null; host: string; tracker: string | null; requests: number; pages: number }>;
}

/** Cookies a run's checks saw set (or attempted) before consent. */
export function cookiesOfRun(db: Db, runId: number, options: { nonEssentialOnly?: boolean } = {}): Array<{
  portalId: string | null; name: string; domain: string; party: string; tracker: string | null; nonEssential: boolean; stored: boolean; setBy: string | null;
}> {
  const rows = db.prepare(`SELECT DISTINCT c.portal_id AS portalId, k.name, k.domain, k.party, k.tracker, k.non_essential AS nonEssential, k.stored, k.set_by AS setBy
    FROM check_cookie k JOIN portal_check c ON c.id = k.check_id WHERE c.run_id = ? ${options.nonEssentialOnly ? 'AND k.non_essential = 1' : ''}
    ORDER BY c.portal_id, k.domain, k.name`).all(runId) as Array<{ portalId: string | null; name: string; domain: string; party: string; tracker: string | null; nonEssential: number; stored: number; setBy: string | null }>;
  return rows.map((r) => ({ ...r, nonEssential: r.nonEssential === 1, stored: r.stored === 1 }));
}

export function scoresOfCheck(db: Db, checkId: number): Array<{ area: Area; version: string; score: number | null; counts: Record<Outcome, number> }> {
  return (db.prepare('SELECT area, version, score, counts_json FROM check_score WHERE check_id = ? ORDER BY area').all(checkId) as Array<{ area: Area; version: string; score: number | null; counts_json: string }>)
    .map((r) => ({ area: r.area, version: r.version, score: r.score, counts: JSON.parse(r.counts_json) }));
}

/** Tracker hosts a check saw contacted before consent, with each page (key, and address as asked) that contacted them. */
export function trackerHostsOfCheck(db: Db, checkId: number): Array<{ host: string; tracker: string; page: string; url: string }> {
  return db.prepare(`SELECT DISTINCT t.host, t.tracker, ${PAGE_KEY} AS page, v.url FROM check_third_party t JOIN check_visit v ON v.id = t.visit_id
    WHERE t.check_id = ? AND t.tracker IS NOT NULL ORDER BY t.host, v.page_index`).all(checkId) as Array<{ host: string; tracker: string; page: string; url: string }>;
}

/** Non-essential cookies a check saw set before consent, with each page (key, and address as asked) that set them. */
export function nonEssentialCookiesOfCheck(db: Db, checkId: number): Array<{ name: string; domain: string; tracker: string | null; page: string; url: string }> {
  return db.prepare(`SELECT DISTINCT k.name, k.domain, k.tracker, ${PAGE_KEY} AS page, v.url FROM check_cookie k JOIN check_visit v ON v.id = k.visit_id
    WHERE k.check_id = ? AND k.non_essential = 1 ORDER BY k.domain, k.name, v.page_index`).all(checkId) as Array<{ name: string; domain: string; tracker: string | null; page: string; url: string }>;
}

/** axe-core rules a check found violated with serious or critical impact: one row per rule and page, with the criterion judging it. */
export function seriousViolationsOfCheck(db: Db, checkId: number): Array<{ rule: string; impact: string; page: string; url: string; criterionId: string }> {
  return db.prepare(`
    SELECT json_extract(f.detail_json, '$.rule') AS rule, max(json_extract(f.detail_json, '$.impact')) AS impact, ${PAGE_KEY} AS page, v.url, r.criterion_id AS criterionId
    FROM finding f JOIN check_result r ON r.id = f.check_result_id JOIN check_visit v ON v.id = r.visit_id
    WHERE r.check_id = ? AND r.level = 'page' AND r.outcome = 'fail' AND f.code LIKE 'axe.%' AND json_extract(f.detail_json, '$.impact') IN ('serious', 'critical')
    GROUP BY rule, v.id, r.criterion_id ORDER BY rule, v.page_index`).all(checkId) as Array<{ rule: string; impact: string; page: string; url: string; criterionId: string }>;
}

// ---------------------------------------------------------------------------------------
// Incremental re-checks

/**
 * The last complete accessibility evidence of a page (the same address, checked for the same
 * portal, or as an address on its own when portalId is null) collected since `since`, or null.
 * Visits that themselves reused evidence are never the source: the reused evidence always names
 * the visit that collected it.
 */
type ReusableRow = { visitId: number; checkId: number; collectedAt: string; fingerprint: string; evidenceSha: string; axeSha256: string | null };
const REUSABLE_COLUMNS = 'v.id AS visitId, v.check_id AS checkId, v.started_at AS collectedAt, v.fingerprint, v.evidence_sha256 AS evidenceSha, v.axe_sha256 AS axeSha256';

/** A stored visit's accessibility evidence as it may be lent, or null when its blob is lost, altered or incomplete. */
function reusableOf(db: Db, row: ReusableRow | undefined): ReusableAccessibility | null {
  if (!row) return null;
  const stored = readBody(db, row.evidenceSha);
  if (!stored?.intact) return null;
  const evidence = JSON.parse(stored.body.toString('utf8')) as import('../src/checks/types.ts').PageEvidence;
  if (!isReusable(evidence) || evidence.fingerprint!.sha256 !== row.fingerprint) return null;
  return { checkId: row.checkId, visitId: row.visitId, collectedAt: row.collectedAt, fingerprint: row.fingerprint, evidence: accessibilityOf(evidence), axeSha256: row.axeSha256 };
}

export function reusableAccessibility(db: Db, page: { portalId: string | null; url: string; since: Date }): ReusableAccessibility | null {
  return reusableOf(db, db.prepare(`SELECT ${REUSABLE_COLUMNS}
    FROM check_visit v JOIN portal_check c ON c.id = v.check_id
    WHERE v.url = ? AND v.fingerprint IS NOT NULL AND v.a11y_reused_from IS NULL AND v.status = 'ok' AND c.portal_id IS ? AND v.started_at >= ?
    ORDER BY v.check_id DESC LIMIT 1`).get(page.url, page.portalId, page.since.toISOString()) as ReusableRow | undefined);
}

/**
 * One stored visit's accessibility evidence, if it may be lent, with the page it is of: what a
 * scale-out worker's claim to have reused that visit is held against (src/scale/previous.ts).
 */
export function reusableVisit(db: Db, visitId: number): (ReusableAccessibility & { portalId: string | null; url: string }) | null {
  const row = db.prepare(`SELECT ${REUSABLE_COLUMNS}, c.portal_id AS portalId, v.url
    FROM check_visit v JOIN portal_check c ON c.id = v.check_id
    WHERE v.id = ? AND v.fingerprint IS NOT NULL AND v.a11y_reused_from IS NULL AND v.status = 'ok'`).get(visitId) as (ReusableRow & { portalId: string | null; url: string }) | undefined;
  const reusable = reusableOf(db, row);
  return reusable && row ? { ...reusable, portalId: row.portalId, url: row.url } : null;
}

/** How many of a check's visits reused accessibility evidence, and from which visits. */
export function reusedVisitsOfCheck(db: Db, checkId: number): Array<{ pageIndex: number; url: string; reusedFrom: number; fromCheck: number }> {
  return db.prepare(`SELECT v.page_index AS pageIndex, v.url, v.a11y_reused_from AS reusedFrom, s.check_id AS fromCheck
    FROM check_visit v JOIN check_visit s ON s.id = v.a11y_reused_from WHERE v.check_id = ? ORDER BY v.page_index`).all(checkId) as Array<{ pageIndex: number; url: string; reusedFrom: number; fromCheck: number }>;
}
