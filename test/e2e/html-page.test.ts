// The statistics-page collector against the sandbox's Hà Nội page (server-rendered) and Đà
// Nẵng page (filled by JavaScript from a JSON endpoint), the latter rendered by Chromium.
import net from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unitFigures } from '../../scripts/sandbox/data.ts';
import { openStore } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import { collect, dumpMeasures, lastRunJobs, measureValue, snapshotsOfJobId, limitsFor } from '../helpers/collect.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { tempDir } from '../helpers/tmp.ts';

const SEED = 2026;
const NOW = new Date('2026-10-15T09:00:00+07:00');
const sandbox = useSandbox({ seed: SEED, now: NOW });

const METRICS = `
        "Hồ sơ tiếp nhận": dossiers.received
        "Tiếp nhận trực tuyến": dossiers.received_online
        "Hồ sơ giải quyết quá hạn": dossiers.resolved_late
        "Dịch vụ công trực tuyến toàn trình": services.online_full
        "Tỷ lệ hồ sơ trực tuyến": reported.online_dossier_rate`;

const hanoi = (valueColumn = 'Tháng {MM}/{YYYY}', cumulative = false) => `
  - id: thong-ke-hanoi
    kind: html-page
    url: "${sandbox.url}/sites/hanoi/thong-ke?thang={period}"
    agency: "tinh:01"
    cumulative: ${cumulative}
    table:
      selector: "#bang-thong-ke"
      metricsIn: rows
      labelColumn: Chỉ tiêu
      valueColumn: "${valueColumn}"
      metrics:${METRICS}`;

// A generous timeout: the wait ends as soon as the rows appear, and a loaded machine may be slow.
const danang = (url = `${sandbox.url}/sites/danang/thong-ke?thang={period}`, waitFor = '#bang-so-lieu tr') => `
  - id: thong-ke-danang
    kind: html-page
    url: "${url}"
    render: browser
    waitFor: "${waitFor}"
    timeoutMs: 30000
    periodText: "#tieu-de-thang"
    agency: "tinh:48"
    table:
      metricsIn: rows
      labelColumn: Chỉ tiêu
      valueColumn: Giá trị
      metrics:${METRICS}`;

function expectFigures(db: ReturnType<typeof openStore>, agency: string, gatewayCode: string, period: string) {
  const f = unitFigures(SEED, period, 'province', gatewayCode, NOW)!;
  expect(measureValue(db, agency, 'dossiers.received', period)?.value).toBe(f.monthly.received);
  expect(measureValue(db, agency, 'dossiers.received_online', period)?.value).toBe(f.monthly.receivedOnline);
  expect(measureValue(db, agency, 'dossiers.resolved_late', period)?.value).toBe(f.monthly.resolvedLate);
  expect(measureValue(db, agency, 'services.online_full', period)?.value).toBe(f.stock.onlineFull);
  expect(measureValue(db, agency, 'reported.online_dossier_rate', period)?.value).toBe(f.onlineRatePct);
}

