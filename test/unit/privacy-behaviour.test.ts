// The pure parts of trackers-by-behaviour: entropy and identifier-like values, measurement
// calls by request shape, session-recorder hosts, the keystroke canary and its encodings, the
// canvas/audio/listener rules, and the criterion's judgement.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noTrackingBehaviour } from '../../src/checks/criteria/privacy/no-tracking-behaviour.ts';
import { canaryNeedles, canaryValue, findCanary } from '../../src/checks/evidence/behaviour/canary.ts';
import { cookieFindings, cookiePair, keystrokeFindings, storageFindings } from '../../src/checks/evidence/behaviour/collect.ts';
import { identifierLike, shannonEntropy } from '../../src/checks/evidence/behaviour/entropy.ts';
import {
  boundFindings, findingsFromLogs, isAudioFingerprint, isCanvasFingerprint, isSessionRecording, MAX_FINDINGS, measurementFindings, recorderRequests,
  type AudioRead, type BehaviourFinding, type CanvasRead,
} from '../../src/checks/evidence/behaviour/findings.ts';
import { measurementCalls, measurementShape, sessionRecorderOf } from '../../src/checks/evidence/behaviour/request-shapes.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import type { CookieRecord, RequestRecord } from '../../src/checks/types.ts';

describe('Shannon entropy', () => {
  it('is 0 for one repeated character, log2(n) for n distinct ones', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
    expect(shannonEntropy('ab')).toBe(1);
    expect(shannonEntropy('abcdefgh')).toBe(3);
    expect(shannonEntropy('0123456789abcdef')).toBe(4);
    // Two of one, one each of six others: 6 × (1/8 × 3) + 2/8 × 2.
    expect(shannonEntropy('aabcdefg')).toBeCloseTo(2.75, 10);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(shannonEntropy('😃😃')).toBe(0);
  });
});

describe('identifier-like values', () => {
  it.each([
    ['a random hex id', '3f9a1c7be0d24f6a8b1e5c2d9f07a4b3'],
    ['a UUID', '1b4e28ba-2fa1-11d2-883f-0016d3cca427'],
    ['a base64 id', 'Zk9xT2pXcE1hQnZy'],
    ['a Google Analytics client id', 'GA1.1.1834562907.1700000000'],
    ['an 8-character token', 'a8Fk2pQz'],
    ['an id inside JSON', '{"id":"7c1e9f0a2b4d6e8f","consent":false}'],
    ['an id in a key=value list', 'lang=vi&uid=9f8e7d6c5b4a3f2e1d0c'],
    ['a URL-encoded token', 'x%2F9Qa%2B7LmZ3kPw'],
  ])('%s is an identifier', (_, value) => {
    const v = identifierLike(value);
    expect(v.identifier).toBe(true);
    expect(v.length).toBe(Array.from(value).length);
    expect(v.entropy).toBeGreaterThanOrEqual(2.5);
  });

  it.each([
    ['a short flag', 'dark', 'short'],
    ['consent=false', 'false', 'short'],
    ['a boolean word', 'accepted', 'boolean'],
    ['a Unix time in seconds', '1700000000', 'timestamp'],
    ['a Unix time in milliseconds', '1700000000123', 'timestamp'],
    ['an ISO date', '2024-05-01', 'date'],
    ['an ISO date and time', '2024-05-01T10:20:30.000Z', 'date'],
    ['an HTTP date', 'Wed, 01 May 2024 10:20:30 GMT', 'date'],
    ['a locale', 'vi-VN', 'short'],
    ['a list of consent purposes', 'necessary,analytics,marketing', 'word'],
    ['a Vietnamese phrase', 'chế độ tối', 'word'],
    ['a counter', '1234567', 'short'],
    ['a price', '125000.50', 'number'],
    ['one character repeated', 'xxxxxxxxxxxxxxxx', 'low_entropy'],
  ])('%s is not an identifier', (_, value, why) => {
    const v = identifierLike(value);
    expect(v.identifier).toBe(false);
    expect(v.why).toBe(why);
  });

  it('a JSON value of flags and times only is not an identifier', () => {
    expect(identifierLike('{"consent":false,"ts":1700000000,"lang":"vi"}').identifier).toBe(false);
  });
});

