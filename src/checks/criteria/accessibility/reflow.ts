// At 320 CSS pixels wide (a small phone, or 1280 px zoomed to 400%) the page needs no
// horizontal scrolling.
import { detail, judgement, type PageCriterion } from '../criterion.ts';

export const reflow: PageCriterion = {
  id: 'accessibility.reflow',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Không phải cuộn ngang ở độ rộng 320 điểm ảnh', en: 'No horizontal scrolling at 320 CSS px' },
  description: { vi: 'Ở màn hình rộng 320 điểm ảnh CSS, nội dung tự xuống dòng, không phải cuộn ngang.', en: 'At a width of 320 CSS pixels the content reflows without horizontal scrolling.' },
  severity: 'moderate',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt26_2020' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }],
  wcag: ['1.4.10'],
  advice: { vi: 'Dùng bố cục co giãn (đơn vị %, max-width, flex/grid xuống dòng) thay cho chiều rộng cố định; chỉ bảng số liệu, bản đồ, sơ đồ được cuộn ngang.', en: 'Use a fluid layout (%, max-width, wrapping flex/grid) instead of fixed widths; only data tables, maps and diagrams may scroll sideways.' },
  judge(page) {
    const r = page.reflow;
    if (!r) return judgement('error', [detail('reflow.not_run', 'Chưa đo ở độ rộng 320 điểm ảnh.', 'Not measured at 320 px.')]);
    if (r.scrollWidth <= r.clientWidth + 1) return judgement('pass');
    return judgement('fail', [detail('reflow.overflow', `Ở độ rộng ${r.width} điểm ảnh, trang rộng ${r.scrollWidth} điểm ảnh: phải cuộn ngang.`, `At ${r.width} px the page is ${r.scrollWidth} px wide: horizontal scrolling.`, { data: { ...r }, evidence: { blob: 'evidence', path: 'reflow' } })]);
  },
};
