// Tiếng Việt của phần alerts trong danh mục (xem ../parts.ts): cùng các khóa với alerts.en.ts.
import type { ViPart } from '../types.ts';
import type { alertsEn } from './alerts.en.ts';

export const alertsVi: ViPart<typeof alertsEn> = {
};