const req = (url: string, extra: Partial<RequestRecord> = {}): RequestRecord => {
  const host = new URL(url).hostname;
  return {
    url, host, method: 'GET', type: 'Image', party: host.endsWith('kiemthu.sandbox') ? 'first' : 'third', initiator: { type: 'parser', url: 'https://kiemthu.sandbox/' },
    status: 200, mimeType: 'image/gif', failed: null, bytes: 43, responseHeaders: null, tracker: null, ...extra,
  };
};

describe('measurement calls by their request shape', () => {
  it.each([
    ['https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1', 'facebook_pixel', '1234567890', 'PageView'],
    ['https://www.facebook.com/tr/?id=42&ev=Lead', 'facebook_pixel', '42', 'Lead'],
    // A server-side relay on the portal's own host, with the pixel's shape.
    ['https://kiemthu.sandbox/tr?id=42&ev=PageView', 'facebook_pixel', '42', 'PageView'],
    ['https://www.google-analytics.com/g/collect?v=2&tid=G-ABC123&cid=1.2&en=page_view', 'google_analytics', 'G-ABC123', 'page_view'],
    ['https://www.google-analytics.com/collect?v=1&tid=UA-1-1&t=pageview', 'google_analytics', 'UA-1-1', 'pageview'],
    ['https://www.google-analytics.com/j/collect?v=1&_v=j101&tid=UA-1-1&t=event', 'google_analytics', 'UA-1-1', 'event'],
    ['https://region1.google-analytics.com/g/collect?v=2&tid=G-X', 'google_analytics', 'G-X', null],
    ['https://kiemthu.sandbox/analytics/collect?v=1&t=pageview', 'google_analytics', null, 'pageview'],
    ['https://thongke.kiemthu.sandbox/matomo.php?idsite=3&rec=1&action_name=Trang%20ch%E1%BB%A7', 'matomo', '3', 'Trang chủ'],
    ['https://kiemthu.sandbox/piwik/piwik.php?idsite=1&rec=1', 'matomo', '1', 'pageview'],
    ['https://mc.yandex.ru/watch/12345678?page-url=https%3A%2F%2Fx', 'yandex_metrica', '12345678', 'hit'],
    ['https://mc.yandex.ru/webvisor/12345678?rn=1', 'yandex_metrica', '12345678', 'webvisor'],
  ])('%s', (url, vendor, account, event) => {
    expect(measurementShape(url)).toEqual({ vendor, account, event });
  });

  it.each([
    'https://www.facebook.com/tr?id=1',           // no event
    'https://kiemthu.sandbox/tr?page=2',          // a path called tr
    'https://kiemthu.sandbox/thu-vien/collect?trang=2', // a gallery called collect
    'https://kiemthu.sandbox/collect?v=3',
    'https://kiemthu.sandbox/matomo.php',         // no site id
    'https://video.example/watch/12345',          // a video page, not Yandex
    'data:image/gif;base64,R0lGOD',
    'not a url',
  ])('%s is not a measurement call', (url) => {
    expect(measurementShape(url)).toBeNull();
  });

  it('groups calls by vendor, host and account, counting events, with the first request', () => {
    const requests = [
      req('https://kiemthu.sandbox/'),
      req('https://www.google-analytics.com/g/collect?v=2&tid=G-A&en=page_view'),
      req('https://kiemthu.sandbox/matomo.php?idsite=3&rec=1'),
      req('https://www.google-analytics.com/g/collect?v=2&tid=G-A&en=scroll'),
      req('https://www.google-analytics.com/g/collect?v=2&tid=G-A&en=page_view'),
      req('https://www.google-analytics.com/g/collect?v=2&tid=G-B&en=page_view'),
    ];
    const groups = measurementCalls(requests);
    expect(groups.map((g) => [g.shape.vendor, g.host, g.shape.account, g.first, g.party, g.events])).toEqual([
      ['google_analytics', 'www.google-analytics.com', 'G-A', 1, 'third', [{ name: 'page_view', count: 2 }, { name: 'scroll', count: 1 }]],
      ['matomo', 'kiemthu.sandbox', '3', 2, 'first', [{ name: 'pageview', count: 1 }]],
      ['google_analytics', 'www.google-analytics.com', 'G-B', 5, 'third', [{ name: 'page_view', count: 1 }]],
    ]);
    const findings = measurementFindings(requests);
    expect(findings[1]).toMatchObject({ kind: 'measurement_call', request: { index: 2, url: requests[2]!.url }, facts: { vendor: 'matomo', party: 'first' } });
  });
});

