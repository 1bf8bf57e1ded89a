// Tiếng Việt của phần checks trong danh mục (xem ../parts.ts): cùng các khóa với checks.en.ts.
import type { ViPart } from '../types.ts';
import type { checksEn } from './checks.en.ts';

export const checksVi: ViPart<typeof checksEn> = {
};
