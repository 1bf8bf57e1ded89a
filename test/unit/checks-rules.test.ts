// The pure parts of the checks: personal-data detection and masking, cookie
// declarations, legal basis by date, the Tab-walk reading, scoring and judging failed visits.
import { describe, expect, it } from 'vitest';
import { basisOn } from '../../src/checks/criteria/basis.ts';
import { contactPointIn } from '../../src/checks/criteria/privacy/policy-contact-point.ts';
import { describeCookies, parseCookieDeclaration } from '../../src/checks/evidence/cookies.ts';
import { findPolicyLink, findStatementLink } from '../../src/checks/evidence/discover.ts';
import { findPersonalData, maskingPairs, maskText, storedHits } from '../../src/checks/evidence/personal-data.ts';
import { emptyEvidence, personalFields } from '../../src/checks/evidence/visit.ts';
import { backwardPressesFor, COMPOSITE_PRESSES, judgeStuck, TabWalk, type FocusRead } from '../../src/checks/evidence/accessibility/keyboard-walk.ts';
import { judgePortal, rollUp, type CriterionResult } from '../../src/checks/judge.ts';
import { blockingFailures, scoreArea } from '../../src/checks/score.ts';
import type { PageEvidence } from '../../src/checks/types.ts';

describe('personal data on public pages', () => {
  const page = 'Người nộp\tNguyễn Văn Bình\nSố CCCD\t001085012345\nĐiện thoại\t0912 345 678\n' + 'x'.repeat(300) +
    '\nĐường dây nóng 1900 0000, văn phòng 024 3825 1234. Thành phố Hồ Chí Minh. Liên hệ: hotro@hanoi.gov.vn';

  it('finds a citizen ID always, and a phone only beside a name', () => {
    const hits = findPersonalData(page);
    expect(hits.map((h) => [h.kind, h.value])).toEqual([['citizen_id', '001085012345'], ['phone', '0912 345 678']]);
    expect(hits[0]!.names.map((n) => n.name)).toEqual(['Nguyễn Văn Bình']);
  });

  it('masks values and names in stored text and never cuts a value in two', () => {
    const hits = findPersonalData(page);
    const pairs = maskingPairs(hits);
    const masked = maskText(page, pairs);
    expect(masked).toContain('001*******45');
    expect(masked).toContain('N. V. B.');
    expect(masked).not.toMatch(/001085012345|0912 345 678|Nguyễn Văn Bình/);
    for (const stored of storedHits(page, hits, pairs)) expect(stored.context).not.toMatch(/\d{6}/);
    expect(findPersonalData('Tổng số tiền 1.234.567.890.123 đồng; mã 000.00.10.G13')).toEqual([]);
  });

  it('names a contact point only when an address or number stands by the words for it', () => {
    expect(contactPointIn('Đầu mối bảo vệ dữ liệu cá nhân: baomat@hanoi.gov.vn')).toContain('baomat@hanoi.gov.vn');
    expect(contactPointIn('Chúng tôi cam kết bảo mật thông tin của người dùng.')).toBeNull();
  });

  it('recognises personal-data form fields by name, label, type or autocomplete', () => {
    const f = (name: string, label = '', type = 'text', autocomplete = '') => ({ name, id: '', type, autocomplete, label });
    expect(personalFields([f('ho_ten'), f('x', 'Số căn cước công dân'), f('q', 'Từ khóa tìm kiếm', 'search'), f('e', '', 'email'), f('z', '', 'text', 'bday')]))
      .toEqual(['ho_ten', 'x', 'e']);
  });
});