describe('session recorders by host', () => {
  it.each([
    ['https://static.hotjar.com/c/hotjar-1.js?sv=6', 'hotjar'],
    ['https://in.hotjar.com/api/v2/client', 'hotjar'],
    ['https://www.clarity.ms/tag/abc', 'clarity'],
    ['https://edge.fullstory.com/s/fs.js', 'fullstory'],
    ['https://cdn.logrocket.io/LogRocket.min.js', 'logrocket'],
    ['https://r.lr-ingest.io/i', 'logrocket'],
    ['https://web-sdk.smartlook.com/recorder.js', 'smartlook'],
    ['https://cdn.mouseflow.com/projects/x.js', 'mouseflow'],
    ['https://mc.yandex.ru/webvisor/123', 'yandex_webvisor'],
  ])('%s is %s', (url, name) => expect(sessionRecorderOf(url)).toBe(name));

  it.each(['https://mc.yandex.ru/watch/123', 'https://hotjar.com.evil.example/x.js', 'https://notclarity.msn.com/'])('%s is none', (url) => expect(sessionRecorderOf(url)).toBeNull());

  it('one finding per service, with its first request and the count', () => {
    const requests = [req('https://kiemthu.sandbox/'), req('https://static.hotjar.com/c/hotjar-1.js'), req('https://static.hotjar.com/api/x'), req('https://www.clarity.ms/tag/a')];
    expect(recorderRequests(requests).map((f) => [f.facts.vendor, f.request?.index, f.calls])).toEqual([
      ['hotjar', 1, [{ name: 'requests', count: 2 }]],
      ['clarity', 3, [{ name: 'requests', count: 1 }]],
    ]);
  });
});

