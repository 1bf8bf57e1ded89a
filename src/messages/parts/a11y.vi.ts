// Tiếng Việt của phần a11y trong danh mục (xem ../parts.ts): cùng các khóa với a11y.en.ts.
import type { ViPart } from '../types.ts';
import type { a11yEn } from './a11y.en.ts';

export const a11yVi: ViPart<typeof a11yEn> = {
};
