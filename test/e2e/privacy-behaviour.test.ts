// Trackers found by what they do, by real Chromium against the sandbox's behaviour fixtures
// (scripts/sandbox/privacy-behaviour-fixtures.ts): each behaviour on a page that must fail and
// on a twin that must pass, through the checker's whole privacy visit and the criterion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { BEHAVIOUR_PAGES, FIXTURE_IDENTIFIERS } from '../../scripts/sandbox/privacy-behaviour-fixtures.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import type { Checker, PortalCheck } from '../../src/checks/checker.ts';
import type { BehaviourFinding } from '../../src/checks/evidence/behaviour/findings.ts';
import type { PageEvidence } from '../../src/checks/types.ts';
import { sandboxChecker } from '../helpers/checks.ts';

type Name = keyof typeof BEHAVIOUR_PAGES;
const NAMES = Object.keys(BEHAVIOUR_PAGES) as Name[];
const CRITERION = 'privacy.no-tracking-behaviour';
const COLLECTOR = 'https://thuthap.sandbox';

let sandbox: Sandbox;
let checker: Checker;
const checks = {} as Record<Name, PortalCheck>;

beforeAll(async () => {
  sandbox = await startSandbox();
  checker = sandboxChecker(sandbox);
  // Two at a time: the machine is shared.
  for (let i = 0; i < NAMES.length; i += 2) {
    await Promise.all(NAMES.slice(i, i + 2).map(async (name) => {
      checks[name] = await checker.checkPortal({ portalId: null, homeUrl: `${FIXTURES_ORIGIN}${BEHAVIOUR_PAGES[name]}`, pages: [] }, { areas: ['privacy'] });
    }));
  }
}, 600_000);

afterAll(async () => {
  await checker?.close();
  await sandbox?.close();
});

const home = (name: Name): PageEvidence => checks[name].visits[0]!.evidence;
const findings = (name: Name): BehaviourFinding[] => home(name).behaviour!.findings;
const ofKind = (name: Name, kind: BehaviourFinding['kind']) => findings(name).filter((f) => f.kind === kind);
const outcome = (name: Name) => checks[name].results.find((r) => r.level === 'page' && r.criterionId === CRITERION)!;

describe('every visit records behaviour evidence, and the passing twins have none', () => {
  it('no scanner error on any fixture', () => {
    expect(NAMES.filter((n) => home(n).error).map((n) => `${n}: ${home(n).error!.message}`)).toEqual([]);
    for (const n of NAMES) expect(home(n).behaviour, n).toBeTruthy();
  });

  it.each(['canvasChart', 'audioBeep', 'clickListener', 'normalForm', 'flagCookie', 'ordinaryImage'] as const)('%s passes with no finding', (name) => {
    expect(findings(name).map((f) => `${f.kind} ${f.script} ${JSON.stringify(f.facts)}`)).toEqual([]);
    expect(outcome(name).outcome).toBe('pass');
  });

  it.each(['canvasFingerprint', 'audioFingerprint', 'sessionRecording', 'hotjar', 'keylogger', 'identifierCookie', 'measurement'] as const)('%s fails, one detail per finding, pointing into the evidence', (name) => {
    const r = outcome(name);
    expect(r.outcome).toBe('fail');
    expect(r.details.map((d) => d.evidence?.path)).toEqual(findings(name).map((_, i) => `behaviour.findings[${i}]`));
    expect(r.details.every((d) => d.code.startsWith('behaviour.') && d.text.vi && d.text.en)).toBe(true);
  });
});

