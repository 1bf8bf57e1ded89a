// WCAG 2.1.2: the focus can always leave an element with Tab or Shift+Tab. A trap is claimed
// only when the walk proved it: focus stayed on the element (or a small group) for the
// bounded presses forward and backward, while other focusable elements exist outside, and no
// way out the page announces ("Press Ctrl+M to exit") worked when pressed.
import { detail, judgement, type PageCriterion } from '../criterion.ts';
import { isJudgement, KEYBOARD_BASIS, keyboardEvidence, where } from './keyboard-common.ts';
import { msgBoth } from '../../../messages/index.ts';

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
  title: msgBoth('a11y.trap.title'),
  description: msgBoth('a11y.trap.description'),
  severity: 'critical',
  basis: KEYBOARD_BASIS,
  wcag: ['2.1.2'],
  advice: msgBoth('a11y.trap.advice'),
  judge(page) {
    const k = keyboardEvidence(page);
    if (isJudgement(k)) return k;
    if (k.trap) {
      const trap = k.trap;
      const presses = { forward: trap.forward, backward: trap.backward };
      const group = trap.elements.length > 1 ? { vi: ` (nhóm ${trap.elements.length} phần tử)`, en: ` (a group of ${trap.elements.length})` } : { vi: '', en: '' };
      const held = { vi: `${where(trap.elements[0]!, 'vi')}${group.vi}`, en: `${where(trap.elements[0]!, 'en')}${group.en}` };
      const exit = trap.exit;
      const way = exit?.tried.find((t) => t.escaped);
      const exitData = { data: { elements: trap.elements, exit, presses }, evidence: { blob: 'evidence' as const, path: 'keyboard.trap.exit' } };
      // WCAG 2.1.2 allows a non-standard way out when the visitor is told it: told and proven, it passes.
      if (exit && way) {
        return judgement('pass', [detail('keyboard.trap_exit_announced',
          `Tab và Shift+Tab không rời được ${held.vi}, nhưng trang hướng dẫn cách thoát ("${exit.announced}")${exit.revealedBy ? ` sau khi chọn ${where(exit.revealedBy, 'vi')}` : ''} và tổ hợp phím ${way.keys} đưa được tiêu điểm ra ngoài.`,
          `Tab and Shift+Tab cannot leave ${held.en}, but the page tells the way out ("${exit.announced}")${exit.revealedBy ? ` once ${where(exit.revealedBy, 'en')} is activated` : ''} and ${way.keys} moves the focus out.`,
          exitData)]);
      }
      // Keys announced but not pressed (time ran out, the focus moved): a person presses them.
      if (exit?.announced && !exit.tried.length) {
        return judgement('cant_tell', [detail('keyboard.trap_exit_untested',
          `Cần người kiểm tra: Tab và Shift+Tab không rời được ${held.vi}; trang hướng dẫn cách thoát ("${exit.announced}") nhưng chưa thử được tổ hợp phím đó.`,
          `Needs a person: Tab and Shift+Tab cannot leave ${held.en}; the page tells a way out ("${exit.announced}") that could not be tried.`,
          exitData)]);
      }
      const told = exit?.tried.length
        ? { vi: ` Trang hướng dẫn "${exit.announced}", nhưng ${exit.tried.map((t) => t.keys).join(', ')} không đưa tiêu điểm ra ngoài.`, en: ` The page says "${exit.announced}", but ${exit.tried.map((t) => t.keys).join(', ')} did not move the focus out.` }
        : { vi: '', en: '' };
      return judgement('fail', trap.elements.map((e, i) => detail('keyboard.trap',
        `Bẫy bàn phím: tiêu điểm kẹt tại ${where(e, 'vi')}${group.vi}: ${trap.forward.length} lần Tab và ${trap.backward.length} lần Shift+Tab đều không rời được.${told.vi} Cách sửa: không chặn phím Tab (preventDefault) và không đưa tiêu điểm trở lại bằng bộ hẹn giờ hay sự kiện blur.`,
        `Keyboard trap: the focus is held at ${where(e, 'en')}${group.en}: ${trap.forward.length} Tab and ${trap.backward.length} Shift+Tab presses could not leave it.${told.en} Fix: do not cancel Tab (preventDefault) and do not send the focus back from a timer or a blur handler.`,
        { data: { element: e, presses, stops: k.stops.map((s) => s.element.selector), exit }, evidence: { blob: 'evidence', path: `keyboard.trap.elements[${i}]` } })));
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
