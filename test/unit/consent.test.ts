// Consent, judged: the words of banners (data), the rules made from them, and the three consent
// criteria on evidence shaped as the consent visits record it.
import { describe, expect, it } from 'vitest';
import { consentAsked, refusalRespected, refusingAsDirect } from '../../src/checks/criteria/privacy/consent.ts';
import type { ConsentEvidence, ConsentVisitEvidence } from '../../src/checks/evidence/consent/visit.ts';
import { bannerPhrases, classifyControl, normaliseControlText, vietnameseConsentRules } from '../../src/checks/evidence/consent/phrases.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import type { CookieRecord, PageEvidence, RequestRecord } from '../../src/checks/types.ts';

describe('the words of consent banners', () => {
  it('classifies a control by its whole text, refusing before accepting, case and marks ignored', () => {
    expect(classifyControl('Đồng ý')).toBe('accept');
    expect(classifyControl('  ĐỒNG Ý  ›')).toBe('accept');
    expect(classifyControl('Không đồng ý')).toBe('reject');
    expect(classifyControl('Từ chối tất cả')).toBe('reject');
    expect(classifyControl('Tùy chỉnh')).toBe('settings');
    expect(classifyControl('Lưu lựa chọn')).toBe('save');
    expect(classifyControl('Đồng ý với điều khoản sử dụng dịch vụ')).toBe('other');
    expect(normaliseControlText('Chấp  nhận\ntất cả!')).toBe('chấp nhận tất cả');
  });

  it('makes three autoconsent rules whose selectors name the phrases in every spelling', () => {
    const rules = vietnameseConsentRules();
    expect(rules.map((r) => r.name)).toEqual(['dvc-vi-tu-choi', 'dvc-vi-tuy-chinh', 'dvc-vi-chi-dong-y']);
    const text = JSON.stringify(rules);
    for (const spelling of ["'Từ chối'", "'từ chối'", "'TỪ CHỐI'", "'Đồng ý'", "'ĐỒNG Ý'"]) expect(text).toContain(spelling);
    // The accept-only banner's opt-out asks for a refusing control that is not there: it fails.
    expect(JSON.stringify(rules[2]!.optOut)).toContain("'Từ chối'");
  });

  it('refuses a phrase that would break the selectors', () => {
    expect(() => vietnameseConsentRules({ ...bannerPhrases(), accept: ["Tôi đồng ý'"] })).toThrow(/apostrophe/);
  });
});

const tracker: RequestRecord = {
  url: 'https://www.google-analytics.com/tracker/pixel.gif?uid=1', host: 'www.google-analytics.com', method: 'GET', type: 'Image', party: 'third',
  initiator: { type: 'script', url: null }, status: 200, mimeType: 'image/gif', failed: null, bytes: 43, responseHeaders: null,
  tracker: { entity: 'Google Analytics', categories: ['analytics'] }, filterMatch: null,
};
const firstParty: RequestRecord = { ...tracker, url: 'https://kiemthu.sandbox/', host: 'kiemthu.sandbox', type: 'Document', party: 'first', tracker: null };
const trackerCookie: CookieRecord = {
  name: '_trk_uid', domain: 'kiemthu.sandbox', path: '/', secure: false, httpOnly: false, sameSite: null, expiresInS: 31536000, party: 'first',
  setBy: { via: 'script', url: 'https://www.google-analytics.com/tracker/collect.js' }, tracker: 'Google Analytics', valueLength: 20, stored: true, refusedBecause: null,
};

function visit(action: 'refuse' | 'accept', over: Partial<ConsentVisitEvidence> = {}): ConsentVisitEvidence {
  return {
    action, startedAt: '2026-12-07T00:00:00.000Z', durationMs: 1000, scannerError: null, afterChoice: { requests: [firstParty], cookies: [], storage: [] },
    cmp: 'dvc-vi-tu-choi', popupFound: true, result: true, clicks: 1, cosmetic: false, heuristicPatterns: [], error: null, ...over,
  };
}

function home(consent: Partial<ConsentEvidence> | null, tracks = true): PageEvidence {
  const page = emptyEvidence('https://kiemthu.sandbox/', 'home', new Date('2026-12-07T00:00:00Z'));
  page.requests = tracks ? [firstParty, tracker] : [firstParty];
  page.consent = consent && {
    engine: 'test', banner: { frame: 0, text: 'Cổng dùng cookie', controls: [{ text: 'Từ chối', kind: 'reject' }, { text: 'Đồng ý', kind: 'accept' }], recognised: true },
    refuse: visit('refuse'), accept: visit('accept', { afterChoice: { requests: [firstParty, tracker], cookies: [trackerCookie], storage: [] } }), ...consent,
  };
  return page;
}

const judge = (criterion: typeof consentAsked, page: PageEvidence) => criterion.judge({ home: page, pages: [] });
const noBanner: Partial<ConsentEvidence> = { banner: null, refuse: visit('refuse', { popupFound: false, cmp: null, result: null, clicks: null, afterChoice: null }) };

