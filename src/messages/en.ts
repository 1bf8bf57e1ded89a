// The English catalogue: every part's messages in one object (parts.ts).
import { PARTS } from './parts.ts';

export const en = {
  ...PARTS.common.en,
  ...PARTS.cli.en,
  ...PARTS.config.en,
  ...PARTS.report.en,
  ...PARTS.dashboard.en,
  ...PARTS.kpi.en,
  ...PARTS.alerts.en,
  ...PARTS.checks.en,
  ...PARTS.a11y.en,
};
