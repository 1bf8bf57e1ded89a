// Tiếng Việt của phần dashboard trong danh mục (xem ../parts.ts): cùng các khóa với dashboard.en.ts.
import type { ViPart } from '../types.ts';
import type { dashboardEn } from './dashboard.en.ts';

export const dashboardVi: ViPart<typeof dashboardEn> = {
};
