// The page's evidence as an auditor reads it first: hosts by role, and beacons with their
// parameters decoded and masked.
import { describe, expect, it } from 'vitest';
import { beaconsOf, maskParamValue, summariseHosts } from '../../src/checks/evidence/host-summary.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import type { RequestRecord } from '../../src/checks/types.ts';

const request = (url: string, over: Partial<RequestRecord> = {}): RequestRecord => ({
  url, host: new URL(url).hostname, method: 'GET', type: 'Script', party: new URL(url).hostname.endsWith('hanoi.gov.vn') ? 'first' : 'third',
  initiator: { type: 'parser', url: null }, status: 200, mimeType: null, failed: null, bytes: 1000, responseHeaders: null, tracker: null, filterMatch: null, ...over,
});

function page() {
  const p = emptyEvidence('https://dichvucong.hanoi.gov.vn/', 'home', new Date('2026-12-07T00:00:00Z'));
  p.finalUrl = p.requestedUrl;
  p.requests = [
    request('https://dichvucong.hanoi.gov.vn/', { type: 'Document', bytes: 5000 }),
    request('https://www.google-analytics.com/analytics.js', { tracker: { entity: 'Google Analytics', categories: ['analytics'] } }),
    request('https://www.google-analytics.com/g/collect?v=2&tid=G-ABC123&cid=8f3a9c2e71b44d0a9e6f&dl=https%3A%2F%2Fdichvucong.hanoi.gov.vn%2Fho-so%3Fma%3D123&en=page_view&uid=0912345678',
      { type: 'Ping', bytes: 0, tracker: { entity: 'Google Analytics', categories: ['analytics'] } }),
    request('https://dichvucong.hanoi.gov.vn/analytics/collect?t=pageview', { type: 'Image', bytes: 43, filterMatch: { list: 'EasyPrivacy 202309050832', rule: '/analytics/collect?' } }),
    request('https://cdn.jsdelivr.net/npm/lib.js'),
    request('https://cdn.jsdelivr.net/npm/photo.png?w=400', { type: 'Image', bytes: 90_000 }),
  ];
  p.cookies = [{ name: '_ga', domain: '.hanoi.gov.vn', path: '/', secure: false, httpOnly: false, sameSite: null, expiresInS: 1, party: 'first', setBy: { via: 'unknown' }, tracker: 'Google Analytics', valueLength: 20, stored: true, refusedBecause: null }];
  p.links = [{ href: 'https://www.facebook.com/ubndhanoi', text: 'Facebook' }, { href: 'mailto:hotro@hanoi.gov.vn', text: 'Thư' }];
  return p;
}

describe('hosts by role', () => {
  it('lists every host once, third parties first, with what it did and what the lists say', () => {
    const hosts = summariseHosts(page(), 'hanoi.gov.vn');
    expect(hosts.map((h) => `${h.party} ${h.host}`)).toEqual([
      'third cdn.jsdelivr.net', 'third www.google-analytics.com', 'third www.facebook.com', 'first dichvucong.hanoi.gov.vn', 'first hanoi.gov.vn',
    ]);
    expect(hosts[1]).toMatchObject({ entity: 'Google Analytics', requests: 2, links: 0 });
    expect(hosts.find((h) => h.host === 'www.facebook.com')).toMatchObject({ requests: 0, links: 1 });
    expect(hosts.find((h) => h.host === 'hanoi.gov.vn')).toMatchObject({ cookies: 1 });
    expect(hosts.find((h) => h.host === 'dichvucong.hanoi.gov.vn')).toMatchObject({ requests: 2, filterMatches: 1 });
  });
});

describe('beacons', () => {
  it('are the pings, the listed requests with a query and tiny images with one; not a photo', () => {
    const beacons = beaconsOf(page());
    expect(beacons.map((b) => b.endpoint)).toEqual(['https://www.google-analytics.com/g/collect', 'https://dichvucong.hanoi.gov.vn/analytics/collect']);
    expect(beacons[1]).toMatchObject({ request: 3, tracker: 'EasyPrivacy 202309050832: /analytics/collect?', params: [{ name: 't', value: 'pageview' }] });
  });

  it('decode their parameters and mask what identifies: an identifier by its length, an address without its query, a phone by its ends; the site\'s account with the tracker stays', () => {
    const params = Object.fromEntries(beaconsOf(page())[0]!.params.map((p) => [p.name, p.value]));
    expect(params).toMatchObject({ v: '2', tid: 'G-ABC123', en: 'page_view', cid: '[mã định danh 20 ký tự]', dl: 'https://dichvucong.hanoi.gov.vn/ho-so?…' });
    expect(params.uid).toBe('091*****78');
    expect(maskParamValue('x'.repeat(200))).toHaveLength(81);
  });
});
