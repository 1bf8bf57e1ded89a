import { judgement, type PageCriterion } from '../criterion.ts';
import { inList, judgeAxeRules } from './axe-rules.ts';

export const MOVING_TEXT_RULES = ['marquee', 'blink', 'meta-refresh'];

export const noMovingText: PageCriterion = {
  id: 'accessibility.no-moving-text',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Không có chữ chạy, chữ nhấp nháy hay tự làm mới trang', en: 'No moving or blinking text, no automatic refresh' },
  description: { vi: 'Trang không dùng chữ chạy (marquee), chữ nhấp nháy (blink) hay tự tải lại theo thời gian.', en: 'The page uses no scrolling (marquee) or blinking text and does not refresh itself on a timer.' },
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (không dùng chữ nhấp nháy, chữ chạy)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }],
  wcag: ['2.2.1', '2.2.2'],
  judge(page) {
    const judged = judgeAxeRules(page, inList(MOVING_TEXT_RULES));
    // Nothing that moves or refreshes on the page is what the criterion asks for.
    return judged.outcome === 'not_applicable' ? judgement('pass') : judged;
  },
};
