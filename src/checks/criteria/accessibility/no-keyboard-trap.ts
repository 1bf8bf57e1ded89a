// WCAG 2.1.2: the focus can always leave an element with Tab or Shift+Tab. A trap is claimed
// only when the walk proved it: focus stayed on the element (or a small group) for the
// bounded presses forward and backward, while other focusable elements exist outside.
import { detail, judgement, type PageCriterion } from '../criterion.ts';
import { isJudgement, KEYBOARD_BASIS, keyboardEvidence, where } from './keyboard-common.ts';

const STUCK = {
  escaped_backward: { vi: 'Tab không đi tiếp được nhưng Shift+Tab thoát ra', en: 'Tab does not move on, but Shift+Tab gets out' },
  modal_dialog: { vi: 'tiêu điểm quay vòng trong một hộp thoại (cần thử phím Esc)', en: 'the focus cycles inside a modal dialog (Escape needs checking)' },
  nothing_outside: { vi: 'không còn phần tử nào khác nhận tiêu điểm', en: 'no other element takes the focus' },
  opaque_frame: { vi: 'tiêu điểm ở trong một khung không đọc được', en: 'the focus is inside a frame that cannot be read' },
  not_confirmed: { vi: 'chưa thử đủ chiều ngược lại trong thời gian cho phép', en: 'the backward presses did not finish within the time budget' },
};

export const noKeyboardTrap: PageCriterion = {
  id: 'accessibility.no-keyboard-trap',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Không có bẫy bàn phím', en: 'No keyboard trap' },
  description: {
    vi: 'Tiêu điểm vào được phần tử nào bằng bàn phím thì cũng rời được phần tử đó bằng phím Tab hoặc Shift+Tab.',
    en: 'Wherever the keyboard focus can go, Tab or Shift+Tab can move it away again.',
  },
  severity: 'critical',
  basis: KEYBOARD_BASIS,
  wcag: ['2.1.2'],
  advice: { vi: 'Không đưa tiêu điểm trở lại bằng mã lệnh (blur/focus, hẹn giờ, chặn phím Tab); hộp thoại phải đóng được bằng phím Esc và trả tiêu điểm về chỗ cũ.', en: 'Never send the focus back by script (blur/focus handlers, timers, swallowing Tab); dialogs must close with Esc and return the focus.' },
  judge(page) {
    const k = keyboardEvidence(page);
    if (isJudgement(k)) return k;
    if (k.trap) {
      const presses = { forward: k.trap.forward, backward: k.trap.backward };
      return judgement('fail', k.trap.elements.map((e, i) => detail('keyboard.trap',
        `Bẫy bàn phím: tiêu điểm kẹt tại ${where(e, 'vi')}${k.trap!.elements.length > 1 ? ` (nhóm ${k.trap!.elements.length} phần tử)` : ''}: ${k.trap!.forward.length} lần Tab và ${k.trap!.backward.length} lần Shift+Tab đều không rời được. Cách sửa: không chặn phím Tab (preventDefault) và không đưa tiêu điểm trở lại bằng bộ hẹn giờ hay sự kiện blur.`,
        `Keyboard trap: the focus is held at ${where(e, 'en')}${k.trap!.elements.length > 1 ? ` (a group of ${k.trap!.elements.length})` : ''}: ${k.trap!.forward.length} Tab and ${k.trap!.backward.length} Shift+Tab presses could not leave it. Fix: do not cancel Tab (preventDefault) and do not send the focus back from a timer or a blur handler.`,
        { data: { element: e, presses, stops: k.stops.map((s) => s.element.selector) }, evidence: { blob: 'evidence', path: `keyboard.trap.elements[${i}]` } })));
    }
    if (k.stuck) {
      const why = STUCK[k.stuck.why];
      return judgement('cant_tell', k.stuck.elements.map((e, i) => detail('keyboard.stuck',
        `Cần người kiểm tra: tiêu điểm dừng lại tại ${where(e, 'vi')}: ${why.vi}.`,
        `Needs a person: the focus stopped at ${where(e, 'en')}: ${why.en}.`,
        { data: { element: e, why: k.stuck!.why, forward: k.forward.presses.slice(-8), backward: k.backward.presses }, evidence: { blob: 'evidence', path: `keyboard.stuck.elements[${i}]` } })));
    }
    if (k.interactive === 0 && !k.stops.length) return judgement('not_applicable');
    if (!k.stops.length) {
      return judgement('cant_tell', [detail('keyboard.no_stops', `Phím Tab không dừng ở phần tử nào, dù trang có ${k.interactive} phần tử tương tác: không thử được bẫy bàn phím.`, `Tab stopped at no element, though the page has ${k.interactive} interactive elements: traps could not be tested.`, { data: { interactive: k.interactive } })]);
    }
    if (!k.completed) {
      return judgement('cant_tell', [detail('keyboard.trap_partial',
        `Không thấy bẫy ở ${k.stops.length} điểm dừng Tab đầu tiên, nhưng vòng Tab chưa đi hết (${k.forward.end}): phần còn lại cần người kiểm tra.`,
        `No trap in the first ${k.stops.length} Tab stops, but the walk did not go all the way round (${k.notJudged ?? k.forward.end}): the rest needs a person.`,
        { data: { end: k.forward.end, stops: k.stops.length, bounds: k.bounds }, evidence: { blob: 'evidence', path: 'keyboard.forward' } })]);
    }
    return judgement('pass', [detail('keyboard.no_trap', `Một vòng phím Tab đủ ${k.stops.length} điểm dừng, tiêu điểm luôn đi tiếp.`, `A full round of Tab over ${k.stops.length} stops: the focus always moved on.`, { data: { stops: k.stops.length } })]);
  },
};
