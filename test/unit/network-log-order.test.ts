// Chromium's network service sends a response's raw headers (Network.responseReceivedExtraInfo)
// on its own path; under load they can reach us before the renderer's requestWillBeSent. The
// Set-Cookie lines must still be attributed to the host that sent them (CI once lost a tracker's
// cookie that way, and the next check raised a false "new cookie" alert). Real Chromium cannot be
// made to reorder its events on demand, so the events are replayed in both orders here.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { NetworkLog } from '../../src/checks/evidence/network-log.ts';
import type { ProtocolSession } from '../../src/checks/evidence/targets.ts';

class ReplaySession extends EventEmitter implements ProtocolSession {
  async send(): Promise<unknown> {
    return {};
  }
}

const PIXEL = 'https://www.google-analytics.com/tracker/pixel.gif?uid=1';
const sent = {
  requestId: 'r1', frameId: 'f1', documentURL: 'https://dichvucong.bct.gov.vn/', type: 'Image', timestamp: 10, wallTime: 1_790_000_000,
  request: { url: PIXEL, method: 'GET' }, initiator: { type: 'script', url: 'https://www.google-analytics.com/tracker/collect.js' },
};
const extraInfo = {
  requestId: 'r1',
  headers: { 'Content-Type': 'image/gif', 'Set-Cookie': '_trk_sid=ab12; path=/; max-age=31536000; SameSite=None; Secure' },
  blockedCookies: [{ cookieLine: '_trk_sid=ab12; path=/; max-age=31536000; SameSite=None; Secure', blockedReasons: ['ThirdPartyPhaseout'] }],
};
const answered = { requestId: 'r1', type: 'Image', timestamp: 10.01, response: { url: PIXEL, status: 200, mimeType: 'image/gif', headers: { 'content-type': 'image/gif' } } };
const finished = { requestId: 'r1', timestamp: 10.02, encodedDataLength: 43 };

async function replay(events: Array<[string, object]>): Promise<NetworkLog> {
  const session = new ReplaySession();
  const log = new NetworkLog('bct.gov.vn', () => {}, 10_000_000);
  await log.attach(session);
  for (const [name, params] of events) session.emit(name, params);
  log.declareOrphanedCookies();
  return log;
}

describe('NetworkLog whatever order the protocol events come in', () => {
  for (const [order, events] of [
    ['request first', [['Network.requestWillBeSent', sent], ['Network.responseReceivedExtraInfo', extraInfo], ['Network.responseReceived', answered], ['Network.loadingFinished', finished]]],
    ['raw headers first', [['Network.responseReceivedExtraInfo', extraInfo], ['Network.requestWillBeSent', sent], ['Network.responseReceived', answered], ['Network.loadingFinished', finished]]],
  ] as Array<[string, Array<[string, object]>]>) {
    it(`attributes a refused Set-Cookie to the host that sent it (${order})`, async () => {
      const log = await replay(events);
      expect(log.cookieDeclarations).toEqual([expect.objectContaining({ name: '_trk_sid', url: PIXEL, blocked: ['ThirdPartyPhaseout'], maxAgeS: 31536000 })]);
      expect(log.requests).toHaveLength(1);
      expect(log.requests[0]).toMatchObject({ url: PIXEL, status: 200 });
      expect(log.requests[0]!.responseHeaders).toHaveProperty('set-cookie');
      expect(log.pending).toBe(0);
    });
  }

  it('still declares the cookies of raw headers whose request never showed, with no address', async () => {
    const log = await replay([['Network.responseReceivedExtraInfo', { ...extraInfo, requestId: 'r9' }]]);
    expect(log.cookieDeclarations).toEqual([expect.objectContaining({ name: '_trk_sid', url: null })]);
  });
});
