// The privacy evidence misses nothing a page does: requests of every kind, from the page, its
// out-of-process frames (depth 1 and 2), its workers and its WebSockets, each attributed to the
// frame it came from; trackers' frames' requests, cookies and script writes. Real Chromium
// against the sandbox, whose server says what it was really asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVIDENCE_FRAME_PAGES, EVIDENCE_HOSTS, EVIDENCE_PAGE, TRACKER_FRAME_HOSTS, TRACKER_FRAMES_PAGE,
} from '../../scripts/sandbox/evidence-fixtures.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import type { Checker } from '../../src/checks/checker.ts';
import { noTrackerBeforeConsent } from '../../src/checks/criteria/privacy/no-tracker-before-consent.ts';
import { noNonEssentialCookieBeforeConsent } from '../../src/checks/criteria/privacy/no-nonessential-cookie-before-consent.ts';
import type { PageEvidence } from '../../src/checks/types.ts';
import { sandboxChecker } from '../helpers/checks.ts';

let sandbox: Sandbox;
let checker: Checker;
let everyKind: PageEvidence;
let trackerFrames: PageEvidence;
let seen: Array<{ host: string; path: string; method: string }>;

beforeAll(async () => {
  sandbox = await startSandbox();
  checker = sandboxChecker(sandbox, { filterList: 'reference/trackers/easyprivacy-202309050832.txt' });
  everyKind = (await checker.visit(`https://${EVIDENCE_HOSTS.top}${EVIDENCE_PAGE}`, 'other', EVIDENCE_HOSTS.top, ['privacy'])).evidence;
  seen = sandbox.publicRequests().filter((r) => r.path.startsWith('/bang-chung/'));
  trackerFrames = (await checker.visit(`https://${EVIDENCE_HOSTS.top}${TRACKER_FRAMES_PAGE}`, 'other', EVIDENCE_HOSTS.top, ['privacy'])).evidence;
}, 180_000);

afterAll(async () => {
  await checker?.close();
  await sandbox?.close();
});

const inEvidence = (ev: PageEvidence, host: string, path: string) =>
  ev.requests.find((r) => r.url === `https://${host}${path}` || r.url === `wss://${host}${path}`);

