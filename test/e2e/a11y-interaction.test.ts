// The interaction criteria (3.2.1/3.2.2, 2.4.1, 1.4.1, 1.3.1/3.3.2) in real Chromium against the
// sandbox: each fixture that must fail, its twin that must pass, and the clean Hà Nội portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { publicSiteUrl } from '../../scripts/sandbox/hosts.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import type { Checker } from '../../src/checks/checker.ts';
import { INTERACTION_CRITERIA } from '../../src/checks/criteria/accessibility/interaction.ts';
import type { Judgement, Outcome, PageEvidence } from '../../src/checks/types.ts';
import { sandboxChecker, visitNamedPages } from '../helpers/checks.ts';

let sandbox: Sandbox;
let checker: Checker;
let pages: Record<string, PageEvidence>;

const FIXTURES = [
  'chon-tinh-chuyen-trang', 'chon-tinh-nut-xem', 'o-nhap-mo-cua-so', 'o-nhap-binh-thuong', 'bo-qua-hoat-dong', 'bo-qua-hong',
  'lien-ket-chi-mau', 'lien-ket-gach-chan', 'truong-bat-buoc-mau', 'truong-bat-buoc-chu', 'gioi-tinh-khong-nhom', 'gioi-tinh-fieldset',
];
const HANOI = publicSiteUrl('hanoi');
const url = (name: string) => (name.startsWith('hanoi') ? `${HANOI}${name === 'hanoi' ? '' : name.slice('hanoi/'.length)}` : `${FIXTURES_ORIGIN}/a11y/interaction/${name}`);

beforeAll(async () => {
  sandbox = await startSandbox();
  checker = sandboxChecker(sandbox);
  ({ pages } = await visitNamedPages(checker, [...FIXTURES, 'hanoi', 'hanoi/nop-ho-so'], url));
}, 600_000);

afterAll(async () => {
  await checker?.close();
  await sandbox?.close();
});

function judged(name: string, id: string): Judgement {
  const page = pages[name]!;
  expect(page.error, `${name}: ${JSON.stringify(page.error)}`).toBeNull();
  expect(page.probeErrors, name).toEqual([]);
  return INTERACTION_CRITERIA.find((c) => c.id === id)!.judge(page);
}
const outcome = (name: string, id: string): Outcome => judged(name, id).outcome;
const codes = (name: string, id: string) => judged(name, id).details.map((d) => d.code);

// [criterion, fixture that fails, its twin that passes, expected code of the failure]
const CASES: Array<[string, string, string, string]> = [
  ['accessibility.no-change-on-focus-input', 'chon-tinh-chuyen-trang', 'chon-tinh-nut-xem', 'context.on_input'],
  ['accessibility.no-change-on-focus-input', 'o-nhap-mo-cua-so', 'o-nhap-binh-thuong', 'context.on_focus'],
  ['accessibility.bypass-blocks', 'bo-qua-hong', 'bo-qua-hoat-dong', 'bypass.skip_link_broken'],
  ['accessibility.use-of-colour', 'lien-ket-chi-mau', 'lien-ket-gach-chan', 'colour.link_colour_only'],
  ['accessibility.use-of-colour', 'truong-bat-buoc-mau', 'truong-bat-buoc-chu', 'colour.required_by_colour'],
  ['accessibility.form-structure', 'gioi-tinh-khong-nhom', 'gioi-tinh-fieldset', 'form.group_unlabelled'],
];

