// Tiếng Việt của phần common trong danh mục (xem ../parts.ts): cùng các khóa với common.en.ts.
import type { ViPart } from '../types.ts';
import type { commonEn } from './common.en.ts';

export const commonVi: ViPart<typeof commonEn> = {
  'common.locale': 'vi-VN',
  'common.noData': 'không có số liệu',
  'common.points': '{{number}} điểm %',
  'common.monthLabel': 'tháng {{month, number}}/{{year}}',
  'common.shortMonth': 'T{{month, number}}/{{yy, number(minimumIntegerDigits: 2)}}',

  'common.duration.seconds': '{{n}} giây',
  'common.duration.days': '{{n}} ngày',
  'common.duration.hours': '{{n}} giờ',
  'common.duration.minutes': '{{n}} phút',

  'common.uptime.availabilityFormula': 'tỷ lệ sẵn sàng = (HOẠT ĐỘNG + SUY GIẢM) ÷ (HOẠT ĐỘNG + SUY GIẢM + NGỪNG HOẠT ĐỘNG) × 100, đếm theo lần đo; BẢO TRÌ và KHÔNG XÁC ĐỊNH không tính; p50/p95 là cận trên của ô biểu đồ chứa phân vị, chỉ tính lần đo HOẠT ĐỘNG và SUY GIẢM.',
};
