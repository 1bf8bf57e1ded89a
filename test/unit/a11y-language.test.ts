// The pure parts of the language, title and link-purpose checks: franc-min detection and the
// mapping of its codes to BCP 47, the judges on hand-made evidence, the portal title criterion.
import { describe, expect, it } from 'vitest';
import { linkPurpose } from '../../src/checks/criteria/accessibility/link-purpose.ts';
import { pageLanguage } from '../../src/checks/criteria/accessibility/page-language.ts';
import { pageTitle } from '../../src/checks/criteria/accessibility/page-title.ts';
import { pageTitlesDistinct } from '../../src/checks/criteria/accessibility/page-titles-distinct.ts';
import { codesFor, detect, detectLanguage } from '../../src/checks/evidence/language.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import type { AxeRuleSummary, LinkRecord, PageEvidence } from '../../src/checks/types.ts';

const VI = 'Cổng Dịch vụ công tỉnh cung cấp thông tin về thủ tục hành chính, hướng dẫn nộp hồ sơ trực tuyến và tra cứu kết quả giải quyết. Người dân và doanh nghiệp có thể theo dõi tiến độ xử lý hồ sơ mọi lúc, mọi nơi, thanh toán phí và lệ phí trực tuyến.';
const EN = 'The provincial public service portal provides information on administrative procedures, guidance on submitting applications online and a way to look up their outcome. Citizens and businesses can follow the progress of their applications at any time.';
const EN_PASSAGE = 'This portal is also open to foreign investors. Applications can be submitted online and are processed within fifteen days.';

const axePass = (...ids: string[]): PageEvidence['axe'] => ({
  version: 'test', error: null,
  rules: ids.map((id): AxeRuleSummary => ({ id, result: 'pass', impact: null, tags: [], help: id, nodes: 1, targets: [], helpUrl: null, elements: [] })),
});

function page(over: Partial<PageEvidence> = {}): PageEvidence {
  return { ...emptyEvidence('https://dvc.example.gov.vn/', 'other', new Date(0)), axe: axePass('html-has-lang', 'html-lang-valid', 'valid-lang', 'document-title', 'link-name'), lang: 'vi', title: 'Nộp hồ sơ – Cổng Dịch vụ công', text: VI, ...over };
}
const withText = (lang: string | null, passages: string[], title = 'Nộp hồ sơ') =>
  page({ lang, language: detectLanguage(lang, title, passages.map((text, i) => ({ selector: `main > p:nth-of-type(${i + 1})`, tag: 'p', text }))) });

describe('language detection (franc-min)', () => {
  it('recognises Vietnamese and English, and maps BCP 47 primary subtags to its ISO 639-3 codes', () => {
    expect(detect(VI).lang).toBe('vie');
    expect(detect(VI).tag).toBe('vi');
    expect(detect(EN).lang).toBe('eng');
    expect(codesFor('vi-VN')).toEqual(['vie']);
    expect(codesFor('EN')).toEqual(['eng']);
    expect(codesFor('fr-CH')).toEqual(['fra']);
    expect(codesFor('zh-Hant')).toEqual(['cmn']);
    expect(codesFor('eng')).toEqual([]); // not a valid primary subtag: axe's html-lang-valid judges it
    expect(codesFor('da')).toEqual([]); // franc-min has no Danish model
  });

  it('detects passages one by one (short ones together), keeping an excerpt of those in another language', () => {
    const e = detectLanguage('vi', 'Nộp hồ sơ', [{ selector: 'p.a', tag: 'p', text: VI }, { selector: 'p.b', tag: 'p', text: EN_PASSAGE }]);
    expect(e.units.map((u) => [u.selector, u.lang, Boolean(u.excerpt)])).toEqual([['p.a', 'vie', false], ['p.b', 'eng', true], [undefined, 'und', false]]); // the title alone is too short to tell
  });
});

describe('accessibility.page-language', () => {
  const judge = (p: PageEvidence) => pageLanguage.judge(p);
  it('passes Vietnamese text declared vi and English text declared en', () => {
    expect(judge(withText('vi', [VI])).outcome).toBe('pass');
    expect(judge(withText('en', [EN], 'Apply online')).outcome).toBe('pass');
  });
  it('fails Vietnamese text declared en, with the detection as evidence', () => {
    const j = judge(withText('en', [VI, VI]));
    expect(j.outcome).toBe('fail');
    expect(j.details.find((d) => d.code === 'lang.mismatch')?.data).toMatchObject({ declared: 'en', detected: ['vie'] });
  });
  it('does not judge too little text, and cannot tell a language the detector has no model of', () => {
    const short = judge(withText('en', ['Nộp hồ sơ trực tuyến'], ''));
    expect(short.outcome).toBe('pass');
    expect(short.details.map((d) => d.code)).toContain('lang.not_judged');
    const danish = judge(withText('da', [EN]));
    expect(danish.outcome).toBe('cant_tell');
    expect(danish.details.map((d) => d.code)).toContain('lang.mismatch_unsure');
  });
  it('reviews an unmarked passage in another language, naming it', () => {
    const j = judge(withText('vi', [VI, EN_PASSAGE]));
    expect(j.outcome).toBe('cant_tell');
    expect(j.details.find((d) => d.code === 'lang.part_unmarked')?.data).toMatchObject({ selector: 'main > p:nth-of-type(2)', detected: 'eng' });
  });
});

