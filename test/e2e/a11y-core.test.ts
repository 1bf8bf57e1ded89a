// What every accessibility verdict rests on, in real Chromium against the sandbox: axe and the
// page's headings, links and tables from every frame (cross-origin ones too), each finding
// naming one element and its frame; the document the visitor ends on is the one judged; the
// rules the catalogue names really run; SVG links and SVG documents judged without a crash.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import type { Checker, PortalCheck } from '../../src/checks/checker.ts';
import type { Outcome } from '../../src/checks/types.ts';
import { sandboxChecker } from '../helpers/checks.ts';

let sandbox: Sandbox;
let checker: Checker;
const checks: Record<string, PortalCheck> = {};
const CASES = ['khung', 'khung-sach', 'chuyen-bang-ma', 'chuyen-cham', 'lam-moi-3-giay', 'chuyen-toi-trang-hong', 'tieu-de-hinh', 'tieu-de-rong', 'khong-tieu-de', 'bang-o-tieu-de-rong', 'hinh.svg', 'du-lieu.xml', 'nhan-khac-ten', 'khung-sau-hop-thoai', 'khung-bi-loai'];

beforeAll(async () => {
  sandbox = await startSandbox();
  checker = sandboxChecker(sandbox, { concurrency: 2 });
  await Promise.all(CASES.map(async (name) => {
    checks[name] = await checker.checkPortal({ portalId: null, homeUrl: `${FIXTURES_ORIGIN}/a11y/core/${name}`, pages: [] }, { areas: ['accessibility'] });
  }));
}, 600_000);

afterAll(async () => {
  await checker?.close();
  await sandbox?.close();
});

const pageResult = (check: string, criterionId: string) => {
  const r = checks[check]!.results.find((x) => x.level === 'page' && x.criterionId === criterionId);
  if (!r) throw new Error(`no result for ${criterionId} in ${check}`);
  return r;
};
const outcome = (check: string, criterionId: string): Outcome => pageResult(check, criterionId).outcome;
const codes = (check: string, criterionId: string) => pageResult(check, criterionId).details.map((d) => d.code);

