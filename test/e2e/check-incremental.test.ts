// Incremental re-checks: a page unchanged since its last complete check reuses that check's
// accessibility evidence (and so its verdicts), naming the visit it came from; privacy evidence
// is collected afresh; a changed style sheet, `--full` (full) and an origin older than
// checks.fullRecheckEvery each force a full check.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Checker, DEFAULT_CHECK_SETTINGS, type PortalCheck } from '../../src/checks/checker.ts';
import { previousFromStore } from '../../src/checks/execute-check-job.ts';
import { reusedVisitsOfCheck, saveCheck } from '../../storage/checks.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { tempDir } from '../helpers/tmp.ts';

let server: Server;
let base = '';
let colour = '#222';
let hits = 0;
const PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tra cứu hồ sơ</title><link rel="stylesheet" href="/style.css"></head>
<body><main><h1>Tra cứu hồ sơ</h1><p class="note">Nhập mã hồ sơ để tra cứu.</p>
<form action="/tra-cuu"><label for="ma">Mã hồ sơ</label><input id="ma" name="ma"><button>Tra cứu</button></form>
<a href="/huong-dan">Hướng dẫn</a></main></body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/style.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(`body { font: 16px sans-serif; background: #fff } .note { color: ${colour} }`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'phien=1; Path=/; HttpOnly' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const settings = { ...DEFAULT_CHECK_SETTINGS, concurrency: 1, keyboardSample: 10 };

async function check(db: Db, at: Date, full = false, viewport?: { width: number; height: number }): Promise<{ check: PortalCheck; checkId: number; visitId: number }> {
  const checker = new Checker(settings);
  try {
    const check = await checker.checkPortal({ portalId: null, homeUrl: `${base}/tra-cuu-ho-so`, pages: [] }, {
      areas: ['privacy', 'accessibility'], now: () => at, previous: previousFromStore(db, null, settings, at, full), ...(viewport ? { viewport } : {}),
    });
    const saved = saveCheck(db, { runId: null, jobId: null, check });
    return { check, checkId: saved.checkId, visitId: saved.visits[0]!.id };
  } finally {
    await checker.close();
  }
}

const outcomes = (c: PortalCheck, area: string) => c.results.filter((r) => r.area === area).map((r) => `${r.level} ${r.criterionId} ${r.outcome}`).sort();

describe('incremental re-checks', () => {
  it('reuses the accessibility evidence of an unchanged page, and only then', { timeout: 240_000 }, async () => {
    const db = openStore(join(tempDir(), 'store.sqlite'));
    // Visits carry the real clock; the checks' own clocks count from it.
    const night1 = new Date();
    const first = await check(db, night1);
    const home1 = first.check.visits[0]!.evidence;
    expect(home1.error).toBeNull();
    expect(home1.fingerprint).toMatchObject({ complete: true, missing: null });
    expect(home1.fingerprint!.resources).toBeGreaterThanOrEqual(2); // the page and its style sheet
    expect(home1.accessibilityReused ?? null).toBeNull();
    expect(home1.keyboard).not.toBeNull();

    // Night 2, nothing changed: accessibility evidence reused from night 1's visit, privacy afresh.
    hits = 0;
    const second = await check(db, new Date(night1.getTime() + 86_400_000));
    const home2 = second.check.visits[0]!.evidence;
    expect(home2.fingerprint!.sha256).toBe(home1.fingerprint!.sha256);
    expect(home2.accessibilityReused).toMatchObject({ checkId: first.checkId, visitId: first.visitId, collectedAt: home1.startedAt });
    expect(home2.axe).toEqual(home1.axe);
    expect(home2.keyboard).toEqual(home1.keyboard);
    expect(home2.reflow).toEqual(home1.reflow);
    expect(home2.interaction).toEqual(home1.interaction);
    expect(second.check.visits[0]!.axe).toBeNull(); // not run again…
    expect(outcomes(second.check, 'accessibility')).toEqual(outcomes(first.check, 'accessibility')); // …and the same verdicts
    expect(hits).toBeGreaterThan(0);
    expect(home2.requests.length).toBeGreaterThan(0);
    expect(home2.cookies.map((c) => c.name)).toContain('phien');
    expect(home2.startedAt).not.toBe(home1.startedAt);
    expect(reusedVisitsOfCheck(db, second.checkId)).toEqual([{ pageIndex: 0, url: `${base}/tra-cuu-ho-so`, reusedFrom: first.visitId, fromCheck: first.checkId }]);
    const axeOf = (visitId: number) => db.prepare('SELECT axe_sha256 FROM check_visit WHERE id = ?').pluck().get(visitId);
    expect(axeOf(second.visitId)).toBe(axeOf(first.visitId));

    // Night 3: still unchanged, reused again, from the visit that collected it (never a reuse of a reuse).
    const third = await check(db, new Date(night1.getTime() + 2 * 86_400_000));
    expect(third.check.visits[0]!.evidence.accessibilityReused).toMatchObject({ visitId: first.visitId });

    // `--full`: everything collected again.
    const full = await check(db, new Date(night1.getTime() + 3 * 86_400_000), true);
    expect(full.check.visits[0]!.evidence.accessibilityReused ?? null).toBeNull();
    expect(full.check.visits[0]!.axe).not.toBeNull();

    // A style sheet changed (the DOM did not): a full check.
    colour = '#bbb';
    const restyled = await check(db, new Date(night1.getTime() + 4 * 86_400_000));
    expect(restyled.check.visits[0]!.evidence.fingerprint!.sha256).not.toBe(home1.fingerprint!.sha256);
    expect(restyled.check.visits[0]!.evidence.accessibilityReused ?? null).toBeNull();

    // Unchanged since, but its last complete check is older than fullRecheckEvery (7 days): in full.
    const late = await check(db, new Date(night1.getTime() + 12 * 86_400_000));
    expect(late.check.visits[0]!.evidence.accessibilityReused ?? null).toBeNull();
    db.close();
  });

  it('never lends a desktop visit\'s accessibility evidence to a phone-sized one of the same page', { timeout: 240_000 }, async () => {
    colour = '#222';
    const db = openStore(join(tempDir(), 'store.sqlite'));
    const night1 = new Date();
    const desktop = await check(db, night1);
    const phone = await check(db, new Date(night1.getTime() + 86_400_000), false, { width: 390, height: 844 });
    const evidence = phone.check.visits[0]!.evidence;
    expect(evidence.fingerprint!.complete).toBe(true);
    expect(evidence.fingerprint!.sha256).not.toBe(desktop.check.visits[0]!.evidence.fingerprint!.sha256);
    expect(evidence.accessibilityReused ?? null).toBeNull();
    expect(phone.check.visits[0]!.axe).not.toBeNull();
    db.close();
  });
});