describe('accessibility.page-title', () => {
  const outcome = (title: string, kind: PageEvidence['kind'] = 'other') => pageTitle.judge(page({ title, kind })).outcome;
  it('fails empty, placeholder, address and file-name titles', () => {
    for (const t of ['', '   ', 'Untitled Document', 'Không có tiêu đề', 'Document', 'New Page', 'index', 'https://dvc.example.gov.vn/', 'trang-chu.aspx']) expect(outcome(t), t).toBe('fail');
  });
  it('passes descriptive titles and "Trang chủ" on the home page; reviews "Trang chủ" elsewhere', () => {
    expect(outcome('Nộp hồ sơ – Cổng Dịch vụ công')).toBe('pass');
    expect(outcome('Trang chủ', 'home')).toBe('pass');
    expect(outcome('Trang chủ')).toBe('cant_tell');
  });
});

describe('accessibility.page-titles-distinct (portal)', () => {
  const at = (path: string, title: string, h1: string) => page({ requestedUrl: `https://dvc.example.gov.vn/${path}`, finalUrl: `https://dvc.example.gov.vn/${path}`, title, headings: [{ level: 1, text: h1 }] });
  it('passes different titles, reviews a shared title, fails one title on three pages about different things', () => {
    const home = at('', 'Trang chủ – Cổng', 'Cổng Dịch vụ công');
    expect(pageTitlesDistinct.judge({ home, pages: [at('a', 'Nộp hồ sơ – Cổng', 'Nộp hồ sơ')] }).outcome).toBe('pass');
    const two = pageTitlesDistinct.judge({ home, pages: [at('a', 'Cổng', 'Nộp hồ sơ'), at('b', 'Cổng', 'Thống kê')] });
    expect(two.outcome).toBe('cant_tell');
    expect(two.details[0]!.data).toMatchObject({ urls: ['https://dvc.example.gov.vn/a', 'https://dvc.example.gov.vn/b'] });
    expect(pageTitlesDistinct.judge({ home, pages: [at('a', 'Cổng', 'Nộp hồ sơ'), at('b', 'Cổng', 'Thống kê'), at('c', 'Cổng', 'Liên hệ')] }).outcome).toBe('fail');
    // The same title and the same heading: perhaps one page at three addresses.
    expect(pageTitlesDistinct.judge({ home, pages: [at('a', 'Cổng', 'Tin tức'), at('b', 'Cổng', 'Tin tức'), at('c', 'Cổng', 'Tin tức')] }).outcome).toBe('cant_tell');
    expect(pageTitlesDistinct.judge({ home, pages: [] }).outcome).toBe('not_applicable');
  });
});

describe('accessibility.link-purpose', () => {
  const link = (over: Partial<LinkRecord>): LinkRecord => ({ href: 'https://dvc.example.gov.vn/a', text: 'Xem chi tiết', name: 'Xem chi tiết', described: '', context: '', heading: '', selector: 'a', hidden: false, ...over });
  const judge = (...links: LinkRecord[]) => linkPurpose.judge(page({ links }));
  it('fails a generic name without any context, reviews one with context, passes a descriptive one', () => {
    expect(judge(link({})).outcome).toBe('fail');
    for (const ctx of [{ context: 'Mẫu tờ khai đăng ký khai sinh' }, { heading: 'Tin tức' }, { described: 'Thủ tục cấp hộ chiếu' }]) {
      const j = judge(link(ctx));
      expect(j.outcome).toBe('cant_tell');
      expect(j.details.map((d) => d.code)).toEqual(['link.generic_in_context']);
    }
    expect(judge(link({ name: 'Tải về »', text: 'Tải về »' })).outcome).toBe('fail');
    expect(judge(link({ name: 'Tải mẫu tờ khai đăng ký khai sinh', text: 'Tải mẫu tờ khai đăng ký khai sinh' })).outcome).toBe('pass');
    expect(judge(link({ name: 'Xem chi tiết thủ tục cấp hộ chiếu' })).outcome).toBe('pass'); // aria-label names it
    expect(judge(link({ hidden: true })).outcome).toBe('pass');
  });
  it('reviews one name and one context leading to two places, not two contexts or one place', () => {
    const a = link({ name: 'Hướng dẫn', text: 'Hướng dẫn' });
    const j = judge(a, { ...a, href: 'https://dvc.example.gov.vn/b', selector: 'li:nth-of-type(2) > a' });
    expect(j.outcome).toBe('cant_tell');
    expect(j.details.map((d) => d.code)).toEqual(['link.same_text_different_target']);
    expect(judge(a, { ...a, href: 'https://dvc.example.gov.vn/b', context: 'Hướng dẫn nộp hồ sơ' }).outcome).toBe('pass');
    expect(judge(a, { ...a }).outcome).toBe('pass');
  });
});
