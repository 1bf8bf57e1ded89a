// Language of page and parts (3.1.1/3.1.2), page titles (2.4.2) and link purpose (2.4.4) in
// real Chromium against the sandbox: each fixture that must fail (or needs review), its twin
// that must pass, and the clean Hà Nội portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { publicSiteUrl } from '../../scripts/sandbox/hosts.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import type { Checker } from '../../src/checks/checker.ts';
import { criterionById } from '../../src/checks/criteria/index.ts';
import type { PageCriterion } from '../../src/checks/criteria/criterion.ts';
import { pageTitlesDistinct } from '../../src/checks/criteria/accessibility/page-titles-distinct.ts';
import type { Judgement, Outcome, PageEvidence } from '../../src/checks/types.ts';
import { sandboxChecker, visitNamedPages } from '../helpers/checks.ts';

let sandbox: Sandbox;
let checker: Checker;
let pages: Record<string, PageEvidence>;

const FIXTURES = [
  'tieng-viet', 'tieng-anh', 'lang-en-noi-dung-viet', 'doan-tieng-anh-khong-danh-dau', 'doan-tieng-anh-co-danh-dau', 'khong-co-title', 'title-giu-cho',
  'title-ten-tep', 'lien-ket-khong-ngu-canh', 'lien-ket-vai-tro', 'lien-ket-trong-cau', 'lien-ket-ro-nghia', 'cung-ten-khac-dich', 'cung-ten-cung-dich',
];
const HANOI_PAGES = ['hanoi', 'hanoi/nop-ho-so', 'hanoi/thong-ke', 'hanoi/chinh-sach-bao-mat', 'hanoi/tuyen-bo-tro-nang'];
const HANOI = publicSiteUrl('hanoi');
const url = (name: string) => (name.startsWith('hanoi') ? `${HANOI}${name === 'hanoi' ? '' : name.slice('hanoi/'.length)}` : `${FIXTURES_ORIGIN}/a11y/language/${name}`);
const IDS = ['accessibility.page-language', 'accessibility.page-title', 'accessibility.link-purpose', 'accessibility.links-and-headings'];

beforeAll(async () => {
  sandbox = await startSandbox();
  checker = sandboxChecker(sandbox);
  ({ pages } = await visitNamedPages(checker, [...FIXTURES, ...HANOI_PAGES], url, (name) => (name === 'hanoi' ? 'home' : 'other')));
}, 600_000);

afterAll(async () => {
  await checker?.close();
  await sandbox?.close();
});

function judged(name: string, id: string): Judgement {
  const page = pages[name]!;
  expect(page.error, `${name}: ${JSON.stringify(page.error)}`).toBeNull();
  return (criterionById(id) as PageCriterion).judge(page);
}
const outcome = (name: string, id: string): Outcome => judged(name, id).outcome;
const codes = (name: string, id: string) => judged(name, id).details.map((d) => d.code);
const why = (name: string, id: string) => JSON.stringify(judged(name, id).details.map((d) => d.text.en));

// [criterion, fixture, expected outcome, expected code, its twin that passes]
const CASES: Array<[string, string, Outcome, string, string]> = [
  ['accessibility.page-language', 'lang-en-noi-dung-viet', 'fail', 'lang.mismatch', 'tieng-viet'],
  ['accessibility.page-language', 'doan-tieng-anh-khong-danh-dau', 'cant_tell', 'lang.part_unmarked', 'doan-tieng-anh-co-danh-dau'],
  ['accessibility.page-title', 'khong-co-title', 'fail', 'title.empty', 'tieng-viet'],
  ['accessibility.page-title', 'title-giu-cho', 'fail', 'title.placeholder', 'tieng-anh'],
  ['accessibility.page-title', 'title-ten-tep', 'fail', 'title.placeholder', 'tieng-viet'],
  ['accessibility.link-purpose', 'lien-ket-khong-ngu-canh', 'fail', 'link.generic_text', 'lien-ket-ro-nghia'],
  ['accessibility.link-purpose', 'lien-ket-vai-tro', 'fail', 'link.generic_text', 'lien-ket-ro-nghia'],
  ['accessibility.link-purpose', 'lien-ket-trong-cau', 'cant_tell', 'link.generic_in_context', 'lien-ket-ro-nghia'],
  ['accessibility.link-purpose', 'cung-ten-khac-dich', 'cant_tell', 'link.same_text_different_target', 'cung-ten-cung-dich'],
];

describe('language, titles and link purpose: each defect is found, its twin passes', () => {
  it.each(CASES)('%s: %s is %s (%s), %s passes', (id, bad, expected, code, good) => {
    expect(outcome(bad, id), why(bad, id)).toBe(expected);
    expect(codes(bad, id)).toContain(code);
    expect(outcome(good, id), why(good, id)).toBe('pass');
  });

  it('recognises Vietnamese and English text, and English declared on Vietnamese text', () => {
    expect(new Set(pages['tieng-viet']!.language!.units.map((u) => u.lang))).toEqual(new Set(['vie']));
    expect(new Set(pages['tieng-anh']!.language!.units.filter((u) => u.letters >= 80).map((u) => u.lang))).toEqual(new Set(['eng']));
    expect(pages['lang-en-noi-dung-viet']!.language!.declaredCodes).toEqual(['eng']);
  });

  it('names the unmarked passage and the generic link by a selector that finds one element', () => {
    const part = judged('doan-tieng-anh-khong-danh-dau', 'accessibility.page-language').details.find((d) => d.code === 'lang.part_unmarked')!;
    expect(part.data).toMatchObject({ selector: 'main > p:nth-of-type(3)', frame: 0, detected: 'eng' });
    const link = judged('lien-ket-khong-ngu-canh', 'accessibility.link-purpose').details.find((d) => d.code === 'link.generic_text')!;
    expect(link.data).toMatchObject({ selector: 'p > a', frame: 0, name: 'Xem chi tiết' });
    const inContext = judged('lien-ket-trong-cau', 'accessibility.link-purpose').details.find((d) => d.code === 'link.generic_in_context')!;
    expect(String(inContext.data!.context)).toContain('Mẫu tờ khai đăng ký khai sinh');
  });

  it('no fixture fails a criterion it was not made for (no false fail)', () => {
    const failing = CASES.filter(([, , expected]) => expected === 'fail').map(([id, bad]) => `${bad} ${id}`);
    const unexpected = FIXTURES.flatMap((name) => IDS.map((id) => [name, id] as const))
      .filter(([name, id]) => !failing.includes(`${name} ${id}`) && outcome(name, id) === 'fail')
      .map(([name, id]) => `${name} ${id}: ${why(name, id)}`);
    expect(unexpected).toEqual([]);
  });

  it('the clean Hà Nội portal passes every page of them, and its titles tell its pages apart', () => {
    const notPassing = HANOI_PAGES.flatMap((name) => IDS.map((id) => ({ name, id, j: judged(name, id) })))
      .filter(({ j }) => j.outcome !== 'pass' && j.outcome !== 'not_applicable')
      .map(({ name, id, j }) => `${name} ${id}: ${j.outcome} ${JSON.stringify(j.details.map((d) => d.text.en))}`);
    expect(notPassing).toEqual([]);
    const [home, ...rest] = HANOI_PAGES.map((n) => pages[n]!);
    expect(pageTitlesDistinct.judge({ home: home!, pages: rest }).outcome).toBe('pass');
  });
});
