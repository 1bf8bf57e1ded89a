// Danh mục tiếng Việt (ngôn ngữ mặc định): các phần trong parts.ts gộp lại, cùng các khóa với en.ts.
import { PARTS } from './parts.ts';
import type { ViCatalogue } from './types.ts';

export const vi: ViCatalogue = {
  ...PARTS.common.vi,
  ...PARTS.cli.vi,
  ...PARTS.config.vi,
  ...PARTS.report.vi,
  ...PARTS.dashboard.vi,
  ...PARTS.kpi.vi,
  ...PARTS.alerts.vi,
  ...PARTS.checks.vi,
  ...PARTS.a11y.vi,
};
