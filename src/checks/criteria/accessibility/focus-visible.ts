// WCAG 2.4.7: the element that has the keyboard focus shows it. Judged on pixels: the
// element's neighbourhood (10 CSS px around it, so an outline on a wrapper, a shadow or a
// background change count) captured unfocused and focused. A change of at least the
// element's perimeter × 1 CSS px at 3:1 contrast is visible; a smaller or fainter change
// needs a person; no change at all fails.
import type { FindingDetail } from '../../types.ts';
import { detail, judgement, type PageCriterion } from '../criterion.ts';
import { isJudgement, KEYBOARD_BASIS, keyboardEvidence, where } from './keyboard-common.ts';
import { msgBoth } from '../../../messages/index.ts';

export const focusVisible: PageCriterion = {
  id: 'accessibility.focus-visible',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.focus.title'),
  description: msgBoth('a11y.focus.description'),
  severity: 'serious',
  basis: KEYBOARD_BASIS,
  wcag: ['2.4.7'],
  advice: msgBoth('a11y.focus.advice'),
  judge(page) {
    const k = keyboardEvidence(page);
    if (isJudgement(k)) return k;
    if (!k.stops.length) {
      if (k.interactive === 0) return judgement('not_applicable');
      return judgement('cant_tell', [detail('focus.no_stops', `Phím Tab không dừng ở phần tử nào (trang có ${k.interactive} phần tử tương tác): không thử được dấu hiệu tiêu điểm.`, `Tab stopped at no element (the page has ${k.interactive} interactive elements): the focus indicator could not be tested.`, { data: { interactive: k.interactive } })]);
    }
    const fails: FindingDetail[] = [];
    const unsure: FindingDetail[] = [];
    k.focus.forEach((s, i) => {
      const data = { element: s.element, verdict: s.verdict, reason: s.reason, changedArea: s.changedArea, strongArea: s.strongArea, requiredArea: s.requiredArea, maxContrast: s.maxContrast, clip: s.clip, crop: s.crop ? `keyboard.focus[${i}].crop` : null };
      const evidence = { blob: 'evidence' as const, path: `keyboard.focus[${i}]` };
      if (s.verdict === 'none') {
        fails.push(detail('keyboard.no_focus_indicator',
          `Không thấy dấu hiệu tiêu điểm trên ${where(s.element, 'vi')}: vùng quanh phần tử (${s.clip?.width}×${s.clip?.height} điểm ảnh) không đổi điểm ảnh nào khi nhận tiêu điểm. Cách sửa: thêm :focus-visible { outline: 2px solid … } tương phản ít nhất 3:1, đừng dùng outline: none mà không có dấu hiệu khác.`,
          `No visible focus indicator on ${where(s.element, 'en')}: not one pixel of its neighbourhood (${s.clip?.width}×${s.clip?.height} px) changed when it took the focus. Fix: add :focus-visible { outline: 2px solid … } at 3:1 contrast or more; never outline: none without another indicator.`,
          { data, evidence }));
      } else if (s.verdict === 'faint') {
        unsure.push(detail('focus.faint',
          `Cần người xem: dấu hiệu tiêu điểm trên ${where(s.element, 'vi')} nhỏ hoặc mờ (${s.strongArea}/${s.requiredArea} điểm ảnh tương phản ≥ 3:1, thay đổi ${s.changedArea} điểm ảnh, tương phản lớn nhất ${s.maxContrast}:1).`,
          `Needs a person: the focus indicator on ${where(s.element, 'en')} is small or faint (${s.strongArea}/${s.requiredArea} px at ≥ 3:1, ${s.changedArea} px changed, highest contrast ${s.maxContrast}:1).`,
          { data, evidence }));
      } else if (s.verdict !== 'visible') {
        unsure.push(detail('focus.not_measured',
          `Không đo được dấu hiệu tiêu điểm trên ${where(s.element, 'vi')} (${s.verdict === 'unstable' ? 'vùng quanh phần tử đang chuyển động' : s.reason}).`,
          `The focus indicator on ${where(s.element, 'en')} could not be measured (${s.verdict === 'unstable' ? 'its neighbourhood is animated' : s.reason}).`,
          { data, evidence }));
      }
    });
    if (fails.length) return judgement('fail', fails);
    if (unsure.length) return judgement('cant_tell', unsure);
    const visible = k.focus.length;
    if (!k.completed || k.focusNotSampled > 0) {
      return judgement('cant_tell', [detail('focus.sampled',
        `${visible} điểm dừng Tab đầu tiên đều có dấu hiệu tiêu điểm rõ; ${k.focusNotSampled} điểm dừng chưa đo${k.completed ? '' : ' và vòng Tab chưa đi hết'}: phần còn lại cần người kiểm tra.`,
        `The first ${visible} Tab stops all show a visible focus indicator; ${k.focusNotSampled} stops were not measured${k.completed ? '' : ' and the Tab walk did not go all the way round'}: the rest needs a person.`,
        { data: { measured: visible, notSampled: k.focusNotSampled, completed: k.completed } })]);
    }
    return judgement('pass', [detail('focus.ok', `Cả ${visible} điểm dừng Tab đều có dấu hiệu tiêu điểm rõ (đo trên điểm ảnh).`, `All ${visible} Tab stops show a visible focus indicator (measured on pixels).`, { data: { measured: visible } })]);
  },
};