describe('the keystroke canary', () => {
  const seed = 'd983a10576';
  const text = canaryValue(seed, 0, 'text');
  const email = canaryValue(seed, 1, 'email');
  const tel = canaryValue(seed, 2, 'tel');

  it('is unique per field, an address for e-mail fields, digits for telephone fields', () => {
    expect(text.typed).toBe(text.token);
    expect(email.typed).toBe(`${email.token}@example.com`);
    expect(tel.typed).toMatch(/^09\d{8}$/);
    expect(new Set([text.token, email.token, tel.token]).size).toBe(3);
    expect(canaryValue(seed, 0, 'text')).toEqual(text);
  });

  const n = canaryNeedles(email.typed, email.token);
  const sha256 = createHash('sha256').update(email.typed).digest('hex');

  // Every letter percent-encoded, so that only decoding finds it.
  const allEncoded = (v: string) => encodeURIComponent(v).replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);

  it.each([
    ['as typed in an address', `https://t.example/k?v=${email.token}`, 'plain'],
    ['upper-cased', `v=${email.token.toUpperCase()}`, 'plain'],
    ['URL-encoded', `https://t.example/k?e=${allEncoded(email.typed)}`, 'url_encoded'],
    ['in base64', `d=${Buffer.from(email.typed).toString('base64')}`, 'base64'],
    ['inside base64-encoded JSON', Buffer.from(JSON.stringify({ form: { email: email.typed }, t: 1 })).toString('base64'), 'base64'],
    ['inside URL-encoded base64url JSON', encodeURIComponent(Buffer.from(JSON.stringify({ v: email.typed })).toString('base64url')), 'base64'],
    ['hashed with SHA-256', JSON.stringify({ em: sha256 }), 'sha256'],
    ['hashed with SHA-256, upper-case hex', `em=${sha256.toUpperCase()}`, 'sha256'],
    ['hashed with MD5', `h=${createHash('md5').update(email.typed).digest('hex')}`, 'md5'],
    ['hashed with SHA-1', `h=${createHash('sha1').update(email.typed).digest('hex')}`, 'sha1'],
  ])('is found %s', (_, haystack, encoding) => {
    expect(findCanary(haystack, n)).toBe(encoding);
  });

  it('is not found in what does not carry it', () => {
    expect(findCanary('https://t.example/k?v=kt0000000000q', n)).toBeNull();
    expect(findCanary(createHash('sha256').update('someone@example.com').digest('hex'), n)).toBeNull();
    expect(findCanary('', n)).toBeNull();
    // A stray % does not stop the search.
    expect(findCanary(`a=%E0%A4%A&b=${allEncoded(email.typed)}`, n)).toBe('url_encoded');
  });

  it('keystrokes to a third party are findings, one per field and host; first-party suggestions are counted apart', () => {
    const fields = [{ type: 'text', name: 'ho_ten', needles: canaryNeedles(text.typed, text.token), frame: 0 }, { type: 'email', name: 'email', needles: n, frame: 0 }];
    const captured = [
      { url: `https://thuthap.sandbox/k?v=${text.token.slice(0, 5)}`, method: 'GET', body: null },
      { url: `https://thuthap.sandbox/k?v=${text.token}`, method: 'GET', body: null },
      { url: `https://thuthap.sandbox/k?v=${text.token}`, method: 'GET', body: null },
      { url: 'https://thuthap.sandbox/em', method: 'POST', body: JSON.stringify({ em: sha256 }) },
      { url: `https://kiemthu.sandbox/goi-y?q=${text.token}`, method: 'GET', body: null },
      // A self-hosted Matomo on the portal's host is measurement: it counts.
      { url: `https://kiemthu.sandbox/matomo.php?idsite=1&rec=1&e_c=form&e_n=${text.token}`, method: 'GET', body: null },
    ];
    const requests = [req('https://kiemthu.sandbox/'), req(`https://thuthap.sandbox/k?v=${text.token}`, { initiator: { type: 'script', url: 'https://thuthap.sandbox/ghi-phim.js' } })];
    const { findings, firstPartyHits } = keystrokeFindings(captured, fields, requests, 'kiemthu.sandbox');
    expect(firstPartyHits).toBe(1);
    expect(findings.map((f) => [f.facts.field, f.facts.host, f.facts.encoding, f.facts.inBody, f.calls[0]!.count, f.request?.index ?? null, f.script])).toEqual([
      [0, 'thuthap.sandbox', 'plain', false, 2, 1, 'https://thuthap.sandbox/ghi-phim.js'],
      [1, 'thuthap.sandbox', 'sha256', true, 1, null, null],
      [0, 'kiemthu.sandbox', 'plain', false, 1, null, null],
    ]);
  });
});

const canvas = (over: Partial<CanvasRead> = {}): CanvasRead => ({
  read: 'toDataURL', count: 1, width: 240, height: 60, chars: 29, styles: 2, texts: 2, images: 0, shapes: 1, forbidden: false,
  calls: { fillText: 2, fillRect: 1, toDataURL: 1 }, script: 'https://thuthap.sandbox/van-tay.js', stack: ['https://thuthap.sandbox/van-tay.js'], ...over,
});

describe('canvas fingerprinting (Blacklight\'s rule)', () => {
  it('text in two colours or ten distinct characters, read back over 16x16, is a fingerprint', () => {
    expect(isCanvasFingerprint(canvas())).toBe(true);
    expect(isCanvasFingerprint(canvas({ styles: 1, chars: 10 }))).toBe(true);
    expect(isCanvasFingerprint(canvas({ styles: 2, chars: 3 }))).toBe(true);
    expect(isCanvasFingerprint(canvas({ width: 16, height: 16 }))).toBe(true);
  });

  it.each([
    ['a tiny canvas', { width: 15, height: 60 }],
    ['a small area read back', { read: 'getImageData', width: 10, height: 10 }],
    ['one colour and few characters', { styles: 1, chars: 9 }],
    ['a canvas saved and restored (a chart)', { forbidden: true }],
    ['a canvas that only had images drawn on it', { texts: 0, chars: 0, styles: 0, images: 1 }],
  ])('%s is not', (_, over) => {
    expect(isCanvasFingerprint(canvas(over as Partial<CanvasRead>))).toBe(false);
  });
});

