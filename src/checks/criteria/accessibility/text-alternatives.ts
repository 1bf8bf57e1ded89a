import { type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';

export const TEXT_ALTERNATIVE_RULES = ['image-alt', 'input-image-alt', 'area-alt', 'object-alt', 'svg-img-alt', 'role-img-alt', 'server-side-image-map', 'video-caption'];

export const textAlternatives: PageCriterion = {
  id: 'accessibility.text-alternatives',
  area: 'accessibility',
  scope: 'page',
  title: { vi: 'Hình ảnh có văn bản thay thế', en: 'Images have text alternatives' },
  description: { vi: 'Mọi hình ảnh, nút hình ảnh và đối tượng không phải chữ có văn bản thay thế cho người dùng trình đọc màn hình.', en: 'Every image, image button and non-text object has a text alternative for screen-reader users.' },
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt32_2017', article: 'Điều 18 (văn bản thay thế)' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }, { instrument: 'nd224_2026', article: 'Điều 10 khoản 3' }],
  wcag: ['1.1.1'],
  axeRules: TEXT_ALTERNATIVE_RULES,
  advice: { vi: 'Thêm thuộc tính alt mô tả nội dung cho mỗi hình có ý nghĩa (alt="" cho hình trang trí); nút hình ảnh và đối tượng nhúng cần tên dễ hiểu; video cần phụ đề.', en: 'Give every meaningful image an alt text that says what it shows (alt="" for decoration); image buttons and embedded objects need a name; videos need captions.' },
  judge: (page) => judgeAxeRules(page, TEXT_ALTERNATIVE_RULES),
};
