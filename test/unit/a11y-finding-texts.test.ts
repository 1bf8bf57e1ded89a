// The accessibility findings' texts come from the message catalogue (part a11y). Where a
// Vietnamese finding used to show a probe's English code or words (how a Tab walk ended, why a
// focus stop was not measured, why the context test stopped, why a page did not open), it now
// says it in Vietnamese; the English text stays as it was, so stored findings compare alike.
import { describe, expect, it } from 'vitest';
import { noChangeOnFocusInput } from '../../src/checks/criteria/accessibility/interaction.ts';
import { focusVisible } from '../../src/checks/criteria/accessibility/focus-visible.ts';
import { keyboard } from '../../src/checks/criteria/accessibility/keyboard.ts';
import { noKeyboardTrap } from '../../src/checks/criteria/accessibility/no-keyboard-trap.ts';
import { statement } from '../../src/checks/criteria/accessibility/statement.ts';
import { emptyInteraction } from '../../src/checks/evidence/accessibility/interaction.ts';
import { keyboardBounds } from '../../src/checks/evidence/accessibility/keyboard.ts';
import type { FocusSample, KeyboardEvidence } from '../../src/checks/evidence/accessibility/keyboard-walk.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import type { PageEvidence } from '../../src/checks/types.ts';

const at = new Date('2026-03-01T00:00:00Z');
const ref = (selector: string) => ({ selector, frame: 0, snippet: '<a>', text: selector.slice(1) });

function walked(k: Partial<KeyboardEvidence>): PageEvidence {
  const evidence: KeyboardEvidence = {
    interactive: 2, tabbable: 2, bounds: keyboardBounds(40), stops: [{ element: ref('#a'), composite: false }, { element: ref('#b'), composite: false }],
    forward: { presses: [], end: 'cycle', ms: 500 }, backward: { presses: [], ms: 0 }, completed: true, notJudged: null, trap: null, stuck: null,
    unreachable: [], unreachableDropped: 0, focus: [], focusNotSampled: 0, focusMs: 100, ...k,
  };
  return { ...emptyEvidence('https://vidu.gov.vn/', 'home', at), keyboard: evidence };
}

describe('accessibility findings name a probe\'s codes in Vietnamese', () => {
  it('says how an unfinished Tab walk ended in Vietnamese, and as before in English', () => {
    const page = walked({ completed: false, notJudged: 'the walk used up its time budget', forward: { presses: [], end: 'time', ms: 9000 } });
    const walk = keyboard.judge(page).details[0]!;
    expect(walk.code).toBe('keyboard.walk_incomplete');
    expect(walk.text.vi).toContain('vòng phím Tab không đi hết (đã hết thời gian cho phép; 2 điểm dừng');
    expect(walk.text.en).toBe('Cannot tell: the Tab walk did not go all the way round (the walk used up its time budget; 2 stops, 0 presses, 9000 ms). A person needs to check the remaining elements with a keyboard (2 interactive elements).');
    const partial = noKeyboardTrap.judge(page).details[0]!;
    expect(partial.code).toBe('keyboard.trap_partial');
    expect(partial.text.vi).toBe('Không thấy bẫy ở 2 điểm dừng Tab đầu tiên, nhưng vòng Tab chưa đi hết (đã hết thời gian cho phép): phần còn lại cần người kiểm tra.');
  });

  it('says why a focus stop was not measured in Vietnamese; an error message stays as the browser wrote it', () => {
    const sample = (reason: string): FocusSample => ({
      stop: 0, element: ref('#a'), verdict: 'not_measured', reason, clip: null, changedArea: 0, strongArea: 0, requiredArea: 0, maxContrast: 1, crop: null,
    });
    const [gone, error] = focusVisible.judge(walked({ focus: [sample('off_screen'), sample('Error: Target closed')] })).details;
    expect(gone!.text.vi).toBe('Không đo được dấu hiệu tiêu điểm trên #a ("a") (phần tử nằm ngoài màn hình).');
    expect(gone!.text.en).toBe('The focus indicator on #a ("a") could not be measured (off_screen).');
    expect(error!.text.vi).toContain('(Error: Target closed)');
  });

  it('says why the context test stopped in Vietnamese', () => {
    const page = emptyEvidence('https://vidu.gov.vn/', 'other', at);
    page.interaction = {
      ...emptyInteraction(),
      context: { candidates: 10, fieldCandidates: 2, focused: 4, changed: 1, fieldsComplete: false, changes: [], restored: 'values', stoppedBecause: 'time budget' },
    };
    const d = noChangeOnFocusInput.judge(page).details[0]!;
    expect(d.code).toBe('context.incomplete');
    expect(d.text.vi).toBe('Chưa thử hết các trường (4 lần đưa tiêu điểm, 1 lần đổi giá trị; dừng vì: hết thời gian cho phép).');
    expect(d.text.en).toBe('Not every field was tried (4 focused, 1 changed; stopped: time budget).');
  });

  it('names why the accessibility statement did not open in Vietnamese words', () => {
    const home = { ...emptyEvidence('https://vidu.gov.vn/', 'home', at), links: [{ text: 'Tuyên bố khả năng tiếp cận', href: 'https://vidu.gov.vn/tb' }] } as PageEvidence;
    const page = { ...emptyEvidence('https://vidu.gov.vn/tb', 'accessibility_statement', at), error: { reason: 'timeout' } } as PageEvidence;
    const d = statement.judge({ home, pages: [page] }).details[0]!;
    expect(d.text.vi).toBe('Không mở được trang: timeout (quá thời gian chờ).');
    expect(d.text.en).toBe('Could not open the page: timeout.');
  });
});