const audio = (over: Partial<AudioRead> = {}): AudioRead => ({
  read: 'startRendering', reads: 1, offline: true, oscillator: true, compressor: true, analyser: false, calls: {}, script: null, stack: [], ...over,
});

describe('audio fingerprinting', () => {
  it('an oscillator through a compressor rendered offline, or read from an analyser, is a fingerprint', () => {
    expect(isAudioFingerprint(audio())).toBe(true);
    expect(isAudioFingerprint(audio({ read: 'getFloatFrequencyData', offline: false, compressor: false, analyser: true }))).toBe(true);
  });

  it('rendering without an oscillator, or without a compressor or analyser, is not', () => {
    expect(isAudioFingerprint(audio({ oscillator: false }))).toBe(false);
    expect(isAudioFingerprint(audio({ compressor: false }))).toBe(false);
    expect(isAudioFingerprint(audio({ offline: false }))).toBe(false);
  });
});

describe('session recording by listeners', () => {
  const recorder = { stack: ['https://thuthap.sandbox/ghi-phien.js'], types: { mousemove: 1, mousedown: 1, click: 1, scroll: 1, keydown: 1, input: 1 }, observers: 1 };

  it('six kinds of events on the whole document, mouse and keys or fields, and a MutationObserver', () => {
    expect(isSessionRecording(recorder)).toBe(true);
  });

  it.each([
    ['no MutationObserver', { ...recorder, observers: 0 }],
    ['five kinds of events', { ...recorder, types: { mousemove: 1, mousedown: 1, click: 1, scroll: 1, input: 1 } }],
    ['no mouse events', { ...recorder, types: { keydown: 1, keyup: 1, input: 1, change: 1, focus: 1, blur: 1 } }],
    ['mouse and scrolling only', { ...recorder, types: { mousemove: 1, mousedown: 1, mouseup: 1, click: 1, scroll: 1, resize: 1 } }],
    ['one click listener', { stack: [], types: { click: 1 }, observers: 0 }],
  ])('%s is not', (_, e) => {
    expect(isSessionRecording(e)).toBe(false);
  });

  it('findings from the logs carry the script, the stack and the calls', () => {
    const logs = [{
      frame: 0, globals: [{ name: 'hotjar' as const, global: '_hjSettings' }],
      log: { canvas: [canvas(), canvas({ forbidden: true })], audio: [audio()], listeners: { 'https://thuthap.sandbox/ghi-phien.js': recorder, 'https://kiemthu.sandbox/': { stack: [], types: { click: 1 }, observers: 0 } } },
    }];
    const requests = [req('https://kiemthu.sandbox/'), req('https://thuthap.sandbox/ghi-phien.js', { type: 'Script' })];
    const findings = findingsFromLogs(logs, requests);
    expect(findings.map((f) => [f.kind, f.script, f.facts.via ?? null])).toEqual([
      ['canvas_fingerprint', 'https://thuthap.sandbox/van-tay.js', null],
      ['audio_fingerprint', null, null],
      ['session_recording', 'https://thuthap.sandbox/ghi-phien.js', 'listeners'],
      ['session_recording', null, 'global'],
    ]);
    expect(findings[0]!.calls).toEqual([{ name: 'fillText', count: 2 }, { name: 'fillRect', count: 1 }, { name: 'toDataURL', count: 1 }]);
    expect(findings[2]!.calls).toContainEqual({ name: 'MutationObserver.observe', count: 1 });
    expect(findings[2]!.request).toEqual({ url: 'https://thuthap.sandbox/ghi-phien.js', method: 'GET', index: 1 });
  });
});

const cookieRecord = (over: Partial<CookieRecord>): CookieRecord => ({
  name: 'x', domain: 'kiemthu.sandbox', path: '/', secure: true, httpOnly: false, sameSite: null, expiresInS: null, party: 'first',
  setBy: { via: 'unknown' }, tracker: null, valueLength: 1, stored: true, refusedBecause: null, ...over,
});

