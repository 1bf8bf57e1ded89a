// WCAG 2.1.1: everything that can be clicked can be reached with Tab. Judged only on a Tab walk
// that came round to its first stop (the keyboard probe, evidence/accessibility/keyboard.ts):
// an element that walk never reached is unreachable; a walk that stopped early proves nothing.
import { detail, judgement, type PageCriterion } from '../criterion.ts';
import { isJudgement, KEYBOARD_BASIS, keyboardEvidence, where } from './keyboard-common.ts';
import { msgBoth } from '../../../messages/index.ts';

const REASON = {
  native: { vi: 'phần tử điều khiển', en: 'a control' },
  role: { vi: 'có vai trò tương tác (role)', en: 'it has an interactive role' },
  onclick: { vi: 'có thuộc tính onclick', en: 'it has an onclick attribute' },
  listener: { vi: 'có con trỏ bàn tay và bộ xử lý nhấp chuột', en: 'it has a pointer cursor and a click listener' },
} as Record<string, { vi: string; en: string }>;

export const keyboard: PageCriterion = {
  id: 'accessibility.keyboard',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.keyboard.title'),
  description: msgBoth('a11y.keyboard.description'),
  severity: 'critical',
  basis: KEYBOARD_BASIS,
  wcag: ['2.1.1'],
  advice: msgBoth('a11y.keyboard.advice'),
  judge(page) {
    const k = keyboardEvidence(page);
    if (isJudgement(k)) return k;
    if (k.interactive === 0 && !k.stops.length) return judgement('not_applicable');
    if (k.completed && k.unreachable.length) {
      return judgement('fail', k.unreachable.map((u, i) => {
        const why = REASON[u.reason] ?? { vi: u.reason, en: u.reason };
        return detail('keyboard.unreachable',
          `Không tới được bằng phím Tab: ${where(u, 'vi')} (${why.vi}), dù đã đi hết một vòng Tab (${k.stops.length} điểm dừng). Cách sửa: dùng <button> hoặc <a href> thật, hoặc thêm tabindex="0", role phù hợp và xử lý phím Enter/Space.`,
          `Not reachable with Tab: ${where(u, 'en')} (${why.en}), though the Tab walk went all the way round (${k.stops.length} stops). Fix: use a real <button> or <a href>, or add tabindex="0", a fitting role and Enter/Space handling.`,
          { data: { element: u, stops: k.stops.length, dropped: k.unreachableDropped }, evidence: { blob: 'evidence', path: `keyboard.unreachable[${i}]` } });
      }));
    }
    if (!k.completed) {
      return judgement('cant_tell', [detail('keyboard.walk_incomplete',
        `Chưa kết luận được: vòng phím Tab không đi hết (${k.forward.end}; ${k.stops.length} điểm dừng, ${k.forward.presses.length} lần bấm, ${k.forward.ms} ms). ${k.trap ? 'Tiêu điểm bị bẫy (xem tiêu chí không bẫy bàn phím). ' : ''}Cần người kiểm tra bằng bàn phím các phần tử còn lại (${k.interactive} phần tử tương tác).`,
        `Cannot tell: the Tab walk did not go all the way round (${k.notJudged ?? k.forward.end}; ${k.stops.length} stops, ${k.forward.presses.length} presses, ${k.forward.ms} ms). ${k.trap ? 'The focus is trapped (see the keyboard-trap criterion). ' : ''}A person needs to check the remaining elements with a keyboard (${k.interactive} interactive elements).`,
        { data: { end: k.forward.end, stops: k.stops.length, interactive: k.interactive, bounds: k.bounds }, evidence: { blob: 'evidence', path: 'keyboard.forward' } })]);
    }
    if (!k.stops.length) {
      // Completed with no stop yet nothing unreachable listed: the elements went away meanwhile.
      return judgement('cant_tell', [detail('keyboard.no_stops', `Phím Tab không dừng ở phần tử nào, dù trang có ${k.interactive} phần tử tương tác.`, `Tab stopped at no element, though the page has ${k.interactive} interactive elements.`, { data: { interactive: k.interactive } })]);
    }
    return judgement('pass', [detail('keyboard.ok', `Một vòng phím Tab đủ ${k.stops.length} điểm dừng, tới được mọi phần tử tương tác (${k.interactive}).`, `A full round of Tab: ${k.stops.length} stops, every interactive element (${k.interactive}) reached.`, { data: { stops: k.stops.length, interactive: k.interactive } })]);
  },
};