describe('statistics page collector', () => {
  it('reads a server-rendered table by its header and row labels, in Vietnamese number formats', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    expect((await collect(db, hanoi(), ['2026-08', '2026-09'])).status).toBe('succeeded');
    expectFigures(db, 'tinh:01', '01', '2026-08');
    expectFigures(db, 'tinh:01', '01', '2026-09');
    db.close();
  });

  it('derives the months from the "Lũy kế" column, matching the month column', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    expect((await collect(db, hanoi('Lũy kế từ đầu năm', true), ['2026-01', '2026-02', '2026-03'])).status).toBe('succeeded');
    for (const period of ['2026-01', '2026-02', '2026-03']) {
      const f = unitFigures(SEED, period, 'province', '01', NOW)!;
      expect(measureValue(db, 'tinh:01', 'dossiers.received', period)?.value).toBe(f.monthly.received);
      expect(measureValue(db, 'tinh:01', 'dossiers.received_online', period)?.value).toBe(f.monthly.receivedOnline);
    }
    // The page prints "—" where it publishes no year-to-date figure: missing, with the reason.
    expect(measureValue(db, 'tinh:01', 'ytd.services.online_full', '2026-02')?.nullReason).toMatch(/^not_available: the portal wrote "—"/);
    db.close();
  });

  it('renders a JavaScript-filled page in Chromium and keeps the rendered HTML as evidence', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    expect((await collect(db, danang(), ['2026-08', '2026-09'])).status).toBe('succeeded');
    expectFigures(db, 'tinh:48', '48', '2026-08');
    expectFigures(db, 'tinh:48', '48', '2026-09');
    const [job] = lastRunJobs(db);
    const [snapshot] = snapshotsOfJobId(db, job!.id);
    expect(snapshot!.url).toBe(`${sandbox.url}/sites/danang/thong-ke?thang=2026-08`);
    expect(readBody(db, snapshot!.sha256)!.body.toString()).toContain('Tiếp nhận trực tuyến</td>');
    db.close();
  });

  it('refuses a page that shows another month than the one asked for', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    const summary = await collect(db, danang(`${sandbox.url}/sites/danang/thong-ke`), ['2026-09']);
    expect(summary.failures).toEqual([expect.objectContaining({ reason: 'wrong_period', message: expect.stringMatching(/shows 2026-10 .* where 2026-09 was asked for/) })]);
    expect(dumpMeasures(db)).toEqual([]);
    db.close();
  });

  const cases = [
    { site: 'hanoi', fault: { mode: 'redesigned' }, reason: 'unexpected_shape', kept: 1 },
    { site: 'hanoi', fault: { mode: 'html_200' }, reason: 'unexpected_shape', kept: 1 },
    { site: 'hanoi', fault: { mode: 'http_5xx', status: 503 }, reason: 'http_5xx', kept: 1 },
    { site: 'hanoi', fault: { mode: 'slow', delayMs: 3000 }, reason: 'timeout', kept: 0 },
    // Cut in half with a Content-Length that says so (issue 13 item 1: accepted before).
    { site: 'hanoi', fault: { mode: 'truncated' }, reason: 'truncated', kept: 1 },
    // The rendered page and the page as served, cut, both kept.
    { site: 'danang', fault: { mode: 'truncated' }, reason: 'truncated', kept: 2 },
    { site: 'danang', fault: { mode: 'redesigned' }, reason: 'unexpected_shape', kept: 1 },
    { site: 'danang', fault: { mode: 'http_5xx', status: 500 }, reason: 'http_5xx', kept: 1 },
    { site: 'danang', fault: { mode: 'reset' }, reason: 'connect_reset', kept: 0 },
  ] as const;
  for (const { site, fault, reason, kept } of cases) {
    it(`records ${site}'s ${fault.mode} as ${reason}, keeping earlier values${kept ? ' and the page' : ''}`, async () => {
      const db = openStore(join(tempDir(), 's.sqlite'));
      // After a redesign the rows never appear under their old id: wait for the heading instead, so
      // the test does not sit out the timeout (the renamed headers fail the extraction either way).
      const config = site === 'hanoi' ? hanoi() : danang(undefined, fault.mode === 'redesigned' ? '#tieu-de-thang' : undefined);
      // A page cut before its script never fills its table: no need to sit out a long wait for it.
      const faulty = fault.mode === 'truncated' ? config.replace('timeoutMs: 30000', 'timeoutMs: 3000') : config;
      await collect(db, config, ['2026-09']);
      const before = dumpMeasures(db);
      expect(before.length).toBe(5);
      sandbox.setFault(`site:${site}`, fault);
      const summary = await collect(db, faulty, ['2026-09'], { limits: limitsFor(fault) });
      expect(summary.failures.map((f) => f.reason)).toEqual([reason]);
      expect(dumpMeasures(db)).toEqual(before);
      expect(snapshotsOfJobId(db, lastRunJobs(db)[0]!.id)).toHaveLength(kept);
      db.close();
    });
  }

  // Issue 13 item 6: a browser-rendered page whose script never stops was still running at 120 s with timeoutMs 15000.
  it('stops a page whose script never ends at its own deadline, as timeout, and the run goes on', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    sandbox.setFault('site:danang', { mode: 'endless_script' });
    const t0 = performance.now();
    const summary = await collect(db, danang().replace('timeoutMs: 30000', 'timeoutMs: 3000') + hanoi(), ['2026-09']);
    const seconds = (performance.now() - t0) / 1000;
    expect(summary.failures).toEqual([expect.objectContaining({
      key: 'thong-ke-danang/2026-09', reason: 'timeout',
      message: expect.stringMatching(/did not hand over its HTML within 13 s \(a script that never stops\?\)/),
    })]);
    // The page's deadline is 3 s to load and wait, then 10 s to hand over its HTML.
    expect(seconds).toBeLessThan(40);
    expect(summary.jobsSucceeded).toBe(1);
    expectFigures(db, 'tinh:01', '01', '2026-09');
    expect(dumpMeasures(db).filter((m) => (m as { agency_code: string }).agency_code === 'tinh:48')).toEqual([]);
    db.close();
  });

  it('kills a job at its hard deadline (jobTimeoutMs): a browser page, and an HTTP request in flight', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    sandbox.setFault('site:danang', { mode: 'endless_script' });
    sandbox.setFault('site:hanoi', { mode: 'slow', delayMs: 30_000 });
    const withDeadline = (yaml: string) => yaml.replace('    kind: html-page\n', '    kind: html-page\n    jobTimeoutMs: 3000\n');
    const t0 = performance.now();
    const summary = await collect(db, withDeadline(danang()) + withDeadline(hanoi()), ['2026-09'], { limits: { headersTimeoutMs: 60_000, bodyTimeoutMs: 60_000, totalTimeoutMs: 60_000 } });
    const seconds = (performance.now() - t0) / 1000;
    expect(summary.failures.map((f) => [f.key, f.reason]).sort()).toEqual([['thong-ke-danang/2026-09', 'timeout'], ['thong-ke-hanoi/2026-09', 'timeout']]);
    for (const f of summary.failures) expect(f.message).toMatch(/passed its hard deadline of 3 s and was stopped/);
    // Neither the page's own 30 s nor the request's 60 s was waited for.
    expect(seconds).toBeLessThan(20);
    expect(dumpMeasures(db)).toEqual([]);
    db.close();
  });

  it('names a page whose connection closes before its Content-Length truncated, static or in Chromium, and keeps what arrived', async () => {
    const page = (await (await fetch(`${sandbox.url}/sites/hanoi/thong-ke?thang=2026-09`)).text());
    const cutAt = Buffer.byteLength(page.slice(0, page.indexOf('</tbody>')));
    const server = net.createServer((socket) => socket.once('data', () => {
      const body = Buffer.from(page, 'utf8');
      socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`), body.subarray(0, cutAt)]));
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/thong-ke?thang={period}`;
    try {
      for (const render of ['static', 'browser']) {
        const db = openStore(join(tempDir(), 's.sqlite'));
        const config = hanoi().replace(`${sandbox.url}/sites/hanoi/thong-ke?thang={period}`, url).replace('    kind: html-page\n', `    kind: html-page\n    render: ${render}\n`);
        const summary = await collect(db, config, ['2026-09'], { limits: { retries: 0 } });
        expect(summary.failures.map((f) => f.reason), render).toEqual(['truncated']);
        expect(dumpMeasures(db)).toEqual([]);
        // The static client kept the part that arrived as evidence.
        if (render === 'static') expect(snapshotsOfJobId(db, lastRunJobs(db)[0]!.id).map((s) => s.status)).toEqual([200]);
        db.close();
      }
    } finally {
      server.close();
    }
  });

  it('refuses JSON where a page was expected', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    const config = hanoi().replace(`${sandbox.url}/sites/hanoi/thong-ke?thang={period}`, `${sandbox.url}/sites/danang/api/thong-ke?thang={period}`);
    const summary = await collect(db, config, ['2026-09']);
    expect(summary.failures.map((f) => f.reason)).toEqual(['not_html']);
    db.close();
  });
});