describe('a page that tracks asks first (privacy.consent-asked)', () => {
  it('passes when a banner was found, does not apply when nothing tracks', () => {
    expect(judge(consentAsked, home({})).outcome).toBe('pass');
    expect(judge(consentAsked, home(noBanner, false)).outcome).toBe('not_applicable');
  });

  it('fails when the page tracks with no banner and no control about consent anywhere', () => {
    const j = judge(consentAsked, home(noBanner));
    expect(j.outcome).toBe('fail');
    expect(j.details[0]!.data).toEqual({ hosts: ['www.google-analytics.com'] });
  });

  it('cannot tell when there is text about cookies that no rule recognised', () => {
    const j = judge(consentAsked, home({ ...noBanner, refuse: visit('refuse', { popupFound: false, cmp: null, result: null, afterChoice: null, heuristicPatterns: ['/accept cookies/gi'] }) }));
    expect(j.outcome).toBe('cant_tell');
  });

  it('is the scanner\'s error when a consent visit failed, and does not apply to evidence without consent visits', () => {
    expect(judge(consentAsked, home({ accept: visit('accept', { scannerError: 'timeout' }) })).outcome).toBe('error');
    // A reason code is named in the reader's words; a browser's own message is kept as it is.
    expect(judge(consentAsked, home({ refuse: visit('refuse', { scannerError: 'too_large' }) })).details[0]!.text).toEqual({
      vi: 'Lỗi công cụ khi thử từ chối: too_large (trang quá lớn). Không tính cho cổng.',
      en: 'Scanner error while trying to refuse: too_large (page too large). Not counted against the portal.',
    });
    expect(judge(consentAsked, home({ accept: visit('accept', { scannerError: 'net::ERR_ABORTED' }) })).details[0]!.text.vi).toBe('Lỗi công cụ khi thử đồng ý: net::ERR_ABORTED. Không tính cho cổng.');
    expect(judge(consentAsked, home(null)).outcome).toBe('not_applicable');
  });
});

describe('refusing stops the tracking (privacy.refusal-respected)', () => {
  it('passes when nothing tracks after refusing, and fails with each tracker request and cookie as evidence', () => {
    expect(judge(refusalRespected, home({})).outcome).toBe('pass');
    const j = judge(refusalRespected, home({ refuse: visit('refuse', { afterChoice: { requests: [firstParty, tracker], cookies: [trackerCookie], storage: [] } }) }));
    expect(j.outcome).toBe('fail');
    expect(j.details.map((d) => d.code)).toEqual(['consent.refusal_ignored', 'consent.tracker_request_after_refusal', 'consent.cookie_after_refusal']);
    expect(j.details[1]!.evidence).toEqual({ blob: 'evidence', path: 'consent.refuse.afterChoice.requests[1]' });
  });

  it('does not apply without a banner or when refusing is not offered; cannot tell when refusing failed on a banner that offers it', () => {
    expect(judge(refusalRespected, home(noBanner)).outcome).toBe('not_applicable');
    const acceptOnly = { frame: 0, text: 'Cổng dùng cookie', controls: [{ text: 'Đồng ý', kind: 'accept' as const }], recognised: true };
    expect(judge(refusalRespected, home({ banner: acceptOnly, refuse: visit('refuse', { result: false, clicks: null, afterChoice: null }) })).outcome).toBe('not_applicable');
    expect(judge(refusalRespected, home({ refuse: visit('refuse', { result: false, clicks: null, afterChoice: null }) })).outcome).toBe('cant_tell');
  });
});

describe('refusing as direct as accepting (privacy.refuse-as-easy-as-accept)', () => {
  it('passes one click each, fails two against one', () => {
    expect(judge(refusingAsDirect, home({})).outcome).toBe('pass');
    const j = judge(refusingAsDirect, home({ refuse: visit('refuse', { clicks: 2 }) }));
    expect(j.outcome).toBe('fail');
    expect(j.details[0]!.code).toBe('consent.refuse_harder');
  });

  it('fails a banner that only accepts, or hides refusing in its settings; cannot tell otherwise', () => {
    const refuseFailed = visit('refuse', { result: false, clicks: null, afterChoice: null });
    const only = (kinds: Array<'accept' | 'settings' | 'other'>) => ({ frame: 0, text: 'Cookie', controls: kinds.map((kind) => ({ text: kind, kind })), recognised: true });
    expect(judge(refusingAsDirect, home({ banner: only(['accept']), refuse: refuseFailed })).details[0]!.code).toBe('consent.accept_only');
    expect(judge(refusingAsDirect, home({ banner: only(['accept', 'settings']), refuse: refuseFailed })).details[0]!.code).toBe('consent.refuse_in_settings');
    expect(judge(refusingAsDirect, home({ refuse: refuseFailed })).outcome).toBe('cant_tell');
  });
});
