// The checks run in Debian's headless shell when it is installed and in the full Chromium
// otherwise (src/browser/launch.ts). The evidence must not depend on which: the same pages,
// checked in both, give the same evidence and the same verdicts, timings aside. The
// pages are the ones where the builds differ by default: other sites' frames and workers (the
// shell would keep them in the page's renderer), third-party cookies (the full browser's
// incognito context refuses them, the shell's does not), every kind of stored state, a consent
// banner answered twice, and a keyboard walk. One difference is kept, on purpose: the full
// browser's incognito context also denies other sites' frames their storage, so a tracker's frame
// cannot even try; the shell lets it write, as an ordinary visitor's browser does, and the
// evidence records what it wrote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PAGES, FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { EVIDENCE_HOSTS, EVIDENCE_PAGE, TRACKER_FRAMES_PAGE } from '../../scripts/sandbox/evidence-fixtures.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { Checker } from '../../src/checks/checker.ts';
import { siteOf } from '../../src/checks/evidence/third-parties.ts';
import { judgePortal } from '../../src/checks/judge.ts';
import type { Area, PageEvidence, PageKind } from '../../src/checks/types.ts';
import { sandboxCheckSettings, withoutTimings } from '../helpers/checks.ts';

const SHELL = '/usr/bin/chromium-headless-shell';
const FULL = '/usr/bin/chromium';
const AREAS: Area[] = ['privacy', 'accessibility'];

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const PAGES: Array<[string, PageKind]> = [
  [`https://${EVIDENCE_HOSTS.top}${EVIDENCE_PAGE}`, 'other'],
  [`https://${EVIDENCE_HOSTS.top}${TRACKER_FRAMES_PAGE}`, 'other'],
  [`https://kiemthu.sandbox${FIXTURE_PAGES.isolation.writer}`, 'other'],
  [`${FIXTURES_ORIGIN}${FIXTURE_PAGES.consent.respected}`, 'home'],
];

async function evidenceIn(executablePath: string): Promise<PageEvidence[]> {
  const checker = new Checker(sandboxCheckSettings(sandbox, { keyboardSample: 10 }), executablePath);
  try {
    const out: PageEvidence[] = [];
    for (const [url, kind] of PAGES) out.push((await checker.visit(url, kind, siteOf(new URL(url).hostname), AREAS)).evidence);
    return out;
  } finally {
    await checker.close();
  }
}

// Races of the visit itself, in either build (the same build twice can differ), left out: an
// event stream still open when the visit ends may be recorded as cut; a worker's request answered
// before its session listened is adopted from the answer (method "unknown") or not seen at all, so
// only the documents' own requests are compared.
const DOCUMENT_CONTEXTS = new Set(['page', 'iframe']);
const streamCut = (r: PageEvidence['requests'][number]) => r.type === 'EventSource' && r.failed === 'net::ERR_ABORTED';

/**
 * The answers the documents' requests got. A worker's own script is left out: its answer may come
 * before or after the worker's session listens, in either build (both were seen, under load).
 */
function statuses(e: PageEvidence): Map<string, number | null> {
  const workerScripts = new Set((e.targets ?? []).filter((t) => t.kind.endsWith('worker')).map((t) => t.url));
  return new Map(e.requests.filter((r) => DOCUMENT_CONTEXTS.has(r.context?.kind ?? '') && r.status !== null && !workerScripts.has(r.url))
    .map((r) => [`${r.method} ${r.url} frame ${r.frame}`, r.status]));
}

/** Storage of another site's frame: written in the shell, denied in the full browser (above). */
const isOtherSitesFrame = (s: PageEvidence['storage'][number]) => s.party === 'third' && (s.frame ?? 0) > 0;

const sorted = (lines: string[]) => [...new Set(lines)].sort();

/**
 * What a page's evidence says, in a form two visits can agree on: the requests as a set (they
 * race one another), what was stored and refused, the targets, axe's and the keyboard's findings,
 * and every criterion's verdict; answers apart (statuses), timings aside.
 */
function said(e: PageEvidence) {
  return {
    error: e.error,
    document: withoutTimings(e.document),
    requests: sorted(e.requests.filter((r) => DOCUMENT_CONTEXTS.has(r.context?.kind ?? '') && r.method !== 'unknown')
      .map((r) => `${r.type} ${r.method} ${r.url} ${r.party} ${streamCut(r) ? '' : r.failed ?? ''} frame ${r.frame} ${r.context?.kind ?? ''}`)),
    cookies: sorted(e.cookies.map((c) => `${c.domain} ${c.name} ${c.party} stored ${c.stored} by ${c.setBy?.via ?? ''} ${c.refusedBecause?.join(',') ?? ''}`)),
    storage: sorted(e.storage.filter((s) => !isOtherSitesFrame(s)).map((s) => `${s.origin} ${s.area} ${s.key} ${s.party}`)),
    targets: sorted((e.targets ?? []).map((t) => `${t.kind} ${t.url} ${t.depth}`)),
    popups: e.popups, dialogs: e.dialogs, personalData: e.personalData, forms: e.forms,
    axe: (e.axe?.rules ?? []).filter((r) => r.result === 'violation' || r.result === 'incomplete').map((r) => `${r.id} ${r.result} ${r.nodes}`).sort(),
    keyboard: e.keyboard && { stops: e.keyboard.stops.length, completed: e.keyboard.completed, trap: e.keyboard.trap, stuck: e.keyboard.stuck, notJudged: e.keyboard.notJudged },
    verdicts: judgePortal({ home: e, pages: [] }, AREAS, '2026-12-07').map((r) => `${r.criterionId} ${r.outcome}`),
  };
}

describe('the headless shell and the full Chromium', () => {
  it('give the same evidence and verdicts of the same pages', { timeout: 600_000 }, async () => {
    const shell = await evidenceIn(SHELL);
    const full = await evidenceIn(FULL);
    for (let i = 0; i < PAGES.length; i++) {
      expect(shell[i]!.error, PAGES[i]![0]).toBeNull();
      expect(said(shell[i]!), PAGES[i]![0]).toEqual(said(full[i]!));
      expect(statuses(shell[i]!), PAGES[i]![0]).toEqual(statuses(full[i]!));
    }
    // The pages did exercise what differs: frames and workers of other sites, refused third-party cookies.
    expect(said(shell[0]!).targets.filter((t) => t.startsWith('iframe')).length).toBe(2);
    expect(shell[1]!.cookies.filter((c) => c.party === 'third' && !c.stored).length).toBeGreaterThan(0);
    // The one difference kept: the trackers' frames wrote their storage in the shell, and only there.
    expect(shell[1]!.storage.filter(isOtherSitesFrame).map((s) => `${s.origin} ${s.key}`).sort()).toEqual([
      'https://googleads.g.doubleclick.net goog_ad_id', 'https://platform.twitter.com __widgetsettings', 'https://www.youtube.com yt-player-bandwidth',
    ]);
    expect(full[1]!.storage.filter(isOtherSitesFrame)).toEqual([]);
  });
});
