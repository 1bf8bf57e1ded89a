// Tiếng Việt của phần kpi trong danh mục (xem ../parts.ts): cùng các khóa với kpi.en.ts.
import type { ViPart } from '../types.ts';
import type { kpiEn } from './kpi.en.ts';

export const kpiVi: ViPart<typeof kpiEn> = {
};