describe('the findings carry the script, the calls and the request', () => {
  it('canvas: text drawn in two colours on a 240x60 canvas, then read back, by the third party\'s script', () => {
    const [f, ...rest] = ofKind('canvasFingerprint', 'canvas_fingerprint');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ script: `${COLLECTOR}/van-tay.js`, stack: [`${COLLECTOR}/van-tay.js`], frame: 0, facts: { read: 'toDataURL', width: 240, height: 60, colours: 2 } });
    expect(f!.calls).toEqual(expect.arrayContaining([{ name: 'fillText', count: 2 }, { name: 'fillRect', count: 1 }, { name: 'toDataURL', count: 1 }]));
  });

  it('audio: an oscillator through a compressor rendered offline and read', () => {
    const [f] = ofKind('audioFingerprint', 'audio_fingerprint');
    expect(f).toMatchObject({ script: `${COLLECTOR}/am-thanh.js`, facts: { read: 'startRendering', offline: true, compressor: true } });
    expect(f!.calls.map((c) => c.name)).toEqual(expect.arrayContaining(['createOscillator', 'createDynamicsCompressor', 'startRendering', 'getChannelData']));
  });

  it('session recording by its listeners and MutationObserver, from a host no list knows', () => {
    const byListeners = ofKind('sessionRecording', 'session_recording').filter((f) => f.facts.via === 'listeners');
    expect(byListeners).toHaveLength(1);
    const f = byListeners[0]!;
    expect(f).toMatchObject({ script: `${COLLECTOR}/ghi-phien.js`, facts: { vendor: null, eventTypes: 12 } });
    expect(f.calls).toContainEqual({ name: 'MutationObserver.observe', count: 1 });
    expect(f.calls).toContainEqual({ name: 'addEventListener:keydown', count: 1 });
    // The request that loaded the script, in the page's requests.
    expect(home('sessionRecording').requests[f.request!.index!]!.url).toBe(`${COLLECTOR}/ghi-phien.js`);
  });

  it('Hotjar by its listeners, its global and its host', () => {
    const f = ofKind('hotjar', 'session_recording');
    expect(f.map((x) => [x.facts.via, x.facts.vendor])).toEqual(expect.arrayContaining([['listeners', 'hotjar'], ['global', 'hotjar'], ['request', 'hotjar']]));
    expect(f.find((x) => x.facts.via === 'global')!.facts.global).toBe('_hjSettings');
    expect(f.find((x) => x.facts.via === 'listeners')!.script).toBe('https://static.hotjar.com/c/hotjar-3141592.js?sv=6');
  });

  it('keystrokes: each field sent to the third party before submit, as typed, hashed and in base64; the portal\'s own search suggestions are not a finding', () => {
    const b = home('keylogger').behaviour!;
    expect(b.keystrokes).toMatchObject({ fields: 4, error: null });
    expect(b.keystrokes!.firstPartyHits).toBeGreaterThanOrEqual(1);
    const sent = ofKind('keylogger', 'keystrokes_sent').map((f) => [f.facts.fieldName, f.facts.encoding, f.facts.inBody, f.facts.host, f.request!.method]);
    expect(sent).toEqual([
      ['ho_ten', 'plain', false, 'thuthap.sandbox', 'GET'],
      ['email', 'sha256', true, 'thuthap.sandbox', 'POST'],
      ['dien_thoai', 'base64', true, 'thuthap.sandbox', 'POST'],
    ]);
    // The canary is the visit's own value: what was typed starts with its stem.
    const text = ofKind('keylogger', 'keystrokes_sent')[0]!;
    expect(text.request!.url).toContain(`v=${b.keystrokes!.canary}`);
    expect(home('keylogger').requests.some((r) => r.url.includes('/gui'))).toBe(false);
  });

  it('keystrokes: the probe typed into the normal form, sent nothing and never submitted it', () => {
    const b = home('normalForm').behaviour!;
    expect(b.keystrokes).toMatchObject({ fields: 3, firstPartyHits: 0, error: null });
    expect(home('normalForm').requests.filter((r) => new URL(r.url).pathname === '/gui')).toEqual([]);
    expect(home('normalForm').requests.filter((r) => r.type === 'Document').map((r) => r.url)).toEqual([`${FIXTURES_ORIGIN}${BEHAVIOUR_PAGES.normalForm}`]);
  });

  it('identifiers: a third-party cookie (refused by the test browser), one written in a third-party frame, and storage a third-party script wrote; no value kept', () => {
    const cookies = ofKind('identifierCookie', 'identifier_cookie').map((f) => [f.facts.name, f.facts.domain, f.facts.party, f.facts.length, f.calls[0]!.name, f.script]);
    expect(cookies).toEqual([
      ['tt_uid', 'thuthap.sandbox', 'third', 32, 'Set-Cookie', `${COLLECTOR}/dinh-danh.gif`],
      ['tt_frame', 'thuthap.sandbox', 'third', 22, 'document.cookie', `${COLLECTOR}/khung-cookie?kieu=dinh-danh`],
    ]);
    for (const f of ofKind('identifierCookie', 'identifier_cookie')) expect(f.facts.entropy).toBeGreaterThanOrEqual(3);
    const storage = ofKind('identifierCookie', 'identifier_storage');
    expect(storage.map((f) => [f.facts.key, f.facts.area, f.facts.writer, f.script])).toEqual([['tt_device', 'local', 'third', `${COLLECTOR}/luu-tru.js?kieu=dinh-danh`]]);
    const stored = JSON.stringify(checks.identifierCookie);
    for (const value of Object.values(FIXTURE_IDENTIFIERS)) expect(stored).not.toContain(value);
  });

  it('measurement calls by their shape: the pixel through its script, GA4, and a self-hosted Matomo', () => {
    const calls = ofKind('measurement', 'measurement_call').map((f) => [f.facts.vendor, f.facts.host, f.facts.party, f.facts.account]);
    expect(calls).toEqual(expect.arrayContaining([
      ['facebook_pixel', 'www.facebook.com', 'third', '1234567890123456'],
      ['google_analytics', 'www.google-analytics.com', 'third', 'G-KT12345678'],
      ['matomo', 'kiemthu.sandbox', 'first', '3'],
    ]));
    expect(calls).toHaveLength(3);
    const pixel = ofKind('measurement', 'measurement_call').find((f) => f.facts.vendor === 'facebook_pixel')!;
    expect(pixel.calls).toEqual([{ name: 'event:PageView', count: 1 }]);
    expect(home('measurement').requests[pixel.request!.index!]!.url).toBe(pixel.request!.url);
  });
});

