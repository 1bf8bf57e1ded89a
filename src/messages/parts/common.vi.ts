// Tiếng Việt của phần common trong danh mục (xem ../parts.ts): cùng các khóa với common.en.ts.
import type { ViPart } from '../types.ts';
import type { commonEn } from './common.en.ts';

export const commonVi: ViPart<typeof commonEn> = {
};
