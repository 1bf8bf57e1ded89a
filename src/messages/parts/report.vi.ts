// Tiếng Việt của phần report trong danh mục (xem ../parts.ts): cùng các khóa với report.en.ts.
import type { ViPart } from '../types.ts';
import type { reportEn } from './report.en.ts';

export const reportVi: ViPart<typeof reportEn> = {
};
