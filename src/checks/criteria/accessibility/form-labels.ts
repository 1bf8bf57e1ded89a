import { type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';

export const FORM_LABEL_RULES = ['label', 'select-name', 'input-button-name', 'button-name', 'aria-input-field-name', 'aria-toggle-field-name', 'form-field-multiple-labels'];

export const formLabels: PageCriterion = {
  id: 'accessibility.form-labels',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Trường biểu mẫu và nút có nhãn', en: 'Form fields and buttons are labelled' },
  description: { vi: 'Mỗi ô nhập, ô chọn và nút có nhãn mà trình đọc màn hình đọc được.', en: 'Every input, select and button has a label a screen reader can announce.' },
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 15 khoản 2 điểm a' }],
  wcag: ['1.3.1', '3.3.2', '4.1.2'],
  axeRules: FORM_LABEL_RULES,
  advice: { vi: 'Gắn nhãn <label for> cho từng ô nhập và ô chọn (hoặc aria-label/aria-labelledby); nút cần chữ hoặc tên dễ hiểu.', en: 'Give every input and select a <label for> (or aria-label/aria-labelledby); buttons need text or an accessible name.' },
  judge: (page) => judgeAxeRules(page, FORM_LABEL_RULES),
};
