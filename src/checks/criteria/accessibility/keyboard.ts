// Everything that can be clicked can be reached with Tab, shows where the focus is, and lets
// the focus go again (no keyboard trap). The Tab order is walked with real key presses; the
// focus indicator is sampled on the first stops (visit.ts, keyboardSample).
import { detail, judgement, type PageCriterion } from '../criterion.ts';

export const keyboard: PageCriterion = {
  id: 'accessibility.keyboard',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Dùng được bằng bàn phím, có dấu hiệu tiêu điểm, không bẫy bàn phím', en: 'Keyboard operable, visible focus, no keyboard trap' },
  description: {
    vi: 'Mọi phần tử tương tác tới được bằng phím Tab, hiện rõ khi nhận tiêu điểm, và phím Tab luôn đi tiếp được.',
    en: 'Every interactive element is reachable with Tab, shows visibly when focused, and Tab always moves on.',
  },
  severity: 'critical',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }],
  wcag: ['2.1.1', '2.1.2', '2.4.7'],
  advice: { vi: 'Cho mọi phần tử tương tác nhận tiêu điểm (dùng phần tử gốc như <button>, <a href> hoặc tabindex="0" kèm xử lý phím), giữ viền tiêu điểm rõ ràng (:focus-visible), không giữ tiêu điểm lại bằng mã lệnh.', en: 'Make every interactive element focusable (native <button>/<a href>, or tabindex="0" with key handling), keep a clear focus indicator (:focus-visible), never hold the focus back by script.' },
  judge(page) {
    const k = page.keyboard;
    if (!k) return judgement('error', [detail('keyboard.not_run', 'Chưa thử bàn phím trên trang này.', 'The keyboard test did not run on this page.')]);
    if (k.interactive === 0 && !k.stops.length) return judgement('not_applicable');
    const problems = [];
    if (k.trap) problems.push(detail('keyboard.trap', `Bẫy bàn phím: tiêu điểm kẹt tại ${k.trap.selector} ("${k.trap.text}"), phím Tab không đi tiếp.`, `Keyboard trap: focus is stuck at ${k.trap.selector} ("${k.trap.text}"); Tab does not move on.`, { data: { ...k.trap }, evidence: { blob: 'evidence', path: 'keyboard.trap' } }));
    k.stops.forEach((s, i) => {
      if (!s.visibleFocus) problems.push(detail('keyboard.no_focus_indicator', `Không thấy dấu hiệu tiêu điểm trên ${s.selector} ("${s.text}").`, `No visible focus indicator on ${s.selector} ("${s.text}").`, { data: { ...s }, evidence: { blob: 'evidence', path: `keyboard.stops[${i}]` } }));
    });
    k.unreachable.forEach((u, i) => problems.push(detail('keyboard.unreachable', `Phần tử tương tác không tới được bằng Tab: ${u.selector} ("${u.text}").`, `Interactive element not reachable with Tab: ${u.selector} ("${u.text}").`, { data: { ...u }, evidence: { blob: 'evidence', path: `keyboard.unreachable[${i}]` } })));
    if (problems.length) return judgement('fail', problems);
    const note = k.completed
      ? detail('keyboard.ok', `${k.stops.length} điểm dừng Tab, tất cả có dấu hiệu tiêu điểm.`, `${k.stops.length} Tab stops, all with a visible focus indicator.`)
      : detail('keyboard.sampled', `Đã thử ${k.stops.length} điểm dừng Tab đầu tiên (trên ${k.interactive} phần tử tương tác): đều ổn.`, `Sampled the first ${k.stops.length} Tab stops (of ${k.interactive} interactive elements): all fine.`);
    return judgement('pass', [note]);
  },
};
