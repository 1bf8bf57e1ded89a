// Checks in a real SQLite store: one transaction per check, evidence content-addressed and
// verifiable, and the reads alerts will use (latest and previous results per portal and
// criterion, trackers and cookies before consent per run).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cookiesOfRun, findingsOfResult, judgedResults, saveCheck, scoresOfCheck, thirdPartiesOfRun } from '../../storage/checks.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { createRun } from '../../storage/runs.ts';
import type { PortalCheck } from '../../src/checks/checker.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import { judgePortal } from '../../src/checks/judge.ts';
import { scoreArea } from '../../src/checks/score.ts';
import type { PageEvidence } from '../../src/checks/types.ts';
import { builtInAgencies } from '../../src/registry/agencies.ts';
import { tempDir } from '../helpers/tmp.ts';

const HOME = 'https://dichvucong.hanoi.gov.vn/';

/** A home page seen with or without a tracker; everything else as a careful portal has it. */
function homeEvidence(withTracker: boolean): PageEvidence {
  const e = emptyEvidence(HOME, 'home', new Date('2026-08-01T01:00:00Z'));
  return {
    ...e, finalUrl: HOME, lang: 'vi', title: 'Cổng DVC', text: 'Cổng dịch vụ công',
    document: { status: 200, headers: { 'strict-transport-security': 'max-age=31536000' }, tls: null, redirects: [] },
    requests: withTracker ? [{
      url: 'https://www.google-analytics.com/collect', host: 'www.google-analytics.com', method: 'GET', type: 'Image', party: 'third',
      initiator: { type: 'script', url: 'https://www.googletagmanager.com/gtag/js' }, status: 200, mimeType: 'image/gif', failed: null, bytes: 43, responseHeaders: { 'content-type': 'image/gif' },
      tracker: { entity: 'Google Analytics', categories: ['analytics'] },
    }] : [],
    cookies: withTracker ? [{
      name: '_ga', domain: '.hanoi.gov.vn', path: '/', secure: false, httpOnly: false, sameSite: null, expiresInS: 63072000, party: 'first',
      setBy: { via: 'script', url: 'https://www.googletagmanager.com/gtag/js' }, tracker: 'Google Analytics', valueLength: 26, stored: true, refusedBecause: null,
    }] : [],
  };
}

function check(withTracker: boolean, at: string): PortalCheck {
  const home = homeEvidence(withTracker);
  const results = judgePortal({ home, pages: [] }, ['privacy'], '2026-08-01');
  return {
    target: { portalId: 'dvc-hanoi', homeUrl: HOME, pages: [] }, areas: ['privacy'], startedAt: new Date(at), finishedAt: new Date(at), measuredOn: at.slice(0, 10),
    visits: [{ evidence: home, dom: Buffer.from('<html lang="vi"></html>'), axe: null, screenshot: Buffer.from([0xff, 0xd8, 0xff]), crops: [] }],
    results, scores: [scoreArea(results, 'privacy')],
    versions: { tool: '0.1.0', axe: '4.14.1', trackerList: 'third-party-web@0.30.0', browser: 'Chromium 156', criteria: 'criteria/2', scoring: 'score/2' },
  };
}

function store(): Db {
  const db = openStore(join(tempDir(), 'checks.sqlite'));
  syncRegistry(db, builtInAgencies(), [{ id: 'dvc-hanoi', agencyCode: 'tinh:01', name: 'Hà Nội', url: HOME, settings: {} }], []);
  return db;
}

const newRun = (db: Db, at: string) => createRun(db, { trigger: 'test', plan: {}, pid: 1, host: 'h', now: new Date(at), toolVersion: '0.1.0', nodeVersion: 'v20', configHash: 'x', axeVersion: '4.14.1', trackerListVersion: 'third-party-web@0.30.0', browserVersion: 'Chromium 156' }).id;

describe('checks in the store', () => {
  it('keeps visits, results with their basis, findings pointing into verifiable evidence, and scores', () => {
    const db = store();
    const runId = newRun(db, '2026-08-01T01:00:00Z');
    const saved = saveCheck(db, { runId, jobId: null, check: check(true, '2026-08-01T01:00:00Z') });
    const visit = saved.visits[0]!;
    const evidence = readBody(db, visit.blobs.evidence)!;
    expect(evidence.intact).toBe(true);
    expect(JSON.parse(evidence.body.toString()).requests[0].host).toBe('www.google-analytics.com');
    expect(readBody(db, visit.blobs.screenshot!)!.body).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    const tracker = db.prepare(`SELECT id, outcome, severity, basis_json FROM check_result WHERE criterion_id = 'privacy.no-tracker-before-consent' AND level = 'page'`).get() as { id: number; outcome: string; severity: string; basis_json: string };
    expect(tracker).toMatchObject({ outcome: 'fail', severity: 'serious' });
    expect(JSON.parse(tracker.basis_json)).toEqual([expect.objectContaining({ instrument: 'Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15', article: 'Điều 9' })]);
    const findings = findingsOfResult(db, tracker.id);
    expect(findings.find((f) => f.code === 'tracker.request')).toMatchObject({ evidenceSha256: visit.blobs.evidence, evidencePath: 'requests[0]' });
    expect(findings[0]!.text.vi).toMatch(/bên theo dõi/);
    expect(scoresOfCheck(db, saved.checkId)[0]).toMatchObject({ area: 'privacy', version: 'score/2' });
  });

  it('gives alerts the newest judged results of a criterion, and what was sent before consent', () => {
    const db = store();
    const first = newRun(db, '2026-08-01T01:00:00Z');
    saveCheck(db, { runId: first, jobId: null, check: check(false, '2026-08-01T01:00:00Z') });
    const second = newRun(db, '2026-08-02T01:00:00Z');
    saveCheck(db, { runId: second, jobId: null, check: check(true, '2026-08-02T01:00:00Z') });

    expect(judgedResults(db, 'dvc-hanoi', 'privacy.no-tracker-before-consent')).toMatchObject([{ outcome: 'fail', runId: second }, { outcome: 'pass', runId: first }]);
    expect(judgedResults(db, 'dvc-hanoi', 'privacy.hsts').map((r) => r.outcome)).toEqual(['pass', 'pass']);

    expect(thirdPartiesOfRun(db, second)).toEqual([{ portalId: 'dvc-hanoi', host: 'www.google-analytics.com', tracker: 'Google Analytics', requests: 1, pages: 1 }]);
    expect(thirdPartiesOfRun(db, first)).toEqual([]);
    expect(cookiesOfRun(db, second, { nonEssentialOnly: true })).toEqual([
      { portalId: 'dvc-hanoi', name: '_ga', domain: '.hanoi.gov.vn', party: 'first', tracker: 'Google Analytics', nonEssential: true, stored: true, setBy: 'https://www.googletagmanager.com/gtag/js' },
    ]);
  });

  it('writes a check whole or not at all', () => {
    const db = store();
    const bad = check(true, '2026-08-01T01:00:00Z');
    bad.target.portalId = 'not-a-portal'; // violates the foreign key at the first insert… after nothing else was written
    expect(() => saveCheck(db, { runId: null, jobId: null, check: bad })).toThrow(/FOREIGN KEY/);
    const broken = check(true, '2026-08-01T01:00:00Z');
    broken.results[3] = { ...broken.results[3]!, outcome: 'maybe' as never }; // fails the CHECK constraint half-way
    expect(() => saveCheck(db, { runId: null, jobId: null, check: broken })).toThrow(/CHECK/);
    for (const table of ['portal_check', 'check_visit', 'check_result', 'finding', 'check_score', 'check_cookie', 'check_third_party']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });
});