describe('identifiers in cookies and storage', () => {
  it('reads name, value and Domain from a Set-Cookie line or a document.cookie write', () => {
    expect(cookiePair('tt_uid=abc123; Path=/; Domain=.Thuthap.Sandbox; Secure', 'x.sandbox')).toEqual({ name: 'tt_uid', value: 'abc123', domain: 'thuthap.sandbox' });
    expect(cookiePair('a=b', 'x.sandbox')).toEqual({ name: 'a', value: 'b', domain: 'x.sandbox' });
    expect(cookiePair('novalue', 'x.sandbox')).toBeNull();
  });

  it('third-party cookies with identifiers, and first-party ones a third-party script wrote; never the value', () => {
    const id = '3f9a1c7be0d24f6a8b1e5c2d9f07a4b3';
    const records = [cookieRecord({ name: 'tt_uid', domain: 'thuthap.sandbox', party: 'third', stored: false, setBy: { via: 'header', url: 'https://thuthap.sandbox/p.gif' } }),
      cookieRecord({ name: '_trk', setBy: { via: 'script', url: 'https://thuthap.sandbox/t.js', stack: ['https://thuthap.sandbox/t.js'] } })];
    const findings = cookieFindings([
      { name: 'tt_uid', value: id, domain: 'thuthap.sandbox', source: 'header', setter: 'https://thuthap.sandbox/p.gif', stack: [] },
      { name: 'tt_uid', value: id, domain: '.thuthap.sandbox', source: 'script', setter: null, stack: [] }, // the same cookie again
      { name: 'consent', value: 'false', domain: 'thuthap.sandbox', source: 'header', setter: null, stack: [] },
      { name: 'tt_seen', value: '1700000000', domain: 'thuthap.sandbox', source: 'header', setter: null, stack: [] },
      { name: '_trk', value: id, domain: 'kiemthu.sandbox', source: 'stored', setter: null, stack: [] },
      { name: 'phien', value: id, domain: 'kiemthu.sandbox', source: 'stored', setter: null, stack: [] }, // the portal's own session
    ], records, 'kiemthu.sandbox');
    expect(findings.map((f) => [f.facts.name, f.facts.party, f.facts.cookieIndex, f.script, f.calls[0]!.name])).toEqual([
      ['tt_uid', 'third', 0, 'https://thuthap.sandbox/p.gif', 'Set-Cookie'],
      ['_trk', 'first', 1, 'https://thuthap.sandbox/t.js', 'document.cookie'],
    ]);
    expect(findings[0]!.facts).toMatchObject({ length: 32, stored: false });
    expect(JSON.stringify(findings)).not.toContain(id);
  });

  it('storage of a third-party frame, or written by a third-party script, with identifiers; never the value', () => {
    const id = 'Zk9xT2pXcE1hQnZy';
    const reads = [
      { frame: 0, value: {
        origin: 'https://kiemthu.sandbox', log: null, globals: [], cookieWrites: [],
        storage: [{ area: 'local' as const, key: 'tt_device', value: id }, { area: 'local' as const, key: 'phien', value: id }, { area: 'local' as const, key: 'tt_theme', value: 'dark' }],
        writes: [{ area: 'local', key: 'tt_device', stack: ['https://thuthap.sandbox/luu-tru.js'] }, { area: 'local', key: 'phien', stack: ['https://kiemthu.sandbox/app.js'] }, { area: 'local', key: 'tt_theme', stack: ['https://thuthap.sandbox/luu-tru.js'] }],
      } },
      { frame: 1, value: { origin: 'https://thuthap.sandbox', log: null, globals: [], cookieWrites: [], storage: [{ area: 'session' as const, key: 'sid', value: id }], writes: [] } },
      { frame: 2, value: null },
    ];
    const findings = storageFindings(reads, 'kiemthu.sandbox');
    expect(findings.map((f) => [f.frame, f.facts.key, f.facts.originParty, f.facts.writer, f.script])).toEqual([
      [0, 'tt_device', 'first', 'third', 'https://thuthap.sandbox/luu-tru.js'],
      [1, 'sid', 'third', 'first', null],
    ]);
    expect(JSON.stringify(findings)).not.toContain(id);
  });
});