describe('each interaction criterion fails on its defect and passes on the twin', () => {
  it.each(CASES)('%s: %s fails, %s passes', (id, bad, good, code) => {
    expect(outcome(bad, id), JSON.stringify(judged(bad, id).details.map((d) => d.text.en))).toBe('fail');
    expect(codes(bad, id)).toContain(code);
    expect(outcome(good, id), JSON.stringify(judged(good, id).details.map((d) => d.text.en))).toBe('pass');
  });

  it('no fixture fails a criterion it was not made for (no false fail)', () => {
    const failing = CASES.flatMap(([id, bad]) => [`${bad} ${id}`]);
    const unexpected = FIXTURES.flatMap((name) => INTERACTION_CRITERIA.map((c) => [name, c.id] as const))
      .filter(([name, id]) => !failing.includes(`${name} ${id}`) && outcome(name, id) === 'fail')
      .map(([name, id]) => `${name} ${id}: ${JSON.stringify(judged(name, id).details.map((d) => d.text.en))}`);
    expect(unexpected).toEqual([]);
  });

  it('the clean Hà Nội portal passes (or has nothing to judge) on every interaction criterion', () => {
    const notPassing = ['hanoi', 'hanoi/nop-ho-so'].flatMap((name) => INTERACTION_CRITERIA.map((c) => ({ name, id: c.id, j: judged(name, c.id) })))
      .filter(({ j }) => j.outcome !== 'pass' && j.outcome !== 'not_applicable')
      .map(({ name, id, j }) => `${name} ${id}: ${j.outcome} ${JSON.stringify(j.details.map((d) => d.text.en))}`);
    expect(notPassing).toEqual([]);
  });
});

describe('the findings name the element and what happened', () => {
  it('the select that navigates: blocked, reproduced, named, and the page left as it was', () => {
    const ctx = pages['chon-tinh-chuyen-trang']!.interaction!.context!;
    const change = ctx.changes.find((c) => c.action === 'input')!;
    expect(change).toMatchObject({ el: { selector: '#tinh', frame: 0 }, kind: 'select', effects: ['navigation'], reproduced: true, advisory: null, submit: null });
    expect(change.navigatedTo).toContain('/a11y/interaction/ket-qua?tinh=');
    expect(ctx.restored).toBe('values');
    expect(pages['chon-tinh-chuyen-trang']!.finalUrl).toBe(url('chon-tinh-chuyen-trang'));
  });

  it('the field that opens a window on focus', () => {
    const change = pages['o-nhap-mo-cua-so']!.interaction!.context!.changes[0]!;
    expect(change).toMatchObject({ el: { selector: '#tu-khoa' }, action: 'focus', effects: ['popup'], reproduced: true });
    expect(change.popupUrl).toContain('/a11y/interaction/huong-dan');
  });

  it('the working skip link was activated with the keyboard; the broken one names its missing target', () => {
    const ok = pages['bo-qua-hoat-dong']!.interaction!.bypass![0]!.skipLinks[0]!;
    expect(ok).toMatchObject({ href: '#noi-dung', target: { selector: '#noi-dung' }, skipText: true });
    // Enter on the link, then Tab: the focus lands in the main content, past the navigation.
    expect(ok.activated!.nextTabInTarget).toBe(true);
    const broken = pages['bo-qua-hong']!.interaction!.bypass![0]!.skipLinks[0]!;
    expect(broken).toMatchObject({ href: '#noi-dung-chinh', target: null, skipText: true });
  });

  it('the colour-only link carries both colours and its contrast is under 3:1', () => {
    const d = judged('lien-ket-chi-mau', 'accessibility.use-of-colour').details[0]!;
    expect(d.data).toMatchObject({ el: { frame: 0, text: 'quy định về thành phần hồ sơ' }, textColour: 'rgb(26, 26, 26)', linkColour: 'rgb(61, 61, 92)' });
    expect(d.data!.contrast as number).toBeLessThan(3);
  });

  it('text styled as a heading is only ever cant_tell, and names the element', () => {
    const j = judged('bo-qua-hong', 'accessibility.form-structure');
    expect(j.outcome).toBe('cant_tell');
    expect(j.details.map((d) => d.code)).toEqual(['form.visual_heading']);
    expect(j.details[0]!.data).toMatchObject({ el: { frame: 0, text: 'Giới thiệu chung', snippet: expect.stringContaining('tieu-de') }, fontWeight: 700 });
  });
});
