// Tiếng Việt của phần config trong danh mục (xem ../parts.ts): cùng các khóa với config.en.ts.
import type { ViPart } from '../types.ts';
import type { configEn } from './config.en.ts';

export const configVi: ViPart<typeof configEn> = {
};