const finding = (kind: BehaviourFinding['kind'], facts: BehaviourFinding['facts'] = {}): BehaviourFinding => ({ kind, script: 'https://t.example/s.js', stack: ['https://t.example/s.js'], calls: [{ name: 'x', count: 1 }], request: null, frame: 0, facts });

describe('privacy.no-tracking-behaviour', () => {
  const page = emptyEvidence('https://kiemthu.sandbox/', 'home', new Date());

  it('does not apply to evidence without a behaviour record (older evidence)', () => {
    const { behaviour: _, ...older } = page;
    expect(noTrackingBehaviour.judge(older).outcome).toBe('not_applicable');
    expect(noTrackingBehaviour.judge(page).outcome).toBe('not_applicable');
  });

  it('passes with no finding', () => {
    expect(noTrackingBehaviour.judge({ ...page, behaviour: { findings: [], dropped: 0, keystrokes: null, unread: 0 } })).toEqual({ outcome: 'pass', details: [] });
  });

  it('cannot tell when nothing was found but the keystroke probe could not finish', () => {
    const keystrokes = { fields: 0, requests: 0, firstPartyHits: 0, canary: 'kt0', error: 'the keystroke probe took longer than 12000 ms' };
    const j = noTrackingBehaviour.judge({ ...page, behaviour: { findings: [], dropped: 0, keystrokes, unread: 0 } });
    expect(j.outcome).toBe('cant_tell');
    expect(j.details.map((d) => d.code)).toEqual(['behaviour.keystrokes_untested']);
    // A finding is proof enough, whatever the probe did.
    expect(noTrackingBehaviour.judge({ ...page, behaviour: { findings: [finding('measurement_call')], dropped: 0, keystrokes, unread: 0 } }).outcome).toBe('fail');
  });

  it('fails with one detail per finding, carrying its script, calls and request, pointing into the evidence', () => {
    const findings = [finding('canvas_fingerprint', { read: 'toDataURL', width: 240, height: 60, distinctCharacters: 29, colours: 2 }), { ...finding('measurement_call', { vendor: 'matomo', host: 'kiemthu.sandbox', party: 'first', account: '3' }), request: { url: 'https://kiemthu.sandbox/matomo.php?idsite=3', method: 'GET', index: 4 } }];
    const j = noTrackingBehaviour.judge({ ...page, behaviour: { findings, dropped: 0, keystrokes: null, unread: 0 } });
    expect(j.outcome).toBe('fail');
    expect(j.details.map((d) => [d.code, d.evidence?.path])).toEqual([['behaviour.canvas_fingerprint', 'behaviour.findings[0]'], ['behaviour.measurement_call', 'behaviour.findings[1]']]);
    expect(j.details[1]!.data).toMatchObject({ script: 'https://t.example/s.js', calls: [{ name: 'x', count: 1 }], request: { index: 4 } });
    expect(j.details[1]!.text.en).toContain('matomo to kiemthu.sandbox (first party)');
    expect(j.details[1]!.text.vi).toContain('bên thứ nhất');
  });

  it('every kind reads in both languages', () => {
    const kinds: BehaviourFinding['kind'][] = ['canvas_fingerprint', 'audio_fingerprint', 'session_recording', 'keystrokes_sent', 'identifier_cookie', 'identifier_storage', 'measurement_call'];
    const j = noTrackingBehaviour.judge({ ...page, behaviour: { findings: kinds.map((k) => finding(k)), dropped: 0, keystrokes: null, unread: 0 } });
    expect(new Set(j.details.map((d) => d.text.vi)).size).toBe(kinds.length);
    for (const d of j.details) expect(d.text.vi).not.toBe(d.text.en);
  });

  it('findings are bounded, the most telling kinds first', () => {
    const many = [...Array.from({ length: MAX_FINDINGS }, () => finding('measurement_call')), finding('keystrokes_sent')];
    const bounded = boundFindings(many);
    expect(bounded.findings).toHaveLength(MAX_FINDINGS);
    expect(bounded.dropped).toBe(1);
    expect(bounded.findings[0]!.kind).toBe('keystrokes_sent');
  });
});