describe('a page that makes every kind of request from every kind of context', () => {
  it('the visit succeeds and sees both frame levels and every worker', () => {
    expect(everyKind.error).toBeNull();
    expect(everyKind.frames.map((f) => f.url)).toEqual([
      `https://${EVIDENCE_HOSTS.top}${EVIDENCE_PAGE}`,
      `https://${EVIDENCE_HOSTS.frame1}${EVIDENCE_FRAME_PAGES.frame1}`,
      `https://${EVIDENCE_HOSTS.frame2}${EVIDENCE_FRAME_PAGES.frame2}`,
    ]);
    const targets = (everyKind.targets ?? []).map((t) => `${t.kind} ${t.url}`).sort();
    expect(targets).toEqual([
      `iframe https://${EVIDENCE_HOSTS.frame1}${EVIDENCE_FRAME_PAGES.frame1}`,
      `iframe https://${EVIDENCE_HOSTS.frame2}${EVIDENCE_FRAME_PAGES.frame2}`,
      `worker https://${EVIDENCE_HOSTS.frame1}/bang-chung/r/k1-worker.js`,
      `worker https://${EVIDENCE_HOSTS.top}/bang-chung/r/top-worker.js`,
      `shared_worker https://${EVIDENCE_HOSTS.top}/bang-chung/r/top-shared-worker.js`,
    ].sort());
  });

  it('every request the server saw is in the evidence, but perhaps a shared worker\'s first fetch', () => {
    // A shared worker is attached from a browser-level session once it exists; Playwright has
    // already let it run, so a fetch it makes at once can be over before we listen, and its
    // Resource Timing leaves out a response whose body was never read (shared-workers.ts).
    const missing = seen.filter((r) => !inEvidence(everyKind, r.host, r.path)).map((r) => `${r.host}${r.path}`);
    expect(seen.length).toBeGreaterThanOrEqual(27);
    expect(missing.filter((m) => !m.endsWith('/bang-chung/r/top-shared-worker-fetch'))).toEqual([]);
    const shared = inEvidence(everyKind, EVIDENCE_HOSTS.top, '/bang-chung/r/top-shared-worker-fetch');
    if (shared) expect(shared).toMatchObject({ frame: 0, context: { kind: 'shared_worker' } });
  });

  it('records the service worker the page tried to register, which the checker blocks', () => {
    expect(everyKind.serviceWorkers).toEqual([
      expect.objectContaining({ url: `https://${EVIDENCE_HOSTS.top}/bang-chung/r/top-service-worker.js`, frame: 0, script: `https://${EVIDENCE_HOSTS.top}/bang-chung/r/top-script.js` }),
    ]);
    expect(seen.some((r) => r.path.includes('service-worker'))).toBe(false);
  });

  it('each request names the frame it was made for, and a worker\'s its worker', () => {
    const frameOf = { top: 0, k1: 1, k2: 2 } as const;
    for (const r of seen) {
      const who = /\/bang-chung\/r\/(top|k1|k2)-/.exec(r.path)?.[1] as keyof typeof frameOf | undefined;
      const record = inEvidence(everyKind, r.host, r.path);
      if (!who || !record) continue;
      expect(record.frame, `${r.host}${r.path}`).toBe(frameOf[who]);
      if (/-worker-fetch/.test(r.path)) expect(record.context?.kind, r.path).toBe(r.path.includes('shared') ? 'shared_worker' : 'worker');
    }
    expect(inEvidence(everyKind, EVIDENCE_HOSTS.frame2, EVIDENCE_FRAME_PAGES.frame2)?.frame).toBe(2);
  });

  it('WebSockets from the page and from a frame are requests, with the sizes of their frames', () => {
    const top = inEvidence(everyKind, EVIDENCE_HOSTS.top, '/bang-chung/ws?from=top')!;
    const frame = inEvidence(everyKind, EVIDENCE_HOSTS.frame1, '/bang-chung/ws?from=k1')!;
    expect(top).toMatchObject({ type: 'WebSocket', status: 101, frame: 0 });
    expect(frame).toMatchObject({ type: 'WebSocket', status: 101, frame: 1, party: 'third' });
    expect(top.socket?.sent).toEqual([Buffer.byteLength('{"trang":"moi-nguon"}')]);
    expect(top.socket?.received).toEqual([Buffer.byteLength('{"chao":"xin chào"}')]);
    expect(frame.socket?.sent).toEqual([Buffer.byteLength('{"khung":"k1"}')]);
  });

  it('requests carry their times and their initiator', () => {
    // (a fetch whose body the page never reads never finishes loading: an XHR reads its own)
    const fetch = inEvidence(everyKind, EVIDENCE_HOSTS.top, '/bang-chung/r/top-xhr')!;
    expect(Date.parse(fetch.startedAt!)).toBeGreaterThan(0);
    expect(fetch.durationMs).toBeGreaterThanOrEqual(0);
    expect(fetch.initiator).toMatchObject({ type: 'script', url: `https://${EVIDENCE_HOSTS.top}/bang-chung/r/top-script.js` });
  });
});

describe('a portal page embedding three trackers\' frames', () => {
  it('each frame\'s measurement request is in the evidence, matched by the filter list, in its frame', () => {
    expect(trackerFrames.error).toBeNull();
    const inFrames = trackerFrames.requests.filter((r) => r.type === 'Image' && r.filterMatch);
    expect(inFrames.map((r) => r.host).sort()).toEqual([...TRACKER_FRAME_HOSTS].sort());
    for (const r of inFrames) expect(trackerFrames.frames[r.frame!]?.url.startsWith(`https://${r.host}/`)).toBe(true);
  });

  it('the cookies each tracker tried to set, by header and by script, are recorded though the browser refused them', () => {
    const cookies = trackerFrames.cookies.map((c) => `${c.domain} ${c.name} ${c.setBy.via} ${c.stored}`).sort();
    expect(cookies).toEqual([
      'googleads.g.doubleclick.net IDE header false', 'googleads.g.doubleclick.net __gads_k script false',
      'platform.twitter.com guest_id header false', 'platform.twitter.com tw_widget script false',
      'www.youtube.com VISITOR_INFO1_LIVE header false', 'www.youtube.com yt_phien script false',
    ].sort());
    const script = trackerFrames.cookies.find((c) => c.name === 'tw_widget')!;
    expect(script).toMatchObject({ party: 'third', expiresInS: 31536000, refusedBecause: ['NotStoredAfterScriptWrite'] });
  });

  it('the criteria judge what happened inside the frames', () => {
    const trackers = noTrackerBeforeConsent.judge(trackerFrames);
    expect(trackers.outcome).toBe('fail');
    const requested = trackers.details.filter((d) => d.code === 'tracker.request').map((d) => (d.data as { host: string; type: string }));
    expect(requested.filter((r) => r.type === 'Image').map((r) => r.host).sort()).toEqual([...TRACKER_FRAME_HOSTS].sort());
    const cookies = noNonEssentialCookieBeforeConsent.judge(trackerFrames);
    expect(cookies.details.filter((d) => d.code === 'cookie.non_essential')).toHaveLength(6);
  });
});