describe('a hostile page cannot stall the visit; the checker\'s own code is not the page\'s', () => {
  it('a field that hangs the page when typed into: the probe gives up within its budget, the visit ends, the criterion cannot tell', () => {
    const e = home('stuckField');
    expect(e.error).toBeNull();
    expect(e.behaviour!.keystrokes!.error).toMatch(/longer than \d+ ms/);
    expect(e.durationMs).toBeLessThan(30_000);
    expect(outcome('stuckField').outcome).toBe('cant_tell');
  });

  it('a visit for both areas: what the checker itself runs in the page (axe-core reads text drawn on a canvas, the probes listen) is not the page\'s behaviour', async () => {
    const visit = await checker.visit(`${FIXTURES_ORIGIN}${BEHAVIOUR_PAGES.normalForm}`, 'other', 'kiemthu.sandbox', ['privacy', 'accessibility']);
    expect(visit.evidence.error).toBeNull();
    expect(visit.evidence.axe!.rules.length).toBeGreaterThan(0);
    expect(visit.evidence.behaviour!.findings).toEqual([]);
    expect(visit.evidence.behaviour!.keystrokes).toMatchObject({ fields: 3, error: null });
  }, 120_000);

  it('an accessibility-only visit records no behaviour', async () => {
    const visit = await checker.visit(`${FIXTURES_ORIGIN}${BEHAVIOUR_PAGES.keylogger}`, 'other', 'kiemthu.sandbox', ['accessibility']);
    expect(visit.evidence.error).toBeNull();
    expect(visit.evidence.behaviour).toBeNull();
  }, 120_000);
});