describe('frames', () => {
  it('lists the cross-origin and the same-origin frame with the chain of iframe elements that holds each', () => {
    const e = checks.khung!.visits[0]!.evidence;
    expect(e.error).toBeNull();
    expect(e.frames.map((f) => new URL(f.url).host)).toEqual(['kiemthu.sandbox', 'tienich.sandbox', 'kiemthu.sandbox']);
    expect(e.frames[1]).toMatchObject({ parent: 0, path: ['main > iframe:nth-of-type(1)'] });
  });

  it('runs axe inside both frames: each violating element is one finding naming its frame', () => {
    const alt = pageResult('khung', 'accessibility.text-alternatives');
    expect(alt.outcome).toBe('fail');
    const img = alt.details.filter((d) => d.code === 'axe.image-alt');
    expect(img).toHaveLength(1);
    expect(img[0]!.data).toMatchObject({ frame: 1, selector: 'img' });
    expect(img[0]!.text.en).toContain('tienich.sandbox');
    // The element's cropped screenshot, taken inside the cross-origin frame, kept as its own blob.
    const crop = checks.khung!.visits[0]!.evidence.crops.find((c) => c.frame === 1 && c.selector === 'img');
    expect(crop).toMatchObject({ box: { width: 16, height: 16 } });
    expect(img[0]!.data?.crop).toBe(crop!.sha256);
    const body = checks.khung!.visits[0]!.crops[checks.khung!.visits[0]!.evidence.crops.indexOf(crop!)]!;
    expect(createHash('sha256').update(body).digest('hex')).toBe(crop!.sha256);
    expect(body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const button = pageResult('khung', 'accessibility.form-labels').details.filter((d) => d.code === 'axe.button-name');
    expect(button.map((d) => d.data?.frame)).toEqual([2]);
    expect(String(button[0]!.data?.snippet)).toContain('<button');
  });

  it('passes the same page when the framed content is accessible', () => {
    expect(outcome('khung-sach', 'accessibility.text-alternatives')).toBe('pass');
  });
});

describe('the document the visitor ends on', () => {
  it('follows a script redirect 300 ms after load and judges the new page, recording the move for a person to judge', () => {
    const e = checks['chuyen-bang-ma']!.visits[0]!.evidence;
    expect(e.finalUrl).toBe(`${FIXTURES_ORIGIN}/a11y/core/trang-moi`);
    expect(e.navigations).toHaveLength(1);
    expect(e.navigations[0]).toMatchObject({ cause: 'script', to: `${FIXTURES_ORIGIN}/a11y/core/trang-moi` });
    // The first page's image without alt is gone with it: the new page passes.
    expect(outcome('chuyen-bang-ma', 'accessibility.text-alternatives')).toBe('not_applicable');
    expect(outcome('chuyen-bang-ma', 'accessibility.no-moving-text')).toBe('cant_tell');
    expect(codes('chuyen-bang-ma', 'accessibility.no-moving-text')).toContain('navigation.script_redirect');
  });

  it('fails a script redirect a while after load and a timed meta refresh (2.2.1)', () => {
    expect(outcome('chuyen-cham', 'accessibility.no-moving-text')).toBe('fail');
    expect(codes('chuyen-cham', 'accessibility.no-moving-text')).toContain('navigation.timed_redirect');
    expect(outcome('lam-moi-3-giay', 'accessibility.no-moving-text')).toBe('fail');
    expect(codes('lam-moi-3-giay', 'accessibility.no-moving-text')).toContain('navigation.timed_refresh');
    expect(checks['lam-moi-3-giay']!.visits[0]!.evidence.navigations[0]).toMatchObject({ cause: 'meta-refresh', metaRefresh: '2; url=/a11y/core/trang-moi' });
  });

  it('is a named scanner error, never a verdict on the browser\'s error page, when the move leads nowhere', () => {
    const e = checks['chuyen-toi-trang-hong']!.visits[0]!.evidence;
    expect(e.error?.reason).toBe('navigation_failed');
    expect(e.navigations).toHaveLength(1);
    expect(new Set(checks['chuyen-toi-trang-hong']!.results.map((r) => r.outcome))).toEqual(new Set(['error']));
    expect(checks['chuyen-toi-trang-hong']!.scores[0]!.score).toBeNull();
  });
});

describe('headings, links and tables', () => {
  it('names a heading by its image\'s alt, ignores hidden headings, reads an SVG link without crashing', () => {
    const e = checks['tieu-de-hinh']!.visits[0]!.evidence;
    expect(e.error).toBeNull();
    expect(e.headings.map((h) => h.text)).toEqual(['Logo Bộ Tư pháp', 'Thủ tục hành chính']);
    expect(e.links.map((l) => l.href)).toContain(`${FIXTURES_ORIGIN}/a11y/core/trang-moi`);
    expect(outcome('tieu-de-hinh', 'accessibility.links-and-headings')).not.toBe('fail');
  });

  it('fails an empty heading, names it, and records a page without headings as advice only', () => {
    expect(outcome('tieu-de-rong', 'accessibility.links-and-headings')).toBe('fail');
    expect(pageResult('tieu-de-rong', 'accessibility.links-and-headings').details.find((d) => d.code === 'axe.empty-heading')?.data).toMatchObject({ selector: 'h2' });
    expect(outcome('khong-tieu-de', 'accessibility.links-and-headings')).not.toBe('fail');
    expect(codes('khong-tieu-de', 'accessibility.links-and-headings')).toContain('heading.none');
  });

  it('runs the table rules the catalogue names (empty-table-header was never run under the tag filter)', () => {
    expect(codes('bang-o-tieu-de-rong', 'accessibility.table-headers')).toContain('axe.empty-table-header');
  });

  it('gives a standalone SVG document only the criteria that apply: no "<html> has no lang"', () => {
    const e = checks['hinh.svg']!.visits[0]!.evidence;
    expect(e.error).toBeNull();
    expect(e.documentKind).toBe('svg');
    expect(outcome('hinh.svg', 'accessibility.page-language')).toBe('not_applicable');
    // Skip links, links in text and forms are HTML's: no probe error, no scanner error.
    expect(e.probeErrors).toEqual([]);
    for (const id of ['accessibility.bypass-blocks', 'accessibility.use-of-colour', 'accessibility.form-structure']) expect(outcome('hinh.svg', id)).toBe('not_applicable');
  });

  it('asks a person, not fails, where axe claims a label mismatch on an icon font or on the same words written differently', () => {
    const rules = checks['nhan-khac-ten']!.visits[0]!.evidence.axe!.rules.filter((r) => r.id === 'label-content-name-mismatch');
    const bySelector = Object.fromEntries(rules.flatMap((r) => r.elements.map((e) => [e.selector, `${r.result} ${e.doubt ?? ''}`.trim()])));
    expect(bySelector).toEqual({ '#tim': 'incomplete icon_font', '#viet-tat': 'incomplete written_differently', '#sai-ten': 'violation' });
    // The words that differ still fail, and only they.
    expect(outcome('nhan-khac-ten', 'accessibility.other-wcag')).toBe('fail');
    const failing = pageResult('nhan-khac-ten', 'accessibility.other-wcag').details.filter((d) => d.code === 'axe.label-content-name-mismatch');
    expect(failing.map((d) => (d.data as { selector: string }).selector)).toEqual(['#sai-ten']);
  });

  it('asks a person, not fails, where axe claims a frame kept out of Tab while a modal dialog makes it inert', () => {
    const frameFinding = (name: string) => pageResult(name, 'accessibility.other-wcag').details.find((d) => d.code === 'axe.frame-focusable-content');
    expect((frameFinding('khung-sau-hop-thoai')!.data as { doubt?: string }).doubt).toBe('inert');
    expect(outcome('khung-sau-hop-thoai', 'accessibility.other-wcag')).not.toBe('fail');
    expect((frameFinding('khung-bi-loai')!.data as { doubt?: string }).doubt).toBeUndefined();
    expect(outcome('khung-bi-loai', 'accessibility.other-wcag')).toBe('fail');
  });

  it('a raw XML file is XML, not the browser\'s HTML view of it: no "<html> has no lang"', () => {
    const e = checks['du-lieu.xml']!.visits[0]!.evidence;
    expect(e.error).toBeNull();
    expect(e.documentKind).toBe('xml');
    expect(outcome('du-lieu.xml', 'accessibility.page-language')).toBe('not_applicable');
  });
});