describe('cookies', () => {
  it('reads the attributes the site declared, not the ones the browser filled in', () => {
    expect(parseCookieDeclaration('ASPSESSIONID=ABC; path=/', 'header', 'http://x/')).toMatchObject({ name: 'ASPSESSIONID', secure: false, httpOnly: false, sameSite: null, valueLength: 3 });
    expect(parseCookieDeclaration('s=1; Secure; HttpOnly; SameSite=Lax; Domain=.hanoi.gov.vn', 'header', null)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', domain: 'hanoi.gov.vn' });
    expect(parseCookieDeclaration('=nameless', 'script', null)).toBeNull();
  });

  it('attributes a cookie to the script that wrote it and keeps a refused one as an attempt', () => {
    const stored = [{ name: '_ga', value: 'GA1.2.3', domain: '.hanoi.gov.vn', path: '/', expires: 2e9, httpOnly: false, secure: false, sameSite: 'Lax' }];
    const declared = [
      parseCookieDeclaration('_ga=GA1.2.3; path=/', 'script', 'https://www.googletagmanager.com/gtag/js')!,
      { ...parseCookieDeclaration('IDE=x; SameSite=None; Secure', 'header', 'https://ad.doubleclick.net/p')!, blocked: ['ThirdPartyPhaseout'] },
    ];
    const cookies = describeCookies(stored, declared, 'hanoi.gov.vn', 1.9e9);
    expect(cookies[0]).toMatchObject({ name: '_ga', party: 'first', setBy: { via: 'script', url: 'https://www.googletagmanager.com/gtag/js' }, stored: true, expiresInS: 1e8 });
    expect(cookies[0]!.tracker).toBeTruthy();
    expect(cookies[1]).toMatchObject({ name: 'IDE', party: 'third', stored: false, refusedBecause: ['ThirdPartyPhaseout'] });
  });

  it('a tracker anywhere on the call stack wrote the cookie, even through a first-party helper', () => {
    const stored = [{ name: 'uid', value: 'a1b2c3', domain: 'hanoi.gov.vn', path: '/', expires: -1, httpOnly: false, secure: true, sameSite: 'Lax' }];
    const helper = 'https://hanoi.gov.vn/js/cookie-helper.js';
    const declared = [{ ...parseCookieDeclaration('uid=a1b2c3; Secure; SameSite=Lax', 'script', helper)!, stack: [helper, 'https://connect.facebook.net/en_US/fbevents.js'] }];
    const [cookie] = describeCookies(stored, declared, 'hanoi.gov.vn', 1.9e9);
    expect(cookie).toMatchObject({ setBy: { via: 'script', url: helper, stack: [helper, 'https://connect.facebook.net/en_US/fbevents.js'] } });
    expect(cookie!.tracker).toBeTruthy();
  });

  it('keeps a refused cookie\'s declared lifetime and path: Max-Age over Expires, as browsers do', () => {
    const refused = (line: string) => describeCookies([], [{ ...parseCookieDeclaration(line, 'header', 'https://ad.doubleclick.net/p')!, blocked: ['ThirdPartyPhaseout'] }], 'hanoi.gov.vn', 1.9e9)[0]!;
    expect(refused('IDE=x; Max-Age=34128000; Path=/quang-cao; Expires=Thu, 01 Jan 2026 00:00:00 GMT')).toMatchObject({ expiresInS: 34128000, path: '/quang-cao' });
    expect(refused(`IDE=x; Expires=${new Date((1.9e9 + 3600) * 1000).toUTCString()}`)).toMatchObject({ expiresInS: 3600, path: '/' });
    expect(refused('IDE=x').expiresInS).toBeNull();
  });
});

describe('the law in force on the measured date', () => {
  const citations = [{ instrument: 'nd13_2023' as const, article: 'Điều 11' }, { instrument: 'luat91_2025' as const, article: 'Điều 9' }, { instrument: 'nd224_2026' as const }];
  it('cites Nghị định 13/2023 in 2025, the 2025 law from 2026-01-01, Nghị định 224/2026 from 2026-07-01', () => {
    expect(basisOn(citations, '2025-06-30').map((b) => b.instrument)).toEqual(['Nghị định 13/2023/NĐ-CP']);
    expect(basisOn(citations, '2026-01-01').map((b) => b.instrument)).toEqual(['Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15']);
    expect(basisOn(citations, '2026-07-01').map((b) => b.instrument)).toEqual(['Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15', 'Nghị định 224/2026/NĐ-CP']);
  });
});

describe('the Tab walk', () => {
  const read = (id: number, extra: Partial<FocusRead> = {}): FocusRead => ({
    key: `0:${id}`, element: { selector: `#e${id}`, frame: 0, snippet: `<a id="e${id}">`, text: `e${id}` }, composite: false, opaqueFrame: false, inModal: false, ...extra,
  });
  const run = (reads: Array<FocusRead | null>, sample = 40) => {
    const w = new TabWalk(sample);
    let end = null;
    for (const r of reads) if ((end = w.add(r))) break;
    return { w, end };
  };

  it('completes when the focus comes round to its first stop, through the end of the page', () => {
    const { w, end } = run([read(0), read(1), null, read(0)]);
    expect(end).toBe('cycle');
    expect(w.stops.map((s) => s.element.selector)).toEqual(['#e0', '#e1']);
    expect(w.presses.map((p) => p.stop)).toEqual([0, 1, null, 0]);
  });

  it('a native control with stops inside is one stop, however many presses stay in it', () => {
    const date = read(1, { composite: true });
    expect(run([read(0), date, date, date, date, read(2), null, read(0)]).end).toBe('cycle');
    expect(run([read(0), ...Array(COMPOSITE_PRESSES).fill(date)]).end).toBe(null);
    expect(run([read(0), ...Array(COMPOSITE_PRESSES + 1).fill(date)]).end).toBe('stuck');
  });

  it('an ordinary element that keeps the focus press after press is stuck; a small loop is a loop', () => {
    const stuck = run([read(0), read(1), read(1), read(1)]);
    expect(stuck.end).toBe('stuck');
    expect(stuck.w.group.map((g) => g.key)).toEqual(['0:1']);
    const loop = run([read(0), read(1), read(2), read(1)]);
    expect(loop.end).toBe('loop');
    expect(loop.w.group.map((g) => g.key)).toEqual(['0:1', '0:2']);
    // A long cycle that skips the first stop (a skip link gone after use) is the page's Tab cycle.
    expect(run([read(0), read(1), read(2), read(3), read(4), read(5), read(1)]).end).toBe('cycle');
  });

  it('stops at the sample size without judging; nothing focusable at all is a complete, empty walk', () => {
    expect(run([read(0), read(1), read(2)], 2).end).toBe('sample');
    const empty = run([null, null, null]);
    expect(empty.end).toBe('no_focus');
    expect(empty.w.stops).toEqual([]);
  });

  it('a trap is proven only when the backward presses stay inside too, with focusable elements outside', () => {
    const group = [read(1)];
    const held = Array(backwardPressesFor(group)).fill(read(1));
    expect(judgeStuck(group, held, 3)).toEqual({ trap: true, why: null });
    expect(judgeStuck(group, [read(1), read(0)], 3)).toEqual({ trap: false, why: 'escaped_backward' });
    expect(judgeStuck(group, [read(1), null], 3)).toEqual({ trap: false, why: 'escaped_backward' });
    expect(judgeStuck(group, held.slice(1), 3)).toEqual({ trap: false, why: 'not_confirmed' });
    expect(judgeStuck(group, held, 0)).toEqual({ trap: false, why: 'nothing_outside' });
    const modal = [read(1, { inModal: true })];
    expect(judgeStuck(modal, Array(backwardPressesFor(modal)).fill(modal[0]), 3).why).toBe('modal_dialog');
  });
});

describe('judging and scoring', () => {
  it('a failed visit is a scanner error for every criterion, except an invalid certificate, which fails HTTPS and HSTS', () => {
    const home = { ...emptyEvidence('https://x.gov.vn/', 'home', new Date()), error: { reason: 'tls_invalid' as const, message: 'net::ERR_CERT_DATE_INVALID' } };
    const results = judgePortal({ home, pages: [] }, ['privacy', 'accessibility'], '2026-08-01');
    const portal = results.filter((r) => r.level === 'portal');
    expect(portal.find((r) => r.criterionId === 'privacy.https')!.outcome).toBe('fail');
    // Browsers take no HSTS from a certificate they refuse (the Observatory's hsts-invalid-cert).
    expect(portal.find((r) => r.criterionId === 'privacy.hsts')!.outcome).toBe('fail');
    expect(new Set(portal.filter((r) => r.criterionId !== 'privacy.https' && r.criterionId !== 'privacy.hsts').map((r) => r.outcome))).toEqual(new Set(['error']));
    const timeout = { ...home, error: { reason: 'timeout' as const, message: 'slow' } };
    const judged = judgePortal({ home: timeout, pages: [] }, ['privacy'], '2026-08-01');
    expect(new Set(judged.map((r) => r.outcome))).toEqual(new Set(['error']));
    // The reason in the reader's words; the browser's English message only as the technical detail.
    expect(judged[0]!.details[0]!.text).toEqual({
      vi: 'Lỗi công cụ kiểm tra: timeout (quá thời gian chờ). Không tính cho cổng. Chi tiết kỹ thuật (tiếng Anh): slow.',
      en: 'Scanner error: timeout (timed out). Not counted against the portal. Technical detail: slow.',
    });
  });

  it('names why the privacy policy could not be opened in the reader\'s words, not as a bare code', () => {
    const home = { ...emptyEvidence('https://x.gov.vn/', 'home', new Date()), finalUrl: 'https://x.gov.vn/', links: [{ text: 'Chính sách bảo mật', href: 'https://x.gov.vn/chinh-sach' }] } as PageEvidence;
    const policy = { ...emptyEvidence('https://x.gov.vn/chinh-sach', 'privacy_policy', new Date()), error: { reason: 'timeout' as const, message: 'slow' } };
    const result = judgePortal({ home, pages: [policy] }, ['privacy'], '2026-08-01').find((r) => r.criterionId === 'privacy.policy-reachable')!;
    expect(result.outcome).toBe('error');
    expect(result.details[0]!.text).toEqual({ vi: 'Không mở được trang chính sách: timeout (quá thời gian chờ).', en: 'Could not open the policy page: timeout (timed out).' });
  });

  it('rolls page outcomes up: fail, then error, then cant_tell, then pass', () => {
    expect(rollUp(['pass', 'error', 'fail'])).toBe('fail');
    expect(rollUp(['pass', 'error'])).toBe('error');
    expect(rollUp(['pass', 'cant_tell', 'not_applicable'])).toBe('cant_tell');
    expect(rollUp(['not_applicable'])).toBe('not_applicable');
  });

  it('scores by severity weight, leaving out what waits for a person and advice', () => {
    const r = (outcome: CriterionResult['outcome'], severity: CriterionResult['severity'], advisory = false): CriterionResult =>
      ({ criterionId: `c.${outcome}.${severity}`, area: 'privacy', severity, level: 'portal', pageIndex: null, pageUrl: 'x', outcome, details: [], basis: [], ...(advisory ? { advisory: true as const } : {}) });
    // critical pass 10, serious fail 5, minor pass 1: 11 / 16; the advisory critical failure counts for nothing.
    const s = scoreArea([r('pass', 'critical'), r('fail', 'serious'), r('pass', 'minor'), r('cant_tell', 'serious'), r('fail', 'critical', true)], 'privacy');
    expect(s).toMatchObject({ score: 68.8, version: 'score/2', counts: { pass: 2, fail: 1, error: 0, cant_tell: 1, not_applicable: 0 } });
    expect(blockingFailures([r('fail', 'critical', true)])).toEqual([]);
  });

  it('gives no score while a criterion could not be judged: a score over the rest would read as the whole (0.0 from one failure)', () => {
    const r = (outcome: CriterionResult['outcome'], severity: CriterionResult['severity']): CriterionResult =>
      ({ criterionId: `c.${outcome}.${severity}`, area: 'accessibility', severity, level: 'portal', pageIndex: null, pageUrl: 'x', outcome, details: [], basis: [] });
    expect(scoreArea([r('error', 'critical'), r('error', 'serious'), r('fail', 'minor')], 'accessibility')).toMatchObject({ score: null, counts: { error: 2, fail: 1 } });
    expect(scoreArea([r('error', 'critical')], 'accessibility').score).toBeNull();
  });
});

describe('finding the policy and the statement from the home page', () => {
  it('by link text first, then by address', () => {
    const links = [{ href: 'https://x/gioi-thieu', text: 'Giới thiệu' }, { href: 'https://x/chinh-sach-bao-mat', text: 'Điều khoản' }, { href: 'https://x/p', text: 'Chính sách quyền riêng tư' }];
    expect(findPolicyLink(links)?.href).toBe('https://x/p');
    expect(findPolicyLink(links.slice(0, 2))?.href).toBe('https://x/chinh-sach-bao-mat');
    expect(findStatementLink([{ href: 'https://x/a', text: 'Tuyên bố về khả năng tiếp cận' }])?.href).toBe('https://x/a');
    expect(findStatementLink(links)).toBeNull();
  });
});
